// The window's parts, without the window: the recognition options and their settings, the
// status bar's texts, the file dialogs' filters and drop acceptance, the pen width tool
// bar, and when LiveRecognition reads; the canvas' hint and guides, the text panel's
// alternatives and their shares.
#include "app_info.h"
#include "file_dialogs.h"
#include "image_view.h"
#include "ink_canvas.h"
#include "ink_toolbar.h"
#include "language.h"
#include "live_recognition.h"
#include "recognition_options.h"
#include "status_bar.h"
#include "text_panel.h"

#include "ctc/char_lm.h"
#include "model/lm_file.h"
#include "model/model_file.h"
#include "reading/reader.h"
#include "service/recognition_service.h"
#include "service/writing_language.h"
#include "test_models.h"
#include "test_settings.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFontMetricsF>
#include <QLabel>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUrl>

#include <cmath>
#include <memory>

using inklens::service::RecognitionService;
using inklens::ui::RecognitionOptions;
using inklens::ui::StatusBar;

namespace {

constexpr int kTimeoutMs = 30000;

std::shared_ptr<const inklens::model::Model> modelWithLm()
{
    auto base = inklens::testing::tinyModel();
    inklens::model::Model withLm(base->crnn, base->charset);
    inklens::ctc::CharNgramLm::Builder builder(base->charset.size(), {3, 0});
    builder.addLine(base->charset.encode("le chat"));
    withLm.languageModel = std::make_shared<inklens::model::LanguageModel>(
        inklens::model::LanguageModel{builder.finish(), base->charset, "{}"});
    return std::make_shared<const inklens::model::Model>(std::move(withLm));
}

QString writeWordList(const QTemporaryDir& dir, const char* name, const QByteArray& text)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(text);
    return path;
}

}  // namespace

class TestWindowParts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void optionsDefaults();
    void optionsReachTheService();
    void optionsRememberedAcrossInstances();
    void languageModelAvailability();
    void wordListChosenAndCleared();
    void rememberedWordListThatFails();
    void wordListFolder();

    void statusWithoutModel();
    void statusWithModel();
    void statusShowsLongReadings();
    void statusStageTimes();
    void statusWordList();
    void statusSaved();

    void openFilters();
    void dropAcceptance_data();
    void dropAcceptance();
    void lastFolder();
    void penWidthRemembered();
    void aboutText();

    void liveRecognitionReadsAtPenUp();
    void liveRecognitionKeepsTheTextWhileWriting();
    void liveRecognitionWithoutModel();
    void liveRecognitionReadsLineByLine();

    void writingLanguageSwitchesTheLanguageModel();
    void writingLanguageDefault();

    void canvasHintShowsWhole_data();
    void canvasHintShowsWhole();
    void canvasGuidesLeaveRoomForALine();
    void alternativesShownWhole();
    void alternativeSharesFollowTheRanking_data();
    void alternativeSharesFollowTheRanking();

private:
    void useModel(std::shared_ptr<const inklens::model::Model> model, const QString& name);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<RecognitionService> m_service;
};

void TestWindowParts::initTestCase()
{
    inklens::testing::isolateSettings(m_settingsDir);
}

void TestWindowParts::init()
{
    QSettings().clear();
    m_service = std::make_unique<RecognitionService>();
}

void TestWindowParts::useModel(std::shared_ptr<const inklens::model::Model> model,
                               const QString& name)
{
    QSignalSpy loaded(m_service.get(), &RecognitionService::modelLoaded);
    m_service->setModel(std::move(model), name);
    QTRY_COMPARE(loaded.size(), 1);
}

// ---- recognition options ----------------------------------------------------------

