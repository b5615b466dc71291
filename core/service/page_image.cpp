#include "service/page_image.h"

#include "service/line_loader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QMutex>
#include <QPainter>
#include <QtEndian>

#include <opencv2/imgproc.hpp>

#include <png.h>

#include <algorithm>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <memory>
#include <vector>

namespace inklens::service {

namespace {

void setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
}

// Qt's decoder limit is process-wide: raised (never lowered) to the budget once.
void raiseAllocationLimit()
{
    static QMutex mutex;
    const QMutexLocker lock(&mutex);
    const int mb = int(kDecodeBudget / (1024 * 1024));
    if (QImageReader::allocationLimit() < mb)
        QImageReader::setAllocationLimit(mb);
}

// The smallest whole factor bringing the longer side within maxSide.
int downscaleFactor(QSize size, int maxSide)
{
    const int side = std::max(size.width(), size.height());
    return maxSide > 0 && side > maxSide ? (side + maxSide - 1) / maxSide : 1;
}

QSize divided(QSize size, int k)
{
    return {(size.width() + k - 1) / k, (size.height() + k - 1) / k};
}

// 8-bit gray with transparent parts on white paper.
QImage toGray(QImage image)
{
    if (image.format() == QImage::Format_Grayscale8)
        return image;
    if (image.hasAlphaChannel()) {
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter painter(&flat);
        painter.drawImage(0, 0, image);
        painter.end();
        image = std::move(flat);
    }
    return image.convertToFormat(QImage::Format_Grayscale8);
}

// Averages k x k boxes (the last row and column of boxes may be smaller).
QImage boxDownscaled(const QImage& gray, int k)
{
    if (k <= 1)
        return gray;
    const QSize size = divided(gray.size(), k);
    QImage out(size, QImage::Format_Grayscale8);
    cv::Mat dst = grayMat(out);  // over out's pixels
    cv::resize(grayMat(gray), dst, dst.size(), 0, 0, cv::INTER_AREA);
    return out;
}

// ---- PNG streamed through libpng ------------------------------------------------------
// libpng reports errors by longjmp: everything that lives across setjmp is in this
// heap object (not in locals the jump could leave indeterminate).
struct PngStream
{
    std::FILE* file = nullptr;
    png_structp png = nullptr;
    png_infop info = nullptr;
    char message[256] = {};
    std::vector<png_byte> row;
    std::vector<quint32> sums;
    QImage out;
    bool interlaced = false;
    ~PngStream()
    {
        if (png)
            png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
        if (file)
            std::fclose(file);
    }
};

void pngError(png_structp png, png_const_charp message)
{
    auto* stream = static_cast<PngStream*>(png_get_error_ptr(png));
    qstrncpy(stream->message, message, sizeof stream->message);
    png_longjmp(png, 1);
}

void pngWarning(png_structp, png_const_charp) { }

enum class PngResult { Ok, Interlaced, Failed, Cancelled };

// The file as the other formats' decoders read it (JPEG, TIFF, BMP: a buffer at a time as
// they decode): once *cancel is set its reads fail, so the decoder stops within a buffer
// (Qt's JPEG decoder then ends the picture early, the others give up), and each read
// reports the kilobytes read so far as progress. Not for TIFF: Debian 12's libtiff writes
// past its strip buffer when a read fails mid-strip (AddressSanitizer: heap-buffer-overflow
// in TIFFReadScanline), so a TIFF is decoded to its end and the cancel honoured after it.
class CancellableFile : public QFile
{
public:
    CancellableFile(const QString& path, const std::atomic_bool* cancel,
                    const ImageProgress& progress, bool failReadsWhenCancelled)
        : QFile(path), m_cancel(failReadsWhenCancelled ? cancel : nullptr), m_progress(progress)
    { }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        if (m_cancel && m_cancel->load())
            return -1;
        const qint64 n = QFile::readData(data, maxSize);
        if (n > 0)
            m_read += n;
        if (m_progress && n > 0)  // the bytes read so far (a TIFF's directory is read first)
            m_progress(int(std::min(m_read, size()) / 1024), int(size() / 1024));
        return n;
    }

private:
    const std::atomic_bool* m_cancel;
    const ImageProgress& m_progress;
    qint64 m_read = 0;
};

