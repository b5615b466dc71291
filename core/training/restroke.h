#pragma once
// Re-stroking: pen trajectories recovered from a scanned text line, redrawn with a pen
// model (time stamps, pressure, jitter), so that real people's writing can be read and
// trained on as ink (issue #13: a dev-side stand-in for real pen ink, and training data).
//
// The steps (restroke.cpp): contrast normalization against a local paper estimate;
// hysteresis binarization; removal of ruled lines (long horizontal runs, kept where a
// stroke crosses them), specks, and fragments of the neighbouring lines (components that
// touch the top or bottom border and lie mostly outside the main text band); small holes
// filled; Zhang-Suen thinning to an 8-connected skeleton without redundant pixels; the
// skeleton as a graph (end points, junction clusters, pixel paths), short spurs pruned;
// at each junction the edges are paired by continuity of direction (a "T" gives the bar
// and the stem, an "X" two strokes), loops first; chains of paired edges become strokes,
// free ends extended by half the stroke width (the skeleton is shorter than the ink);
// strokes joined through short gaps; each stroke oriented left to right (top down when
// nearly vertical; loops from their top, counter-clockwise), ordered left to right with
// diacritics after the stroke below them; smoothed; then timed (a writer's speed, slower
// in curves and at the ends, the 2/3 power law's R^(1/3)), sampled at the writer's device
// rate, with pressure rising, varying and falling along each stroke, and a little jitter.
//
// Qt-free: OpenCV core/imgproc only. Coordinates are the scan's pixels (y down).

#include "imaging/ink.h"

#include <opencv2/core.hpp>

#include <cstdint>

namespace inklens::training {

struct RestrokeOptions
{
    // Input. Pictures with more pixels are refused (nn::EngineError); pictures with fewer
    // rows or columns than minSide give empty ink.
    long long maxPixels = 8'000'000;
    int minSide = 8;
    int upscaleBelow = 150;  // pictures with fewer rows are traced at twice their size
    // Cleaning.
    bool removeRuledLines = true;
    bool removeNeighbours = true;  // fragments of the lines above and below
    float speckArea = 0.6f;        // components under speckArea * strokeWidth^2 pixels go
    float holeArea = 0.3f;         // holes under holeArea * strokeWidth^2 pixels are filled
    // Tracing (lengths in stroke widths).
    float spurLength = 1.3f;   // skeleton branches to an end point shorter than this go
    float joinGap = 1.6f;      // stroke ends closer than this are joined (if aligned)
    float pairTurnDeg = 55.f;  // edges at a junction continue each other below this turn
    float smoothSigma = 1.2f;  // Gaussian smoothing of the traced paths, pixels
    // Pen model. The writer's pen (speed, rate, pressure) comes from writerSeed, or from
    // the line's seed when it is 0; a line's jitter always from the line's seed.
    std::uint64_t writerSeed = 0;
    float speedMin = 5.f, speedMax = 10.f;  // x-heights per second
    float rateMin = 90.f, rateMax = 200.f;  // device samples per second
    float pressureMin = 0.35f, pressureMax = 0.7f;
    float jitter = 0.2f;  // pixels (correlated noise on the points)
};

// What the steps found, for tests and previews.
struct RestrokeTrace
{
    cv::Mat binary;    // CV_8UC1 0/255: the ink kept (after cleaning)
    cv::Mat skeleton;  // CV_8UC1 0/255: the pruned skeleton
    float strokeWidth = 0;
    int bandTop = 0, bandBottom = 0;  // the main text band (rows, bottom exclusive)
};

// A scanned text line (CV_8UC1, dark ink on light paper) as pen strokes in its pixel
// coordinates. Empty ink for a blank or too small picture. Deterministic for the seed.
// Throws nn::EngineError for another pixel type or more than options.maxPixels pixels.
imaging::Ink restrokeLine(const cv::Mat& gray, const RestrokeOptions& options, std::uint64_t seed,
                          RestrokeTrace* trace = nullptr);

// Zhang-Suen thinning of a binary picture (non-zero = ink) to a one-pixel, 8-connected
// skeleton without redundant corner pixels; CV_8UC1 0/255.
cv::Mat thinZhangSuen(const cv::Mat& binary);

// The ink drawn at its own coordinates (pixels, y down) into a white picture of the given
// size: CV_8UC1, dark strokes of the given width at pressure 0.5 (scaled by 0.5 + pressure).
cv::Mat drawInkAt(const imaging::Ink& ink, cv::Size size, float width);

// A picture to compare by eye: the scan, the re-stroked ink drawn at the scan's size (each
// stroke in its own gray tone so the splits show), and what the reader sees of the ink
// (imaging::inkToLine at the scan's height), stacked; with a trace, the ink kept (gray) and
// its skeleton (black) after the scan. CV_8UC1.
cv::Mat restrokePreview(const cv::Mat& gray, const imaging::Ink& ink, float strokeWidth,
                        const RestrokeTrace* trace = nullptr);

}  // namespace inklens::training
