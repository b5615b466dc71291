#pragma once
// Augmentation of normalized line images (ink = 1, fixed height): slant, rotation,
// horizontal and vertical scale, stroke width, blur, noise, contrast. Deterministic for
// a given Rng state.

#include "imaging/line_image.h"
#include "nn/param.h"

namespace inklens::training {

struct AugmentOptions {
    float slant = 0.35f;        // max |shear| (x += slant * (y - h/2))
    float rotateDeg = 2.0f;
    float scaleX = 0.2f;        // x scale in [1 - s, 1 + s]
    float scaleY = 0.12f;
    float shiftY = 0.06f;       // fraction of the height
    float strokeProb = 0.3f;    // dilate or erode
    float blurProb = 0.2f;
    float noise = 0.08f;
    float contrastMin = 0.55f;  // ink intensity scaled into [contrastMin, 1]
};

imaging::LineImage augmentLine(const imaging::LineImage& in, nn::Rng& rng, const AugmentOptions& o = {});

}  // namespace inklens::training
