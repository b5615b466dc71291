#include "line_metrics.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace inklens::imaging {

namespace {
std::vector<float> smoothed(const std::vector<float>& p, float sigma)
{
    if (sigma < 0.3f)
        return p;
    const int r = int(std::ceil(3 * sigma));
    std::vector<float> k(2 * r + 1);
    for (int i = -r; i <= r; ++i)
        k[i + r] = std::exp(-0.5f * float(i * i) / (sigma * sigma));
    std::vector<float> out(p.size(), 0.f);
    for (int i = 0; i < int(p.size()); ++i) {
        float sum = 0, weight = 0;
        for (int j = -r; j <= r; ++j)
            if (i + j >= 0 && i + j < int(p.size())) {
                sum += k[j + r] * p[i + j];
                weight += k[j + r];
            }
        out[i] = sum / weight;
    }
    return out;
}
}  // namespace

Band xHeightBand(const std::vector<float>& profile, float smoothRows)
{
    const std::vector<float> p = smoothed(profile, smoothRows);
    const float peak = p.empty() ? 0.f : *std::max_element(p.begin(), p.end());
    if (!(peak > 0))
        return {};
    const float t = kBandThreshold * peak;
    // Kadane: the interval [first, last] with the largest sum of p - t.
    double best = -1, run = 0;
    int first = 0, last = 0, start = 0;
    for (int i = 0; i < int(p.size()); ++i) {
        if (run <= 0) {
            run = 0;
            start = i;
        }
        run += p[i] - t;
        if (run > best) {
            best = run;
            first = start;
            last = i;
        }
    }
    // Sub-row edges: where the profile crosses t between the centres of the edge row and
    // of the row outside it (the profile's own edge when there is none).
    const int n = int(p.size());
    auto beyond = [&](int inside, int outside) {
        return std::clamp((p[inside] - t) / std::max(p[inside] - p[outside], 1e-12f), 0.f, 1.f);
    };
    Band b;
    b.top = first == 0 ? 0.f : float(first) + 0.5f - beyond(first, first - 1);
    b.bottom = last == n - 1 ? float(n) : float(last) + 0.5f + beyond(last, last + 1);
    // At least the central 60 % of the ink: a lone 'o' inks its top and bottom so much more
    // than its sides that the densest interval is only one of them.
    double total = 0;
    for (float v : p)
        total += v;
    auto quantile = [&](double q) {
        double acc = 0;
        for (int i = 0; i < n; ++i) {
            if (acc + p[i] >= q * total)
                return float(i) + float((q * total - acc) / std::max(double(p[i]), 1e-30));
            acc += p[i];
        }
        return float(n);
    };
    b.top = std::min(b.top, quantile(0.2));
    b.bottom = std::max(b.bottom, quantile(0.8));
    return b;
}

LineMetrics measureLine(const cv::Mat& ink)
{
    LineMetrics m;
    m.height = ink.rows;
    if (ink.empty())
        return m;
    CV_Assert(ink.type() == CV_32F);
    std::vector<float> profile(ink.rows);
    for (int y = 0; y < ink.rows; ++y)
        profile[y] = float(cv::sum(ink.row(y))[0]);
    m.xBand = xHeightBand(profile, 0.02f * float(ink.rows));
    cv::Mat mask = ink >= 0.5f;
    const double area = cv::countNonZero(mask);
    if (area > 0) {
        std::vector<std::vector<cv::Point>> contours;
        cv::findContours(mask, contours, cv::RETR_LIST, cv::CHAIN_APPROX_NONE);
        double outline = 0;
        for (const auto& c : contours)
            outline += cv::arcLength(c, true);
        m.strokeWidth = outline > 0 ? float(2 * area / outline) : 0.f;
    }
    return m;
}

}  // namespace inklens::imaging
