#include "imaging/page_layout.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace inklens::imaging {

PageLayout PageLayout::scaled(double factor) const
{
    PageLayout out = *this;
    out.size = cv::Size(cvRound(size.width * factor), cvRound(size.height * factor));
    const auto scale = [factor](std::vector<cv::Point2f>& points) {
        for (cv::Point2f& p : points)
            p *= static_cast<float>(factor);
    };
    for (PageLine& line : out.lines) {
        scale(line.polygon);
        scale(line.baseline);
    }
    return out;
}

// First version: horizontal projection profile of an Otsu binarization; each run of rows
// with ink is a line. To be replaced by the line detector (issue #14).
PageLayout analyzePage(const cv::Mat& gray, const PageOptions&, const std::atomic_bool* cancel)
{
    PageLayout layout;
    layout.size = gray.size();
    if (gray.empty())
        return layout;
    cv::Mat ink;
    cv::threshold(gray, ink, 0, 1, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    cv::Mat rows;
    cv::reduce(ink, rows, 1, cv::REDUCE_SUM, CV_32S);
    const int minInk = std::max(2, gray.cols / 100);
    int start = -1;
    for (int y = 0; y <= gray.rows; ++y) {
        if (cancel && cancel->load()) {
            layout.cancelled = true;
            return layout;
        }
        const bool on = y < gray.rows && rows.at<int>(y) >= minInk;
        if (on && start < 0)
            start = y;
        if (!on && start >= 0) {
            if (y - start >= 4) {
                const float w = static_cast<float>(gray.cols), y0 = static_cast<float>(start),
                            y1 = static_cast<float>(y);
                PageLine line;
                line.polygon = {{0, y0}, {w, y0}, {w, y1}, {0, y1}};
                line.baseline = {{0, y0 + 0.75f * (y1 - y0)}, {w, y0 + 0.75f * (y1 - y0)}};
                layout.lines.push_back(std::move(line));
            }
            start = -1;
        }
    }
    return layout;
}

cv::Mat cropLine(const cv::Mat& gray, const PageLine& line)
{
    std::vector<cv::Point> outline;
    for (const cv::Point2f& p : line.polygon)
        outline.emplace_back(cvRound(p.x), cvRound(p.y));
    const cv::Rect box = cv::boundingRect(outline) & cv::Rect(0, 0, gray.cols, gray.rows);
    if (box.empty())
        return {};
    cv::Mat mask = cv::Mat::zeros(box.size(), CV_8U);
    for (cv::Point& p : outline)
        p -= box.tl();
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{outline}, 255);
    cv::Mat crop(box.size(), CV_8U, cv::Scalar(255));
    gray(box).copyTo(crop, mask);
    return crop;
}

}  // namespace inklens::imaging
