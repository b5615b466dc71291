// Finite-difference gradient checks of every layer, padding invariance (a batch equals
// its samples one by one), batch-norm folding, Adam and gradient clipping.

#include "gradcheck.h"
#include "nn/layers.h"
#include "nn/lstm.h"
#include "nn/optim.h"

#include <QtTest>

using namespace inklens::nn;
using inklens::test::fillUniform;
using inklens::test::gradCheck;
using inklens::test::reportGradCheck;

namespace {

Tensor4 randomMap(int n, int c, int h, int w, std::vector<int> widths, std::uint64_t seed)
{
    Tensor4 t(n, c, h, w);
    fillUniform(t.data.data(), long(t.size()), seed);
    t.widths = std::move(widths);
    t.maskPadding();
    return t;
}

Seq randomSeq(int t, int n, int f, std::vector<int> lengths, std::uint64_t seed)
{
    Seq s(t, n, f);
    fillUniform(s.data.data(), long(s.data.size()), seed);
    s.lengths = std::move(lengths);
    s.maskPadding();
    return s;
}

double dot(const float* a, const float* b, long n)
{
    double s = 0;
    for (long i = 0; i < n; ++i)
        s += double(a[i]) * b[i];
    return s;
}

// Sample i of a batch alone, cropped to its width.
Tensor4 cropSample(const Tensor4& x, int i)
{
    const int w = x.widths[std::size_t(i)];
    Tensor4 s(1, x.c, x.h, w);
    for (int ch = 0; ch < x.c; ++ch)
        for (int y = 0; y < x.h; ++y)
            for (int xx = 0; xx < w; ++xx)
                s.at(0, ch, y, xx) = x.at(i, ch, y, xx);
    return s;
}

}  // namespace

class TestLayers : public QObject
{
    Q_OBJECT
private slots:
    void conv2d_data();
    void conv2d();
    void convBatchEqualsSamples();
    void winogradMatchesIm2col_data();
    void winogradMatchesIm2col();
    void winogradSwitchedOff();
    void winogradTilesMatchIm2col_data();
    void winogradTilesMatchIm2col();
    void winogradTileChoice_data();
    void winogradTileChoice();
    void winogradBackwardMatchesIm2col_data();
    void winogradBackwardMatchesIm2col();
    void batchNormTraining();
    void batchNormFolding();
    void activation_data();
    void activation();
    void maxPool_data();
    void maxPool();
    void mapSeqRoundTrip();
    void linear();
    void logSoftmax();
    void lstm_data();
    void lstm();
    void lstmBatchEqualsSamples();
    void bilstm();
    void adamMatchesFormula();
    void adamLayerRates();
    void adamLargeParameters();
    void clipping();
};

void TestLayers::conv2d_data()
{
    QTest::addColumn<int>("cin");
    QTest::addColumn<int>("cout");
    QTest::addColumn<int>("k");
    QTest::newRow("1->3 k3") << 1 << 3 << 3;
    QTest::newRow("2->4 k3") << 2 << 4 << 3;
    QTest::newRow("3->2 k5") << 3 << 2 << 5;
    QTest::newRow("2->3 k1") << 2 << 3 << 1;
    QTest::newRow("8->3 k3 winograd") << 8 << 3 << 3;
    QTest::newRow("16->5 k3 winograd") << 16 << 5 << 3;
}

void TestLayers::conv2d()
{
    QFETCH(int, cin);
    QFETCH(int, cout);
    QFETCH(int, k);
    Rng rng(7);
    Conv2d conv(cin, cout, k, "conv");
    conv.initDefault(rng);
    Tensor4 x = randomMap(2, cin, 5, 7, {7, 4}, 1);
    Tensor4 y, r;
    conv.forward(x, y);
    r = randomMap(2, cout, 5, 7, {7, 4}, 2);
    auto loss = [&] {
        conv.forward(x, y);
        return dot(y.data.data(), r.data.data(), long(y.size()));
    };
    Tensor4 dx;
    conv.weight.zeroGrad();
    conv.bias.zeroGrad();
    conv.forward(x, y);
    conv.backward(x, r, &dx);
    reportGradCheck("conv weight", gradCheck(conv.weight.value.data(), conv.weight.grad.data(),
                                             conv.weight.numel(), loss, 40, 3));
    reportGradCheck("conv bias", gradCheck(conv.bias.value.data(), conv.bias.grad.data(),
                                           conv.bias.numel(), loss, 10, 4));
    // Input: only valid positions are inputs (padding is pinned to 0 by the mask).
    Tensor4 xv = x;
    auto lossX = [&] {
        Tensor4 xm = xv;
        xm.maskPadding();
        conv.forward(xm, y);
        return dot(y.data.data(), r.data.data(), long(y.size()));
    };
    reportGradCheck("conv input",
                    gradCheck(xv.data.data(), dx.data.data(), long(xv.size()), lossX, 60, 5));
}

