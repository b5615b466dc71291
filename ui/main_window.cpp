#include "main_window.h"

#include "app_info.h"
#include "language.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QEvent>
#include <QIcon>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QStyle>

namespace inklens::ui {

namespace {
// QSettings keys (organization and application "InkLens", see app_info.h).
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kStatusBarKey = QStringLiteral("mainWindow/statusBarVisible");
const QString kLanguageKey = QStringLiteral("ui/language");
}  // namespace

MainWindow::MainWindow(Translator& translator, QWidget* parent)
    : QMainWindow(parent)
    , m_translator(translator)
{
    setObjectName(QStringLiteral("mainWindow"));  // saveState() needs a name
    setWindowIcon(QIcon(QStringLiteral(":/icons/inklens.svg")));

    m_canvasPlaceholder = new QLabel(this);
    m_canvasPlaceholder->setObjectName(QStringLiteral("canvasPlaceholder"));
    m_canvasPlaceholder->setAlignment(Qt::AlignCenter);
    m_canvasPlaceholder->setWordWrap(true);
    m_canvasPlaceholder->setFrameShape(QFrame::StyledPanel);
    m_canvasPlaceholder->setMinimumSize(320, 200);
    m_canvasPlaceholder->setAutoFillBackground(true);
    m_canvasPlaceholder->setBackgroundRole(QPalette::Base);
    m_canvasPlaceholder->setForegroundRole(QPalette::PlaceholderText);
    setCentralWidget(m_canvasPlaceholder);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addWidget(m_statusLabel, 1);

    createActions();
    createMenus();

    QSettings settings;
    setLanguage(settings.value(kLanguageKey).toString());
    retranslateUi();
    readSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_quitAction = new QAction(this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

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
    m_fileMenu->addAction(m_quitAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_viewMenu->addAction(m_statusBarAction);
    m_viewMenu->addAction(m_fullScreenAction);

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

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));

    m_quitAction->setText(tr("&Quit"));
    m_quitAction->setStatusTip(tr("Quit InkLens"));
    m_statusBarAction->setText(tr("Show &Status Bar"));
    m_fullScreenAction->setText(tr("&Full Screen"));
    m_systemLanguageAction->setText(tr("&System Default"));
    m_systemLanguageAction->setStatusTip(tr("Use the language of the desktop"));
    m_aboutAction->setText(tr("&About InkLens"));
    m_aboutAction->setStatusTip(tr("Show the version and where the model's training data comes from"));
    m_aboutQtAction->setText(tr("About &Qt"));

    m_canvasPlaceholder->setText(tr("The ink canvas will appear here: write with a mouse or a pen "
                                    "and watch the network read it."));
    m_statusLabel->setText(tr("Ready"));
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
    m_statusBarAction->setChecked(settings.value(kStatusBarKey, true).toBool());
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kStatusBarKey, m_statusBarAction->isChecked());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    writeSettings();
    event->accept();
}

}  // namespace inklens::ui
