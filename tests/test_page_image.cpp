// service::readPageImage: the formats a page comes in (PNG, JPEG with its EXIF orientation,
// every page of a TIFF, BMP, WebP), large pictures decoded downscaled with their factor,
// and bad files refused with a reason. The fixtures are written here.
#include "service/page_image.h"
#include "test_tiff.h"

#include <opencv2/imgproc.hpp>

#include <QBuffer>
#include <QFile>
#include <QImageReader>
#include <QImageWriter>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

using inklens::service::PageImage;
using inklens::service::PageImageLimits;
using inklens::service::readPageImage;

namespace {

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

// A gray picture: white with a dark block in its left third, a gradient row on top.
QImage leftDark(int width, int height)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    image.fill(255);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width / 3; ++x)
            image.scanLine(y)[x] = 20;
    return image;
}

double meanOf(const QImage& gray, QRect r)
{
    double sum = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            sum += gray.constScanLine(y)[x];
    return sum / (r.width() * r.height());
}

// The JPEG with an APP1 Exif segment (big-endian TIFF, one IFD entry: Orientation)
// inserted after its SOI marker.
QByteArray withExifOrientation(const QByteArray& jpeg, quint16 orientation)
{
    QByteArray tiff("MM\0*\0\0\0\x08", 8);
    tiff.append("\x00\x01", 2);          // one entry
    tiff.append("\x01\x12\x00\x03", 4);  // Orientation, SHORT
    tiff.append("\x00\x00\x00\x01", 4);  // count 1
    tiff.append(char(orientation >> 8)).append(char(orientation & 0xff)).append("\0\0", 2);
    tiff.append("\0\0\0\0", 4);  // no next IFD
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray segment("\xFF\xE1", 2);
    const quint16 length = quint16(payload.size() + 2);
    segment.append(char(length >> 8)).append(char(length & 0xff)).append(payload);
    return jpeg.left(2) + segment + jpeg.mid(2);
}

QByteArray encoded(const QImage& image, const char* format, int quality = 95)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    if (!writer.write(image))
        qWarning("cannot encode %s: %s", format, qPrintable(writer.errorString()));
    return bytes;
}

quint32 crc32(const QByteArray& bytes)
{
    quint32 crc = 0xffffffffu;
    for (char c : bytes) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

}  // namespace

