// Faults (issue #17): every kind of file the program saves, under a full disk, in a
// read-only folder and in a process killed in the middle of the save; a damaged sample
// database; a model file replaced while the application reads with it. Nothing is lost:
// a failed save says which file and why, leaves the previous file as it was and no
// temporary file beside it, and works again once the fault is gone; a killed save leaves
// the old file or the new one, whole. docs/robustness.md holds the matrix proved here.
//
// A full disk is simulated with RLIMIT_FSIZE (SIGXFSZ ignored: a write() past the limit
// fails with EFBIG, as it fails with ENOSPC on a full disk): tests cannot mount a small
// tmpfs. A read-only folder is chmod 0555; root writes there anyway, so as root the test
// runs again in a child process with the user id of nobody.

#include "model/model_file.h"
#include "model/onnx_export.h"
#include "model/safetensors.h"
#include "nn/tensor.h"
#include "service/documents.h"
#include "service/fine_tuning.h"
#include "service/inkml.h"
#include "service/line_loader.h"
#include "service/model_versions.h"
#include "service/page_formats.h"
#include "service/page_reading.h"
#include "service/recognition_service.h"
#include "service/sample_store.h"
#include "test_models.h"
#include "training/dataset.h"
#include "training/synth.h"
#include "training/trainer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImage>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <grp.h>
#include <map>
#include <optional>
#include <thread>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace inklens;

