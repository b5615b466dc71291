// Tests of core/model/safetensors: round trip, corrupt files, atomic save, the PyTorch fixture.

#include "model/safetensors.h"
#include "nn/tensor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstring>
#include <limits>
#include <random>

using inklens::model::SafetensorsFile;
using inklens::model::TensorEntry;
using inklens::nn::EngineError;
namespace model = inklens::model;

namespace {

QByteArray lengthPrefix(quint64 n)
{
    QByteArray out(8, '\0');
    for (int i = 0; i < 8; ++i)
        out[i] = char((n >> (8 * i)) & 0xFF);
    return out;
}

// A safetensors file from a header text and a data section.
QByteArray stFile(const QByteArray& header, const QByteArray& data = {})
{
    return lengthPrefix(quint64(header.size())) + header + data;
}

QByteArray floatBytes(std::initializer_list<float> values)
{
    QByteArray out;
    for (float v : values)
        out.append(reinterpret_cast<const char*>(&v), sizeof v);
    return out;
}

template<typename T>
QByteArray rawBytes(std::initializer_list<T> values)
{
    QByteArray out;
    for (T v : values)
        out.append(reinterpret_cast<const char*>(&v), sizeof v);
    return out;
}

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Error message of readSafetensors(path), or "" if it did not throw.
std::string readError(const std::string& path)
{
    try {
        model::readSafetensors(path);
    } catch (const EngineError& e) {
        return e.what();
    }
    return {};
}

std::string writeError(const std::string& path, const SafetensorsFile& file)
{
    try {
        model::writeSafetensorsAtomic(path, file);
    } catch (const EngineError& e) {
        return e.what();
    }
    return {};
}

QStringList leftoverTemporaries(const QString& dir)
{
    return QDir(dir).entryList({"*.tmp-*"}, QDir::Files | QDir::Hidden | QDir::System);
}

SafetensorsFile sampleFile()
{
    SafetensorsFile f;
    f.metadata["format"] = "inklens";
    f.metadata["charset"] = " abcàé€«»’";
    f.metadata["empty"] = "";
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.f, 1.f);
    TensorEntry w{"layer.weight", {3, 4, 5}, {}};
    for (int i = 0; i < 60; ++i)
        w.data.push_back(normal(rng));
    // Awkward but finite values must survive bit-exactly.
    w.data[0] = -0.0f;
    w.data[1] = std::numeric_limits<float>::denorm_min();
    w.data[2] = std::numeric_limits<float>::max();
    w.data[3] = std::numeric_limits<float>::lowest();
    w.data[4] = std::numeric_limits<float>::min();
    f.tensors.push_back(w);
    f.tensors.push_back({"a.bias", {7}, {1, 2, 3, 4, 5, 6, 7}});
    f.tensors.push_back({"scalar", {}, {3.25f}});
    f.tensors.push_back({"empty", {0, 3}, {}});
    f.tensors.push_back({"Z.upper", {1, 1}, {42.f}});
    return f;
}

bool bitwiseEqual(const std::vector<float>& a, const std::vector<float>& b)
{
    return a.size() == b.size()
           && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

// Lowers RLIMIT_FSIZE and ignores SIGXFSZ for its lifetime (writes beyond the limit then
// fail with EFBIG, like a full disk); restores both even if the test fails midway.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_ok = ::getrlimit(RLIMIT_FSIZE, &m_old) == 0;
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = m_old;
        lowered.rlim_cur = bytes;
        m_ok = m_ok && ::setrlimit(RLIMIT_FSIZE, &lowered) == 0;
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    bool ok() const { return m_ok; }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_ok = false;
};

}  // namespace

class TestSafetensors : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void serializationIsDeterministic();
    void writtenFileFollowsReferenceLayout();
    void readsOtherDtypes_data();
    void readsOtherDtypes();
    void toleratedLayouts_data();
    void toleratedLayouts();
    void corruptFiles_data();
    void corruptFiles();
    void missingFileAndDirectory();
    void writerRejectsBadContent_data();
    void writerRejectsBadContent();
    void saveReplacesExistingFile();
    void failedSaveLeavesExistingFileUntouched_data();
    void failedSaveLeavesExistingFileUntouched();
    void torchFixture_data();
    void torchFixture();
};

