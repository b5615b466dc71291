// MainWindow: menus, runtime language switching, settings persistence, the shipped
// translations are complete; and the window's wiring: strokes drawn with QTest reach the
// recognition service and come back as text (a tiny random model for the plumbing, the
// bundled model for reading a written word), pen-down cancels, the event loop stays free,
// files open, save and drop, the hook for the inspection views; room to write at the
// default size, the inspector one click away.
#include "about_dialog.h"
#include "app_info.h"
#include "image_view.h"
#include "ink_canvas.h"
#include "inspection_docks.h"
#include "language.h"
#include "main_window.h"
#include "page_progress.h"
#include "text_panel.h"

#include "nn/kernels.h"
#include "document_area.h"
#include "imaging/ink_lines.h"
#include "service/inkml.h"
#include "service/page_reading.h"
#include "service/page_session.h"
#include "service/recognition_service.h"
#include "service/sample_store.h"
#include "test_models.h"
#include "test_settings.h"
#include "training/hershey.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeWidget>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QUrl>
#include <QXmlStreamReader>

#include <cmath>
#include <memory>

using inklens::service::RecognitionService;
using inklens::ui::InkCanvas;
using inklens::ui::MainWindow;
using inklens::ui::Translator;

namespace {

constexpr int kTimeoutMs = 30000;

void mouseStroke(QWidget* widget, const QList<QPoint>& points)
{
    QTest::mousePress(widget, Qt::LeftButton, {}, points.first());
    for (qsizetype i = 1; i < points.size(); ++i)
        QTest::mouseMove(widget, points[i]);
    QTest::mouseRelease(widget, Qt::LeftButton, {}, points.last());
}

QList<QPoint> line(QPoint from, QPoint to, int steps = 12)
{
    QList<QPoint> pts;
    for (int i = 0; i <= steps; ++i)
        pts << from + (to - from) * i / steps;
    return pts;
}

// A row of small joined loops across the canvas (like "eeee..."): a long line for the
// rasterizer, so slow to recognize.
QList<QPoint> loops(int x0, int x1, int y, int radius = 8)
{
    QList<QPoint> pts;
    for (double a = 0;; a += 0.35) {
        const double x = x0 + a * 2.2 + radius * std::sin(a);
        if (x > x1)
            break;
        const QPoint p(qRound(x), qRound(y - radius * (1 - std::cos(a))));
        if (pts.isEmpty() || pts.last() != p)
            pts << p;
    }
    return pts;
}

// Replays ink with QTest mouse events, as a user would draw it.
void replay(QWidget* canvas, const inklens::imaging::Ink& ink)
{
    for (const auto& stroke : ink.strokes) {
        QList<QPoint> pts;
        for (const auto& p : stroke.points) {
            const QPoint q(qRound(p.x), qRound(p.y));
            if (pts.isEmpty() || pts.last() != q)
                pts << q;
        }
        if (!pts.isEmpty())
            mouseStroke(canvas, pts);
    }
}

QString browserText(MainWindow& window)
{
    return window.findChild<QTextBrowser*>(QStringLiteral("recognizedText"))->toPlainText();
}

}  // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void resolveLanguage_data();
    void resolveLanguage();
    void hasMenusAndStatusBar();
    void switchesLanguageAtRuntime_data();
    void switchesLanguageAtRuntime();
    void restoresLanguage();
    void restoresGeometry();
    void aboutCreditsTrainingData();
    void aboutDialogShowsVersionBuildAndLicences();
    void translationsAreComplete_data();
    void translationsAreComplete();

    void editAndViewActions();
    void remembersCanvasSettings();
    void languageModelToggle();
    void wordListMenu();
    void strokesReachTheService();
    void penDownCancelsAndDrawingIsNeverDelayed();
    void keepsTheTextWhileWriting();
    void readsAWrittenWord_data();
    void readsAWrittenWord();
    void opensInkMlAndImages();
    void largeInkOpensOffTheGuiThread();
    void largeInkRefusedWithTheLimit();
    void inkPreparedOnTheWorker();
    void openedInkPlacedAsBefore();
    void savesInk();
    void dropsFiles();
    void copiesText();
    void worksWithoutModel();
    void inspectionHook();
    void roomToWriteAtTheDefaultSize_data();
    void roomToWriteAtTheDefaultSize();
    void inspectorOneClickAway();
    void correctionsAreKeptAsSamples();
    void inkLineCorrectionsKeepTheirStrokes();

private:
    static QMenu* menu(MainWindow& window, const char* name);
    static QAction* languageAction(MainWindow& window, const QString& code);
    void useTinyModel();

    QTemporaryDir m_settingsDir;
    Translator m_translator;
    std::unique_ptr<RecognitionService> m_service;
};

void TestMainWindow::initTestCase()
{
    inklens::testing::isolateSettings(m_settingsDir);
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_translator.setLanguage(QStringLiteral("en"));
    m_service = std::make_unique<RecognitionService>();  // no model unless a test loads one
}

void TestMainWindow::cleanup()
{
    m_service.reset();
    m_translator.setLanguage(QStringLiteral("en"));
}

void TestMainWindow::useTinyModel()
{
    m_service->setModel(inklens::testing::tinyModel(), QStringLiteral("tiny.safetensors"));
    QTRY_COMPARE(m_service->modelState(), RecognitionService::ModelState::Ready);
}

QMenu* TestMainWindow::menu(MainWindow& window, const char* name)
{
    return window.menuBar()->findChild<QMenu*>(QString::fromLatin1(name));
}

QAction* TestMainWindow::languageAction(MainWindow& window, const QString& code)
{
    return window.findChild<QAction*>(QStringLiteral("languageAction_") + code);
}

void TestMainWindow::resolveLanguage_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QStringList>("uiLanguages");
    QTest::addColumn<QString>("expected");

    QTest::newRow("explicit") << "fr" << QStringList{"de-DE"} << "fr";
    QTest::newRow("unknown setting") << "xx" << QStringList{"de-DE"} << "en";
    QTest::newRow("system German") << "" << QStringList{"de-DE", "en-US"} << "de";
    QTest::newRow("system underscore") << "" << QStringList{"es_MX"} << "es";
    QTest::newRow("system English first") << "" << QStringList{"en-GB", "fr-FR"} << "en";
    QTest::newRow("second choice") << "" << QStringList{"nl-NL", "fr-BE"} << "fr";
    QTest::newRow("nothing shipped") << "" << QStringList{"ja-JP"} << "en";
    QTest::newRow("no system languages") << "" << QStringList{} << "en";
}

void TestMainWindow::resolveLanguage()
{
    QFETCH(QString, setting);
    QFETCH(QStringList, uiLanguages);
    QFETCH(QString, expected);
    QCOMPARE(inklens::ui::resolveLanguage(setting, uiLanguages), expected);
}

void TestMainWindow::hasMenusAndStatusBar()
{
    MainWindow window(m_translator, *m_service);
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles << action->text();
    QCOMPARE(titles,
             (QStringList{"&File", "&Edit", "&View", "&Recognition", "&Tools", "&Language",
                          "&Help"}));

    QMenu* file = menu(window, "fileMenu");
    QVERIFY(file);
    auto* quit = window.findChild<QAction*>(QStringLiteral("quitAction"));
    QVERIFY(quit);
    QVERIFY(file->actions().contains(quit));
    QCOMPARE(quit->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu* language = menu(window, "languageMenu");
    QVERIFY(language);
    for (const char* code : {"system", "en", "de", "fr", "es"}) {
        QAction* action = languageAction(window, QString::fromLatin1(code));
        QVERIFY2(action, code);
        QVERIFY(language->actions().contains(action));
    }
    QVERIFY(menu(window, "viewMenu"));
    QVERIFY(menu(window, "helpMenu")
                ->actions()
                .contains(window.findChild<QAction*>(QStringLiteral("aboutAction"))));

    QVERIFY(window.statusBar());
    QVERIFY(window.centralWidget());

    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Quit closes the window (and so saves its settings).
    quit->trigger();
    QVERIFY(!window.isVisible());
    QVERIFY(QSettings().contains(QStringLiteral("mainWindow/geometry")));
}

void TestMainWindow::switchesLanguageAtRuntime_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("fileTitle");
    QTest::addColumn<QString>("helpTitle");

    QTest::newRow("de") << "de"
                        << "&Datei"
                        << "&Hilfe";
    QTest::newRow("fr") << "fr"
                        << "&Fichier"
                        << "Aid&e";
    QTest::newRow("es") << "es"
                        << "&Archivo"
                        << "Ay&uda";
}

