#include "imaging/page_binarize.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace inklens::imaging {

cv::Mat estimateBackground(const cv::Mat& gray, int inkWidth)
{
    CV_Assert(gray.type() == CV_8UC1);
    constexpr int reduction = 8;
    cv::Mat small;
    cv::resize(gray, small,
               cv::Size(std::max(1, gray.cols / reduction), std::max(1, gray.rows / reduction)), 0,
               0, cv::INTER_AREA);
    // Closing = dilation (max: the dark ink disappears) then erosion (the paper's edges back
    // where they were); the kernel spans the widest ink (strokes, dense words) at 1/8.
    const int k = std::max(3, (inkWidth / reduction) | 1);
    cv::morphologyEx(small, small, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));
    cv::medianBlur(small, small, 5);
    cv::Mat background;
    cv::resize(small, background, gray.size(), 0, 0, cv::INTER_LINEAR);
    return background;
}

cv::Mat normalizeIllumination(const cv::Mat& gray, const cv::Mat& background)
{
    CV_Assert(gray.type() == CV_8UC1 && background.size() == gray.size());
    cv::Mat normalized;
    cv::Mat bg;
    cv::max(background, 1, bg);
    cv::divide(gray, bg, normalized, 255.0, CV_8U);  // saturates at 255
    return normalized;
}

cv::Mat offPageMask(const cv::Mat& background)
{
    cv::Mat small;
    cv::resize(background, small,
               cv::Size(std::max(1, background.cols / 8), std::max(1, background.rows / 8)), 0, 0,
               cv::INTER_AREA);
    cv::Mat dark;
    cv::threshold(small, dark, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    cv::Mat off = cv::Mat::zeros(background.size(), CV_8U);
    const double darkMean = cv::mean(small, dark)[0], paperMean = cv::mean(small, 255 - dark)[0];
    if (cv::countNonZero(dark) == 0 || darkMean >= 0.72 * paperMean)
        return off;
    // Only the dark regions that reach the border (a dark picture on the page stays).
    cv::Mat labels;
    const int n = cv::connectedComponents(dark, labels, 4, CV_32S);
    std::vector<uchar> border(std::size_t(n), 0);
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x)
            if (y == 0 || x == 0 || y == labels.rows - 1 || x == labels.cols - 1)
                border[std::size_t(labels.at<int>(y, x))] = 1;
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x) {
            const int l = labels.at<int>(y, x);
            dark.at<uchar>(y, x) = l > 0 && border[std::size_t(l)] ? 255 : 0;
        }
    cv::resize(dark, off, background.size(), 0, 0, cv::INTER_NEAREST);
    return off;
}

cv::Mat binarizeSauvola(const cv::Mat& normalized, int window, double k, int maxInk)
{
    CV_Assert(normalized.type() == CV_8UC1);
    window = std::max(3, window | 1);
    cv::Mat f, mean, sq, meanSq;
    normalized.convertTo(f, CV_32F);
    cv::boxFilter(f, mean, CV_32F, cv::Size(window, window), cv::Point(-1, -1), true,
                  cv::BORDER_REFLECT);
    cv::multiply(f, f, sq);
    cv::boxFilter(sq, meanSq, CV_32F, cv::Size(window, window), cv::Point(-1, -1), true,
                  cv::BORDER_REFLECT);
    constexpr float R = 128;
    const auto kf = static_cast<float>(k);
    cv::Mat ink(normalized.size(), CV_8U);
    for (int y = 0; y < f.rows; ++y) {
        const float* v = f.ptr<float>(y);
        const float* m = mean.ptr<float>(y);
        const float* m2 = meanSq.ptr<float>(y);
        uchar* out = ink.ptr<uchar>(y);
        for (int x = 0; x < f.cols; ++x) {
            const float s = std::sqrt(std::max(0.0f, m2[x] - m[x] * m[x]));
            const float t = m[x] * (1 + kf * (s / R - 1));
            out[x] = (v[x] < t && v[x] < static_cast<float>(maxInk)) ? 255 : 0;
        }
    }
    return ink;
}

