#include "main_window.h"

#include "about_dialog.h"
#include "actions.h"
#include "document_area.h"
#include "file_dialogs.h"
#include "inspection_docks.h"
#include "ink_canvas.h"
#include "ink_toolbar.h"
#include "language_menu.h"
#include "live_recognition.h"
#include "page_progress.h"
#include "recognition_options.h"
#include "status_bar.h"
#include "text_panel.h"
#include "tools_menu.h"

#include "service/documents.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QIcon>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QUndoGroup>

namespace inklens::ui {

namespace {
// QSettings keys (organization and application "InkLens", see app_info.h). The parts keep
// their own: recognition_options.cpp, language_menu.cpp, ink_toolbar.cpp, file_dialogs.cpp.
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kSplitterKey = QStringLiteral("mainWindow/splitter");
const QString kStatusBarKey = QStringLiteral("mainWindow/statusBarVisible");
const QString kGuideLinesKey = QStringLiteral("canvas/guideLines");
// The version of the saved window state: 1 since the inspection docks start hidden (a
// state of version 0 kept them beside a narrow canvas; it is ignored, the default applies).
constexpr int kStateVersion = 1;
}  // namespace

MainWindow::MainWindow(Translator& translator, service::RecognitionService& service,
                       QWidget* parent)
    : QMainWindow(parent), m_translator(translator), m_service(service)
{
    setObjectName(QStringLiteral("mainWindow"));  // saveState() needs a name
    setWindowIcon(QIcon(QStringLiteral(":/icons/inklens.svg")));
    setAcceptDrops(true);
    setDockNestingEnabled(true);

    createWidgets();
    createActions();
    createMenus();
    createToolBar();
    connectService();

    m_languageMenu->restore();
    retranslateUi();
    readSettings();
    updateActions();
}

MainWindow::~MainWindow()
{
    m_area->stop();
}

void MainWindow::createWidgets()
{
    m_area = new DocumentArea(m_service, this);
    m_canvas = m_area->canvas();
    m_textPanel = new TextPanel(this);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("centralSplitter"));
    m_splitter->addWidget(m_area);
    m_splitter->addWidget(m_textPanel);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_statusBar = new StatusBar(m_service, this);
    setStatusBar(m_statusBar);
    m_statusBar->addPermanentWidget(m_area->pageProgress());
}

void MainWindow::createActions()
{
    auto action = [this](auto... args) { return makeAction(this, args...); };
    m_openAction = action("openAction", QKeySequence::Open, "document-open",
                          QStyle::SP_DialogOpenButton);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openDialog);
    m_saveInkAction = action("saveInkAction", QKeySequence(Qt::CTRL | Qt::Key_S),
                             "document-save-as", QStyle::SP_DialogSaveButton);
    connect(m_saveInkAction, &QAction::triggered, this, &MainWindow::saveDialog);
    m_quitAction = action("quitAction", QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    QUndoGroup* undo = m_area->undoGroup();
    m_undoAction = action("undoAction", QKeySequence::Undo, "edit-undo", QStyle::SP_ArrowBack);
    connect(m_undoAction, &QAction::triggered, undo, &QUndoGroup::undo);
    connect(undo, &QUndoGroup::canUndoChanged, m_undoAction, &QAction::setEnabled);
    m_redoAction = action("redoAction", QKeySequence::Redo, "edit-redo", QStyle::SP_ArrowForward);
    connect(m_redoAction, &QAction::triggered, undo, &QUndoGroup::redo);
    connect(undo, &QUndoGroup::canRedoChanged, m_redoAction, &QAction::setEnabled);
    m_pasteAction = action("pasteAction", QKeySequence::Paste, "edit-paste");
    connect(m_pasteAction, &QAction::triggered, this, [this] {
        QString error;
        if (!m_area->openMime(QApplication::clipboard()->mimeData(), &error))
            m_statusBar->showMessage(error, 5000);
    });
    m_exportAction = action("exportPageAction", QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, [this] {
        service::PageFormat format = service::PageFormat::Text;
        const QString path = FileDialogs::askExportPath(this, &format);
        QString error;
        if (!path.isEmpty() && !m_area->exportPage(path, &error, format))
            FileDialogs::warnCannotSave(this, path, error);
        else if (!path.isEmpty())
            m_statusBar->showSaved(path);
    });

    m_copyTextAction = action("copyTextAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                              "edit-copy", QStyle::SP_FileIcon);
    connect(m_copyTextAction, &QAction::triggered, m_textPanel, &TextPanel::copyText);
    m_clearAction = action("clearAction", QKeySequence(Qt::CTRL | Qt::Key_Delete), "edit-clear",
                           QStyle::SP_DialogResetButton);
    connect(m_clearAction, &QAction::triggered, this, [this] { m_area->clearInk(); });

    m_guideLinesAction = action("guideLinesAction", QKeySequence(Qt::CTRL | Qt::Key_G));
    m_guideLinesAction->setCheckable(true);
    m_guideLinesAction->setChecked(m_canvas->guideLinesVisible());
    connect(m_guideLinesAction, &QAction::toggled, m_canvas, &InkCanvas::setGuideLinesVisible);

    // Recognition > language model, skew, word list: their own controller.
    m_options = new RecognitionOptions(m_service, this, this);
    connect(m_options, &RecognitionOptions::statusMessage, m_statusBar, &QStatusBar::showMessage);

    m_statusBarAction = action("statusBarAction");
    m_statusBarAction->setCheckable(true);
    m_statusBarAction->setChecked(true);
    connect(m_statusBarAction, &QAction::toggled, m_statusBar, &QWidget::setVisible);
    m_fullScreenAction = action("fullScreenAction", QKeySequence::FullScreen);
    m_fullScreenAction->setCheckable(true);
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen
                          : windowState() & ~Qt::WindowFullScreen);
    });

    m_aboutAction = action("aboutAction");
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] { showAboutDialog(this); });
    m_aboutQtAction = action("aboutQtAction");
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);

    connect(m_canvas, &InkCanvas::inkChanged, this, &MainWindow::updateActions);
    connect(m_textPanel, &TextPanel::textChanged, this, &MainWindow::updateActions);
    connect(m_area, &DocumentArea::pageChanged, this, &MainWindow::updateActions);
    connect(m_area, &DocumentArea::message, m_statusBar,
            [this](const QString& text) { m_statusBar->showMessage(text, 8000); });
    connect(m_area, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
}