void TestMainWindow::switchesLanguageAtRuntime()
{
    QFETCH(QString, code);
    QFETCH(QString, fileTitle);
    QFETCH(QString, helpTitle);

    MainWindow window(m_translator, *m_service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QMenu* file = menu(window, "fileMenu");
    QMenu* help = menu(window, "helpMenu");
    QCOMPARE(file->title(), QStringLiteral("&File"));

    // Through the menu, as a user would.
    languageAction(window, code)->trigger();
    QCOMPARE(m_translator.language(), code);
    QTRY_COMPARE(file->title(), fileTitle);
    QCOMPARE(help->title(), helpTitle);
    QVERIFY(languageAction(window, code)->isChecked());
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), code);

    languageAction(window, QStringLiteral("en"))->trigger();
    QTRY_COMPARE(file->title(), QStringLiteral("&File"));
    QCOMPARE(help->title(), QStringLiteral("&Help"));
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("en"));
}

void TestMainWindow::restoresLanguage()
{
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("de"));
    MainWindow window(m_translator, *m_service);
    QCOMPARE(m_translator.language(), QStringLiteral("de"));
    QVERIFY(languageAction(window, QStringLiteral("de"))->isChecked());
    QTRY_COMPARE(menu(window, "fileMenu")->title(), QStringLiteral("&Datei"));
}

void TestMainWindow::restoresGeometry()
{
    const QSize size(640, 430);
    {
        MainWindow window(m_translator, *m_service);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(size);
        QTRY_COMPARE(window.size(), size);
        window.findChild<QAction*>(QStringLiteral("statusBarAction"))->setChecked(false);
        QVERIFY(window.close());
    }
    MainWindow restored(m_translator, *m_service);
    QCOMPARE(restored.size(), size);
    QVERIFY(!restored.findChild<QAction*>(QStringLiteral("statusBarAction"))->isChecked());
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.size(), size);
    QVERIFY(!restored.statusBar()->isVisible());
}

void TestMainWindow::aboutCreditsTrainingData()
{
    const QString text = inklens::ui::aboutText();
    QVERIFY(text.contains(inklens::ui::applicationVersion()));
    QVERIFY(text.contains(QStringLiteral(QT_VERSION_STR)));
    QVERIFY(text.contains(QStringLiteral("Copiste d'un jour")));
    QVERIFY(text.contains(QStringLiteral("Testaments de Poilus")));
    QVERIFY(text.contains(QStringLiteral("CC BY 4.0")));

    // The credits survive translation.
    m_translator.setLanguage(QStringLiteral("fr"));
    const QString french = inklens::ui::aboutText();
    QVERIFY(french != text);
    QVERIFY(french.contains(QStringLiteral("Copiste d'un jour")));
    QVERIFY(french.contains(QStringLiteral("CC BY 4.0")));
}

void TestMainWindow::aboutDialogShowsVersionBuildAndLicences()
{
    // Help > About InkLens, as the user opens it.
    MainWindow window(m_translator, *m_service);
    window.show();
    auto* about = window.findChild<QAction*>(QStringLiteral("aboutAction"));
    QVERIFY(about);
    about->trigger();
    auto* dialog = window.findChild<inklens::ui::AboutDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    about->trigger();  // one dialog per window
    QCOMPARE(window.findChildren<inklens::ui::AboutDialog*>().size(), 1);

    const auto text = [dialog](int page) { return dialog->page(page)->toPlainText(); };
    QVERIFY(text(0).contains(inklens::ui::applicationVersion()));

    // Build: the version, the build, the kernels this computer runs.
    const inklens::nn::KernelInfo kernels = inklens::nn::kernelInfo();
    const QString build = text(1);
    QVERIFY(build.contains(inklens::ui::applicationVersion()));
    QVERIFY(build.contains(QString::fromStdString(kernels.gemm)));
    QVERIFY(build.contains(kernels.nativeBuild ? QStringLiteral("native")
                                               : QStringLiteral("portable")));
    QVERIFY(build.contains(QStringLiteral("Winograd")));
    QVERIFY(inklens::ui::AboutDialog::buildText().contains(
        QStringLiteral("<b>Threads</b>&nbsp;</td><td>%1</td>").arg(kernels.threads)));
    QVERIFY(build.contains(QStringLiteral(QT_VERSION_STR)));

    // Licences: the four libraries, each with its licence and where to read it.
    const QString licences = text(2);
    for (const char* expected :
         {"Qt ", "GNU Lesser General Public License version 3", "doc.qt.io/qt-6/licensing",
          "Eigen ", "Mozilla Public License 2.0", "mozilla.org/MPL/2.0", "OpenCV ",
          "Apache License 2.0", "opencv.org/license", "OpenBLAS", "BSD 3-clause",
          "OpenBLAS/blob/develop/LICENSE"})
        QVERIFY2(licences.contains(QLatin1String(expected)), expected);
    QVERIFY(licences.contains(QString::fromStdString(kernels.eigenVersion)));

    // Credits: the training data and the fonts of the synthetic lines.
    const QString credits = text(3);
    for (const char* expected : {"Copiste d'un jour", "Testaments de Poilus", "CC BY 4.0",
                                 "SIL Open Font License", "Hershey", "wamerican"})
        QVERIFY2(credits.contains(QLatin1String(expected)), expected);

    // In French, the pages follow; names and licences stay.
    m_translator.setLanguage(QStringLiteral("fr"));
    QTRY_COMPARE(dialog->windowTitle(), QStringLiteral("À propos d'InkLens"));  // posted
    QVERIFY(text(2) != licences);
    QVERIFY(text(2).contains(QStringLiteral("Mozilla Public License 2.0")));
    QVERIFY(text(3) != credits);
    QVERIFY(text(3).contains(QStringLiteral("Testaments de Poilus")));
}

void TestMainWindow::translationsAreComplete_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(INKLENS_TRANSLATIONS_DIR));
    const QStringList files = dir.entryList({QStringLiteral("inklens_*.ts")}, QDir::Files);
    QVERIFY(files.size() >= 3);
    for (const QString& file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

// Every message has a translation (every plural form of it), none is unfinished or
// obsolete, and the placeholders (%1, %2, ..., %n) survive.
void TestMainWindow::translationsAreComplete()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            ++messages;
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            QVERIFY2(type.isEmpty(), qPrintable(QStringLiteral("%1: '%2'").arg(type, source)));
            // Plain text, or one <numerusform> per plural form (tr(..., n) with %n).
            QStringList forms;
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    forms << xml.readElementText();
                else if (xml.isCharacters())
                    text += xml.text();
                else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                    break;
            }
            if (forms.isEmpty())
                forms << text;
            for (const QString& translation : forms) {
                QVERIFY2(!translation.trimmed().isEmpty(), qPrintable(source));
                for (const char* placeholder :
                     {"%1", "%2", "%3", "%4", "%5", "%6", "%7", "%8", "%9", "%n"}) {
                    const QLatin1String p(placeholder);
                    QVERIFY2(source.contains(p) == translation.contains(p), qPrintable(source));
                }
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 0);
}

