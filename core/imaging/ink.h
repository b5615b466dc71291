#pragma once
// Online ink (pen strokes) and the one rasterizer that turns it into a line image: the
// canvas, InkML files and the synthetic pen trajectories used for training all go
// through rasterizeInk(), so the model sees drawn ink the way it was trained on it.

#include "imaging/line_image.h"

#include <opencv2/core.hpp>

#include <vector>

namespace inklens::imaging {

struct InkPoint
{
    float x = 0, y = 0;     // any unit, y down
    float t = 0;            // seconds since the first point (0 when unknown)
    float pressure = 0.5f;  // 0..1 (0.5 when the device has none)
};

struct Stroke
{
    std::vector<InkPoint> points;
};

struct Ink
{
    std::vector<Stroke> strokes;
    bool empty() const;
    cv::Rect2f bounds() const;
};

struct RasterOptions
{
    int height = 40;             // output height (the model's input height)
    float coreFraction = 0.30f;  // the ink's core band (x-height) as a fraction of the height
    float centre = 0.52f;        // where the core's centre lands, as a fraction of the height
    float penWidth = 0.11f;      // stroke width as a fraction of the core band at pressure 0.5
    float pressureGain = 1.0f;   // 0: width ignores pressure; 1: width = base * (0.5 + pressure)
    bool deskew = false;         // inkToLine: level the baseline (the points, before rasterizing)
    int supersample = 4;         // drawn this many times larger, then area-downsampled
};

// The core band of the ink: the y range holding the central 60 % of the ink's length
// (length-weighted 20th..80th percentiles of y). A robust, unit-free size of the writing.
struct InkCore
{
    float top = 0, bottom = 0;
    float height() const { return bottom - top; }
};
InkCore inkCore(const Ink& ink);

// Renders the ink as a float image, ink = 1, of exactly options.height rows, scaled from
// the ink itself (its core band), anti-aliased, widths from pressure. Empty ink gives an
// empty Mat.
cv::Mat rasterizeInk(const Ink& ink, const RasterOptions& options = {});

// rasterizeInk + normalizeInkLine: what the network reads. With options.deskew, the skew is
// estimated on a rasterization at twice the height, supersampled twice (estimateSkew), and
// the points are sheared (y' = y + skew * x) before the one that is read; LineImage::skew
// reports it.
LineImage inkToLine(const Ink& ink, const RasterOptions& options = {});

}  // namespace inklens::imaging