void MainWindow::createMenus()
{
    auto menu = [this](QMenu* parent, const char* name, const QList<QAction*>& actions) {
        return makeMenu(menuBar(), parent, name, actions);
    };
    m_fileMenu = menu(nullptr, "fileMenu",
                      {m_openAction, m_saveInkAction, m_exportAction, nullptr, m_quitAction});
    m_editMenu = menu(nullptr, "editMenu",
                      {m_undoAction, m_redoAction, nullptr, m_copyTextAction, m_pasteAction,
                       nullptr, m_clearAction});
    m_viewMenu = menu(nullptr, "viewMenu", {m_guideLinesAction, nullptr});
    m_inspectionMenu = menu(m_viewMenu, "inspectionMenu", {});
    m_docks = new InspectionDocks(this, m_inspectionMenu);
    m_viewMenu->insertAction(m_inspectionMenu->menuAction(), m_docks->toggleAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({m_statusBarAction, m_fullScreenAction});
    m_recognitionMenu = menu(nullptr, "recognitionMenu",
                             {m_options->languageModelAction(), m_options->deskewAction(), nullptr,
                              m_options->wordListAction(), m_options->languageWordListAction(),
                              m_options->noWordListAction(), nullptr});
    m_options->addWritingLanguageMenu(m_recognitionMenu);
    m_toolsMenu = new ToolsMenu(this, m_service, m_docks);  // Samples, Fine-tune, Versions
    m_languageMenu = new LanguageMenu(m_translator, menuBar());
    menuBar()->addMenu(m_languageMenu);
    m_helpMenu = menu(nullptr, "helpMenu", {m_aboutAction, m_aboutQtAction});
}

void MainWindow::createToolBar()
{
    m_toolBar = new InkToolBar(m_canvas,
                               {m_openAction, nullptr, m_undoAction, m_redoAction, m_clearAction,
                                nullptr, m_guideLinesAction, m_docks->toggleAction()},
                               this);
    addToolBar(m_toolBar);
}

void MainWindow::connectService()
{
    m_live = m_area->live();
    connect(m_area, &DocumentArea::shown, this, [this](const service::RecognitionResult& result) {
        m_textPanel->setRecognition(result.text(), result.inspectedChars);  // all lines
        m_statusBar->setStageTimes(result.recognition ? std::optional(result.times) : std::nullopt);
        emit recognitionChanged(result.recognition, result.lineImage);
    });
    connect(m_live, &LiveRecognition::failed, m_textPanel, &TextPanel::setMessage);
    connect(m_options, &RecognitionOptions::changed, m_area, &DocumentArea::readAgain);
    connect(m_textPanel, &TextPanel::corrected, m_area, &DocumentArea::storeCorrection);
    connect(&m_service, &service::RecognitionService::modelFailed, this,
            [this](const QString& message) {
        if (m_service.modelState() != service::RecognitionService::ModelState::Failed)
            QMessageBox::warning(this, tr("Model not loaded"),
                                 message);  // the previous model stays
    });
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    m_viewMenu->setTitle(tr("&View"));
    m_inspectionMenu->setTitle(tr("&Inspection"));
    m_recognitionMenu->setTitle(tr("&Recognition"));
    m_helpMenu->setTitle(tr("&Help"));

    auto texts = [](QAction* action, const QString& text, const QString& tip = {}) {
        action->setText(text);
        action->setStatusTip(tip);
    };
    texts(m_openAction, tr("&Open..."),
          tr("Open ink (InkML), a picture of a line of handwriting or a page"));
    texts(m_exportAction, tr("&Export Page..."),
          tr("Save the page's lines: text, PAGE XML, ALTO or hOCR (outlines, baselines, "
             "confidences)"));
    texts(m_pasteAction, tr("&Paste"), tr("Open the picture or file on the clipboard"));
    texts(m_saveInkAction, tr("&Save Ink As..."), tr("Save the strokes on the canvas as InkML"));
    texts(m_quitAction, tr("&Quit"), tr("Quit InkLens"));
    texts(m_undoAction, tr("&Undo"),
          tr("Take back the last stroke, erasure, clearing or line edit"));
    texts(m_redoAction, tr("&Redo"), tr("Do again what was taken back"));
    texts(m_copyTextAction, tr("&Copy Text"), tr("Copy the recognized text to the clipboard"));
    texts(m_clearAction, tr("C&lear Ink"),
          tr("Remove every stroke from the canvas (can be undone)"));
    texts(m_guideLinesAction, tr("&Guide Lines"),
          tr("Show the baseline and the height of small letters on the canvas"));
    m_options->retranslate();
    m_docks->retranslate();
    texts(m_statusBarAction, tr("Show &Status Bar"));
    texts(m_fullScreenAction, tr("&Full Screen"));
    texts(m_aboutAction, tr("&About InkLens"),
          tr("Show the version and where the model's training data comes from"));
    texts(m_aboutQtAction, tr("About &Qt"));
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    } else if (event->type() == QEvent::WindowStateChange) {
        const QSignalBlocker blocker(m_fullScreenAction);
        m_fullScreenAction->setChecked(isFullScreen());
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::setLanguage(const QString& setting)
{
    m_languageMenu->setLanguage(setting);
}

// ---- files -------------------------------------------------------------------------

const service::RecognitionResult& MainWindow::latestResult() const
{
    return m_area->latest();
}

bool MainWindow::openFile(const QString& path, QString* error)
{
    return m_area->openFile(path, error);
}

bool MainWindow::saveInk(const QString& path, QString* error)
{
    if (!service::saveInkDocument(path, m_canvas->ink(), error))
        return false;
    FileDialogs::rememberFolder(path);
    m_statusBar->showSaved(path);
    return true;
}

void MainWindow::openDialog()
{
    const QString path = FileDialogs::askOpenPath(this);
    if (!path.isEmpty())
        openOrWarn(path);
}

void MainWindow::saveDialog()
{
    const QString path = FileDialogs::askSavePath(this);
    QString error;
    if (!path.isEmpty() && !saveInk(path, &error))
        FileDialogs::warnCannotSave(this, path, error);
}

void MainWindow::openOrWarn(const QString& path)
{
    QString error;
    if (!openFile(path, &error))
        FileDialogs::warnCannotOpen(this, path, error);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (DocumentArea::canOpenMime(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    if (!DocumentArea::canOpenMime(event->mimeData()))
        return;
    event->acceptProposedAction();
    QString error;
    if (!m_area->openMime(event->mimeData(), &error))
        FileDialogs::warnCannotOpen(this, FileDialogs::openablePath(event->mimeData()), error);
}

void MainWindow::updateActions()
{
    m_saveInkAction->setEnabled(!m_canvas->isEmpty());
    m_clearAction->setEnabled(!m_canvas->isEmpty());
    m_copyTextAction->setEnabled(!m_textPanel->text().isEmpty());
    m_undoAction->setEnabled(m_area->undoGroup()->canUndo());
    m_redoAction->setEnabled(m_area->undoGroup()->canRedo());
    m_exportAction->setEnabled(m_area->pageShown());
}

// ---- docks and settings --------------------------------------------------------------

QDockWidget* MainWindow::addInspectionView(QWidget* view, Qt::DockWidgetArea area)
{
    return m_docks->add(view, area);
}

void MainWindow::readSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First start: two thirds of the screen, centred.
        const QRect available = screen()->availableGeometry();
        const QSize size =
            (available.size() * 2 / 3).expandedTo(QSize(800, 560)).boundedTo(available.size());
        setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, available));
    }
    restoreState(settings.value(kStateKey).toByteArray(), kStateVersion);
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    m_statusBarAction->setChecked(settings.value(kStatusBarKey, true).toBool());
    m_guideLinesAction->setChecked(settings.value(kGuideLinesKey, true).toBool());
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState(kStateVersion));
    settings.setValue(kSplitterKey, m_splitter->saveState());
    settings.setValue(kStatusBarKey, m_statusBarAction->isChecked());
    settings.setValue(kGuideLinesKey, m_guideLinesAction->isChecked());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_area->stop();
    writeSettings();
    event->accept();
}

}  // namespace inklens::ui
