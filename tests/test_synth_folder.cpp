// The synthetic ground-truth folder 'inklens synth' writes (core/service/synth_folder):
// pictures or InkML + .gt.txt + a manifest that listGroundTruth reads back, the same bytes
// whatever the thread count, rows of an earlier run kept, a folder that cannot be written
// reported without a manifest. Needs Debian's hershey-fonts-data.

#include "service/synth_folder.h"

#include "nn/tensor.h"
#include "service/inkml.h"
#include "service/line_loader.h"
#include "training/dataset.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace inklens;

namespace {

QByteArray folderDigest(const QString& dir)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    for (const QString& name : QDir(dir).entryList(QDir::Files, QDir::Name)) {
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        hash.addData(name.toUtf8());
        hash.addData(f.readAll());
    }
    return hash.result().toHex();
}

}  // namespace

class TestSynthFolder : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void writesAFolderThatListsBack();
    void sameBytesWhateverTheThreads();
    void inkmlAndContinuedRuns();
    void unwritableFolder();

private:
    std::unique_ptr<training::SyntheticGenerator> generator(bool heldOut = false) const;
    std::vector<std::shared_ptr<const training::HersheyFont>> m_hershey;
};

void TestSynthFolder::initTestCase()
{
    m_hershey = service::loadHersheyFonts("/usr/share/hershey-fonts");
    if (m_hershey.empty())
        QFAIL(
            "Hershey fonts missing in /usr/share/hershey-fonts: apt-get install hershey-fonts-data");
    QVERIFY(service::loadHersheyFonts("/nonexistent").empty());
}

std::unique_ptr<training::SyntheticGenerator> TestSynthFolder::generator(bool heldOut) const
{
    auto text = std::make_shared<training::TextSource>(model::Charset::defaultLatin());
    return std::make_unique<training::SyntheticGenerator>(
        text, m_hershey, std::vector<training::FontStyle>{},
        service::synthOptions(24, 5, heldOut, 1.f, 20, false));
}

void TestSynthFolder::writesAFolderThatListsBack()
{
    QTemporaryDir dir;
    service::SynthFolderOptions options;
    options.dir = dir.path();
    options.count = 6;
    options.split = "val";
    std::vector<int> calls;
    const auto gen = generator(true);
    QCOMPARE(gen->options().firstWriter, service::kHeldOutFirstWriter);
    const service::SynthFolderResult result = service::writeSynthFolder(*gen, options,
                                                                        [&](int done, int total) {
        QCOMPARE(total, 6);
        calls.push_back(done);
    });
    QCOMPARE(result.written, 6);
    QCOMPARE(result.failedWrites, 0);
    QCOMPARE(calls, (std::vector<int>{1, 2, 3, 4, 5, 6}));
    const auto lines = training::listGroundTruth(dir.path().toStdString());
    QCOMPARE(lines.size(), std::size_t(6));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const training::SynthSample smp = gen->sample(i);
        QCOMPARE(QFileInfo(QString::fromStdString(lines[i].imagePath)).fileName(),
                 QStringLiteral("%1.png").arg(i, 6, 10, QLatin1Char('0')));
        QVERIFY(QFile::exists(QString::fromStdString(lines[i].imagePath)));
        QCOMPARE(lines[i].text, smp.text);
        QCOMPARE(lines[i].writer, smp.writer);
        QCOMPARE(lines[i].split, std::string("val"));
        QCOMPARE(lines[i].flags, std::string("synth-hershey"));
        QFile gt(dir.filePath(QStringLiteral("%1.gt.txt").arg(i, 6, 10, QLatin1Char('0'))));
        QVERIFY(gt.open(QIODevice::ReadOnly));
        QCOMPARE(gt.readAll(), QByteArray::fromStdString(smp.text + "\n"));
    }
}

void TestSynthFolder::sameBytesWhateverTheThreads()
{
    QTemporaryDir a, b;
    const auto gen = generator();
    service::SynthFolderOptions options;
    options.count = 12;
    options.dir = a.path();
    nn::setNumThreads(1);
    QCOMPARE(service::writeSynthFolder(*gen, options).written, 12);
    nn::setNumThreads(0);
    options.dir = b.path();
    QCOMPARE(service::writeSynthFolder(*gen, options).written, 12);
    QCOMPARE(QDir(a.path()).entryList(QDir::Files).size(), 25);
    QCOMPARE(folderDigest(a.path()), folderDigest(b.path()));
}

// InkML files read back as the sample's ink; a second run from --start keeps the first's rows.
void TestSynthFolder::inkmlAndContinuedRuns()
{
    QTemporaryDir dir;
    const auto gen = generator();
    service::SynthFolderOptions options;
    options.dir = dir.path();
    options.count = 3;
    options.inkml = true;
    QCOMPARE(service::writeSynthFolder(*gen, options).written, 3);
    options.first = 3;
    options.count = 2;
    QCOMPARE(service::writeSynthFolder(*gen, options).written, 2);
    const auto lines = training::listGroundTruth(dir.path().toStdString());
    QCOMPARE(lines.size(), std::size_t(5));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        QVERIFY(QString::fromStdString(lines[i].imagePath).endsWith(QStringLiteral(".inkml")));
        QString error;
        const auto doc = service::readInkMlFile(QString::fromStdString(lines[i].imagePath), &error);
        QVERIFY2(doc, qPrintable(error));
        QCOMPARE(doc->ink.strokes.size(), gen->sample(i).ink.strokes.size());
        QCOMPARE(lines[i].text, gen->sample(i).text);
    }
    // Training reads the InkML lines as the reader draws ink: the same pixels.
    const model::Charset charset = model::Charset::defaultLatin();
    std::size_t skipped = 99;
    const auto samples = service::loadLineSamples(lines, charset, 24, &skipped);
    QCOMPARE(skipped, std::size_t(0));
    QCOMPARE(samples.size(), lines.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        imaging::RasterOptions raster;
        raster.height = 24;
        raster.deskew = true;
        const auto doc = service::readInkMlFile(QString::fromStdString(lines[i].imagePath));
        const imaging::LineImage drawn = imaging::inkToLine(doc->ink, raster);
        QCOMPARE(samples[i].image.width, drawn.width);
        QVERIFY(samples[i].image.pixels == drawn.pixels);
        QCOMPARE(samples[i].text, charset.decode(charset.encode(lines[i].text)));
    }
}

void TestSynthFolder::unwritableFolder()
{
    QTemporaryDir dir;
    service::SynthFolderOptions options;
    options.dir = dir.filePath(QStringLiteral("absent"));  // not created
    options.count = 3;
    const service::SynthFolderResult result = service::writeSynthFolder(*generator(), options);
    QCOMPARE(result.failedWrites, 3);
    QCOMPARE(result.written, 0);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("absent/manifest.tsv"))));
}

QTEST_GUILESS_MAIN(TestSynthFolder)
#include "test_synth_folder.moc"