namespace {

// The kinds of save, each with its target in the test's folder.
enum class Kind {
    Model,       // model::saveModel (inklens train/blend, fine-tuning)
    Checkpoint,  // training::Trainer::saveCheckpoint (inklens train --checkpoint)
    Text,        // service::writePageFile: the exports of a page
    PageXml,
    Hocr,
    Alto,
    Json,
    InkMl,         // service::saveInkDocument: the canvas saved
    Onnx,          // model::onnxModel + service::saveAtomically, as inklens export --onnx
    Manifest,      // training::writeManifest (inklens synth/restroke)
    LinePicture,   // service::saveGrayPng (inklens synth/restroke, train --dump)
    SampleAdd,     // service::SampleStore::add: a correction kept (SQLite)
    SampleExport,  // service::SampleStore::exportFolder: a ground-truth folder
    Version,       // service::ModelVersions::add: a fine-tuned model kept
};

const char* kindName(Kind k)
{
    switch (k) {
    case Kind::Model:
        return "model";
    case Kind::Checkpoint:
        return "checkpoint";
    case Kind::Text:
        return "export text";
    case Kind::PageXml:
        return "export PAGE XML";
    case Kind::Hocr:
        return "export hOCR";
    case Kind::Alto:
        return "export ALTO";
    case Kind::Json:
        return "export JSON";
    case Kind::InkMl:
        return "ink (InkML)";
    case Kind::Onnx:
        return "export ONNX";
    case Kind::Manifest:
        return "training manifest";
    case Kind::LinePicture:
        return "line picture (PNG)";
    case Kind::SampleAdd:
        return "sample store add";
    case Kind::SampleExport:
        return "sample store export";
    case Kind::Version:
        return "model version";
    }
    return "?";
}

const std::vector<Kind> kAllKinds = {
    Kind::Model,       Kind::Checkpoint, Kind::Text,         Kind::PageXml, Kind::Hocr,
    Kind::Alto,        Kind::Json,       Kind::InkMl,        Kind::Onnx,    Kind::Manifest,
    Kind::LinePicture, Kind::SampleAdd,  Kind::SampleExport, Kind::Version};

service::PageFormat pageFormat(Kind k)
{
    switch (k) {
    case Kind::PageXml:
        return service::PageFormat::Page;
    case Kind::Hocr:
        return service::PageFormat::Hocr;
    case Kind::Alto:
        return service::PageFormat::Alto;
    case Kind::Json:
        return service::PageFormat::Json;
    default:
        return service::PageFormat::Text;
    }
}

// The file (or folder) a kind writes, in dir.
QString target(Kind k, const QString& dir)
{
    const QDir d(dir);
    switch (k) {
    case Kind::Model:
        return d.filePath("model.safetensors");
    case Kind::Checkpoint:
        return d.filePath("run.checkpoint");
    case Kind::Text:
        return d.filePath("page.txt");
    case Kind::PageXml:
        return d.filePath("page.xml");
    case Kind::Hocr:
        return d.filePath("page.hocr");
    case Kind::Alto:
        return d.filePath("page.alto.xml");
    case Kind::Json:
        return d.filePath("page.json");
    case Kind::InkMl:
        return d.filePath("ink.inkml");
    case Kind::Onnx:
        return d.filePath("model.onnx");
    case Kind::Manifest:
        return d.filePath("manifest.tsv");
    case Kind::LinePicture:
        return d.filePath("line.png");
    case Kind::SampleAdd:
        return d.filePath("samples.sqlite");
    case Kind::SampleExport:
        return d.filePath("export");
    case Kind::Version:
        return d.filePath("models");
    }
    return {};
}

// About 1.2 MB of weights: big enough that a save takes milliseconds (kills land inside).
model::Model modelVersion(int v)
{
    model::CrnnSpec s;
    s.inputHeight = 16;
    s.activation = nn::Activation::LeakyReLU;
    s.convs = {{8, 3, true, 2, 2}, {16, 3, false, 2, 1}};
    s.lstmHidden = {96};
    s.numClasses = model::Charset::defaultLatin().size();
    model::Crnn net(s);
    net.initialize(3);
    model::Model m(std::move(net), model::Charset::defaultLatin());
    for (nn::Param* q : m.crnn.params())
        if (q->name == "fc.bias") {
            q->value.setConstant(float(v));
            q->touch();
        }
    return m;
}

// The version a model carries (its output bias), -1 when it is not one of ours.
int versionOf(model::Model& m)
{
    for (const nn::Param* q : m.crnn.params())
        if (q->name == "fc.bias" && q->value.size() > 0 && q->value.isConstant(q->value(0)))
            return int(q->value(0));
    return -1;
}

// A page of 1500 lines whose text names the version (about 60 KB of text, more as XML).
service::PageReading pageVersion(int v)
{
    service::PageReading page;
    page.file = QStringLiteral("scan.png");
    page.size = QSize(2000, 1500 * 30 + 100);
    for (int i = 0; i < 1500; ++i) {
        service::PageLineReading l;
        const float y = float(50 + 30 * i);
        l.line.polygon = {{10.f, y}, {1900.f, y}, {1900.f, y + 25}, {10.f, y + 25}};
        l.line.baseline = {{10.f, y + 20}, {1900.f, y + 20}};
        l.text = QStringLiteral("version %1 line %2 <&>").arg(v).arg(i);
        l.confidence = 0.5;
        page.lines.push_back(std::move(l));
    }
    return page;
}

// Ink of 400 strokes, the first point's x = the version (about 200 KB of InkML).
imaging::Ink inkVersion(int v)
{
    imaging::Ink ink;
    for (int s = 0; s < 400; ++s) {
        imaging::Stroke stroke;
        for (int i = 0; i < 20; ++i)
            stroke.points.push_back(
                {float(v + 3 * i), float(s % 40 + i % 7), float(s * 20 + i), 0.5f});
        ink.strokes.push_back(std::move(stroke));
    }
    return ink;
}

std::vector<training::ManifestRow> manifestVersion(int v)
{
    std::vector<training::ManifestRow> rows;
    for (int i = 0; i < 3000; ++i)
        rows.push_back({QStringLiteral("line%1.png").arg(i).toStdString(),
                        QStringLiteral("w%1").arg(i % 9).toStdString(), "train", "-",
                        QStringLiteral("version %1 line %2").arg(v).arg(i).toStdString()});
    return rows;
}

QByteArray manifestBytes(int v)
{
    QByteArray bytes = "file\twriter\tsplit\tflags\ttext\n";
    for (const auto& r : manifestVersion(v))
        bytes += QByteArray::fromStdString(r.file + '\t' + r.writer + '\t' + r.split + '\t'
                                           + r.flags + '\t' + r.text + '\n');
    return bytes;
}

// Noise (a PNG that does not compress: about 100 KB), seeded by the version.
cv::Mat pictureVersion(int v)
{
    cv::Mat gray(40, 2500, CV_8UC1);
    QRandomGenerator rng{quint32(v)};
    for (int y = 0; y < gray.rows; ++y)
        for (int x = 0; x < gray.cols; ++x)
            gray.at<uchar>(y, x) = uchar(rng.bounded(256));
    return gray;
}

// About 25 KB of InkML.
QByteArray sampleData(int i)
{
    imaging::Ink ink = inkVersion(i % 5);
    ink.strokes.resize(50);
    return service::writeInkMl(ink);
}

service::Sample sampleVersion(int v)
{
    service::Sample s;
    s.kind = service::Sample::Kind::Ink;
    s.data = sampleData(v);
    s.text = QStringLiteral("sample %1").arg(v);
    s.source = QStringLiteral("canvas");
    return s;
}

training::LineSample trainingLine()
{
    training::LineSample s;
    s.image.height = 16;
    s.image.width = 64;
    s.image.pixels.assign(16 * 64, 0.f);
    s.labels = {1, 2, 3};
    s.text = "abc";
    return s;
}

std::map<int, QByteArray>& onnxCache()
{
    static std::map<int, QByteArray> cache;
    return cache;
}

QByteArray onnxVersion(int v)
{
    auto it = onnxCache().find(v);
    if (it == onnxCache().end())
        it = onnxCache()
                 .emplace(v, QByteArray::fromStdString(model::onnxModel(modelVersion(v))))
                 .first;
    return it->second;
}

// PAGE XML carries the time it was written (Created, LastChange): left out to compare.
QByteArray withoutDates(const QByteArray& xml)
{
    static const QRegularExpression dates(QStringLiteral("<(Created|LastChange)>[^<]*</\\1>"));
    return QString::fromUtf8(xml).remove(dates).toUtf8();
}

QByteArray readBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// What a kind needs before its first save (the samples to export).
void prepare(Kind k, const QString& dir)
{
    if (k != Kind::SampleExport)
        return;
    auto store = service::SampleStore::open(QDir(dir).filePath("samples.sqlite"));
    for (int i = 1; i <= 4; ++i)
        store->add(sampleVersion(i));
}

// What changes before version v is saved (the samples' texts, for the export): done
// before the fault, so that the fault hits the save itself.
bool prepareVersion(Kind k, const QString& dir, int v, QString* error)
{
    if (k != Kind::SampleExport)
        return true;
    auto store = service::SampleStore::open(QDir(dir).filePath("samples.sqlite"), error);
    if (!store)
        return false;
    for (const service::Sample& s : store->samples(false))
        if (!store->relabel(s.id, QStringLiteral("text %1").arg(v), error))
            return false;
    return true;
}

// Saves version v of the kind's file (after prepareVersion); false and *error (the
// message the user sees).
bool save(Kind k, const QString& dir, int v, QString* error)
{
    const QString path = target(k, dir);
    try {
        switch (k) {
        case Kind::Model:
            model::saveModel(path.toStdString(), modelVersion(v));
            return true;
        case Kind::Checkpoint: {
            model::Model m = modelVersion(v);
            training::TrainOptions o;
            o.maxSteps = 1;
            training::Trainer trainer(m, {trainingLine()}, {}, o);
            trainer.saveCheckpoint(path.toStdString());
            return true;
        }
        case Kind::Text:
        case Kind::PageXml:
        case Kind::Hocr:
        case Kind::Alto:
        case Kind::Json:
            return service::writePageFile(path, pageVersion(v), pageFormat(k), error);
        case Kind::InkMl: {  // its message is the reason; the window names the file
            QString why;     // (ui::FileDialogs::warnCannotSave)
            if (service::saveInkDocument(path, inkVersion(v), &why))
                return true;
            *error = QStringLiteral("Cannot save %1:\n%2").arg(path, why);
            return false;
        }
        case Kind::Onnx: {  // app/cli_export.cpp
            QString why;
            if (service::saveAtomically(path, onnxVersion(v), &why))
                return true;
            *error = QStringLiteral("cannot write %1: %2").arg(path, why);
            return false;
        }
        case Kind::Manifest:
            training::writeManifest(dir.toStdString(), manifestVersion(v), false);
            return true;
        case Kind::LinePicture:
            return service::saveGrayPng(pictureVersion(v), path, error);
        case Kind::SampleAdd: {
            auto store = service::SampleStore::open(path, error);
            return store && store->add(sampleVersion(v), error);
        }
        case Kind::SampleExport: {
            auto store = service::SampleStore::open(QDir(dir).filePath("samples.sqlite"), error);
            return store && store->exportFolder(path, error) >= 0;
        }
        case Kind::Version: {
            service::FineTuningResult result(modelVersion(v));
            result.steps = v;
            return service::ModelVersions(path)
                .add(result, service::FineTuningOptions(), {}, QStringLiteral("samples"), error)
                .has_value();
        }
        }
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
    }
    return false;
}

// The file a temporary file left by a killed save was for (<file>.tmp-xxxxxxxx of
// model::writeFileAtomic, QSaveFile's <file>.XXXXXX); empty when name is no temporary.
QString temporaryOf(const QString& name)
{
    static const QRegularExpression temporary(
        QStringLiteral("^(.+)\\.(tmp-[0-9a-f]{8}|[A-Za-z0-9]{6})$"));
    const QRegularExpressionMatch m = temporary.match(name);
    return m.hasMatch() ? m.captured(1) : QString();
}

// Whether the kind's file holds one of the versions, whole (a folder: every file in it);
// *which gets the version found (a folder: the highest). *why says what is wrong.
bool holds(Kind k, const QString& dir, const QList<int>& versions, int* which, QString* why)
{
    const QString path = target(k, dir);
    auto found = [&](int v) {
        if (!versions.contains(v)) {
            *why = QStringLiteral("holds version %1, not one of %2")
                       .arg(v)
                       .arg(QString::number(versions.front()) + QStringLiteral("..")
                            + QString::number(versions.back()));
            return false;
        }
        *which = v;
        return true;
    };
    auto sameAs = [&](const QByteArray& bytes, const std::function<QByteArray(int)>& expected) {
        for (int v : versions)
            if (bytes == expected(v))
                return found(v);
        *why = QStringLiteral("%1 bytes, none of the versions").arg(bytes.size());
        return false;
    };
    try {
        switch (k) {
        case Kind::Model: {
            model::Model m = model::loadModel(path.toStdString());
            return found(versionOf(m));
        }
        case Kind::Checkpoint: {
            model::Model m = modelVersion(-5);
            training::TrainOptions o;
            o.maxSteps = 1;
            training::Trainer trainer(m, {trainingLine()}, {}, o);
            trainer.resume(path.toStdString());
            return found(versionOf(m));
        }
        case Kind::Text:
        case Kind::PageXml:
        case Kind::Hocr:
        case Kind::Alto:
        case Kind::Json:
            return sameAs(withoutDates(readBytes(path)), [k](int v) {
                return withoutDates(service::pageBytes(pageVersion(v), pageFormat(k)));
            });
        case Kind::InkMl:
            return sameAs(readBytes(path),
                          [](int v) { return service::writeInkMl(inkVersion(v)); });
        case Kind::Onnx:
            return sameAs(readBytes(path), onnxVersion);
        case Kind::Manifest:
            return sameAs(readBytes(path), manifestBytes);
        case Kind::LinePicture: {
            const QImage image(path);
            for (int v : versions) {
                const cv::Mat want = pictureVersion(v);
                bool same = image.width() == want.cols && image.height() == want.rows;
                for (int y = 0; same && y < want.rows; ++y)
                    same = std::memcmp(image.constScanLine(y), want.ptr(y), std::size_t(want.cols))
                           == 0;
                if (same && image.format() == QImage::Format_Grayscale8)
                    return found(v);
            }
            *why = QStringLiteral("not a whole picture of one of the versions");
            return false;
        }
        case Kind::SampleAdd: {
            QString error;
            auto store = service::SampleStore::open(path, &error);
            if (!store) {
                *why = error;
                return false;
            }
            // Samples 1..v, each whole, none missing, none half.
            const std::vector<service::Sample> all = store->samples();
            for (std::size_t i = 0; i < all.size(); ++i) {
                const int v = int(i) + 1;
                if (all[i].text != QStringLiteral("sample %1").arg(v)
                    || all[i].data != sampleData(v)) {
                    *why = QStringLiteral("sample %1 is not whole").arg(v);
                    return false;
                }
            }
            return found(int(all.size()));
        }
        case Kind::SampleExport: {
            // The samples' files (a save killed in the middle may leave its temporary file
            // beside them; the end of killedWhileSaving counts those).
            const QDir d(path);
            QStringList files;
            for (const QString& name : d.entryList(QDir::Files))
                if (temporaryOf(name).isEmpty())
                    files << name;
            const QStringList texts = files.filter(
                QRegularExpression(QStringLiteral("\\.gt\\.txt$")));
            if (texts.size() != 4 || files.size() != 8) {
                *why = QStringLiteral("%1 files: %2")
                           .arg(files.size())
                           .arg(files.join(QLatin1Char(' ')));
                return false;
            }
            int highest = -1;
            for (const QString& t : texts) {
                const QByteArray text = readBytes(d.filePath(t));
                bool ok = false;
                for (int v : versions)
                    ok = ok || text == QStringLiteral("text %1\n").arg(v).toUtf8();
                const int n = t.mid(7, 6).toInt();  // sample_000003.gt.txt
                if (!ok
                    || readBytes(d.filePath(t.left(13) + QStringLiteral(".inkml")))
                           != sampleData(n)) {
                    *why = QStringLiteral("%1 is not whole").arg(t);
                    return false;
                }
                highest = std::max(highest, text.mid(5).trimmed().toInt());
            }
            return found(highest);
        }
        case Kind::Version: {
            // Every version listed loads; the newest is one of ours.
            int newest = -1;
            for (const service::ModelVersion& mv : service::ModelVersions(path).list()) {
                if (!mv.ok()) {
                    *why = mv.error;
                    return false;
                }
                model::Model m = model::loadModel(mv.path.toStdString());
                newest = std::max(newest, versionOf(m));
            }
            return found(newest);
        }
        }
    } catch (const std::exception& e) {
        *why = QString::fromUtf8(e.what());
    }
    return false;
}

// Every file under dir (recursively) with its bytes, but the sample database, which
// SQLite may rewrite in place (its content is checked by holds()).
QMap<QString, QByteArray> snapshot(const QString& dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!QFileInfo(path).fileName().startsWith(QStringLiteral("samples.sqlite")))
            files.insert(QDir(dir).relativeFilePath(path), readBytes(path));
    }
    return files;
}

