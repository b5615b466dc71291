// The reading and scoring below the command line (core/service): readFile (a picture or
// InkML through the reader, what 'inklens recognize' prints), loadModel / loadWordList
// (the model, its language model and a word list, shared by the CLI and the recognition
// service) and evaluate (what 'inklens eval' prints and a fine-tuning guard measures):
// per-line scores equal to ErrorRates of the reference and the hypothesis, totals, a file
// that fails to load counted as failed, progress, cancel.

#include "service/evaluation.h"
#include "service/file_reading.h"
#include "service/inkml.h"
#include "service/line_loader.h"
#include "service/model_loading.h"

#include "ctc/char_lm.h"
#include "model/lm_file.h"
#include "model/model_file.h"
#include "test_files.h"
#include "test_models.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace inklens;
using service::LineEvaluation;

namespace {

using inklens::testing::writeFile;

reading::ReadOptions greedy()
{
    reading::ReadOptions options;
    options.decoder = reading::DecoderKind::Greedy;
    return options;
}

}  // namespace

class TestEvaluation : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void readPicture();
    void readInk();
    void readFailures();
    void loadModelAndWordList();
    void loadModelLanguageModel();
    void scoresLines();
    void failedFileCounted();
    void progressAndCancel();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
    std::shared_ptr<const model::Model> m_model = testing::tinyModel();
};

void TestEvaluation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (int i = 0; i < 6; ++i)
        QVERIFY(testing::stripedLine(200 + 40 * i, i + 1)
                    .save(path(QStringLiteral("line%1.png").arg(i))));
    QVERIFY(service::writeInkMlFile(path(QStringLiteral("loops.inkml")), testing::loopInk(3),
                                    nullptr, QStringLiteral("ooo")));
    writeFile(path(QStringLiteral("bad.png")), "not a picture");
}

// A picture: what the reader reads from the decoded gray picture, its size, a load time.
void TestEvaluation::readPicture()
{
    const reading::Reader reader(m_model);
    const QString file = path(QStringLiteral("line2.png"));
    const service::FileReading read = service::readFile(reader, file, greedy());
    QVERIFY2(read.ok(), qPrintable(read.error));
    QVERIFY(!read.isInk);
    QCOMPARE(read.size, QSize(280, 32));
    QVERIFY(read.loadMs >= 0);
    QCOMPARE(read.strokes, 0);
    const QImage gray = service::loadGrayImage(file);
    const reading::Reading direct = reader.read(service::grayMat(gray), greedy());
    QCOMPARE(read.reading.recognition->text, direct.recognition->text);
    QCOMPARE(read.reading.line.width, direct.line.width);
}

// InkML: read as the canvas' ink, with the ink's counts and its truth annotation; the size
// is the rasterized line's.
void TestEvaluation::readInk()
{
    const reading::Reader reader(m_model);
    const service::FileReading read = service::readFile(reader, path(QStringLiteral("loops.inkml")),
                                                        greedy());
    QVERIFY2(read.ok(), qPrintable(read.error));
    QVERIFY(read.isInk);
    QCOMPARE(read.strokes, 3);
    QCOMPARE(read.points, 75);
    QCOMPARE(read.truth, QStringLiteral("ooo"));
    QCOMPARE(read.size, QSize(read.reading.line.width, 16));
    QCOMPARE(read.reading.recognition->text,
             reader.read(testing::loopInk(3), greedy()).recognition->text);
}

// Files that cannot be loaded: a message without the path, nothing thrown.
void TestEvaluation::readFailures()
{
    const reading::Reader reader(m_model);
    for (const QString& name : {QStringLiteral("bad.png"), QStringLiteral("missing.png"),
                                QStringLiteral("missing.inkml")}) {
        const QString file = path(name);
        const service::FileReading read = service::readFile(reader, file, greedy());
        QVERIFY2(!read.ok(), qPrintable(name));
        QVERIFY2(!read.error.contains(file), qPrintable(read.error));
    }
}

