// The engine's kernels follow the CPU's features (nn/kernels.h): on a CPU with AVX2 the
// GEMM is never a generic SSE fallback, whether or not OPENBLAS_CORETYPE is set. The
// choice happens before main(), so each environment is checked in a child process: this
// executable run with --print-kernels.
#include "nn/gemm_kernels.h"
#include "nn/kernels.h"
#include "nn/tensor.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>

using namespace inklens::nn;

namespace {

// The child's side: what was chosen, and whether a product on those kernels is right.
// unknownCpu: as on a CPU that OpenBLAS does not know (chooseAsOnUnknownCpu()).
int printKernels(bool unknownCpu)
{
    if (unknownCpu && !chooseAsOnUnknownCpu())
        return 3;
    const KernelInfo k = kernelInfo();
    // A product large enough for OpenBLAS's blocked kernels, against a plain loop.
    const int n = 192;
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    Mat a(n, n), b(n, n);
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        a.data()[i] = u(rng);
        b.data()[i] = u(rng);
    }
    Mat c(n, n);
    c.noalias() = a * b;
    double worst = 0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            double ref = 0;
            for (int p = 0; p < n; ++p)
                ref += double(a(i, p)) * b(p, j);
            worst = std::max(worst, std::abs(ref - double(c(i, j))));
        }
    std::printf("%s %d %d %g\n", k.gemmCore.empty() ? "-" : k.gemmCore.c_str(), k.gemmVectorBits,
                k.eigenVectorBits, worst);
    return 0;
}

struct ChildKernels
{
    QString core;
    int gemmBits = 0, eigenBits = 0;
    double maxError = 1e30;
};

ChildKernels runChild(const QProcessEnvironment& env, bool unknownCpu)
{
    QProcess child;
    child.setProcessEnvironment(env);
    QStringList args{QStringLiteral("--print-kernels")};
    if (unknownCpu)
        args << QStringLiteral("--unknown-cpu");
    child.start(QCoreApplication::applicationFilePath(), args);
    ChildKernels out;
    if (!child.waitForFinished(60000) || child.exitCode() != 0)
        return out;
    const QStringList f =
        QString::fromLatin1(child.readAllStandardOutput()).simplified().split(' ');
    if (f.size() == 4) {
        out.core = f[0];
        out.gemmBits = f[1].toInt();
        out.eigenBits = f[2].toInt();
        out.maxError = f[3].toDouble();
    }
    return out;
}

CpuFeatures features(int bits)
{
    CpuFeatures f;
    f.sse3 = f.ssse3 = f.sse41 = f.sse42 = true;
    f.avx = bits >= 256;
    f.avx2 = f.fma = bits >= 256;
    f.avx512f = f.avx512bw = f.avx512vl = f.avx512dq = bits >= 512;
    return f;
}

}  // namespace

class TestKernels : public QObject
{
    Q_OBJECT
private slots:
    void betterCore_data();
    void betterCore();
    void coreWidths();
    void notGenericFallback_data();
    void notGenericFallback();
    void infoSaysWhatRuns();
    void packedGemm_data();
    void packedGemm();
    void packedGemv_data();
    void packedGemv();
    void packTransposed_data();
    void packTransposed();
};

void TestKernels::betterCore_data()
{
    QTest::addColumn<int>("cpuBits");
    QTest::addColumn<QString>("detected");
    QTest::addColumn<bool>("userSet");
    QTest::addColumn<QString>("expected");
    QTest::newRow("AVX-512, unknown model: Prescott") << 512 << "Prescott" << false << "SkylakeX";
    QTest::newRow("AVX-512, Haswell detected") << 512 << "Haswell" << false << "SkylakeX";
    QTest::newRow("AVX-512, Cooperlake detected: keep") << 512 << "Cooperlake" << false << "";
    QTest::newRow("AVX2, Prescott") << 256 << "Prescott" << false << "Haswell";
    QTest::newRow("AVX2, Zen detected: keep") << 256 << "Zen" << false << "";
    QTest::newRow("AVX2, unknown name") << 256 << "SomeFutureCore" << false << "Haswell";
    QTest::newRow("SSE only: keep") << 128 << "Prescott" << false << "";
    QTest::newRow("user's OPENBLAS_CORETYPE wins") << 512 << "Prescott" << true << "";
}

void TestKernels::betterCore()
{
    QFETCH(int, cpuBits);
    QFETCH(QString, detected);
    QFETCH(bool, userSet);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(
                 betterOpenblasCore(features(cpuBits), detected.toStdString(), userSet)),
             expected);
}

