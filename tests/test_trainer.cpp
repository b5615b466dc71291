// The trainer: seeded runs are identical; stopping, checkpointing and resuming changes
// nothing (the resumed run ends with the very weights of an uninterrupted one); the
// stop flag leaves a checkpoint and the best model; the curriculum orders the first epoch.

#include "training/trainer.h"

#include "model/safetensors.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace inklens;

namespace {

// Lines of 2-4 random "glyphs" (fixed random 10x4 bitmaps), height 16.
std::vector<training::LineSample> toyLines(int n, std::uint64_t seed)
{
    nn::Rng glyphRng(5);
    std::vector<std::vector<float>> glyphs(4, std::vector<float>(40));
    for (auto& g : glyphs)
        for (float& v : g)
            v = glyphRng.uniform() < 0.5f ? 1.f : 0.f;
    nn::Rng rng(seed);
    std::vector<training::LineSample> out;
    for (int i = 0; i < n; ++i) {
        training::LineSample s;
        const int len = 2 + rng.below(3);
        const int w = 4 + len * 7;
        s.image.height = 16;
        s.image.width = (w + 3) / 4 * 4;
        s.image.pixels.assign(std::size_t(16 * s.image.width), 0.f);
        for (int k = 0; k < len; ++k) {
            const int g = rng.below(4);
            s.labels.push_back(1 + g);
            s.text.push_back(char('a' + g));
            for (int y = 0; y < 10; ++y)
                for (int x = 0; x < 4; ++x)
                    s.image.pixels[std::size_t((3 + y) * s.image.width + 2 + 7 * k + x)] =
                        glyphs[std::size_t(g)][std::size_t(y * 4 + x)];
        }
        s.id = std::to_string(i);
        out.push_back(std::move(s));
    }
    return out;
}

model::Model toyModel()
{
    model::CrnnSpec spec;
    spec.inputHeight = 16;
    spec.convs = {{6, 3, true, 2, 2}, {8, 3, false, 2, 1}};
    spec.lstmHidden = {8};
    spec.numClasses = 5;
    model::Crnn net(spec);
    net.initialize(9);
    return model::Model(std::move(net), model::Charset::fromString("abcd"));
}

training::TrainOptions options(int steps)
{
    training::TrainOptions o;
    o.maxSteps = steps;
    o.batchSize = 4;
    o.lr = 3e-3f;
    o.warmupSteps = 3;
    o.seed = 11;
    o.validateEverySteps = 6;
    o.maxValidationLines = 8;
    return o;
}

std::vector<nn::Vec> weights(const model::Model& m)
{
    std::vector<nn::Vec> w;
    for (const nn::Param* p : m.crnn.params())
        w.push_back(p->value);
    for (const auto& b : m.crnn.buffers())
        w.push_back(*b.second);
    return w;
}

}  // namespace

class TestTrainer : public QObject
{
    Q_OBJECT
private slots:
    void seededRunsAreIdentical();
    void resumeChangesNothing();
    void stopLeavesCheckpointAndModel();
    void resumedTimeBudgetContinues();
    void corruptCheckpoint_data();
    void corruptCheckpoint();
    void lossFalls();
    void frozenParametersStay();
    void withoutValidationTheLastModelIsSaved();
};

void TestTrainer::frozenParametersStay()
{
    // TrainOptions::trainable: the LSTM and output layer learn, the convolutions (weights,
    // biases, batch-norm scales) are not stepped; the same run without it changes them.
    std::atomic_bool stop{false};
    const model::Model before = toyModel();
    model::Model m = toyModel();
    training::TrainOptions o = options(8);
    o.trainable = [](const std::string& name) { return name.rfind("conv", 0) != 0
                                                       && name.rfind("bn", 0) != 0; };
    training::Trainer(m, toyLines(40, 1), toyLines(8, 2), o).run({}, stop);
    int frozen = 0, learnt = 0;
    const auto p0 = before.crnn.params();
    const auto p1 = std::as_const(m).crnn.params();
    for (std::size_t i = 0; i < p0.size(); ++i) {
        const bool isConv = p0[i]->name.rfind("conv", 0) == 0 || p0[i]->name.rfind("bn", 0) == 0;
        if (isConv) {
            QVERIFY2(p0[i]->value == p1[i]->value, p0[i]->name.c_str());
            ++frozen;
        } else {
            learnt += p0[i]->value != p1[i]->value;
        }
    }
    QVERIFY(frozen >= 2);
    QCOMPARE(learnt, int(p0.size()) - frozen);
    model::Model all = toyModel();
    training::Trainer(all, toyLines(40, 1), toyLines(8, 2), options(8)).run({}, stop);
    QVERIFY(std::as_const(all).crnn.params().front()->value != p0.front()->value);
    // Nothing to train is refused.
    o.trainable = [](const std::string&) { return false; };
    QVERIFY_THROWS_EXCEPTION(nn::EngineError,
                             training::Trainer(m, toyLines(4, 1), {}, o));
}