void TestMainWindow::editAndViewActions()
{
    MainWindow window(m_translator, *m_service);
    auto action = [&](const char* name) {
        return window.findChild<QAction*>(QString::fromLatin1(name));
    };
    QMenu* file = menu(window, "fileMenu");
    QMenu* edit = menu(window, "editMenu");
    QMenu* view = menu(window, "viewMenu");
    QVERIFY(file->actions().contains(action("openAction")));
    QVERIFY(file->actions().contains(action("saveInkAction")));
    for (const char* name : {"undoAction", "redoAction", "copyTextAction", "clearAction"})
        QVERIFY2(edit->actions().contains(action(name)), name);
    QVERIFY(view->actions().contains(action("guideLinesAction")));
    QCOMPARE(action("copyTextAction")->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QCOMPARE(action("undoAction")->shortcut(), QKeySequence(QKeySequence::Undo));
    QCOMPARE(action("openAction")->shortcut(), QKeySequence(QKeySequence::Open));
    QVERIFY(window.findChild<QSpinBox*>(QStringLiteral("penWidthSpin")));
    QVERIFY(window.findChild<QMenu*>(QStringLiteral("inspectionMenu")));

    // Nothing to undo, save or copy on an empty canvas.
    for (const char* name :
         {"undoAction", "redoAction", "saveInkAction", "clearAction", "copyTextAction"})
        QVERIFY2(!action(name)->isEnabled(), name);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    mouseStroke(window.canvas(), line({60, 80}, {160, 120}));
    QVERIFY(action("undoAction")->isEnabled());
    QVERIFY(action("saveInkAction")->isEnabled());
    action("undoAction")->trigger();
    QVERIFY(window.canvas()->isEmpty());
    QVERIFY(action("redoAction")->isEnabled());
    action("redoAction")->trigger();
    QCOMPARE(window.canvas()->ink().strokes.size(), std::size_t(1));
    action("clearAction")->trigger();
    QVERIFY(window.canvas()->isEmpty());
    action("undoAction")->trigger();  // clearing can be undone
    QCOMPARE(window.canvas()->ink().strokes.size(), std::size_t(1));

    action("guideLinesAction")->setChecked(false);
    QVERIFY(!window.canvas()->guideLinesVisible());
    window.findChild<QSpinBox*>(QStringLiteral("penWidthSpin"))->setValue(9);
    QCOMPARE(window.canvas()->penWidth(), 9.0);
}

void TestMainWindow::remembersCanvasSettings()
{
    QTemporaryDir dir;
    const QString inkFile = dir.filePath(QStringLiteral("a.inkml"));
    QVERIFY(inklens::service::writeInkMlFile(inkFile, inklens::testing::loopInk(2)));
    {
        MainWindow window(m_translator, *m_service);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QSpinBox*>(QStringLiteral("penWidthSpin"))->setValue(7);
        window.findChild<QAction*>(QStringLiteral("guideLinesAction"))->setChecked(false);
        QString error;
        QVERIFY2(window.openFile(inkFile, &error), qPrintable(error));
        QVERIFY(window.close());
    }
    QCOMPARE(QSettings().value(QStringLiteral("files/lastFolder")).toString(),
             QFileInfo(inkFile).absolutePath());
    MainWindow restored(m_translator, *m_service);
    QCOMPARE(restored.findChild<QSpinBox*>(QStringLiteral("penWidthSpin"))->value(), 7);
    QCOMPARE(restored.canvas()->penWidth(), 7.0);
    QVERIFY(!restored.findChild<QAction*>(QStringLiteral("guideLinesAction"))->isChecked());
    QVERIFY(!restored.canvas()->guideLinesVisible());
}

// Recognition > Use the Language Model: disabled while the model has none, switches the
// service's option, and is remembered.
void TestMainWindow::languageModelToggle()
{
    {
        MainWindow window(m_translator, *m_service);
        auto* action = window.findChild<QAction*>(QStringLiteral("languageModelAction"));
        QVERIFY(action);
        QVERIFY(menu(window, "recognitionMenu")->actions().contains(action));
        useTinyModel();
        QVERIFY(!action->isEnabled());
        QVERIFY(action->isChecked());

        auto base = inklens::testing::tinyModel();
        inklens::model::Model withLm(base->crnn, base->charset);
        inklens::ctc::CharNgramLm::Builder builder(base->charset.size(), {3, 0});
        builder.addLine(base->charset.encode("le chat"));
        withLm.languageModel = std::make_shared<inklens::model::LanguageModel>(
            inklens::model::LanguageModel{builder.finish(), base->charset, "{}"});
        m_service->setModel(std::make_shared<const inklens::model::Model>(std::move(withLm)),
                            QStringLiteral("lm"));
        QTRY_VERIFY(action->isEnabled());
        QVERIFY(m_service->options().languageModel);
        action->trigger();
        QVERIFY(!action->isChecked());
        QVERIFY(!m_service->options().languageModel);

        // Skew correction: on by default, a checkable action beside it.
        auto* deskew = window.findChild<QAction*>(QStringLiteral("deskewAction"));
        QVERIFY(deskew);
        QVERIFY(menu(window, "recognitionMenu")->actions().contains(deskew));
        QVERIFY(deskew->isChecked());
        QVERIFY(m_service->options().deskew);
        deskew->trigger();
        QVERIFY(!m_service->options().deskew);
        QVERIFY(window.close());
    }
    m_service = std::make_unique<RecognitionService>();
    MainWindow restored(m_translator, *m_service);
    QVERIFY(!restored.findChild<QAction*>(QStringLiteral("languageModelAction"))->isChecked());
    QVERIFY(!m_service->options().languageModel);
    QVERIFY(!restored.findChild<QAction*>(QStringLiteral("deskewAction"))->isChecked());
    QVERIFY(!m_service->options().deskew);
}

// Recognition > Use a Word List: the list reaches the service, shows in the status bar,
// is remembered and read again at the next start; No Word List clears it; a list that no
// longer loads at start is reported and forgotten.
void TestMainWindow::wordListMenu()
{
    QTemporaryDir dir;
    const QString listFile = dir.filePath(QStringLiteral("mots.txt"));
    {
        QFile f(listFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("le chat\nla maison\n");
    }
    {
        MainWindow window(m_translator, *m_service);
        auto* use = window.findChild<QAction*>(QStringLiteral("wordListAction"));
        auto* none = window.findChild<QAction*>(QStringLiteral("noWordListAction"));
        auto* label = window.findChild<QLabel*>(QStringLiteral("wordListLabel"));
        QVERIFY(use && none && label);
        QVERIFY(menu(window, "recognitionMenu")->actions().contains(use));
        QVERIFY(menu(window, "recognitionMenu")->actions().contains(none));
        QCOMPARE(use->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
        QVERIFY(!none->isEnabled());
        QVERIFY(label->isHidden());
        useTinyModel();
        m_service->setWordList(listFile);  // what the file dialog does
        QTRY_VERIFY(none->isEnabled());
        QCOMPARE(m_service->wordList(), listFile);
        QVERIFY(!label->isHidden());
        QCOMPARE(label->text(), QStringLiteral("Words: mots.txt"));
        QVERIFY2(label->toolTip().contains(QStringLiteral("4 words")),
                 qPrintable(label->toolTip()));
        QVERIFY(window.close());
    }
    QCOMPARE(QSettings().value(QStringLiteral("recognition/wordList")).toString(), listFile);

    // The next start reads it again once the model is there; No Word List clears it.
    m_service = std::make_unique<RecognitionService>();
    {
        MainWindow restored(m_translator, *m_service);
        auto* none = restored.findChild<QAction*>(QStringLiteral("noWordListAction"));
        useTinyModel();
        QTRY_COMPARE(m_service->wordList(), listFile);
        QTRY_VERIFY(none->isEnabled());
        none->trigger();
        QTRY_VERIFY(m_service->wordList().isEmpty());
        QVERIFY(!none->isEnabled());
        QVERIFY(restored.findChild<QLabel*>(QStringLiteral("wordListLabel"))->isHidden());
        QVERIFY(restored.close());
    }
    QVERIFY(QSettings().value(QStringLiteral("recognition/wordList")).toString().isEmpty());

    // Remembered, then gone: a message in the status bar (no dialog at start), forgotten.
    QSettings().setValue(QStringLiteral("recognition/wordList"),
                         dir.filePath(QStringLiteral("gone.txt")));
    m_service = std::make_unique<RecognitionService>();
    {
        MainWindow window(m_translator, *m_service);
        window.show();
        useTinyModel();
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("gone.txt")));
        QVERIFY(m_service->wordList().isEmpty());
        QVERIFY(window.close());
    }
    QVERIFY(QSettings().value(QStringLiteral("recognition/wordList")).toString().isEmpty());
}

// The plumbing, with a tiny random model: a stroke drawn with the mouse is recognized
// once the pen has rested, the snapshot reaches the text panel, the status bar and
// recognitionChanged(); clearing empties them; undo brings the text back.
void TestMainWindow::strokesReachTheService()
{
    MainWindow window(m_translator, *m_service);
    useTinyModel();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);
    QSignalSpy recognized(m_service.get(), &RecognitionService::recognized);
    const quint64 before = m_service->generation();

    mouseStroke(window.canvas(), line({60, 100}, {200, 140}, 20));
    QElapsedTimer sincePenUp;
    sincePenUp.start();
    QCOMPARE(m_service->generation(), before + 1);  // asked as the pen lifts, no quiet time
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
    qDebug("pen up -> text shown %lld ms", static_cast<long long>(sincePenUp.elapsed()));

    const auto rec = window.latestRecognition();
    QVERIFY(rec);
    QCOMPARE(changed.last().at(0).value<std::shared_ptr<const inklens::model::Recognition>>(), rec);
    const QImage line = changed.last().at(1).value<QImage>();
    QVERIFY(!line.isNull());
    QCOMPARE(line.height(), 16);
    QCOMPARE(line.width(), rec->inputWidth);
    QCOMPARE(window.latestLineImage(), line);
    QVERIFY(rec->probe);  // for the inspection views
    QCOMPARE(window.textPanel()->text(), QString::fromStdString(rec->text));
    const QString times = window.findChild<QLabel*>(QStringLiteral("stageTimesLabel"))->text();
    QVERIFY2(times.contains(QStringLiteral("network")) && times.contains(QStringLiteral("decode"))
                 && times.contains(QStringLiteral("normalize")),
             qPrintable(times));
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("modelLabel"))->text(),
             QStringLiteral("Model: tiny.safetensors"));

    // Clear: nothing to show, right away.
    window.findChild<QAction*>(QStringLiteral("clearAction"))->trigger();
    QTRY_VERIFY(!window.latestRecognition());
    QVERIFY(!changed.last().at(0).value<std::shared_ptr<const inklens::model::Recognition>>());
    QCOMPARE(window.textPanel()->text(), QString());
    // Undo: the ink and its text come back.
    window.findChild<QAction*>(QStringLiteral("undoAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.latestRecognition(), kTimeoutMs);
    QCOMPARE(recognized.size(), 2);
}

// With a slow model: putting the pen down stops the running recognition at once, the
// strokes drawn meanwhile are taken without delay, timers on the GUI thread keep firing,
// and the text that arrives is that of all the ink.
void TestMainWindow::penDownCancelsAndDrawingIsNeverDelayed()
{
    MainWindow window(m_translator, *m_service);
    m_service->setModel(inklens::testing::slowModel(30, 96), QStringLiteral("slow"));
    QTRY_COMPARE(m_service->modelState(), RecognitionService::ModelState::Ready);
    window.resize(1000, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy cancelled(m_service.get(), &RecognitionService::cancelled);
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);
    InkCanvas* canvas = window.canvas();
    const int y = int(canvas->baselineY()) - 10;

    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0, longestGap = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] {
        const qint64 now = clock.nsecsElapsed();
        longestGap = std::max(longestGap, now - lastTick);
        lastTick = now;
    });

    // A long line of loops: a few hundred milliseconds of network on this model (tune the
    // channels when the engine gets faster: the reading must outlast the 100 ms wait).
    mouseStroke(canvas, loops(20, canvas->width() - 60, y));
    QTRY_VERIFY_WITH_TIMEOUT(m_service->busy(), kTimeoutMs);  // the request went out
    QTest::qWait(100);                                        // and the network runs
    QVERIFY(m_service->busy());
    lastTick = clock.nsecsElapsed();
    ticker.start();

    // A second stroke while it runs (a dot at the end of the line): pen down cancels at
    // once; every mouse event is handled without waiting for the network.
    const QList<QPoint> second = line({canvas->width() - 40, y - 4}, {canvas->width() - 34, y - 8},
                                      6);
    const qint64 t0 = clock.nsecsElapsed();
    QTest::mousePress(canvas, Qt::LeftButton, {}, second.first());
    QVERIFY(!m_service->busy());
    qint64 slowestEvent = clock.nsecsElapsed() - t0;
    for (qsizetype i = 1; i < second.size(); ++i) {
        const qint64 e0 = clock.nsecsElapsed();
        QTest::mouseMove(canvas, second[i]);
        slowestEvent = std::max(slowestEvent, clock.nsecsElapsed() - e0);
    }
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, second.last());
    QCOMPARE(canvas->ink().strokes.size(), std::size_t(2));  // taken now, not after the network
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 2 * kTimeoutMs);
    ticker.stop();
    // The first request either stopped at its flag or, had it just finished, its result
    // was dropped: only the text of both strokes is shown.
    QCOMPARE(qint64(cancelled.size()) + qint64(m_service->droppedResults()), qint64(1));
    QCOMPARE(window.latestResult().generation, m_service->generation());

    const auto rec = window.latestRecognition();
    QVERIFY(rec);
    qDebug(
        "first request %s; slowest mouse event during recognition: %.2f ms; longest GUI timer gap: %.1f ms; "
        "network %.0f ms for %d columns",
        cancelled.isEmpty() ? "finished, result dropped" : "stopped by its flag",
        double(slowestEvent) / 1e6, double(longestGap) / 1e6, window.latestResult().times.networkMs,
        rec->inputWidth);
    QVERIFY(double(slowestEvent) / 1e6 < 50);
    QVERIFY(double(longestGap) / 1e6 < 100);
}