void TestWindowParts::optionsDefaults()
{
    RecognitionOptions options(*m_service, nullptr);
    QVERIFY(options.languageModel());
    QVERIFY(options.deskew());
    QVERIFY(options.wordList().isEmpty());
    QVERIFY(options.languageModelAction()->isChecked());
    QVERIFY(!options.languageModelAction()->isEnabled());  // no model yet
    QVERIFY(options.deskewAction()->isChecked());
    QVERIFY(!options.noWordListAction()->isEnabled());
    QCOMPARE(options.languageModelAction()->shortcut(),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    QCOMPARE(options.wordListAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    QCOMPARE(options.languageModelAction()->text(), QStringLiteral("Use the &Language Model"));
    QCOMPARE(options.deskewAction()->objectName(), QStringLiteral("deskewAction"));
    QVERIFY(m_service->options().languageModel);
    QVERIFY(m_service->options().deskew);
}

void TestWindowParts::optionsReachTheService()
{
    RecognitionOptions options(*m_service, nullptr);
    QSignalSpy changed(&options, &RecognitionOptions::changed);
    const bool probe = m_service->options().probe;

    options.deskewAction()->trigger();  // as the menu does
    QVERIFY(!options.deskew());
    QVERIFY(!m_service->options().deskew);
    QCOMPARE(changed.size(), 1);
    options.setLanguageModel(false);
    QVERIFY(!options.languageModelAction()->isChecked());
    QVERIFY(!m_service->options().languageModel);
    QCOMPARE(changed.size(), 2);
    options.setDeskew(true);
    QVERIFY(m_service->options().deskew);
    QCOMPARE(m_service->options().probe, probe);  // other options are left alone
}

void TestWindowParts::optionsRememberedAcrossInstances()
{
    {
        RecognitionOptions options(*m_service, nullptr);
        options.setLanguageModel(false);
        options.setDeskew(false);
    }
    QCOMPARE(QSettings().value(QStringLiteral("recognition/languageModel")).toBool(), false);
    QCOMPARE(QSettings().value(QStringLiteral("recognition/deskew")).toBool(), false);

    m_service = std::make_unique<RecognitionService>();
    RecognitionOptions restored(*m_service, nullptr);
    QVERIFY(!restored.languageModel());
    QVERIFY(!restored.deskew());
    QVERIFY(!restored.deskewAction()->isChecked());
    QVERIFY(!m_service->options().languageModel);  // applied to a fresh service
    QVERIFY(!m_service->options().deskew);
}

void TestWindowParts::languageModelAvailability()
{
    RecognitionOptions options(*m_service, nullptr);
    useModel(inklens::testing::tinyModel(), QStringLiteral("tiny"));
    QVERIFY(!options.languageModelAvailable());
    QVERIFY(!options.languageModelAction()->isEnabled());
    useModel(modelWithLm(), QStringLiteral("lm"));
    QVERIFY(options.languageModelAvailable());
    QVERIFY(options.languageModelAction()->isEnabled());
    // Made after the model: knows at once.
    RecognitionOptions later(*m_service, nullptr);
    QVERIFY(later.languageModelAvailable());
    useModel(inklens::testing::tinyModel(), QStringLiteral("tiny"));
    QVERIFY(!options.languageModelAvailable());
}

// Writing Language > Français: the service reads the model again with lang/fr.lm beside it,
// the choice is remembered, and a new instance starts with it; a language without its file
// reads with the model's own, and one built for another charset is refused.
void TestWindowParts::writingLanguageSwitchesTheLanguageModel()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("lang")));
    const auto base = inklens::testing::tinyModel();
    const QString modelPath = dir.filePath(QStringLiteral("m.safetensors"));
    inklens::model::saveModel(modelPath.toStdString(), *base);
    auto saveLm =
        [](const QString& path, const inklens::model::Charset& charset, const char* text) {
        inklens::ctc::CharNgramLm::Builder builder(charset.size(), {3, 0});
        builder.addLine(charset.encode(text));
        inklens::model::saveLanguageModel(
            path.toStdString(), inklens::model::LanguageModel{builder.finish(), charset, "{}"});
    };
    saveLm(dir.filePath(QStringLiteral("m.lm")), base->charset, "le chat");
    saveLm(dir.filePath(QStringLiteral("lang/en.lm")), base->charset, "the cat");
    saveLm(dir.filePath(QStringLiteral("lang/fr.lm")), base->charset, "la maison");
    saveLm(dir.filePath(QStringLiteral("lang/de.lm")), inklens::model::Charset::fromString("abc"),
           "abc");
    QSettings().setValue(QStringLiteral("recognition/writingLanguage"), QStringLiteral("en"));

    RecognitionOptions options(*m_service, nullptr);
    QCOMPARE(options.writingLanguage(), QStringLiteral("en"));
    QSignalSpy loaded(m_service.get(), &RecognitionService::modelLoaded);
    QSignalSpy lmFailed(m_service.get(), &RecognitionService::languageModelFailed);
    QSignalSpy changed(&options, &RecognitionOptions::changed);
    m_service->loadModel(modelPath);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kTimeoutMs);
    QCOMPARE(m_service->languageModelPath(), dir.filePath(QStringLiteral("lang/en.lm")));
    QVERIFY(options.languageModelAvailable());

    QAction* french = nullptr;
    for (QAction* a : options.writingLanguageActions())
        if (a->objectName() == QStringLiteral("writingLanguageAction_fr"))
            french = a;
    QVERIFY(french);
    QCOMPARE(options.writingLanguageActions().size(), 5);  // Automatic and the four
    french->trigger();  // as the menu does
    QVERIFY(french->isChecked());
    QCOMPARE(options.writingLanguage(), QStringLiteral("fr"));
    QCOMPARE(m_service->writingLanguage(), QStringLiteral("fr"));
    QCOMPARE(changed.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, kTimeoutMs);
    QCOMPARE(m_service->languageModelPath(), dir.filePath(QStringLiteral("lang/fr.lm")));
    QVERIFY(m_service->model()->languageModel);
    QCOMPARE(QSettings().value(QStringLiteral("recognition/writingLanguage")).toString(),
             QStringLiteral("fr"));

    // Spanish has no file here: the model's own.
    options.setWritingLanguage(QStringLiteral("es"));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 3, kTimeoutMs);
    QCOMPARE(m_service->languageModelPath(), dir.filePath(QStringLiteral("m.lm")));
    // German's was built for another charset: refused, named, the model's own is used.
    options.setWritingLanguage(QStringLiteral("de"));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 4, kTimeoutMs);
    QCOMPARE(lmFailed.size(), 1);
    const QString why = lmFailed.at(0).at(0).toString();
    QVERIFY2(why.contains(QStringLiteral("another charset"))
                 && why.contains(QStringLiteral("de.lm")),
             qPrintable(why));
    QCOMPARE(m_service->languageModelPath(), dir.filePath(QStringLiteral("m.lm")));

    // Automatic: every language at once (German's refused again, named); a reading names
    // the language it chose.
    options.setWritingLanguage(QStringLiteral("auto"));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 5, kTimeoutMs);
    QCOMPARE(m_service->writingLanguage(), QStringLiteral("auto"));
    QCOMPARE(QSettings().value(QStringLiteral("recognition/writingLanguage")).toString(),
             QStringLiteral("auto"));
    QTRY_COMPARE_WITH_TIMEOUT(lmFailed.size(), 2, kTimeoutMs);
    // What other readers of the model (the page session) read with: every language.
    QTRY_COMPARE_WITH_TIMEOUT(m_service->decodingOptions().languages.size(), std::size_t(4),
                              kTimeoutMs);
    QVERIFY(m_service->options().languages.empty());
    QVERIFY(lmFailed.at(1).at(0).toString().contains(QStringLiteral("de.lm")));
    QSignalSpy recognized(m_service.get(), &RecognitionService::recognized);
    inklens::imaging::Ink ink;
    ink.strokes.push_back({});
    for (int i = 0; i <= 60; ++i)  // a few loops
        ink.strokes.back().points.push_back(
            {float(i * 2) + 8.f * std::cos(float(i) * 0.5f), 20.f + 10.f * std::sin(float(i) * 0.5f)});
    m_service->recognize(ink);
    QTRY_COMPARE_WITH_TIMEOUT(recognized.size(), 1, kTimeoutMs);
    const auto result = recognized.at(0).at(0).value<inklens::service::RecognitionResult>();
    QVERIFY(inklens::service::isWritingLanguage(
        QString::fromStdString(result.recognition->language)));

    options.setWritingLanguage(QStringLiteral("fr"));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 6, kTimeoutMs);
    // Remembered: a new window starts in French.
    m_service = std::make_unique<RecognitionService>();
    RecognitionOptions restored(*m_service, nullptr);
    QCOMPARE(restored.writingLanguage(), QStringLiteral("fr"));
    QCOMPARE(m_service->writingLanguage(), QStringLiteral("fr"));
    for (QAction* a : restored.writingLanguageActions())
        QCOMPARE(a->isChecked(), a->objectName() == QStringLiteral("writingLanguageAction_fr"));
    QSignalSpy restoredLoaded(m_service.get(), &RecognitionService::modelLoaded);
    m_service->loadModel(modelPath);
    QTRY_COMPARE_WITH_TIMEOUT(restoredLoaded.size(), 1, kTimeoutMs);
    QCOMPARE(m_service->languageModelPath(), dir.filePath(QStringLiteral("lang/fr.lm")));
}

