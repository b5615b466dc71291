#pragma once
// The files InkLens opens and saves, by type: InkML ink (read onto the canvas, saved from
// it) and pictures of one line (service::supportedImageSuffixes()). One suffix test for
// each, one way to open a file into a value, one way to save ink. Qt Core/Gui only; the
// messages are in the application's language (QCoreApplication::translate).

#include "imaging/ink.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <optional>

namespace inklens::service {

// Whether the path names InkML ink: the suffix ".inkml", in any case.
bool isInkMlPath(const QString& path);
// Whether the path names a picture InkLens reads: a suffix of supportedImageSuffixes(), any case.
bool isImagePath(const QString& path);
// Either of the two: what openDocument() takes (judged by the suffix only).
bool canOpenDocument(const QString& path);
// "inkml" followed by supportedImageSuffixes(): lower case, without the dot.
QStringList openableSuffixes();

// An opened file, by value.
struct Document
{
    enum class Type { Ink, Image };
    Type type = Type::Ink;
    QString path;
    imaging::Ink ink;  // Type::Ink: never empty
    QString truth;     // Type::Ink: <annotation type="truth">, empty when absent
    QImage image;      // Type::Image: Format_Grayscale8, EXIF orientation applied

    QString fileName() const;  // the path without its folder
};

// What openDocument() checks before reading: a type InkLens opens (by the suffix), a file
// that exists and is no folder. false and *error (as openDocument's) when it is not.
bool checkDocumentPath(const QString& path, QString* error = nullptr);

// Reads InkML ink or a picture, chosen by the suffix. nullopt and *error (if given; a
// sentence without the path, the caller names the file) when the type is not one InkLens
// opens, the file is missing or unreadable, or its content is not valid.
std::optional<Document> openDocument(const QString& path, QString* error = nullptr);

// Saves ink as InkML (with truth as its annotation when not empty), atomically: the file
// is written beside the target and renamed over it, so a failure leaves any previous file
// intact and no partial file behind. false and *error when it fails; empty ink is refused
// (a file without a point does not open again).
bool saveInkDocument(const QString& path, const imaging::Ink& ink, QString* error = nullptr,
                     const QString& truth = {});

// The path with ".inkml" appended when its file name has no suffix (a save dialog's answer).
QString withInkMlSuffix(const QString& path);

}  // namespace inklens::service
