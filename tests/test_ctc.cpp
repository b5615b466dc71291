// CTC loss (core/ctc/ctc.h): against a brute-force sum over every alignment, finite
// differences, and the batched version against the samples one by one.

#include "ctc/ctc.h"
#include "ctc_paths.h"

#include <QtTest/QtTest>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

using inklens::nn::EngineError;
using inklens::nn::Mat;
using inklens::nn::Seq;
using namespace inklens::ctc;
using inklens::test::collapse;

using Labels = std::vector<int>;

Q_DECLARE_METATYPE(inklens::ctc::CtcReduction)

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// Row-wise log-softmax, computed in double.
Mat logSoftmax(const Mat& z)
{
    Mat out(z.rows(), z.cols());
    for (Eigen::Index t = 0; t < z.rows(); ++t) {
        double m = double(z(t, 0));
        for (Eigen::Index k = 1; k < z.cols(); ++k)
            m = std::max(m, double(z(t, k)));
        double sum = 0.0;
        for (Eigen::Index k = 0; k < z.cols(); ++k)
            sum += std::exp(double(z(t, k)) - m);
        const double lse = m + std::log(sum);
        for (Eigen::Index k = 0; k < z.cols(); ++k)
            out(t, k) = float(double(z(t, k)) - lse);
    }
    return out;
}

Mat randomLogits(int T, int C, std::mt19937& rng, float scale = 1.5f)
{
    std::normal_distribution<float> normal(0.f, scale);
    Mat z(T, C);
    for (int t = 0; t < T; ++t)
        for (int k = 0; k < C; ++k)
            z(t, k) = normal(rng);
    return z;
}

Mat randomLogProbs(int T, int C, std::mt19937& rng)
{
    return logSoftmax(randomLogits(T, C, rng));
}

// Exact log p(labels | x) and occupation probabilities gamma(t, k), by enumerating all
// C^T frame paths and keeping those that collapse to `labels`.
struct BruteForce
{
    double logP = kNegInf;
    Eigen::MatrixXd gamma;
};

BruteForce bruteForce(const Mat& logProbs, const Labels& labels)
{
    const int T = int(logProbs.rows()), C = int(logProbs.cols());
    BruteForce r;
    r.gamma = Eigen::MatrixXd::Zero(T, C);
    std::vector<int> path(std::size_t(T), 0);
    double p = 0.0;
    for (;;) {
        if (collapse(path) == labels) {
            double lp = 0.0;
            for (int t = 0; t < T; ++t)
                lp += double(logProbs(t, path[std::size_t(t)]));
            p += std::exp(lp);
            for (int t = 0; t < T; ++t)
                r.gamma(t, path[std::size_t(t)]) += std::exp(lp);
        }
        int t = 0;  // next path, base-C counter
        while (t < T && ++path[std::size_t(t)] == C)
            path[std::size_t(t++)] = 0;
        if (t == T)
            break;
    }
    if (p > 0.0) {
        r.logP = std::log(p);
        r.gamma /= p;
    }
    return r;
}

// max |a - b| over all entries, as plain loops (GCC 12 gives false -Wmaybe-uninitialized
// warnings on Eigen's AVX-512 max reductions with -march=native).
template<typename A, typename B>
double maxAbsDiff(const A& a, const B& b)
{
    double m = 0.0;
    for (Eigen::Index i = 0; i < a.rows(); ++i)
        for (Eigen::Index j = 0; j < a.cols(); ++j)
            m = std::max(m, std::abs(double(a(i, j)) - double(b(i, j))));
    return m;
}

}  // namespace

class TestCtc : public QObject
{
    Q_OBJECT

private slots:
    void lossMatchesBruteForce_data();
    void lossMatchesBruteForce();
    void randomCasesMatchBruteForce();
    void emptyLabelIsProductOfBlanks();
    void infeasible_data();
    void infeasible();
    void zeroProbabilityIsInfeasible();
    void gradientMatchesFiniteDifferences_data();
    void gradientMatchesFiniteDifferences();
    void batchMatchesSamples_data();
    void batchMatchesSamples();
    void batchAllInfeasible();
    void labelOutOfRangeThrows_data();
    void labelOutOfRangeThrows();
};

