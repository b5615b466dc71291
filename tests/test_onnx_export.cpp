// ONNX export (core/model/onnx_export.h, app/cli_export.cpp): the protobuf encoder's bytes,
// the exported graph run by OpenCV's DNN module against our own forward pass (small nets
// with every layer kind, and the bundled model, on lines of several widths), and the
// command's answers to bad input.

#include "cli_run.h"
#include "model/model_file.h"
#include "model/onnx_export.h"
#include "model/protobuf_writer.h"
#include "model/safetensors.h"
#include "test_nets.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/core/utils/logger.hpp>
#include <opencv2/dnn.hpp>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace inklens;

namespace {

constexpr float kTolerance = 1e-4f;

QByteArray hex(const std::string& bytes)
{
    return QByteArray::fromStdString(bytes).toHex(' ');
}

// Two small nets between them hold every layer kind the exporter writes: both
// activations, batch norm (far from the identity) and none, kernels 1, 3 and 5, pools
// of each shape (2 x 2, 2 x 1, 1 x 2, none), one and two BiLSTM layers.
std::shared_ptr<const model::Model> smallModel(int which)
{
    const int classes = model::Charset::defaultLatin().size();
    model::CrnnSpec spec =
        which == 0
            ? test::crnnSpec(nn::Activation::LeakyReLU, {{4, 3, true, 2, 2}, {6, 3, false, 2, 1}},
                             {8}, classes, 16)
            : test::crnnSpec(
                nn::Activation::ReLU,
                {{5, 5, true, 2, 1}, {7, 1, false, 1, 2}, {6, 3, true, 2, 2}, {6, 3, false, 1, 1}},
                {6, 5}, classes, 20);
    model::Crnn net(spec);
    net.initialize(17 + std::uint64_t(which));
    test::randomizeBatchNorms(net, 5 + std::uint64_t(which));
    // PyTorch's initialization gives near-uniform posteriors; larger weights make them
    // confident, and the comparison telling.
    for (nn::Param* p : net.params())
        if (p->name.rfind("bn", 0) != 0)
            p->value *= 3.f;
    return std::make_shared<const model::Model>(std::move(net), model::Charset::defaultLatin());
}

std::shared_ptr<const model::Model> bundledModel()
{
    static const auto model = std::make_shared<const model::Model>(
        model::loadModel(INKLENS_SOURCE_MODEL));
    return model;
}

// A line of `width` columns as the reader gives it: paper 0, strokes of ink 1 with grey
// edges, in a pattern that varies along the line (seeded).
nn::Tensor4 lineImage(int height, int width, std::uint64_t seed)
{
    nn::Tensor4 x(1, 1, height, width);
    nn::Rng rng(seed);
    const float phase = rng.uniform(0.f, 3.f);
    for (int y = 0; y < height; ++y)
        for (int c = 0; c < width; ++c) {
            const float s = std::abs(
                std::sin(0.37f * float(c) + phase + 0.11f * float(y * (c % 7))));
            x.at(0, 0, y, c) = std::clamp((s - 0.75f) * 8.f, 0.f, 1.f);
        }
    return x;
}

struct Comparison
{
    int frames = 0;       // from OpenCV
    int classes = 0;      // from OpenCV
    double maxDiff = -1;  // max |ours - OpenCV| over every frame and class
    double spread = 0;    // the largest max - min of our log-probabilities in one frame
};

// Runs `onnx` in OpenCV on the line and compares with the model's own log-probabilities.
Comparison compare(const model::Model& model, const std::string& onnx, int width)
{
    const model::CrnnSpec& spec = model.crnn.spec();
    const nn::Tensor4 image = lineImage(spec.inputHeight, width, std::uint64_t(width));
    nn::Seq ours;
    model::CrnnWorkspace ws;
    model.crnn.forward(image, ours, ws);

    cv::dnn::Net net = cv::dnn::readNetFromONNX(onnx.data(), onnx.size());
    const int dims[] = {1, 1, spec.inputHeight, width};
    const cv::Mat blob(4, dims, CV_32F, const_cast<float*>(image.data.data()));
    net.setInput(blob, "image");
    const cv::Mat theirs = net.forward();

    Comparison c;
    for (int t = 0; t < ours.t; ++t)
        c.spread = std::max(c.spread,
                            double(ours.row(t, 0).maxCoeff() - ours.row(t, 0).minCoeff()));
    if (theirs.dims != 3 || theirs.size[1] != 1)
        return c;
    c.frames = theirs.size[0];
    c.classes = theirs.size[2];
    if (c.frames != ours.t || c.classes != ours.f || ours.n != 1)
        return c;
    const float* p = theirs.ptr<float>();
    c.maxDiff = 0;
    for (int t = 0; t < ours.t; ++t)
        for (int k = 0; k < ours.f; ++k)
            c.maxDiff = std::max(c.maxDiff,
                                 double(std::abs(ours.row(t, 0)[k] - p[t * c.classes + k])));
    return c;
}

}  // namespace

class TestOnnxExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR); }

    // The encoding rules the exporter relies on, against hand-computed bytes.
    void protobufEncoding()
    {
        model::ProtoWriter w;
        w.intField(1, 150);  // the protobuf guide's example: 08 96 01
        QCOMPARE(hex(w.bytes()), QByteArray("08 96 01"));
        model::ProtoWriter big;
        big.intField(2, -1);  // int64 -1: ten bytes of two's complement
        QCOMPARE(hex(big.bytes()), QByteArray("10 ff ff ff ff ff ff ff ff ff 01"));
        model::ProtoWriter f;
        f.floatField(2, 1.0f);  // 0x3f800000 little-endian
        QCOMPARE(hex(f.bytes()), QByteArray("15 00 00 80 3f"));
        model::ProtoWriter s;
        s.bytesField(2, "testing");
        QCOMPARE(hex(s.bytes()), QByteArray("12 07 74 65 73 74 69 6e 67"));
        model::ProtoWriter outer;
        outer.messageField(3, w);  // field 3, length 3, the inner bytes
        QCOMPARE(hex(outer.bytes()), QByteArray("1a 03 08 96 01"));
        model::ProtoWriter highField;
        highField.intField(20, 7);  // tag 20 << 3 = 160: two bytes
        QCOMPARE(hex(highField.bytes()), QByteArray("a0 01 07"));
    }

    // OpenCV reads the file and computes our log-probabilities within kTolerance.
    void matchesOpenCv_data()
    {
        QTest::addColumn<int>("which");  // 0, 1: smallModel; 2: the bundled model
        QTest::addColumn<int>("width");
        for (int which : {0, 1, 2})
            for (int width : {64, 200, 517}) {
                const char* name = which == 2   ? "bundled"
                                   : which == 0 ? "small-leaky"
                                                : "small-relu";
                QTest::addRow("%s/%d", name, width) << which << width;
            }
    }
    void matchesOpenCv()
    {
        QFETCH(int, which);
        QFETCH(int, width);
        const auto m = which == 2 ? bundledModel() : smallModel(which);
        const std::string onnx = model::onnxModel(*m);
        const Comparison c = compare(*m, onnx, width);
        QCOMPARE(c.frames, m->crnn.spec().framesFor(width));
        QCOMPARE(c.classes, m->crnn.spec().numClasses);
        qInfo("width %d: %d frames x %d classes, max |ours - OpenCV| = %.3g (log-probabilities "
              "spread over %.1f in a frame)",
              width, c.frames, c.classes, c.maxDiff, c.spread);
        QVERIFY(c.maxDiff >= 0);
        QVERIFY2(c.spread > 3, "posteriors too flat to tell anything");
        QVERIFY2(c.maxDiff <= kTolerance, qPrintable(QString::number(c.maxDiff)));
    }

    // One export serves every width (the width is dynamic): one net, three lines.
    void oneNetManyWidths()
    {
        const auto m = smallModel(1);
        const std::string onnx = model::onnxModel(*m);
        cv::dnn::Net net = cv::dnn::readNetFromONNX(onnx.data(), onnx.size());
        const int h = m->crnn.spec().inputHeight;
        for (int width : {517, 64, 200}) {
            const nn::Tensor4 image = lineImage(h, width, 3);
            nn::Seq ours;
            model::CrnnWorkspace ws;
            m->crnn.forward(image, ours, ws);
            const int dims[] = {1, 1, h, width};
            net.setInput(cv::Mat(4, dims, CV_32F, const_cast<float*>(image.data.data())), "image");
            const cv::Mat theirs = net.forward();
            QCOMPARE(theirs.size[0], ours.t);
            double maxDiff = 0;
            for (int t = 0; t < ours.t; ++t)
                for (int k = 0; k < ours.f; ++k)
                    maxDiff = std::max(
                        maxDiff,
                        double(std::abs(ours.row(t, 0)[k] - theirs.ptr<float>()[t * ours.f + k])));
            QVERIFY2(maxDiff <= kTolerance, qPrintable(QString::number(maxDiff)));
        }
    }

    // The same model gives the same bytes; the metadata carry the charset.
    void deterministicWithMetadata()
    {
        const auto m = smallModel(0);
        const std::string a = model::onnxModel(*m), b = model::onnxModel(*m);
        QCOMPARE(a.size(), b.size());
        QVERIFY(a == b);
        QVERIFY(a.find(m->charset.toString()) != std::string::npos);
    }

    // A layer the exporter does not know (here an activation newer than this build) is
    // refused with its name, never written as something else.
    void unknownLayerIsRefused()
    {
        model::CrnnSpec spec = smallModel(0)->crnn.spec();
        spec.activation = static_cast<nn::Activation>(7);
        const model::Model m(model::Crnn(spec), model::Charset::defaultLatin());
        try {
            model::onnxModel(m);
            QFAIL("exported a model with an unknown activation");
        } catch (const nn::EngineError& e) {
            QVERIFY2(std::string(e.what()).find("unknown activation (7)") != std::string::npos,
                     e.what());
        }
    }

    // inklens export --onnx: the bundled model by default; OpenCV reads what it wrote.
    void commandWritesTheFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath(QStringLiteral("model.onnx"));
        const testing::CliRun r = testing::runInklens(
            {QStringLiteral("export"), QStringLiteral("--onnx"), out, QStringLiteral("--model"),
             QStringLiteral(INKLENS_SOURCE_MODEL)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QCOMPARE(bytes.toStdString(), model::onnxModel(*bundledModel()));
        QVERIFY2(r.err.contains("opset 13"), r.err.constData());
        // Only the file itself in the folder: no temporary left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void commandRefusesBadInput_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addRow("unwritable") << "unwritable";
        QTest::addRow("unknown layer") << "unknown layer";
        QTest::addRow("no --onnx") << "no --onnx";
        QTest::addRow("missing model") << "missing model";
    }
    void commandRefusesBadInput()
    {
        QFETCH(QString, problem);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString out = dir.filePath(QStringLiteral("model.onnx"));
        QString modelFile = QStringLiteral(INKLENS_SOURCE_MODEL);
        QByteArray expected;
        int expectedCode = 1;
        if (problem == QLatin1String("unwritable")) {
            out = dir.filePath(QStringLiteral("no-such-folder/model.onnx"));
            expected = "cannot write " + QFile::encodeName(out);
        } else if (problem == QLatin1String("unknown layer")) {
            // A model file whose spec names an activation this build does not know.
            model::SafetensorsFile file = model::modelToSafetensors(*smallModel(0));
            std::string& spec = file.metadata["spec"];
            spec.replace(spec.find("leaky_relu"), std::string("leaky_relu").size(), "gelu");
            modelFile = dir.filePath(QStringLiteral("odd.safetensors"));
            model::writeSafetensorsAtomic(QFile::encodeName(modelFile).toStdString(), file);
            expected = "unknown activation 'gelu'";
        } else if (problem == QLatin1String("no --onnx")) {
            out.clear();
            expected = "needs --onnx FILE";
            expectedCode = 2;
        } else {
            modelFile = dir.filePath(QStringLiteral("absent.safetensors"));
            expected = "absent.safetensors";
        }
        QStringList args{QStringLiteral("export"), QStringLiteral("--model"), modelFile};
        if (!out.isEmpty())
            args << QStringLiteral("--onnx") << out;
        const testing::CliRun r = testing::runInklens(args);
        QCOMPARE(r.exitCode, expectedCode);
        QVERIFY2(r.err.contains(expected), r.err.constData());
        QVERIFY2(!r.err.contains("terminate"), r.err.constData());
        if (!out.isEmpty())
            QVERIFY(!QFileInfo::exists(out));
    }

    // The prologue every command shares (test_cli's commonPrologue): --help, an unknown option.
    void commandHelp()
    {
        const testing::CliRun help = testing::runInklens(
            {QStringLiteral("export"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains("--onnx <FILE>") && help.out.contains("--model <FILE>"),
                 help.out.constData());
        const testing::CliRun unknown = testing::runInklens(
            {QStringLiteral("export"), QStringLiteral("--frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QCOMPARE(unknown.err, QByteArray("inklens export: Unknown option 'frobnicate'.\n"
                                         "Run 'inklens export --help' for usage.\n"));
    }

    // A file that cannot be replaced stays as it was.
    void failedExportKeepsTheOldFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath(QStringLiteral("model.onnx"));
        {
            QFile old(out);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old contents");
        }
        const testing::CliRun r = testing::runInklens(
            {QStringLiteral("export"), QStringLiteral("--onnx"), out, QStringLiteral("--model"),
             dir.filePath(QStringLiteral("absent.safetensors"))});
        QCOMPARE(r.exitCode, 1);
        QFile old(out);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("old contents"));
    }
};

QTEST_APPLESS_MAIN(TestOnnxExport)
#include "test_onnx_export.moc"
