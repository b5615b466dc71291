#include "service/page_reading.h"

namespace inklens::service {

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
        const int total = static_cast<int>(lines.size());
        for (int i = 0; i < total; ++i) {
            const imaging::InkLine& inkLine = lines[static_cast<std::size_t>(i)];
            const cv::Rect2f& b = inkLine.box;
            imaging::PageLine line;
            line.polygon = {b.tl(), {b.x + b.width, b.y}, b.br(), {b.x, b.y + b.height}};
            line.baseline = {{b.x, b.y + 0.75f * b.height},
                             {b.x + b.width, b.y + 0.75f * b.height}};
            reading::Reading r = reader.read(imaging::lineInk(ink, inkLine), options, cancel);
            page.cancelled = page.cancelled || r.cancelled;
            page.lines.push_back(lineReading(std::move(line), std::move(r)));
            if (progress)
                progress(i + 1, total);
        }
    } catch (const std::exception& e) {
        page.error = QString::fromUtf8(e.what());
    }
    return page;
}

}  // namespace inklens::service
