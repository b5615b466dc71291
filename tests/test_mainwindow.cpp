// MainWindow: menus, runtime language switching, settings persistence; and the
// shipped translations are complete.
#include "app_info.h"
#include "language.h"
#include "main_window.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using inklens::ui::MainWindow;
using inklens::ui::Translator;

class TestMainWindow : public QObject {
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
    void translationsAreComplete_data();
    void translationsAreComplete();

private:
    static QMenu* menu(MainWindow& window, const char* name);
    static QAction* languageAction(MainWindow& window, const QString& code);

    QTemporaryDir m_settingsDir;
    Translator m_translator;
};

void TestMainWindow::initTestCase()
{
    // Never touch the user's settings: test-mode paths, and QSettings in a temp dir.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    inklens::ui::setApplicationInfo();
    QVERIFY(QSettings().fileName().startsWith(m_settingsDir.path()));
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_translator.setLanguage(QStringLiteral("en"));
}

void TestMainWindow::cleanup()
{
    m_translator.setLanguage(QStringLiteral("en"));
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
    MainWindow window(m_translator);
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles << action->text();
    QCOMPARE(titles, (QStringList{"&File", "&View", "&Language", "&Help"}));

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
    QVERIFY(menu(window, "helpMenu")->actions().contains(
        window.findChild<QAction*>(QStringLiteral("aboutAction"))));

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

    QTest::newRow("de") << "de" << "&Datei" << "&Hilfe";
    QTest::newRow("fr") << "fr" << "&Fichier" << "Aid&e";
    QTest::newRow("es") << "es" << "&Archivo" << "Ay&uda";
}

void TestMainWindow::switchesLanguageAtRuntime()
{
    QFETCH(QString, code);
    QFETCH(QString, fileTitle);
    QFETCH(QString, helpTitle);

    MainWindow window(m_translator);
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
    MainWindow window(m_translator);
    QCOMPARE(m_translator.language(), QStringLiteral("de"));
    QVERIFY(languageAction(window, QStringLiteral("de"))->isChecked());
    QTRY_COMPARE(menu(window, "fileMenu")->title(), QStringLiteral("&Datei"));
}

void TestMainWindow::restoresGeometry()
{
    const QSize size(640, 430);
    {
        MainWindow window(m_translator);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(size);
        QTRY_COMPARE(window.size(), size);
        window.findChild<QAction*>(QStringLiteral("statusBarAction"))->setChecked(false);
        QVERIFY(window.close());
    }
    MainWindow restored(m_translator);
    QCOMPARE(restored.size(), size);
    QVERIFY(!restored.findChild<QAction*>(QStringLiteral("statusBarAction"))->isChecked());
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.size(), size);
    QVERIFY(!restored.statusBar()->isVisible());
}

void TestMainWindow::aboutCreditsTrainingData()
{
    const QString text = MainWindow::aboutText();
    QVERIFY(text.contains(inklens::ui::applicationVersion()));
    QVERIFY(text.contains(QStringLiteral(QT_VERSION_STR)));
    QVERIFY(text.contains(QStringLiteral("Copiste d'un jour")));
    QVERIFY(text.contains(QStringLiteral("Testaments de Poilus")));
    QVERIFY(text.contains(QStringLiteral("CC BY 4.0")));

    // The credits survive translation.
    m_translator.setLanguage(QStringLiteral("fr"));
    const QString french = MainWindow::aboutText();
    QVERIFY(french != text);
    QVERIFY(french.contains(QStringLiteral("Copiste d'un jour")));
    QVERIFY(french.contains(QStringLiteral("CC BY 4.0")));
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

// Every message has a translation, none is unfinished or obsolete, and the
// placeholders (%1, %2, ...) survive.
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
            const QString translation = xml.readElementText();
            QVERIFY2(type.isEmpty(), qPrintable(QStringLiteral("%1: '%2'").arg(type, source)));
            QVERIFY2(!translation.isEmpty(), qPrintable(source));
            for (int n = 1; n <= 9; ++n) {
                const QString placeholder = QStringLiteral("%") + QString::number(n);
                QVERIFY2(source.contains(placeholder) == translation.contains(placeholder),
                         qPrintable(source));
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 0);
}

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