void TestSafetensors::roundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("model.safetensors").toStdString();
    const SafetensorsFile original = sampleFile();
    model::writeSafetensorsAtomic(path, original);

    const SafetensorsFile back = model::readSafetensors(path);
    QCOMPARE(back.metadata, original.metadata);
    QCOMPARE(back.tensors.size(), original.tensors.size());
    for (const TensorEntry& t : original.tensors) {
        const TensorEntry* r = back.find(t.name);
        QVERIFY2(r, t.name.c_str());
        QCOMPARE(r->name, t.name);
        QCOMPARE(r->shape, t.shape);
        QVERIFY2(bitwiseEqual(r->data, t.data), t.name.c_str());
    }
    QVERIFY(back.find("missing") == nullptr);
    // Readers return tensors sorted by name.
    for (std::size_t i = 1; i < back.tensors.size(); ++i)
        QVERIFY(back.tensors[i - 1].name < back.tensors[i].name);
    QVERIFY(leftoverTemporaries(dir.path()).isEmpty());

    // From memory, too.
    const QByteArray bytes = readBytes(QString::fromStdString(path));
    const SafetensorsFile fromBytes = model::readSafetensorsFromBytes(
        std::string_view(bytes.constData(), std::size_t(bytes.size())), "mem");
    QCOMPARE(fromBytes.tensors.size(), original.tensors.size());
}

void TestSafetensors::serializationIsDeterministic()
{
    SafetensorsFile a = sampleFile();
    SafetensorsFile b = sampleFile();
    std::reverse(b.tensors.begin(), b.tensors.end());
    QCOMPARE(model::serializeSafetensors(a), model::serializeSafetensors(b));
}

// The layout the Python reference reader expects: u64 LE length, JSON header whose length
// is a multiple of 8 (space padded), contiguous F32 data covering the data section exactly.
void TestSafetensors::writtenFileFollowsReferenceLayout()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("ref.safetensors");
    model::writeSafetensorsAtomic(path.toStdString(), sampleFile());
    const QByteArray bytes = readBytes(path);
    QVERIFY(bytes.size() >= 8);
    quint64 n = 0;
    for (int i = 7; i >= 0; --i)
        n = (n << 8) | quint8(bytes[i]);
    QCOMPARE(n % 8, quint64(0));
    QVERIFY(8 + n <= quint64(bytes.size()));
    const QByteArray header = bytes.mid(8, qsizetype(n));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(header, &error);  // an independent parser
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(doc.isObject());
    const QJsonObject root = doc.object();
    QVERIFY(root.value("__metadata__").isObject());
    QCOMPARE(root.value("__metadata__").toObject().value("charset").toString(),
             QString::fromUtf8(" abcàé€«»’"));

    QList<QPair<qint64, qint64>> ranges;
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() == "__metadata__")
            continue;
        const QJsonObject entry = it.value().toObject();
        QCOMPARE(entry.value("dtype").toString(), QString("F32"));
        QVERIFY(entry.value("shape").isArray());
        const QJsonArray offsets = entry.value("data_offsets").toArray();
        QCOMPARE(offsets.size(), 2);
        qint64 count = 1;
        for (const QJsonValue& d : entry.value("shape").toArray())
            count *= d.toInteger();
        QCOMPARE(offsets[1].toInteger() - offsets[0].toInteger(), count * 4);
        ranges.append({offsets[0].toInteger(), offsets[1].toInteger()});
    }
    std::sort(ranges.begin(), ranges.end());
    qint64 expectedBegin = 0;
    for (const auto& r : ranges) {
        QCOMPARE(r.first, expectedBegin);  // contiguous, no gaps, no overlap
        expectedBegin = r.second;
    }
    QCOMPARE(expectedBegin, qint64(bytes.size()) - 8 - qint64(n));
}