// The first time: the user-interface language's when InkLens reads it, else English.
void TestWindowParts::writingLanguageDefault()
{
    using inklens::service::defaultWritingLanguage;
    QCOMPARE(defaultWritingLanguage(QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(defaultWritingLanguage(QStringLiteral("es-MX")), QStringLiteral("es"));
    QCOMPARE(defaultWritingLanguage(QStringLiteral("it")), QStringLiteral("en"));
    QCOMPARE(defaultWritingLanguage(QString()), QStringLiteral("en"));
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("es"));
    RecognitionOptions spanish(*m_service, nullptr);
    QCOMPARE(spanish.writingLanguage(), QStringLiteral("es"));
    QCOMPARE(m_service->writingLanguage(), QStringLiteral("es"));
    QVERIFY(
        !QSettings().contains(QStringLiteral("recognition/writingLanguage")));  // not chosen yet
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("en"));
    RecognitionOptions english(*m_service, nullptr);
    QCOMPARE(english.writingLanguage(), QStringLiteral("en"));
}

void TestWindowParts::wordListChosenAndCleared()
{
    QTemporaryDir dir;
    const QString list = writeWordList(dir, "mots.txt", "le chat\nla maison\n");
    RecognitionOptions options(*m_service, nullptr);
    QSignalSpy changed(&options, &RecognitionOptions::changed);
    QSignalSpy failed(&options, &RecognitionOptions::wordListFailed);
    useModel(inklens::testing::tinyModel(), QStringLiteral("tiny"));

    options.chooseWordList(list);
    QTRY_COMPARE(options.wordList(), list);
    QTRY_VERIFY(m_service->decodingOptions().lexicon);  // pages read with it too
    QVERIFY(!m_service->options().lexicon);
    QVERIFY(options.noWordListAction()->isEnabled());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(QSettings().value(QStringLiteral("recognition/wordList")).toString(), list);
    QCOMPARE(QSettings().value(QStringLiteral("files/wordListFolder")).toString(), dir.path());

    // A list that does not load: the one in use stays, a dialog-worthy failure.
    options.chooseWordList(dir.filePath(QStringLiteral("gone.txt")));
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("gone.txt")));
    QCOMPARE(failed.first().at(1).toBool(), true);
    QCOMPARE(options.wordList(), list);
    QCOMPARE(QSettings().value(QStringLiteral("recognition/wordList")).toString(), list);

    options.noWordListAction()->trigger();
    QTRY_VERIFY(options.wordList().isEmpty());
    QTRY_VERIFY(!m_service->decodingOptions().lexicon);
    QVERIFY(!options.noWordListAction()->isEnabled());
    QVERIFY(QSettings().value(QStringLiteral("recognition/wordList")).toString().isEmpty());
}

