#include "line_image.h"
#include "opencv_version.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace inklens::imaging {

namespace {

// Value below which a fraction q of the pixels lie (q in [0,1]), from a 256-bin histogram.
float percentile(const cv::Mat& f, float q)
{
    int hist[256] = {};
    for (int y = 0; y < f.rows; ++y) {
        const float* r = f.ptr<float>(y);
        for (int x = 0; x < f.cols; ++x)
            ++hist[std::clamp(int(r[x] * 255.f + 0.5f), 0, 255)];
    }
    const long target = long(q * float(f.total()));
    long acc = 0;
    for (int i = 0; i < 256; ++i) {
        acc += hist[i];
        if (acc > target)
            return float(i) / 255.f;
    }
    return 1.f;
}

// x' = x + shear * (y - rows / 2) + pad, into an image wide enough for every row.
cv::Mat shearImage(const cv::Mat& ink, float shear, int* padOut)
{
    const int pad = int(std::ceil(std::abs(shear) * ink.rows / 2.0)) + 1;
    const double yc = ink.rows / 2.0;
    const cv::Matx23d m(1, shear, pad - shear * yc, 0, 1, 0);
    cv::Mat out;
    cv::warpAffine(ink, out, m, cv::Size(ink.cols + 2 * pad, ink.rows), cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT, 0);
    *padOut = pad;
    return out;
}

// y' = y + skew * (x - cols / 2), same size: what moves out of the frame was paper.
cv::Mat skewImage(const cv::Mat& ink, float skew)
{
    const double xc = ink.cols / 2.0;
    const cv::Matx23d m(1, 0, 0, skew, 1, -skew * xc);
    cv::Mat out;
    cv::warpAffine(ink, out, m, ink.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    return out;
}

// The pixels of an ink image (CV_32F, ink = 1) that are at least half ink.
std::vector<cv::Point> inkPoints(const cv::Mat& ink)
{
    CV_Assert(ink.type() == CV_32F);
    std::vector<cv::Point> pts;
    for (int y = 0; y < ink.rows; ++y) {
        const float* r = ink.ptr<float>(y);
        for (int x = 0; x < ink.cols; ++x)
            if (r[x] >= 0.5f)
                pts.emplace_back(x, y);
    }
    return pts;
}

}  // namespace

float estimateSkew(const cv::Mat& ink, float maxSkew, float minSkew)
{
    CV_Assert(ink.empty() || ink.type() == CV_32F);
    if (ink.empty() || ink.cols < kMinSkewAspect * ink.rows)
        return 0.f;
    // The shear moves each column as a whole: y' = y + round(k (x - xc)) for integer y.
    // So the profile of a shear is a sum of column blocks, one per run of columns that
    // move by the same offset, each block a difference of prefix sums over the columns:
    //   prefix[x][r] = ink pixels of row r in columns < x
    //   profile_k[r + o] += prefix[b][r] - prefix[a][r]   for each run [a, b) moved by o
    // A candidate costs (runs x rows) additions instead of one per ink pixel: about
    // |k| cols + 1 runs, e.g. 40 at k = 0.075 on 550 columns.
    const int rows = ink.rows, cols = ink.cols;
    const auto stride = std::size_t(rows);
    std::vector<int> prefix((std::size_t(cols) + 1) * stride, 0);
    bool any = false;
    for (int x = 0; x < cols; ++x) {
        int* next = &prefix[(std::size_t(x) + 1) * stride];
        std::copy_n(&prefix[std::size_t(x) * stride], stride, next);
        for (int y = 0; y < rows; ++y)
            if (ink.at<float>(y, x) >= 0.5f) {  // at least half ink
                ++next[y];
                any = true;
            }
    }
    if (!any)
        return 0.f;
    const double xc = cols / 2.0;
    constexpr float kStep = 0.0025f;
    const int steps = int(std::lround(maxSkew / kStep));
    const int pad = int(std::ceil(maxSkew * cols / 2.0)) + 1;
    std::vector<int> profile(std::size_t(rows + 2 * pad));
    double bestScore = -1;
    float best = 0.f;
    // From 0 outwards: a tie keeps the smaller skew (strictly better to move).
    for (int i = 0; i <= 2 * steps; ++i) {
        const int k = (i % 2 ? 1 : -1) * ((i + 1) / 2);
        const double s = double(kStep) * k;
        std::fill(profile.begin(), profile.end(), 0);
        for (int a = 0; a < cols;) {
            const long offset = std::lround(s * (a - xc));
            int b = a + 1;
            while (b < cols && std::lround(s * (b - xc)) == offset)
                ++b;
            const int* pa = &prefix[std::size_t(a) * stride];
            const int* pb = &prefix[std::size_t(b) * stride];
            int* out = &profile[std::size_t(offset + pad)];
            for (int r = 0; r < rows; ++r)
                out[r] += pb[r] - pa[r];
            a = b;
        }
        double score = 0;
        for (const int c : profile)
            score += double(c) * c;
        if (score > bestScore * (1 + 1e-9)) {
            bestScore = score;
            best = float(s);
        }
    }
    return std::abs(best) < minSkew ? 0.f : best;
}

float estimateShear(const cv::Mat& ink, float maxShear)
{
    const std::vector<cv::Point> pts = inkPoints(ink);
    if (pts.empty())
        return 0.f;
    const double yc = ink.rows / 2.0;
    const int steps = int(std::lround(maxShear / 0.05f));
    const int pad = int(std::ceil(maxShear * ink.rows / 2.0)) + 1;
    const int width = ink.cols + 2 * pad;
    const auto n = static_cast<std::size_t>(width);
    std::vector<int> count(n), top(n), bottom(n);
    double bestScore = -1;
    float best = 0.f;
    // From 0 outwards, so that ties (e.g. no vertical strokes at all) keep the smaller shear.
    for (int i = 0; i <= 2 * steps; ++i) {
        const int k = (i % 2 ? 1 : -1) * ((i + 1) / 2);
        const float s = 0.05f * float(k);
        std::fill(count.begin(), count.end(), 0);
        std::fill(top.begin(), top.end(), ink.rows);
        std::fill(bottom.begin(), bottom.end(), -1);
        for (const cv::Point& p : pts) {
            const int x = int(std::lround(p.x + s * (p.y - yc))) + pad;
            ++count[std::size_t(x)];
            top[std::size_t(x)] = std::min(top[std::size_t(x)], p.y);
            bottom[std::size_t(x)] = std::max(bottom[std::size_t(x)], p.y);
        }
        double score = 0;
        for (int x = 0; x < width; ++x) {
            const int c = count[std::size_t(x)];
            if (c > 0 && c == bottom[std::size_t(x)] - top[std::size_t(x)] + 1)
                score += double(c) * c;
        }
        if (score > bestScore) {
            bestScore = score;
            best = s;
        }
    }
    return best;
}

LineImage normalizeInkLine(const cv::Mat& inkIn, const NormalizeOptions& o)
{
    LineImage out;
    if (inkIn.empty())
        return out;
    cv::Mat ink = inkIn.clone();
    // Contrast: the median is paper, the 99.5th percentile full ink.
    const float lo = percentile(ink, 0.5f);
    const float hi = std::max(percentile(ink, 0.995f), lo + 0.1f);
    ink = (ink - lo) / (hi - lo);
    cv::threshold(ink, ink, 1.0, 1.0, cv::THRESH_TRUNC);
    cv::threshold(ink, ink, 0.0, 0.0, cv::THRESH_TOZERO);
    float skew = 0.f;
    if (o.deskew && (skew = estimateSkew(ink)) != 0.f)
        ink = skewImage(ink, skew);
    int shearPad = 0;
    float shear = 0.f;
    if (o.deslant && (shear = estimateShear(ink)) != 0.f)
        ink = shearImage(ink, shear, &shearPad);
    // Crop to the columns that hold ink.
    int x0 = 0, x1 = ink.cols;
    if (o.cropColumns) {
        cv::Mat colMax;
        cv::reduce(ink, colMax, 0, cv::REDUCE_MAX);
        const float* c = colMax.ptr<float>(0);
        while (x0 < ink.cols && c[x0] < 0.5f)
            ++x0;
        while (x1 > x0 && c[x1 - 1] < 0.5f)
            --x1;
        if (x1 <= x0)
            return out;  // no ink
        const int pad = std::max(1, ink.rows / 16);
        x0 = std::max(0, x0 - pad);
        x1 = std::min(ink.cols, x1 + pad);
    } else if (cv::countNonZero(ink > 0.5f) == 0) {
        return out;
    }
    const cv::Mat crop = ink(cv::Range::all(), cv::Range(x0, x1));
    const double scale = double(o.height) / crop.rows;
    int w = std::max(1, int(std::lround(crop.cols * scale)));
    w = std::min(w, o.maxWidth - 2 * o.margin);
    cv::Mat scaled;
    cv::resize(crop, scaled, cv::Size(w, o.height), 0, 0,
               scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    int total = w + 2 * o.margin;
    total = (total + 3) / 4 * 4;
    out.height = o.height;
    out.width = total;
    out.pixels.assign(std::size_t(total) * o.height, 0.f);
    cv::Mat dst = out.mat();
    scaled.copyTo(dst(cv::Rect(o.margin, 0, w, o.height)));
    out.sourceX0 = x0 - shearPad;
    out.sourceWidth = x1 - x0;
    out.sourceColumns = ink.cols - 2 * shearPad;
    out.shear = shear;
    out.skew = skew;
    out.scaledWidth = w;
    out.margin = o.margin;
    return out;
}

std::string openCvVersion()
{
    return cv::getVersionString();
}

std::pair<int, int> LineImage::toSource(int first, int last) const
{
    if (scaledWidth <= 0 || sourceColumns <= 0)
        return {first, last};
    const double sx = double(sourceWidth) / scaledWidth;
    int a = int(std::floor(sourceX0 + (first - margin) * sx));
    int b = int(std::ceil(sourceX0 + (last + 1 - margin) * sx)) - 1;
    a = std::clamp(a, 0, sourceColumns - 1);
    b = std::clamp(b, a, sourceColumns - 1);
    return {a, b};
}

LineImage normalizeLine(const cv::Mat& gray, const NormalizeOptions& o)
{
    if (gray.empty())
        return {};
    CV_Assert(gray.type() == CV_8UC1);
    cv::Mat ink;
    gray.convertTo(ink, CV_32F, -1.0 / 255.0, 1.0);  // ink = 1 - gray/255
    return normalizeInkLine(ink, o);
}

}  // namespace inklens::imaging
