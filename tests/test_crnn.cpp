// The whole CRNN: gradient check end to end (conv, batch norm, pools, BiLSTM, linear,
// log-softmax, CTC), a padded batch equals its samples one by one, the probe, a small
// network learning a toy reading task, and seeded determinism.

#include "gradcheck.h"
#include "model/crnn.h"
#include "nn/optim.h"
#include "ctc/decode.h"
#include "test_nets.h"

#include <QElapsedTimer>
#include <atomic>
#include <thread>
#include <QtTest>

using namespace inklens;
using namespace inklens::nn;
using model::Crnn;
using model::CrnnSpec;
using model::CrnnWorkspace;

namespace {

CrnnSpec tinySpec(Activation a = Activation::LeakyReLU)
{
    return test::crnnSpec(a, {{3, 3, true, 2, 2}, {4, 3, false, 2, 1}}, {3, 3});
}

Tensor4 randomImages(int h, std::vector<int> widths, std::uint64_t seed)
{
    const int w = *std::max_element(widths.begin(), widths.end());
    Tensor4 x(int(widths.size()), 1, h, w);
    test::fillUniform(x.data.data(), long(x.size()), seed, 0.f, 1.f);
    x.widths = std::move(widths);
    x.maskPadding();
    return x;
}

// Toy reading task: each symbol 1..K is a fixed random 12 x 5 glyph; a sample is 2-5
// symbols side by side with random gaps and a little noise, height 16.
struct ToyTask
{
    static constexpr int kH = 16, kGlyphW = 5, kSymbols = 5;
    std::vector<Eigen::MatrixXf> glyphs;
    explicit ToyTask(std::uint64_t seed)
    {
        Rng rng(seed);
        for (int k = 0; k < kSymbols; ++k) {
            Eigen::MatrixXf g(12, kGlyphW);
            for (int i = 0; i < g.size(); ++i)
                g.data()[i] = rng.uniform() < 0.45f ? 1.f : 0.f;
            glyphs.push_back(g);
        }
    }
    void batch(Rng& rng, int n, Tensor4& x, std::vector<std::vector<int>>& labels) const
    {
        std::vector<std::vector<float>> imgs;
        std::vector<int> widths;
        labels.assign(std::size_t(n), {});
        for (int i = 0; i < n; ++i) {
            const int len = 2 + rng.below(4);
            std::vector<int> gaps;
            int w = 2;
            for (int j = 0; j < len; ++j) {
                labels[std::size_t(i)].push_back(1 + rng.below(kSymbols));
                gaps.push_back(1 + rng.below(4));
                w += kGlyphW + gaps.back();
            }
            std::vector<float> img(std::size_t(kH * w), 0.f);
            int x0 = 2;
            const int y0 = 1 + rng.below(3);
            for (int j = 0; j < len; ++j) {
                const auto& g = glyphs[std::size_t(labels[std::size_t(i)][std::size_t(j)] - 1)];
                for (int yy = 0; yy < 12; ++yy)
                    for (int xx = 0; xx < kGlyphW; ++xx)
                        img[std::size_t((y0 + yy) * w + x0 + xx)] = g(yy, xx);
                x0 += kGlyphW + gaps[std::size_t(j)];
            }
            for (float& v : img)
                v = std::clamp(v + 0.1f * (rng.uniform() - 0.5f), 0.f, 1.f);
            imgs.push_back(std::move(img));
            widths.push_back(w);
        }
        std::vector<const float*> ptrs;
        for (const auto& im : imgs)
            ptrs.push_back(im.data());
        x = model::makeImageBatch(ptrs, widths, kH);
    }
};

CrnnSpec toySpec()
{
    CrnnSpec s;
    s.inputHeight = ToyTask::kH;
    s.convs = {{8, 3, true, 2, 2}, {16, 3, false, 2, 1}};
    s.lstmHidden = {24};
    s.numClasses = ToyTask::kSymbols + 1;
    return s;
}

struct ToyRun
{
    float firstLoss = 0, lastLoss = 0;
    int steps = 0;
    std::vector<Vec> weights;
};

ToyRun trainToy(int maxSteps, bool stopWhenLearned, const ToyTask& task, Crnn& net)
{
    Rng rng(11);
    Adam adam(net.params(), AdamOptions{3e-3f});
    CrnnWorkspace ws;
    ToyRun run;
    float avg = 0;
    for (int step = 0; step < maxSteps; ++step) {
        Tensor4 x;
        std::vector<std::vector<int>> labels;
        task.batch(rng, 16, x, labels);
        adam.zeroGrad();
        const auto r = net.forwardBackward(x, labels, ctc::CtcReduction::Mean, ws);
        clipGradNorm(net.params(), 5.f);
        adam.step();
        if (step == 0)
            run.firstLoss = r.loss;
        avg = step == 0 ? r.loss : 0.9f * avg + 0.1f * r.loss;
        run.steps = step + 1;
        run.lastLoss = avg;
        if (stopWhenLearned && step > 50 && avg < 0.02f)
            break;
    }
    for (const Param* p : std::as_const(net).params())
        run.weights.push_back(p->value);
    return run;
}

}  // namespace