QString differences(const QMap<QString, QByteArray>& before, const QMap<QString, QByteArray>& after)
{
    QStringList out;
    for (auto it = before.begin(); it != before.end(); ++it)
        if (!after.contains(it.key()))
            out << QStringLiteral("%1 is gone").arg(it.key());
        else if (after.value(it.key()) != it.value())
            out << QStringLiteral("%1 changed").arg(it.key());
    for (auto it = after.begin(); it != after.end(); ++it)
        if (!before.contains(it.key()))
            out << QStringLiteral("%1 is new").arg(it.key());
    return out.join(QStringLiteral("; "));
}

// A disk that is full past `bytes` for every file this process writes while it lives.
class FullDisk
{
public:
    explicit FullDisk(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        m_ok = setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FullDisk()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    bool ok() const { return m_ok; }

private:
    rlimit m_saved{};
    void (*m_handler)(int) = nullptr;
    bool m_ok = false;
};

// The folders a kind writes in: made read-only (0555) while it lives.
class ReadOnly
{
public:
    explicit ReadOnly(QStringList dirs) : m_dirs(std::move(dirs))
    {
        for (const QString& d : m_dirs)
            ::chmod(QFile::encodeName(d).constData(), 0555);
    }
    ~ReadOnly()
    {
        for (const QString& d : m_dirs)
            ::chmod(QFile::encodeName(d).constData(), 0755);
    }

private:
    QStringList m_dirs;
};

// The child of killedWhileSaving: saves versions start, start + 1, ... of the kind's file,
// printing each version once it is saved, until it is killed.
int runSaveChild(Kind k, const QString& dir, int start)
{
    for (int v = start;; ++v) {
        QString error;
        if (!prepareVersion(k, dir, v, &error) || !save(k, dir, v, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 3;
        }
        std::printf("%d\n", v);
        std::fflush(stdout);
    }
}

// Relays a recognition service's signals: models loaded, failed, results.
struct ModelRelay : QObject
{
    QStringList loaded, failed;
    explicit ModelRelay(service::RecognitionService& s)
    {
        connect(&s, &service::RecognitionService::modelLoaded, this,
                [this](const std::shared_ptr<const model::Model>&, const QString& source) {
            loaded << source;
        });
        connect(&s, &service::RecognitionService::modelFailed, this,
                [this](const QString& message) { failed << message; });
        connect(&s, &service::RecognitionService::recognized, this,
                [this](const service::RecognitionResult&) { ++results; });
    }
    int results = 0;
};

constexpr int kTimeoutMs = 20000;

}  // namespace

class TestFaults : public QObject
{
    Q_OBJECT
private slots:
    void fullDisk_data();
    void fullDisk();
    void readOnlyFolder_data();
    void readOnlyFolder();
    void killedWhileSaving_data();
    void killedWhileSaving();
    void cliExportOnFullDisk();
    void smallFilesOnFullDisk();
    void sampleStoreGoesOnAfterFullDisk();
    void damagedSampleDatabase_data();
    void damagedSampleDatabase();
    void damagedDatabaseInReadOnlyFolder();
    void modelReplacedWhileReading();
    void modelSavedWhileLoaded();
    void trainingGoesOnWhenSavesFail();

private:
    void kinds();
};

void TestFaults::kinds()
{
    QTest::addColumn<int>("kind");
    for (Kind k : kAllKinds)
        QTest::newRow(kindName(k)) << int(k);
}

void TestFaults::fullDisk_data()
{
    kinds();
}

// Version 1 saved; version 2 on a full disk fails with a message naming the file, and
// leaves version 1 and nothing else; with space again version 2 saves.
void TestFaults::fullDisk()
{
    QFETCH(int, kind);
    const Kind k = Kind(kind);
    QTemporaryDir dir;
    prepare(k, dir.path());
    QString error, why;
    int which = 0;
    QVERIFY2(prepareVersion(k, dir.path(), 1, &error) && save(k, dir.path(), 1, &error),
             qPrintable(error));
    QVERIFY2(holds(k, dir.path(), {1}, &which, &why), qPrintable(why));
    QVERIFY2(prepareVersion(k, dir.path(), 2, &error), qPrintable(error));
    const auto before = snapshot(dir.path());

    // The database may not grow; any other file may not pass 8 KB.
    const qint64 limit = k == Kind::SampleAdd ? QFileInfo(target(k, dir.path())).size() : 8192;
    {
        FullDisk full{rlim_t(limit)};
        QVERIFY(full.ok());
        QVERIFY2(!save(k, dir.path(), 2, &error), "the save fails");
    }
    qDebug("%s: %s", kindName(k), qPrintable(error));
    QVERIFY2(error.contains(QFileInfo(target(k, dir.path())).fileName()), qPrintable(error));
    QVERIFY2(holds(k, dir.path(), {1}, &which, &why), qPrintable(why));
    const QString changed = differences(before, snapshot(dir.path()));
    QVERIFY2(changed.isEmpty(), qPrintable(changed));  // nothing half, no temporary file

    QVERIFY2(save(k, dir.path(), 2, &error), qPrintable(error));
    QVERIFY2(holds(k, dir.path(), {2}, &which, &why), qPrintable(why));
}

void TestFaults::readOnlyFolder_data()
{
    kinds();
}

// The same in a folder that cannot be written.
void TestFaults::readOnlyFolder()
{
    if (geteuid() == 0) {
        if (qEnvironmentVariableIsSet("INKLENS_FAULTS_AS_NOBODY"))
            QFAIL("still root");
        // Root writes in a read-only folder: run this test (and
        // damagedDatabaseInReadOnlyFolder) again as nobody, once for all rows (the first
        // row runs it; the others are in its output).
        QFETCH(int, kind);
        if (Kind(kind) != kAllKinds.front())
            QSKIP("run as nobody with the first row");
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("INKLENS_FAULTS_AS_NOBODY"), QStringLiteral("1"));
        env.insert(QStringLiteral("TMPDIR"), QStringLiteral("/tmp"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(
            QCoreApplication::applicationFilePath(),
            {QStringLiteral("readOnlyFolder"), QStringLiteral("damagedDatabaseInReadOnlyFolder")});
        QVERIFY(child.waitForFinished(120000));
        const QByteArray out = child.readAll();
        if (child.exitCode() == 77)
            QSKIP("cannot change to the user nobody: a read-only folder does not stop root");
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
                 out.constData());
        QVERIFY2(out.contains("Totals:") && !out.contains("SKIP"), out.constData());
        qDebug("as nobody:\n%s", out.constData());
        return;
    }
    QFETCH(int, kind);
    const Kind k = Kind(kind);
    QTemporaryDir dir;
    prepare(k, dir.path());
    QString error, why;
    int which = 0;
    QVERIFY2(prepareVersion(k, dir.path(), 1, &error) && save(k, dir.path(), 1, &error),
             qPrintable(error));
    QVERIFY2(prepareVersion(k, dir.path(), 2, &error), qPrintable(error));
    const auto before = snapshot(dir.path());
    {
        QStringList dirs = {dir.path()};
        if (QFileInfo(target(k, dir.path())).isDir())
            dirs << target(k, dir.path());
        ReadOnly readOnly(dirs);
        QVERIFY2(!save(k, dir.path(), 2, &error), "the save fails");
    }
    qDebug("%s: %s", kindName(k), qPrintable(error));
    QVERIFY2(error.contains(QFileInfo(target(k, dir.path())).fileName()), qPrintable(error));
    QVERIFY2(holds(k, dir.path(), {1}, &which, &why), qPrintable(why));
    const QString changed = differences(before, snapshot(dir.path()));
    QVERIFY2(changed.isEmpty(), qPrintable(changed));

    QVERIFY2(save(k, dir.path(), 2, &error), qPrintable(error));
    QVERIFY2(holds(k, dir.path(), {2}, &which, &why), qPrintable(why));
}

void TestFaults::killedWhileSaving_data()
{
    // hOCR, ALTO and JSON are written as text and PAGE XML are (writePageFile ->
    // saveAtomically); their full-disk and read-only rows run, not three more children.
    QTest::addColumn<int>("kind");
    for (Kind k : kAllKinds)
        if (k != Kind::Hocr && k != Kind::Alto && k != Kind::Json)
            QTest::newRow(kindName(k)) << int(k);
}

// A child saving version after version is killed at random moments (3 times): the file
// holds the last version it reported or the one it was saving, whole; the next child
// goes on from there.
void TestFaults::killedWhileSaving()
{
    QFETCH(int, kind);
    const Kind k = Kind(kind);
    QTemporaryDir dir;
    prepare(k, dir.path());
    QString error, why;
    int held = 1;
    QVERIFY2(prepareVersion(k, dir.path(), 1, &error) && save(k, dir.path(), 1, &error),
             qPrintable(error));
    QRandomGenerator rng(quint32(17 + kind));
    int insideSave = 0;
    const int rounds = 3;
    for (int round = 0; round < rounds; ++round) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("INKLENS_FAULTS_CHILD"),
                   QStringLiteral("%1 %2 %3").arg(kind).arg(held + 1).arg(dir.path()));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QVERIFY2(child.waitForReadyRead(kTimeoutMs), child.readAllStandardError().constData());
        QTest::qWait(int(rng.bounded(1, 40)));
        child.kill();
        QVERIFY(child.waitForFinished(10000));
        int printed = held;
        for (const QByteArray& line : child.readAllStandardOutput().split('\n'))
            if (!line.trimmed().isEmpty())
                printed = std::max(printed, line.trimmed().toInt());
        QVERIFY2(printed > held, "the child saved at least once");
        QVERIFY2(holds(k, dir.path(), {printed, printed + 1}, &held, &why),
                 qPrintable(QStringLiteral("round %1, the child printed %2: %3")
                                .arg(round)
                                .arg(printed)
                                .arg(why)));
        insideSave += held == printed + 1;
    }
    // Nothing else is left but, seldom, the temporary file of a save killed in the moment
    // between naming it (complete) and renaming it over the target (both writers: unnamed
    // until complete, then named and renamed at once); never taken for the file (holds()
    // read the file itself). And SQLite's journal, which it plays back at the next opening.
    int leftTemporary = 0;
    const QStringList expected = {QFileInfo(target(k, dir.path())).fileName(),
                                  QStringLiteral("samples.sqlite"),
                                  QStringLiteral("samples.sqlite-journal")};
    QStringList left = QDir(dir.path()).entryList(QDir::Files);
    for (const QString& name : left)
        if (!expected.contains(name)) {
            QVERIFY2(expected.contains(temporaryOf(name)),
                     qPrintable(name + QStringLiteral(" is left")));
            ++leftTemporary;
        }
    if (k == Kind::Version || k == Kind::SampleExport) {
        const QDir folder(target(k, dir.path()));
        int whole = 0;
        for (const QString& name : folder.entryList(QDir::Files)) {
            const bool mine = k == Kind::Version ? name.endsWith(QStringLiteral(".safetensors"))
                                                 : name.startsWith(QStringLiteral("sample_"))
                                                       && temporaryOf(name).isEmpty();
            whole += mine;
            if (!mine) {
                QVERIFY2(!temporaryOf(name).isEmpty(), qPrintable(name));
                ++leftTemporary;
            }
            left << name;
        }
        if (k == Kind::SampleExport)
            QCOMPARE(whole, 8);
    }
    qDebug("%s: %d rounds, last version %d, %d kills after the write and before the report, "
           "%d temporary files left; files: %s",
           kindName(k), rounds, held, insideSave, leftTemporary,
           qPrintable(left.join(QLatin1Char(' '))));
}