// No flicker: from the next pen-down until its result, the text panel keeps the last text
// (nothing clears it in between), and the result that replaces it is that of all the ink.
void TestMainWindow::keepsTheTextWhileWriting()
{
    MainWindow window(m_translator, *m_service);
    useTinyModel();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);
    InkCanvas* canvas = window.canvas();
    const int y = int(canvas->baselineY()) - 10;
    mouseStroke(canvas, line({40, y}, {90, y - 20}));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
    const auto shown = window.textPanel()->recognition();
    QVERIFY(shown);
    const QString text = browserText(window);

    for (int stroke = 1; stroke <= 3; ++stroke) {
        const QList<QPoint> points = line({40 + 60 * stroke, y}, {90 + 60 * stroke, y - 20});
        QTest::mousePress(canvas, Qt::LeftButton, {}, points.first());
        for (qsizetype i = 1; i < points.size(); ++i)
            QTest::mouseMove(canvas, points[i]);
        QCOMPARE(window.textPanel()->recognition(), shown);  // pen down: the text stays
        QCOMPARE(browserText(window), text);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, points.last());
    }
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 2 && !m_service->busy(), kTimeoutMs);
    for (const QList<QVariant>& args : changed)  // never an empty result in between
        QVERIFY(args.at(0).value<std::shared_ptr<const inklens::model::Recognition>>());
    QCOMPARE(window.latestResult().generation, m_service->generation());
    QCOMPARE(window.textPanel()->recognition(), window.latestRecognition());
}