class TestCrnn : public QObject
{
    Q_OBJECT
private slots:
    void gradientCheck_data();
    void gradientCheck();
    void batchEqualsSamples();
    void probeRecordsEverything();
    void crnnRefShape();
    void inputHeightKeepsWeights();
    void constModelServesThreads();
    void inferenceFollowsParameterChanges();
    void threadsRebuildTheFoldOnce();
    void learnsToyTask();
    void seededTrainingIsDeterministic();
};

void TestCrnn::gradientCheck_data()
{
    QTest::addColumn<bool>("leaky");
    QTest::newRow("leaky relu") << true;
    QTest::newRow("relu") << false;
}

void TestCrnn::gradientCheck()
{
    QFETCH(bool, leaky);
    Crnn net(tinySpec(leaky ? Activation::LeakyReLU : Activation::ReLU));
    net.initialize(5);
    for (Param* p : net.params())
        p->value *= 2.f;  // larger weights: livelier activations and gates
    Tensor4 x = randomImages(8, {12, 9}, 6);
    const std::vector<std::vector<int>> labels = {{1, 2, 2}, {3}};
    CrnnWorkspace ws;
    for (Param* p : net.params())
        p->zeroGrad();
    net.forwardTrain(x, ws);
    Seq dLogProbs;
    const auto res = ctc::ctcLossBatch(ws.logProbs, labels, ctc::CtcReduction::Sum, &dLogProbs);
    QVERIFY(res.feasible[0] && res.feasible[1]);
    Tensor4 dx;
    net.backward(dLogProbs, ws, &dx);
    auto loss = [&] {
        Tensor4 xm = x;
        xm.maskPadding();
        CrnnWorkspace w;
        net.forwardTrain(xm, w);
        return double(ctc::ctcLossBatch(w.logProbs, labels, ctc::CtcReduction::Sum, nullptr).loss);
    };
    std::uint64_t seed = 1;
    for (Param* p : net.params()) {
        const auto r = test::gradCheck(p->value.data(), p->grad.data(), p->numel(), loss, 6,
                                       seed++);
        test::reportGradCheck(p->name.c_str(), r);
    }
    test::reportGradCheck("input image", test::gradCheck(x.data.data(), dx.data.data(),
                                                         long(x.size()), loss, 40, 99));
}

void TestCrnn::batchEqualsSamples()
{
    CrnnSpec spec = tinySpec();
    Crnn net(spec);
    net.initialize(3);
    const Tensor4 x = randomImages(8, {20, 13, 8}, 4);
    CrnnWorkspace ws;
    Seq batch;
    net.forward(x, batch, ws);
    QCOMPARE(batch.lengths, (std::vector<int>{10, 6, 4}));
    for (int i = 0; i < 3; ++i) {
        const int w = x.widths[std::size_t(i)];
        Tensor4 xi(1, 1, 8, w);
        for (int y = 0; y < 8; ++y)
            for (int c = 0; c < w; ++c)
                xi.at(0, 0, y, c) = x.at(i, 0, y, c);
        Seq one;
        net.forward(xi, one, ws);
        const float diff = (one.data - batch.sampleRows(i)).cwiseAbs().maxCoeff();
        QVERIFY2(diff < 1e-5f, qPrintable(QString("sample %1: max diff %2").arg(i).arg(diff)));
    }
}

void TestCrnn::probeRecordsEverything()
{
    Crnn net(tinySpec());
    net.initialize(1);
    const Tensor4 x = randomImages(8, {16}, 2);
    CrnnWorkspace ws;
    Seq plain, probed;
    model::Probe probe;
    net.forward(x, plain, ws);
    net.forward(x, probed, ws, &probe);
    QCOMPARE(probed.data, plain.data);  // the probe observes, it does not change
    QCOMPARE(int(probe.convMaps.size()), 2);
    QCOMPARE(probe.convMaps[0].c, 3);
    QCOMPARE(probe.convMaps[0].h, 8);
    QCOMPARE(probe.convMaps[0].w, 16);
    QCOMPARE(probe.convMaps[1].w, 8);
    QCOMPARE(int(probe.lstmForward.size()), 2);
    QCOMPARE(probe.lstmForward[1].rows(), Eigen::Index(8));
    QCOMPARE(probe.lstmBackward[0].cols(), Eigen::Index(3));
    QCOMPARE(probe.logProbs.data, plain.data);
}

