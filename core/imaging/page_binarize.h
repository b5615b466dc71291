#pragma once
// The first stages of page analysis (imaging::analyzePage): a page picture's paper made
// uniform, its ink found, its skew measured and its ruling removed. OpenCV core/imgproc.
//
//   gray ─ normalizeIllumination ─► paper ≈ 255 ─ binarizeSauvola ─► ink (255) ─ removeRules
//                                        └─ estimateSkew (on the ink, reduced)

#include <opencv2/core.hpp>

namespace inklens::imaging {

// The paper's brightness at every pixel, estimated at low resolution (1/8): a grayscale
// closing removes the ink (dark strokes narrower than `inkWidth` pixels of gray), a median
// smooths what is left; scaled back up. CV_8UC1, gray's size.
cv::Mat estimateBackground(const cv::Mat& gray, int inkWidth);

// gray / background, so that the paper is ≈ 255 everywhere (shadows, gradients and tinted
// paper gone) and the ink keeps its contrast to the paper around it. CV_8UC1.
cv::Mat normalizeIllumination(const cv::Mat& gray, const cv::Mat& background);

// What lies off the page (the table under a photographed page, a scanner's dark lid): when
// the background (estimateBackground) splits clearly in two (Otsu; the darker part under
// 72 % of the paper's brightness), the darker regions that reach the picture's border.
// CV_8UC1, 255 off the page.
cv::Mat offPageMask(const cv::Mat& background);

// Sauvola's threshold T = m (1 + k (s / R - 1)) over a window x window neighbourhood (mean m,
// standard deviation s, R = 128), on the normalized picture: ink (255) where the pixel is
// darker than T and than `maxInk` (paper ≈ 255; faint texture is not ink). CV_8UC1.
cv::Mat binarizeSauvola(const cv::Mat& normalized, int window, double k = 0.2, int maxInk = 225);

// Long straight horizontal and vertical runs of ink (ruled lines, margins, frames, the
// page's dark edges and shadows): at least `minLength` pixels, longer than any stroke of
// writing; and on the rows of the horizontal ones (ruled paper), the pieces at least
// `pieceLength` long of a rule broken up by binarization. The mask of them (CV_8UC1, 255).
cv::Mat ruleMask(const cv::Mat& ink, int minLength, int pieceLength);

// The angle (radians, positive: text rising to the right) that makes the ink's rows most
// peaked: the sum of squares of the row histogram of the ink rotated by -angle, searched in
// [-maxAngle, maxAngle] coarse then fine. On at most maxPoints ink pixels.
double estimateSkew(const cv::Mat& ink, double maxAngle, int maxPoints = 60000);

// The paper's typical gray in a picture of some text (a line's box): the 65th percentile of
// its pixels (ink covers well under a third of a line's box, and the brightest pixels are
// glare or specks). For filling outside a line's outline.
int paperGray(const cv::Mat& gray);

}  // namespace inklens::imaging
