#include "main_window.h"

#include "app_info.h"
#include "image_view.h"
#include "ink_canvas.h"
#include "language.h"
#include "text_panel.h"

#include "service/inkml.h"
#include "service/line_loader.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QUrl>

namespace inklens::ui {

namespace {
// QSettings keys (organization and application "InkLens", see app_info.h).
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kSplitterKey = QStringLiteral("mainWindow/splitter");
const QString kStatusBarKey = QStringLiteral("mainWindow/statusBarVisible");
const QString kLanguageKey = QStringLiteral("ui/language");
const QString kPenWidthKey = QStringLiteral("canvas/penWidth");
const QString kGuideLinesKey = QStringLiteral("canvas/guideLines");
const QString kLastFolderKey = QStringLiteral("files/lastFolder");
const QString kLanguageModelKey = QStringLiteral("recognition/languageModel");
const QString kDeskewKey = QStringLiteral("recognition/deskew");
const QString kWordListKey = QStringLiteral("recognition/wordList");
const QString kWordListFolderKey = QStringLiteral("files/wordListFolder");

constexpr int kDefaultPenWidth = 3;

bool isInkMl(const QString& path)
{
    return QFileInfo(path).suffix().compare(QLatin1String("inkml"), Qt::CaseInsensitive) == 0;
}

QIcon themeIcon(const QString& name, const QStyle* style, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(name, style->standardIcon(fallback));
}
}  // namespace

MainWindow::MainWindow(Translator& translator, service::RecognitionService& service, QWidget* parent)
    : QMainWindow(parent)
    , m_translator(translator)
    , m_service(service)
{
    setObjectName(QStringLiteral("mainWindow"));  // saveState() needs a name
    setWindowIcon(QIcon(QStringLiteral(":/icons/inklens.svg")));
    setAcceptDrops(true);
    setDockNestingEnabled(true);

    m_recognitionTimer.setSingleShot(true);
    m_recognitionTimer.setInterval(kRecognitionDelayMs);
    connect(&m_recognitionTimer, &QTimer::timeout, this, &MainWindow::recognizeNow);

    createWidgets();
    createActions();
    createMenus();
    createToolBar();
    connectService();

    QSettings settings;
    setLanguage(settings.value(kLanguageKey).toString());
    retranslateUi();
    readSettings();
    updateActions();
    updateStatus();
}

MainWindow::~MainWindow()
{
    m_service.cancel();
}

void MainWindow::createWidgets()
{
    m_canvas = new InkCanvas(this);
    m_imageView = new ImageView(this);
    m_sources = new QTabWidget(this);
    m_sources->setObjectName(QStringLiteral("sourceTabs"));
    m_sources->setDocumentMode(true);
    m_sources->addTab(m_canvas, QString());
    m_sources->addTab(m_imageView, QString());

    m_textPanel = new TextPanel(this);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("centralSplitter"));
    m_splitter->addWidget(m_sources);
    m_splitter->addWidget(m_textPanel);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addWidget(m_statusLabel, 1);
    m_timesLabel = new QLabel(this);
    m_timesLabel->setObjectName(QStringLiteral("stageTimesLabel"));
    statusBar()->addPermanentWidget(m_timesLabel);
    m_wordListLabel = new QLabel(this);
    m_wordListLabel->setObjectName(QStringLiteral("wordListLabel"));
    statusBar()->addPermanentWidget(m_wordListLabel);
    m_modelLabel = new QLabel(this);
    m_modelLabel->setObjectName(QStringLiteral("modelLabel"));
    statusBar()->addPermanentWidget(m_modelLabel);

    // Ink: recognize once the pen has rested; a new stroke cancels what is running.
    connect(m_canvas, &InkCanvas::strokeStarted, this, [this] {
        m_recognitionTimer.stop();
        m_service.cancel();
    });
    connect(m_canvas, &InkCanvas::inkChanged, this, [this] {
        updateActions();
        if (m_sources->currentWidget() != m_canvas || m_canvas->isDrawing())
            return;
        if (m_canvas->isEmpty())
            recognizeNow();  // nothing to wait for: clear the text at once
        else
            scheduleRecognition();
    });
    connect(m_sources, &QTabWidget::currentChanged, this, [this] { recognizeNow(); });
    connect(m_textPanel, &TextPanel::textChanged, this, [this] { updateActions(); });
}