void TestLayers::convBatchEqualsSamples()
{
    Rng rng(3);
    Conv2d conv(2, 3, 3, "c");
    conv.initDefault(rng);
    Tensor4 x = randomMap(3, 2, 4, 9, {9, 5, 2}, 11);
    Tensor4 y;
    conv.forward(x, y);
    for (int i = 0; i < 3; ++i) {
        Tensor4 xs = cropSample(x, i), ys;
        conv.forward(xs, ys);
        float maxDiff = 0;
        for (int ch = 0; ch < 3; ++ch)
            for (int yy = 0; yy < 4; ++yy)
                for (int xx = 0; xx < 9; ++xx) {
                    const float expect = xx < ys.w ? ys.at(0, ch, yy, xx) : 0.f;
                    maxDiff = std::max(maxDiff, std::abs(expect - y.at(i, ch, yy, xx)));
                }
        QVERIFY2(maxDiff < 1e-6f,
                 qPrintable(QString("sample %1 differs by %2").arg(i).arg(maxDiff)));
    }
}

void TestLayers::winogradMatchesIm2col_data()
{
    QTest::addColumn<int>("cin");
    QTest::addColumn<int>("cout");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::newRow("even") << 8 << 4 << 4 << 6;
    QTest::newRow("odd sizes") << 16 << 5 << 5 << 7;
    QTest::newRow("one pixel") << 8 << 3 << 1 << 1;
    QTest::newRow("one row") << 32 << 16 << 1 << 9;
    QTest::newRow("crnn-ref conv4") << 128 << 128 << 8 << 32;
    // F(4x4) tiles in blocks of 128 columns here: 33 columns of tiles, one block.
    QTest::newRow("tile blocks, odd width") << 128 << 256 << 4 << 131;
    QTest::newRow("several tile blocks") << 64 << 64 << 5 << 1030;
    QTest::newRow("two rows, long: F(2x4)") << 16 << 8 << 2 << 130;
    QTest::newRow("short: F(2x2)") << 16 << 8 << 4 << 20;
}

void TestLayers::winogradMatchesIm2col()
{
    QFETCH(int, cin);
    QFETCH(int, cout);
    QFETCH(int, h);
    QFETCH(int, w);
    Rng rng(13);
    Conv2d conv(cin, cout, 3, "c");
    conv.initDefault(rng);
    QVERIFY(conv.usesWinograd());
    const Tensor4 x = randomMap(2, cin, h, w, {w, std::max(1, w - 3)}, 14);
    Tensor4 ref, onTheFly, prepared;
    conv.forwardIm2col(x, ref);
    conv.forward(x, onTheFly);
    Conv2d inf = conv;
    inf.prepareInference();
    const Activation relu = Activation::ReLU;
    inf.forward(x, prepared, &relu);
    float d1 = 0, d2 = 0, scale = 0;
    for (std::size_t i = 0; i < ref.size(); ++i) {
        d1 = std::max(d1, std::abs(ref.data[Eigen::Index(i)] - onTheFly.data[Eigen::Index(i)]));
        d2 = std::max(d2, std::abs(std::max(0.f, ref.data[Eigen::Index(i)])
                                   - prepared.data[Eigen::Index(i)]));
        scale = std::max(scale, std::abs(ref.data[Eigen::Index(i)]));
    }
    qInfo("winograd vs im2col: max |diff| %.3g (fused relu %.3g), outputs up to %.3g", d1, d2,
          scale);
    // F(4x4)'s transforms (entries up to 8) round more than F(2x2)'s: up to 1.5e-6 times
    // the outputs' scale here (AVX-512 kernel), 3e-7 for F(2x2).
    QVERIFY(d1 < 5e-6f * std::max(1.f, scale));
    QVERIFY(d2 < 5e-6f * std::max(1.f, scale));
}