void TestMainWindow::readsAWrittenWord_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("font");
    QTest::addColumn<QString>("language");  // Recognition > Writing Language
    QTest::newRow("nous") << "nous"
                          << "cursive"
                          << "fr";
    QTest::newRow("the") << "the"
                         << "cursive"
                         << "en";
    QTest::newRow("and") << "and"
                         << "cursive"
                         << "en";
    QTest::newRow("pour") << "pour"
                          << "futural"
                          << "fr";
}

// The pen trajectory of a rendered word, replayed with QTest mouse events, reads as the
// word. Needs a model that can read: resources/models/default.safetensors (or
// $INKLENS_MODEL). The words were checked with the first 40-pixel model (validation CER
// 30 %, which still reads "hello" as "helle"); a better model should read them all.
void TestMainWindow::readsAWrittenWord()
{
    QFETCH(QString, word);
    QFETCH(QString, font);
    QFETCH(QString, language);
    QSettings().setValue(QStringLiteral("recognition/writingLanguage"), language);
    m_service->setWritingLanguage(language);
    QString modelPath = qEnvironmentVariable("INKLENS_MODEL");
    if (modelPath.isEmpty())
        modelPath = QStringLiteral(INKLENS_SOURCE_MODEL);
    if (!QFileInfo(modelPath).isFile())
        QSKIP(qPrintable(
            QStringLiteral(
                "no trained model at %1 (resources/models/default.safetensors is made by "
                "training; set INKLENS_MODEL to use another)")
                .arg(modelPath)));
    const std::string fontPath = "/usr/share/hershey-fonts/" + font.toStdString() + ".jhf";
    if (!QFileInfo::exists(QString::fromStdString(fontPath)))
        QSKIP("hershey-fonts-data is not installed");

    m_service->loadModel(modelPath);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->modelState() != RecognitionService::ModelState::Loading,
                             kTimeoutMs);
    QCOMPARE(m_service->modelState(), RecognitionService::ModelState::Ready);
    MainWindow window(m_translator, *m_service);
    window.resize(1000, 620);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    InkCanvas* canvas = window.canvas();

    const auto hershey = inklens::training::HersheyFont::load(fontPath);
    inklens::training::HersheyStyle style;
    inklens::nn::Rng rng(3);
    inklens::imaging::Ink ink = inklens::training::hersheyInk(hershey, word.toStdString(), style,
                                                              rng, float(canvas->xHeight()));
    const auto box = ink.bounds();
    for (auto& s : ink.strokes)
        for (auto& p : s.points)
            p.x += 40.f - box.x, p.y += float(canvas->baselineY());
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);
    replay(canvas, ink);
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() >= 1 && !m_service->busy(), kTimeoutMs);
    QCOMPARE(window.textPanel()->text(), word);
}

void TestMainWindow::opensInkMlAndImages()
{
    QTemporaryDir dir;
    MainWindow window(m_translator, *m_service);
    useTinyModel();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("sourceTabs"));
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);

    // Ink from a digitizer: fitted onto the canvas, one undo step, recognized at once.
    inklens::imaging::Ink digitizer = inklens::testing::loopInk(5);
    for (auto& s : digitizer.strokes)
        for (auto& p : s.points)
            p.x = p.x * 50 + 12000, p.y = p.y * 50 + 30000;
    const QString inkFile = dir.filePath(QStringLiteral("note.inkml"));
    QVERIFY(inklens::service::writeInkMlFile(inkFile, digitizer));
    QString error;
    QVERIFY2(window.openFile(inkFile, &error), qPrintable(error));  // parsed on the worker
    QTRY_COMPARE_WITH_TIMEOUT(window.canvas()->ink().strokes.size(), std::size_t(5), kTimeoutMs);
    QCOMPARE(tabs->currentWidget(), window.canvas());
    const auto box = window.canvas()->ink().bounds();
    QVERIFY(box.x >= 0 && box.x + box.width <= window.canvas()->width());
    QVERIFY(box.y >= 0 && box.y + box.height <= window.canvas()->height());
    QCOMPARE(window.canvas()->undoStack()->undoText(), QStringLiteral("Open note.inkml"));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);

    // A picture of a line: the Image tab, read as one line.
    const QString picture = dir.filePath(QStringLiteral("line.png"));
    QVERIFY(inklens::testing::stripedLine(900).save(picture));
    QVERIFY2(window.openFile(picture, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(
        tabs->currentWidget(),
        window.findChild<inklens::ui::ImageView*>(QStringLiteral("imageView")), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, kTimeoutMs);
    QVERIFY(window.latestRecognition()->inputWidth > 300);
    // Back to the ink tab: the ink is read again.
    tabs->setCurrentWidget(window.canvas());
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 3, kTimeoutMs);

    // Failures: a clear message, nothing changes.
    const QString bad = dir.filePath(QStringLiteral("bad.inkml"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<ink xmlns=\"http://www.w3.org/2003/InkML\">\n<trace>1 2, 3 x</trace></ink>");
    }
    QSignalSpy failed(window.documentArea(), &inklens::ui::DocumentArea::openFailed);
    QVERIFY(window.openFile(bad, &error));  // refused once parsed
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeoutMs);
    error = failed[0][1].toString();
    QVERIFY2(error.contains(QStringLiteral("line 2")) && error.contains(QStringLiteral("'x'")),
             qPrintable(error));
    QCOMPARE(failed[0][0].toString(), bad);
    QCOMPARE(window.canvas()->ink().strokes.size(), std::size_t(5));
    const QString corrupt = dir.filePath(QStringLiteral("corrupt.png"));
    {
        QFile f(corrupt);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(100, 'x'));
    }
    QVERIFY(!window.openFile(corrupt, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!window.openFile(dir.filePath(QStringLiteral("notes.txt")), &error));
    QVERIFY(error.contains(QStringLiteral("InkML")));
}

namespace {
// InkML of `traces` traces of `points` points each (a zigzag), written as text directly.
void writeBigInk(const QString& path, int traces, int points)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("<ink xmlns=\"http://www.w3.org/2003/InkML\">\n");
    QByteArray trace;
    for (int t = 0; t < traces; ++t) {
        trace = "<trace>";
        for (int i = 0; i < points; ++i) {
            trace += QByteArray::number(t * 3 + i % 7) + ' ' + QByteArray::number(i % 2 ? 10 : 0);
            trace += i + 1 < points ? ", " : "</trace>\n";
        }
        f.write(trace);
    }
    f.write("</ink>\n");
}
}  // namespace