void TestCtc::lossMatchesBruteForce_data()
{
    QTest::addColumn<int>("frames");
    QTest::addColumn<int>("classes");
    QTest::addColumn<Labels>("labels");
    QTest::addColumn<int>("seed");

    QTest::newRow("empty, T=1") << 1 << 3 << Labels{} << 1;
    QTest::newRow("empty, T=5") << 5 << 3 << Labels{} << 2;
    QTest::newRow("a, T=1 (limit)") << 1 << 2 << Labels{1} << 3;
    QTest::newRow("b, T=5") << 5 << 3 << Labels{2} << 4;
    QTest::newRow("ab, T=2 (limit)") << 2 << 3 << Labels{1, 2} << 5;
    QTest::newRow("ab, T=6") << 6 << 4 << Labels{1, 2} << 6;
    QTest::newRow("aa, T=3 (limit)") << 3 << 2 << Labels{1, 1} << 7;
    QTest::newRow("aa, T=5") << 5 << 3 << Labels{1, 1} << 8;
    QTest::newRow("aaa, T=5 (limit)") << 5 << 2 << Labels{1, 1, 1} << 9;
    QTest::newRow("aba, T=3 (limit)") << 3 << 3 << Labels{1, 2, 1} << 10;
    QTest::newRow("aab, T=6") << 6 << 4 << Labels{1, 1, 2} << 11;
    QTest::newRow("abba, T=5 (limit)") << 5 << 3 << Labels{1, 2, 2, 1} << 12;
    QTest::newRow("abba, T=6") << 6 << 3 << Labels{1, 2, 2, 1} << 13;
    QTest::newRow("cabcab, T=6 (limit)") << 6 << 4 << Labels{3, 1, 2, 3, 1, 2} << 14;
}

void TestCtc::lossMatchesBruteForce()
{
    QFETCH(int, frames);
    QFETCH(int, classes);
    QFETCH(Labels, labels);
    QFETCH(int, seed);

    std::mt19937 rng{std::uint32_t(seed)};
    const Mat lp = randomLogProbs(frames, classes, rng);
    const BruteForce ref = bruteForce(lp, labels);
    QVERIFY(std::isfinite(ref.logP));

    Mat grad;
    const CtcSample s = ctcLoss(lp, labels, &grad);
    QVERIFY(s.feasible);
    QVERIFY2(std::abs(double(s.loss) + ref.logP) <= 1e-5 * std::max(1.0, std::abs(ref.logP)),
             qPrintable(QString("loss %1, brute force %2").arg(s.loss).arg(-ref.logP)));
    // Without a gradient: the same loss.
    QCOMPARE(ctcLoss(lp, labels, nullptr).loss, s.loss);

    // dLoss/dlogProbs = -gamma, and each frame's occupation probabilities sum to 1.
    QCOMPARE(grad.rows(), Eigen::Index(frames));
    QCOMPARE(grad.cols(), Eigen::Index(classes));
    const double gradErr = maxAbsDiff(grad, -ref.gamma);
    QVERIFY2(gradErr < 1e-5, qPrintable(QString("max |grad + gamma| = %1").arg(gradErr)));
    for (int t = 0; t < frames; ++t)
        QVERIFY(std::abs(grad.row(t).sum() + 1.f) < 1e-5f);
}

void TestCtc::randomCasesMatchBruteForce()
{
    std::mt19937 rng(2024);
    int feasibleCount = 0, infeasibleCount = 0;
    double worstLoss = 0.0, worstGrad = 0.0;
    for (int rep = 0; rep < 400; ++rep) {
        const int T = std::uniform_int_distribution<int>(1, 6)(rng);
        const int C = std::uniform_int_distribution<int>(2, 4)(rng);
        const int L = std::uniform_int_distribution<int>(0, std::min(T, 4))(rng);
        Labels labels(static_cast<std::size_t>(L));
        for (int& l : labels)
            l = std::uniform_int_distribution<int>(1, C - 1)(rng);
        const Mat lp = randomLogProbs(T, C, rng);
        const BruteForce ref = bruteForce(lp, labels);

        Mat grad;
        const CtcSample s = ctcLoss(lp, labels, &grad);
        QCOMPARE(s.feasible, T >= ctcMinFrames(labels));
        QCOMPARE(s.feasible, std::isfinite(ref.logP));
        if (!s.feasible) {
            ++infeasibleCount;
            QCOMPARE(s.loss, 0.f);
            QVERIFY(grad.isZero(0.f));
            continue;
        }
        ++feasibleCount;
        worstLoss = std::max(worstLoss,
                             std::abs(double(s.loss) + ref.logP) / std::max(1.0, -ref.logP));
        worstGrad = std::max(worstGrad, maxAbsDiff(grad, -ref.gamma));
    }
    qInfo(
        "%d feasible, %d infeasible cases; worst relative loss error %.3g, worst gradient error %.3g",
        feasibleCount, infeasibleCount, worstLoss, worstGrad);
    QVERIFY(feasibleCount > 100 && infeasibleCount > 10);
    QVERIFY(worstLoss < 1e-5);
    QVERIFY(worstGrad < 1e-5);
}