cv::Mat ruleMask(const cv::Mat& ink, int minLength, int pieceLength)
{
    cv::Mat horizontal, vertical;
    cv::morphologyEx(ink, horizontal, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(minLength, 1)));
    cv::morphologyEx(ink, vertical, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, minLength)));
    cv::Mat rules = horizontal | vertical;
    // Ruled paper: the rows where long runs cover a good part of the width are rules; there
    // the shorter pieces (a faint rule breaks up when binarized) go too, while the strokes
    // of writing that cross the rule (short runs along it) stay.
    cv::Mat rowRuns;
    cv::reduce(horizontal, rowRuns, 1, cv::REDUCE_SUM, CV_64F);
    cv::Mat pieces;
    cv::morphologyEx(
        ink, pieces, cv::MORPH_OPEN,
        cv::getStructuringElement(cv::MORPH_RECT, cv::Size(std::max(3, pieceLength), 1)));
    for (int y = 0; y < ink.rows; ++y) {
        if (rowRuns.at<double>(y) < 255.0 * 0.15 * ink.cols)
            continue;
        for (int dy = -2; dy <= 2; ++dy)
            if (y + dy >= 0 && y + dy < ink.rows)
                rules.row(y + dy) |= pieces.row(y + dy);
    }
    // Slightly wider, to take the rule's antialiased edges with it.
    cv::dilate(rules, rules, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
    return rules & ink;
}

double estimateSkew(const cv::Mat& ink, double maxAngle, int maxPoints)
{
    std::vector<cv::Point> points;
    cv::findNonZero(ink, points);
    if (points.size() < 50)
        return 0;
    const std::size_t step = std::max<std::size_t>(1, points.size() / std::size_t(maxPoints));
    std::vector<cv::Point2f> sample;
    for (std::size_t i = 0; i < points.size(); i += step)
        sample.emplace_back(static_cast<float>(points[i].x), static_cast<float>(points[i].y));
    const int rows = ink.rows + ink.cols;  // room for any rotated row
    std::vector<float> histogram(static_cast<std::size_t>(rows) * 2);
    const auto score = [&](double angle) {
        std::fill(histogram.begin(), histogram.end(), 0.0f);
        const auto c = static_cast<float>(std::cos(angle)), s = static_cast<float>(std::sin(angle));
        for (const cv::Point2f& p : sample) {
            const int r = static_cast<int>(p.y * c + p.x * s) + rows;
            if (r >= 0 && r < static_cast<int>(histogram.size()))
                histogram[static_cast<std::size_t>(r)] += 1;
        }
        double sum = 0;
        for (float h : histogram)
            sum += double(h) * h;
        return sum;
    };
    const auto search = [&](double from, double to, double step) {
        double best = from, bestScore = -1;
        for (double a = from; a <= to + 1e-9; a += step) {
            const double v = score(a);
            if (v > bestScore)
                bestScore = v, best = a;
        }
        return best;
    };
    constexpr double degree = std::numbers::pi / 180;
    const double coarse = search(-maxAngle, maxAngle, 0.5 * degree);
    return search(coarse - 0.5 * degree, coarse + 0.5 * degree, 0.05 * degree);
}

int paperGray(const cv::Mat& gray)
{
    CV_Assert(gray.type() == CV_8UC1);
    if (gray.empty())
        return 255;
    int histogram[256] = {};
    for (int y = 0; y < gray.rows; ++y) {
        const uchar* row = gray.ptr<uchar>(y);
        for (int x = 0; x < gray.cols; ++x)
            ++histogram[row[x]];
    }
    const long target = static_cast<long>(0.65 * double(gray.total()));
    long count = 0;
    for (int v = 0; v < 256; ++v) {
        count += histogram[v];
        if (count > target)
            return v;
    }
    return 255;
}

}  // namespace inklens::imaging