// A large ink file is parsed on the page worker: the event loop runs meanwhile (a timer on
// the GUI thread ticks while the file is opening), the status bar shows the progress with
// Cancel; Cancel gives it up (the canvas keeps its ink); opened again, it arrives whole as
// one undo step.
void TestMainWindow::largeInkOpensOffTheGuiThread()
{
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("big.inkml"));
    writeBigInk(big, 4000, 100);  // 400,000 points, 4.5 MB: a while of parsing
    MainWindow window(m_translator, *m_service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    inklens::ui::DocumentArea* area = window.documentArea();
    inklens::service::InkMlLimits limits;  // whatever the window's own
    limits.maxPoints = 1'000'000;
    area->setInkLimits(limits);
    mouseStroke(window.canvas(), line({60, 80}, {160, 120}));
    QCOMPARE(window.canvas()->ink().strokes.size(), std::size_t(1));

    // Cancelled: from the status bar, while it is being parsed.
    QString error;
    QSignalSpy parsing(area->pageSession(), &inklens::service::PageSession::openingProgress);
    QVERIFY2(window.openFile(big, &error), qPrintable(error));
    QVERIFY(area->opening());
    auto* progress = area->pageProgress();
    QVERIFY(parsing.wait(kTimeoutMs));  // the first trace parsed
    QVERIFY(progress->isVisible());
    QVERIFY(area->opening());
    QVERIFY(progress->findChild<QLabel*>()->text().contains(QStringLiteral("ink")));
    QTest::mouseClick(progress->cancelButton(), Qt::LeftButton);
    QVERIFY(!area->opening());  // given up at once, whatever the worker is doing
    QTRY_VERIFY_WITH_TIMEOUT(!area->pageSession()->busy(), kTimeoutMs);
    QTRY_VERIFY(!progress->isVisible());
    QCOMPARE(window.canvas()->ink().strokes.size(), std::size_t(1));
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("cancelled")),
             qPrintable(window.statusBar()->currentMessage()));

    // Opened: the GUI thread's timer ticks while the worker parses.
    int ticks = 0, ticksWhileOpening = 0;
    QTimer timer;
    timer.setInterval(5);
    connect(&timer, &QTimer::timeout, &timer, [&] {
        ++ticks;
        ticksWhileOpening += area->opening();
    });
    timer.start();
    QVERIFY2(window.openFile(big, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(window.canvas()->ink().strokes.size(), std::size_t(4000),
                              kTimeoutMs * 4);
    timer.stop();
    qDebug("timer ticks while the ink was parsed: %d of %d", ticksWhileOpening, ticks);
    QVERIFY(ticksWhileOpening > 0);
    QCOMPARE(window.canvas()->ink().strokes[17].points.size(), std::size_t(100));
    QCOMPARE(window.canvas()->undoStack()->undoText(), QStringLiteral("Open big.inkml"));
    window.canvas()->undoStack()->undo();
    QCOMPARE(window.canvas()->ink().strokes.size(), std::size_t(1));
}

// Beyond the window's limits: a file too large is refused at once; ink of too many points
// once its parse reaches the limit. Each with a message that names the limit.
void TestMainWindow::largeInkRefusedWithTheLimit()
{
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("big.inkml"));
    writeBigInk(big, 100, 100);  // 10,000 points, 110 KB
    MainWindow window(m_translator, *m_service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    inklens::ui::DocumentArea* area = window.documentArea();
    QVERIFY(inklens::ui::DocumentArea::defaultInkLimits().maxPoints < 10'000'000);

    inklens::service::InkMlLimits tight;
    tight.maxBytes = 50'000;
    area->setInkLimits(tight);
    QString error;
    QVERIFY(!window.openFile(big, &error));
    QVERIFY2(error.contains(QStringLiteral("too large")) && error.contains(QStringLiteral("MB")),
             qPrintable(error));
    QVERIFY(!area->opening());

    tight.maxBytes = 1'000'000;
    tight.maxPoints = 5000;
    area->setInkLimits(tight);
    QSignalSpy failed(area, &inklens::ui::DocumentArea::openFailed);
    QVERIFY2(window.openFile(big, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeoutMs);
    error = failed[0][1].toString();
    QVERIFY2(error.contains(QStringLiteral("more than 5000 points"))
                 && error.contains(QStringLiteral("the window opens ink of up to")),
             qPrintable(error));
    QVERIFY(window.canvas()->isEmpty());
}

// PageSession::openInkFile's preparation runs on the page worker, on the parsed ink, and
// inkOpened brings what it made.
void TestMainWindow::inkPreparedOnTheWorker()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("note.inkml"));
    QVERIFY(inklens::service::writeInkMlFile(file, inklens::testing::loopInk(3)));
    inklens::service::PageSession session;
    QSignalSpy opened(&session, &inklens::service::PageSession::inkOpened);
    QThread* preparedOn = nullptr;  // written before inkOpened, read after it arrived
    std::size_t strokesParsed = 0;
    session.openInkFile(file, {}, [&](inklens::service::InkDocument& document) {
        preparedOn = QThread::currentThread();
        strokesParsed = document.ink.strokes.size();
        document.ink.strokes.pop_back();
    });
    QVERIFY(opened.wait(kTimeoutMs));
    const auto ink = opened[0][1].value<std::shared_ptr<const inklens::service::InkDocument>>();
    QVERIFY(ink);
    QCOMPARE(strokesParsed, std::size_t(3));
    QCOMPARE(ink->ink.strokes.size(), std::size_t(2));
    QVERIFY(preparedOn != nullptr);
    QVERIFY(preparedOn != QThread::currentThread());
    QCOMPARE(preparedOn->objectName(), QStringLiteral("InkLens page"));
}

