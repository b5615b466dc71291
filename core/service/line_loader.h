#pragma once
// Reading line images from disk (Qt's image decoders: PNG, JPEG, TIFF, BMP, WebP) and the
// lines of ground-truth folders (listed by training/dataset.h) as training samples.

#include "imaging/line_image.h"
#include "training/dataset.h"
#include "training/trainer.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <opencv2/core.hpp>

#include <vector>

namespace inklens::service {

// Reads the lines' pictures (loadGrayImage) or InkML ink (openDocument; drawn by
// imaging::inkToLine as the reader draws ink, skew levelled), normalizes them to the given height and
// encodes their cleaned ground truth (training::cleanGroundTruth, model::normalizeText)
// with the charset; the sample's text is what the charset can write, its id the file
// name. Lines whose picture cannot be read or whose text encodes to nothing are left out
// and counted in *skipped. Keeps the lines' order; reads in parallel (OpenMP).
std::vector<training::LineSample> loadLineSamples(
    const std::vector<training::GroundTruthLine>& lines, const model::Charset& charset, int height,
    std::size_t* skipped = nullptr);

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

// Writes an 8-bit gray picture (CV_8UC1) as a PNG file, atomically (saveAtomically);
// false and *error (naming the file and why) when it cannot be written.
bool saveGrayPng(const cv::Mat& gray, const QString& path, QString* error = nullptr);

}  // namespace inklens::service
