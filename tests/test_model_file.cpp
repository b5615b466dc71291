// Model files: a saved model loads back identical (weights, spec, charset, metadata, and
// the same outputs), and every kind of corrupt file is refused with a message that
// names the problem.

#include "model/model_file.h"
#include "model/safetensors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fstream>
#include <functional>

using namespace inklens;
using namespace inklens::model;
using Mutation = std::function<void(SafetensorsFile&)>;
Q_DECLARE_METATYPE(Mutation)

namespace {

CrnnSpec smallSpec()
{
    CrnnSpec s;
    s.inputHeight = 16;
    s.activation = nn::Activation::LeakyReLU;
    s.convs = {{4, 3, true, 2, 2}, {6, 3, false, 2, 1}};
    s.lstmHidden = {8};
    s.numClasses = Charset::defaultLatin().size();
    return s;
}

Model makeModel()
{
    Crnn net(smallSpec());
    net.initialize(17);
    // Non-trivial running statistics, so that folding is exercised after loading.
    for (auto& [name, v] : net.buffers())
        for (Eigen::Index i = 0; i < v->size(); ++i)
            (*v)[i] = name.ends_with("var") ? 0.5f + 0.1f * float(i) : 0.05f * float(i);
    Model m(std::move(net), Charset::defaultLatin());
    m.provenance = R"({"data":"unit test","steps":0})";
    return m;
}

std::string writeBytes(const QTemporaryDir& dir, const std::string& name, const std::string& bytes)
{
    const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

}  // namespace

class TestModelFile : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void corruptFiles_data();
    void corruptFiles();
    void truncatedFiles();
    void missingFile();
    void failedSaveKeepsOldFile();
};

void TestModelFile::roundTrip()
{
    QTemporaryDir dir;
    const Model m = makeModel();
    const std::string path = dir.filePath(QStringLiteral("m.safetensors")).toStdString();
    saveModel(path, m);
    const Model back = loadModel(path);
    QVERIFY(back.crnn.spec() == m.crnn.spec());
    QVERIFY(back.charset == m.charset);
    QCOMPARE(back.provenance, m.provenance);
    QCOMPARE(back.normalization, m.normalization);
    const auto a = m.crnn.params(), b = back.crnn.params();
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i]->name, b[i]->name);
        QVERIFY(a[i]->value == b[i]->value);
    }
    // Same outputs.
    nn::Tensor4 x(1, 1, 16, 24);
    for (Eigen::Index i = 0; i < Eigen::Index(x.size()); ++i)
        x.data[i] = float(i % 7) / 7.f;
    CrnnWorkspace ws;
    nn::Seq ya, yb;
    m.crnn.forward(x, ya, ws);
    back.crnn.forward(x, yb, ws);
    QVERIFY(ya.data == yb.data);
    // The file is plain safetensors with our metadata.
    const SafetensorsFile f = readSafetensors(path);
    QCOMPARE(f.metadata.at("format"), std::string("inklens-crnn"));
    QVERIFY(f.find("lstm0.bwd.weight_hh"));
}

