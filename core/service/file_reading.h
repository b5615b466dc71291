#pragma once
// One file read as one text line through the reader: the loading ('inklens recognize',
// 'inklens eval', service::evaluate). A picture (PNG, JPEG, ... through loadGrayImage) or
// InkML ink (readInkMlFile, read as the canvas' ink is) -> reading::Reader::read.

#include "reading/reader.h"

#include <QSize>
#include <QString>

#include <atomic>

namespace inklens::service {

struct FileReading
{
    // Why the file was not read (it could not be loaded, or the reader threw): a message
    // without the path. Empty when it was read; the other members are then valid.
    QString error;
    bool isInk = false;        // an InkML file
    reading::Reading reading;  // ink: its columns are the rasterized line's
    double loadMs = 0;         // decoding the picture / parsing the InkML
    // A picture's size; for ink the rasterized line's (there is no original picture).
    QSize size;
    qint64 strokes = 0, points = 0;  // ink only
    QString truth;                   // ink only: the InkML's <annotation type="truth">, if any
    bool ok() const { return error.isEmpty(); }
};

// Reads FILE as one text line. A file without ink (a blank picture, ink without points)
// gives the empty reading (reading.empty) and counts as read. Never throws. Thread-safe
// (the Reader is const). cancel (optional) is passed to the reader (reading.cancelled).
FileReading readFile(const reading::Reader& reader, const QString& path,
                     const reading::ReadOptions& options, const std::atomic_bool* cancel = nullptr);

}  // namespace inklens::service