// A paragraph opened in the window lands exactly where placing it on the GUI thread put it
// (placeInk with the canvas' guides, as before the measuring moved to the worker), as one
// undo step.
void TestMainWindow::openedInkPlacedAsBefore()
{
    QTemporaryDir dir;
    inklens::imaging::Ink paragraph;
    for (int l = 0; l < 3; ++l)
        for (auto& s : inklens::testing::loopInk(6, 20, 100 + 55 * float(l)).strokes) {
            for (auto& p : s.points)
                p.x = p.x * 30 + 5000, p.y = p.y * 30 + 9000;
            paragraph.strokes.push_back(std::move(s));
        }
    const QString file = dir.filePath(QStringLiteral("paragraph.inkml"));
    QVERIFY(inklens::service::writeInkMlFile(file, paragraph));
    QString error;
    const std::optional<inklens::service::InkDocument> parsed = inklens::service::readInkMlFile(
        file, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(inklens::imaging::splitInkLines(parsed->ink).size(), std::size_t(3));

    MainWindow window(m_translator, *m_service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    inklens::ui::InkCanvas* canvas = window.canvas();
    QVERIFY2(window.openFile(file, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(canvas->ink().strokes.size(), std::size_t(18), kTimeoutMs);
    const inklens::imaging::Ink expected = inklens::ui::placeInk(
        parsed->ink, canvas->placement().area, canvas->xHeight(),
        canvas->baselineY() - 0.5 * canvas->xHeight());
    for (std::size_t i = 0; i < expected.strokes.size(); ++i) {
        const auto &got = canvas->ink().strokes[i].points, &want = expected.strokes[i].points;
        QCOMPARE(got.size(), want.size());
        for (std::size_t j = 0; j < got.size(); ++j) {
            QCOMPARE(got[j].x, want[j].x);
            QCOMPARE(got[j].y, want[j].y);
        }
    }
    QCOMPARE(canvas->undoStack()->undoText(), QStringLiteral("Open paragraph.inkml"));
    canvas->undoStack()->undo();
    QVERIFY(canvas->isEmpty());
    canvas->undoStack()->redo();
    QCOMPARE(canvas->ink().strokes.size(), std::size_t(18));
}

void TestMainWindow::savesInk()
{
    QTemporaryDir dir;
    MainWindow window(m_translator, *m_service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    mouseStroke(window.canvas(), line({60, 80}, {160, 120}));
    mouseStroke(window.canvas(), {QPoint(200, 90)});
    const QString path = dir.filePath(QStringLiteral("saved.inkml"));
    QString error;
    QVERIFY2(window.saveInk(path, &error), qPrintable(error));
    const auto doc = inklens::service::readInkMlFile(path, &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->ink.strokes.size(), std::size_t(2));
    QCOMPARE(doc->ink.strokes[0].points.size(), window.canvas()->ink().strokes[0].points.size());
    QCOMPARE(doc->ink.strokes[0].points[0].x, 60.f);
    QVERIFY(!window.saveInk(dir.filePath(QStringLiteral("missing/folder/x.inkml")), &error));
    QVERIFY(!error.isEmpty());
}

void TestMainWindow::dropsFiles()
{
    QTemporaryDir dir;
    const QString inkFile = dir.filePath(QStringLiteral("dropped.inkml"));
    QVERIFY(inklens::service::writeInkMlFile(inkFile, inklens::testing::loopInk(3)));
    MainWindow window(m_translator, *m_service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QMimeData text;
    text.setText(QStringLiteral("just text"));
    QDragEnterEvent refused(QPoint(50, 50), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QCoreApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(inkFile)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    enter.setAccepted(false);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QTRY_COMPARE_WITH_TIMEOUT(window.canvas()->ink().strokes.size(), std::size_t(3), kTimeoutMs);
}

void TestMainWindow::copiesText()
{
    MainWindow window(m_translator, *m_service);
    auto* copy = window.findChild<QAction*>(QStringLiteral("copyTextAction"));
    auto rec = std::make_shared<inklens::model::Recognition>();
    rec->text = "bonjour";
    rec->nbest = {{"bonjour", -0.2f}, {"banjour", -2.f}};
    window.textPanel()->setRecognition(rec);
    QVERIFY(copy->isEnabled());
    copy->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("bonjour"));
    window.textPanel()->chooseAlternative(1);
    copy->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("banjour"));
}

// A missing model: the window says why, and writing, undo and saving still work.
void TestMainWindow::worksWithoutModel()
{
    QTemporaryDir dir;
    MainWindow window(m_translator, *m_service);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    m_service->loadModel(dir.filePath(QStringLiteral("nowhere.safetensors")));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->modelState(), RecognitionService::ModelState::Failed,
                              kTimeoutMs);
    QTRY_VERIFY(browserText(window).contains(QStringLiteral("Recognition is off")));
    QVERIFY(browserText(window).contains(QStringLiteral("nowhere.safetensors")));
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("statusLabel"))->text(),
             QStringLiteral("No model: recognition is off"));
    const quint64 generation = m_service->generation();
    mouseStroke(window.canvas(), line({60, 80}, {160, 120}));
    QTest::qWait(100);
    QCOMPARE(window.canvas()->ink().strokes.size(), std::size_t(1));
    QCOMPARE(m_service->generation(), generation);  // nothing asked of a service without a model
    QVERIFY(browserText(window).contains(QStringLiteral("Recognition is off")));

    // A model arrives later: the ink on the canvas is read.
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);
    useTinyModel();
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
    QVERIFY(!browserText(window).contains(QStringLiteral("Recognition is off")));
}

// The hook for ui/inspect: a dock per view, titled by the view, listed in View >
// Inspection, fed by recognitionChanged().
void TestMainWindow::inspectionHook()
{
    MainWindow window(m_translator, *m_service);
    useTinyModel();
    auto* view = new QLabel;
    view->setObjectName(QStringLiteral("alignmentView"));
    view->setWindowTitle(QStringLiteral("Alignment"));
    QDockWidget* dock = window.addInspectionView(view);
    QCOMPARE(dock->objectName(), QStringLiteral("dock_alignmentView"));
    QCOMPARE(dock->windowTitle(), QStringLiteral("Alignment"));
    QCOMPARE(dock->widget(), view);
    view->setWindowTitle(QStringLiteral("Ausrichtung"));  // the view retranslates itself
    QCOMPARE(dock->windowTitle(), QStringLiteral("Ausrichtung"));
    QMenu* inspection = window.findChild<QMenu*>(QStringLiteral("inspectionMenu"));
    QVERIFY(inspection->isEnabled());
    QVERIFY(inspection->actions().contains(dock->toggleViewAction()));

    int widths = 0;
    connect(&window, &MainWindow::recognitionChanged, view,
            [&](std::shared_ptr<const inklens::model::Recognition> rec, const QImage& line) {
        if (rec)
            widths = line.width();
    });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    mouseStroke(window.canvas(), line({60, 100}, {260, 140}, 20));
    QTRY_VERIFY_WITH_TIMEOUT(widths > 0, kTimeoutMs);
    QCOMPARE(widths, window.latestRecognition()->inputWidth);
}

// The first start's size (MainWindow::readSettings: two thirds of the screen) on two
// common screens, with the inspector docked on the right as app/main.cpp does.
void TestMainWindow::roomToWriteAtTheDefaultSize_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("1400x900") << QSize(1400, 900);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestMainWindow::roomToWriteAtTheDefaultSize()
{
    QFETCH(QSize, screen);
    MainWindow window(m_translator, *m_service);
    auto* view = new QLabel(QStringLiteral("inspection"));
    view->setObjectName(QStringLiteral("inspector"));
    view->setMinimumWidth(600);  // as wide as the real inspector's controls
    QDockWidget* dock = window.addInspectionView(view, Qt::RightDockWidgetArea);
    window.resize(screen * 2 / 3);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.size(), screen * 2 / 3);
    InkCanvas* canvas = window.canvas();

    // The canvas is the main area: the inspector waits, hidden, one click away.
    QVERIFY(!dock->isVisible());
    QVERIFY2(
        canvas->width() >= 0.9 * window.width(),
        qPrintable(QStringLiteral("canvas %1 of %2").arg(canvas->width()).arg(window.width())));

    // The hint shows whole: its wrapped text inside its rect, inside the canvas, above
    // the baseline.
    const inklens::ui::TextFit hint = canvas->hintLayout();
    QVERIFY(QRectF(canvas->rect()).contains(hint.rect));
    const QRectF text = QFontMetricsF(hint.font).boundingRect(
        hint.rect, Qt::AlignCenter | Qt::TextWordWrap, canvas->hintText());
    QVERIFY(hint.rect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(text));
    QVERIFY(text.bottom() <= canvas->baselineY());

    // The alternatives of a line show whole beside the text.
    auto rec = std::make_shared<inklens::model::Recognition>();
    rec->text = "boire devoir trois régulariser bastillonnais";
    for (const char* alt : {"boire devoir trois régulariser bastillonnais",
                            "boire devolr trois régulariser bastillonnais",
                            "bore devoir trois régulariser bastillonnais"})
        rec->nbest.push_back({alt, -1.f});
    window.textPanel()->setRecognition(rec);
    auto* list = window.findChild<QTreeWidget*>(QStringLiteral("alternatives"));
    QTest::qWait(0);
    const int needed = list->fontMetrics().horizontalAdvance(QString::fromStdString(rec->text));
    QVERIFY2(
        list->columnWidth(0) > needed,
        qPrintable(QStringLiteral("column %1, text %2").arg(list->columnWidth(0)).arg(needed)));

    // A line of five words written at the guides' size fits with room to spare (in a
    // cursive hand, wider than print).
    const std::string fontPath = "/usr/share/hershey-fonts/cursive.jhf";
    if (!QFileInfo::exists(QString::fromStdString(fontPath)))
        QSKIP("hershey-fonts-data is not installed");
    const auto hershey = inklens::training::HersheyFont::load(fontPath);
    inklens::nn::Rng rng(5);
    const auto ink = inklens::training::hersheyInk(hershey, "nous sommes bien arrivés ici",
                                                   inklens::training::HersheyStyle(), rng,
                                                   float(canvas->xHeight()));
    const float width = ink.bounds().width;
    QVERIFY2(width <= 0.85 * canvas->width(),
             qPrintable(QStringLiteral("line %1 px, canvas %2 px, x-height %3")
                            .arg(width)
                            .arg(canvas->width())
                            .arg(canvas->xHeight())));
    QVERIFY(canvas->xHeight() >= 18);  // and not in tiny letters
}

