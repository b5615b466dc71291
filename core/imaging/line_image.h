#pragma once
// Line normalization: the one code path from a picture of a text line (a scan crop,
// the rasterized canvas ink, a synthetic rendering) to what the network reads.
//
//   gray 8-bit, dark ink on light paper  ->  float, ink = 1, paper = 0,
//   contrast stretched, cropped to the ink columns, scaled to a fixed height
//   (aspect kept), with a small margin, width a multiple of 4.

#include <opencv2/core.hpp>

#include <utility>
#include <vector>

namespace inklens::imaging {

struct LineImage
{
    int height = 0, width = 0;
    std::vector<float> pixels;  // row-major, height x width, ink = 1
    // Where the columns came from: source columns [sourceX0, sourceX0 + sourceWidth) were
    // scaled to scaledWidth columns placed after `margin` columns of paper.
    int sourceX0 = 0, sourceWidth = 0, sourceColumns = 0, scaledWidth = 0, margin = 0;
    // The horizontal shear applied by deslanting (x' = x + shear * (y - centre row)); 0 when
    // not deslanted. Columns map to the source along the centre row.
    float shear = 0;
    // The vertical shear applied by deskewing (y' = y + skew * (x - centre column)); 0 when
    // not deskewed. Columns do not move.
    float skew = 0;

    bool empty() const { return width == 0; }
    cv::Mat mat() { return cv::Mat(height, width, CV_32F, pixels.data()); }
    // Columns first..last of this image -> the source columns they cover (clamped).
    std::pair<int, int> toSource(int first, int last) const;
};

struct NormalizeOptions
{
    int height = 32;
    int margin = 4;           // columns of paper added left and right (in output pixels)
    int maxWidth = 4096;      // longer lines are scaled down to this
    bool cropColumns = true;  // drop paper columns left and right of the ink
    bool deslant = false;     // shear the ink upright first (estimateShear)
    bool deskew = false;      // level the baseline first (estimateSkew), before deslanting
};

// The shear s in [-maxShear, maxShear] (steps of 0.05) that makes the strokes of an ink
// image (CV_32F, ink = 1) most vertical: x' = x + s * (y - rows / 2) maximizes the sum of
// squared heights of the columns whose ink is one unbroken vertical run (Vinciarelli and
// Luettin, 2001). 0 for an image without ink.
float estimateShear(const cv::Mat& ink, float maxShear = 1.0f);

// The vertical shear k in [-maxSkew, maxSkew] (steps of 0.0025, about 0.14 degrees) that
// levels a skewed line of ink (CV_32F, ink = 1): y' = y + k * (x - cols / 2) makes the
// horizontal projection profile sharpest (largest sum of squared row totals: the
// projection-profile method, as a shear, which for a few degrees is a rotation). 0 for an
// image without ink, when no shear scores better than none, below minSkew (about a
// degree: such a tilt does not trouble the network, which is trained with rotations, and
// is mostly the estimate's noise on level lines), and for an image less than
// kMinSkewAspect times as wide as it is tall (a word or two: too little baseline to
// measure, too short for a tilt to matter). docs/model.md, skew correction.
inline constexpr int kMinSkewAspect = 4;
float estimateSkew(const cv::Mat& ink, float maxSkew = 0.15f, float minSkew = 0.02f);

// gray: CV_8UC1, dark ink on light paper. Returns an empty LineImage when there is no ink.
LineImage normalizeLine(const cv::Mat& gray, const NormalizeOptions& options = {});

// Already ink-positive float input (CV_32F, ink = 1, paper = 0), e.g. rasterized ink.
LineImage normalizeInkLine(const cv::Mat& ink, const NormalizeOptions& options = {});

}  // namespace inklens::imaging
