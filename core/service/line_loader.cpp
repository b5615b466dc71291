#include "line_loader.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QTextStream>

namespace inklens::service {

QStringList supportedImageSuffixes()
{
    return {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("tif"),
            QStringLiteral("tiff"), QStringLiteral("bmp"), QStringLiteral("webp")};
}

namespace {
QString readFirstLine(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(f.readLine()).trimmed();
}
}  // namespace

std::vector<GroundTruthLine> listGroundTruth(const QString& dirPath, QString* error)
{
    std::vector<GroundTruthLine> out;
    const QDir dir(dirPath);
    if (!dir.exists()) {
        if (error)
            *error = QStringLiteral("folder not found: %1").arg(dirPath);
        return out;
    }
    QFile manifest(dir.filePath(QStringLiteral("manifest.tsv")));
    if (manifest.open(QIODevice::ReadOnly | QIODevice::Text)) {
        QTextStream in(&manifest);
        in.setEncoding(QStringConverter::Utf8);
        const QStringList header = in.readLine().split(QLatin1Char('\t'));
        const int cFile = int(header.indexOf(QStringLiteral("file"))), cWriter = int(header.indexOf(QStringLiteral("writer")));
        const int cSplit = int(header.indexOf(QStringLiteral("split"))), cFlags = int(header.indexOf(QStringLiteral("flags")));
        const int cText = int(header.indexOf(QStringLiteral("text")));
        if (cFile < 0) {
            if (error)
                *error = QStringLiteral("%1: manifest.tsv has no 'file' column").arg(dirPath);
            return out;
        }
        while (!in.atEnd()) {
            const QStringList cols = in.readLine().split(QLatin1Char('\t'));
            if (cols.size() <= cFile || cols[cFile].isEmpty())
                continue;
            GroundTruthLine l;
            l.imagePath = dir.filePath(cols[cFile]);
            auto col = [&](int c) { return c >= 0 && c < cols.size() ? cols[c] : QString(); };
            l.writer = col(cWriter);
            l.split = col(cSplit);
            l.flags = col(cFlags);
            l.text = cText >= 0 ? col(cText) : readFirstLine(QFileInfo(l.imagePath).path() + QLatin1Char('/') +
                                                                 QFileInfo(l.imagePath).completeBaseName() +
                                                                 QStringLiteral(".gt.txt"));
            out.push_back(l);
        }
        return out;
    }
    QStringList filters;
    for (const QString& s : supportedImageSuffixes())
        filters << QStringLiteral("*.") + s;
    const QStringList files = dir.entryList(filters, QDir::Files, QDir::Name);
    for (const QString& f : files) {
        const QString base = QFileInfo(f).completeBaseName();
        const QString gt = dir.filePath(base + QStringLiteral(".gt.txt"));
        if (!QFileInfo::exists(gt))
            continue;
        GroundTruthLine l;
        l.imagePath = dir.filePath(f);
        l.text = readFirstLine(gt);
        out.push_back(l);
    }
    return out;
}

QString cleanGroundTruth(QString text, const QString& flags)
{
    if (flags.contains(QStringLiteral("superscript")))
        text.remove(QLatin1Char('^'));
    if (flags.contains(QStringLiteral("markup"))) {
        text.remove(QLatin1Char('>'));
        text.remove(QLatin1Char('<'));
    }
    return text;
}

bool skipGroundTruth(const GroundTruthLine& line)
{
    return line.flags.contains(QStringLiteral("vertical")) || line.text.contains(QStringLiteral("><"));
}

QStringList heldOutWriters(const std::vector<GroundTruthLine>& lines, int n)
{
    auto sha1 = [](const QString& s) { return QCryptographicHash::hash(s.toUtf8(), QCryptographicHash::Sha1); };
    QStringList writers;
    for (const auto& l : lines)
        if (!l.writer.isEmpty() && !writers.contains(l.writer))
            writers << l.writer;
    std::sort(writers.begin(), writers.end(), [&](const QString& a, const QString& b) { return sha1(a) < sha1(b); });
    return writers.mid(0, std::max(0, n));
}

QImage loadGrayImage(const QString& path, QString* error, qint64 maxPixels)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && qint64(size.width()) * size.height() > maxPixels) {
        if (error)
            *error = QStringLiteral("%1: image too large (%2 x %3 pixels)").arg(path).arg(size.width()).arg(size.height());
        return {};
    }
    // Qt's own decoder limit is process-wide: raise it once (thread-safe static init) to
    // what the largest default image needs; the size check above applies each caller's limit.
    static const bool limitSet = [] {
        QImageReader::setAllocationLimit(int(std::max<qint64>(256, 80'000'000LL * 4 / (1024 * 1024))));
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

}  // namespace inklens::service