// setWinogradEnabled(false): every forward, prepared or not, runs im2col + GEMM (im2col's
// numbers up to the GEMM's summation order; the fused activation on the same values);
// back on, Winograd's numbers again.
void TestLayers::winogradSwitchedOff()
{
    Rng rng(21);
    Conv2d conv(16, 24, 3, "c");
    conv.initDefault(rng);
    Conv2d prepared = conv;
    prepared.prepareInference(12);
    const Tensor4 x = randomMap(2, 16, 12, 70, {70, 41}, 22);
    Tensor4 ref, winograd, off, offPrepared, offFused;
    conv.forwardIm2col(x, ref);
    prepared.forward(x, winograd);
    setWinogradEnabled(false);
    QVERIFY(!winogradEnabled());
    conv.forward(x, off);
    prepared.forward(x, offPrepared);
    const Activation relu = Activation::ReLU;
    prepared.forward(x, offFused, &relu);
    setWinogradEnabled(true);
    Tensor4 again;
    prepared.forward(x, again);
    QCOMPARE(ref.size(), off.size());
    float scale = 1, dOff = 0, dWinograd = 0;
    bool same = true, fused = true, back = true;
    for (Eigen::Index i = 0; i < Eigen::Index(ref.size()); ++i) {
        scale = std::max(scale, std::abs(ref.data[i]));
        dOff = std::max(dOff, std::abs(off.data[i] - ref.data[i]));
        dWinograd = std::max(dWinograd, std::abs(winograd.data[i] - ref.data[i]));
        same = same && offPrepared.data[i] == off.data[i];
        fused = fused && offFused.data[i] == std::max(0.f, off.data[i]);
        back = back && again.data[i] == winograd.data[i];
    }
    qInfo("im2col reference vs switched off %.3g, vs Winograd %.3g (outputs up to %.3g)",
          double(dOff), double(dWinograd), double(scale));
    QVERIFY(dOff <= 1e-6f * scale);
    QVERIFY(dOff < dWinograd);  // Winograd rounds otherwise: the switch changed the path
    QVERIFY(same);
    QVERIFY(fused);
    QVERIFY(back);
}

void TestLayers::winogradTilesMatchIm2col_data()
{
    QTest::addColumn<int>("tile");
    QTest::addColumn<int>("cin");
    QTest::addColumn<int>("cout");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    const std::pair<WinogradTile, const char*> tiles[] = {
        {WinogradTile::F2x2, "F2x2"}, {WinogradTile::F2x4, "F2x4"}, {WinogradTile::F4x4, "F4x4"}};
    // Heights and widths below, at and above the tile sizes, neither multiples of 2 nor 4.
    const int shapes[][4] = {{8, 3, 1, 1},    {8, 5, 1, 6},     {9, 4, 2, 5},
                             {16, 7, 3, 3},   {8, 8, 4, 4},     {12, 6, 5, 7},
                             {32, 16, 6, 13}, {24, 9, 7, 10},   {64, 32, 9, 37},
                             {128, 64, 8, 128}, {64, 128, 16, 254}, {256, 32, 10, 131}};
    for (const auto& [tile, name] : tiles)
        for (const auto& s : shapes)
            QTest::addRow("%s %dx%d %dx%d", name, s[0], s[1], s[2], s[3])
                << int(tile) << s[0] << s[1] << s[2] << s[3];
}

// Each Winograd tile (unpacked through Eigen and packed through the engine's GEMM, the
// latter with the fused leaky ReLU) against im2col on random data, "same" padding at
// every border. The rounding bound: max |diff| <= 3e-7 (F(2x2)) or 1e-6 (F(2x4), F(4x4),
// whose transforms have entries up to 8 and 6) times the sum over the 9 cin taps of
// |w| |x|, the scale of the products each output adds up (measured: 7.5e-8, 1.3e-7 and
// 2.9e-7 with the AVX-512 kernel; F(4x4) was 8.2e-7 with Lavin's points and one running
// sum per product).
void TestLayers::winogradTilesMatchIm2col()
{
    QFETCH(int, tile);
    QFETCH(int, cin);
    QFETCH(int, cout);
    QFETCH(int, h);
    QFETCH(int, w);
    const auto t = WinogradTile(tile);
    std::vector<float> x(std::size_t(cin) * h * w), weight(std::size_t(cout) * cin * 9);
    std::vector<float> bias(static_cast<std::size_t>(cout));
    fillUniform(x.data(), long(x.size()), 31);
    fillUniform(weight.data(), long(weight.size()), 32);
    fillUniform(bias.data(), long(bias.size()), 33);
    const std::size_t outSize = std::size_t(cout) * h * w;
    std::vector<float> ref(outSize), plain(outSize), packed(outSize);
    convIm2colSample(ref.data(), x.data(), cin, h, w, weight.data(), bias.data(), cout, 3, nullptr);
    std::vector<float> u(std::size_t(winogradPositions(t)) * cout * cin);
    winogradWeights(u.data(), weight.data(), cout, cin, t);
    winogradConvSample(plain.data(), x.data(), cin, h, w, u.data(), bias.data(), cout, nullptr, t);
    std::vector<float> p(winogradPackedSize(cout, cin, t));
    winogradPackWeights(p.data(), weight.data(), cout, cin, t);
    const Activation leaky = Activation::LeakyReLU;
    winogradConvSamplePacked(packed.data(), x.data(), cin, h, w, p.data(), bias.data(), cout,
                             &leaky, t);
    // |w| |x| summed over the taps: every |x| <= 1, so bounded by the sum of |w| per output.
    float scale = 0;
    for (int co = 0; co < cout; ++co) {
        float sum = 0;
        for (int i = 0; i < cin * 9; ++i)
            sum += std::abs(weight[std::size_t(co) * cin * 9 + i]);
        scale = std::max(scale, sum);
    }
    float dPlain = 0, dPacked = 0;
    for (std::size_t i = 0; i < outSize; ++i) {
        dPlain = std::max(dPlain, std::abs(ref[i] - plain[i]));
        const float r = std::max(ref[i], ref[i] * kLeakySlope);
        dPacked = std::max(dPacked, std::abs(r - packed[i]));
    }
    const float bound = (t == WinogradTile::F2x2 ? 3e-7f : 1e-6f) * scale;
    qInfo("max |diff| %.3g (packed, leaky ReLU %.3g), relative to the scale %.3g: %.3g", dPlain,
          dPacked, scale, std::max(dPlain, dPacked) / scale);
    QVERIFY(dPlain <= bound);
    QVERIFY(dPacked <= bound);
}

