// Saliency (core/model/saliency.h): the inference clone computes the inference function,
// its input gradient matches central differences of Crnn::forward (batch norm in
// inference mode, with non-trivial running statistics), occlusion matches forward passes
// on blanked copies, the original network is left untouched, and cancel works. And the
// runner behind the inspector (ui/inspect/saliency_runner.h) leaves no task behind.

#include "model/crnn.h"
#include "model/saliency.h"
#include "saliency_runner.h"
#include "test_models.h"
#include "test_nets.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace inklens;
using namespace inklens::nn;
using model::Crnn;
using model::CrnnWorkspace;

namespace {

model::CrnnSpec spec(Activation a)
{
    return test::crnnSpec(a, {{4, 3, true, 2, 2}, {5, 3, true, 1, 2}, {4, 3, false, 2, 1}}, {6});
}

// A network whose batch norms are far from the identity, so that a training-mode pass
// (batch statistics) would give a different function.
Crnn makeNet(Activation a = Activation::LeakyReLU)
{
    Crnn net(spec(a));
    net.initialize(7);
    test::randomizeBatchNorms(net, 99);
    return net;
}

std::vector<float> makePixels(int w, int h, std::uint64_t seed)
{
    Rng rng(seed);
    std::vector<float> px(std::size_t(w) * h);
    for (float& v : px)
        v = rng.uniform();
    return px;
}

Seq forwardLp(const Crnn& net, const std::vector<float>& px, int w, int h)
{
    CrnnWorkspace ws;
    Seq lp;
    net.forward(model::makeImageBatch({px.data()}, {w}, h), lp, ws);
    return lp;
}

float score(const Seq& lp, const model::SaliencyTarget& t)
{
    float best = -1e30f;
    for (int f = t.firstFrame; f <= t.lastFrame; ++f)
        best = std::max(best, lp.row(f, 0)(t.label));
    return best;
}

}  // namespace

class TestInspectSaliency : public QObject
{
    Q_OBJECT
private slots:
    void cloneIsTheInferenceFunction();
    void gradientMatchesFiniteDifferences_data();
    void gradientMatchesFiniteDifferences();
    void occlusionMatchesForward();
    void leavesTheNetworkUntouched();
    void cancelled();
    void runnerDestructorWaitsForEveryTask();
};

void TestInspectSaliency::cloneIsTheInferenceFunction()
{
    const Crnn net = makeNet();
    Crnn clone = model::inferenceClone(net);
    for (int b = 0; b < 3; ++b)
        QVERIFY(clone.batchNorm(b) == nullptr);
    const int w = 40, h = 8;
    const auto px = makePixels(w, h, 1);
    const Seq ref = forwardLp(net, px, w, h);
    CrnnWorkspace ws;
    clone.forwardTrain(model::makeImageBatch({px.data()}, {w}, h), ws);
    const float diff = (ws.logProbs.data - ref.data).cwiseAbs().maxCoeff();
    qInfo("max |clone forwardTrain - net forward| = %g", double(diff));
    QVERIFY(diff < 1e-4f);
}

void TestInspectSaliency::gradientMatchesFiniteDifferences_data()
{
    QTest::addColumn<int>("activation");
    QTest::newRow("leaky relu") << int(Activation::LeakyReLU);
    QTest::newRow("relu") << int(Activation::ReLU);
}

