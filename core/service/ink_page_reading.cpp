#include "service/page_reading.h"

#include "nn/tensor.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace inklens::service {

namespace {

// The outline of a line's ink: the convex hull of its points (a box for fewer than three
// distinct points), clockwise on the screen (y down).
std::vector<cv::Point2f> outline(const imaging::Ink& ink, const cv::Rect2f& box)
{
    std::vector<cv::Point2f> points;
    for (const auto& s : ink.strokes)
        for (const auto& p : s.points)
            points.emplace_back(p.x, p.y);
    std::vector<cv::Point2f> hull;
    if (points.size() >= 3)
        cv::convexHull(points, hull, /*clockwise=*/false);  // y down: counter-clockwise in
                                                            // OpenCV's sense is clockwise
    if (hull.size() >= 3 && cv::contourArea(hull) > 1e-6 * std::max(1.f, box.area()))
        return hull;
    return {box.tl(), {box.x + box.width, box.y}, box.br(), {box.x, box.y + box.height}};
}

// The baseline: the bottom of the line's x-height band, across the line.
std::vector<cv::Point2f> baseline(const imaging::Ink& ink, const cv::Rect2f& box)
{
    const imaging::Band band = imaging::inkXHeight(ink);
    const float y = band.empty() ? box.y + box.height : band.bottom;
    return {{box.x, y}, {box.x + box.width, y}};
}

}  // namespace

bool isInkPage(const imaging::Ink& ink, std::vector<imaging::InkLine>* lines)
{
    std::vector<imaging::InkLine> split = imaging::splitInkLines(ink);
    const bool page = split.size() > 1;
    if (lines)
        *lines = std::move(split);
    return page;
}

std::vector<imaging::PageLine> inkPageLines(const imaging::Ink& ink)
{
    std::vector<imaging::PageLine> out;
    for (const imaging::InkLine& line : imaging::splitInkLines(ink)) {
        const imaging::Ink lineInk = imaging::lineInk(ink, line);
        imaging::PageLine pageLine;
        pageLine.polygon = outline(lineInk, line.box);
        pageLine.baseline = baseline(lineInk, line.box);
        out.push_back(std::move(pageLine));
    }
    return out;
}

PageReading readInkPage(const reading::Reader& reader, const imaging::Ink& ink,
                        const reading::ReadOptions& options, const PageProgress& progress,
                        const std::atomic_bool* cancel)
{
    PageReading page;
    page.isInk = true;
    try {
        const cv::Rect2f bounds = ink.bounds();
        page.size = QSize(qRound(bounds.width), qRound(bounds.height));
        const std::vector<imaging::InkLine> lines = imaging::splitInkLines(ink);
        std::vector<imaging::Ink> inks;
        for (const imaging::InkLine& line : lines)
            inks.push_back(imaging::lineInk(ink, line));
        // One forward per line, the forwards in parallel (readBatch); with a progress
        // callback, a few lines at a time so that it is told after each few.
        const std::size_t total = inks.size();
        const std::size_t step = progress ? std::size_t(std::max(1, nn::numThreads()))
                                          : std::max<std::size_t>(1, total);
        for (std::size_t start = 0; start < total; start += step) {
            const std::size_t end = std::min(total, start + step);
            const std::vector<imaging::Ink> part(inks.begin() + long(start),
                                                 inks.begin() + long(end));
            std::vector<reading::Reading> readings = reader.readBatch(part, options, cancel);
            for (std::size_t i = start; i < end; ++i) {
                imaging::PageLine line;
                line.polygon = outline(inks[i], lines[i].box);
                line.baseline = baseline(inks[i], lines[i].box);
                reading::Reading& r = readings[i - start];
                page.cancelled = page.cancelled || r.cancelled;
                page.lines.push_back(lineReading(std::move(line), std::move(r)));
            }
            if (progress)
                progress(int(end), int(total));
            if (cancel && cancel->load()) {
                page.cancelled = true;
                break;
            }
        }
    } catch (const std::exception& e) {
        page.error = QString::fromUtf8(e.what());
    }
    return page;
}

}  // namespace inklens::service