void TestCrnn::crnnRefShape()
{
    Crnn net(CrnnSpec::crnnRef());
    QCOMPARE(net.parameterCount(), std::size_t(1608656));  // crnn-ref as its benchmark documents it
    QCOMPARE(CrnnSpec::crnnRef().features(), 512);
    QCOMPARE(CrnnSpec::crnnRef().framesFor(128), 32);
}

void TestCrnn::inputHeightKeepsWeights()
{
    // tinySpec: height 8 -> 4 -> 2 rows after the pools; 11 -> 5 -> 2 too, 12 -> 6 -> 3 not.
    Crnn net(tinySpec());
    net.initialize(9);
    for (auto& [name, v] : net.buffers())
        test::fillUniform(v->data(), long(v->size()), 3, 0.5f, 1.5f);
    const Crnn taller = net.withInputHeight(11);
    QCOMPARE(taller.spec().inputHeight, 11);
    CrnnSpec expected = net.spec();
    expected.inputHeight = 11;
    QCOMPARE(taller.spec(), expected);
    const auto a = net.params();
    const auto b = taller.params();
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(b[i]->name, a[i]->name);
        QVERIFY(b[i]->value == a[i]->value);
    }
    const auto ba = net.buffers();
    const auto bb = taller.buffers();
    QCOMPARE(ba.size(), bb.size());
    for (std::size_t i = 0; i < ba.size(); ++i)
        QVERIFY(*bb[i].second == *ba[i].second);
    // It reads 11-row images (its folded batch norm is in sync: the same output as a
    // fresh network with the same weights).
    Crnn fresh(expected);
    for (std::size_t i = 0; i < a.size(); ++i)
        fresh.params()[i]->value = a[i]->value;
    for (std::size_t i = 0; i < ba.size(); ++i)
        *fresh.buffers()[i].second = *ba[i].second;
    const Tensor4 x = randomImages(11, {20}, 4);
    CrnnWorkspace ws;
    Seq y1, y2;
    taller.forward(x, y1, ws);
    fresh.forward(x, y2, ws);
    QCOMPARE(y1.t, 10);
    QVERIFY(y1.data.allFinite());
    QVERIFY(y1.data == y2.data);
    QVERIFY_THROWS_EXCEPTION(EngineError, net.withInputHeight(12));
    QVERIFY_THROWS_EXCEPTION(EngineError, net.withInputHeight(0));
}

void TestCrnn::constModelServesThreads()
{
    Crnn net(tinySpec());
    net.initialize(21);
    const Crnn& shared = net;
    std::vector<Tensor4> inputs;
    std::vector<Mat> expected;
    for (int i = 0; i < 4; ++i) {
        inputs.push_back(randomImages(8, {12 + 4 * i}, 100 + std::uint64_t(i)));
        CrnnWorkspace ws;
        Seq out;
        shared.forward(inputs.back(), out, ws);
        expected.push_back(out.data);
    }
    // Four threads, each with its own workspace, many passes over the same const model.
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            CrnnWorkspace ws;
            Seq out;
            for (int rep = 0; rep < 50; ++rep) {
                const int i = (t + rep) % 4;
                shared.forward(inputs[std::size_t(i)], out, ws);
                if (out.data != expected[std::size_t(i)])
                    ++mismatches;
            }
        });
    for (auto& th : threads)
        th.join();
    QCOMPARE(mismatches.load(), 0);
}

namespace {
// Inference through a copy, which folds its batch norms afresh.
Mat freshForward(const Crnn& net, const Tensor4& x)
{
    const Crnn copy(net);
    CrnnWorkspace ws;
    Seq out;
    copy.forward(x, out, ws);
    return out.data;
}
}  // namespace

