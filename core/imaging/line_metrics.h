#pragma once
// The size of handwriting in a line, measured the same way on a picture and on ink, so
// that drawn ink can be rendered at the size the model learned from scans.
//
// The x-height band (the zone between the baseline and the top of a, c, e, m, n, o...) is
// where a line's ink is densest: ascenders, descenders and capitals add only a thinner
// density above and below it. It is found on the line's vertical ink profile (ink per
// row) as the interval that holds the most ink above a fraction of the peak density:
// the maximum-sum interval of profile - kBandThreshold * peak (Kadane). That keeps the
// band whole where printed letters leave a thinner middle (an 'o' inks its top and bottom
// more than its sides) and leaves out a few ascenders however tall; it is widened to hold
// at least the central 60 % of the ink (the 20th to 80th percentile of the profile), for
// a lone 'o', whose top and bottom alone are denser than its sides. A word without
// ascenders ("aqua", "mom") is all x-height; all capitals and digits measure as their own
// height.

#include <opencv2/core.hpp>

#include <vector>

namespace inklens::imaging {

// Measured on Hershey lines of known x-height: 0.5 finds their x-height plus the pen
// width (median 0.33 of the line for 0.275 + pen); 0.35 reached into the ascenders.
inline constexpr float kBandThreshold = 0.5f;

struct Band
{
    float top = 0, bottom = 0;  // in the profile's units (rows, or ink units)
    float height() const { return bottom - top; }
    float centre() const { return 0.5f * (top + bottom); }
    bool empty() const { return !(bottom > top); }
};

// The x-height band of an ink profile: profile[i] is the ink in row i, rows of equal
// height; the band is returned in rows (top of its first row to bottom of its last,
// refined to fractions of a row where the profile crosses the threshold). Empty for a
// profile without ink. The profile is smoothed first by `smoothRows` (a Gaussian's sigma).
Band xHeightBand(const std::vector<float>& profile, float smoothRows = 0.f);

// What a line image (CV_32F, ink = 1, paper = 0) shows: its x-height band in rows, and
// the stroke width in pixels (ink area over half the outline's length, on the pixels of at
// least half ink). Empty band and width 0 without ink.
struct LineMetrics
{
    Band xBand;
    float strokeWidth = 0;
    int height = 0;
    float xHeightFraction() const { return height > 0 ? xBand.height() / float(height) : 0.f; }
    float centreFraction() const { return height > 0 ? xBand.centre() / float(height) : 0.f; }
    float strokeInXHeights() const { return xBand.empty() ? 0.f : strokeWidth / xBand.height(); }
};
LineMetrics measureLine(const cv::Mat& ink);

}  // namespace inklens::imaging
