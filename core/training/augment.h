#pragma once
// Augmentation of normalized line images (ink = 1, fixed height): slant, rotation,
// horizontal and vertical scale, fragments of neighbouring lines, elastic distortion,
// stroke width, blur, contrast, paper texture (with ruling), noise. Deterministic for a
// given Rng state.

#include "imaging/line_image.h"
#include "nn/param.h"

namespace inklens::training {

struct AugmentOptions
{
    float slant = 0.35f;  // max |shear| (x += slant * (y - h/2))
    float rotateDeg = 2.0f;
    float scaleX = 0.2f;  // x scale in [1 - s, 1 + s]
    float scaleY = 0.12f;
    float shiftY = 0.06f;     // fraction of the height
    float strokeProb = 0.3f;  // dilate or erode
    float blurProb = 0.2f;
    float noise = 0.08f;
    float contrastMin = 0.55f;    // ink intensity scaled into [contrastMin, 1]
    float neighbourProb = 0.25f;  // descenders / ascenders of the lines above or below
    float elasticProb = 0.3f;
    float elasticPixels = 1.5f;  // max displacement of the elastic distortion
    float paperProb = 0.3f;      // uneven paper tone, sometimes a ruled line
    float paperMax = 0.15f;      // darkest paper tone (ink = 1)
};

// The single steps, on ink images (CV_32F, ink = 1), in place; exposed for the tests.
// The lines above and below: the image itself, shifted by 70-85 % of its height up and/or
// down and sideways, over a random part of the width, drawn under the ink (max).
void addNeighbourFragments(cv::Mat& ink, nn::Rng& rng);
// A smooth random displacement field (a coarse grid of offsets, interpolated) of at most
// maxPixels, applied with bilinear resampling.
void elasticDistort(cv::Mat& ink, nn::Rng& rng, float maxPixels);
// Paper: a smooth tone in [0, maxTone] under the ink, and with probability 0.3 a faint
// horizontal ruled line near the bottom of the core band.
void addPaperTexture(cv::Mat& ink, nn::Rng& rng, float maxTone);

imaging::LineImage augmentLine(const imaging::LineImage& in, nn::Rng& rng,
                               const AugmentOptions& o = {});

}  // namespace inklens::training
