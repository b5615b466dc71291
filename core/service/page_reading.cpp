#include "service/page_reading.h"

#include <QStringList>

namespace inklens::service {

QString PageReading::text() const
{
    QStringList texts;
    for (const PageLineReading& line : lines)
        texts << line.text;
    return texts.join(QLatin1Char('\n'));
}

PageLineReading lineReading(imaging::PageLine line, reading::Reading reading)
{
    PageLineReading out;
    out.line = std::move(line);
    out.text = QString::fromStdString(reading.recognition->text);
    out.confidence = reading.recognition->confidence;
    out.reading = std::move(reading);
    return out;
}

// First version: one line after another. To be replaced by the batched reading with
// progress (issue #14).
PageReading readPage(const reading::Reader& reader, const cv::Mat& gray, double scale,
                     const reading::ReadOptions& options, const PageProgress& progress,
                     const std::atomic_bool* cancel)
{
    PageReading page;
    try {
        const imaging::PageLayout layout = imaging::analyzePage(gray, {}, cancel);
        const imaging::PageLayout original = layout.scaled(scale);
        page.size = QSize(original.size.width, original.size.height);
        const int total = static_cast<int>(layout.lines.size());
        for (int i = 0; i < total; ++i) {
            reading::Reading r = reader.read(
                imaging::cropLine(gray, layout.lines[static_cast<std::size_t>(i)]), options,
                cancel);
            page.cancelled = page.cancelled || r.cancelled;
            page.lines.push_back(lineReading(original.lines[static_cast<std::size_t>(i)], r));
            if (progress)
                progress(i + 1, total);
        }
        page.cancelled = page.cancelled || layout.cancelled;
    } catch (const std::exception& e) {
        page.error = QString::fromUtf8(e.what());
    }
    return page;
}

}  // namespace inklens::service