void MainWindow::createActions()
{
    const QStyle* style = this->style();
    m_openAction = new QAction(themeIcon(QStringLiteral("document-open"), style, QStyle::SP_DialogOpenButton), QString(), this);
    m_openAction->setObjectName(QStringLiteral("openAction"));
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openDialog);

    m_saveInkAction = new QAction(themeIcon(QStringLiteral("document-save-as"), style, QStyle::SP_DialogSaveButton),
                                  QString(), this);
    m_saveInkAction->setObjectName(QStringLiteral("saveInkAction"));
    m_saveInkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    connect(m_saveInkAction, &QAction::triggered, this, &MainWindow::saveDialog);

    m_quitAction = new QAction(this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    QUndoStack* undo = m_canvas->undoStack();
    m_undoAction = new QAction(themeIcon(QStringLiteral("edit-undo"), style, QStyle::SP_ArrowBack), QString(), this);
    m_undoAction->setObjectName(QStringLiteral("undoAction"));
    m_undoAction->setShortcut(QKeySequence::Undo);
    connect(m_undoAction, &QAction::triggered, undo, &QUndoStack::undo);
    connect(undo, &QUndoStack::canUndoChanged, m_undoAction, &QAction::setEnabled);
    m_redoAction = new QAction(themeIcon(QStringLiteral("edit-redo"), style, QStyle::SP_ArrowForward), QString(), this);
    m_redoAction->setObjectName(QStringLiteral("redoAction"));
    m_redoAction->setShortcut(QKeySequence::Redo);
    connect(m_redoAction, &QAction::triggered, undo, &QUndoStack::redo);
    connect(undo, &QUndoStack::canRedoChanged, m_redoAction, &QAction::setEnabled);

    m_copyTextAction = new QAction(themeIcon(QStringLiteral("edit-copy"), style, QStyle::SP_FileIcon), QString(), this);
    m_copyTextAction->setObjectName(QStringLiteral("copyTextAction"));
    m_copyTextAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyTextAction, &QAction::triggered, m_textPanel, &TextPanel::copyText);

    m_clearAction = new QAction(themeIcon(QStringLiteral("edit-clear"), style, QStyle::SP_DialogResetButton), QString(),
                                this);
    m_clearAction->setObjectName(QStringLiteral("clearAction"));
    m_clearAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Delete));
    connect(m_clearAction, &QAction::triggered, this, [this] {
        if (m_sources->currentWidget() != m_canvas) {
            const QSignalBlocker quiet(m_sources);  // no request for the ink about to go
            m_sources->setCurrentWidget(m_canvas);
        }
        m_canvas->clear();
        recognizeNow();
    });

    m_guideLinesAction = new QAction(this);
    m_guideLinesAction->setObjectName(QStringLiteral("guideLinesAction"));
    m_guideLinesAction->setCheckable(true);
    m_guideLinesAction->setChecked(m_canvas->guideLinesVisible());
    m_guideLinesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(m_guideLinesAction, &QAction::toggled, m_canvas, &InkCanvas::setGuideLinesVisible);

    m_languageModelAction = new QAction(this);
    m_languageModelAction->setObjectName(QStringLiteral("languageModelAction"));
    m_languageModelAction->setCheckable(true);
    m_languageModelAction->setChecked(true);
    m_languageModelAction->setEnabled(false);  // until a model with a language model is loaded
    m_languageModelAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(m_languageModelAction, &QAction::toggled, this, [this](bool on) {
        auto options = m_service.options();
        options.languageModel = on;
        m_service.setOptions(options);
        recognizeNow();
    });

    m_deskewAction = new QAction(this);
    m_deskewAction->setObjectName(QStringLiteral("deskewAction"));
    m_deskewAction->setCheckable(true);
    m_deskewAction->setChecked(m_service.options().deskew);
    connect(m_deskewAction, &QAction::toggled, this, [this](bool on) {
        auto options = m_service.options();
        options.deskew = on;
        m_service.setOptions(options);
        recognizeNow();
    });

    m_wordListAction = new QAction(this);
    m_wordListAction->setObjectName(QStringLiteral("wordListAction"));
    m_wordListAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    connect(m_wordListAction, &QAction::triggered, this, &MainWindow::wordListDialog);

    m_noWordListAction = new QAction(this);
    m_noWordListAction->setObjectName(QStringLiteral("noWordListAction"));
    m_noWordListAction->setEnabled(false);  // until a list is in use
    connect(m_noWordListAction, &QAction::triggered, this, [this] { m_service.setWordList({}); });

    m_statusBarAction = new QAction(this);
    m_statusBarAction->setObjectName(QStringLiteral("statusBarAction"));
    m_statusBarAction->setCheckable(true);
    m_statusBarAction->setChecked(true);
    connect(m_statusBarAction, &QAction::toggled, statusBar(), &QWidget::setVisible);

    m_fullScreenAction = new QAction(this);
    m_fullScreenAction->setObjectName(QStringLiteral("fullScreenAction"));
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence::FullScreen);
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen
                          : windowState() & ~Qt::WindowFullScreen);
    });

    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    m_systemLanguageAction = new QAction(m_languageGroup);
    m_systemLanguageAction->setObjectName(QStringLiteral("languageAction_system"));
    m_systemLanguageAction->setData(QString());
    m_systemLanguageAction->setCheckable(true);
    for (const Language& language : supportedLanguages()) {
        auto* action = new QAction(language.nativeName, m_languageGroup);
        action->setObjectName(QStringLiteral("languageAction_") + language.code);
        action->setData(language.code);
        action->setCheckable(true);
    }
    connect(m_languageGroup, &QActionGroup::triggered, this,
            [this](QAction* action) { setLanguage(action->data().toString()); });

    m_aboutAction = new QAction(this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setObjectName(QStringLiteral("aboutQtAction"));
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_fileMenu->addAction(m_openAction);
    m_fileMenu->addAction(m_saveInkAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->setObjectName(QStringLiteral("editMenu"));
    m_editMenu->addAction(m_undoAction);
    m_editMenu->addAction(m_redoAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_copyTextAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_clearAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_viewMenu->addAction(m_guideLinesAction);
    m_viewMenu->addSeparator();
    m_inspectionMenu = m_viewMenu->addMenu(QString());
    m_inspectionMenu->setObjectName(QStringLiteral("inspectionMenu"));
    m_inspectionMenu->setEnabled(false);  // until a view is added
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_statusBarAction);
    m_viewMenu->addAction(m_fullScreenAction);

    m_recognitionMenu = menuBar()->addMenu(QString());
    m_recognitionMenu->setObjectName(QStringLiteral("recognitionMenu"));
    m_recognitionMenu->addAction(m_languageModelAction);
    m_recognitionMenu->addAction(m_deskewAction);
    m_recognitionMenu->addSeparator();
    m_recognitionMenu->addAction(m_wordListAction);
    m_recognitionMenu->addAction(m_noWordListAction);

    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageMenu->addAction(m_systemLanguageAction);
    m_languageMenu->addSeparator();
    for (QAction* action : m_languageGroup->actions()) {
        if (action != m_systemLanguageAction)
            m_languageMenu->addAction(action);
    }

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("helpMenu"));
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("inkToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_openAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_undoAction);
    m_toolBar->addAction(m_redoAction);
    m_toolBar->addAction(m_clearAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_guideLinesAction);
    m_toolBar->addSeparator();
    m_penWidthLabel = new QLabel(this);
    m_penWidthLabel->setContentsMargins(4, 0, 4, 0);
    m_penWidthSpin = new QSpinBox(this);
    m_penWidthSpin->setObjectName(QStringLiteral("penWidthSpin"));
    m_penWidthSpin->setRange(1, 20);
    m_penWidthSpin->setValue(int(m_canvas->penWidth()));
    m_penWidthLabel->setBuddy(m_penWidthSpin);
    connect(m_penWidthSpin, &QSpinBox::valueChanged, m_canvas, [this](int width) { m_canvas->setPenWidth(width); });
    m_toolBar->addWidget(m_penWidthLabel);
    m_toolBar->addWidget(m_penWidthSpin);
}

void MainWindow::connectService()
{
    connect(&m_service, &service::RecognitionService::recognized, this, &MainWindow::showResult);
    connect(&m_service, &service::RecognitionService::failed, this, [this](quint64, const QString& message) {
        m_failure = tr("Recognition failed: %1").arg(message);
        m_textPanel->setMessage(m_failure);
        updateStatus();
    });
    connect(&m_service, &service::RecognitionService::busyChanged, this, &MainWindow::updateStatus);
    connect(&m_service, &service::RecognitionService::modelLoaded, this,
            [this](const std::shared_ptr<const model::Model>& model) {
        m_failure.clear();
        m_languageModelAction->setEnabled(model && model->languageModel);
        updateStatus();
        recognizeNow();  // what is on the canvas now
    });
    connect(&m_service, &service::RecognitionService::languageModelFailed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Reading without a language model: %1").arg(message), 15000);
    });
    connect(&m_service, &service::RecognitionService::wordListLoaded, this, [this](const QString& path, int words) {
        m_wordListChosen = false;
        m_wordListWords = words;
        m_noWordListAction->setEnabled(!path.isEmpty());
        if (path.isEmpty())
            statusBar()->showMessage(tr("Reading without a word list"), 5000);
        else
            statusBar()->showMessage(tr("Reading with the word list %1 (%n words)", nullptr, words)
                                         .arg(QFileInfo(path).fileName()), 5000);
        updateStatus();
        recognizeNow();
    });
    connect(&m_service, &service::RecognitionService::wordListFailed, this, [this](const QString& message) {
        if (m_wordListChosen)
            QMessageBox::warning(this, tr("Word list not used"), message);
        else
            statusBar()->showMessage(message, 15000);
        m_wordListChosen = false;
    });
    connect(&m_service, &service::RecognitionService::modelFailed, this, [this](const QString& message) {
        if (m_service.modelState() == service::RecognitionService::ModelState::Failed) {
            m_failure = tr("Recognition is off: %1\nWriting, opening and saving ink still work.").arg(message);
            m_textPanel->setMessage(m_failure);
        } else {
            QMessageBox::warning(this, tr("Model not loaded"), message);
        }
        updateStatus();
    });
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    m_viewMenu->setTitle(tr("&View"));
    m_inspectionMenu->setTitle(tr("&Inspection"));
    m_recognitionMenu->setTitle(tr("&Recognition"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Ink"));

    m_openAction->setText(tr("&Open..."));
    m_openAction->setStatusTip(tr("Open ink (InkML) or a picture of one line of handwriting"));
    m_saveInkAction->setText(tr("&Save Ink As..."));
    m_saveInkAction->setStatusTip(tr("Save the strokes on the canvas as InkML"));
    m_quitAction->setText(tr("&Quit"));
    m_quitAction->setStatusTip(tr("Quit InkLens"));
    m_undoAction->setText(tr("&Undo"));
    m_undoAction->setStatusTip(tr("Take back the last stroke, erasure or clearing"));
    m_redoAction->setText(tr("&Redo"));
    m_redoAction->setStatusTip(tr("Do again what was taken back"));
    m_copyTextAction->setText(tr("&Copy Text"));
    m_copyTextAction->setStatusTip(tr("Copy the recognized text to the clipboard"));
    m_clearAction->setText(tr("C&lear Ink"));
    m_clearAction->setStatusTip(tr("Remove every stroke from the canvas (can be undone)"));
    m_guideLinesAction->setText(tr("&Guide Lines"));
    m_guideLinesAction->setStatusTip(tr("Show the baseline and the height of small letters on the canvas"));
    m_penWidthLabel->setText(tr("&Pen width:"));
    m_penWidthSpin->setSuffix(tr(" px"));
    m_penWidthSpin->setToolTip(tr("Width of the strokes on the screen; it does not change what the network reads"));
    m_languageModelAction->setText(tr("Use the &Language Model"));
    m_languageModelAction->setStatusTip(
        tr("Let a model of letter sequences choose between readings the network finds equally likely"));
    m_deskewAction->setText(tr("Level &Skewed Lines"));
    m_deskewAction->setStatusTip(tr("Straighten a line written uphill or downhill before reading it"));
    m_wordListAction->setText(tr("Use a &Word List..."));
    m_wordListAction->setStatusTip(tr("Prefer the words of a list (a text file, one or more words per line): a "
                                      "word outside it is still read when the ink leaves no doubt"));
    m_noWordListAction->setText(tr("&No Word List"));
    m_noWordListAction->setStatusTip(tr("Read any sequence of letters again"));
    m_statusBarAction->setText(tr("Show &Status Bar"));
    m_fullScreenAction->setText(tr("&Full Screen"));
    m_systemLanguageAction->setText(tr("&System Default"));
    m_systemLanguageAction->setStatusTip(tr("Use the language of the desktop"));
    m_aboutAction->setText(tr("&About InkLens"));
    m_aboutAction->setStatusTip(tr("Show the version and where the model's training data comes from"));
    m_aboutQtAction->setText(tr("About &Qt"));

    m_sources->setTabText(m_sources->indexOf(m_canvas), tr("Ink"));
    m_sources->setTabText(m_sources->indexOf(m_imageView), tr("Image"));
    m_sources->setTabToolTip(m_sources->indexOf(m_canvas), tr("Write with the mouse or a pen"));
    m_sources->setTabToolTip(m_sources->indexOf(m_imageView), tr("A picture of one line of handwriting"));
    updateStatus();
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
    m_translator.setLanguage(setting);
    const QString saved = m_translator.setting();
    QSettings().setValue(kLanguageKey, saved);
    for (QAction* action : m_languageGroup->actions()) {
        if (action->data().toString() == saved)
            action->setChecked(true);
    }
}

QString MainWindow::aboutText()
{
    return tr("<h3>InkLens %1</h3>"
              "<p>A handwriting recognizer you can see inside: a CRNN (convolutional layers, "
              "a bidirectional LSTM and CTC) on its own engine, showing its filters, feature "
              "maps and the alignment of every character to the ink.</p>"
              "<p>The bundled model is trained on <i>Copiste d'un jour</i> (BAnQ, CC BY 4.0) "
              "and <i>Testaments de Poilus</i> (CREMMA, CC BY 4.0: Archives nationales, "
              "AD Yvelines, AD Val-d'Oise and volunteers).</p>"
              "<p>Built with Qt %2, running on Qt %3.</p>")
        .arg(applicationVersion(), QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About InkLens"), aboutText());
}

// ---- files -------------------------------------------------------------------------

bool MainWindow::canOpen(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("inkml") || service::supportedImageSuffixes().contains(suffix);
}

bool MainWindow::openFile(const QString& path, QString* error)
{
    QString detail;
    const QString name = QFileInfo(path).fileName();
    if (isInkMl(path)) {
        const std::optional<service::InkDocument> doc = service::readInkMlFile(path, &detail);
        if (!doc) {
            if (error)
                *error = detail;
            return false;
        }
        m_canvas->setInk(doc->ink, true, tr("Open %1").arg(name));
        const QSignalBlocker quiet(m_sources);  // one request, below
        m_sources->setCurrentWidget(m_canvas);
    } else if (canOpen(path)) {
        QImage image = service::loadGrayImage(path, &detail);
        if (image.isNull()) {
            if (error)
                *error = detail.startsWith(path + QStringLiteral(": ")) ? detail.mid(path.size() + 2) : detail;
            return false;
        }
        m_imageView->setImage(image, name);
        const QSignalBlocker quiet(m_sources);
        m_sources->setCurrentWidget(m_imageView);
    } else {
        if (error)
            *error = tr("InkLens opens InkML ink and pictures (%1).")
                         .arg(service::supportedImageSuffixes().join(QStringLiteral(", ")));
        return false;
    }
    rememberFolder(path);
    recognizeNow();
    return true;
}

bool MainWindow::saveInk(const QString& path, QString* error)
{
    QString detail;
    if (!service::writeInkMlFile(path, m_canvas->ink(), &detail)) {
        if (error)
            *error = detail;
        return false;
    }
    rememberFolder(path);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

void MainWindow::openDialog()
{
    QStringList images;
    for (const QString& suffix : service::supportedImageSuffixes())
        images << QStringLiteral("*.") + suffix;
    const QStringList filters = {
        tr("Ink and images (%1)").arg(QStringLiteral("*.inkml ") + images.join(QLatin1Char(' '))),
        tr("InkML ink (%1)").arg(QStringLiteral("*.inkml")),
        tr("Images (%1)").arg(images.join(QLatin1Char(' '))),
        tr("All files (*)"),
    };
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Ink or Image"), lastFolder(),
                                                      filters.join(QStringLiteral(";;")));
    if (path.isEmpty())
        return;
    QString error;
    if (!openFile(path, &error))
        showOpenError(path, error);
}

void MainWindow::wordListDialog()
{
    QSettings settings;
    QString folder = settings.value(kWordListFolderKey).toString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QFileInfo(QStringLiteral("/usr/share/dict")).isDir() ? QStringLiteral("/usr/share/dict") : lastFolder();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a Word List"), folder,
        QStringList{tr("All files (*)"), tr("Text files (*.txt)")}.join(QStringLiteral(";;")));
    if (path.isEmpty())
        return;
    settings.setValue(kWordListFolderKey, QFileInfo(path).absolutePath());
    m_wordListChosen = true;
    m_service.setWordList(path);
}

void MainWindow::saveDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Ink As"),
                                                QDir(lastFolder()).filePath(QStringLiteral("ink.inkml")),
                                                tr("InkML ink (%1)").arg(QStringLiteral("*.inkml")));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".inkml");
    QString error;
    if (!saveInk(path, &error))
        QMessageBox::warning(this, tr("Cannot Save"),
                             tr("Cannot save %1:\n%2").arg(QDir::toNativeSeparators(path), error));
}