void TestWindowParts::rememberedWordListThatFails()
{
    QTemporaryDir dir;
    const QString list = writeWordList(dir, "mots.txt", "le chat\n");
    QSettings().setValue(QStringLiteral("recognition/wordList"), list);
    {
        // Read again at the next start once the model is there.
        RecognitionOptions options(*m_service, nullptr);
        useModel(inklens::testing::tinyModel(), QStringLiteral("tiny"));
        QTRY_COMPARE(options.wordList(), list);
    }
    // Gone meanwhile: a status message, no dialog, and it is forgotten.
    QVERIFY(QFile::remove(list));
    m_service = std::make_unique<RecognitionService>();
    RecognitionOptions options(*m_service, nullptr);
    QSignalSpy failed(&options, &RecognitionOptions::wordListFailed);
    QSignalSpy message(&options, &RecognitionOptions::statusMessage);
    useModel(inklens::testing::tinyModel(), QStringLiteral("tiny"));
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).toBool(), false);
    QCOMPARE(message.size(), 1);
    QVERIFY(message.first().at(0).toString().contains(QStringLiteral("mots.txt")));
    QVERIFY(options.wordList().isEmpty());
    QVERIFY(QSettings().value(QStringLiteral("recognition/wordList")).toString().isEmpty());
}

void TestWindowParts::wordListFolder()
{
    QTemporaryDir dir;
    const QString dict = QFileInfo(QStringLiteral("/usr/share/dict")).isDir()
                             ? QStringLiteral("/usr/share/dict")
                             : dir.path();
    QCOMPARE(RecognitionOptions::wordListFolder(dir.path()), dict);
    QSettings().setValue(QStringLiteral("files/wordListFolder"), dir.path());
    QCOMPARE(RecognitionOptions::wordListFolder(QStringLiteral("/nowhere")), dir.path());
    QSettings().setValue(QStringLiteral("files/wordListFolder"),
                         dir.filePath(QStringLiteral("gone")));
    QCOMPARE(RecognitionOptions::wordListFolder(dir.path()), dict);
}

// ---- status bar -------------------------------------------------------------------

void TestWindowParts::statusWithoutModel()
{
    StatusBar bar(*m_service);
    QCOMPARE(bar.stateText(), QStringLiteral("No model: recognition is off"));
    QVERIFY(bar.modelText().isEmpty());
    QVERIFY(bar.stageTimesText().isEmpty());
    QVERIFY(bar.findChild<QLabel*>(QStringLiteral("wordListLabel"))->isHidden());

    QTemporaryDir dir;
    m_service->loadModel(dir.filePath(QStringLiteral("nowhere.safetensors")));
    StatusBar loading(*m_service);  // made while the model loads (as the app does)
    QCOMPARE(loading.stateText(), QStringLiteral("Loading the model..."));
    QTRY_COMPARE_WITH_TIMEOUT(m_service->modelState(), RecognitionService::ModelState::Failed,
                              kTimeoutMs);
    QCOMPARE(loading.stateText(), QStringLiteral("No model: recognition is off"));
    QVERIFY(loading.modelText().isEmpty());
}

void TestWindowParts::statusWithModel()
{
    StatusBar bar(*m_service);
    useModel(inklens::testing::tinyModel(), QStringLiteral("/models/tiny.safetensors"));
    QCOMPARE(bar.stateText(), QStringLiteral("Ready"));
    QCOMPARE(bar.modelText(), QStringLiteral("Model: tiny.safetensors"));
    QCOMPARE(bar.findChild<QLabel*>(QStringLiteral("modelLabel"))->toolTip(),
             QDir::toNativeSeparators(QStringLiteral("/models/tiny.safetensors")));

    QSignalSpy done(m_service.get(), &RecognitionService::recognized);
    m_service->recognize(inklens::testing::loopInk(3));
    QCOMPARE(bar.stateText(), QStringLiteral("Ready"));  // a short reading does not blink
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, kTimeoutMs);
    QTRY_COMPARE(bar.stateText(), QStringLiteral("Ready"));

    emit m_service->languageModelFailed(QStringLiteral("default.lm is truncated"));
    QCOMPARE(bar.currentMessage(),
             QStringLiteral("Reading without a language model: default.lm is truncated"));
}

// A reading that takes longer than the indicator's delay says so (the delay shortened to
// 1 ms here, so that the slow model's reading outlasts it), and the state returns to Ready
// when its result arrives.
void TestWindowParts::statusShowsLongReadings()
{
    StatusBar bar(*m_service);
    bar.setBusyShownAfter(1);
    useModel(inklens::testing::slowModel(), QStringLiteral("slow"));
    QSignalSpy done(m_service.get(), &RecognitionService::recognized);
    // Sampled every millisecond: QTRY's 50 ms polls could miss a reading shorter than that.
    bool sawReading = false;
    QTimer sample;
    sample.setInterval(1);
    connect(&sample, &QTimer::timeout, &bar, [&] {
        sawReading = sawReading
                     || (done.isEmpty() && bar.stateText() == QStringLiteral("Reading..."));
    });
    sample.start();
    m_service->recognize(inklens::testing::loopInk(40));
    QCOMPARE(bar.stateText(), QStringLiteral("Ready"));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, kTimeoutMs);
    sample.stop();
    QVERIFY(sawReading);
    QCOMPARE(bar.stateText(), QStringLiteral("Ready"));
}