void TestCtc::emptyLabelIsProductOfBlanks()
{
    std::mt19937 rng(7);
    const Mat lp = randomLogProbs(7, 5, rng);
    Mat grad;
    const CtcSample s = ctcLoss(lp, {}, &grad);
    QVERIFY(s.feasible);
    QVERIFY(std::abs(s.loss + lp.col(0).sum()) < 1e-5f);
    Mat expected = Mat::Zero(7, 5);
    expected.col(0).setConstant(-1.f);
    QVERIFY(grad.isApprox(expected, 1e-6f));

    // No frames at all: the empty product, p = 1.
    const Mat none(0, 5);
    const CtcSample s0 = ctcLoss(none, {}, &grad);
    QVERIFY(s0.feasible);
    QCOMPARE(s0.loss, 0.f);
    QCOMPARE(grad.rows(), Eigen::Index(0));
}

void TestCtc::infeasible_data()
{
    QTest::addColumn<int>("frames");
    QTest::addColumn<Labels>("labels");

    QTest::newRow("aa needs a blank, T=2") << 2 << Labels{1, 1};
    QTest::newRow("abc, T=2") << 2 << Labels{1, 2, 3};
    QTest::newRow("aab, T=3") << 3 << Labels{1, 1, 2};
    QTest::newRow("abba, T=4") << 4 << Labels{1, 2, 2, 1};
    QTest::newRow("a, T=0") << 0 << Labels{1};
}

void TestCtc::infeasible()
{
    QFETCH(int, frames);
    QFETCH(Labels, labels);

    std::mt19937 rng(3);
    const Mat lp = randomLogProbs(frames, 4, rng);
    Mat grad = Mat::Constant(2, 2, 42.f);  // stale content must be replaced
    const CtcSample s = ctcLoss(lp, labels, &grad);
    QVERIFY(!s.feasible);
    QVERIFY(std::isfinite(s.loss));
    QCOMPARE(s.loss, 0.f);
    QCOMPARE(grad.rows(), Eigen::Index(frames));
    QCOMPARE(grad.cols(), Eigen::Index(4));
    QVERIFY(grad.isZero(0.f));
    QVERIFY(!ctcLoss(lp, labels, nullptr).feasible);
}

void TestCtc::zeroProbabilityIsInfeasible()
{
    // Long enough, but the label's class has probability 0 in every frame.
    std::mt19937 rng(5);
    Mat lp = randomLogProbs(4, 3, rng);
    lp.col(2).setConstant(-std::numeric_limits<float>::infinity());
    Mat grad;
    const CtcSample s = ctcLoss(lp, {1, 2}, &grad);
    QVERIFY(!s.feasible);
    QCOMPARE(s.loss, 0.f);
    QVERIFY(grad.allFinite());
    QVERIFY(grad.isZero(0.f));
    // Other labels still work and get a finite gradient.
    const CtcSample ok = ctcLoss(lp, {1}, &grad);
    QVERIFY(ok.feasible && std::isfinite(ok.loss));
    QVERIFY(grad.allFinite());
}

void TestCtc::gradientMatchesFiniteDifferences_data()
{
    QTest::addColumn<int>("frames");
    QTest::addColumn<int>("classes");
    QTest::addColumn<Labels>("labels");
    QTest::addColumn<int>("seed");

    QTest::newRow("abc, T=6") << 6 << 4 << Labels{1, 2, 3} << 21;
    QTest::newRow("repeats aab, T=7") << 7 << 3 << Labels{1, 1, 2} << 22;
    QTest::newRow("empty, T=4") << 4 << 3 << Labels{} << 23;
    QTest::newRow("limit aba, T=3") << 3 << 3 << Labels{1, 2, 1} << 24;
    QTest::newRow("longer, T=12 C=6") << 12 << 6 << Labels{5, 1, 1, 4, 2} << 25;
}