void MainWindow::showOpenError(const QString& path, const QString& error)
{
    QMessageBox::warning(this, tr("Cannot Open"), tr("Cannot open %1:\n%2").arg(QDir::toNativeSeparators(path), error));
}

QString MainWindow::lastFolder() const
{
    const QString folder = QSettings().value(kLastFolderKey).toString();
    if (!folder.isEmpty() && QFileInfo(folder).isDir())
        return folder;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void MainWindow::rememberFolder(const QString& path)
{
    QSettings().setValue(kLastFolderKey, QFileInfo(path).absolutePath());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile() && canOpen(urls.first().toLocalFile()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    const QString path = urls.first().toLocalFile();
    event->acceptProposedAction();
    QString error;
    if (!openFile(path, &error))
        showOpenError(path, error);
}

// ---- recognition ---------------------------------------------------------------------

void MainWindow::scheduleRecognition()
{
    m_recognitionTimer.start();
}

void MainWindow::recognizeNow()
{
    m_recognitionTimer.stop();
    const auto state = m_service.modelState();
    if (state == service::RecognitionService::ModelState::None
        || state == service::RecognitionService::ModelState::Failed) {
        m_service.cancel();
        return;  // the text panel shows why
    }
    if (m_sources->currentWidget() == m_canvas) {
        if (m_canvas->isEmpty()) {
            m_service.cancel();
            showNothing();
            return;
        }
        m_service.recognize(m_canvas->ink());
    } else {
        if (m_imageView->image().isNull()) {
            m_service.cancel();
            showNothing();
            return;
        }
        m_service.recognize(m_imageView->image());
    }
    updateStatus();
}

void MainWindow::showResult(const service::RecognitionResult& result)
{
    m_latest = result;
    m_failure.clear();
    m_textPanel->setRecognition(result.recognition);
    updateStatus();
    emit recognitionChanged(m_latest.recognition, m_latest.lineImage);
}

void MainWindow::showNothing()
{
    m_latest = {};
    m_textPanel->setRecognition(nullptr);
    updateStatus();
    emit recognitionChanged(nullptr, QImage());
}

void MainWindow::updateStatus()
{
    if (!m_statusLabel)
        return;
    using State = service::RecognitionService::ModelState;
    const State state = m_service.modelState();
    if (state == State::Loading)
        m_statusLabel->setText(tr("Loading the model..."));
    else if (state != State::Ready)
        m_statusLabel->setText(tr("No model: recognition is off"));
    else if (m_service.busy())
        m_statusLabel->setText(tr("Reading..."));
    else
        m_statusLabel->setText(tr("Ready"));

    if (state == State::Ready)
        m_modelLabel->setText(tr("Model: %1").arg(QFileInfo(m_service.modelMessage()).fileName()));
    else
        m_modelLabel->clear();
    m_modelLabel->setToolTip(state == State::Ready ? QDir::toNativeSeparators(m_service.modelMessage()) : QString());

    const QString wordList = m_service.wordList();
    m_wordListLabel->setVisible(!wordList.isEmpty());
    m_wordListLabel->setText(wordList.isEmpty() ? QString() : tr("Words: %1").arg(QFileInfo(wordList).fileName()));
    m_wordListLabel->setToolTip(
        wordList.isEmpty() ? QString()
                           : tr("%1: %n words", nullptr, m_wordListWords).arg(QDir::toNativeSeparators(wordList)));

    if (m_latest.recognition) {
        const QLocale locale;
        const auto& t = m_latest.times;
        m_timesLabel->setText(tr("normalize %1 ms \u00b7 network %2 ms \u00b7 decode %3 ms")
                                  .arg(locale.toString(t.normalizeMs, 'f', 1), locale.toString(t.networkMs, 'f', 1),
                                       locale.toString(t.decodeMs, 'f', 1)));
        m_timesLabel->setToolTip(tr("From the request to the text shown: %1 ms (waiting %2 ms)")
                                     .arg(locale.toString(t.totalMs, 'f', 1), locale.toString(t.waitMs, 'f', 1)));
    } else {
        m_timesLabel->clear();
        m_timesLabel->setToolTip(QString());
    }
    if (!m_failure.isEmpty() && !m_latest.recognition)
        m_textPanel->setMessage(m_failure);
}

void MainWindow::updateActions()
{
    if (!m_saveInkAction)
        return;
    m_saveInkAction->setEnabled(!m_canvas->isEmpty());
    m_clearAction->setEnabled(!m_canvas->isEmpty());
    m_copyTextAction->setEnabled(!m_textPanel->text().isEmpty());
    m_undoAction->setEnabled(m_canvas->undoStack()->canUndo());
    m_redoAction->setEnabled(m_canvas->undoStack()->canRedo());
}

// ---- docks and settings --------------------------------------------------------------

QDockWidget* MainWindow::addInspectionView(QWidget* view, Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(view->windowTitle(), this);
    dock->setObjectName(QStringLiteral("dock_") + view->objectName());
    dock->setWidget(view);
    connect(view, &QWidget::windowTitleChanged, dock, &QDockWidget::setWindowTitle);
    addDockWidget(area, dock);
    restoreDockWidget(dock);  // where the user left it, if the saved state knows it
    m_inspectionMenu->addAction(dock->toggleViewAction());
    m_inspectionMenu->setEnabled(true);
    return dock;
}

void MainWindow::readSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        // First start: two thirds of the screen, centred.
        const QRect available = screen()->availableGeometry();
        const QSize size = (available.size() * 2 / 3).expandedTo(QSize(800, 560)).boundedTo(available.size());
        setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, available));
    }
    restoreState(settings.value(kStateKey).toByteArray());
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    m_statusBarAction->setChecked(settings.value(kStatusBarKey, true).toBool());
    m_penWidthSpin->setValue(settings.value(kPenWidthKey, kDefaultPenWidth).toInt());
    m_guideLinesAction->setChecked(settings.value(kGuideLinesKey, true).toBool());
    m_languageModelAction->setChecked(settings.value(kLanguageModelKey, true).toBool());
    m_deskewAction->setChecked(settings.value(kDeskewKey, true).toBool());
    // Read on the recognition thread once the model is there; a list that no longer loads
    // is reported in the status bar and forgotten when the window closes.
    const QString wordList = settings.value(kWordListKey).toString();
    if (!wordList.isEmpty())
        m_service.setWordList(wordList);
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kSplitterKey, m_splitter->saveState());
    settings.setValue(kStatusBarKey, m_statusBarAction->isChecked());
    settings.setValue(kPenWidthKey, m_penWidthSpin->value());
    settings.setValue(kGuideLinesKey, m_guideLinesAction->isChecked());
    settings.setValue(kLanguageModelKey, m_languageModelAction->isChecked());
    settings.setValue(kDeskewKey, m_deskewAction->isChecked());
    settings.setValue(kWordListKey, m_service.wordList());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_recognitionTimer.stop();
    m_service.cancel();
    writeSettings();
    event->accept();
}

}  // namespace inklens::ui