void TestWindowParts::statusStageTimes()
{
    StatusBar bar(*m_service);
    inklens::service::StageTimes t;
    t.waitMs = 0.25;
    t.normalizeMs = 1.04;
    t.networkMs = 12.5;
    t.decodeMs = 3;
    t.totalMs = 17.3;
    bar.setStageTimes(t);
    QCOMPARE(bar.stageTimesText(),
             QStringLiteral("normalize 1.0 ms \u00b7 network 12.5 ms \u00b7 decode 3.0 ms"));
    QCOMPARE(bar.findChild<QLabel*>(QStringLiteral("stageTimesLabel"))->toolTip(),
             QStringLiteral("From the request to the text shown: 17.3 ms (waiting 0.3 ms)"));
    QCOMPARE(StatusBar::stageTimesSummary(t), bar.stageTimesText());
    bar.setStageTimes(std::nullopt);
    QVERIFY(bar.stageTimesText().isEmpty());
    QVERIFY(bar.findChild<QLabel*>(QStringLiteral("stageTimesLabel"))->toolTip().isEmpty());
}

void TestWindowParts::statusWordList()
{
    QTemporaryDir dir;
    const QString list = writeWordList(dir, "mots.txt", "le chat\nla maison\n");
    StatusBar bar(*m_service);
    bar.show();
    useModel(inklens::testing::tinyModel(), QStringLiteral("tiny"));
    m_service->setWordList(list);
    QTRY_COMPARE(bar.wordListText(), QStringLiteral("Words: mots.txt"));
    auto* label = bar.findChild<QLabel*>(QStringLiteral("wordListLabel"));
    QVERIFY(!label->isHidden());
    QVERIFY2(label->toolTip().contains(QStringLiteral("4 words")), qPrintable(label->toolTip()));
    QCOMPARE(bar.currentMessage(), QStringLiteral("Reading with the word list mots.txt (4 words)"));
    m_service->setWordList({});
    QTRY_VERIFY(bar.wordListText().isEmpty());
    QVERIFY(label->isHidden());
    QCOMPARE(bar.currentMessage(), QStringLiteral("Reading without a word list"));
}

void TestWindowParts::statusSaved()
{
    StatusBar bar(*m_service);
    bar.showSaved(QStringLiteral("/tmp/a.inkml"));
    QCOMPARE(
        bar.currentMessage(),
        QStringLiteral("Saved %1").arg(QDir::toNativeSeparators(QStringLiteral("/tmp/a.inkml"))));
}

// ---- files, tool bar, about --------------------------------------------------------

void TestWindowParts::openFilters()
{
    const QStringList filters = inklens::ui::FileDialogs::openFilters();
    QCOMPARE(filters.size(), 4);
    QVERIFY2(filters[0].startsWith(QStringLiteral("Ink and images (*.inkml *.png ")),
             qPrintable(filters[0]));
    QVERIFY(filters[0].contains(QStringLiteral("*.webp")));
    QCOMPARE(filters[1], QStringLiteral("InkML ink (*.inkml)"));
    QCOMPARE(filters[1], inklens::ui::FileDialogs::inkFilter());
    QVERIFY(filters[2].startsWith(QStringLiteral("Images (*.png"))
            && !filters[2].contains(QStringLiteral("inkml")));
    QCOMPARE(filters[3], QStringLiteral("All files (*)"));
}

void TestWindowParts::dropAcceptance_data()
{
    QTest::addColumn<QList<QUrl>>("urls");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ink") << QList<QUrl>{QUrl::fromLocalFile(QStringLiteral("/d/a.inkml"))}
                         << "/d/a.inkml";
    QTest::newRow("picture") << QList<QUrl>{QUrl::fromLocalFile(QStringLiteral("/d/l.PNG"))}
                             << "/d/l.PNG";
    QTest::newRow("first counts") << QList<QUrl>{QUrl::fromLocalFile(QStringLiteral("/d/a.txt")),
                                                 QUrl::fromLocalFile(QStringLiteral("/d/b.png"))}
                                  << "";
    QTest::newRow("text file") << QList<QUrl>{QUrl::fromLocalFile(QStringLiteral("/d/a.txt"))}
                               << "";
    QTest::newRow("remote") << QList<QUrl>{QUrl(QStringLiteral("https://example.org/a.png"))} << "";
    QTest::newRow("nothing") << QList<QUrl>{} << "";
}

void TestWindowParts::dropAcceptance()
{
    QFETCH(QList<QUrl>, urls);
    QFETCH(QString, expected);
    QMimeData mime;
    mime.setUrls(urls);
    QCOMPARE(inklens::ui::FileDialogs::openablePath(&mime), expected);
    QMimeData text;
    text.setText(QStringLiteral("just text"));
    QVERIFY(inklens::ui::FileDialogs::openablePath(&text).isEmpty());
    QVERIFY(inklens::ui::FileDialogs::openablePath(nullptr).isEmpty());
}

