#include "service/documents.h"

#include "service/inkml.h"
#include "service/line_loader.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace inklens::service {

namespace {
void setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
}
}  // namespace

bool isInkMlPath(const QString& path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("inkml"), Qt::CaseInsensitive) == 0;
}

bool isImagePath(const QString& path)
{
    return supportedImageSuffixes().contains(QFileInfo(path).suffix().toLower());
}

bool canOpenDocument(const QString& path)
{
    return isInkMlPath(path) || isImagePath(path);
}

QStringList openableSuffixes()
{
    return QStringList{QStringLiteral("inkml")} + supportedImageSuffixes();
}

QString Document::fileName() const
{
    return QFileInfo(path).fileName();
}

bool checkDocumentPath(const QString& path, QString* error)
{
    if (!canOpenDocument(path)) {
        // lupdate reads the literal: keep the call spelled out.
        setError(error, QCoreApplication::translate("inklens::service::Documents",
                                                    "InkLens opens InkML ink and pictures (%1).")
                            .arg(supportedImageSuffixes().join(QStringLiteral(", "))));
        return false;
    }
    const QFileInfo info(path);
    if (!info.exists()) {
        setError(error, QCoreApplication::translate("inklens::service::Documents",
                                                    "The file does not exist."));
        return false;
    }
    if (info.isDir()) {
        setError(error, QCoreApplication::translate("inklens::service::Documents",
                                                    "This is a folder, not a file."));
        return false;
    }
    return true;
}

std::optional<Document> openDocument(const QString& path, QString* error)
{
    if (!checkDocumentPath(path, error))
        return std::nullopt;
    Document doc;
    doc.path = path;
    QString detail;
    if (isInkMlPath(path)) {
        doc.type = Document::Type::Ink;
        std::optional<InkDocument> ink = readInkMlFile(path, &detail);
        if (!ink) {
            setError(error, detail);
            return std::nullopt;
        }
        doc.ink = std::move(ink->ink);
        doc.truth = std::move(ink->truth);
        return doc;
    }
    doc.type = Document::Type::Image;
    doc.image = loadGrayImage(path, &detail);
    if (doc.image.isNull()) {
        // loadGrayImage names the path first; the caller names the file itself.
        const QString prefix = path + QStringLiteral(": ");
        setError(error, detail.startsWith(prefix) ? detail.mid(prefix.size()) : detail);
        if (error && error->isEmpty())
            *error = QCoreApplication::translate("inklens::service::Documents",
                                                 "The picture cannot be read.");
        return std::nullopt;
    }
    return doc;
}

bool saveInkDocument(const QString& path, const imaging::Ink& ink, QString* error,
                     const QString& truth)
{
    if (ink.empty()) {
        setError(error, QCoreApplication::translate("inklens::service::Documents",
                                                    "There is no ink to save."));
        return false;
    }
    QString detail;
    if (!writeInkMlFile(path, ink, &detail, truth)) {  // QSaveFile: all or nothing
        if (detail.isEmpty())
            detail = QCoreApplication::translate("inklens::service::Documents",
                                                 "The file cannot be written.");
        setError(error, detail);
        return false;
    }
    return true;
}

QString withInkMlSuffix(const QString& path)
{
    return QFileInfo(path).suffix().isEmpty() ? path + QStringLiteral(".inkml") : path;
}

}  // namespace inklens::service