void TestKernels::coreWidths()
{
    QCOMPARE(openblasCoreVectorBits("SkylakeX"), 512);
    QCOMPARE(openblasCoreVectorBits("SKYLAKEX"), 512);
    QCOMPARE(openblasCoreVectorBits("Haswell"), 256);
    QCOMPARE(openblasCoreVectorBits("Prescott"), 128);
    QCOMPARE(openblasCoreVectorBits("Core2"), 128);
    QCOMPARE(openblasCoreVectorBits("nonsense"), 0);
}

void TestKernels::notGenericFallback_data()
{
    QTest::addColumn<QStringList>("unset");
    QTest::addColumn<QString>("coretype");  // empty: not set
    QTest::addColumn<bool>("unknownCpu");
    const QStringList all{"OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_VERBOSE"};
    QTest::newRow("as a user starts it (no OPENBLAS_*)") << all << QString() << false;
    QTest::newRow("OpenBLAS does not know the CPU") << all << QString() << true;
    QTest::newRow("OPENBLAS_CORETYPE=Haswell")
        << QStringList{"OPENBLAS_CORETYPE"} << QStringLiteral("Haswell") << false;
    QTest::newRow("this environment") << QStringList{} << QString() << false;
}

void TestKernels::notGenericFallback()
{
    QFETCH(QStringList, unset);
    QFETCH(QString, coretype);
    QFETCH(bool, unknownCpu);
    const CpuFeatures cpu = cpuFeatures();
    if (!cpu.avx2 || !cpu.fma)
        QSKIP("this CPU has no AVX2 + FMA: nothing wider than SSE to choose");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& name : unset)
        env.remove(name);
    if (!coretype.isEmpty())
        env.insert(QStringLiteral("OPENBLAS_CORETYPE"), coretype);
    const ChildKernels k = runChild(env, unknownCpu);
    qInfo("GEMM core %s, %d-bit; Eigen %d-bit; max |error| of a 192x192 product %g",
          qPrintable(k.core), k.gemmBits, k.eigenBits, k.maxError);
    QVERIFY2(k.gemmBits >= 256, qPrintable(QStringLiteral("GEMM kernels: ") + k.core));
    QVERIFY(k.maxError < 1e-3);
    // Eigen's own code (convolution transforms, activations) is vectorized for this CPU
    // too: a native build, or the portable engine library the loader chose.
#if defined(__AVX2__)
    QVERIFY(k.eigenBits >= 256);
#elif INKLENS_TEST_HWCAPS
    if (__builtin_cpu_supports("x86-64-v3"))
        QVERIFY(k.eigenBits >= 256);
#endif
}

void TestKernels::infoSaysWhatRuns()
{
    const KernelInfo k = kernelInfo();
    const QString text = QString::fromStdString(k.text());
    for (const char* label :
         {"CPU:", "CPU features:", "GEMM:", "Convolution:", "Build:", "Threads:"})
        QVERIFY2(text.contains(QLatin1String(label)), label);
    if (qEnvironmentVariableIsEmpty("OPENBLAS_CORETYPE"))  // else the user's choice stands
        QVERIFY(!k.gemmIsFallback(cpuFeatures()));
    QCOMPARE(k.nativeBuild, INKLENS_TEST_NATIVE_BUILD != 0);
    QVERIFY(k.threads >= 1);
}

void TestKernels::packedGemm_data()
{
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("ldb");  // row strides beyond n
    QTest::newRow("1x1x1") << 1 << 1 << 1 << 1;
    QTest::newRow("one block") << 8 << 16 << 32 << 32;
    QTest::newRow("odd, strided") << 13 << 9 << 37 << 41;
    QTest::newRow("rows not a panel multiple") << 70 << 33 << 5 << 5;
    QTest::newRow("columns: one vector and a tail") << 6 << 7 << 17 << 20;
    QTest::newRow("crnn-ref conv5 Winograd") << 256 << 128 << 32 << 32;
    QTest::newRow("crnn-ref conv1 im2col") << 32 << 9 << 4096 << 4096;
    QTest::newRow("long sums: 64 chunks and a part") << 9 << 1031 << 40 << 48;
}