// inklens export --onnx on a full disk: exit code 1, the file named, the old file whole.
void TestFaults::cliExportOnFullDisk()
{
    QTemporaryDir dir;
    const QString modelPath = dir.filePath("m.safetensors");
    model::saveModel(modelPath.toStdString(), modelVersion(1));
    const QString out = dir.filePath("m.onnx");
    QFile old(out);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("the old export");
    old.close();

    QProcess cli;
    cli.setChildProcessModifier([] {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{};
        getrlimit(RLIMIT_FSIZE, &limit);
        limit.rlim_cur = 8192;
        setrlimit(RLIMIT_FSIZE, &limit);
    });
    cli.start(QStringLiteral(INKLENS_BIN), {QStringLiteral("export"), QStringLiteral("--model"),
                                            modelPath, QStringLiteral("--onnx"), out});
    QVERIFY(cli.waitForFinished(60000));
    const QString err = QString::fromLocal8Bit(cli.readAllStandardError());
    qDebug("inklens export: %s", qPrintable(err.trimmed()));
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY2(err.contains(out), qPrintable(err));
    QCOMPARE(readBytes(out), QByteArray("the old export"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);  // no temporary file

    cli.setChildProcessModifier({});
    cli.start(QStringLiteral(INKLENS_BIN), {QStringLiteral("export"), QStringLiteral("--model"),
                                            modelPath, QStringLiteral("--onnx"), out});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    QCOMPARE(readBytes(out), onnxVersion(1));
}

// Files small enough to stay in QSaveFile's buffer until commit(): Qt 6.4's commit() does
// not see the write error of that last flush and renames the cut file over the old one
// (a sample export on a full disk reported success and left cut files). saveAtomically
// flushes and checks first; every QSaveFile of the program goes through it.
void TestFaults::smallFilesOnFullDisk()
{
    QTemporaryDir dir;
    const QString file = dir.filePath("small.txt");
    QVERIFY(service::saveAtomically(file, "old"));
    QString why;
    {
        FullDisk full{1};
        QVERIFY(full.ok());
        QVERIFY(!service::saveAtomically(file, QByteArray(5000, 'n'), &why));
    }
    qDebug("saveAtomically: %s", qPrintable(why));
    QCOMPARE(readBytes(file), QByteArray("old"));

    // A sample export of small samples.
    auto store = service::SampleStore::open(dir.filePath("samples.sqlite"));
    QVERIFY(store);
    imaging::Ink ink = inkVersion(1);
    ink.strokes.resize(2);  // about 2 KB of InkML
    service::Sample s = sampleVersion(1);
    s.data = service::writeInkMl(ink);
    QVERIFY(store->add(s));
    const QString out = dir.filePath("export");
    QCOMPARE(store->exportFolder(out), 1);
    const auto before = snapshot(out);
    QVERIFY(store->relabel(store->samples(false).front().id, QStringLiteral("new text")));
    QString error;
    {
        FullDisk full{1};
        QVERIFY(full.ok());
        QCOMPARE(store->exportFolder(out, &error), -1);
    }
    qDebug("exportFolder: %s", qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("sample_000001")));
    const QString changed = differences(before, snapshot(out));
    QVERIFY2(changed.isEmpty(), qPrintable(changed));
}

