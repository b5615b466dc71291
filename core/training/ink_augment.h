#pragma once
// Augmentation of pen ink before it is rasterized (issue #13): each training step draws a
// new variant of an ink sample, so that the network sees a writer's line written again
// with another hand, pen and device rather than the same picture distorted. The variant
// keeps the strokes, their number and their order; only the points move, thin out or
// densify. Lengths are in units of the ink's x-height (imaging::inkXHeight), so the
// parameters mean the same for ink in pixels, millimetres or tablet units.
//
// What is drawn, per variant:
//   scale s, aspect a        x *= s * a, y *= s (about the x-height band's centre)
//   slant k                  x -= k * (y - centre)            (a shear: k = tan of the slant)
//   rotation r               a turn about the centre
//   baseline drift           y += d * xh * c(x), c a sum of two sines of random phase and
//                            wavelength 3-12 x-heights, |c| <= 1
//   wobble                   a slow displacement along the pen's path (wavelength 0.6-2.5
//                            x-heights), at most w * xh in x and in y
//   jitter                   per point, a clipped normal, at most j * xh in x and in y
//   pen width                a factor for RasterOptions::penWidth
//   pressure                 p * g + slow variation along the path, clamped to [0, 1]
//   point density            each stroke resampled along its length at f times its median
//                            point spacing (first and last point kept, times and pressure
//                            interpolated)
//   dropped / duplicated     interior points, each with a small probability
// Deterministic for a given Rng state.

#include "imaging/ink.h"
#include "nn/param.h"

namespace inklens::training {

struct InkAugmentOptions
{
    float scale = 0.12f;     // s in [1 - scale, 1 + scale]
    float aspect = 0.15f;    // a in [1 - aspect, 1 + aspect] (narrower or wider writing)
    float slant = 0.35f;     // |k| <= slant
    float rotateDeg = 3.f;   // |r| <= rotateDeg
    float drift = 0.25f;     // d in [0, drift] (x-heights)
    float wobble = 0.04f;    // w in [0, wobble] (x-heights)
    float jitter = 0.025f;   // j in [0, jitter] (x-heights)
    float penWidth = 0.4f;   // width factor in [1 - penWidth, 1 + penWidth]
    float pressure = 0.35f;  // g in [1 - pressure, 1 + pressure], slow variation +- pressure/2
    float density = 0.6f;    // f in [1 / (1 + density), 1 + density] (0: no resampling)
    float dropProb = 0.03f;  // per interior point
    float duplicateProb = 0.03f;
};

// The parameters one variant was drawn with (for the tests and for inspection).
struct InkVariantParams
{
    float scale = 1, aspect = 1, slant = 0, rotation = 0;  // rotation in radians
    float drift = 0, wobble = 0, jitter = 0;               // x-heights
    float penWidth = 1, pressureGain = 1, density = 1;
    float xHeight = 0;  // the unit: inkXHeight(ink).height() of the input
};

struct InkVariant
{
    imaging::Ink ink;
    InkVariantParams params;
};

// A new variant of the ink. Empty ink gives empty ink.
InkVariant augmentInk(const imaging::Ink& ink, nn::Rng& rng, const InkAugmentOptions& o = {});

}  // namespace inklens::training
