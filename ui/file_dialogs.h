#pragma once
// The window's file dialogs and what they need to know: their filters, the folder they
// start in (remembered in QSettings "files/lastFolder"), and which dropped files InkLens
// takes. The file types themselves are service/documents.h's.
#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QMimeData;
class QWidget;

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
    // Where to export the page's text (".txt" appended when the name has no suffix).
    static QString askExportPath(QWidget* parent);
    // "Cannot open FILE:" / "Cannot save FILE:" and why, in a warning box.
    static void warnCannotOpen(QWidget* parent, const QString& path, const QString& error);
    static void warnCannotSave(QWidget* parent, const QString& path, const QString& error);
};

}  // namespace inklens::ui