void TestLayers::winogradTileChoice_data()
{
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("tile");
    QTest::newRow("short line") << 10 << 40 << int(WinogradTile::F2x2);
    QTest::newRow("one row") << 1 << 512 << int(WinogradTile::F2x4);
    QTest::newRow("two rows") << 2 << 512 << int(WinogradTile::F2x4);
    QTest::newRow("4 rows") << 4 << 512 << int(WinogradTile::F4x4);
    // 3 tile rows of F(2x4) multiply as much as 2 of F(4x4) and round less.
    QTest::newRow("5 rows") << 5 << 512 << int(WinogradTile::F2x4);
    QTest::newRow("6 rows") << 6 << 512 << int(WinogradTile::F2x4);
    QTest::newRow("7 rows") << 7 << 512 << int(WinogradTile::F4x4);
    QTest::newRow("10 rows") << 10 << 512 << int(WinogradTile::F4x4);
    QTest::newRow("20 rows") << 20 << 256 << int(WinogradTile::F4x4);
}

// winogradTileFor: the fewest multiplications (padding rows included) among tiles whose
// GEMMs get at least 32 tiles; on a tie the smaller tile.
void TestLayers::winogradTileChoice()
{
    QFETCH(int, h);
    QFETCH(int, w);
    QFETCH(int, tile);
    QCOMPARE(int(winogradTileFor(h, w)), tile);
}

void TestLayers::winogradBackwardMatchesIm2col_data()
{
    QTest::addColumn<int>("cin");
    QTest::addColumn<int>("cout");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::newRow("odd sizes") << 8 << 5 << 3 << 5 << 7;
    QTest::newRow("one pixel") << 8 << 3 << 2 << 1 << 1;
    QTest::newRow("one row, odd width") << 16 << 4 << 3 << 1 << 9;
    QTest::newRow("batch 5, more outputs") << 8 << 24 << 5 << 4 << 6;
    QTest::newRow("crnn-ref conv2") << 32 << 64 << 4 << 16 << 64;
    QTest::newRow("crnn-ref conv5, batch 33") << 128 << 256 << 33 << 4 << 13;
}

// The batched Winograd backward (conv_backward.h) against the im2col backward of each
// sample: weight, bias and input gradients, with padding columns and odd sizes.
void TestLayers::winogradBackwardMatchesIm2col()
{
    QFETCH(int, cin);
    QFETCH(int, cout);
    QFETCH(int, n);
    QFETCH(int, h);
    QFETCH(int, w);
    Rng rng(17);
    Conv2d conv(cin, cout, 3, "c");
    conv.initDefault(rng);
    std::vector<int> widths(std::size_t(n), w);
    for (int i = 1; i < n; i += 2)
        widths[std::size_t(i)] = std::max(1, w - 1 - i % 4);
    const Tensor4 x = randomMap(n, cin, h, w, widths, 18);
    const Tensor4 dy = randomMap(n, cout, h, w, widths, 19);
    Mat dWRef = Mat::Zero(cout, cin * 9);
    Vec dBRef = Vec::Zero(cout);
    Tensor4 dxRef(n, cin, h, w);
    dxRef.widths = widths;
    for (int i = 0; i < n; ++i)
        convBackwardSample(dxRef.sample(i), dWRef, dBRef, x.sample(i), dy.sample(i), cin, h, w,
                           conv.weight.value.data(), cout, 3);
    dxRef.maskPadding();
    conv.weight.zeroGrad();
    conv.bias.zeroGrad();
    conv.weight.grad.setConstant(0.5f);  // backward accumulates
    Tensor4 dx;
    conv.backward(x, dy, &dx);
    auto maxDiff = [](const float* a, const float* b, Eigen::Index size, float offset) {
        float d = 0, scale = 0;
        for (Eigen::Index i = 0; i < size; ++i) {
            d = std::max(d, std::abs(a[i] - offset - b[i]));
            scale = std::max(scale, std::abs(b[i]));
        }
        return std::pair{d, scale};
    };
    const auto [dW, sW] = maxDiff(conv.weight.grad.data(), dWRef.data(), dWRef.size(), 0.5f);
    const auto [dB, sB] = maxDiff(conv.bias.grad.data(), dBRef.data(), dBRef.size(), 0.f);
    const auto [dX, sX] = maxDiff(dx.data.data(), dxRef.data.data(), Eigen::Index(dx.size()), 0.f);
    qInfo("winograd backward vs im2col: weight %.3g (of %.3g), bias %.3g (of %.3g), "
          "input %.3g (of %.3g)",
          dW, sW, dB, sB, dX, sX);
    QCOMPARE(dx.widths, widths);
    // Seeded trainings repeat exactly: the same call gives the same bits (static shares of
    // the samples per thread, their dU summed in a fixed order).
    Conv2d again = conv;
    again.weight.grad.setConstant(0.5f);
    again.bias.zeroGrad();
    Tensor4 dx2;
    again.backward(x, dy, &dx2);
    QVERIFY(again.weight.grad == conv.weight.grad);
    QVERIFY(again.bias.grad == conv.bias.grad);
    QVERIFY(dx2.data == dx.data);
    // Measured up to 1.4e-6 of the gradients' scale (the weights' of crnn-ref conv2).
    QVERIFY(dW <= 5e-6f * std::max(1.f, sW));
    QVERIFY(dB <= 5e-6f * std::max(1.f, sB));
    QVERIFY(dX <= 5e-6f * std::max(1.f, sX));
}

