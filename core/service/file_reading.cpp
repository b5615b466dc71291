#include "file_reading.h"

#include "service/documents.h"
#include "service/inkml.h"
#include "service/line_loader.h"

#include <chrono>
#include <optional>

namespace inklens::service {

namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

FileReading readFile(const reading::Reader& reader, const QString& path,
                     const reading::ReadOptions& options, const std::atomic_bool* cancel)
{
    FileReading out;
    // Messages that start with the path (loadGrayImage's) lose it: the caller knows it.
    auto fail = [&](QString message) {
        if (message.startsWith(path + QStringLiteral(": ")))
            message = message.mid(path.size() + 2);
        out.error = message;
        return out;
    };
    out.isInk = isInkMlPath(path);
    const auto t0 = Clock::now();
    QString error;
    std::optional<InkDocument> doc;
    QImage image;
    if (out.isInk) {
        doc = readInkMlFile(path, &error);
        if (!doc)
            return fail(error);
    } else {
        image = loadGrayImage(path, &error);
        if (image.isNull())
            return fail(error.isEmpty() ? QStringLiteral("cannot read the image") : error);
    }
    out.loadMs = msSince(t0);

    try {
        out.reading = out.isInk ? reader.read(doc->ink, options, cancel)
                                : reader.read(grayMat(image), options, cancel);
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()));
    }
    if (out.isInk) {
        out.size = QSize(out.reading.line.width, out.reading.line.height);
        out.strokes = qint64(doc->ink.strokes.size());
        for (const imaging::Stroke& s : doc->ink.strokes)
            out.points += qint64(s.points.size());
        out.truth = doc->truth;
    } else {
        out.size = image.size();
    }
    return out;
}

}  // namespace inklens::service