// The model file with a word list for its charset; each part that does not load is an
// error naming it, and no model comes back.
void TestEvaluation::loadModelAndWordList()
{
    const QString modelFile = path(QStringLiteral("tiny.safetensors"));
    model::saveModel(modelFile.toStdString(), *m_model);
    writeFile(path(QStringLiteral("words.txt")), "alpha beta\ngamma\n");

    service::ModelRequest request;
    request.path = modelFile;
    request.wordList = path(QStringLiteral("words.txt"));
    service::LoadedModel loaded = service::loadModel(request);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.path, modelFile);
    QVERIFY(loaded.wordList);
    QCOMPARE(loaded.wordList->size(), std::size_t(3));
    QVERIFY(loaded.languageModelWarning.isEmpty());
    QVERIFY(!loaded.model->languageModel);

    request.wordList = path(QStringLiteral("no-words.txt"));
    loaded = service::loadModel(request);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error.contains(QStringLiteral("no-words.txt")), qPrintable(loaded.error));
    QCOMPARE(service::loadWordList(request.wordList, m_model->charset).error, loaded.error);

    request = {};
    request.path = path(QStringLiteral("absent.safetensors"));
    loaded = service::loadModel(request);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error.startsWith(QStringLiteral("cannot load model ") + request.path),
             qPrintable(loaded.error));

    // No path: the default search ($INKLENS_MODEL first).
    qputenv("INKLENS_MODEL", QFile::encodeName(modelFile));
    loaded = service::loadModel({});
    qunsetenv("INKLENS_MODEL");
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QCOMPARE(loaded.path, modelFile);
}

// The language model: <model>.lm beside the model (a corrupt one is a warning), one named
// explicitly (must load), or none.
void TestEvaluation::loadModelLanguageModel()
{
    const QString modelFile = path(QStringLiteral("withlm.safetensors"));
    model::saveModel(modelFile.toStdString(), *m_model);
    ctc::CharNgramLm::Builder b(m_model->charset.size(), {3, 0});
    b.addLine(m_model->charset.encode("hello"));
    model::saveLanguageModel(path(QStringLiteral("withlm.lm")).toStdString(),
                             {b.finish(), m_model->charset, "{}"});

    service::ModelRequest request;
    request.path = modelFile;
    service::LoadedModel loaded = service::loadModel(request);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QVERIFY(loaded.model->languageModel);

    request.noLanguageModel = true;
    loaded = service::loadModel(request);
    QVERIFY(loaded.ok());
    QVERIFY(!loaded.model->languageModel);

    request.noLanguageModel = false;
    request.languageModel = path(QStringLiteral("other.lm"));
    loaded = service::loadModel(request);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error.startsWith(QStringLiteral("cannot load language model: ")),
             qPrintable(loaded.error));

    writeFile(path(QStringLiteral("withlm.lm")), "not a language model");
    request.languageModel.clear();
    loaded = service::loadModel(request);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error));
    QVERIFY(!loaded.model->languageModel);
    QVERIFY2(loaded.languageModelWarning.contains(QStringLiteral("withlm.lm")),
             qPrintable(loaded.languageModelWarning));
}

// Each line scored against its reference as ErrorRates scores the hypothesis readFile
// gives; the totals are the lines' sum. References chosen from the hypotheses give known
// rates: one exact line, one with a character inserted.
void TestEvaluation::scoresLines()
{
    const reading::Reader reader(m_model);
    std::vector<training::EvaluationLine> lines;
    for (int i = 0; i < 4; ++i)
        lines.push_back({path(QStringLiteral("line%1.png").arg(i)).toStdString(), "ab cd"});
    lines.push_back({path(QStringLiteral("loops.inkml")).toStdString(), "ooo"});
    const std::string hyp0 = service::readFile(reader, QString::fromStdString(lines[0].file),
                                               greedy())
                                 .reading.recognition->text;
    const std::string hyp1 = model::normalizeText(
        service::readFile(reader, QString::fromStdString(lines[1].file), greedy())
            .reading.recognition->text);
    lines[0].reference = hyp0;
    lines[1].reference = hyp1 + "Q";
    lines[2].reference = "ab \u00e7\u4e2d";  // characters the charset lacks are reported

    const service::Evaluation result = service::evaluate(reader, lines, greedy());
    QCOMPARE(result.lines.size(), lines.size());
    QCOMPARE(result.failed, 0);
    QVERIFY(!result.cancelled);
    QCOMPARE(result.total.lines, long(lines.size()));
    training::ErrorRates sum;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const LineEvaluation& line = result.lines[i];
        QCOMPARE(line.status, LineEvaluation::Status::Read);
        QCOMPARE(line.file, lines[i].file);
        QCOMPARE(line.reference, lines[i].reference);
        QCOMPARE(line.hypothesis,
                 service::readFile(reader, QString::fromStdString(line.file), greedy())
                     .reading.recognition->text);
        training::ErrorRates expected;
        expected.add(line.reference, line.hypothesis);
        QCOMPARE(line.errors.charErrors, expected.charErrors);
        QCOMPARE(line.errors.chars, expected.chars);
        QCOMPARE(line.errors.wordErrors, expected.wordErrors);
        sum.merge(expected);
    }
    QCOMPARE(result.lines[0].errors.charErrors, 0L);
    QCOMPARE(result.lines[1].errors.charErrors, 1L);
    QCOMPARE(result.lines[1].errors.chars, long(model::decodeUtf8(hyp1).size() + 1));
    QCOMPARE(result.total.charErrors, sum.charErrors);
    QCOMPARE(result.total.chars, sum.chars);
    QCOMPARE(result.total.wordErrors, sum.wordErrors);
    QCOMPARE(result.total.words, sum.words);
    QCOMPARE(result.total.cer(), sum.cer());
    QCOMPARE(result.outOfCharset, (std::vector<char32_t>{U'\u4e2d'}));
    QVERIFY(result.seconds > 0);
    QVERIFY(result.networkMs > 0);
    QCOMPARE(result.networkMsPerLine(), result.networkMs / double(lines.size()));

    // mostConfused: ErrorRates' order, as (reference, hypothesis, count).
    const auto confused = result.mostConfused(3);
    const auto shown = result.total.mostConfused(3);
    QCOMPARE(confused.size(), shown.size());
    for (std::size_t i = 0; i < confused.size(); ++i)
        QCOMPARE(confused[i].count, shown[i].second);
}

