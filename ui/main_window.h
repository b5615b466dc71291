#pragma once
// The main window: lays out the ink canvas (or an opened line image), the text panel and
// the inspection docks, and wires them to the recognition service. It holds no
// recognition logic: the canvas reports strokes, the service recognizes on its worker
// thread, the views show the snapshots they are handed.
//
//   pen lifts -> 300 ms quiet -> service.recognize(ink) ... recognized -> text panel,
//   pen down  -> service.cancel()                          status bar, recognitionChanged()
#include "model/recognizer.h"
#include "service/recognition_service.h"

#include <QImage>
#include <QMainWindow>
#include <QString>
#include <QTimer>

#include <memory>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QToolBar;

namespace inklens::ui {

class ImageView;
class InkCanvas;
class TextPanel;
class Translator;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Quiet time after the pen lifts before the ink is recognized.
    static constexpr int kRecognitionDelayMs = 300;

    // translator, service: the application's, outlive the window. The service's model is
    // loaded by whoever made it (app/main.cpp); the window follows its signals. The
    // constructor applies the saved language and restores the saved geometry and state.
    MainWindow(Translator& translator, service::RecognitionService& service, QWidget* parent = nullptr);
    ~MainWindow() override;

    // setting: "" (system default) or a code from supportedLanguages().
    // Installs the translation, saves the choice and checks its menu entry.
    void setLanguage(const QString& setting);

    // The text of Help > About InkLens (rich text, in the current language).
    static QString aboutText();

    // Opens InkML (onto the canvas, undoable) or an image (read as one line) and starts
    // recognizing it. false and *error (in the current language) when it cannot.
    bool openFile(const QString& path, QString* error = nullptr);
    // Saves the canvas' ink as InkML.
    bool saveInk(const QString& path, QString* error = nullptr);
    // Whether openFile() takes this file (by its suffix): .inkml or an image type.
    static bool canOpen(const QString& path);

    // Hook for the inspection views (ui/inspect/): puts `view` in a dock titled by the
    // view's windowTitle() (kept in sync), listed under View > Inspection, its place
    // saved with the window state (the dock is named "dock_" + view->objectName()). Feed
    // the view from recognitionChanged() and latestRecognition().
    QDockWidget* addInspectionView(QWidget* view, Qt::DockWidgetArea area = Qt::BottomDockWidgetArea);

    // The newest result shown, and the line image it was computed from (see
    // service::RecognitionResult::lineImage). Null / null image when nothing is shown.
    std::shared_ptr<const model::Recognition> latestRecognition() const { return m_latest.recognition; }
    QImage latestLineImage() const { return m_latest.lineImage; }
    const service::RecognitionResult& latestResult() const { return m_latest; }

    InkCanvas* canvas() const { return m_canvas; }
    TextPanel* textPanel() const { return m_textPanel; }
    service::RecognitionService& recognitionService() const { return m_service; }

signals:
    // A new snapshot is shown (recognition null: the canvas was cleared or nothing is
    // left to read). Emitted on the GUI thread.
    void recognitionChanged(std::shared_ptr<const inklens::model::Recognition> recognition, const QImage& lineImage);

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
    void showAbout();
    void readSettings();
    void writeSettings() const;

    void openDialog();
    void saveDialog();
    void wordListDialog();
    void showOpenError(const QString& path, const QString& error);
    QString lastFolder() const;
    void rememberFolder(const QString& path);

    void scheduleRecognition();
    void recognizeNow();
    void showResult(const service::RecognitionResult& result);
    void showNothing();
    void updateStatus();
    void updateActions();

    Translator& m_translator;
    service::RecognitionService& m_service;
    service::RecognitionResult m_latest;
    QTimer m_recognitionTimer;
    QString m_failure;  // the last recognition or model error, shown in the text panel
    bool m_wordListChosen = false;  // the user just chose a list: a failure gets a dialog
    int m_wordListWords = 0;        // in the list in use

    QSplitter* m_splitter = nullptr;
    QTabWidget* m_sources = nullptr;
    InkCanvas* m_canvas = nullptr;
    ImageView* m_imageView = nullptr;
    TextPanel* m_textPanel = nullptr;
    QToolBar* m_toolBar = nullptr;
    QLabel* m_penWidthLabel = nullptr;
    QSpinBox* m_penWidthSpin = nullptr;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_inspectionMenu = nullptr;
    QMenu* m_recognitionMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_saveInkAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_copyTextAction = nullptr;
    QAction* m_clearAction = nullptr;
    QAction* m_guideLinesAction = nullptr;
    QAction* m_languageModelAction = nullptr;
    QAction* m_deskewAction = nullptr;
    QAction* m_wordListAction = nullptr;
    QAction* m_noWordListAction = nullptr;
    QAction* m_statusBarAction = nullptr;
    QAction* m_fullScreenAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    QAction* m_systemLanguageAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;

    QLabel* m_statusLabel = nullptr;
    QLabel* m_timesLabel = nullptr;
    QLabel* m_modelLabel = nullptr;
    QLabel* m_wordListLabel = nullptr;
};

}  // namespace inklens::ui
