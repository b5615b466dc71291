#pragma once
// The window's file dialogs and what they need to know: their filters, the folder they
// start in (remembered in QSettings "files/lastFolder"), and which dropped files InkLens
// takes. The file types themselves are service/documents.h's.
#include "service/page_formats.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

class QMimeData;
class QWidget;

class QMessageBox;

namespace inklens::ui {

class FileDialogs
{
    Q_DECLARE_TR_FUNCTIONS(inklens::ui::FileDialogs)
public:
    // The folder of the last file opened or saved, else the Documents folder.
    static QString lastFolder();
    static void rememberFolder(const QString& filePath);

    // Filters of the Open dialog: ink and images, InkML ink, images, all files.
    static QStringList openFilters();
    // Filter of the Save Ink dialog.
    static QString inkFilter();

    // The local file dragged or pasted when InkLens can open it (the first URL, by its
    // suffix); empty otherwise.
    static QString openablePath(const QMimeData* mime);

    // Modal dialogs; an empty string when cancelled.
    static QString askOpenPath(QWidget* parent);
    // ".inkml" is appended when the name typed has no suffix.
    static QString askSavePath(QWidget* parent);
    // Where and how to export the page: Text, PAGE XML, ALTO or hOCR (the dialog's filter,
    // or the suffix typed when it names one; the format's suffix appended when the name has
    // none). Starts in the last folder with the last format (QSettings "files/exportFormat").
    static QString askExportPath(QWidget* parent, service::PageFormat* format);
    // The export dialog's filters, in their order, with their formats.
    static QList<std::pair<service::PageFormat, QString>> exportFilters();
    // What a name typed with a filter chosen exports as: its suffix's format (page_formats.h),
    // but ".xml" is the filter's (PAGE XML or ALTO); and the path gets the filter's suffix
    // when its suffix names no format.
    static service::PageFormat exportFormatFor(QString* path, service::PageFormat filterFormat);
    static service::PageFormat lastExportFormat();
    // "Cannot open FILE:" / "Cannot save FILE:" and why, in a warning box.
    static void warnCannotOpen(QWidget* parent, const QString& path, const QString& error);
    // The same box, shown without waiting for it to close (for what fails later, on a
    // worker): window-modal, deleted when closed. Returns it.
    static QMessageBox* showCannotOpen(QWidget* parent, const QString& path, const QString& error);
    static void warnCannotSave(QWidget* parent, const QString& path, const QString& error);
};

}  // namespace inklens::ui
