// service::interpolateModels: base + a (tuned - base), weights and batch-norm statistics.
// service::fineTune on a toy task: the guard passes when the held-out samples are read
// better; the model kept is the interpolation of the trained one; retraining on all the
// samples once the guard passed takes as many steps again and gives another model.
// service::saveFineTuned (issue #15): a process killed at random points while it saves
// fine-tuned models over the same file leaves the previous model or the new one, whole,
// never a half-written file; the same for the language model copied beside it. The base
// model file is never written over.

#include "model/lm_file.h"
#include "model/model_file.h"
#include "nn/tensor.h"
#include "service/fine_tuning.h"
#include "test_models.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <optional>
#include <utility>

using namespace inklens;

namespace {

// Big enough (about 4 MB) that a save takes a few milliseconds, so kills land inside saves.
model::Model bigModel()
{
    model::CrnnSpec s;
    s.inputHeight = 16;
    s.activation = nn::Activation::LeakyReLU;
    s.convs = {{8, 3, true, 2, 2}, {16, 3, false, 2, 1}};
    s.lstmHidden = {160, 160};
    s.numClasses = model::Charset::defaultLatin().size();
    model::Crnn net(s);
    net.initialize(3);
    return model::Model(std::move(net), model::Charset::defaultLatin());
}

// Version v of the fine-tuned model: every value of the output bias is v.
void stamp(model::Model& m, int v)
{
    for (nn::Param* q : m.crnn.params())
        if (q->name == "fc.bias") {
            q->value.setConstant(float(v));
            q->touch();
        }
}

QByteArray lmBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 300'000; ++i)
        bytes.append(char('a' + i % 26));
    return bytes;
}

// The child of killedWhileSaving: saves versions 1, 2, ... of the model to out (with the
// base's .lm beside it), printing each version once it is saved, until it is killed.
int runChild(const QString& dir)
{
    const std::string base = QDir(dir).filePath(QStringLiteral("base.safetensors")).toStdString();
    const std::string out = QDir(dir).filePath(QStringLiteral("mine.safetensors")).toStdString();
    const service::FineTuningOptions options;
    service::FineTuningResult result(model::loadModel(base));
    for (int v = 1;; ++v) {
        stamp(result.model, v);
        result.steps = v;
        service::saveFineTuned(result, options, base, "samples", out);
        std::printf("%d\n", v);
        std::fflush(stdout);
    }
}

}  // namespace

class TestFineTuning : public QObject
{
    Q_OBJECT
private slots:
    void interpolation();
    void fineTuneKeepsTheInterpolationAndRetrains();
    void provenanceAndLanguageModel();
    void languageModelCache();
    void batchNormStatistics();
    void neverOverTheBase();
    void killedWhileSaving();
};

void TestFineTuning::interpolation()
{
    const model::Model base = *testing::tinyModel(1);
    model::Model tuned = *testing::tinyModel(2);
    auto bufs = tuned.crnn.buffers();
    QVERIFY(!bufs.empty());
    bufs[0].second->setConstant(3.f);
    const model::Model half = service::interpolateModels(base, tuned, 0.5f);
    const model::Model none = service::interpolateModels(base, tuned, 0.f);
    const model::Model all = service::interpolateModels(base, tuned, 1.f);
    const std::vector<const nn::Param*> b = base.crnn.params(),
                                        t = std::as_const(tuned).crnn.params(),
                                        h = half.crnn.params(), n = none.crnn.params(),
                                        a = all.crnn.params();
    QCOMPARE(h.size(), b.size());
    float moved = 0;
    for (std::size_t i = 0; i < b.size(); ++i) {
        QCOMPARE(h[i]->name, b[i]->name);
        const nn::Vec mid = (b[i]->value + t[i]->value) / 2;
        QVERIFY((h[i]->value - mid).cwiseAbs().maxCoeff() < 1e-6f);
        QVERIFY((n[i]->value - b[i]->value).cwiseAbs().maxCoeff() < 1e-6f);
        QVERIFY((a[i]->value - t[i]->value).cwiseAbs().maxCoeff() < 1e-6f);
        moved = std::max(moved, (t[i]->value - b[i]->value).cwiseAbs().maxCoeff());
    }
    QVERIFY(moved > 0.01f);  // the two models differ
    const nn::Vec& kept = *base.crnn.buffers()[0].second;
    const nn::Vec expected = (kept + nn::Vec::Constant(kept.size(), 3.f)) / 2;
    QVERIFY((*half.crnn.buffers()[0].second - expected).cwiseAbs().maxCoeff() < 1e-6f);
}