// Decodes a non-interlaced PNG row by row into k x k box averages.
PngResult readPngDownscaled(const QString& path, int k, QImage* out, QString* error,
                            const std::atomic_bool* cancel, const ImageProgress& progress)
{
    auto s = std::make_unique<PngStream>();
    s->file = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (!s->file) {
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "The file cannot be opened."));
        return PngResult::Failed;
    }
    s->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, s.get(), pngError, pngWarning);
    if (s->png)
        s->info = png_create_info_struct(s->png);
    if (!s->png || !s->info) {
        setError(error,
                 QCoreApplication::translate("inklens::service::PageImage", "Out of memory."));
        return PngResult::Failed;
    }
    PngStream* const stream = s.get();
    if (setjmp(png_jmpbuf(stream->png))) {
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "The picture is damaged or cut short (%1).")
                            .arg(QString::fromLatin1(stream->message)));
        return PngResult::Failed;
    }
    png_init_io(stream->png, stream->file);
    png_read_info(stream->png, stream->info);
    const png_uint_32 width = png_get_image_width(stream->png, stream->info);
    const png_uint_32 height = png_get_image_height(stream->png, stream->info);
    if (png_get_interlace_type(stream->png, stream->info) != PNG_INTERLACE_NONE) {
        stream->interlaced = true;
        return PngResult::Interlaced;
    }
    const int colorType = png_get_color_type(stream->png, stream->info);
    png_set_expand(stream->png);  // palette -> RGB, gray < 8 bits -> 8, tRNS -> alpha
    png_set_strip_16(stream->png);
    if ((colorType & PNG_COLOR_MASK_ALPHA)
        || png_get_valid(stream->png, stream->info, PNG_INFO_tRNS)) {
        png_color_16 white{};
        white.red = white.green = white.blue = white.gray = 255;
        png_set_background(stream->png, &white, PNG_BACKGROUND_GAMMA_SCREEN, 0, 1.0);
    }
    if (colorType & PNG_COLOR_MASK_COLOR)
        png_set_rgb_to_gray_fixed(stream->png, 1, -1, -1);
    png_read_update_info(stream->png, stream->info);
    if (png_get_channels(stream->png, stream->info) != 1
        || png_get_bit_depth(stream->png, stream->info) != 8)
        png_error(stream->png, "unexpected pixel layout");

    const int w = int(width), h = int(height);
    const QSize outSize = divided(QSize(w, h), k);
    stream->out = QImage(outSize, QImage::Format_Grayscale8);
    if (stream->out.isNull())
        png_error(stream->png, "out of memory");
    stream->row.resize(png_get_rowbytes(stream->png, stream->info));
    stream->sums.assign(std::size_t(outSize.width()), 0);
    int rowsInBox = 0;
    const int step = std::max(1, h / 100);  // rows between progress reports and cancel polls
    for (int y = 0; y < h; ++y) {
        if (y % step == 0) {
            if (cancel && cancel->load())
                return PngResult::Cancelled;
            if (progress)
                progress(y, h);
        }
        png_read_row(stream->png, stream->row.data(), nullptr);
        const png_byte* row = stream->row.data();
        for (int ox = 0, x = 0; ox < outSize.width(); ++ox) {
            quint32 sum = 0;
            for (const int end = std::min(w, x + k); x < end; ++x)
                sum += row[x];
            stream->sums[std::size_t(ox)] += sum;
        }
        ++rowsInBox;
        if (rowsInBox == k || y == h - 1) {
            uchar* dst = stream->out.scanLine(y / k);
            for (int ox = 0; ox < outSize.width(); ++ox) {
                const quint32 n = quint32(std::min(k, w - ox * k) * rowsInBox);
                dst[ox] = uchar((stream->sums[std::size_t(ox)] + n / 2) / n);
                stream->sums[std::size_t(ox)] = 0;
            }
            rowsInBox = 0;
        }
    }
    *out = std::move(stream->out);
    if (progress)
        progress(h, h);
    return PngResult::Ok;
}