void TestModelFile::corruptFiles_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("expected");
    auto setMeta = [](const char* k, const char* v) {
        return Mutation([=](SafetensorsFile& f) { f.metadata[k] = v; });
    };
    auto findT = [](SafetensorsFile& f, const std::string& n) -> TensorEntry& {
        for (auto& t : f.tensors)
            if (t.name == n)
                return t;
        qFatal("no tensor %s", n.c_str());
    };
    QTest::newRow("not an InkLens model")
        << Mutation([](SafetensorsFile& f) { f.metadata.erase("format"); })
        << "not an InkLens model";
    QTest::newRow("other format") << setMeta("format", "gguf")
                                  << "not an InkLens model (format 'gguf')";
    QTest::newRow("unknown version")
        << setMeta("format_version", "7") << "unknown model format version 7";
    QTest::newRow("spec not JSON") << setMeta("spec", "{conv") << "model spec is not valid";
    QTest::newRow("spec version") << Mutation([](SafetensorsFile& f) {
        auto& s = f.metadata["spec"];
        s.replace(s.find("\"version\":1"), 11, "\"version\":9");
    }) << "unknown model spec version 9";
    // A key of a newer network is not silently ignored.
    QTest::newRow("spec key unknown") << Mutation([](SafetensorsFile& f) {
        auto& s = f.metadata["spec"];
        s.replace(s.find("\"classes\""), 9, "\"residual\":true,\"classes\"");
    }) << "model spec: unknown key 'residual' in the spec";
    QTest::newRow("conv key unknown") << Mutation([](SafetensorsFile& f) {
        auto& s = f.metadata["spec"];
        s.replace(s.find("\"channels\":6"), 12, "\"groups\":2,\"channels\":6");
    }) << "model spec: unknown key 'groups' in a conv block";
    QTest::newRow("impossible spec") << Mutation([](SafetensorsFile& f) {
        auto& s = f.metadata["spec"];
        s.replace(s.find("\"input_height\":16"), 17, "\"input_height\":0");
    }) << "invalid model spec: input height 0";
    // Refused before the network is allocated (fuzz/regressions/fuzz_model_file).
    QTest::newRow("spec larger than its tensors") << Mutation([](SafetensorsFile& f) {
        auto& s = f.metadata["spec"];
        s.replace(s.find("\"channels\":6"), 12, "\"channels\":4096");
    }) << "the spec needs at least";
    QTest::newRow("charset size") << setMeta("charset", "abc")
                                  << "the charset has 4 classes but the network has";
    QTest::newRow("charset duplicate") << setMeta("charset", "aab") << "charset";
    QTest::newRow("input height") << setMeta("input_height", "32")
                                  << "input height 32 does not match";
    QTest::newRow("wrong shape") << Mutation([&](SafetensorsFile& f) {
        auto& t = findT(f, "conv1.weight");
        t.shape = {6, 4, 9};
    }) << "tensor 'conv1.weight' has shape [6, 4, 9] but the spec needs [6, 4, 3, 3]";
    QTest::newRow("missing tensor") << Mutation([](SafetensorsFile& f) {
        std::erase_if(f.tensors, [](const TensorEntry& t) { return t.name == "fc.bias"; });
    }) << "tensor 'fc.bias' is missing";
    QTest::newRow("unexpected tensor") << Mutation([](SafetensorsFile& f) {
        f.tensors.push_back({"lstm7.fwd.weight_ih", {2}, {1.f, 2.f}});
    }) << "unexpected tensor 'lstm7.fwd.weight_ih'";
    QTest::newRow("negative variance")
        << Mutation([&](SafetensorsFile& f) { findT(f, "bn0.running_var").data[1] = -1.f; })
        << "negative variances";
}

void TestModelFile::corruptFiles()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const std::string good = dir.filePath(QStringLiteral("good.safetensors")).toStdString();
    saveModel(good, makeModel());
    SafetensorsFile f = readSafetensors(good);
    mutate(f);
    const std::string path = writeBytes(dir, "bad.safetensors", serializeSafetensors(f));
    try {
        loadModel(path);
        QFAIL("a corrupt model loaded");
    } catch (const nn::EngineError& e) {
        const QString msg = QString::fromUtf8(e.what());
        QVERIFY2(msg.contains(expected), qPrintable(msg));
        QVERIFY2(msg.contains(QStringLiteral("bad.safetensors")),
                 qPrintable(msg));  // names the file
    }
}

void TestModelFile::truncatedFiles()
{
    QTemporaryDir dir;
    const std::string good = dir.filePath(QStringLiteral("good.safetensors")).toStdString();
    saveModel(good, makeModel());
    std::ifstream in(good, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    struct Case
    {
        std::size_t keep;
        const char* expected;
    };
    const Case cases[] = {{0, "shorter than the 8-byte header length field"},
                          {5, "shorter than the 8-byte header length field"},
                          {100, "truncated header"},
                          {bytes.size() - 10, "beyond the data section"}};
    for (const Case& c : cases) {
        const std::string path = writeBytes(dir, "cut.safetensors", bytes.substr(0, c.keep));
        try {
            loadModel(path);
            QFAIL("a truncated model loaded");
        } catch (const nn::EngineError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String(c.expected)), e.what());
        }
    }
    // NaN in the weights: patch the first float of the data section (the writer refuses NaN).
    std::uint64_t headerLength = 0;
    std::memcpy(&headerLength, bytes.data(), 8);
    std::string nan = bytes;
    const float q = std::nanf("");
    std::memcpy(nan.data() + 8 + headerLength, &q, 4);
    const std::string path = writeBytes(dir, "nan.safetensors", nan);
    try {
        loadModel(path);
        QFAIL("a model with NaN loaded");
    } catch (const nn::EngineError& e) {
        QVERIFY2(
            QString::fromUtf8(e.what()).contains(QLatin1String("non-finite value (NaN or Inf)")),
            e.what());
    }
}

void TestModelFile::missingFile()
{
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, loadModel("/nonexistent/dir/model.safetensors"));
}

void TestModelFile::failedSaveKeepsOldFile()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("m.safetensors")).toStdString();
    saveModel(path, makeModel());
    std::ifstream in(path, std::ios::binary);
    const std::string before((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
    Model broken = makeModel();
    broken.crnn.params()[0]->value[0] = std::nanf("");  // the writer refuses NaN
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, saveModel(path, broken));
    std::ifstream again(path, std::ios::binary);
    const std::string after((std::istreambuf_iterator<char>(again)),
                            std::istreambuf_iterator<char>());
    QVERIFY(before == after);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), qsizetype(1));  // no temporary left
}

QTEST_APPLESS_MAIN(TestModelFile)
#include "test_model_file.moc"