void TestFineTuning::fineTuneKeepsTheInterpolationAndRetrains()
{
    nn::setNumThreads(1);  // seeded runs are identical for a thread count
    // A base that reads 'a' everywhere; the samples say "b" (bars), the general lines "c".
    model::Model base = *testing::tinyModel(5);
    for (nn::Param* q : base.crnn.params())
        if (q->name == "fc.bias") {
            q->value[base.charset.labelOf(U'b')] = 0.f;
            q->value[base.charset.labelOf(U'a')] = 5.f;
            q->touch();
        }
    std::vector<training::LineSample> samples;
    for (int i = 0; i < 8; ++i) {
        training::LineSample s;
        s.image.height = 16;
        s.image.width = 48;
        s.image.pixels.assign(16 * 48, 0.f);
        for (int y = 3; y < 13; ++y)
            for (int x = 20 + i % 3; x < 26 + i % 3; ++x)
                s.image.pixels[std::size_t(y * 48 + x)] = 1.f;
        s.labels = {base.charset.labelOf(U'b')};
        s.text = "b";
        s.id = "s" + std::to_string(i);
        samples.push_back(std::move(s));
    }
    QTemporaryDir dir;
    for (int i = 0; i < 3; ++i) {
        const QString stem = dir.filePath(QStringLiteral("g%1").arg(i));
        QVERIFY(testing::stripedLine(200, i + 1).save(stem + QStringLiteral(".png")));
        QFile gt(stem + QStringLiteral(".gt.txt"));
        QVERIFY(gt.open(QIODevice::WriteOnly));
        gt.write("c\n");
    }
    service::FineTuningOptions o;
    o.adapt = service::Adapt::Lstm;
    o.minutes = 0;
    o.maxSteps = 40;
    o.lr = 0.02f;
    o.warmupSteps = 5;
    o.replayLines = 0;
    o.generalDir = dir.path().toStdString();
    o.interpolation = 1;
    const std::atomic_bool cancel{false};

    const service::FineTuningResult trained = service::fineTune(base, samples, o, {}, cancel);
    QCOMPARE(trained.trainingSamples, 6);
    QCOMPARE(trained.heldOutSamples, 2);
    QCOMPARE(trained.steps, 40);
    QVERIFY2(trained.better, trained.verdict.c_str());
    QVERIFY(trained.heldOutAfter < trained.heldOutBefore);
    QVERIFY(!trained.retrained);

    // The same run keeping half of the change: exactly the interpolation of the trained model.
    o.interpolation = 0.5f;
    const service::FineTuningResult half = service::fineTune(base, samples, o, {}, cancel);
    const model::Model expected = service::interpolateModels(base, trained.model, 0.5f);
    const auto got = half.model.crnn.params(), want = expected.crnn.params();
    for (std::size_t i = 0; i < got.size(); ++i)
        QVERIFY2((got[i]->value - want[i]->value).cwiseAbs().maxCoeff() < 1e-6f,
                 got[i]->name.c_str());

    // Trained again on all 8 samples once the guard passed: as many steps again.
    o.interpolation = 1;
    o.retrainOnAll = true;
    int lastStep = 0;
    const service::FineTuningResult again = service::fineTune(
        base, samples, o, [&](const service::FineTuningProgress& p) { lastStep = p.step; }, cancel);
    QVERIFY2(again.better, again.verdict.c_str());
    QVERIFY(again.retrained);
    QCOMPARE(again.steps, 40);
    QCOMPARE(lastStep, 80);
    QVERIFY2(again.verdict.find("trained again on all 8 samples") != std::string::npos,
             again.verdict.c_str());
    QVERIFY(again.generalRetrained >= 0);
    float differs = 0;
    const auto a = again.model.crnn.params(), t = trained.model.crnn.params();
    for (std::size_t i = 0; i < a.size(); ++i)
        differs = std::max(differs, (a[i]->value - t[i]->value).cwiseAbs().maxCoeff());
    QVERIFY(differs > 1e-4f);
}