void TestWindowParts::lastFolder()
{
    QTemporaryDir dir;
    QCOMPARE(inklens::ui::FileDialogs::lastFolder(),
             QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    inklens::ui::FileDialogs::rememberFolder(dir.filePath(QStringLiteral("note.inkml")));
    QCOMPARE(inklens::ui::FileDialogs::lastFolder(), dir.path());
}

void TestWindowParts::penWidthRemembered()
{
    inklens::ui::InkCanvas canvas;
    {
        inklens::ui::InkToolBar bar(&canvas, {});
        QCOMPARE(bar.penWidthSpin()->value(), inklens::ui::InkToolBar::kDefaultPenWidth);
        bar.penWidthSpin()->setValue(8);
        QCOMPARE(canvas.penWidth(), 8.0);
    }
    inklens::ui::InkCanvas other;
    inklens::ui::InkToolBar bar(&other, {});
    QCOMPARE(bar.penWidthSpin()->value(), 8);
    QCOMPARE(other.penWidth(), 8.0);
}

void TestWindowParts::aboutText()
{
    const QString text = inklens::ui::aboutText();
    QVERIFY(text.contains(inklens::ui::applicationVersion()));
    QVERIFY(text.contains(QStringLiteral("Copiste d'un jour")));
}

// ---- live recognition -------------------------------------------------------------

namespace {
// The window's two tabs, ink and picture, as LiveRecognition watches them.
struct LiveTabs : QTabWidget
{
    inklens::ui::InkCanvas* canvas = new inklens::ui::InkCanvas;
    inklens::ui::ImageView* image = new inklens::ui::ImageView;
    LiveTabs()
    {
        addTab(canvas, QStringLiteral("Ink"));
        addTab(image, QStringLiteral("Image"));
    }
};
}  // namespace

void TestWindowParts::liveRecognitionReadsAtPenUp()
{
    LiveTabs tabs;
    auto* canvas = tabs.canvas;
    auto* image = tabs.image;
    inklens::ui::LiveRecognition live(*m_service, canvas, image, &tabs);
    useModel(inklens::testing::tinyModel(), QStringLiteral("tiny"));
    QSignalSpy changed(&live, &inklens::ui::LiveRecognition::resultChanged);
    tabs.resize(800, 300);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));

    const quint64 before = m_service->generation();
    canvas->setInk(inklens::testing::loopInk(3), true, QStringLiteral("test"));
    QCOMPARE(m_service->generation(), before + 1);  // at once: no quiet time
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
    QVERIFY(live.latest().recognition);
    QVERIFY(live.failure().isEmpty());

    // The picture tab is read at once; clearing the ink shows nothing at once.
    image->setImage(inklens::testing::stripedLine(400), QStringLiteral("line"));
    tabs.setCurrentWidget(image);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, kTimeoutMs);
    QVERIFY(live.latest().lineImage.width() > 100);
    tabs.setCurrentWidget(canvas);
    canvas->clear();
    QTRY_VERIFY(!live.latest().recognition);
}

// Ink of three lines: read line by line; the text panel shows one line of text per line
// of ink, in order; the canvas draws each line's box until the ink changes.
void TestWindowParts::liveRecognitionReadsLineByLine()
{
    LiveTabs tabs;
    auto* canvas = tabs.canvas;
    inklens::ui::LiveRecognition live(*m_service, canvas, tabs.image, &tabs);
    useModel(inklens::testing::tinyModel(), QStringLiteral("tiny"));
    QSignalSpy changed(&live, &inklens::ui::LiveRecognition::resultChanged);
    tabs.resize(800, 400);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));

    inklens::imaging::Ink ink;
    for (int l = 0; l < 3; ++l) {
        const auto line = inklens::testing::loopInk(4 + l, 30.f, 80.f + 70.f * float(l));
        ink.strokes.insert(ink.strokes.end(), line.strokes.begin(), line.strokes.end());
    }
    const QImage before = canvas->grab().toImage();
    canvas->setInk(ink, false, QStringLiteral("test"));
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
    const auto& result = live.latest();
    QCOMPARE(result.lines.size(), std::size_t(3));
    QCOMPARE(canvas->lineBoxes().size(), std::size_t(3));
    for (int l = 0; l < 3; ++l) {
        QCOMPARE(canvas->lineBoxes()[std::size_t(l)], result.lines[std::size_t(l)].box);
        QVERIFY(std::abs(result.lines[std::size_t(l)].box.bottom() - (80. + 70. * l)) < 1.);
    }
    inklens::ui::TextPanel panel;
    panel.setRecognition(result.text());
    const QStringList shown = panel.text().split(QLatin1Char('\n'));
    QCOMPARE(shown.size(), 3);
    for (int l = 0; l < 3; ++l)
        QCOMPARE(shown[l], QString::fromStdString(result.lines[std::size_t(l)].recognition->text));
    // The boxes are drawn: the canvas looks different with them than without.
    const QImage withBoxes = canvas->grab().toImage();
    canvas->setLineBoxes({});
    QVERIFY(canvas->grab().toImage() != withBoxes);
    QVERIFY(withBoxes != before);

    // A new stroke forgets them; one line has none.
    canvas->setLineBoxes({QRectF(0, 0, 10, 10)});
    canvas->setInk(inklens::testing::loopInk(3), false, QStringLiteral("test"));
    QVERIFY(canvas->lineBoxes().empty());
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, kTimeoutMs);
    QVERIFY(live.latest().lines.empty());
    QVERIFY(canvas->lineBoxes().empty());
}

namespace {
// One stroke of the mouse on the canvas, from..to in `steps` moves.
void drawLine(QWidget* canvas, QPoint from, QPoint to, int steps = 8)
{
    QTest::mousePress(canvas, Qt::LeftButton, {}, from);
    for (int i = 1; i <= steps; ++i)
        QTest::mouseMove(canvas, from + (to - from) * i / steps);
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, to);
}
}  // namespace