void TestTrainer::withoutValidationTheLastModelIsSaved()
{
    // No validation lines: no "best" model to keep, so the last one is written (before,
    // nothing was, and the command line reported a best CER of -100 %).
    QTemporaryDir dir;
    std::atomic_bool stop{false};
    model::Model m = toyModel();
    training::TrainOptions o = options(5);
    o.outputPath = dir.filePath(QStringLiteral("last.safetensors")).toStdString();
    const auto last = training::Trainer(m, toyLines(20, 1), {}, o).run({}, stop);
    QCOMPARE(last.bestValCer, -1.0);
    const model::Model saved = model::loadModel(o.outputPath);
    QVERIFY(weights(saved) == weights(m));
}

void TestTrainer::seededRunsAreIdentical()
{
    std::atomic_bool stop{false};
    model::Model a = toyModel(), b = toyModel();
    training::Trainer(a, toyLines(40, 1), toyLines(8, 2), options(10)).run({}, stop);
    training::Trainer(b, toyLines(40, 1), toyLines(8, 2), options(10)).run({}, stop);
    QVERIFY(weights(a) == weights(b));
    QVERIFY(weights(a) != weights(toyModel()));  // it did train
}

void TestTrainer::resumeChangesNothing()
{
    QTemporaryDir dir;
    const std::string ckpt = dir.filePath(QStringLiteral("run.ckpt")).toStdString();
    std::atomic_bool never{false};
    model::Model straight = toyModel();
    training::Trainer(straight, toyLines(40, 1), toyLines(8, 2), options(14)).run({}, never);

    // Same run, stopped after its first validation (step 6), then resumed from the checkpoint.
    model::Model first = toyModel();
    auto o = options(14);
    o.checkpointPath = ckpt;
    std::atomic_bool stop{false};
    training::Trainer t1(first, toyLines(40, 1), toyLines(8, 2), o);
    const auto stoppedAt = t1.run([&](const training::TrainProgress& p) { stop = p.step >= 6; },
                                  stop);
    QCOMPARE(stoppedAt.step, 6);
    QVERIFY(QFile::exists(QString::fromStdString(ckpt)));
    model::Model resumed = toyModel();  // fresh weights: everything must come from the checkpoint
    training::Trainer t2(resumed, toyLines(40, 1), toyLines(8, 2), o);
    t2.resume(ckpt);
    std::atomic_bool no{false};
    const auto end = t2.run({}, no);
    QCOMPARE(end.step, 14);
    QVERIFY2(weights(resumed) == weights(straight),
             "a resumed run must end with the uninterrupted run's weights");
}

void TestTrainer::stopLeavesCheckpointAndModel()
{
    QTemporaryDir dir;
    auto o = options(1000);
    o.checkpointPath = dir.filePath(QStringLiteral("c.ckpt")).toStdString();
    o.outputPath = dir.filePath(QStringLiteral("best.safetensors")).toStdString();
    model::Model m = toyModel();
    std::atomic_bool stop{false};
    training::Trainer t(m, toyLines(40, 1), toyLines(8, 2), o);
    const auto p = t.run([&](const training::TrainProgress& pr) { stop = pr.step >= 6; }, stop);
    QVERIFY(p.step < 1000);
    const model::Model best = model::loadModel(o.outputPath);
    QVERIFY(best.crnn.spec() == m.crnn.spec());
    QVERIFY(QFile::exists(QString::fromStdString(o.checkpointPath)));
    // A corrupt checkpoint is refused with a clear message.
    QFile f(QString::fromStdString(o.checkpointPath));
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.resize(f.size() / 2);
    f.close();
    model::Model other = toyModel();
    training::Trainer t2(other, toyLines(40, 1), toyLines(8, 2), o);
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, t2.resume(o.checkpointPath));
}