void TestFineTuning::provenanceAndLanguageModel()
{
    QTemporaryDir dir;
    const std::string base = dir.filePath("base.safetensors").toStdString();
    const std::string out = dir.filePath("mine.safetensors").toStdString();
    model::saveModel(base, *testing::tinyModel());
    QFile lm(QString::fromStdString(model::languageModelPathFor(base)));
    QVERIFY(lm.open(QIODevice::WriteOnly));
    lm.write(lmBytes());
    lm.close();

    service::FineTuningResult r(*testing::tinyModel());
    stamp(r.model, 5);
    r.steps = 42;
    r.heldOutBefore = 0.3;
    r.heldOutAfter = 0.2;
    service::saveFineTuned(r, {}, base, "my samples", out);
    const model::Model saved = model::loadModel(out);
    const QJsonObject prov =
        QJsonDocument::fromJson(QByteArray::fromStdString(saved.provenance)).object();
    QCOMPARE(prov.value("steps").toInt(), 42);
    QCOMPARE(prov.value("samples").toString(), QStringLiteral("my samples"));
    QCOMPARE(prov.value("held_out_cer_after").toDouble(), 0.2);
    QCOMPARE(prov.value("fine_tuned_from").toString(), QString::fromStdString(base));
    for (const nn::Param* q : const_cast<model::Model&>(saved).crnn.params())
        if (q->name == "fc.bias")
            QCOMPARE(q->value(0), 5.f);
    QFile copied(QString::fromStdString(model::languageModelPathFor(out)));
    QVERIFY(copied.open(QIODevice::ReadOnly));
    QCOMPARE(copied.readAll(), lmBytes());
}

void TestFineTuning::languageModelCache()
{
    // With lmCacheWeight, the language model saved beside the fine-tuned model is the base's
    // with the samples' texts as a cache: those texts become likelier, a text the samples
    // never had stays about as likely, and the .lm's provenance says so.
    QTemporaryDir dir;
    const std::string base = dir.filePath("base.safetensors").toStdString();
    const std::string out = dir.filePath("mine.safetensors").toStdString();
    const model::Model tiny = *testing::tinyModel();
    model::saveModel(base, tiny);
    const model::Charset& cs = tiny.charset;
    ctc::CharNgramLm::Builder b(cs.size(), {5, 0});
    for (const char* line : {"the cat sat on the mat", "a dog and a cat", "the hat is red"})
        b.addLine(cs.encode(line));
    model::LanguageModel general{b.finish(), cs, "{}"};
    model::saveLanguageModel(model::languageModelPathFor(base), general);

    service::FineTuningResult r(tiny);
    r.texts = {"Zola quizzed Zubin", "Zubin quizzed Zola"};
    service::FineTuningOptions o;
    o.lmCacheWeight = 0.2;
    service::saveFineTuned(r, o, base, "samples", out);
    const model::LanguageModel adapted = model::loadLanguageModel(model::languageModelPathFor(out));
    const auto own = cs.encode("Zubin quizzed Zola"), other = cs.encode("the cat is red");
    QVERIFY2(
        adapted.lm.lineLogProb(own) > general.lm.lineLogProb(own) + 10,
        qPrintable(
            QString("%1 vs %2").arg(adapted.lm.lineLogProb(own)).arg(general.lm.lineLogProb(own))));
    QVERIFY2(std::abs(adapted.lm.lineLogProb(other) - general.lm.lineLogProb(other)) < 2,
             qPrintable(QString("%1 vs %2")
                            .arg(adapted.lm.lineLogProb(other))
                            .arg(general.lm.lineLogProb(other))));
    const QJsonObject prov =
        QJsonDocument::fromJson(QByteArray::fromStdString(adapted.provenance)).object();
    QCOMPARE(prov.value("cache_lines").toInt(), 2);
    QCOMPARE(prov.value("cache_weight").toDouble(), 0.2);
}