void TestSafetensors::readsOtherDtypes_data()
{
    QTest::addColumn<QByteArray>("dtype");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QList<float>>("expected");

    QTest::newRow("F32") << QByteArray("F32") << floatBytes({1.5f, -2.f, 0.f})
                         << QList<float>{1.5f, -2.f, 0.f};
    // F16: 1.5 = 0x3E00, -2 = 0xC000, smallest subnormal 2^-24 = 0x0001, 65504 = 0x7BFF
    QTest::newRow("F16") << QByteArray("F16") << rawBytes<quint16>({0x3E00, 0xC000, 0x0001, 0x7BFF})
                         << QList<float>{1.5f, -2.f, 5.9604644775390625e-08f, 65504.f};
    // BF16: upper halves of the float bits.
    QTest::newRow("BF16") << QByteArray("BF16") << rawBytes<quint16>({0x3FC0, 0xC000, 0x0000})
                          << QList<float>{1.5f, -2.f, 0.f};
    QTest::newRow("F64") << QByteArray("F64") << rawBytes<double>({1.5, -2.0, 0.1})
                         << QList<float>{1.5f, -2.f, 0.1f};
}

void TestSafetensors::readsOtherDtypes()
{
    QFETCH(QByteArray, dtype);
    QFETCH(QByteArray, data);
    QFETCH(QList<float>, expected);
    const QByteArray header = "{\"t\":{\"dtype\":\"" + dtype + "\",\"shape\":["
                              + QByteArray::number(expected.size()) + "],\"data_offsets\":[0,"
                              + QByteArray::number(data.size()) + "]}}";
    const QByteArray file = stFile(header, data);
    const SafetensorsFile f = model::readSafetensorsFromBytes(
        std::string_view(file.constData(), std::size_t(file.size())), "x");
    QCOMPARE(f.tensors.size(), std::size_t(1));
    QCOMPARE(f.tensors[0].data.size(), std::size_t(expected.size()));
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(f.tensors[0].data[std::size_t(i)], expected[i]);
}

void TestSafetensors::toleratedLayouts_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("tensorCount");

    QTest::newRow("empty header object") << stFile("{}") << 0;
    QTest::newRow("padded header") << stFile(
        "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}     ", floatBytes({1.f}))
                                   << 1;
    QTest::newRow("gap between tensors")
        << stFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                  "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}",
                  floatBytes({1.f, 0.f, 2.f}))
        << 2;
    QTest::newRow("trailing bytes") << stFile(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", floatBytes({1.f, 9.f}))
                                    << 1;
    QTest::newRow("extra entry field")
        << stFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"note\":1}}",
                  floatBytes({1.f}))
        << 1;
    QTest::newRow("empty tensors share an offset")
        << stFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"
                  "\"b\":{\"dtype\":\"F32\",\"shape\":[2,0],\"data_offsets\":[0,0]}}")
        << 2;
}

void TestSafetensors::toleratedLayouts()
{
    QFETCH(QByteArray, file);
    QFETCH(int, tensorCount);
    const SafetensorsFile f = model::readSafetensorsFromBytes(
        std::string_view(file.constData(), std::size_t(file.size())), "x");
    QCOMPARE(int(f.tensors.size()), tensorCount);
}