// A JPEG that stops before its end marker (libjpeg fills the rest with gray and only
// warns).
bool jpegCutShort(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() < 4)
        return true;
    file.seek(std::max<qint64>(0, file.size() - 64));
    QByteArray tail = file.readAll();
    while (!tail.isEmpty() && (tail.endsWith('\0') || tail.endsWith('\n') || tail.endsWith('\r')))
        tail.chop(1);
    return !tail.endsWith("\xFF\xD9");
}

// An uncompressed BMP (BI_RGB, BI_BITFIELDS) whose file is shorter than the pixel rows its
// header claims. Qt's reader decodes such a file without an error: a 94-byte file claiming
// 15,794,264 x 8 pixels took 3 s and 640 MB (found by fuzz/fuzz_image). RLE can cover any
// area with a few bytes and is left to Qt's reader, as are OS/2 headers.
bool bmpCutShort(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return true;
    const QByteArray h = file.read(54);
    if (h.size() < 54 || !h.startsWith("BM"))
        return false;
    const auto u32 = [&](int at) { return qFromLittleEndian<quint32>(h.constData() + at); };
    const quint32 compression = u32(30);
    if (u32(14) < 40 || (compression != 0 && compression != 3))
        return false;
    const double width = qint32(u32(18)), height = std::abs(double(qint32(u32(22))));
    const double bitsPerPixel = qFromLittleEndian<quint16>(h.constData() + 28);
    const double rowBytes = std::ceil(width * bitsPerPixel / 32) * 4;
    return double(file.size()) < double(u32(10)) + rowBytes * height;
}

QString notAPicture()
{
    return QCoreApplication::translate(
        "inklens::service::PageImage",
        "The file is not a picture InkLens reads (PNG, JPEG, TIFF, BMP, WebP).");
}

// Opens the reader and checks the file before anything is decoded.
bool openReader(const QString& path, QImageReader& reader, QString* error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "The file does not exist."));
        return false;
    }
    if (info.isDir()) {
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "This is a folder, not a file."));
        return false;
    }
    if (info.size() == 0) {
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "The file is empty (0 bytes)."));
        return false;
    }
    reader.setFileName(path);
    reader.setAutoTransform(true);
    if (!reader.canRead()) {
        setError(error, reader.error() == QImageReader::FileNotFoundError
                            ? QCoreApplication::translate("inklens::service::PageImage",
                                                          "The file cannot be opened.")
                            : notAPicture());
        return false;
    }
    return true;
}

}  // namespace

int pageImageCount(const QString& path, QString* error)
{
    QImageReader reader;
    if (!openReader(path, reader, error))
        return -1;
    return std::max(1, reader.imageCount());
}