void TestInspectSaliency::gradientMatchesFiniteDifferences()
{
    QFETCH(int, activation);
    const Crnn net = makeNet(Activation(activation));
    const int w = 40, h = 8;
    const auto px = makePixels(w, h, 2);
    const model::SaliencyTarget target{2, 3, 5};
    const model::SaliencyMap map = model::saliencyGradient(net, px.data(), w, h, target);
    QCOMPARE(map.width, w);
    QCOMPARE(map.height, h);
    QVERIFY(!map.cancelled);
    QCOMPARE(map.score, score(forwardLp(net, px, w, h), target));

    // Central differences of the inference forward at the pixels with the largest
    // gradients (and a few random ones); points where the one-sided differences
    // disagree sit on a ReLU / max-pool kink and are skipped.
    std::vector<int> idx(px.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(),
              [&](int a, int b) { return std::abs(map.values[a]) > std::abs(map.values[b]); });
    idx.resize(12);
    Rng rng(5);
    for (int i = 0; i < 8; ++i)
        idx.push_back(rng.below(int(px.size())));
    const float eps = 3e-3f;
    const float s0 = map.score;
    float maxErr = 0;
    int checked = 0;
    for (int i : idx) {
        auto plus = px, minus = px;
        plus[std::size_t(i)] += eps;
        minus[std::size_t(i)] -= eps;
        const float sp = score(forwardLp(net, plus, w, h), target);
        const float sm = score(forwardLp(net, minus, w, h), target);
        const float fwd = (sp - s0) / eps, bwd = (s0 - sm) / eps;
        if (std::abs(fwd - bwd) > 0.05f * std::max(1e-3f, std::abs(fwd) + std::abs(bwd)) + 2e-3f)
            continue;  // a kink
        const float numeric = (sp - sm) / (2 * eps);
        const float err = std::abs(numeric - map.values[std::size_t(i)])
                          / std::max(1e-2f, std::abs(numeric));
        maxErr = std::max(maxErr, err);
        ++checked;
    }
    qInfo("checked %d pixels, max relative error %g", checked, double(maxErr));
    QVERIFY(checked >= 10);
    QVERIFY(maxErr < 3e-2f);

    // Negative control: differentiating the training-mode function (batch statistics),
    // as Crnn::forwardTrain + backward would, gives another gradient altogether.
    Crnn train = net;
    CrnnWorkspace ws;
    train.forwardTrain(model::makeImageBatch({px.data()}, {w}, h), ws);
    Seq d(ws.logProbs.t, 1, ws.logProbs.f);
    d.lengths = ws.logProbs.lengths;
    d.data.setZero();
    d.row(map.frame, 0)(target.label) = 1;
    Tensor4 dx;
    train.backward(d, ws, &dx);
    const Eigen::Map<const Eigen::VectorXf> ours(map.values.data(),
                                                 Eigen::Index(map.values.size()));
    const Eigen::Map<const Eigen::VectorXf> theirs(dx.plane(0, 0), Eigen::Index(map.values.size()));
    const float relative = (ours - theirs).norm() / ours.norm();
    qInfo("training-mode gradient differs by %.0f %%", double(relative) * 100);
    QVERIFY(relative > 0.1f);
}

void TestInspectSaliency::occlusionMatchesForward()
{
    const Crnn net = makeNet();
    const int w = 42, h = 8;  // 42 = 10 bands of 4 + one of 2
    const auto px = makePixels(w, h, 3);
    const model::SaliencyTarget target{1, 2, 2};
    int calls = 0, lastDone = 0, lastTotal = 0;
    model::OcclusionOptions options;
    options.band = 4;
    options.batch = 3;
    const model::SaliencyMap map = model::saliencyOcclusion(net, px.data(), w, h, target, options,
                                                            nullptr, [&](int done, int total) {
                                                                ++calls;
                                                                lastDone = done;
                                                                lastTotal = total;
                                                            });
    QCOMPARE(map.band, 4);
    QCOMPARE(map.firstColumn, 0);
    QCOMPARE(map.endColumn, w);
    QCOMPARE(lastTotal, 11);
    QCOMPARE(lastDone, 11);
    QCOMPARE(calls, 4);  // batches of 3
    const float s0 = score(forwardLp(net, px, w, h), target);
    QVERIFY(std::abs(map.score - s0) < 1e-6f);
    for (int band : {0, 4, 10}) {
        auto blanked = px;
        for (int y = 0; y < h; ++y)
            for (int x = band * 4; x < std::min(w, band * 4 + 4); ++x)
                blanked[std::size_t(y) * w + x] = 0;
        const float expected = s0 - score(forwardLp(net, blanked, w, h), target);
        for (int x = band * 4; x < std::min(w, band * 4 + 4); ++x)
            for (int y : {0, h - 1})
                QVERIFY2(std::abs(map.values[std::size_t(y) * w + x] - expected) < 1e-4f,
                         qPrintable(QStringLiteral("band %1 column %2").arg(band).arg(x)));
    }

    // a column range: the bands overlapping columns [10, 19) = bands 2..4, the same values
    options.firstColumn = 10;
    options.endColumn = 19;
    const model::SaliencyMap part = model::saliencyOcclusion(net, px.data(), w, h, target, options);
    QCOMPARE(part.firstColumn, 8);
    QCOMPARE(part.endColumn, 20);
    for (int x = 0; x < w; ++x) {
        const float expected = x >= 8 && x < 20 ? map.values[std::size_t(x)] : 0.f;
        QVERIFY2(std::abs(part.values[std::size_t(x)] - expected) < 1e-5f,
                 qPrintable(QString::number(x)));
    }
}

