#pragma once
// The main window: lays out the ink canvas (or an opened line image), the text panel and
// the inspection docks, and wires them to the recognition service. It holds no
// recognition logic: the canvas reports strokes, the service recognizes on its worker
// thread, the views show the snapshots they are handed. What is not wiring lives apart:
// file types in service/documents.h, the Recognition menu's options in
// recognition_options.h, the status bar in status_bar.h, dialogs in file_dialogs.h.
//
//   canvas / image view -> LiveRecognition -> service ... resultChanged -> text panel,
//                                                          status bar, recognitionChanged()
#include "live_recognition.h"
#include "model/recognizer.h"
#include "service/recognition_service.h"

#include <QImage>
#include <QMainWindow>
#include <QString>

#include <memory>

class QAction;
class QDockWidget;
class QMenu;
class QSplitter;

namespace inklens::ui {

class DocumentArea;
class InkCanvas;
class InspectionDocks;
class InkToolBar;
class LanguageMenu;
class RecognitionOptions;
class StatusBar;
class TextPanel;
class ToolsMenu;
class Translator;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // translator, service: the application's, outlive the window. The service's model is
    // loaded by whoever made it (app/main.cpp); the window follows its signals. The
    // constructor applies the saved language and restores the saved geometry and state.
    MainWindow(Translator& translator, service::RecognitionService& service,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // setting: "" (system default) or a code from supportedLanguages().
    // Installs the translation, saves the choice and checks its menu entry (LanguageMenu).
    void setLanguage(const QString& setting);

    // Opens InkML (onto the canvas, undoable) or a picture (read as one line, or as a page
    // of lines when it has two or more: DocumentArea) and starts reading it. false and *error (in the current language)
    // when it cannot.
    bool openFile(const QString& path, QString* error = nullptr);
    // Saves the canvas' ink as InkML (service::saveInkDocument: atomic).
    bool saveInk(const QString& path, QString* error = nullptr);

    // Hook for the inspection views (ui/inspect/): puts `view` in a dock titled by the
    // view's windowTitle() (kept in sync), listed under View > Inspection, its place
    // saved with the window state (the dock is named "dock_" + view->objectName()).
    // Hidden at first: View > Inspector (tool bar, Ctrl+Shift+I) shows the docks
    // (InspectionDocks). Feed the view from recognitionChanged() and latestRecognition().
    QDockWidget* addInspectionView(QWidget* view,
                                   Qt::DockWidgetArea area = Qt::BottomDockWidgetArea);

    // The newest result shown, and the line image it was computed from (see
    // service::RecognitionResult::lineImage). Null / null image when nothing is shown.
    std::shared_ptr<const model::Recognition> latestRecognition() const
    {
        return latestResult().recognition;
    }
    QImage latestLineImage() const { return latestResult().lineImage; }
    const service::RecognitionResult& latestResult() const;

    InkCanvas* canvas() const { return m_canvas; }
    DocumentArea* documentArea() const { return m_area; }
    TextPanel* textPanel() const { return m_textPanel; }
    StatusBar* statusBarWidget() const { return m_statusBar; }
    RecognitionOptions* recognitionOptions() const { return m_options; }
    InspectionDocks* inspectionDocks() const { return m_docks; }
    ToolsMenu* toolsMenu() const { return m_toolsMenu; }  // Tools: samples, fine-tuning
    service::RecognitionService& recognitionService() const { return m_service; }

signals:
    // A new snapshot is shown (recognition null: the canvas was cleared or nothing is
    // left to read). Emitted on the GUI thread.
    void recognitionChanged(std::shared_ptr<const inklens::model::Recognition> recognition,
                            const QImage& lineImage);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createWidgets();
    void createActions();
    void createMenus();
    void createToolBar();
    void connectService();
    void retranslateUi();
    void readSettings();
    void writeSettings() const;

    void openDialog();
    void saveDialog();
    void openOrWarn(const QString& path);

    void updateActions();

    Translator& m_translator;
    service::RecognitionService& m_service;
    LiveRecognition* m_live = nullptr;  // when and what to read; the newest result

    QSplitter* m_splitter = nullptr;
    DocumentArea* m_area = nullptr;  // the Ink, Image and Page tabs
    InkCanvas* m_canvas = nullptr;
    TextPanel* m_textPanel = nullptr;
    StatusBar* m_statusBar = nullptr;
    RecognitionOptions* m_options = nullptr;
    InkToolBar* m_toolBar = nullptr;
    InspectionDocks* m_docks = nullptr;
    ToolsMenu* m_toolsMenu = nullptr;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_inspectionMenu = nullptr;
    QMenu* m_recognitionMenu = nullptr;
    LanguageMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_saveInkAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_pasteAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_copyTextAction = nullptr;
    QAction* m_clearAction = nullptr;
    QAction* m_guideLinesAction = nullptr;
    QAction* m_statusBarAction = nullptr;
    QAction* m_fullScreenAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
};

}  // namespace inklens::ui