// The window keeps its sample store open: a correction refused on a full disk, the same
// store takes the next one once there is space, and has lost none.
void TestFaults::sampleStoreGoesOnAfterFullDisk()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("samples.sqlite");
    auto store = service::SampleStore::open(path);
    QVERIFY(store);
    QVERIFY(store->add(sampleVersion(1)));
    QString error;
    {
        FullDisk full{rlim_t(QFileInfo(path).size())};
        QVERIFY(full.ok());
        QVERIFY(!store->add(sampleVersion(2), &error));
    }
    QVERIFY2(store->add(sampleVersion(2), &error), qPrintable(error));
    QCOMPARE(store->count(), 2);
    const std::vector<service::Sample> all = store->samples();
    QCOMPARE(all[1].data, sampleData(2));
    QCOMPARE(all[0].data, sampleData(1));
    QCOMPARE(all[1].text, QStringLiteral("sample 2"));
}

void TestFaults::damagedSampleDatabase_data()
{
    QTest::addColumn<int>("damage");
    QTest::newRow("cut in half") << 0;
    QTest::newRow("header zeroed") << 1;
    QTest::newRow("pages garbled") << 2;
    QTest::newRow("empty file") << 3;
}

// A damaged database is reported once, kept byte for byte under another name, and a new
// one started.
void TestFaults::damagedSampleDatabase()
{
    QFETCH(int, damage);
    QTemporaryDir dir;
    const QString path = dir.filePath("samples.sqlite");
    {
        auto store = service::SampleStore::open(path);
        QVERIFY(store);
        for (int i = 1; i <= 8; ++i)  // about 200 KB
            QVERIFY(store->add(sampleVersion(i)));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    if (damage == 0) {
        f.resize(size / 2);
    } else if (damage == 1) {
        f.write(QByteArray(100, '\0'));
    } else if (damage == 2) {
        f.seek(4096);
        f.write(QByteArray(int(size / 2), '\x5a'));
    } else {
        f.resize(0);
    }
    f.close();
    const QByteArray damaged = readBytes(path);

    QString error, notice;
    auto store = service::SampleStore::open(path, &error, &notice);
    QVERIFY2(store, qPrintable(error));
    if (damage == 3) {  // SQLite starts an empty file as a new database: nothing to set aside
        QVERIFY(notice.isEmpty());
        QCOMPARE(store->count(), 0);
        return;
    }
    qDebug("%s", qPrintable(notice));
    QVERIFY2(!notice.isEmpty(), "the user is told");
    QCOMPARE(store->count(), 0);
    QVERIFY(store->add(sampleVersion(1)));
    const QStringList aside =
        QDir(dir.path()).entryList({QStringLiteral("samples.sqlite.corrupt-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QVERIFY(notice.contains(aside.front()));
    QCOMPARE(readBytes(dir.filePath(aside.front())), damaged);  // kept as it was

    // Opened again: the new database, no new notice.
    store.reset();
    notice.clear();
    store = service::SampleStore::open(path, &error, &notice);
    QVERIFY(store);
    QVERIFY(notice.isEmpty());
    QCOMPARE(store->count(), 1);
}

// Damaged, and the folder cannot be written: it cannot be set aside; an error, and the
// file stays where and as it is.
void TestFaults::damagedDatabaseInReadOnlyFolder()
{
    if (geteuid() == 0)
        QSKIP("root writes in a read-only folder: readOnlyFolder runs this as nobody");
    QTemporaryDir dir;
    const QString path = dir.filePath("samples.sqlite");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(5000, 'x'));
    f.close();
    QString error, notice;
    {
        ReadOnly readOnly({dir.path()});
        QVERIFY(!service::SampleStore::open(path, &error, &notice));
    }
    qDebug("%s", qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("samples.sqlite")), qPrintable(error));
    QCOMPARE(readBytes(path), QByteArray(5000, 'x'));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

// The model file replaced while the application reads with it: the model in memory
// reads on; reloading a cut, garbage or empty file says why and keeps the model; a
// valid new file is taken.
void TestFaults::modelReplacedWhileReading()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("model.safetensors");
    model::saveModel(path.toStdString(), *testing::tinyModel(7));
    const QByteArray good = readBytes(path);

    service::RecognitionService service;
    ModelRelay relay(service);
    service.loadModel(path);
    QTRY_COMPARE_WITH_TIMEOUT(relay.loaded.size(), 1, kTimeoutMs);
    const auto loaded = service.model();
    QVERIFY(loaded);

    const QList<QByteArray> replacements = {good.left(good.size() / 2), QByteArray(5000, 'x'),
                                            QByteArray(), good.left(8)};
    for (const QByteArray& bytes : replacements) {
        // Replaced in place, as a careless copy would (not atomically).
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        f.close();
        const int results = relay.results;
        service.recognize(testing::loopInk(3));  // reads on with the model in memory
        QTRY_COMPARE_WITH_TIMEOUT(relay.results, results + 1, kTimeoutMs);

        const int failures = relay.failed.size();
        service.loadModel(path);
        QTRY_COMPARE_WITH_TIMEOUT(relay.failed.size(), failures + 1, kTimeoutMs);
        qDebug("%lld bytes: %s", static_cast<long long>(bytes.size()),
               qPrintable(relay.failed.back()));
        QVERIFY2(relay.failed.back().contains(path), qPrintable(relay.failed.back()));
        QCOMPARE(service.modelState(), service::RecognitionService::ModelState::Ready);
        QCOMPARE(service.model(), loaded);  // kept
        service.recognize(testing::loopInk(2));
        QTRY_COMPARE_WITH_TIMEOUT(relay.results, results + 2, kTimeoutMs);
    }

    // A change of writing language does not read the model file again: with garbage there,
    // the network in memory goes on with the language's language model (none here).
    const int failures = relay.failed.size();
    service.setWritingLanguage(QStringLiteral("fr"));
    QTRY_COMPARE_WITH_TIMEOUT(relay.loaded.size(), 2, kTimeoutMs);
    QCOMPARE(relay.failed.size(), failures);
    const auto ours = service.model()->crnn.params(), theirs = loaded->crnn.params();
    QCOMPARE(ours.size(), theirs.size());
    for (std::size_t i = 0; i < ours.size(); ++i)
        QVERIFY(ours[i]->value == theirs[i]->value);
    QCOMPARE(service.modelMessage(), path);
    {
        const int before = relay.results;
        service.recognize(testing::loopInk(2));
        QTRY_COMPARE_WITH_TIMEOUT(relay.results, before + 1, kTimeoutMs);
    }

    // A valid model put there (atomically) is read when asked.
    model::saveModel(path.toStdString(), *testing::tinyModel(8));
    service.loadModel(path);
    QTRY_COMPARE_WITH_TIMEOUT(relay.loaded.size(), 3, kTimeoutMs);
    QVERIFY(service.model() != loaded);
    const int results = relay.results;
    service.recognize(testing::loopInk(2));
    QTRY_COMPARE_WITH_TIMEOUT(relay.results, results + 1, kTimeoutMs);
}

// A model saved again and again (as training saves its best) while another thread loads
// it: every load gets one whole version, never a mix or a cut file.
void TestFaults::modelSavedWhileLoaded()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("model.safetensors").toStdString();
    model::saveModel(path, modelVersion(1));
    std::atomic_bool done{false};
    std::atomic_int saves{0};
    std::thread writer([&] {
        for (int v = 2; !done.load(); ++v) {
            model::saveModel(path, modelVersion(v % 2 ? 1 : 2));
            ++saves;
        }
    });
    int loads = 0;
    QString problem;
    for (; loads < 40 && problem.isEmpty(); ++loads) {
        try {
            model::Model m = model::loadModel(path);
            const int v = versionOf(m);
            if (v != 1 && v != 2)
                problem = QStringLiteral("load %1 gave version %2").arg(loads).arg(v);
        } catch (const std::exception& e) {
            problem = QString::fromUtf8(e.what());
        }
    }
    done = true;
    writer.join();
    qDebug("%d loads during %d saves", loads, saves.load());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(saves.load() > 0);
}

// inklens train on a disk that fills up: a checkpoint or best model that cannot be saved
// is reported and training goes on, the last good files stay whole; the end of the run,
// which cannot save either, throws with the file named. With space again it saves.
void TestFaults::trainingGoesOnWhenSavesFail()
{
    QTemporaryDir dir;
    const std::string checkpoint = dir.filePath("run.checkpoint").toStdString();
    const std::string best = dir.filePath("best.safetensors").toStdString();
    model::Model m = *testing::tinyModel(5);
    std::vector<training::LineSample> lines;
    for (int i = 0; i < 4; ++i) {
        training::LineSample s = trainingLine();
        for (int x = 4 + i; x < 60; x += 9)
            for (int y = 4; y < 12; ++y)
                s.image.pixels[std::size_t(y * 64 + x)] = 1.f;
        lines.push_back(s);
    }
    double seconds = 0;
    training::TrainOptions o;
    o.maxSteps = 4;
    o.batchSize = 2;
    o.augment = false;
    o.validateEverySteps = 2;
    o.checkpointMinutes = 0;  // after every step
    o.checkpointPath = checkpoint;
    o.outputPath = best;
    o.clock = [&] { return seconds += 1; };
    training::Trainer trainer(m, lines, {lines[0], lines[1]}, o);
    trainer.saveCheckpoint(checkpoint);
    const QByteArray before = readBytes(QString::fromStdString(checkpoint));

    std::vector<training::TrainProgress> reports;
    QString thrown;
    {
        FullDisk full{8192};
        QVERIFY(full.ok());
        try {
            trainer.run([&](const training::TrainProgress& p) { reports.push_back(p); },
                        std::atomic_bool(false));
        } catch (const std::exception& e) {
            thrown = QString::fromUtf8(e.what());
        }
    }
    qDebug("thrown at the end: %s", qPrintable(thrown));
    QVERIFY2(!thrown.isEmpty(), "the end of the run cannot save: it says so");
    QVERIFY(thrown.contains(QStringLiteral("best.safetensors"))
            || thrown.contains(QStringLiteral("run.checkpoint")));
    QVERIFY(!reports.empty());
    QCOMPARE(reports.back().step, 4);  // trained to the end
    int failedCheckpoints = 0, failedModels = 0;
    for (const auto& r : reports) {
        failedCheckpoints += r.saveError.find("run.checkpoint") != std::string::npos;
        failedModels += r.saveError.find("best.safetensors") != std::string::npos;
    }
    QVERIFY2(failedCheckpoints + failedModels >= 2, "failed saves are reported as they happen");
    QCOMPARE(readBytes(QString::fromStdString(checkpoint)), before);  // the last good one
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"run.checkpoint"});

    // Space again: the next run saves both.
    o.maxSteps = 6;
    training::Trainer again(m, lines, {lines[0], lines[1]}, o);
    again.resume(checkpoint);
    const auto last = again.run({}, std::atomic_bool(false));
    QVERIFY(last.saveError.empty());
    QVERIFY(readBytes(QString::fromStdString(checkpoint)) != before);
    QVERIFY(QFileInfo::exists(QString::fromStdString(best)));
    model::loadModel(best);
}

int main(int argc, char** argv)
{
    const QByteArray child = qgetenv("INKLENS_FAULTS_CHILD");
    if (qEnvironmentVariableIsSet("INKLENS_FAULTS_AS_NOBODY") && geteuid() == 0) {
        // nobody: 65534 on Debian. 77 tells the parent it could not change.
        if (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
            return 77;
        // A changed user id makes the process not dumpable, and LeakSanitizer (the ASan
        // build) could not stop its threads at exit.
        prctl(PR_SET_DUMPABLE, 1);
    }
    QCoreApplication app(argc, argv);
    if (!child.isEmpty()) {
        const QList<QByteArray> parts = child.split(' ');
        return runSaveChild(
            Kind(parts.value(0).toInt()),
            QString::fromLocal8Bit(child.mid(parts[0].size() + parts[1].size() + 2)),
            parts.value(1).toInt());
    }
    TestFaults test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_faults.moc"