// gemmPacked against a plain loop in double; the columns past n stay untouched.
void TestKernels::packedGemm()
{
    QFETCH(int, m);
    QFETCH(int, k);
    QFETCH(int, n);
    QFETCH(int, ldb);
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    std::vector<float> a(std::size_t(m) * k), b(std::size_t(k) * ldb);
    for (float& v : a)
        v = u(rng);
    for (float& v : b)
        v = u(rng);
    std::vector<float> packed(gemmPackedSize(m, k));
    gemmPackA(packed.data(), a.data(), m, k);
    const int ldc = ldb + 3;
    const float sentinel = 12345.f;
    std::vector<float> c(std::size_t(m) * ldc, sentinel);
    gemmPacked(c.data(), ldc, packed.data(), m, k, b.data(), ldb, n);
    double maxDiff = 0, runningDiff = 0;
    for (int i = 0; i < m; ++i) {
        for (int j = 0; j < n; ++j) {
            double ref = 0;
            float running = 0;  // one running float sum, as a plain loop adds
            for (int p = 0; p < k; ++p) {
                const float ap = a[std::size_t(i) * k + p], bp = b[std::size_t(p) * ldb + j];
                ref += double(ap) * bp;
                running = std::fma(ap, bp, running);
            }
            maxDiff = std::max(maxDiff, std::abs(ref - c[std::size_t(i) * ldc + j]));
            runningDiff = std::max(runningDiff, std::abs(ref - running));
        }
        for (int j = n; j < ldc; ++j)
            QCOMPARE(c[std::size_t(i) * ldc + j], sentinel);
    }
    qInfo("%s: max |diff| %.3g (one running sum: %.3g)", gemmKernelName(), maxDiff, runningDiff);
    QVERIFY(maxDiff < 1e-5 * k);
    // Sums in chunks of 16 (the register-blocked kernels): a long sum rounds about
    // sqrt(k / (16 + k / 16)) times less than one running sum.
    if (k > 1000 && std::strcmp(gemmKernelName(), "Eigen") != 0)
        QVERIFY(maxDiff < 0.5 * runningDiff);
}

void TestKernels::packTransposed_data()
{
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("k");
    QTest::newRow("1x1") << 1 << 1;
    QTest::newRow("rows not a panel multiple") << 13 << 7;
    QTest::newRow("crnn-ref LSTM dz^T") << 512 << 1024;
}

// gemmPackAT(at) packs exactly what gemmPackA packs of at's transpose, zero padding included.
void TestKernels::packTransposed()
{
    QFETCH(int, m);
    QFETCH(int, k);
    std::mt19937 rng(12);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    std::vector<float> at(std::size_t(k) * m), a(std::size_t(m) * k);
    for (int p = 0; p < k; ++p)
        for (int i = 0; i < m; ++i)
            a[std::size_t(i) * k + p] = at[std::size_t(p) * m + i] = u(rng);
    std::vector<float> packed(gemmPackedSize(m, k), 7.f), packedT(gemmPackedSize(m, k), -7.f);
    gemmPackA(packed.data(), a.data(), m, k);
    gemmPackAT(packedT.data(), at.data(), m, k);
    QVERIFY(packed == packedT);
}

void TestKernels::packedGemv_data()
{
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("n");
    QTest::newRow("1x1") << 1 << 1;
    QTest::newRow("a panel and a narrow rest") << 7 << 300;
    QTest::newRow("crnn-ref LSTM") << 128 << 512;
}

// gemvAdd adds to z: against a plain loop in double.
void TestKernels::packedGemv()
{
    QFETCH(int, k);
    QFETCH(int, n);
    std::mt19937 rng(5);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    std::vector<float> h(static_cast<std::size_t>(k)), b(static_cast<std::size_t>(k) * n),
        z(static_cast<std::size_t>(n));
    for (auto* vec : {&h, &b, &z})
        for (float& v : *vec)
            v = u(rng);
    std::vector<float> packed(gemvPackedSize(k, n));
    gemvPackB(packed.data(), b.data(), k, n);
    std::vector<float> out = z;
    gemvAdd(out.data(), h.data(), packed.data(), k, n);
    double maxDiff = 0;
    for (int j = 0; j < n; ++j) {
        double ref = z[std::size_t(j)];
        for (int p = 0; p < k; ++p)
            ref += double(h[std::size_t(p)]) * b[std::size_t(p) * n + j];
        maxDiff = std::max(maxDiff, std::abs(ref - out[std::size_t(j)]));
    }
    qInfo("max |diff| %.3g", maxDiff);
    QVERIFY(maxDiff < 1e-5 * (k + 1));
}

int main(int argc, char* argv[])
{
    if (argc > 1 && std::strcmp(argv[1], "--print-kernels") == 0)
        return printKernels(argc > 2 && std::strcmp(argv[2], "--unknown-cpu") == 0);
    QCoreApplication app(argc, argv);
    TestKernels test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_kernels.moc"