void TestSafetensors::corruptFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");

    const QByteArray one = floatBytes({1.f});
    auto entry = [](const QByteArray& body) { return "{\"w\":{" + body + "}}"; };

    QTest::newRow("empty file") << QByteArray() << "shorter than the 8-byte header length field";
    QTest::newRow("5 bytes") << QByteArray("\x01\x00\x00\x00\x00", 5)
                             << "only 5 bytes, shorter than the 8-byte";
    QTest::newRow("truncated header") << lengthPrefix(1000) + QByteArray("{\"w\":")
                                      << "truncated header: header length is 1000 bytes but only 5";
    QTest::newRow("absurd header length")
        << lengthPrefix(quint64(1) << 40) + QByteArray("{}") << "is absurd (limit 100 MB)";
    QTest::newRow("not JSON") << stFile("{\"w\": nope}") << "header is not valid JSON";
    QTest::newRow("zero-length header") << stFile("") << "header is not valid JSON";
    QTest::newRow("header invalid UTF-8") << stFile("{\"w\xff\":{}}") << "header is not valid JSON";
    QTest::newRow("header is an array") << stFile("[1, 2]") << "header is not a JSON object";
    QTest::newRow("entry not an object")
        << stFile("{\"w\": 3}") << "tensor 'w': entry is not a JSON object";
    QTest::newRow("missing dtype") << stFile(entry("\"shape\":[1],\"data_offsets\":[0,4]"), one)
                                   << "tensor 'w': missing \"dtype\"";
    QTest::newRow("dtype not a string")
        << stFile(entry("\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]"), one)
        << "tensor 'w': \"dtype\" is not a string";
    QTest::newRow("unsupported dtype")
        << stFile(entry("\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]"), one + one)
        << "tensor 'w': unsupported dtype 'I64'";
    QTest::newRow("missing shape") << stFile(entry("\"dtype\":\"F32\",\"data_offsets\":[0,4]"), one)
                                   << "tensor 'w': missing \"shape\"";
    QTest::newRow("shape not an array")
        << stFile(entry("\"dtype\":\"F32\",\"shape\":1,\"data_offsets\":[0,4]"), one)
        << "tensor 'w': \"shape\" is not an array";
    QTest::newRow("shape with a float")
        << stFile(entry("\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]"), one)
        << "\"shape\" holds something other than a non-negative integer";
    QTest::newRow("negative dimension") << stFile(
        entry("\"dtype\":\"F32\",\"shape\":[-2,-2],\"data_offsets\":[0,16]"), one + one + one + one)
                                        << "tensor 'w': negative dimension -2";
    QTest::newRow("missing data_offsets") << stFile(entry("\"dtype\":\"F32\",\"shape\":[1]"), one)
                                          << "tensor 'w': missing \"data_offsets\"";
    QTest::newRow("data_offsets of one value")
        << stFile(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]"), one)
        << "\"data_offsets\" is not an array of two non-negative integers";
    QTest::newRow("negative data_offsets")
        << stFile(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]"), one)
        << "\"data_offsets\" is not an array of two non-negative integers";
    QTest::newRow("begin after end")
        << stFile(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]"), one + one + one)
        << "tensor 'w': data_offsets begin 8 > end 4";
    QTest::newRow("truncated data")
        << stFile(entry("\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]"), one + one)
        << "data_offsets end 16 is beyond the data section of 8 bytes (truncated data)";
    QTest::newRow("byte count mismatch")
        << stFile(entry("\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]"), one + one)
        << "tensor 'w': byte count 8";
    QTest::newRow("huge shape") << stFile(
        entry("\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,16],\"data_offsets\":[0,4]"), one)
                                << "shape too large for the file";
    QTest::newRow("overlapping tensors")
        << stFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                  "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                  one + one + one)
        << "tensors 'a' and 'b' overlap";
    QTest::newRow("NaN") << stFile(entry("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]"),
                                   floatBytes({1.f, std::numeric_limits<float>::quiet_NaN()}))
                         << "tensor 'w': non-finite value (NaN or Inf) at element 1";
    QTest::newRow("Inf") << stFile(entry("\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]"),
                                   floatBytes({-std::numeric_limits<float>::infinity()}))
                         << "tensor 'w': non-finite value (NaN or Inf) at element 0";
    QTest::newRow("F16 Inf") << stFile(
        entry("\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]"),
        rawBytes<quint16>({0x3C00, 0x7C00}))
                             << "tensor 'w': non-finite value (NaN or Inf) at element 1";
    QTest::newRow("F64 beyond float") << stFile(
        entry("\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]"), rawBytes<double>({1e300}))
                                      << "is beyond the float range";
    QTest::newRow("duplicate names")
        << stFile("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                  "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                  one + one)
        << "duplicate key 'w' in the header";
    QTest::newRow("empty tensor name")
        << stFile("{\"\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", one)
        << "tensor with an empty name";
    QTest::newRow("metadata not an object")
        << stFile("{\"__metadata__\":[\"a\"]}") << "\"__metadata__\" is not a JSON object";
    QTest::newRow("metadata value not a string")
        << stFile("{\"__metadata__\":{\"lr\":0.01}}")
        << "\"__metadata__\" value of 'lr' is not a string";
}