void TestCtc::gradientMatchesFiniteDifferences()
{
    QFETCH(int, frames);
    QFETCH(int, classes);
    QFETCH(Labels, labels);
    QFETCH(int, seed);

    // loss(z) = ctcLoss(logSoftmax(z)); chain rule through the log-softmax:
    // dLoss/dz(t, k) = g(t, k) - softmax(t, k) * sum_j g(t, j), g = dLoss/dlogProbs.
    std::mt19937 rng{std::uint32_t(seed)};
    Mat z = randomLogits(frames, classes, rng);
    const Mat lp = logSoftmax(z);
    Mat g;
    QVERIFY(ctcLoss(lp, labels, &g).feasible);
    Mat softmax(frames, classes);
    for (int t = 0; t < frames; ++t)
        for (int k = 0; k < classes; ++k)
            softmax(t, k) = std::exp(lp(t, k));
    Mat analytic(frames, classes);
    for (int t = 0; t < frames; ++t)
        analytic.row(t) = g.row(t) - softmax.row(t) * g.row(t).sum();

    const float eps = 1e-3f;
    double maxDiff = 0.0, maxRel = 0.0;
    for (int t = 0; t < frames; ++t) {
        for (int k = 0; k < classes; ++k) {
            const float z0 = z(t, k);
            z(t, k) = z0 + eps;
            const double up = ctcLoss(logSoftmax(z), labels, nullptr).loss;
            const float zUp = z(t, k);
            z(t, k) = z0 - eps;
            const double down = ctcLoss(logSoftmax(z), labels, nullptr).loss;
            const float zDown = z(t, k);
            z(t, k) = z0;
            const double numeric = (up - down) / (double(zUp) - double(zDown));
            const double a = analytic(t, k);
            const double diff = std::abs(a - numeric);
            // Relative error with a floor: float losses carry ~1e-7 relative rounding,
            // i.e. an absolute noise of ~loss * 1e-7 / eps on each numeric derivative.
            maxDiff = std::max(maxDiff, diff);
            maxRel = std::max(maxRel, diff / std::max({std::abs(a), std::abs(numeric), 1.0}));
        }
    }
    qInfo("max |analytic - numeric| = %.3g, max relative error = %.3g", maxDiff, maxRel);
    QVERIFY2(maxRel < 1e-3, qPrintable(QString("max relative error %1").arg(maxRel)));
}

void TestCtc::batchMatchesSamples_data()
{
    QTest::addColumn<CtcReduction>("reduction");
    QTest::newRow("mean") << CtcReduction::Mean;
    QTest::newRow("sum") << CtcReduction::Sum;
}