void TestLayers::batchNormTraining()
{
    BatchNorm2d bn(3, "bn");
    fillUniform(bn.weight.value.data(), 3, 21, 0.5f, 1.5f);
    fillUniform(bn.bias.value.data(), 3, 22);
    const Tensor4 x0 = randomMap(2, 3, 3, 6, {6, 4}, 23);
    const Tensor4 r = randomMap(2, 3, 3, 6, {6, 4}, 24);
    BatchNorm2d::Cache cache;
    auto run = [&](const Tensor4& in) {
        Tensor4 y = in;
        y.maskPadding();
        BatchNorm2d::Cache c;
        bn.forward(y, true, &c);
        return dot(y.data.data(), r.data.data(), long(y.size()));
    };
    Tensor4 x = x0;
    Tensor4 d = r;
    Tensor4 y = x0;
    bn.weight.zeroGrad();
    bn.bias.zeroGrad();
    bn.forward(y, true, &cache);
    // Batch statistics: every channel has mean beta and std gamma over valid positions.
    bn.backward(d, cache);
    reportGradCheck("bn gamma", gradCheck(
                                    bn.weight.value.data(), bn.weight.grad.data(), 3,
                                    [&] { return run(x0); }, 3, 1));
    reportGradCheck("bn beta", gradCheck(
                                   bn.bias.value.data(), bn.bias.grad.data(), 3,
                                   [&] { return run(x0); }, 3, 2));
    reportGradCheck("bn input", gradCheck(
                                    x.data.data(), d.data.data(), long(x.size()),
                                    [&] { return run(x); }, 60, 3));
    // Running statistics moved towards the batch statistics (momentum 0.1).
    QVERIFY(bn.runningVar.minCoeff() > 0.f);
    QVERIFY((bn.runningMean.array() != 0.f).any());
}

void TestLayers::batchNormFolding()
{
    Rng rng(5);
    Conv2d conv(2, 4, 3, "c");
    conv.initDefault(rng);
    BatchNorm2d bn(4, "bn");
    fillUniform(bn.weight.value.data(), 4, 1, 0.5f, 2.f);
    fillUniform(bn.bias.value.data(), 4, 2);
    fillUniform(bn.runningMean.data(), 4, 3);
    fillUniform(bn.runningVar.data(), 4, 4, 0.2f, 3.f);
    const Tensor4 x = randomMap(2, 2, 4, 6, {6, 3}, 9);
    Tensor4 y1, y2;
    conv.forward(x, y1);
    bn.forward(y1, false, nullptr);
    foldBatchNorm(conv, bn).forward(x, y2);
    const float diff = (y1.data.head(Eigen::Index(y1.size()))
                        - y2.data.head(Eigen::Index(y2.size())))
                           .cwiseAbs()
                           .maxCoeff();
    qInfo("folded vs unfolded: max |diff| %.3g", diff);
    QVERIFY(diff < 1e-5f);
}

void TestLayers::activation_data()
{
    QTest::addColumn<bool>("leaky");
    QTest::newRow("relu") << false;
    QTest::newRow("leaky relu") << true;
}