void TestCrnn::inferenceFollowsParameterChanges()
{
    // The batch norm folded into the convolutions for inference follows every change of
    // the parameters without being told: the very next forward() reads the new values.
    Crnn net(tinySpec());  // block 0 has a batch norm
    net.initialize(5);
    const Tensor4 x = randomImages(8, {14, 9}, 6);
    CrnnWorkspace ws;
    Seq out;
    net.forward(x, out, ws);
    Mat last = out.data;
    auto changedAndCurrent = [&](const char* what) {
        net.forward(x, out, ws);
        QVERIFY2(out.data != last, what);
        QVERIFY2(out.data == freshForward(net, x), what);
        last = out.data;
    };

    // An optimizer step (the gradients come from a training pass, which changes the running
    // statistics too: one inference pass in between, so that only the step is left).
    const std::vector<Param*> params = net.params();
    Adam adam(params, AdamOptions{0.05f});
    std::vector<std::vector<int>> labels{{1, 2}, {3}};
    net.forwardBackward(x, labels, ctc::CtcReduction::Mean, ws);
    net.forward(x, out, ws);
    last = out.data;
    adam.step();
    changedAndCurrent("optimizer step");

    // A weight written directly: a convolution's, a batch norm's gamma, a running variance.
    net.params()[0]->value[0] += 0.5f;
    changedAndCurrent("conv weight");
    for (Param* p : net.params())
        if (p->name == "bn0.weight")
            p->value[1] *= 3.f;
    changedAndCurrent("batch norm weight");
    (*net.buffers()[1].second)[0] *= 4.f;  // bn0.running_var
    changedAndCurrent("running variance");

    // A pointer kept from before a forward, written after it: touch() tells.
    params[1]->value[0] -= 1.f;  // conv0.bias
    params[1]->touch();
    changedAndCurrent("kept pointer, touched");

    // Loading: initialize() again.
    net.initialize(6);
    changedAndCurrent("initialize");
}

void TestCrnn::threadsRebuildTheFoldOnce()
{
    // Two threads start inference on a const model whose folded weights are stale: both
    // race to rebuild them; both get exactly what a single thread gets.
    Crnn net(tinySpec());
    net.initialize(8);
    const Tensor4 x = randomImages(8, {40}, 9);
    for (int rep = 0; rep < 20; ++rep) {
        net.params()[0]->value[rep] += 0.25f;  // stale again
        const Mat expected = freshForward(net, x);
        const Crnn& shared = net;
        Mat results[2];
        std::atomic<int> ready{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 2; ++t)
            threads.emplace_back([&, t] {
                CrnnWorkspace ws;
                Seq out;
                ++ready;
                while (ready.load() < 2) { }
                shared.forward(x, out, ws);
                results[t] = out.data;
            });
        for (auto& th : threads)
            th.join();
        QVERIFY(results[0] == expected);
        QVERIFY(results[1] == expected);
    }
}

void TestCrnn::learnsToyTask()
{
    const ToyTask task(42);
    Crnn net(toySpec());
    net.initialize(7);
    QElapsedTimer timer;
    timer.start();
    const ToyRun run = trainToy(1500, true, task, net);
    const double seconds = timer.elapsed() / 1000.0;
    // Read 100 fresh samples.
    Rng rng(999);
    Tensor4 x;
    std::vector<std::vector<int>> labels;
    task.batch(rng, 100, x, labels);
    CrnnWorkspace ws;
    Seq lp;
    net.forward(x, lp, ws);
    int exact = 0;
    for (int i = 0; i < 100; ++i)
        exact += ctc::ctcDecodeGreedy(lp.sampleRows(i)).best().labels == labels[std::size_t(i)];
    qInfo("toy task: %d steps in %.1f s, loss %.3f -> %.4f, %d/100 read exactly", run.steps,
          seconds, run.firstLoss, run.lastLoss, exact);
    QVERIFY(run.lastLoss < 0.1f * run.firstLoss);
    QVERIFY(exact >= 98);
}

void TestCrnn::seededTrainingIsDeterministic()
{
    const ToyTask task(42);
    Crnn a(toySpec()), b(toySpec());
    a.initialize(3);
    b.initialize(3);
    const ToyRun ra = trainToy(15, false, task, a);
    const ToyRun rb = trainToy(15, false, task, b);
    QCOMPARE(ra.weights.size(), rb.weights.size());
    for (std::size_t i = 0; i < ra.weights.size(); ++i)
        QVERIFY2(ra.weights[i] == rb.weights[i], "weights differ bitwise");
    QVERIFY(ra.lastLoss == rb.lastLoss);
    Crnn c(toySpec());
    c.initialize(4);  // another seed: other weights
    QVERIFY(std::as_const(c).params()[0]->value != std::as_const(a).params()[0]->value);
}

QTEST_APPLESS_MAIN(TestCrnn)
#include "test_crnn.moc"
