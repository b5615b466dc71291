// service::SampleStore: the user's corrected samples in SQLite (issue #15): add, list,
// relabel, exclude, delete; ground-truth folders out and in; a damaged database set aside,
// never deleted; a folder that cannot be made; a process killed while adding loses no
// sample it finished and leaves no half sample.

#include "service/inkml.h"
#include "service/sample_store.h"
#include "training/dataset.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace inklens;
using service::Sample;
using service::SampleStore;

namespace {
QByteArray inkBytes(int seed)
{
    imaging::Ink ink;
    imaging::Stroke s;
    for (int i = 0; i < 20; ++i)
        s.points.push_back({float(i * 3 + seed), float((i * 7 + seed) % 11), float(i * 10), 0.5f});
    ink.strokes.push_back(s);
    return service::writeInkMl(ink);
}

QByteArray pngBytes()
{
    QImage image(40, 12, QImage::Format_Grayscale8);
    image.fill(255);
    for (int x = 5; x < 35; ++x)
        image.setPixel(x, 6, qRgb(0, 0, 0));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

Sample inkSample(const QString& text, int seed = 0)
{
    Sample s;
    s.kind = Sample::Kind::Ink;
    s.data = inkBytes(seed);
    s.text = text;
    s.recognized = QStringLiteral("misread");
    s.source = QStringLiteral("canvas");
    return s;
}

// The child of killedWhileAdding: adds samples one after another, printing each id once
// it is stored, until it is killed.
int runChild(const QString& path)
{
    std::optional<SampleStore> store = SampleStore::open(path);
    if (!store)
        return 2;
    for (int i = 0;; ++i) {
        Sample s = inkSample(QStringLiteral("line %1").arg(i), i);
        s.data += QByteArray(4096 * (i % 7), ' ');  // sizes vary: pages of the file change
        const auto id = store->add(s);
        if (!id)
            return 3;
        std::printf("%lld\n", static_cast<long long>(*id));
        std::fflush(stdout);
    }
}
}  // namespace

class TestSampleStore : public QObject
{
    Q_OBJECT
private slots:
    void addListChange();
    void keptAcrossOpenings();
    void refusesEmptySamples();
    void foldersOutAndIn();
    void damagedDatabaseSetAside_data();
    void damagedDatabaseSetAside();
    void folderThatCannotBeMade();
    void killedWhileAdding();
};

void TestSampleStore::addListChange()
{
    QTemporaryDir dir;
    QString error;
    std::optional<SampleStore> store = SampleStore::open(dir.filePath("samples.sqlite"), &error);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(store->count(), 0);
    const auto a = store->add(inkSample(QStringLiteral("aqua")), &error);
    QVERIFY2(a, qPrintable(error));
    Sample picture;
    picture.kind = Sample::Kind::Image;
    picture.data = pngBytes();
    picture.text = QStringLiteral("une ligne");
    picture.source = QStringLiteral("page.jpg line 3");
    const auto b = store->add(picture, &error);
    QVERIFY2(b, qPrintable(error));
    QVERIFY(*a != *b);

    std::vector<Sample> all = store->samples(false);
    QCOMPARE(all.size(), std::size_t(2));
    QCOMPARE(all[0].text, QStringLiteral("aqua"));
    QCOMPARE(all[0].recognized, QStringLiteral("misread"));
    QCOMPARE(all[0].source, QStringLiteral("canvas"));
    QVERIFY(all[0].data.isEmpty());  // the list leaves the data out
    QVERIFY(all[0].created.isValid());
    QVERIFY(std::abs(all[0].created.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QCOMPARE(all[1].kind, Sample::Kind::Image);
    QCOMPARE(store->sample(*b)->data, picture.data);

    QVERIFY(store->relabel(*a, QStringLiteral("aquarelle"), &error));
    QCOMPARE(store->sample(*a)->text, QStringLiteral("aquarelle"));
    QVERIFY(store->setExcluded(*b, true, &error));
    QCOMPARE(store->count(), 2);
    QCOMPARE(store->count(false), 1);
    QVERIFY(store->sample(*b)->excluded);
    QVERIFY(store->remove(*a, &error));
    QCOMPARE(store->count(), 1);
    QVERIFY(!store->sample(*a));
    QVERIFY(!store->remove(*a, &error));  // gone already
    QVERIFY(!error.isEmpty());
    QVERIFY(!store->relabel(*b, QStringLiteral("  "), &error));
}

void TestSampleStore::keptAcrossOpenings()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("sub/folder/samples.sqlite");  // folders made
    {
        std::optional<SampleStore> store = SampleStore::open(path);
        QVERIFY(store);
        QVERIFY(store->add(inkSample(QStringLiteral("one"))));
        QVERIFY(store->add(inkSample(QStringLiteral("two"))));
    }
    std::optional<SampleStore> again = SampleStore::open(path);
    QVERIFY(again);
    const std::vector<Sample> all = again->samples();
    QCOMPARE(all.size(), std::size_t(2));
    QCOMPARE(all[1].text, QStringLiteral("two"));
    QCOMPARE(all[1].data, inkBytes(0));
    // Two stores open at once (the window and a fine-tuning) each see the other's adds.
    std::optional<SampleStore> second = SampleStore::open(path);
    QVERIFY(second);
    QVERIFY(second->add(inkSample(QStringLiteral("three"))));
    QCOMPARE(again->count(), 3);
}

void TestSampleStore::refusesEmptySamples()
{
    QTemporaryDir dir;
    std::optional<SampleStore> store = SampleStore::open(dir.filePath("s.sqlite"));
    QVERIFY(store);
    QString error;
    Sample noText = inkSample(QString());
    QVERIFY(!store->add(noText, &error));
    QVERIFY(!error.isEmpty());
    Sample noData = inkSample(QStringLiteral("text"));
    noData.data.clear();
    QVERIFY(!store->add(noData));
    QCOMPARE(store->count(), 0);
}

void TestSampleStore::foldersOutAndIn()
{
    QTemporaryDir dir;
    std::optional<SampleStore> store = SampleStore::open(dir.filePath("a.sqlite"));
    QVERIFY(store);
    QVERIFY(store->add(inkSample(QStringLiteral("été à Noël"), 1)));
    Sample picture;
    picture.kind = Sample::Kind::Image;
    picture.data = pngBytes();
    picture.text = QStringLiteral("a picture");
    QVERIFY(store->add(picture));
    Sample hidden = inkSample(QStringLiteral("excluded"), 2);
    hidden.excluded = true;
    QVERIFY(store->add(hidden));

    QString error;
    const QString out = dir.filePath("exported");
    QCOMPARE(store->exportFolder(out, &error), 2);  // the excluded one stays home
    const QStringList files = QDir(out).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 4);
    QCOMPARE(files.filter(QStringLiteral(".gt.txt")).size(), 2);
    QCOMPARE(files.filter(QStringLiteral(".inkml")).size(), 1);
    QCOMPARE(files.filter(QStringLiteral(".png")).size(), 1);
    // The folder is what 'inklens finetune --samples', 'eval' and 'train' read: both samples,
    // the ink among them, with their texts.
    const auto listed = training::listGroundTruth(out.toStdString());
    QCOMPARE(listed.size(), std::size_t(2));
    QStringList texts;
    for (const auto& line : listed)
        texts << QString::fromStdString(line.text);
    texts.sort();
    QCOMPARE(texts, (QStringList{QStringLiteral("a picture"), QStringLiteral("été à Noël")}));

    // A file without its text and a damaged one are skipped, not fatal.
    QFile lone(QDir(out).filePath("lone.inkml"));
    QVERIFY(lone.open(QIODevice::WriteOnly));
    lone.write(inkBytes(3));
    lone.close();
    QFile broken(QDir(out).filePath("broken.png"));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not a png");
    broken.close();
    QFile brokenGt(QDir(out).filePath("broken.gt.txt"));
    QVERIFY(brokenGt.open(QIODevice::WriteOnly));
    brokenGt.write("text");
    brokenGt.close();

    // A text larger than a line's can be: skipped unread (the ink itself is fine).
    QFile huge(QDir(out).filePath("huge.inkml"));
    QVERIFY(huge.open(QIODevice::WriteOnly));
    huge.write(inkBytes(3));
    huge.close();
    QFile hugeGt(QDir(out).filePath("huge.gt.txt"));
    QVERIFY(hugeGt.open(QIODevice::WriteOnly));
    hugeGt.write(QByteArray(service::kMaxSampleTextBytes + 1, 'a'));
    hugeGt.close();

    std::optional<SampleStore> other = SampleStore::open(dir.filePath("b.sqlite"));
    QVERIFY(other);
    int skipped = -1;
    QCOMPARE(other->importFolder(out, &error, &skipped), 2);
    QCOMPARE(skipped, 3);
    const std::vector<Sample> in = other->samples();
    QCOMPARE(in.size(), std::size_t(2));
    const std::vector<Sample> before = store->samples();
    for (std::size_t i = 0; i < 2; ++i) {
        QCOMPARE(in[i].text, before[i].text);
        QCOMPARE(in[i].kind, before[i].kind);
        QCOMPARE(in[i].data, before[i].data);
        QVERIFY(in[i].source.startsWith(out));
    }
    QCOMPARE(other->importFolder(dir.filePath("no such folder"), &error), -1);
    QVERIFY(!error.isEmpty());
}

void TestSampleStore::damagedDatabaseSetAside_data()
{
    QTest::addColumn<int>("damage");
    QTest::newRow("not sqlite") << 0;
    QTest::newRow("pages overwritten") << 1;
}

void TestSampleStore::damagedDatabaseSetAside()
{
    QFETCH(int, damage);
    QTemporaryDir dir;
    const QString path = dir.filePath("samples.sqlite");
    {
        std::optional<SampleStore> store = SampleStore::open(path);
        QVERIFY(store);
        for (int i = 0; i < 200; ++i)
            QVERIFY(store->add(inkSample(QStringLiteral("sample %1").arg(i), i)));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    if (damage == 0) {
        f.resize(0);
        f.write(QByteArray(5000, 'x'));
    } else {
        // The header stays, pages after it become garbage.
        QVERIFY(f.size() > 16384);
        f.seek(4096);
        f.write(QByteArray(int(f.size()) - 4096, '\x5a'));
    }
    f.close();
    QFile damaged(path);
    QVERIFY(damaged.open(QIODevice::ReadOnly));
    const QByteArray damagedBytes = damaged.readAll();
    damaged.close();

    QString error, notice;
    std::optional<SampleStore> store = SampleStore::open(path, &error, &notice);
    QVERIFY2(store, qPrintable(error));
    QVERIFY2(!notice.isEmpty(), "the user is told");
    QCOMPARE(store->count(), 0);  // a new database
    QVERIFY(store->add(inkSample(QStringLiteral("new"))));
    const QStringList aside =
        QDir(dir.path()).entryList({QStringLiteral("samples.sqlite.corrupt-*")}, QDir::Files);
    QCOMPARE(aside.size(), 1);
    QVERIFY(notice.contains(aside.front()));
    QFile kept(QDir(dir.path()).filePath(aside.front()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), damagedBytes);  // kept as it was, not deleted
}

void TestSampleStore::folderThatCannotBeMade()
{
    QTemporaryDir dir;
    QFile file(dir.filePath("a-file"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    QVERIFY(!SampleStore::open(dir.filePath("a-file/samples.sqlite"), &error));
    QVERIFY(error.contains(QStringLiteral("a-file")));
}

void TestSampleStore::killedWhileAdding()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("samples.sqlite");
    QRandomGenerator rng(7);
    int lastPrinted = 0;
    for (int round = 0; round < 6; ++round) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("INKLENS_SAMPLE_STORE_CHILD"), path);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QVERIFY(child.waitForReadyRead(10000));  // it is adding
        QTest::qWait(int(rng.bounded(5, 120)));
        child.kill();
        QVERIFY(child.waitForFinished(10000));
        const QList<QByteArray> printed = child.readAllStandardOutput().split('\n');
        for (const QByteArray& line : printed)
            if (!line.trimmed().isEmpty())
                lastPrinted = std::max(lastPrinted, line.trimmed().toInt());

        std::optional<SampleStore> store = SampleStore::open(path);
        QVERIFY(store);
        const std::vector<Sample> all = store->samples();
        QVERIFY(!all.empty());
        // Every sample it said it stored is there, and every sample there is whole.
        QVERIFY2(all.back().id >= lastPrinted,
                 qPrintable(QString("stored up to %1, printed %2").arg(all.back().id).arg(lastPrinted)));
        for (const Sample& s : all) {
            QVERIFY(s.text.startsWith(QStringLiteral("line ")));
            QVERIFY(service::readInkMl(s.data).has_value());
        }
    }
    qDebug("%d samples stored over 6 killed processes", lastPrinted);
}

int main(int argc, char** argv)
{
    const QByteArray child = qgetenv("INKLENS_SAMPLE_STORE_CHILD");
    if (!child.isEmpty()) {
        QCoreApplication app(argc, argv);
        return runChild(QString::fromLocal8Bit(child));
    }
    QCoreApplication app(argc, argv);
    TestSampleStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_sample_store.moc"
