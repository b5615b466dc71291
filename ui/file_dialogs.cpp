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
const QString kExportFormatKey = QStringLiteral("files/exportFormat");
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

QList<std::pair<service::PageFormat, QString>> FileDialogs::exportFilters()
{
    using service::PageFormat;
    return {{PageFormat::Text, tr("Plain text (*.txt)")},
            {PageFormat::Page, tr("PAGE XML (*.xml)")},
            {PageFormat::Alto, tr("ALTO XML (*.alto.xml *.xml)")},
            {PageFormat::Hocr, tr("hOCR (*.hocr *.html)")}};
}

service::PageFormat FileDialogs::exportFormatFor(QString* path, service::PageFormat filterFormat)
{
    const std::optional<service::PageFormat> bySuffix = service::pageFormatForPath(*path);
    const bool xml = path->endsWith(QLatin1String(".xml"), Qt::CaseInsensitive)
                     && !path->endsWith(QLatin1String(".alto.xml"), Qt::CaseInsensitive);
    if (bySuffix
        && !(xml
             && (filterFormat == service::PageFormat::Alto
                 || filterFormat == service::PageFormat::Page)))
        return *bySuffix;
    if (!bySuffix)
        *path += QLatin1Char('.') + service::pageFormatSuffix(filterFormat);
    return filterFormat;
}

service::PageFormat FileDialogs::lastExportFormat()
{
    return service::pageFormatNamed(QSettings().value(kExportFormatKey).toString())
        .value_or(service::PageFormat::Text);
}

QString FileDialogs::askExportPath(QWidget* parent, service::PageFormat* format)
{
    const auto filters = exportFilters();
    QStringList names;
    for (const auto& f : filters)
        names << f.second;
    QFileDialog dialog(parent, tr("Export Page"), lastFolder());
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setNameFilters(names);
    const service::PageFormat last = lastExportFormat();
    for (const auto& f : filters)
        if (f.first == last)
            dialog.selectNameFilter(f.second);
    dialog.selectFile(QStringLiteral("page.") + service::pageFormatSuffix(last));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    QString path = dialog.selectedFiles().constFirst();
    service::PageFormat chosen = last;
    for (const auto& f : filters)
        if (f.second == dialog.selectedNameFilter())
            chosen = f.first;
    *format = exportFormatFor(&path, chosen);
    QSettings().setValue(kExportFormatKey, service::pageFormatName(*format));
    rememberFolder(path);
    return path;
}

void FileDialogs::warnCannotOpen(QWidget* parent, const QString& path, const QString& error)
{
    QMessageBox::warning(parent, tr("Cannot Open"),
                         tr("Cannot open %1:\n%2").arg(QDir::toNativeSeparators(path), error));
}

QMessageBox* FileDialogs::showCannotOpen(QWidget* parent, const QString& path, const QString& error)
{
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Cannot Open"),
        tr("Cannot open %1:\n%2").arg(QDir::toNativeSeparators(path), error), QMessageBox::Ok,
        parent);
    box->setObjectName(QStringLiteral("cannotOpenBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return box;
}

void FileDialogs::warnCannotSave(QWidget* parent, const QString& path, const QString& error)
{
    QMessageBox::warning(parent, tr("Cannot Save"),
                         tr("Cannot save %1:\n%2").arg(QDir::toNativeSeparators(path), error));
}

}  // namespace inklens::ui