// The inspector's docks: View > Inspector, the tool bar and Ctrl+Shift+I show and hide
// them; whether they are shown is remembered with the window state; a state saved by an
// older version (0: the docks shown beside a narrow canvas) gives way to the new default.
void TestMainWindow::inspectorOneClickAway()
{
    auto addView = [](MainWindow& window) {
        auto* view = new QLabel(QStringLiteral("inspection"));
        view->setObjectName(QStringLiteral("inspector"));
        return window.addInspectionView(view, Qt::RightDockWidgetArea);
    };
    {
        MainWindow window(m_translator, *m_service);
        QAction* toggle = window.findChild<QAction*>(QStringLiteral("inspectorAction"));
        QVERIFY(toggle);
        QVERIFY(!toggle->isEnabled());  // nothing to show yet
        QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
        QVERIFY(menu(window, "viewMenu")->actions().contains(toggle));
        QVERIFY(window.findChild<QToolBar*>()->actions().contains(toggle));
        QDockWidget* dock = addView(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(toggle->isEnabled());
        QVERIFY(!toggle->isChecked());
        QVERIFY(!dock->isVisible());

        toggle->trigger();
        QVERIFY(dock->isVisible());
        QVERIFY(toggle->isChecked());
        dock->toggleViewAction()->trigger();  // closed from View > Inspection
        QVERIFY(!dock->isVisible());
        QVERIFY(!toggle->isChecked());
        QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(dock->isVisible());
        QVERIFY(window.close());
    }
    {
        MainWindow window(m_translator, *m_service);
        QDockWidget* dock = addView(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(dock->isVisible());  // as the user left it
        QVERIFY(window.inspectionDocks()->toggleAction()->isChecked());
        QVERIFY(window.close());
        // What an older version saved: the dock shown.
        QSettings().setValue(QStringLiteral("mainWindow/state"), window.saveState(0));
    }
    MainWindow window(m_translator, *m_service);
    QDockWidget* dock = addView(window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!dock->isVisible());
    QVERIFY(!window.inspectionDocks()->toggleAction()->isChecked());
}

// Correcting the reading (F2, type, Enter) keeps the canvas' ink with the text in the sample
// store; Escape keeps nothing; accepting an alternative keeps one; the store is the user's
// (QStandardPaths' test mode here).
void TestMainWindow::correctionsAreKeptAsSamples()
{
    const QString storePath = inklens::service::SampleStore::defaultPath();
    QFile::remove(storePath);
    MainWindow window(m_translator, *m_service);
    useTinyModel();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);
    mouseStroke(window.canvas(), line({60, 100}, {200, 140}, 20));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
    inklens::ui::TextPanel* panel = window.textPanel();
    const QString read = panel->text();
    auto* editor = panel->findChild<QLineEdit*>(QStringLiteral("correctionEditor"));
    QVERIFY(editor);

    QTest::keyClick(&window, Qt::Key_F2);
    QTRY_VERIFY(panel->editing());
    QCOMPARE(editor->text(), read);
    QTest::keyClick(editor, Qt::Key_Escape);  // nothing kept
    QVERIFY(!panel->editing());
    QVERIFY(!QFile::exists(storePath));

    QTest::keyClick(&window, Qt::Key_F2);
    QTRY_VERIFY(panel->editing());
    editor->setText(QStringLiteral("aqua"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(panel->text(), QStringLiteral("aqua"));
    QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("1")));
    {
        std::optional<inklens::service::SampleStore> store = inklens::service::SampleStore::open(
            storePath);
        QVERIFY(store);
        const auto samples = store->samples();
        QCOMPARE(samples.size(), std::size_t(1));
        QCOMPARE(samples[0].text, QStringLiteral("aqua"));
        QCOMPARE(samples[0].recognized, read);
        QCOMPARE(samples[0].kind, inklens::service::Sample::Kind::Ink);
        const auto ink = inklens::service::readInkMl(samples[0].data);
        QVERIFY(ink);
        QCOMPARE(ink->ink.strokes.size(), window.canvas()->ink().strokes.size());
    }
    // An alternative accepted is a correction too.
    const auto rec = window.latestRecognition();
    if (rec->nbest.size() > 1) {
        panel->chooseAlternative(1);
        std::optional<inklens::service::SampleStore> store = inklens::service::SampleStore::open(
            storePath);
        QVERIFY(store);
        QCOMPARE(store->count(), 2);
        QCOMPARE(store->samples().back().text, QString::fromStdString(rec->nbest[1].text));
    }
    QFile::remove(storePath);
}

// Ink of several lines: correcting one line of the paragraph (F2 edits the line written
// last; a double click the line under it) keeps that line's strokes alone, with its text.
void TestMainWindow::inkLineCorrectionsKeepTheirStrokes()
{
    const QString storePath = inklens::service::SampleStore::defaultPath();
    QFile::remove(storePath);
    MainWindow window(m_translator, *m_service);
    useTinyModel();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy changed(&window, &MainWindow::recognitionChanged);
    inklens::imaging::Ink ink;
    const int letters[] = {6, 3, 5};
    for (int l : {0, 1, 2}) {
        const auto line = inklens::testing::loopInk(letters[l], 20.f + 8.f * float(l),
                                                    100.f + 60.f * float(l));
        ink.strokes.insert(ink.strokes.end(), line.strokes.begin(), line.strokes.end());
    }
    window.canvas()->setInk(ink, false, QStringLiteral("three lines"));
    window.documentArea()->readAgain();
    QTRY_VERIFY_WITH_TIMEOUT(window.latestResult().lines.size() == 3, kTimeoutMs);
    std::vector<inklens::imaging::InkLine> lines;
    QVERIFY(inklens::service::isInkPage(window.canvas()->ink(), &lines));
    QCOMPARE(lines.size(), std::size_t(3));
    inklens::ui::TextPanel* panel = window.textPanel();
    const QStringList read = panel->text().split(QLatin1Char('\n'));
    QCOMPARE(read.size(), 3);
    auto* editor = panel->findChild<QLineEdit*>(QStringLiteral("correctionEditor"));

    QTest::keyClick(&window, Qt::Key_F2);  // the line written last: the third
    QTRY_VERIFY(panel->editing());
    QCOMPARE(panel->editedLine(), 2);
    QCOMPARE(editor->text(), read[2]);
    QTest::keyClick(editor, Qt::Key_Escape);

    panel->editLine(1);
    QCOMPARE(editor->text(), read[1]);
    editor->setText(QStringLiteral("ace"));
    QTest::keyClick(editor, Qt::Key_Return);
    QCOMPARE(panel->text(), QStringList({read[0], QStringLiteral("ace"), read[2]}).join('\n'));
    std::optional<inklens::service::SampleStore> store = inklens::service::SampleStore::open(
        storePath);
    QVERIFY(store);
    const auto samples = store->samples();
    QCOMPARE(samples.size(), std::size_t(1));  // the other lines were not corrected
    QCOMPARE(samples[0].text, QStringLiteral("ace"));
    QCOMPARE(samples[0].recognized, read[1]);
    QCOMPARE(samples[0].kind, inklens::service::Sample::Kind::Ink);
    const auto kept = inklens::service::readInkMl(samples[0].data);
    QVERIFY(kept);
    QCOMPARE(kept->ink.strokes.size(), lines[1].strokes.size());
    const auto expected = inklens::imaging::lineInk(window.canvas()->ink(), lines[1]);
    QCOMPARE(kept->ink.strokes.front().points.size(), expected.strokes.front().points.size());
    QFile::remove(storePath);
}

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