void TestSafetensors::corruptFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("corrupt.safetensors");
    QVERIFY(writeBytes(path, bytes));

    const std::string message = readError(path.toStdString());
    QVERIFY2(!message.empty(), "reading did not throw EngineError");
    const QString text = QString::fromStdString(message);
    QVERIFY2(text.contains(expected), qPrintable("message: " + text));
    QVERIFY2(text.contains(path), qPrintable("message does not name the file: " + text));

    // The in-memory reader gives the same verdict, naming the given source.
    try {
        model::readSafetensorsFromBytes(
            std::string_view(bytes.constData(), std::size_t(bytes.size())), "memory.st");
        QFAIL("readSafetensorsFromBytes did not throw");
    } catch (const EngineError& e) {
        const QString m = QString::fromUtf8(e.what());
        QVERIFY2(m.contains(expected) && m.contains("memory.st"), qPrintable(m));
    }
}

void TestSafetensors::missingFileAndDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string missing = dir.filePath("nothing.safetensors").toStdString();
    std::string message = readError(missing);
    QVERIFY2(message.find("cannot open") != std::string::npos
                 && message.find(missing) != std::string::npos
                 && message.find("No such file or directory") != std::string::npos,
             message.c_str());

    message = readError(dir.path().toStdString());
    QVERIFY2(message.find("is a directory") != std::string::npos, message.c_str());
}

void TestSafetensors::writerRejectsBadContent_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("expected");
    QTest::newRow("size mismatch") << 0 << "has 3 values but shape [2, 2] needs 4";
    QTest::newRow("negative dimension") << 1 << "negative dimension";
    QTest::newRow("NaN") << 2 << "tensor 'w' has a non-finite value (NaN or Inf) at element 1";
    QTest::newRow("duplicate name") << 3 << "duplicate tensor name 'w'";
    QTest::newRow("reserved name") << 4 << "invalid tensor name '__metadata__'";
    QTest::newRow("empty name") << 5 << "invalid tensor name ''";
}

void TestSafetensors::writerRejectsBadContent()
{
    QFETCH(int, which);
    QFETCH(QString, expected);
    SafetensorsFile f;
    switch (which) {
    case 0:
        f.tensors.push_back({"w", {2, 2}, {1, 2, 3}});
        break;
    case 1:
        f.tensors.push_back({"w", {-1}, {}});
        break;
    case 2:
        f.tensors.push_back({"w", {2}, {1, std::numeric_limits<float>::quiet_NaN()}});
        break;
    case 3:
        f.tensors = {{"w", {1}, {1}}, {"w", {1}, {2}}};
        break;
    case 4:
        f.tensors.push_back({"__metadata__", {1}, {1}});
        break;
    case 5:
        f.tensors.push_back({"", {1}, {1}});
        break;
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("bad.safetensors");
    const QString message = QString::fromStdString(writeError(path.toStdString(), f));
    QVERIFY2(message.contains(expected), qPrintable("message: " + message));
    QVERIFY(!QFile::exists(path));
    QVERIFY(leftoverTemporaries(dir.path()).isEmpty());
}

void TestSafetensors::saveReplacesExistingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("model.safetensors");
    QVERIFY(writeBytes(path, "old content"));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));  // 0600 is kept

    SafetensorsFile f;
    f.tensors.push_back({"w", {2}, {1.f, 2.f}});
    model::writeSafetensorsAtomic(path.toStdString(), f);
    const SafetensorsFile back = model::readSafetensors(path.toStdString());
    QVERIFY(back.find("w") && back.find("w")->data == std::vector<float>({1.f, 2.f}));
    struct stat st
    { };
    QCOMPARE(::stat(path.toLocal8Bit().constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0600));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{"model.safetensors"});

    // A relative path in the current directory works as well.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    model::writeSafetensorsAtomic("relative.safetensors", f);
    QVERIFY(QDir::setCurrent(previous));
    QVERIFY(QFile::exists(dir.filePath("relative.safetensors")));
}