void TestLayers::activation()
{
    QFETCH(bool, leaky);
    const Activation a = leaky ? Activation::LeakyReLU : Activation::ReLU;
    Tensor4 x = randomMap(1, 2, 3, 5, {5}, 31);
    const Tensor4 r = randomMap(1, 2, 3, 5, {5}, 32);
    Tensor4 y = x;
    activationForward(y, a);
    Tensor4 d = r;
    activationBackward(y, d, a);
    auto loss = [&] {
        Tensor4 t = x;
        activationForward(t, a);
        return dot(t.data.data(), r.data.data(), long(t.size()));
    };
    reportGradCheck("activation",
                    gradCheck(x.data.data(), d.data.data(), long(x.size()), loss, 30, 4, 1e-3));
    QCOMPARE(y.at(0, 0, 0, 0) >= 0.f || leaky, true);
}

void TestLayers::maxPool_data()
{
    QTest::addColumn<int>("kh");
    QTest::addColumn<int>("kw");
    QTest::newRow("2x2") << 2 << 2;
    QTest::newRow("2x1") << 2 << 1;
    QTest::newRow("1x2") << 1 << 2;
}

void TestLayers::maxPool()
{
    QFETCH(int, kh);
    QFETCH(int, kw);
    MaxPool2d pool;
    pool.kh = kh;
    pool.kw = kw;
    Tensor4 x = randomMap(2, 2, 4, 9, {9, 5}, 41);
    Tensor4 y;
    MaxPool2d::Cache cache;
    pool.forward(x, y, &cache);
    QCOMPARE(y.widths[0], 9 / kw);
    QCOMPARE(y.widths[1], 5 / kw);
    const Tensor4 r = randomMap(2, 2, 4 / kh, 9 / kw, y.widths, 42);
    Tensor4 dx;
    pool.backward(r, cache, dx, 4, 9);
    auto loss = [&] {
        Tensor4 t;
        pool.forward(x, t, nullptr);
        return dot(t.data.data(), r.data.data(), long(t.size()));
    };
    reportGradCheck("maxpool input",
                    gradCheck(x.data.data(), dx.data.data(), long(x.size()), loss, 60, 5, 1e-3));
}

void TestLayers::mapSeqRoundTrip()
{
    const Tensor4 x = randomMap(2, 3, 2, 5, {5, 3}, 51);
    Seq s;
    mapToSeq(x, s);
    QCOMPARE(s.t, 5);
    QCOMPARE(s.f, 6);
    QCOMPARE(s.lengths, (std::vector<int>{5, 3}));
    // feature index = channel * H + row, row (t * N + n)
    QCOMPARE(s.data(3 * 2 + 1, 2 * 2 + 1), x.at(1, 2, 1, 3));
    Tensor4 back;
    seqToMap(s, back, 3, 2);
    QVERIFY(back.data.head(Eigen::Index(x.size())) == x.data.head(Eigen::Index(x.size())));
}

void TestLayers::linear()
{
    Rng rng(61);
    Linear fc(4, 3, "fc");
    fc.initDefault(rng);
    Seq x = randomSeq(5, 2, 4, {5, 2}, 62);
    const Seq r = randomSeq(5, 2, 3, {5, 2}, 63);
    Seq y, dx;
    fc.weight.zeroGrad();
    fc.bias.zeroGrad();
    fc.backward(x, r, &dx);
    auto loss = [&] {
        Seq xm = x;
        xm.maskPadding();
        fc.forward(xm, y);
        return dot(y.data.data(), r.data.data(), long(y.data.size()));
    };
    reportGradCheck("linear weight",
                    gradCheck(fc.weight.value.data(), fc.weight.grad.data(), 12, loss, 12, 1));
    reportGradCheck("linear bias",
                    gradCheck(fc.bias.value.data(), fc.bias.grad.data(), 3, loss, 3, 2));
    reportGradCheck("linear input",
                    gradCheck(x.data.data(), dx.data.data(), long(x.data.size()), loss, 30, 3));
}

void TestLayers::logSoftmax()
{
    Seq x = randomSeq(4, 2, 5, {4, 3}, 71);
    x.data *= 3.f;
    const Seq r = randomSeq(4, 2, 5, {4, 3}, 72);
    Seq y, dx;
    logSoftmaxForward(x, y);
    for (int t = 0; t < 3; ++t)
        QVERIFY(std::abs(y.row(t, 1).array().exp().sum() - 1.f) < 1e-5f);
    QCOMPARE(y.row(3, 1).squaredNorm(), 0.f);  // padding
    logSoftmaxBackward(y, r, dx);
    auto loss = [&] {
        Seq t;
        logSoftmaxForward(x, t);
        return dot(t.data.data(), r.data.data(), long(t.data.size()));
    };
    reportGradCheck("logsoftmax input", gradCheck(x.data.data(), dx.data.data(),
                                                  long(x.data.size()), loss, 40, 3, 1e-3));
}

