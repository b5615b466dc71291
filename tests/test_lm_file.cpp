// Language model files (core/model/lm_file.h) and a model's language model beside it
// (loadModelWithLanguageModel): round trip, every refusal with its message, and a
// recognizer whose beam search uses the model's language model.

#include "model/lm_file.h"
#include "model/model_file.h"
#include "model/safetensors.h"
#include "nn/tensor.h"
#include "reading/reader.h"
#include "test_models.h"

#include <QtTest/QtTest>

#include <QFile>
#include <QTemporaryDir>

#include <cmath>

using namespace inklens;
using model::LanguageModel;

namespace {

LanguageModel smallLm(const model::Charset& cs, int order = 4)
{
    ctc::CharNgramLm::Builder b(cs.size(), {order, 0});
    for (const char* line : {"le chat est là", "les chats sont là", "un chat", "Noël 1914"})
        b.addLine(cs.encode(line));
    b.addWord(cs.encode("château"), cs.labelOf(U' '), 0.5);
    return {b.finish(), cs, R"({"test": true})"};
}

std::string path(const QTemporaryDir& dir, const char* name)
{
    return (dir.path() + "/" + name).toStdString();
}

// Loads `file` after `edit` changed its tensors or metadata, expecting an error containing `needle`.
void expectRefused(const std::string& file,
                   const std::function<void(model::SafetensorsFile&)>& edit, const char* needle)
{
    model::SafetensorsFile f = model::readSafetensors(file);
    edit(f);
    const std::string broken = file + ".broken";
    model::writeSafetensorsAtomic(broken, f);
    try {
        model::loadLanguageModel(broken);
        QFAIL(qPrintable(QString("accepted a file that should fail with '%1'").arg(needle)));
    } catch (const nn::EngineError& e) {
        QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
        QVERIFY2(std::string(e.what()).find(broken) != std::string::npos,
                 e.what());  // names the file
    }
}

model::TensorEntry* tensor(model::SafetensorsFile& f, const std::string& name)
{
    for (auto& t : f.tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

}  // namespace

class TestLmFile : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void refusals();
    void besideTheModel();
    void recognizerUsesIt();
};

void TestLmFile::roundTrip()
{
    QTemporaryDir dir;
    const model::Charset cs = model::Charset::defaultLatin();
    for (int order : {1, 3, 4, 7}) {
        const LanguageModel lm = smallLm(cs, order);
        const std::string file = path(dir, "a.lm");
        model::saveLanguageModel(file, lm);
        const LanguageModel back = model::loadLanguageModel(file);
        QCOMPARE(back.lm.order(), order);
        QCOMPARE(back.charset.toString(), cs.toString());
        QCOMPARE(back.provenance, lm.provenance);
        QCOMPARE(back.lm.ngramCount(), lm.lm.ngramCount());
        for (const char* line : {"le chat", "château", "zzz", "Noël 1914 !"})
            QCOMPARE(back.lm.lineLogProb(cs.encode(line)), lm.lm.lineLogProb(cs.encode(line)));
        // Deterministic bytes: saving the loaded model again writes the same file.
        const std::string again = path(dir, "b.lm");
        model::saveLanguageModel(again, back);
        QFile fa(QString::fromStdString(file)), fb(QString::fromStdString(again));
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        QVERIFY(fa.readAll() == fb.readAll());
    }
    QVERIFY_THROWS_EXCEPTION(nn::EngineError,
                             model::saveLanguageModel(path(dir, "empty.lm"), LanguageModel{}));
    QVERIFY_THROWS_EXCEPTION(nn::EngineError,
                             model::saveLanguageModel(path(dir, "no/such/dir/x.lm"), smallLm(cs)));
}

void TestLmFile::refusals()
{
    QTemporaryDir dir;
    const model::Charset cs = model::Charset::defaultLatin();
    const std::string file = path(dir, "good.lm");
    model::saveLanguageModel(file, smallLm(cs, 4));
    using F = model::SafetensorsFile;
    expectRefused(
        file, [](F& f) { f.metadata["format"] = std::string("inklens-model"); },
        "not an InkLens language model");
    expectRefused(
        file, [](F& f) { f.metadata.erase("format"); }, "metadata 'format' is missing");
    expectRefused(
        file, [](F& f) { f.metadata["format_version"] = std::string("9"); },
        "format version 9 is not supported");
    expectRefused(
        file, [](F& f) { f.metadata["order"] = std::string("8"); }, "order '8' is not in 1..7");
    expectRefused(
        file, [](F& f) { f.metadata["order"] = std::string("4x"); }, "order '4x'");
    expectRefused(
        file, [](F& f) { f.metadata["order"] = std::string("5"); }, "tensor 'ngram5.a' is missing");
    expectRefused(
        file, [](F& f) { f.metadata["charset"] = std::string("aa"); }, "bad charset");
    expectRefused(
        file, [](F& f) { f.metadata["charset"] = std::string("abc"); }, "outside the charset");
    expectRefused(
        file, [](F& f) { tensor(f, "ngram2.symbols")->data[0] = 0.5f; }, "not 2 packed symbols");
    expectRefused(
        file, [](F& f) { tensor(f, "ngram2.symbols")->data[0] = 70000.f; }, "not 2 packed symbols");
    expectRefused(
        file, [](F& f) { tensor(f, "ngram4.symbols")->data[1] = 200.f; }, "outside the charset");
    expectRefused(
        file, [](F& f) { tensor(f, "ngram1.a")->data[0] = 1.5f; }, "is not a probability");
    expectRefused(
        file,
        [](F& f) {
        auto* t = tensor(f, "ngram3.symbols");
        t->data[1 * std::size_t(t->shape[1])] = t->data[0];  // the first row twice
        },
        "lists a sequence twice");
    expectRefused(
        file,
        [](F& f) {
        auto* t = tensor(f, "context2.symbols");
        t->shape = {t->shape[0] / 2, 2};
        t->data.resize(std::size_t(t->shape[0] * 2));
        },
        "must have shape");
    expectRefused(
        file,
        [](F& f) {
        f.tensors.erase(std::remove_if(f.tensors.begin(), f.tensors.end(),
                                       [](const auto& t) { return t.name == "context0.gamma"; }),
                        f.tensors.end());
        },
        "tensor 'context0.gamma' is missing");
    // Not even safetensors: a truncated file, and a model file instead of a language model.
    {
        QFile f(QString::fromStdString(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QFile t(QString::fromStdString(file + ".cut"));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(bytes.left(bytes.size() / 2));
    }
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, model::loadLanguageModel(file + ".cut"));
    model::saveModel(path(dir, "m.safetensors"), *testing::tinyModel());
    try {
        model::loadLanguageModel(path(dir, "m.safetensors"));
        QFAIL("a model file loaded as a language model");
    } catch (const nn::EngineError& e) {
        QVERIFY2(std::string(e.what()).find("not an InkLens language model") != std::string::npos,
                 e.what());
    }
}

void TestLmFile::besideTheModel()
{
    QTemporaryDir dir;
    const std::string modelFile = path(dir, "reader.safetensors");
    QCOMPARE(model::languageModelPathFor(modelFile), path(dir, "reader.lm"));
    QCOMPARE(model::languageModelPathFor("x.bin"), std::string("x.bin.lm"));
    model::saveModel(modelFile, *testing::tinyModel());
    std::string problem, used;
    // None beside it: no language model, no problem.
    QVERIFY(!model::loadModelWithLanguageModel(modelFile, {}, &problem, &used).languageModel);
    QVERIFY(problem.empty() && used.empty());
    // One beside it: loaded.
    model::saveLanguageModel(path(dir, "reader.lm"), smallLm(model::Charset::defaultLatin()));
    QVERIFY(model::loadModelWithLanguageModel(modelFile, {}, &problem, &used).languageModel);
    QCOMPARE(used, path(dir, "reader.lm"));
    // "-": none, even with one beside it.
    QVERIFY(!model::loadModelWithLanguageModel(modelFile, "-", &problem, &used).languageModel);
    // Another charset: left out with a reason; the model still loads.
    model::saveLanguageModel(path(dir, "other.lm"),
                             smallLm(model::Charset::fromString(" abcdehlnorstuàâ")));
    const model::Model m = model::loadModelWithLanguageModel(modelFile, path(dir, "other.lm"),
                                                             &problem, &used);
    QVERIFY(!m.languageModel);
    QVERIFY2(problem.find("another charset") != std::string::npos, problem.c_str());
    QVERIFY(used.empty());
    // A corrupt one beside the model: left out with a reason.
    {
        QFile f(QString::fromStdString(path(dir, "reader.lm")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("garbage");
    }
    QVERIFY(!model::loadModelWithLanguageModel(modelFile, {}, &problem, &used).languageModel);
    QVERIFY2(problem.find("reader.lm") != std::string::npos, problem.c_str());
    // An explicit file that does not exist: a problem, not silence.
    QVERIFY(!model::loadModelWithLanguageModel(modelFile, path(dir, "missing.lm"), &problem, &used)
                 .languageModel);
    QVERIFY(!problem.empty());
}

void TestLmFile::recognizerUsesIt()
{
    // The same posteriors decoded with and without the model's language model: the
    // recognizer passes it to the beam search only when asked to.
    auto base = testing::tinyModel();
    model::Model withLm(base->crnn, base->charset);
    withLm.languageModel = std::make_shared<LanguageModel>(smallLm(base->charset));
    const auto shared = std::make_shared<const model::Model>(std::move(withLm));
    const reading::Reader reader(shared);
    imaging::LineImage line;
    line.width = 64;
    line.height = 16;
    line.pixels.assign(16 * 64, 0.f);
    for (int y = 4; y < 12; ++y)
        for (int x = 8; x < 56; x += 6)
            line.pixels[std::size_t(y * 64 + x)] = 1.f;
    reading::ReadOptions opt;
    opt.beam.lmWeight = 3.f;  // strong enough to change what a random network reads
    opt.beam.lmBonus = 2.f;
    const auto fused = *reader.read(line, opt).recognition;
    opt.languageModel = false;
    const auto plain = *reader.read(line, opt).recognition;
    const reading::Reader bare(base);
    opt.languageModel = true;
    const auto noLm = *bare.read(line, opt).recognition;
    QCOMPARE(plain.text, noLm.text);
    QVERIFY2(fused.text != plain.text, fused.text.c_str());
    // The fused reading is more probable under the language model.
    const auto& lm = shared->languageModel->lm;
    QVERIFY(lm.lineLogProb(shared->charset.encode(fused.text))
            > lm.lineLogProb(shared->charset.encode(plain.text)));
}

QTEST_APPLESS_MAIN(TestLmFile)
#include "test_lm_file.moc"