namespace {

// What readPageImage finds before it decodes anything (checkPageImage stops there).
struct PagePlan
{
    PageImage out;  // page, pageCount, originalSize, scale
    QSize size;     // the stored size (before the EXIF orientation)
    QByteArray format;
    int k = 1;
    bool scaledDecoding = false;  // libjpeg scales while decoding
};

// A picture decoded whole must fit kDecodeBudget (4 bytes a pixel: some handlers, TIFF,
// decode gray as 32-bit colour).
bool fitsDecodeBudget(const PagePlan& plan, QString* error)
{
    if (qint64(plan.size.width()) * plan.size.height() * 4 <= kDecodeBudget)
        return true;
    setError(error,
             QCoreApplication::translate("inklens::service::PageImage",
                                         "The picture is too large to open in this format: %1 x %2 "
                                         "pixels (%3). Save it as PNG or JPEG, or smaller.")
                 .arg(plan.size.width())
                 .arg(plan.size.height())
                 .arg(QString::fromLatin1(plan.format.toUpper())));
    return false;
}

bool planPageImage(const QString& path, int page, QImageReader& reader, PagePlan& plan,
                   QString* error, const PageImageLimits& limits)
{
    if (!openReader(path, reader, error))
        return false;
    PageImage& out = plan.out;
    out.page = page;
    out.pageCount = std::max(1, reader.imageCount());
    if (page < 0 || page >= out.pageCount) {
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "The file has no page %1 (it has %2).")
                            .arg(page + 1)
                            .arg(out.pageCount));
        return false;
    }
    if (page > 0 && !reader.jumpToImage(page)) {
        for (int i = 0; i < page; ++i)
            if (!reader.jumpToNextImage()) {
                setError(error,
                         QCoreApplication::translate("inklens::service::PageImage",
                                                     "Page %1 of the file cannot be reached.")
                             .arg(page + 1));
                return false;
            }
    }
    const QByteArray format = reader.format();
    const QSize size = reader.size();  // before the EXIF orientation
    if (!size.isValid() || size.isEmpty()) {
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "The picture's size cannot be read: %1")
                            .arg(reader.errorString()));
        return false;
    }
    const qint64 pixels = qint64(size.width()) * size.height();
    if (pixels > limits.maxPixels) {
        setError(error, QCoreApplication::translate(
                            "inklens::service::PageImage",
                            "The picture is too large: %1 x %2 pixels (InkLens opens up to %3 "
                            "million pixels).")
                            .arg(size.width())
                            .arg(size.height())
                            .arg(limits.maxPixels / 1'000'000));
        return false;
    }
    int k = downscaleFactor(size, limits.maxSide);
    if (format == "jpeg" && k > 1 && k <= 8) {
        // libjpeg scales by 1/2, 1/4 or 1/8 while decoding: a power of two needs no
        // larger picture in between.
        int power = 2;
        while (power < k)
            power *= 2;
        k = power;
    }
    out.scale = k;
    const bool turned = reader.transformation() & QImageIOHandler::TransformationRotate90;
    out.originalSize = turned ? size.transposed() : size;

    if (format == "jpeg" && jpegCutShort(path)) {
        setError(error, QCoreApplication::translate(
                            "inklens::service::PageImage",
                            "The picture is damaged or cut short (the JPEG data ends early)."));
        return false;
    }
    if (format == "bmp" && bmpCutShort(path)) {
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "The picture is damaged or cut short (%1).")
                            .arg(QStringLiteral("BMP")));
        return false;
    }
    plan.size = size;
    plan.format = format;
    plan.k = k;
    plan.scaledDecoding = k > 1 && format == "jpeg"
                          && reader.supportsOption(QImageIOHandler::ScaledSize);
    // A PNG to downscale is streamed (an interlaced one is checked when it turns out so).
    if (!plan.scaledDecoding && !(k > 1 && format == "png") && !fitsDecodeBudget(plan, error))
        return false;
    return true;
}

}  // namespace

bool checkPageImage(const QString& path, int page, QString* error, const PageImageLimits& limits)
{
    QImageReader reader;
    PagePlan plan;
    return planPageImage(path, page, reader, plan, error, limits);
}