// Writing a word of several strokes: every pen-up asks at once, every pen-down stops the
// stale pass without clearing what is shown; only the newest request's result arrives, and
// nothing in between shows an empty text. The eraser reads likewise.
void TestWindowParts::liveRecognitionKeepsTheTextWhileWriting()
{
    LiveTabs tabs;
    auto* canvas = tabs.canvas;
    inklens::ui::LiveRecognition live(*m_service, canvas, tabs.image, &tabs);
    useModel(inklens::testing::slowModel(6, 16), QStringLiteral("slow"));
    QSignalSpy changed(&live, &inklens::ui::LiveRecognition::resultChanged);
    tabs.resize(800, 300);
    tabs.show();
    QVERIFY(QTest::qWaitForWindowExposed(&tabs));
    const int y = int(canvas->baselineY()) - 10;

    drawLine(canvas, {40, y}, {80, y - 20});
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, kTimeoutMs);
    const auto first = live.latest().recognition;
    QVERIFY(first);

    const quint64 before = m_service->generation();
    for (int stroke = 1; stroke <= 5; ++stroke) {
        const QPoint from(40 + 40 * stroke, y);
        QTest::mousePress(canvas, Qt::LeftButton, {}, from);
        QVERIFY(!m_service->busy());         // the stale pass is stopped, no result is awaited
        QVERIFY(live.latest().recognition);  // and the text shown stays
        for (int i = 1; i <= 8; ++i)
            QTest::mouseMove(canvas, from + QPoint(4 * i, -2 * i));
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, from + QPoint(32, -16));
        QCOMPARE(m_service->generation(), before + quint64(stroke));  // asked at pen-up
        QVERIFY(m_service->busy());
    }
    QTRY_VERIFY_WITH_TIMEOUT(!m_service->busy(), kTimeoutMs);
    QCOMPARE(live.latest().generation, m_service->generation());
    for (const QList<QVariant>& args : changed)
        QVERIFY(args.at(0).value<inklens::service::RecognitionResult>().recognition);

    // The eraser: the ink without the stroke it removed is read at once.
    const quint64 erased = m_service->generation();
    QTest::mousePress(canvas, Qt::RightButton, {}, QPoint(60, y - 10));
    QTest::mouseMove(canvas, QPoint(62, y - 11));
    QTest::mouseRelease(canvas, Qt::RightButton, {}, QPoint(62, y - 11));
    QCOMPARE(canvas->ink().strokes.size(), std::size_t(5));
    QVERIFY(m_service->generation() > erased);
    QTRY_COMPARE_WITH_TIMEOUT(live.latest().generation, m_service->generation(), kTimeoutMs);
    QVERIFY(live.latest().recognition);
}

void TestWindowParts::liveRecognitionWithoutModel()
{
    LiveTabs tabs;
    auto* canvas = tabs.canvas;
    auto* image = tabs.image;
    inklens::ui::LiveRecognition live(*m_service, canvas, image, &tabs);
    QSignalSpy failed(&live, &inklens::ui::LiveRecognition::failed);
    QTemporaryDir dir;
    m_service->loadModel(dir.filePath(QStringLiteral("nowhere.safetensors")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeoutMs);
    QVERIFY(live.failure().startsWith(QStringLiteral("Recognition is off: ")));
    const quint64 generation = m_service->generation();
    canvas->setInk(inklens::testing::loopInk(2), true, QStringLiteral("test"));
    live.recognizeNow();
    QCOMPARE(m_service->generation(), generation);  // nothing asked without a model
}

// ---- canvas and text panel ----------------------------------------------------------

void TestWindowParts::canvasHintShowsWhole_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    QTest::newRow("smallest") << QSize(320, 140) << "en";
    QTest::newRow("narrow, German") << QSize(320, 200) << "de";
    QTest::newRow("a third of the default window") << QSize(330, 250) << "en";
    QTest::newRow("default window, French") << QSize(930, 380) << "fr";
    QTest::newRow("wide and low") << QSize(1800, 140) << "es";
}

// The hint ("Write a word or a line here. ...") is never cut off: all its wrapped text
// lies inside its rect, inside the canvas, above the baseline; the font stays legible.
void TestWindowParts::canvasHintShowsWhole()
{
    QFETCH(QSize, size);
    QFETCH(QString, language);
    inklens::ui::Translator translator;
    translator.setLanguage(language);
    inklens::ui::InkCanvas canvas;
    canvas.resize(size);
    QCOMPARE(canvas.size(), size);
    QVERIFY(canvas.hintText()
                != QStringLiteral("Write a word or a line here. Right button or "
                                  "the pen's eraser erases.")
            || language == QStringLiteral("en"));
    const inklens::ui::TextFit hint = canvas.hintLayout();
    QVERIFY(QRectF(canvas.rect()).contains(hint.rect));
    const QRectF text = QFontMetricsF(hint.font).boundingRect(
        hint.rect, Qt::AlignCenter | Qt::TextWordWrap, canvas.hintText());
    QVERIFY2(hint.rect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(text),
             qPrintable(QStringLiteral("text %1x%2 in %3x%4")
                            .arg(text.width())
                            .arg(text.height())
                            .arg(hint.rect.width())
                            .arg(hint.rect.height())));
    QVERIFY(text.bottom() <= canvas.baselineY());
    QVERIFY(hint.font.pointSizeF() >= 7.0);
    translator.setLanguage(QStringLiteral("en"));
}

