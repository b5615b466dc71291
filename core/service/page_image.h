#pragma once
// Page pictures from files: PNG, JPEG (EXIF orientation applied), TIFF (every page of a
// multi-page file), BMP, WebP, decoded to 8-bit gray. A very large picture is decoded
// downscaled (by a whole factor k) and kept with k, so that what is found on it goes back
// to the original's pixels (imaging::PageLayout::scaled(k)). Memory stays bounded:
//
//   PNG (not interlaced)      rows streamed through libpng, k x k boxes averaged: the
//                             output and one row are all that is held
//   JPEG                      libjpeg's scaled decoding (QImageReader::setScaledSize)
//   other formats, interlaced  decoded whole when that fits kDecodeBudget, else refused
//   PNG
//   any                       refused above PageImageLimits::maxPixels before decoding
//
// Also where the window and the CLI decide whether a picture is a page or a single line
// (isPagePicture). Qt Core/Gui; messages in the application's language, without the path
// (the caller names the file).

#include "service/page_reading.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace inklens::service {

struct PageImage
{
    QImage gray;         // Format_Grayscale8; the original downscaled by `scale` when large
    QSize originalSize;  // the picture's own size (EXIF orientation applied)
    double scale = 1;    // original pixels per pixel of gray (1: not downscaled)
    int page = 0;        // which picture of the file (0-based; a TIFF's page)
    int pageCount = 1;   // pictures in the file
};

struct PageImageLimits
{
    // A picture whose longer side exceeds this is decoded downscaled by the smallest whole
    // factor that brings it within (an A4 page at 600 dpi is 7016 px high: kept whole).
    int maxSide = 7200;
    // Larger pictures are refused before anything is decoded (a 20000 x 20000 picture,
    // 400 MP, is taken, downscaled).
    qint64 maxPixels = 1'000'000'000;
};

// Bytes a format decoded whole may take (Qt's allocation limit is raised to it).
constexpr qint64 kDecodeBudget = 512LL * 1024 * 1024;

// How many pictures the file holds (a TIFF's pages; 1 for the other formats); -1 and
// *error when it is not a picture InkLens reads.
int pageImageCount(const QString& path, QString* error = nullptr);

// progress(done, total) while a picture is decoded: rows of a streamed PNG, kilobytes of the
// file read by the other formats' decoders. Called on the decoding thread.
using ImageProgress = std::function<void(int done, int total)>;

// Whether readPageImage would start decoding: every check it makes before (the file exists
// and is a picture InkLens reads, it has that page, its size is readable and within the
// limits and the format's budget, a JPEG is not cut short). Reads the header only: fast
// enough for the GUI thread. false and *error when it would refuse the file.
bool checkPageImage(const QString& path, int page = 0, QString* error = nullptr,
                    const PageImageLimits& limits = {});

// Picture `page` (0-based) of the file. nullopt and *error when the file is missing, empty,
// not a picture, truncated or damaged, or too large, or when *cancel was set (polled
// between rows of a streamed PNG and at every read of the file by the other decoders: a
// JPEG, TIFF or BMP stops within a buffer).
std::optional<PageImage> readPageImage(const QString& path, int page = 0, QString* error = nullptr,
                                       const PageImageLimits& limits = {},
                                       const std::atomic_bool* cancel = nullptr,
                                       const ImageProgress& progress = {});

// A picture that did not come from a file (pasted, dropped), downscaled the same way.
PageImage pageImageOf(const QImage& picture, const PageImageLimits& limits = {});

// The lines found on the picture (imaging::analyzePage on image.gray), in the original's
// pixels, not read (text empty, confidence 0): `inklens segment`. size: the original's.
PageReading segmentPage(const PageImage& image, const std::atomic_bool* cancel = nullptr);

// Every line of the picture read (service::readPage on image.gray), in the original's
// pixels.
PageReading readPageImageLines(const reading::Reader& reader, const PageImage& image,
                               const reading::ReadOptions& options,
                               const PageProgress& progress = {},
                               const std::atomic_bool* cancel = nullptr);

// A line of the page (in the original's pixels) cut from the picture held (image.gray: the
// best resolution InkLens keeps; imaging::cropLine), for reading or as a sample.
cv::Mat cropPageLine(const PageImage& image, const imaging::PageLine& line);

// Whether a picture is a page (read line by line) rather than one line of writing (read
// as one line): two rows of text or more found in it (imaging::PageLayout::rows: lines side
// by side, such as one line split at a wide gap, are one row), or shaped like a page (at
// least 400 px high and half as high as wide, whatever was found). size: the original's.
// The window and `inklens recognize` / `inklens segment` decide with it.
bool looksLikePage(QSize size);
bool isPagePicture(QSize size, int rowsFound);

}  // namespace inklens::service