std::optional<PageImage> readPageImage(const QString& path, int page, QString* error,
                                       const PageImageLimits& limits,
                                       const std::atomic_bool* cancel,
                                       const ImageProgress& progress)
{
    raiseAllocationLimit();
    QImageReader reader;
    PagePlan plan;
    if (!planPageImage(path, page, reader, plan, error, limits))
        return std::nullopt;
    const auto cancelled = [&] {
        if (!(cancel && cancel->load()))
            return false;
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "Opening the picture was cancelled."));
        return true;
    };
    PageImage& out = plan.out;
    const int k = plan.k;
    QString detail;
    if (k > 1 && plan.format == "png") {
        QImage gray;
        const PngResult result = readPngDownscaled(path, k, &gray, &detail, cancel, progress);
        if (result == PngResult::Cancelled) {
            cancelled();
            return std::nullopt;
        }
        if (result == PngResult::Failed) {
            setError(error, detail);
            return std::nullopt;
        }
        if (result == PngResult::Ok) {  // PNG carries no orientation Qt applies
            out.gray = std::move(gray);
            out.originalSize = plan.size;
            return out;
        }
        if (!fitsDecodeBudget(plan, error))  // interlaced: decoded whole
            return std::nullopt;
    }
    // Decoded from a file whose reads stop when cancelled (the header was read by `reader`).
    const bool tiff = plan.format == "tiff" || plan.format == "tif";
    CancellableFile file(path, cancel, progress, !tiff);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "The file cannot be opened."));
        return std::nullopt;
    }
    QImageReader decoder(&file, plan.format);
    decoder.setAutoTransform(true);
    if (plan.out.page > 0 && !decoder.jumpToImage(plan.out.page))
        for (int i = 0; i < plan.out.page; ++i)
            decoder.jumpToNextImage();
    if (plan.scaledDecoding) {
        decoder.setScaledSize(divided(plan.size, k));
        decoder.setQuality(49);  // below Qt's threshold: libjpeg's own (DCT) scaling
    }
    if (cancelled())
        return std::nullopt;
    if (progress)
        progress(0, int(file.size() / 1024));
    QImage image = decoder.read();
    if (cancelled())
        return std::nullopt;
    if (image.isNull()) {
        setError(error, QCoreApplication::translate("inklens::service::PageImage",
                                                    "The picture is damaged or cut short (%1).")
                            .arg(decoder.errorString()));
        return std::nullopt;
    }
    image = toGray(std::move(image));
    out.gray = plan.scaledDecoding ? image : boxDownscaled(image, k);
    return out;
}

PageImage pageImageOf(const QImage& picture, const PageImageLimits& limits)
{
    PageImage out;
    out.originalSize = picture.size();
    const int k = downscaleFactor(picture.size(), limits.maxSide);
    out.scale = k;
    out.gray = boxDownscaled(toGray(picture), k);
    return out;
}

namespace {

// Coordinates scaled back from a downscaled picture may pass its far edges by up to the
// factor: kept on the picture.
void clampToPicture(PageReading& page)
{
    const float w = float(page.size.width()), h = float(page.size.height());
    for (PageLineReading& line : page.lines)
        for (std::vector<cv::Point2f>* points : {&line.line.polygon, &line.line.baseline})
            for (cv::Point2f& p : *points)
                p = {std::clamp(p.x, 0.f, w), std::clamp(p.y, 0.f, h)};
}

}  // namespace

PageReading segmentPage(const PageImage& image, const std::atomic_bool* cancel)
{
    PageReading page;
    page.size = image.originalSize;
    try {
        const imaging::PageLayout layout =
            imaging::analyzePage(grayMat(image.gray), {}, cancel).scaled(image.scale);
        page.cancelled = layout.cancelled;
        for (const imaging::PageLine& line : layout.lines) {
            PageLineReading l;
            l.line = line;
            page.lines.push_back(std::move(l));
        }
        clampToPicture(page);
    } catch (const std::exception& e) {
        page.error = QString::fromUtf8(e.what());
    }
    return page;
}

PageReading readPageImageLines(const reading::Reader& reader, const PageImage& image,
                               const reading::ReadOptions& options, const PageProgress& progress,
                               const std::atomic_bool* cancel)
{
    PageReading page = readPage(reader, grayMat(image.gray), image.scale, options, progress,
                                cancel);
    page.size = image.originalSize;
    clampToPicture(page);
    return page;
}

cv::Mat cropPageLine(const PageImage& image, const imaging::PageLine& line)
{
    imaging::PageLine shown = line;
    const float k = 1.f / float(image.scale);
    for (std::vector<cv::Point2f>* points : {&shown.polygon, &shown.baseline})
        for (cv::Point2f& p : *points)
            p *= k;
    return imaging::cropLine(grayMat(image.gray), shown);
}

bool looksLikePage(QSize size)
{
    return size.height() >= 400 && size.height() * 2 >= size.width();
}

bool isPagePicture(QSize size, int rowsFound)
{
    return rowsFound >= 2 || looksLikePage(size);
}

}  // namespace inklens::service
