#include "file_dialogs.h"

#include "service/documents.h"
#include "service/line_loader.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace inklens::ui {

namespace {
const QString kLastFolderKey = QStringLiteral("files/lastFolder");
}  // namespace

QString FileDialogs::lastFolder()
{
    const QString folder = QSettings().value(kLastFolderKey).toString();
    if (!folder.isEmpty() && QFileInfo(folder).isDir())
        return folder;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void FileDialogs::rememberFolder(const QString& filePath)
{
    QSettings().setValue(kLastFolderKey, QFileInfo(filePath).absolutePath());
}

QStringList FileDialogs::openFilters()
{
    QStringList images;
    for (const QString& suffix : service::supportedImageSuffixes())
        images << QStringLiteral("*.") + suffix;
    return {
        tr("Ink and images (%1)").arg(QStringLiteral("*.inkml ") + images.join(QLatin1Char(' '))),
        inkFilter(),
        tr("Images (%1)").arg(images.join(QLatin1Char(' '))),
        tr("All files (*)"),
    };
}

QString FileDialogs::inkFilter()
{
    return tr("InkML ink (%1)").arg(QStringLiteral("*.inkml"));
}

QString FileDialogs::openablePath(const QMimeData* mime)
{
    if (!mime)
        return {};
    const QList<QUrl> urls = mime->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return {};
    const QString path = urls.first().toLocalFile();
    return service::canOpenDocument(path) ? path : QString();
}

QString FileDialogs::askOpenPath(QWidget* parent)
{
    return QFileDialog::getOpenFileName(parent, tr("Open Ink or Image"), lastFolder(),
                                        openFilters().join(QStringLiteral(";;")));
}

QString FileDialogs::askSavePath(QWidget* parent)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, tr("Save Ink As"), QDir(lastFolder()).filePath(QStringLiteral("ink.inkml")),
        inkFilter());
    return path.isEmpty() ? path : service::withInkMlSuffix(path);
}

QString FileDialogs::askExportPath(QWidget* parent)
{
    QString path = QFileDialog::getSaveFileName(
        parent, tr("Export Page"), QDir(lastFolder()).filePath(QStringLiteral("page.txt")),
        tr("Text (*.txt)"));
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".txt");
    return path;
}

void FileDialogs::warnCannotOpen(QWidget* parent, const QString& path, const QString& error)
{
    QMessageBox::warning(parent, tr("Cannot Open"),
                         tr("Cannot open %1:\n%2").arg(QDir::toNativeSeparators(path), error));
}

void FileDialogs::warnCannotSave(QWidget* parent, const QString& path, const QString& error)
{
    QMessageBox::warning(parent, tr("Cannot Save"),
                         tr("Cannot save %1:\n%2").arg(QDir::toNativeSeparators(path), error));
}

}  // namespace inklens::ui