void TestSafetensors::failedSaveLeavesExistingFileUntouched_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no such directory") << "missingDir"
                                       << "cannot create a temporary file in directory";
    QTest::newRow("target is a directory") << "targetIsDir"
                                           << "cannot rename temporary file";
    QTest::newRow("read-only directory") << "readOnlyDir"
                                         << "Permission denied";
    QTest::newRow("file size limit (disk full)") << "sizeLimit"
                                                 << "File too large";
}

void TestSafetensors::failedSaveLeavesExistingFileUntouched()
{
    QFETCH(QString, scenario);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray oldBytes = "existing model bytes";
    QString target = dir.filePath("model.safetensors");
    QString checkDir = dir.path();

    SafetensorsFile big;
    big.metadata.emplace("k", "v");
    big.tensors.push_back({"w", {256, 256}, std::vector<float>(256 * 256, 0.5f)});  // 256 KiB

    std::string message;
    if (scenario == "missingDir") {
        target = dir.filePath("no/such/dir/model.safetensors");
        message = writeError(target.toStdString(), big);
        QVERIFY2(QString::fromStdString(message).contains("No such file or directory"),
                 message.c_str());
        QVERIFY(!QFile::exists(target));
    } else if (scenario == "targetIsDir") {
        QVERIFY(QDir(dir.path()).mkdir("model.safetensors"));
        QVERIFY(writeBytes(target + "/inside", oldBytes));
        message = writeError(target.toStdString(), big);
        QVERIFY(QFileInfo(target).isDir());
        QCOMPARE(readBytes(target + "/inside"), oldBytes);
    } else if (scenario == "readOnlyDir") {
        if (::geteuid() == 0)
            QSKIP("running as root: directory permissions are not enforced");
        QVERIFY(writeBytes(target, oldBytes));
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        message = writeError(target.toStdString(), big);
        QVERIFY(QFile::setPermissions(dir.path(),
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QCOMPARE(readBytes(target), oldBytes);
    } else if (scenario == "sizeLimit") {
        QVERIFY(writeBytes(target, oldBytes));
        {
            FileSizeLimit limit(64 * 1024);
            QVERIFY(limit.ok());
            message = writeError(target.toStdString(), big);
        }
        QCOMPARE(readBytes(target), oldBytes);
        // Within the limit the same save works.
        SafetensorsFile small;
        small.tensors.push_back({"w", {4}, {1, 2, 3, 4}});
        {
            FileSizeLimit limit(64 * 1024);
            QVERIFY(limit.ok());
            model::writeSafetensorsAtomic(target.toStdString(), small);
        }
        QCOMPARE(model::readSafetensors(target.toStdString()).tensors.size(), std::size_t(1));
    }
    const QString text = QString::fromStdString(message);
    QVERIFY2(!text.isEmpty(), "saving did not throw EngineError");
    QVERIFY2(text.contains(expected), qPrintable("message: " + text));
    QVERIFY2(text.contains(target), qPrintable("message does not name the target: " + text));
    QVERIFY2(leftoverTemporaries(checkDir).isEmpty(),
             qPrintable(leftoverTemporaries(checkDir).join(", ")));
}

void TestSafetensors::torchFixture_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QList<qint64>>("shape");

    const QList<QPair<QString, QList<qint64>>> params = {
        {"conv0.weight", {4, 1, 3, 3}},
        {"conv0.bias", {4}},
        {"bn0.weight", {4}},
        {"bn0.bias", {4}},
        {"conv1.weight", {6, 4, 3, 3}},
        {"conv1.bias", {6}},
        {"fc.weight", {7, 10}},
        {"fc.bias", {7}},
    };
    QList<QPair<QString, QList<qint64>>> all = params;
    for (int layer = 0; layer < 2; ++layer) {
        const qint64 in = layer == 0 ? 12 : 10;
        for (const char* dir : {"fwd", "bwd"}) {
            const QString prefix = QString("lstm%1.%2.").arg(layer).arg(dir);
            all.append({prefix + "weight_ih", {20, in}});
            all.append({prefix + "weight_hh", {20, 5}});
            all.append({prefix + "bias_ih", {20}});
            all.append({prefix + "bias_hh", {20}});
        }
    }
    for (const auto& [name, shape] : all) {
        for (const char* group : {"param.", "grad.", "after."}) {
            const QString full = group + name;
            QTest::newRow(qPrintable(full)) << full << shape;
        }
    }
    for (const char* group : {"param.", "after."}) {
        QTest::newRow(qPrintable(QString(group) + "bn0.running_mean"))
            << QString(group) + "bn0.running_mean" << QList<qint64>{4};
        QTest::newRow(qPrintable(QString(group) + "bn0.running_var"))
            << QString(group) + "bn0.running_var" << QList<qint64>{4};
    }
    const int widths[] = {16, 12, 10};
    for (int n = 0; n < 3; ++n) {
        QTest::newRow(qPrintable(QString("infer.x%1").arg(n)))
            << QString("infer.x%1").arg(n) << QList<qint64>{1, 1, 8, widths[n]};
        QTest::newRow(qPrintable(QString("infer.y%1").arg(n)))
            << QString("infer.y%1").arg(n) << QList<qint64>{widths[n] / 2, 7};
    }
    QTest::newRow("train.x") << "train.x" << QList<qint64>{4, 1, 8, 16};
    QTest::newRow("train.targets") << "train.targets" << QList<qint64>{10};
    QTest::newRow("train.target_lengths") << "train.target_lengths" << QList<qint64>{4};
    QTest::newRow("train.logprobs") << "train.logprobs" << QList<qint64>{8, 4, 7};
    QTest::newRow("train.loss") << "train.loss" << QList<qint64>{1};
}

void TestSafetensors::torchFixture()
{
    QFETCH(QString, name);
    QFETCH(QList<qint64>, shape);
    static const SafetensorsFile fixture = model::readSafetensors(INKLENS_TEST_DATA
                                                                  "/torch_crnn_small.safetensors");
    // 24 parameters x (param, grad, after) + 2 x 2 running stats + 6 infer + 5 train.
    QCOMPARE(fixture.tensors.size(), std::size_t(24 * 3 + 4 + 6 + 5));
    QCOMPARE(fixture.metadata.at("generator"),
             std::string("tests/fixtures/make_torch_fixtures.py"));
    QVERIFY(fixture.metadata.count("torch_version"));
    QVERIFY(fixture.metadata.count("architecture"));

    const TensorEntry* t = fixture.find(name.toStdString());
    QVERIFY2(t, qPrintable(name));
    QCOMPARE(t->shape, std::vector<std::int64_t>(shape.begin(), shape.end()));
    QCOMPARE(std::int64_t(t->data.size()), t->elementCount());

    if (name == "train.target_lengths") {
        QCOMPARE(t->data, std::vector<float>({3, 1, 4, 2}));
    } else if (name == "train.targets") {
        for (float label : t->data)
            QVERIFY(label >= 1 && label <= 6 && label == float(int(label)));
    } else if (name.startsWith("infer.y")) {
        // Log-probabilities: every frame sums to 1 in probability.
        for (std::int64_t f = 0; f < t->shape[0]; ++f) {
            double sum = 0;
            for (int c = 0; c < 7; ++c)
                sum += std::exp(double(t->data[std::size_t(f * 7 + c)]));
            QVERIFY(std::abs(sum - 1.0) < 1e-5);
        }
    } else if (name == "train.loss") {
        QVERIFY(t->data[0] > 0);
    }
}

QTEST_APPLESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
