#include "line_loader.h"

#include "documents.h"
#include "imaging/ink.h"
#include "service/page_formats.h"

#include <algorithm>

#include <QBuffer>
#include <QFileInfo>
#include <QImageReader>

namespace inklens::service {

QStringList supportedImageSuffixes()
{
    QStringList out;
    for (const std::string& suffix : training::supportedImageSuffixes())
        out << QString::fromStdString(suffix);
    return out;
}

std::vector<training::LineSample> loadLineSamples(
    const std::vector<training::GroundTruthLine>& lines, const model::Charset& charset, int height,
    std::size_t* skipped)
{
    std::vector<training::LineSample> out(lines.size());
    std::vector<char> ok(lines.size(), 0);
    imaging::NormalizeOptions norm;
    norm.height = height;
#pragma omp parallel for schedule(dynamic, 8)
    for (int i = 0; i < int(lines.size()); ++i) {
        const auto& l = lines[std::size_t(i)];
        const QString path = QString::fromStdString(l.imagePath);
        auto& s = out[std::size_t(i)];
        if (isInkMlPath(path)) {
            // Ink is drawn as the reader draws the canvas's ink (Reader::normalize).
            const auto doc = openDocument(path);
            if (!doc)
                continue;
            imaging::RasterOptions raster;
            raster.height = height;
            raster.deskew = true;
            s.image = imaging::inkToLine(doc->ink, raster);
            s.ink = std::make_shared<const imaging::Ink>(doc->ink);
        } else {
            const QImage img = loadGrayImage(path);
            if (img.isNull())
                continue;
            s.image = imaging::normalizeLine(grayMat(img), norm);
        }
        s.labels = charset.encode(
            model::normalizeText(training::cleanGroundTruth(l.text, l.flags)));
        s.text = charset.decode(s.labels);  // what the model can produce
        s.id = QFileInfo(path).fileName().toStdString();
        ok[std::size_t(i)] = !s.image.empty() && !s.labels.empty();
    }
    std::vector<training::LineSample> kept;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (ok[i])
            kept.push_back(std::move(out[i]));
    if (skipped)
        *skipped = out.size() - kept.size();
    return kept;
}

QImage loadGrayImage(const QString& path, QString* error, qint64 maxPixels)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && qint64(size.width()) * size.height() > maxPixels) {
        if (error)
            *error = QStringLiteral("%1: image too large (%2 x %3 pixels)")
                         .arg(path)
                         .arg(size.width())
                         .arg(size.height());
        return {};
    }
    // Qt's own decoder limit is process-wide: raise it once (thread-safe static init) to
    // what the largest default image needs; the size check above applies each caller's limit.
    static const bool limitSet = [] {
        const int mb = int(std::max<qint64>(256, 80'000'000LL * 4 / (1024 * 1024)));
        if (QImageReader::allocationLimit() < mb)  // never lowered (page_image.cpp raises it)
            QImageReader::setAllocationLimit(mb);
        return true;
    }();
    Q_UNUSED(limitSet);
    QImage img = reader.read();
    if (img.isNull()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, reader.errorString());
        return {};
    }
    return img.convertToFormat(QImage::Format_Grayscale8);
}

cv::Mat grayMat(const QImage& gray)
{
    Q_ASSERT(gray.format() == QImage::Format_Grayscale8);
    return cv::Mat(gray.height(), gray.width(), CV_8UC1, const_cast<uchar*>(gray.constBits()),
                   std::size_t(gray.bytesPerLine()));
}

QImage lineImageToQImage(const float* pixels, int width, int height)
{
    if (width <= 0 || height <= 0)
        return {};
    QImage image(width, height, QImage::Format_Grayscale8);
    for (int y = 0; y < height; ++y) {
        uchar* row = image.scanLine(y);
        const float* src = pixels + std::size_t(y) * std::size_t(width);
        for (int x = 0; x < width; ++x)
            row[x] = uchar(std::clamp(int(255.f * (1.f - src[x]) + 0.5f), 0, 255));
    }
    return image;
}

QImage lineImageToQImage(const imaging::LineImage& line)
{
    return line.empty() ? QImage() : lineImageToQImage(line.pixels.data(), line.width, line.height);
}

bool saveGrayPng(const cv::Mat& gray, const QString& path, QString* error)
{
    QImage img(gray.cols, gray.rows, QImage::Format_Grayscale8);
    for (int y = 0; y < gray.rows; ++y)
        std::copy_n(gray.ptr<uchar>(y), gray.cols, img.scanLine(y));
    QByteArray png;
    QBuffer buffer(&png);
    QString why;
    if (buffer.open(QIODevice::WriteOnly) && img.save(&buffer, "PNG")
        && saveAtomically(path, png, &why))  // a full disk leaves no cut picture
        return true;
    if (error)
        *error = QStringLiteral("cannot write %1: %2").arg(path, why);
    return false;
}

}  // namespace inklens::service