void TestCtc::batchMatchesSamples()
{
    QFETCH(CtcReduction, reduction);

    const int T = 7, C = 4;
    const std::vector<int> lengths{7, 4, 1, 5, 3, 6};
    const std::vector<Labels> labels{{1, 2, 1}, {3},    {2, 2} /* infeasible in 1 frame */,
                                     {},        {1, 1}, {3, 3, 1, 2}};
    const int N = int(lengths.size());
    std::mt19937 rng(99);
    Seq x(T, N, C);
    x.lengths = lengths;
    // Padding rows are NaN here (the Seq contract says 0): they must never be read.
    x.data.setConstant(std::numeric_limits<float>::quiet_NaN());
    std::vector<Mat> samples;
    for (int n = 0; n < N; ++n) {
        samples.push_back(randomLogProbs(lengths[std::size_t(n)], C, rng));
        for (int t = 0; t < lengths[std::size_t(n)]; ++t)
            x.row(t, n) = samples.back().row(t);
    }

    Seq dx;
    const CtcBatchResult r = ctcLossBatch(x, labels, reduction, &dx);
    QCOMPARE(int(r.perSample.size()), N);
    QCOMPARE(int(r.feasible.size()), N);
    QCOMPARE(dx.t, T);
    QCOMPARE(dx.n, N);
    QCOMPARE(dx.f, C);
    QCOMPARE(dx.lengths, lengths);

    // Expected reduction, by hand.
    double expected = 0.0;
    int numFeasible = 0;
    std::vector<CtcSample> singles;
    std::vector<Mat> grads(lengths.size());
    for (int n = 0; n < N; ++n) {
        singles.push_back(
            ctcLoss(samples[std::size_t(n)], labels[std::size_t(n)], &grads[std::size_t(n)]));
        const CtcSample& s = singles.back();
        QCOMPARE(bool(r.feasible[std::size_t(n)]), s.feasible);
        QVERIFY(std::abs(r.perSample[std::size_t(n)] - s.loss) <= 1e-6f * std::max(1.f, s.loss));
        if (!s.feasible)
            continue;
        ++numFeasible;
        expected += reduction == CtcReduction::Mean
                        ? double(s.loss)
                              / double(std::max<std::size_t>(labels[std::size_t(n)].size(), 1))
                        : double(s.loss);
    }
    QCOMPARE(numFeasible, N - 1);
    if (reduction == CtcReduction::Mean)
        expected /= numFeasible;
    QVERIFY2(std::abs(double(r.loss) - expected) < 1e-5 * std::max(1.0, expected),
             qPrintable(QString("batch %1, by hand %2").arg(r.loss).arg(expected)));

    // Gradient rows: the sample's own gradient times its weight in the reduction.
    for (int n = 0; n < N; ++n) {
        const float w =
            reduction == CtcReduction::Mean
                ? 1.f / float(std::max<std::size_t>(labels[std::size_t(n)].size(), 1) * numFeasible)
                : 1.f;
        for (int t = 0; t < T; ++t) {
            const Eigen::RowVectorXf row = dx.row(t, n);
            if (t >= lengths[std::size_t(n)] || !singles[std::size_t(n)].feasible) {
                QVERIFY2(row.isZero(0.f), qPrintable(QString("sample %1 frame %2").arg(n).arg(t)));
            } else {
                const Eigen::RowVectorXf want = w * grads[std::size_t(n)].row(t);
                QVERIFY2(maxAbsDiff(row, want) < 1e-6,
                         qPrintable(QString("sample %1 frame %2").arg(n).arg(t)));
            }
        }
    }

    // Without a gradient: same losses.
    const CtcBatchResult r2 = ctcLossBatch(x, labels, reduction, nullptr);
    QCOMPARE(r2.loss, r.loss);
    QCOMPARE(r2.perSample, r.perSample);
}

void TestCtc::batchAllInfeasible()
{
    Seq x(2, 2, 3);
    x.lengths = {2, 1};
    x.data.setConstant(std::log(1.f / 3.f));
    Seq dx;
    const CtcBatchResult r = ctcLossBatch(x, {{1, 1}, {1, 2}}, CtcReduction::Mean, &dx);
    QCOMPARE(r.loss, 0.f);
    QCOMPARE(r.feasible, (std::vector<bool>{false, false}));
    QVERIFY(dx.data.isZero(0.f));
}

void TestCtc::labelOutOfRangeThrows_data()
{
    QTest::addColumn<Labels>("labels");
    QTest::newRow("blank inside") << Labels{1, 0, 2};
    QTest::newRow("equal to C") << Labels{4};
    QTest::newRow("negative") << Labels{2, -1};
    QTest::newRow("huge") << Labels{1000};
}

void TestCtc::labelOutOfRangeThrows()
{
    QFETCH(Labels, labels);
    std::mt19937 rng(1);
    const Mat lp = randomLogProbs(6, 4, rng);
    Mat grad;
    QVERIFY_THROWS_EXCEPTION(EngineError, ctcLoss(lp, labels, &grad));
    QVERIFY_THROWS_EXCEPTION(EngineError, ctcLoss(lp, labels, nullptr));
    try {
        ctcLoss(lp, labels, nullptr);
    } catch (const EngineError& e) {
        QVERIFY2(QByteArray(e.what()).contains("out of range"), e.what());
    }

    Seq x(6, 2, 4);
    x.lengths = {6, 6};
    for (int t = 0; t < 6; ++t) {
        x.row(t, 0) = lp.row(t);
        x.row(t, 1) = lp.row(t);
    }
    Seq dx;
    QVERIFY_THROWS_EXCEPTION(EngineError,
                             ctcLossBatch(x, {{1, 2}, labels}, CtcReduction::Mean, &dx));
}

QTEST_APPLESS_MAIN(TestCtc)
#include "test_ctc.moc"