class TestPageImage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void pluginsLoad()
    {
        const QList<QByteArray> formats = QImageReader::supportedImageFormats();
        for (const char* f : {"png", "jpeg", "tiff", "bmp", "webp"})
            QVERIFY2(formats.contains(f), f);
    }

    void formatsOpenGray_data()
    {
        QTest::addColumn<QString>("format");
        for (const char* f : {"png", "bmp", "webp", "tiff", "jpeg"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void formatsOpenGray()
    {
        QFETCH(QString, format);
        const QImage source = leftDark(120, 90);
        const QString path = m_dir.filePath(QStringLiteral("p.") + format);
        writeFile(path, encoded(source, qPrintable(format), 100));
        QString error;
        const auto page = readPageImage(path, 0, &error);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->gray.format(), QImage::Format_Grayscale8);
        QCOMPARE(page->gray.size(), QSize(120, 90));
        QCOMPARE(page->originalSize, QSize(120, 90));
        QCOMPARE(page->scale, 1.0);
        QCOMPARE(page->pageCount, 1);
        QVERIFY(meanOf(page->gray, QRect(5, 5, 30, 80)) < 40);
        QVERIFY(meanOf(page->gray, QRect(60, 5, 50, 80)) > 230);
    }

    void tiffPages()
    {
        const QString path = m_dir.filePath(QStringLiteral("two.tif"));
        QImage second(80, 50, QImage::Format_Grayscale8);
        second.fill(40);
        writeFile(path, inklens::testing::multiPageTiff({leftDark(60, 30), second}));
        QString error;
        QCOMPARE(inklens::service::pageImageCount(path, &error), 2);
        const auto first = readPageImage(path, 0, &error);
        QVERIFY2(first, qPrintable(error));
        QCOMPARE(first->gray.size(), QSize(60, 30));
        QCOMPARE(first->pageCount, 2);
        const auto other = readPageImage(path, 1, &error);
        QVERIFY2(other, qPrintable(error));
        QCOMPARE(other->page, 1);
        QCOMPARE(other->gray.size(), QSize(80, 50));
        QCOMPARE(int(other->gray.constScanLine(25)[40]), 40);
        QVERIFY(!readPageImage(path, 2, &error));
        QVERIFY(error.contains(QLatin1String("2")));
    }

    void jpegExifOrientation()
    {
        // Orientation 6: the stored picture is shown turned 90 degrees clockwise, so its
        // dark left third comes on top.
        const QString path = m_dir.filePath(QStringLiteral("turned.jpg"));
        writeFile(path, withExifOrientation(encoded(leftDark(90, 40), "jpeg"), 6));
        QString error;
        const auto page = readPageImage(path, 0, &error);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->gray.size(), QSize(40, 90));
        QCOMPARE(page->originalSize, QSize(40, 90));
        QVERIFY(meanOf(page->gray, QRect(2, 2, 36, 25)) < 60);
        QVERIFY(meanOf(page->gray, QRect(2, 40, 36, 45)) > 200);
    }

    void turnedJpegDownscaled()
    {
        // EXIF orientation 6 and libjpeg's scaling together: the stored 3000 x 1200 picture
        // comes out turned, 1200 x 3000 at a quarter, not stretched.
        const QString path = m_dir.filePath(QStringLiteral("turned-large.jpg"));
        writeFile(path, withExifOrientation(encoded(leftDark(3000, 1200), "jpeg"), 6));
        PageImageLimits limits;
        limits.maxSide = 1000;
        QString error;
        const auto page = readPageImage(path, 0, &error, limits);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->scale, 4.0);
        QCOMPARE(page->originalSize, QSize(1200, 3000));
        QCOMPARE(page->gray.size(), QSize(300, 750));
        QVERIFY(meanOf(page->gray, QRect(5, 5, 290, 240)) < 60);  // the dark third on top
        QVERIFY(meanOf(page->gray, QRect(5, 260, 290, 480)) > 200);
    }

    void largeDecodedDownscaled_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("factor");
        QTest::newRow("png") << QStringLiteral("png") << 3;  // streamed, k x k boxes
        QTest::newRow("bmp") << QStringLiteral("bmp") << 3;  // decoded whole, then boxes
        // libjpeg's scaling: 1/2, 1/4, 1/8; 3 rounds up to 4.
        QTest::newRow("jpeg") << QStringLiteral("jpeg") << 4;
    }
    void largeDecodedDownscaled()
    {
        QFETCH(QString, format);
        QFETCH(int, factor);
        const QString path = m_dir.filePath(QStringLiteral("large.") + format);
        writeFile(path, encoded(leftDark(3000, 1200), qPrintable(format), 95));
        PageImageLimits limits;
        limits.maxSide = 1000;  // -> at least 3
        QString error;
        const auto page = readPageImage(path, 0, &error, limits);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->scale, double(factor));
        QCOMPARE(page->originalSize, QSize(3000, 1200));
        QCOMPARE(page->gray.size(), QSize(3000 / factor, 1200 / factor));
        // The dark third stays the dark third.
        const int third = 1000 / factor, height = 1200 / factor;
        QVERIFY(meanOf(page->gray, QRect(2, 2, third - 6, height - 4)) < 40);
        QVERIFY(meanOf(page->gray, QRect(third + 6, 2, 2 * third - 12, height - 4)) > 230);
    }

    void linesFoundDownscaledAreInOriginalPixels()
    {
        // Three bands of "writing" (dashes) on a 3000 x 2400 page: found on the picture
        // decoded at a third, given back in the original's pixels, as on the whole picture.
        QImage page(3000, 2400, QImage::Format_Grayscale8);
        page.fill(255);
        for (int band = 0; band < 3; ++band)
            for (int y = 600 + 600 * band; y < 660 + 600 * band; ++y)
                for (int x = 300; x < 2700; ++x)
                    if ((x / 40) % 3 != 2)
                        page.scanLine(y)[x] = 10;
        const QString path = m_dir.filePath(QStringLiteral("bands.png"));
        writeFile(path, encoded(page, "png"));
        PageImageLimits small;
        small.maxSide = 1000;
        QString error;
        const auto whole = readPageImage(path, 0, &error);
        const auto third = readPageImage(path, 0, &error, small);
        QVERIFY2(whole && third, qPrintable(error));
        QCOMPARE(third->scale, 3.0);
        const auto a = inklens::service::segmentPage(*whole);
        const auto b = inklens::service::segmentPage(*third);
        QVERIFY2(a.ok() && b.ok(), qPrintable(a.error + b.error));
        QCOMPARE(b.size, QSize(3000, 2400));
        QCOMPARE(a.lines.size(), std::size_t(3));
        QCOMPARE(b.lines.size(), a.lines.size());
        for (std::size_t i = 0; i < a.lines.size(); ++i) {
            auto box = [](const std::vector<cv::Point2f>& points) {
                std::vector<cv::Point> p(points.begin(), points.end());
                return cv::boundingRect(p);
            };
            const cv::Rect ra = box(a.lines[i].line.polygon), rb = box(b.lines[i].line.polygon);
            QVERIFY2(std::abs(ra.y - rb.y) <= 6 && std::abs(ra.br().y - rb.br().y) <= 6,
                     qPrintable(QStringLiteral("line %1: %2..%3 vs %4..%5")
                                    .arg(i)
                                    .arg(ra.y)
                                    .arg(ra.br().y)
                                    .arg(rb.y)
                                    .arg(rb.br().y)));
            QVERIFY(rb.x >= 0 && rb.br().x <= 3000 + 1 && rb.br().y <= 2400 + 1);
        }
    }

    void pngPixelLayoutsStreamed_data()
    {
        // What libpng is told to turn into 8-bit gray while streaming (transparent parts
        // on white paper).
        QTest::addColumn<QImage>("picture");
        const QImage gray = leftDark(1500, 600);
        QTest::newRow("rgb") << gray.convertToFormat(QImage::Format_RGB888);
        QTest::newRow("gray16") << gray.convertToFormat(QImage::Format_Grayscale16);
        QTest::newRow("palette") << gray.convertToFormat(QImage::Format_Indexed8);
        QImage transparent(1500, 600, QImage::Format_ARGB32);
        transparent.fill(Qt::transparent);
        for (int y = 0; y < 600; ++y)
            for (int x = 0; x < 500; ++x)
                transparent.setPixel(x, y, qRgba(20, 20, 20, 255));
        QTest::newRow("transparent") << transparent;
    }
    void pngPixelLayoutsStreamed()
    {
        QFETCH(QImage, picture);
        const QString path = m_dir.filePath(QStringLiteral("layout.png"));
        writeFile(path, encoded(picture, "png"));
        PageImageLimits limits;
        limits.maxSide = 500;  // k = 3: streamed through libpng
        QString error;
        const auto page = readPageImage(path, 0, &error, limits);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->gray.size(), QSize(500, 200));
        QVERIFY(meanOf(page->gray, QRect(5, 5, 150, 190)) < 40);
        QVERIFY(meanOf(page->gray, QRect(180, 5, 300, 190)) > 230);
    }

    void pastedPictureDownscaled()
    {
        PageImageLimits limits;
        limits.maxSide = 500;
        const PageImage page = inklens::service::pageImageOf(leftDark(1200, 300), limits);
        QCOMPARE(page.scale, 3.0);
        QCOMPARE(page.gray.size(), QSize(400, 100));
        QCOMPARE(page.originalSize, QSize(1200, 300));
    }

    void badFiles()
    {
        QString error;
        QVERIFY(!readPageImage(m_dir.filePath(QStringLiteral("missing.png")), 0, &error));
        QVERIFY(error.contains(QLatin1String("does not exist")));

        const QString empty = m_dir.filePath(QStringLiteral("empty.png"));
        writeFile(empty, {});
        QVERIFY(!readPageImage(empty, 0, &error));
        QVERIFY2(error.contains(QLatin1String("empty")), qPrintable(error));

        const QString text = m_dir.filePath(QStringLiteral("text.png"));
        writeFile(text, "this is not a picture, just some text\n");
        QVERIFY(!readPageImage(text, 0, &error));
        QVERIFY2(error.contains(QLatin1String("not a picture")), qPrintable(error));
        QCOMPARE(inklens::service::pageImageCount(text, &error), -1);

        // Noise does not compress: cutting the file cuts the pixel data.
        QImage noise(300, 300, QImage::Format_Grayscale8);
        quint32 seed = 1;
        for (int y = 0; y < 300; ++y)
            for (int x = 0; x < 300; ++x)
                noise.scanLine(y)[x] = uchar((seed = seed * 1664525u + 1013904223u) >> 24);
        // BMP: Qt's own reader takes a cut file (bmpCutShort; fuzz/README.md).
        for (const char* format : {"png", "jpeg", "bmp"}) {
            const QByteArray bytes = encoded(noise, format);
            const QString cut = m_dir.filePath(QStringLiteral("cut.") + QLatin1String(format));
            writeFile(cut, bytes.left(bytes.size() / 2));
            error.clear();
            QVERIFY2(!readPageImage(cut, 0, &error), format);
            QVERIFY2(error.contains(QLatin1String("cut short")), qPrintable(error));
            // Downscaled (the PNG streamed through libpng): the same.
            PageImageLimits small;
            small.maxSide = 100;
            error.clear();
            QVERIFY2(!readPageImage(cut, 0, &error, small), format);
            QVERIFY2(error.contains(QLatin1String("cut short")), qPrintable(error));
        }
    }

    void hugeDimensionsRefusedBeforeDecoding()
    {
        // A PNG whose header says 100000 x 100000 (10^10 pixels), with almost no pixel data.
        QByteArray ihdr("IHDR");
        auto be32 = [](quint32 v) {
            QByteArray b(4, '\0');
            qToBigEndian(v, b.data());
            return b;
        };
        ihdr += be32(100000) + be32(100000) + QByteArray("\x08\x00\x00\x00\x00", 5);
        QByteArray png("\x89PNG\r\n\x1a\n", 8);
        png += be32(13) + ihdr + be32(crc32(ihdr));
        const QByteArray idat = QByteArray("IDAT") + QByteArray("\x78\x9c\x03\x00", 4);
        png += be32(4) + idat + be32(crc32(idat));
        png += be32(0) + QByteArray("IEND") + be32(crc32("IEND"));
        const QString path = m_dir.filePath(QStringLiteral("huge.png"));
        writeFile(path, png);
        QString error;
        QVERIFY(!readPageImage(path, 0, &error));
        QVERIFY2(error.contains(QLatin1String("too large")), qPrintable(error));
        QVERIFY(error.contains(QLatin1String("100000")));
    }

    // checkPageImage: readPageImage's checks without decoding (the window calls it on the
    // GUI thread): what readPageImage refuses before decoding, it refuses with the same
    // reason; a damaged file passes (only decoding finds out).
    void checkedBeforeDecoding()
    {
        using inklens::service::checkPageImage;
        QString error;
        QVERIFY(!checkPageImage(m_dir.filePath(QStringLiteral("missing.png")), 0, &error));
        QVERIFY(error.contains(QLatin1String("does not exist")));
        const QString text = m_dir.filePath(QStringLiteral("check.txt.png"));
        writeFile(text, "not a picture\n");
        QVERIFY(!checkPageImage(text, 0, &error));
        QVERIFY2(error.contains(QLatin1String("not a picture")), qPrintable(error));
        const QString page = m_dir.filePath(QStringLiteral("check.png"));
        const QByteArray bytes = encoded(leftDark(600, 400), "png");
        writeFile(page, bytes);
        QVERIFY2(checkPageImage(page, 0, &error), qPrintable(error));
        QVERIFY(!checkPageImage(page, 1, &error));  // it has one page
        PageImageLimits tight;
        tight.maxPixels = 100'000;
        QVERIFY(!checkPageImage(page, 0, &error, tight));
        QVERIFY2(error.contains(QLatin1String("too large")), qPrintable(error));
        // Cut short: the header is whole, so the check passes and decoding says why.
        const QString cut = m_dir.filePath(QStringLiteral("check-cut.png"));
        QImage noise(300, 300, QImage::Format_Grayscale8);
        quint32 seed = 5;
        for (int y = 0; y < 300; ++y)
            for (int x = 0; x < 300; ++x)
                noise.scanLine(y)[x] = uchar((seed = seed * 1664525u + 1013904223u) >> 24);
        const QByteArray noisy = encoded(noise, "png");
        writeFile(cut, noisy.left(noisy.size() / 2));
        QVERIFY2(checkPageImage(cut, 0, &error), qPrintable(error));
        QVERIFY(!readPageImage(cut, 0, &error));
        QVERIFY2(error.contains(QLatin1String("cut short")), qPrintable(error));
    }

    // Decoding polls the cancel flag (rows of a streamed PNG) and reports its progress.
    void decodingCancelledAndFollowed()
    {
        const QString path = m_dir.filePath(QStringLiteral("progress.png"));
        writeFile(path, encoded(leftDark(1500, 900), "png"));
        PageImageLimits limits;
        limits.maxSide = 500;  // streamed
        std::vector<std::pair<int, int>> steps;
        QString error;
        const auto page = readPageImage(path, 0, &error, limits, nullptr, [&](int done, int total) {
            steps.emplace_back(done, total);
        });
        QVERIFY2(page, qPrintable(error));
        QVERIFY(steps.size() >= 10);
        QCOMPARE(steps.front(), std::make_pair(0, 900));
        QCOMPARE(steps.back(), std::make_pair(900, 900));
        for (std::size_t i = 1; i < steps.size(); ++i)
            QVERIFY(steps[i].first > steps[i - 1].first);

        std::atomic_bool cancel{true};
        for (const PageImageLimits& l : {limits, PageImageLimits{}}) {  // streamed, whole
            error.clear();
            QVERIFY(!readPageImage(path, 0, &error, l, &cancel));
            QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
        }
        // Stopped half-way through the rows.
        std::atomic_bool half{false};
        int last = 0;
        QVERIFY(!readPageImage(path, 0, &error, limits, &half, [&](int done, int total) {
            last = done;
            if (done * 2 >= total)
                half = true;
        }));
        QVERIFY(last >= 450 && last < 900);
    }

    // The other formats' decoders read the file through reads that fail once cancelled: a
    // large JPEG (scaled while decoded) or BMP (decoded whole) stops part-way, the progress
    // in kilobytes of the file read short of its end; uncancelled, it runs to the end. A
    // TIFF is read to its end (libtiff overflows its buffer on a failed read) and the
    // cancel honoured after it.
    void otherFormatsCancelledWhileDecoding_data()
    {
        QTest::addColumn<QByteArray>("format");
        QTest::addColumn<int>("maxSide");
        QTest::newRow("jpeg") << QByteArray("jpg") << 1000;
        QTest::newRow("bmp") << QByteArray("bmp") << 4000;
        QTest::newRow("tiff") << QByteArray("tiff") << 4000;
    }
    void otherFormatsCancelledWhileDecoding()
    {
        QFETCH(QByteArray, format);
        QFETCH(int, maxSide);
        QImage noise(2400, 1600, QImage::Format_Grayscale8);
        quint32 seed = 7;
        for (int y = 0; y < noise.height(); ++y)
            for (int x = 0; x < noise.width(); ++x)
                noise.scanLine(y)[x] = uchar((seed = seed * 1664525u + 1013904223u) >> 24);
        const QString path = m_dir.filePath(QStringLiteral("cancel.")
                                            + QString::fromLatin1(format));
        writeFile(path, encoded(noise, format.constData()));
        PageImageLimits limits;
        limits.maxSide = maxSide;
        QString error;
        std::vector<std::pair<int, int>> steps;
        QVERIFY2(readPageImage(path, 0, &error, limits, nullptr,
                               [&](int done, int total) { steps.emplace_back(done, total); }),
                 qPrintable(error));
        QVERIFY(steps.size() >= 10);
        const int total = steps.front().second;
        QVERIFY(total >= 1000);  // kilobytes
        QCOMPARE(steps.back(), std::make_pair(total, total));
        for (std::size_t i = 1; i < steps.size(); ++i)
            QVERIFY(steps[i].first >= steps[i - 1].first);

        std::atomic_bool cancel{false};
        int last = 0;
        QVERIFY(!readPageImage(path, 0, &error, limits, &cancel, [&](int done, int all) {
            last = done;
            if (done * 4 >= all)
                cancel = true;
        }));
        QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
        if (format == "tiff")
            QCOMPARE(last, total);
        else
            QVERIFY2(last >= total / 4 && last < total / 2,
                     qPrintable(QStringLiteral("stopped at %1 of %2 KB").arg(last).arg(total)));
    }

    // A line given in the original's pixels is cut from the downscaled picture where it is.
    void lineCutFromDownscaledPicture()
    {
        QImage original(1200, 600, QImage::Format_Grayscale8);
        original.fill(255);
        for (int y = 300; y < 360; ++y)  // a dark band: x 400..800, y 300..360
            for (int x = 400; x < 800; ++x)
                original.scanLine(y)[x] = 0;
        PageImageLimits limits;
        limits.maxSide = 400;
        const PageImage page = inklens::service::pageImageOf(original, limits);
        QCOMPARE(page.scale, 3.0);
        inklens::imaging::PageLine line;
        line.polygon = {{400, 300}, {800, 300}, {800, 360}, {400, 360}};
        line.baseline = {{400, 350}, {800, 350}};
        const cv::Mat crop = inklens::service::cropPageLine(page, line);
        QVERIFY(!crop.empty());
        QVERIFY2(std::abs(crop.cols - 400 / 3) <= 4 && std::abs(crop.rows - 60 / 3) <= 4,
                 qPrintable(QStringLiteral("%1 x %2").arg(crop.cols).arg(crop.rows)));
        QVERIFY2(cv::mean(crop)[0] < 80, qPrintable(QString::number(cv::mean(crop)[0])));
        // The same line a band lower is white paper.
        for (auto& p : line.polygon)
            p.y += 150;
        QVERIFY(cv::mean(inklens::service::cropPageLine(page, line))[0] > 200);
    }

    void pageOrLine()
    {
        using inklens::service::isPagePicture;
        QVERIFY(isPagePicture(QSize(1200, 1600), 0));  // shaped like a page
        QVERIFY(isPagePicture(QSize(2000, 150), 2));   // two lines found
        QVERIFY(!isPagePicture(QSize(2000, 150), 1));  // a line
        QVERIFY(!isPagePicture(QSize(300, 200), 0));   // a word
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestPageImage)
#include "test_page_image.moc"