// The guides' x-height leaves room for a line: at most width / kLineXHeights, a fifth of
// the height, never below 16 px.
void TestWindowParts::canvasGuidesLeaveRoomForALine()
{
    inklens::ui::InkCanvas canvas;
    canvas.resize(933, 380);  // the default window's canvas (1400x900 screen)
    QVERIFY(canvas.xHeight() * inklens::ui::InkCanvas::kLineXHeights <= canvas.width() + 0.5);
    QVERIFY(canvas.xHeight() >= 18);
    canvas.resize(2400, 200);  // low: the height decides
    QCOMPARE(canvas.xHeight(), 40.0);
    canvas.resize(320, 140);
    QCOMPARE(canvas.xHeight(), 16.0);
}

// An alternative too long for the list is elided in the middle (its start and end stay),
// never cut to its first word; its tool tip has the whole text and what the share means.
void TestWindowParts::alternativesShownWhole()
{
    inklens::ui::TextPanel panel;
    panel.resize(600, 160);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto rec = std::make_shared<inklens::model::Recognition>();
    rec->text = "Royal fallow deer graze quietly";
    rec->nbest = {
        {"Royal fallow deer graze quietly", -2.f, -3.f},
        {"Rryal fallow deer graze quietly and then some more words to elide", -1.f, -4.f}};
    panel.setRecognition(rec);
    auto* list = panel.findChild<QTreeWidget*>(QStringLiteral("alternatives"));
    QCOMPARE(list->textElideMode(), Qt::ElideMiddle);
    QCOMPARE(list->topLevelItemCount(), 2);
    // The list has room: at least a third of the panel, beside the text.
    QVERIFY2(list->width() >= panel.width() / 3, qPrintable(QString::number(list->width())));
    for (int i = 0; i < 2; ++i) {
        const QString whole = QString::fromStdString(rec->nbest[std::size_t(i)].text);
        QTreeWidgetItem* item = list->topLevelItem(i);
        QCOMPARE(item->text(0), whole);
        QVERIFY(item->toolTip(0).startsWith(whole + QLatin1Char('\n')));
        QCOMPARE(item->toolTip(1), item->toolTip(0));
        QVERIFY(
            item->toolTip(0).contains(QStringLiteral("of the likelihood of the listed readings")));
    }
    // The second is longer than its column: shown elided in the middle, its end visible.
    const QString second = list->topLevelItem(1)->text(0);
    QVERIFY(list->fontMetrics().horizontalAdvance(second) > list->columnWidth(0));
    // Ranked by score (not by logProb): 73 % then 27 %, with both log-probabilities.
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("73 %"));
    QCOMPARE(list->topLevelItem(1)->text(1), QStringLiteral("27 %"));
    QVERIFY(list->topLevelItem(0)->toolTip(0).contains(QStringLiteral("log-probability -2.00")));
    QVERIFY(list->topLevelItem(0)->toolTip(0).contains(QStringLiteral("ranking score -3.00")));
    QVERIFY(!list->toolTip().isEmpty());

    // Without a language model or word list the score is the log-probability, and the
    // tool tip names just that.
    const inklens::model::Alternative plain{"word", -1.5f};
    QCOMPARE(plain.score, -1.5f);
    QVERIFY(!inklens::ui::alternativeToolTip(plain, 1.0).contains(QStringLiteral("ranking")));
}

void TestWindowParts::alternativeSharesFollowTheRanking_data()
{
    QTest::addColumn<bool>("languageModel");
    QTest::addColumn<float>("lmWeight");
    QTest::newRow("network alone") << false << 0.f;
    QTest::newRow("with the language model") << true << 0.3f;
    QTest::newRow("a strong language model") << true << 3.f;
}

// What the reader hands the text panel: the N-best in the decoder's order with the score
// it ranked them by; the shares shown never increase down the list.
void TestWindowParts::alternativeSharesFollowTheRanking()
{
    QFETCH(bool, languageModel);
    QFETCH(float, lmWeight);
    const inklens::reading::Reader reader(modelWithLm());
    inklens::reading::ReadOptions options;
    options.languageModel = languageModel;
    options.beam.lmWeight = lmWeight;
    options.beam.nbest = 8;
    options.deskew = false;
    bool scoreDiffers = false;
    for (int letters : {3, 5, 8}) {
        const auto reading = reader.read(inklens::testing::loopInk(letters), options);
        const auto& nbest = reading.recognition->nbest;
        QVERIFY(nbest.size() >= 2);
        const std::vector<double> shares = inklens::ui::alternativeShares(nbest);
        for (std::size_t i = 1; i < nbest.size(); ++i) {
            QVERIFY2(nbest[i].score <= nbest[i - 1].score + 1e-4f,
                     qPrintable(QStringLiteral("%1: %2 > %3")
                                    .arg(i)
                                    .arg(nbest[i].score)
                                    .arg(nbest[i - 1].score)));
            QVERIFY(shares[i] <= shares[i - 1] + 1e-4);
        }
        for (const auto& a : nbest) {
            if (!languageModel)
                QCOMPARE(a.score, a.logProb);
            scoreDiffers = scoreDiffers || a.score != a.logProb;
        }
    }
    QCOMPARE(scoreDiffers, languageModel);
}

QTEST_MAIN(TestWindowParts)
#include "test_window_parts.moc"