void TestLayers::lstm_data()
{
    QTest::addColumn<bool>("reverse");
    QTest::newRow("forward") << false;
    QTest::newRow("reverse") << true;
}

void TestLayers::lstm()
{
    QFETCH(bool, reverse);
    Rng rng(81);
    Lstm l(3, 4, reverse, "l");
    l.initDefault(rng);
    for (Param* p : {&l.wih, &l.whh})
        p->value *= 2.f;  // livelier gates
    Seq x = randomSeq(6, 3, 3, {6, 4, 1}, 82);
    Mat r(18, 4);
    fillUniform(r.data(), 72, 83);
    Mat h;
    Lstm::Cache cache;
    l.forward(x, h, cache);
    for (int n = 0; n < 3; ++n)
        for (int t = x.lengths[std::size_t(n)]; t < 6; ++t)
            QCOMPARE(h.row(t * 3 + n).squaredNorm(), 0.f);
    for (Param* p : {&l.wih, &l.whh, &l.bih, &l.bhh})
        p->zeroGrad();
    Mat dx = Mat::Zero(18, 3);
    Mat rm = r;
    for (int n = 0; n < 3; ++n)
        for (int t = x.lengths[std::size_t(n)]; t < 6; ++t)
            rm.row(t * 3 + n).setZero();
    l.backward(x, h, rm, cache, &dx);
    auto loss = [&] {
        Seq xm = x;
        xm.maskPadding();
        Mat hh;
        Lstm::Cache c;
        l.forward(xm, hh, c);
        return double((hh.array() * r.array()).sum());
    };
    reportGradCheck("lstm W_ih",
                    gradCheck(l.wih.value.data(), l.wih.grad.data(), l.wih.numel(), loss, 40, 1));
    reportGradCheck("lstm W_hh",
                    gradCheck(l.whh.value.data(), l.whh.grad.data(), l.whh.numel(), loss, 40, 2));
    reportGradCheck("lstm b_ih",
                    gradCheck(l.bih.value.data(), l.bih.grad.data(), l.bih.numel(), loss, 10, 3));
    reportGradCheck("lstm b_hh",
                    gradCheck(l.bhh.value.data(), l.bhh.grad.data(), l.bhh.numel(), loss, 10, 4));
    reportGradCheck("lstm input",
                    gradCheck(x.data.data(), dx.data(), long(x.data.size()), loss, 40, 5));
}

void TestLayers::lstmBatchEqualsSamples()
{
    Rng rng(91);
    BiLstm l(3, 4, "b");
    l.initDefault(rng);
    const Seq x = randomSeq(7, 3, 3, {7, 3, 5}, 92);
    Seq y;
    BiLstm::Cache cache;
    l.forward(x, y, cache);
    for (int n = 0; n < 3; ++n) {
        const int len = x.lengths[std::size_t(n)];
        Seq xs(len, 1, 3);
        xs.data = x.sampleRows(n);
        Seq ys;
        BiLstm::Cache c;
        l.forward(xs, ys, c);
        const float diff = (ys.data - y.sampleRows(n)).cwiseAbs().maxCoeff();
        QVERIFY2(diff < 1e-6f, qPrintable(QString("sample %1 differs by %2").arg(n).arg(diff)));
    }
}

void TestLayers::bilstm()
{
    Rng rng(101);
    BiLstm l(2, 3, "b");
    l.initDefault(rng);
    Seq x = randomSeq(5, 2, 2, {5, 3}, 102);
    const Seq r = randomSeq(5, 2, 6, {5, 3}, 103);
    Seq y, dx;
    BiLstm::Cache cache;
    l.forward(x, y, cache);
    for (Lstm* d : {&l.fwd, &l.bwd})
        for (Param* p : {&d->wih, &d->whh, &d->bih, &d->bhh})
            p->zeroGrad();
    l.backward(x, r, cache, &dx);
    auto loss = [&] {
        Seq xm = x, yy;
        xm.maskPadding();
        BiLstm::Cache c;
        l.forward(xm, yy, c);
        return dot(yy.data.data(), r.data.data(), long(yy.data.size()));
    };
    reportGradCheck("bilstm bwd W_ih", gradCheck(l.bwd.wih.value.data(), l.bwd.wih.grad.data(),
                                                 l.bwd.wih.numel(), loss, 20, 1));
    reportGradCheck("bilstm fwd W_hh", gradCheck(l.fwd.whh.value.data(), l.fwd.whh.grad.data(),
                                                 l.fwd.whh.numel(), loss, 20, 2));
    reportGradCheck("bilstm input",
                    gradCheck(x.data.data(), dx.data.data(), long(x.data.size()), loss, 20, 3));
}

