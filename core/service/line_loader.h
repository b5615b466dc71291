#pragma once
// Reading line images and ground truth from disk (Qt's image decoders: PNG, JPEG, TIFF,
// BMP, WebP), the convention of tesstrain, Kraken and Calamari: NAME.{png,jpg,...} beside
// NAME.gt.txt (UTF-8, one line), optionally listed in a manifest.tsv with the columns
// file, writer, split, flags, text.

#include "imaging/line_image.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <opencv2/core.hpp>

#include <vector>

namespace inklens::service {

struct GroundTruthLine {
    QString imagePath;
    QString text;    // as written in the file (not yet normalized)
    QString writer;  // empty when unknown
    QString split;   // "train", "val", ... or empty
    QString flags;   // manifest flags, "-" or empty when none
};

// Lists a ground-truth folder. With a manifest.tsv its rows are used (text from the
// manifest); otherwise every image with a NAME.gt.txt beside it. Throws nothing: a
// missing folder gives an empty list and *error.
std::vector<GroundTruthLine> listGroundTruth(const QString& dir, QString* error = nullptr);

// The text a model should learn or be scored on: manifest markup removed ('^' before
// superscripts, '>' '<' around crossed-out but readable words).
QString cleanGroundTruth(QString text, const QString& flags);

// True for lines that are never trained or scored on: vertical marginalia and
// unreadable passages ('><').
bool skipGroundTruth(const GroundTruthLine& line);

// Writer-disjoint hold-out: the first n writers of the lines ordered by the SHA-1 of the
// writer id (a fixed, data-independent choice, the same as the PyTorch peer's).
QStringList heldOutWriters(const std::vector<GroundTruthLine>& lines, int n);

// Decodes an image to 8-bit gray, EXIF orientation applied. Refuses images larger than
// maxPixels (default 80 MP) before decoding them. Null image + *error on failure.
QImage loadGrayImage(const QString& path, QString* error = nullptr, qint64 maxPixels = 80'000'000);

// A cv::Mat header over a Format_Grayscale8 QImage's pixels (no copy; keep the QImage).
cv::Mat grayMat(const QImage& gray);

// A line the network reads (float, ink = 1, height x width row-major) as a picture:
// Format_Grayscale8, ink dark (0) on white (255), pixel = round(255 * (1 - ink)), one pixel
// per input column. For display; the exact pixels travel in model::Recognition::input.
// Null for an empty line.
QImage lineImageToQImage(const float* pixels, int width, int height);
QImage lineImageToQImage(const imaging::LineImage& line);

QStringList supportedImageSuffixes();

}  // namespace inklens::service