void TestInspectSaliency::leavesTheNetworkUntouched()
{
    const Crnn net = makeNet();
    const int w = 40, h = 8;
    const auto px = makePixels(w, h, 4);
    const Seq before = forwardLp(net, px, w, h);
    std::vector<std::vector<float>> buffers;
    for (const auto& [name, v] : net.buffers())
        buffers.emplace_back(v->data(), v->data() + v->size());
    model::saliencyGradient(net, px.data(), w, h, {3, 0, 9});
    const Seq after = forwardLp(net, px, w, h);
    QCOMPARE((after.data - before.data).cwiseAbs().maxCoeff(), 0.f);
    std::size_t i = 0;
    for (const auto& [name, v] : net.buffers())
        QVERIFY(std::equal(buffers[i].begin(), buffers[i].end(), v->data()) && ++i);
}

void TestInspectSaliency::cancelled()
{
    const Crnn net = makeNet();
    const auto px = makePixels(40, 8, 5);
    std::atomic_bool cancel{true};
    QVERIFY(model::saliencyGradient(net, px.data(), 40, 8, {1, 0, 1}, &cancel).cancelled);
    QVERIFY(model::saliencyOcclusion(net, px.data(), 40, 8, {1, 0, 1}, {}, &cancel).cancelled);
}

// Superseded tasks used to outlive the runner (its destructor waited for the newest one
// only). Every request but the last is a long occlusion (one forward pass of 96 copies
// between two polls of its flag); the last fails at once, so waiting for it alone would
// return while the others still run.
void TestInspectSaliency::runnerDestructorWaitsForEveryTask()
{
    const auto model = testing::tinyModel();
    const int w = 384, h = model->crnn.spec().inputHeight;
    const auto px = std::make_shared<const std::vector<float>>(makePixels(w, h, 6));
    QCOMPARE(ui::inspect::SaliencyRunner::liveTasks(), 0);
    {
        ui::inspect::SaliencyRunner runner;
        for (int i = 0; i < 4; ++i) {
            ui::inspect::SaliencyRunner::Request r;
            r.model = model;
            r.pixels = px;
            r.width = w;
            r.height = h;
            r.target = {1, 0, 3};
            r.method = model::SaliencyMethod::Occlusion;
            r.occlusion.band = 4;
            r.occlusion.batch = 96;
            runner.compute(r);
            QTest::qWait(5);  // let it start
        }
        runner.compute({});  // no model: fails at once
        QVERIFY(ui::inspect::SaliencyRunner::liveTasks() > 0);
    }
    QCOMPARE(ui::inspect::SaliencyRunner::liveTasks(), 0);
}

QTEST_APPLESS_MAIN(TestInspectSaliency)
#include "test_inspect_saliency.moc"