void TestLayers::adamMatchesFormula()
{
    Param p("p", {3});
    p.value << 1.f, -2.f, 0.5f;
    Adam adam({&p}, AdamOptions{0.1f, 0.9f, 0.999f, 1e-8f, 0.f});
    const float g[2][3] = {{0.5f, -1.f, 2.f}, {0.1f, 0.2f, -0.3f}};
    double m[3] = {0, 0, 0}, v[3] = {0, 0, 0}, w[3] = {1, -2, 0.5};
    for (int step = 1; step <= 2; ++step) {
        adam.zeroGrad();
        for (int i = 0; i < 3; ++i)
            p.grad[i] = g[step - 1][i];
        adam.step();
        for (int i = 0; i < 3; ++i) {
            m[i] = 0.9 * m[i] + 0.1 * g[step - 1][i];
            v[i] = 0.999 * v[i] + 0.001 * double(g[step - 1][i]) * g[step - 1][i];
            const double mh = m[i] / (1 - std::pow(0.9, step)),
                         vh = v[i] / (1 - std::pow(0.999, step));
            w[i] -= 0.1 * mh / (std::sqrt(vh) + 1e-8);
            QVERIFY(std::abs(p.value[i] - w[i]) < 1e-6);
        }
    }
}

// Parameters of many blocks (the threaded, blocked path of Adam::step), sizes that are not
// multiples of the block, and weight decay: every entry as the formula says, and the
// gradient left as it was.
void TestLayers::adamLayerRates()
{
    // Layer-wise rates: with the same gradients, a parameter at scale s moves s times as far
    // as one at scale 1 (Adam's step does not depend on the gradient's size), scale 0 not at all.
    Param a("a", {4}), b("b", {4}), c("c", {4});
    for (Param* q : {&a, &b, &c})
        q->value.setZero();
    Adam adam({&a, &b, &c}, AdamOptions{0.01f});
    adam.setLrScales({1.f, 0.1f, 0.f});
    for (int step = 0; step < 3; ++step) {
        adam.zeroGrad();
        for (Param* q : {&a, &b, &c})
            q->grad << 0.5f, -1.f, 2.f, 0.25f;
        adam.step();
    }
    QVERIFY(a.value.cwiseAbs().minCoeff() > 0.02f);
    QVERIFY((b.value - 0.1f * a.value).cwiseAbs().maxCoeff() < 1e-7f);
    QCOMPARE(c.value.cwiseAbs().maxCoeff(), 0.f);
}

void TestLayers::adamLargeParameters()
{
    std::vector<Param> ps;
    ps.emplace_back("a", std::vector<int>{70001});
    ps.emplace_back("b", std::vector<int>{5});
    ps.emplace_back("c", std::vector<int>{4096 * 17 + 3});
    std::vector<Param*> ptrs;
    for (auto& p : ps) {
        fillUniform(p.value.data(), long(p.numel()), 7 + ptrs.size());
        ptrs.push_back(&p);
    }
    const float lr = 0.01f, decay = 0.1f;
    Adam adam(ptrs, AdamOptions{lr, 0.9f, 0.999f, 1e-8f, decay});
    for (auto& p : ps) {
        const Vec w0 = p.value;
        fillUniform(p.grad.data(), long(p.numel()), 99);
        const Vec g = p.grad;
        adam.step();  // adamMatchesFormula checks the moments; here step 1 on every entry
        QCOMPARE(p.grad, g);
        double maxDiff = 0;
        for (Eigen::Index i = 0; i < p.numel(); ++i) {
            const double gi = double(g[i]) + decay * double(w0[i]);
            // step 1: m^ = g, v^ = g^2, so w -= lr * g / (|g| + eps)
            const double expect = w0[i] - lr * gi / (std::abs(gi) + 1e-8);
            maxDiff = std::max(maxDiff, std::abs(p.value[i] - expect));
        }
        QVERIFY2(maxDiff < 1e-5, qPrintable(QString("%1: %2").arg(p.name.c_str()).arg(maxDiff)));
        adam = Adam(ptrs, AdamOptions{lr, 0.9f, 0.999f, 1e-8f, decay});  // step 1 again
    }
}

void TestLayers::clipping()
{
    Param a("a", {2}), b("b", {1});
    a.grad << 3.f, 0.f;
    b.grad << 4.f;
    QCOMPARE(clipGradNorm({&a, &b}, 10.f), 5.f);
    QCOMPARE(a.grad[0], 3.f);  // under the limit: untouched
    clipGradNorm({&a, &b}, 1.f);
    QVERIFY(std::abs(std::sqrt(a.grad.squaredNorm() + b.grad.squaredNorm()) - 1.f) < 1e-5f);
    b.grad[0] = std::nanf("");
    QVERIFY(!gradientsFinite({&a, &b}));
}

QTEST_APPLESS_MAIN(TestLayers)
#include "test_layers.moc"