// A file that does not load is Failed with the reader's message, left out of the rates.
void TestEvaluation::failedFileCounted()
{
    const reading::Reader reader(m_model);
    const std::vector<training::EvaluationLine> lines = {
        {path(QStringLiteral("line0.png")).toStdString(), "ab"},
        {path(QStringLiteral("bad.png")).toStdString(), "abc def"},
        {path(QStringLiteral("missing.inkml")).toStdString(), "x"},
    };
    const service::Evaluation result = service::evaluate(reader, lines, greedy());
    QCOMPARE(result.failed, 2);
    QCOMPARE(result.total.lines, 1L);
    QCOMPARE(result.lines[0].status, LineEvaluation::Status::Read);
    QCOMPARE(result.total.chars, 2L);
    for (std::size_t i : {std::size_t(1), std::size_t(2)}) {
        QCOMPARE(result.lines[i].status, LineEvaluation::Status::Failed);
        QVERIFY(!result.lines[i].error.isEmpty());
        QCOMPARE(result.lines[i].reference, lines[i].reference);
        QCOMPARE(result.lines[i].errors.chars, 0L);
    }
    QCOMPARE(result.lines[1].error,
             service::readFile(reader, QString::fromStdString(lines[1].file), greedy()).error);
}

// Progress once per line, in order, up to the total; a cancel flag stops the rest.
void TestEvaluation::progressAndCancel()
{
    const reading::Reader reader(m_model);
    std::vector<training::EvaluationLine> lines;
    for (int k = 0; k < 5; ++k)
        for (int i = 0; i < 6; ++i)
            lines.push_back({path(QStringLiteral("line%1.png").arg(i)).toStdString(), "ab"});
    const int total = int(lines.size());

    std::vector<int> calls;
    service::Evaluation result = service::evaluate(reader, lines, greedy(), [&](int done, int of) {
        QCOMPARE(of, total);
        calls.push_back(done);
    });
    QCOMPARE(int(calls.size()), total);
    for (int i = 0; i < total; ++i)
        QCOMPARE(calls[std::size_t(i)], i + 1);

    // Cancelled before it starts: nothing read, nothing failed.
    std::atomic_bool cancel{true};
    calls.clear();
    result = service::evaluate(
        reader, lines, greedy(), [&](int done, int) { calls.push_back(done); }, &cancel);
    QVERIFY(result.cancelled);
    QVERIFY(calls.empty());
    QCOMPARE(result.total.lines, 0L);
    QCOMPARE(result.failed, 0);
    for (const LineEvaluation& line : result.lines)
        QCOMPARE(line.status, LineEvaluation::Status::NotRead);

    // Cancelled after the first line: the lines in flight may finish, no new one starts.
    cancel = false;
    result = service::evaluate(
        reader, lines, greedy(), [&](int, int) { cancel = true; }, &cancel);
    QVERIFY(result.cancelled);
    QVERIFY(result.total.lines >= 1);
    QVERIFY2(result.total.lines < total / 2, qPrintable(QString::number(result.total.lines)));
    long read = 0;
    for (const LineEvaluation& line : result.lines)
        read += line.status == LineEvaluation::Status::Read;
    QCOMPARE(read, result.total.lines);
}

QTEST_GUILESS_MAIN(TestEvaluation)
#include "test_evaluation.moc"
