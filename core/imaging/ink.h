#pragma once
// Online ink (pen strokes) and the one rasterizer that turns it into a line image: the
// canvas, InkML files and the synthetic pen trajectories used for training all go
// through rasterizeInk(), so the model sees drawn ink the way it was trained on it.

#include "imaging/line_image.h"
#include "imaging/line_metrics.h"

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

// How large ink is drawn for the network: as large as handwriting is in the scanned lines
// it learned from. inklens_line_stats measured 3,000 training lines of copiste-dev and
// testaments at the model's height (docs/model.md, "Ink at the size of the scans"): the
// x-height band (with the pen's width) spans a median 0.34 of the line (p25 0.28, p75
// 0.43), centred at 0.55 of the height, the stroke 0.10 of that band; the synthetic
// Hershey lines the model also learned from span 0.34, centred at 0.53. Ink is drawn
// with its x-height (without the pen) at 0.30 of the height, the pen 0.08 of it: chosen
// by reading the held-out stand-ins for pen ink (docs/model.md).
struct RasterOptions
{
    int height = 40;            // output height (the model's input height)
    float xHeight = 0.30f;      // the ink's x-height (inkXHeight) as a fraction of the height
    float centre = 0.55f;       // where the x-height band's centre lands, as a fraction
    float penWidth = 0.08f;     // stroke width as a fraction of the x-height at pressure 0.5
    float pressureGain = 1.0f;  // 0: width ignores pressure; 1: width = base * (0.5 + pressure)
    bool deskew = false;        // inkToLine: level the baseline (the points, before rasterizing)
    int supersample = 4;        // drawn this many times larger, then area-downsampled
    int threads = 2;            // a raster of a few words or more is drawn in this many column
                                // slices at once (the same pixels as drawn in one)
};

// The x-height band of the ink, in its own units (y down): xHeightBand() of the ink's
// length per height (each segment's length spread over the heights it spans, in bins of a
// sixteenth of the central 60 % of the ink's length), so the same estimator as for a
// picture's rows, without the pen's width. Unit-free: the same ink scaled, shifted or
// resampled gives the same band, scaled and shifted; on a line at least kMinSkewAspect
// times as wide as tall the profile is taken across the line's own slope (length-weighted
// least squares), the band given at its middle column, so that a long line written uphill
// is not measured as tall as its rise. A word without ascenders ("aqua")
// is all x-height; all capitals, digits or a single tall letter measure as their own
// height (nothing in the ink tells them from small letters). Ink with no height (a dot,
// a level line) gets a band of an eighth of its width, or 1 unit, centred on it. Empty
// band for empty ink.
Band inkXHeight(const Ink& ink);

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