void TestFineTuning::batchNormStatistics()
{
    // Re-estimated on lines of more ink than the base saw, the first batch norm's running
    // means move up; its variance stays positive, and the weights do not move.
    model::Model m = *testing::tinyModel();
    const model::Model before = m;
    std::vector<training::LineSample> lines(3);
    for (auto& s : lines) {
        s.image.height = 16;
        s.image.width = 40;
        s.image.pixels.assign(16 * 40, 1.f);
    }
    service::adaptBatchNormStatistics(m, lines, 30);
    const auto now = m.crnn.buffers();
    const auto was = before.crnn.buffers();
    QVERIFY(!now.empty());
    QVERIFY2((*now[0].second - *was[0].second).cwiseAbs().maxCoeff() > 1e-3f, now[0].first.c_str());
    for (const auto& [name, v] : now)
        if (name.find("var") != std::string::npos)
            QVERIFY2(v->minCoeff() >= 0.f, name.c_str());
    const auto p = m.crnn.params();
    const auto q = before.crnn.params();
    for (std::size_t i = 0; i < p.size(); ++i)
        QCOMPARE(p[i]->value, q[i]->value);
}

void TestFineTuning::neverOverTheBase()
{
    QTemporaryDir dir;
    const std::string base = dir.filePath("base.safetensors").toStdString();
    model::saveModel(base, *testing::tinyModel());
    QFile file(QString::fromStdString(base));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    service::FineTuningResult r(*testing::tinyModel(9));
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, service::saveFineTuned(r, {}, base, "s", base));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void TestFineTuning::killedWhileSaving()
{
    QTemporaryDir dir;
    const std::string base = dir.filePath("base.safetensors").toStdString();
    const QString out = dir.filePath("mine.safetensors");
    const QString outLm = QString::fromStdString(model::languageModelPathFor(out.toStdString()));
    model::Model m = bigModel();
    stamp(m, 0);
    model::saveModel(base, m);
    QFile lm(QString::fromStdString(model::languageModelPathFor(base)));
    QVERIFY(lm.open(QIODevice::WriteOnly));
    lm.write(lmBytes());
    lm.close();

    QRandomGenerator rng(11);
    int lastPrinted = 0, insideSave = 0;
    const int rounds = 8;
    for (int round = 0; round < rounds; ++round) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("INKLENS_FINETUNE_SAVE_CHILD"), dir.path());
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QVERIFY(child.waitForReadyRead(20000));  // it has saved once and goes on saving
        QTest::qWait(int(rng.bounded(1, 80)));
        child.kill();
        QVERIFY(child.waitForFinished(10000));
        int printed = 0;
        for (const QByteArray& line : child.readAllStandardOutput().split('\n'))
            if (!line.trimmed().isEmpty())
                printed = std::max(printed, line.trimmed().toInt());
        lastPrinted = printed;

        // A whole model: the last version it said it saved, or the one it was saving.
        std::optional<model::Model> loaded;
        try {
            loaded = model::loadModel(out.toStdString());
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QString("killed after version %1: %2").arg(printed).arg(e.what())));
        }
        const model::Model& saved = *loaded;
        const QJsonObject prov =
            QJsonDocument::fromJson(QByteArray::fromStdString(saved.provenance)).object();
        const int version = prov.value("steps").toInt();
        QVERIFY2(
            version == printed || version == printed + 1,
            qPrintable(
                QString("file holds version %1, the child printed %2").arg(version).arg(printed)));
        insideSave += version == printed + 1;
        for (const nn::Param* q : const_cast<model::Model&>(saved).crnn.params())
            if (q->name == "fc.bias")
                QVERIFY(q->value.isConstant(float(version)));
        QFile copied(outLm);
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), lmBytes());
        // No temporary file is left to be taken for a model.
        QVERIFY(QDir(dir.path()).entryList({QStringLiteral("*.safetensors")}, QDir::Files).size()
                == 2);
    }
    // The base is untouched.
    const model::Model kept = model::loadModel(base);
    for (const nn::Param* q : const_cast<model::Model&>(kept).crnn.params())
        if (q->name == "fc.bias")
            QVERIFY(q->value.isConstant(0.f));
    qDebug("%d rounds, last version %d, %d kills after the model was written and before it "
           "was reported",
           rounds, lastPrinted, insideSave);
}

int main(int argc, char** argv)
{
    const QByteArray child = qgetenv("INKLENS_FINETUNE_SAVE_CHILD");
    QCoreApplication app(argc, argv);
    if (!child.isEmpty())
        return runChild(QString::fromLocal8Bit(child));
    TestFineTuning test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_fine_tuning.moc"