// A --minutes run interrupted and resumed ends where an uninterrupted one ends: the
// checkpoint carries the total time trained, so the budget and the cosine schedule (which
// follows time) continue. The clock is the test's: one "second" per step.
void TestTrainer::resumedTimeBudgetContinues()
{
    auto timed = [](double* clock) {
        auto o = options(0);
        o.minutes = 0.2;           // 12 seconds: 12 steps
        o.validateEverySteps = 1;  // a report after every step
        o.clock = [clock] { return *clock; };
        return o;
    };
    double straightClock = 0;
    model::Model straight = toyModel();
    training::Trainer full(straight, toyLines(40, 1), toyLines(8, 2), timed(&straightClock));
    std::atomic_bool never{false};
    const auto whole = full.run([&](const training::TrainProgress&) { straightClock += 1; }, never);
    QCOMPARE(whole.step, 12);

    QTemporaryDir dir;
    double clock = 500;  // any origin
    auto o = timed(&clock);
    o.checkpointPath = dir.filePath(QStringLiteral("timed.ckpt")).toStdString();
    model::Model first = toyModel();
    std::atomic_bool stop{false};
    training::Trainer t1(first, toyLines(40, 1), toyLines(8, 2), o);
    const auto stoppedAt = t1.run(
        [&](const training::TrainProgress& p) {
        clock += 1;
        stop = p.step >= 5;
        },
        stop);
    QCOMPARE(stoppedAt.step, 5);

    clock = 9000;  // a later session: its clock has moved on
    model::Model resumed = toyModel();
    training::Trainer t2(resumed, toyLines(40, 1), toyLines(8, 2), o);
    t2.resume(o.checkpointPath);
    std::atomic_bool no{false};
    const auto end = t2.run([&](const training::TrainProgress&) { clock += 1; }, no);
    QCOMPARE(end.step, whole.step);
    QCOMPARE(end.elapsedSeconds, whole.elapsedSeconds);
    QCOMPARE(end.lr, whole.lr);
    QVERIFY2(weights(resumed) == weights(straight),
             "a resumed timed run must end with the uninterrupted run's weights");
}

void TestTrainer::corruptCheckpoint_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");  // null: the entry is removed
    QTest::addColumn<QString>("message");
    QTest::newRow("no step") << "checkpoint.step" << QString() << "checkpoint.step is missing";
    QTest::newRow("no elapsed") << "checkpoint.elapsed_seconds" << QString()
                                << "checkpoint.elapsed_seconds is missing";
    QTest::newRow("epoch not a number") << "checkpoint.epoch"
                                        << "many"
                                        << "checkpoint.epoch is not a number: 'many'";
    QTest::newRow("number and text") << "checkpoint.adam_steps"
                                     << "12abc"
                                     << "checkpoint.adam_steps is not a number";
    QTest::newRow("negative position") << "checkpoint.batch_in_epoch"
                                       << "-3"
                                       << "checkpoint.batch_in_epoch is out of range";
    QTest::newRow("huge step") << "checkpoint.step"
                               << "1e30"
                               << "checkpoint.step is out of range";
    QTest::newRow("empty best") << "checkpoint.best_cer"
                                << ""
                                << "checkpoint.best_cer is not a number";
    QTest::newRow("infinite time") << "checkpoint.elapsed_seconds"
                                   << "inf"
                                   << "checkpoint.elapsed_seconds is out of range";
}

// A checkpoint with a missing or malformed entry is refused with nn::EngineError naming the
// file and the entry, never a std::out_of_range or std::invalid_argument.
void TestTrainer::corruptCheckpoint()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, message);
    QTemporaryDir dir;
    auto o = options(2);
    o.checkpointPath = dir.filePath(QStringLiteral("c.ckpt")).toStdString();
    model::Model m = toyModel();
    std::atomic_bool never{false};
    training::Trainer(m, toyLines(40, 1), toyLines(8, 2), o).run({}, never);
    model::SafetensorsFile f = model::readSafetensors(o.checkpointPath);
    QVERIFY(f.metadata.count(key.toStdString()));
    if (value.isNull())
        f.metadata.erase(key.toStdString());
    else
        f.metadata[key.toStdString()] = value.toStdString();
    model::writeSafetensorsAtomic(o.checkpointPath, f);

    model::Model other = toyModel();
    training::Trainer t(other, toyLines(40, 1), toyLines(8, 2), o);
    try {
        t.resume(o.checkpointPath);
        QFAIL("a corrupt checkpoint was accepted");
    } catch (const nn::EngineError& e) {
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.contains(message) && what.contains(QString::fromStdString(o.checkpointPath)),
                 e.what());
    } catch (const std::exception& e) {
        QFAIL(
            qPrintable(QStringLiteral("not an EngineError: %1").arg(QString::fromUtf8(e.what()))));
    }
}

void TestTrainer::lossFalls()
{
    model::Model m = toyModel();
    std::atomic_bool stop{false};
    float first = -1, last = -1;
    auto o = options(1500);
    o.validateEverySteps = 100;
    o.augment = false;
    o.shortFirst = true;
    training::Trainer t(m, toyLines(80, 3), toyLines(16, 4), o);
    const auto p = t.run(
        [&](const training::TrainProgress& pr) {
        if (first < 0)
            first = pr.loss;
        last = pr.loss;
        },
        stop);
    qInfo("toy training: running loss %.3f -> %.3f, validation CER %.1f%%", double(first),
          double(last), 100 * p.valCer);
    QVERIFY(last < 0.5f * first);
    QVERIFY(p.valCer < 0.25);
}

QTEST_APPLESS_MAIN(TestTrainer)
#include "test_trainer.moc"
