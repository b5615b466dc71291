// Ground-truth folders and their split (core/training/dataset, sha1, lm_data): SHA-1 against
// the FIPS vectors; the held-out writer order equal to the one the Qt implementation
// (QCryptographicHash) gave before this module replaced it; manifests with and without a
// text column, folders without one, a missing folder; the split by "val" rows and by
// held-out writers; weights; skip rules and markup; manifests written and listed back.

#include "training/dataset.h"
#include "training/lm_data.h"
#include "training/sha1.h"

#include "nn/tensor.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "test_files.h"

using namespace inklens;
using training::GroundTruthLine;

namespace {

using inklens::testing::writeFile;

std::vector<std::string> texts(const std::vector<GroundTruthLine>& lines)
{
    std::vector<std::string> out;
    for (const auto& l : lines)
        out.push_back(l.text);
    return out;
}

GroundTruthLine line(const std::string& writer, const std::string& text = "t")
{
    GroundTruthLine l;
    l.writer = writer;
    l.text = text;
    return l;
}

}  // namespace

class TestDataset : public QObject
{
    Q_OBJECT
private slots:
    void sha1Vectors_data();
    void sha1Vectors();
    void heldOutOrderMatchesQt();
    void folderWithoutManifest();
    void manifestWithText();
    void manifestWithoutText();
    void manifestErrors();
    void missingFolder();
    void skipAndClean();
    void splitByValRows();
    void splitByHeldOutWriters();
    void weights_data();
    void weights();
    void splitWeightArgument_data();
    void splitWeightArgument();
    void manifestRoundTrip();
    void spread();
    void evaluationSelectionBySplit();
    void evaluationSelectionByHeldOutWriters();
    void evaluationReferences();
    void languageModelData();

private:
    QString dir(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

void TestDataset::sha1Vectors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("digest");
    QTest::newRow("empty") << QByteArray() << "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    QTest::newRow("abc") << QByteArray("abc") << "a9993e364706816aba3e25717850c26c9cd0d89d";
    QTest::newRow("448 bits") << QByteArray(
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                              << "84983e441c3bd26ebaae4aa1f95129e5e54670f1";
    QTest::newRow("million a") << QByteArray(1000000, 'a')
                               << "34aa973cd4c4daa4f61eeb2bdbad27316534016f";
    QTest::newRow("55 bytes") << QByteArray(55, 'x')
                              << "";  // padding edges: compared with Qt below
    QTest::newRow("56 bytes") << QByteArray(56, 'x') << "";
    QTest::newRow("64 bytes") << QByteArray(64, 'x') << "";
    QTest::newRow("119 bytes") << QByteArray(119, 'x') << "";
}

void TestDataset::sha1Vectors()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, digest);
    const std::string ours = training::toHex(
        training::sha1(std::string_view(input.constData(), std::size_t(input.size()))));
    if (digest.isEmpty())
        digest = QString::fromLatin1(
            QCryptographicHash::hash(input, QCryptographicHash::Sha1).toHex());
    QCOMPARE(QString::fromStdString(ours), digest);
}

// The order service::heldOutWriters (QCryptographicHash::Sha1 of the UTF-8 writer id, sorted
// bytewise) gave for these ids, computed with that code before it was removed. It must not
// change: it is the PyTorch peer's split of copiste-dev.
void TestDataset::heldOutOrderMatchesQt()
{
    const std::vector<std::string> ids = {"w1",          "w2",
                                          "w3",          "writer-10",
                                          "writer-2",    "A",
                                          "a",           "",
                                          "Zoë",         "müller_07",
                                          "1",           "12",
                                          "123",         "copiste/017",
                                          "TST-058",     "x y",
                                          "100000",      "synth-hershey-17",
                                          "font:Caveat", "w2"};
    const std::vector<std::string> expected = {"synth-hershey-17",
                                               "müller_07",
                                               "font:Caveat",
                                               "w1",
                                               "w3",
                                               "writer-10",
                                               "1",
                                               "100000",
                                               "123",
                                               "Zoë",
                                               "A",
                                               "x y",
                                               "w2",
                                               "12",
                                               "a",
                                               "copiste/017",
                                               "TST-058",
                                               "writer-2"};
    std::vector<GroundTruthLine> lines;
    for (const auto& id : ids)
        lines.push_back(line(id));
    QCOMPARE(training::heldOutWriters(lines, 100), expected);
    QCOMPARE(training::heldOutWriters(lines, 3),
             std::vector<std::string>(expected.begin(), expected.begin() + 3));
    QVERIFY(training::heldOutWriters(lines, 0).empty());
    QVERIFY(training::heldOutWriters(lines, -2).empty());
    QCOMPARE(training::toHex(training::sha1("copiste/017")),
             std::string("9b6fa089fcfea93065bd617e1f0df4226050d89a"));
}

void TestDataset::folderWithoutManifest()
{
    const QString d = dir(QStringLiteral("plain"));
    QVERIFY(QDir().mkpath(d));
    writeFile(d + "/b.png", "png");
    writeFile(d + "/b.gt.txt", "  second line\r\nnot this\n");
    writeFile(d + "/a.JPG", "jpg");
    writeFile(d + "/a.gt.txt", "\xEF\xBB\xBF"
                               "first\xC2\xA0\n");  // BOM, trailing no-break space
    writeFile(d + "/c.INKML", "<ink/>");  // ink is listed too (the export of the samples)
    writeFile(d + "/c.gt.txt", "ink");
    writeFile(d + "/d.inkml", "<ink/>");  // without its NAME.gt.txt: not
    writeFile(d + "/orphan.png", "no ground truth");
    writeFile(d + "/.hidden.png", "hidden");
    writeFile(d + "/.hidden.gt.txt", "hidden");
    writeFile(d + "/notes.txt", "not a picture");
    QVERIFY(QDir().mkpath(d + "/sub.png"));  // a folder, not a file
    writeFile(d + "/sub.gt.txt", "folder");
    const auto lines = training::listGroundTruth(d.toStdString());
    QCOMPARE(lines.size(), std::size_t(3));
    QCOMPARE(lines[2].imagePath, (d + "/c.INKML").toStdString());
    QCOMPARE(lines[2].text, std::string("ink"));
    QCOMPARE(lines[0].imagePath, (d + "/a.JPG").toStdString());
    QCOMPARE(lines[0].text, std::string("first"));
    QCOMPARE(lines[1].imagePath, (d + "/b.png").toStdString());
    QCOMPARE(lines[1].text, std::string("second line"));
    QVERIFY(lines[0].writer.empty() && lines[0].split.empty() && lines[0].flags.empty());
    // A trailing '/' changes nothing.
    QCOMPARE(training::listGroundTruth((d + "/").toStdString())[1].imagePath, lines[1].imagePath);
    QCOMPARE(training::supportedImageSuffixes(),
             (std::vector<std::string>{"png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp"}));
}

void TestDataset::manifestWithText()
{
    const QString d = dir(QStringLiteral("manifest"));
    QVERIFY(QDir().mkpath(d));
    writeFile(d + "/m1.gt.txt", "not read: the manifest has a text column");
    writeFile(d + "/manifest.tsv",
              "\xEF\xBB\xBF"
              "file\twriter\tsplit\tflags\ttext\r\n"
              "m1.png\tw1\ttrain\t-\tword\r\n"
              "\n"
              "\tw9\ttrain\t-\tno file: skipped\n"
              "sub/m2.inkml\tw2\tval\tsuperscript\tM^r word\n"
              "m3.png\tw3\n");  // short row: the missing columns are empty
    const auto lines = training::listGroundTruth(d.toStdString());
    QCOMPARE(lines.size(), std::size_t(3));
    QCOMPARE(lines[0].imagePath, (d + "/m1.png").toStdString());
    QCOMPARE(lines[0].text, std::string("word"));
    QCOMPARE(lines[0].writer, std::string("w1"));
    QCOMPARE(lines[0].split, std::string("train"));
    QCOMPARE(lines[0].flags, std::string("-"));
    QCOMPARE(lines[1].imagePath, (d + "/sub/m2.inkml").toStdString());
    QCOMPARE(lines[1].text, std::string("M^r word"));
    QCOMPARE(lines[1].flags, std::string("superscript"));
    QCOMPARE(lines[2].writer, std::string("w3"));
    QVERIFY(lines[2].text.empty() && lines[2].split.empty());
}

void TestDataset::manifestWithoutText()
{
    // Columns in another order, no text: each file's NAME.gt.txt.
    const QString d = dir(QStringLiteral("notext"));
    QVERIFY(QDir().mkpath(d + "/lines"));
    writeFile(d + "/lines/x.y.png", "png");
    writeFile(d + "/lines/x.y.gt.txt", "dotted name\n");
    writeFile(d + "/z.png", "png");  // no .gt.txt: empty text
    writeFile(d + "/manifest.tsv", "writer\tfile\nw1\tlines/x.y.png\nw2\tz.png\n");
    const auto lines = training::listGroundTruth(d.toStdString());
    QCOMPARE(texts(lines), (std::vector<std::string>{"dotted name", ""}));
    QCOMPARE(lines[0].writer, std::string("w1"));
}

void TestDataset::manifestErrors()
{
    const QString d = dir(QStringLiteral("nofile"));
    QVERIFY(QDir().mkpath(d));
    writeFile(d + "/manifest.tsv", "name\ttext\na.png\tx\n");
    try {
        training::listGroundTruth(d.toStdString());
        QFAIL("a manifest without a file column was accepted");
    } catch (const nn::EngineError& e) {
        QCOMPARE(QString::fromUtf8(e.what()), d + ": manifest.tsv has no 'file' column");
    }
    writeFile(d + "/manifest.tsv", "");
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, training::listGroundTruth(d.toStdString()));
}

void TestDataset::missingFolder()
{
    const std::string missing = dir(QStringLiteral("no-such-folder")).toStdString();
    try {
        training::listGroundTruth(missing);
        QFAIL("a missing folder was listed");
    } catch (const nn::EngineError& e) {
        QCOMPARE(std::string(e.what()), "folder not found: " + missing);
    }
    writeFile(dir(QStringLiteral("a-file")), "x");
    QVERIFY_THROWS_EXCEPTION(
        nn::EngineError, training::listGroundTruth(dir(QStringLiteral("a-file")).toStdString()));
    QVERIFY_THROWS_EXCEPTION(nn::EngineError, training::splitGroundTruth({missing}, 1));
}

void TestDataset::skipAndClean()
{
    GroundTruthLine l = line("w", "word >struck< word");
    l.flags = "markup";
    QVERIFY(!training::skipGroundTruth(l));
    QCOMPARE(training::cleanGroundTruth(l.text, l.flags), std::string("word struck word"));
    QCOMPARE(training::cleanGroundTruth("M^r >x<", "superscript"), std::string("Mr >x<"));
    QCOMPARE(training::cleanGroundTruth("M^r >x<", "superscript,markup"), std::string("Mr x"));
    QCOMPARE(training::cleanGroundTruth("M^r >x<", "-"), std::string("M^r >x<"));
    l.text = "unreadable ><";
    QVERIFY(training::skipGroundTruth(l));
    l.text = "fine";
    l.flags = "vertical,markup";
    QVERIFY(training::skipGroundTruth(l));
}

void TestDataset::splitByValRows()
{
    // The manifest's val rows validate; skipped lines go nowhere; no writer is held out.
    const QString d = dir(QStringLiteral("valrows"));
    QVERIFY(QDir().mkpath(d));
    writeFile(d + "/manifest.tsv", "file\twriter\tsplit\tflags\ttext\n"
                                   "m1.png\tw1\ttrain\t-\tone\n"
                                   "m2.png\tw2\tval\tsuperscript\ttwo\n"
                                   "m3.png\tw2\tval\tmarkup\tthree\n"
                                   "m4.png\tw2\tval\tvertical\tsideways\n"
                                   "m5.png\tw3\tval\tmarkup\tunreadable ><\n"
                                   "m6.png\tw3\ttrain\t-\tsix\n");
    const auto split = training::splitGroundTruth({d.toStdString()}, 1);
    QCOMPARE(texts(split.train), (std::vector<std::string>{"one", "six"}));
    QCOMPARE(texts(split.val), (std::vector<std::string>{"two", "three"}));
    QVERIFY(split.heldOutWriters.empty());
    QCOMPARE(split.folders.size(), std::size_t(1));
    QCOMPARE(split.folders[0].dir, d.toStdString());
    QCOMPARE(split.folders[0].trainingLines, std::size_t(2));
    QCOMPARE(split.folders[0].validationLines, std::size_t(2));
}

void TestDataset::splitByHeldOutWriters()
{
    // No val rows: the first writers by SHA-1 validate (w1 before w3 before w2, see above),
    // whole; a writer with only skipped lines does not count.
    const QString d = dir(QStringLiteral("writers"));
    QVERIFY(QDir().mkpath(d));
    writeFile(d + "/manifest.tsv", "file\twriter\tsplit\ttext\n"
                                   "a.png\tw2\ttrain\ta\n"
                                   "b.png\tw1\ttrain\tb\n"
                                   "c.png\tw3\t\tc\n"
                                   "d.png\tw1\ttrain\td\n"
                                   "e.png\tsynth-hershey-17\ttrain\tunreadable ><\n");
    const auto split = training::splitGroundTruth({d.toStdString(), d.toStdString() + ":0"}, 2);
    QCOMPARE(texts(split.val), (std::vector<std::string>{"b", "c", "d", "b", "c", "d"}));
    QCOMPARE(texts(split.train), (std::vector<std::string>{"a"}));  // the second copy has weight 0
    QCOMPARE(split.heldOutWriters, (std::vector<std::string>{"w1", "w3", "w1", "w3"}));
    QCOMPARE(split.folders[1].weight, 0.0);
    QCOMPARE(split.folders[1].trainingLines, std::size_t(0));
    QCOMPARE(split.folders[1].validationLines, std::size_t(3));
    // None held out: every line trains.
    QCOMPARE(training::splitGroundTruth({d.toStdString()}, 0).train.size(), std::size_t(4));
}

void TestDataset::weights_data()
{
    QTest::addColumn<QString>("weight");
    QTest::addColumn<QString>("expected");  // the training lines' texts
    QTest::newRow("1") << ""
                       << "abcd";
    QTest::newRow("2") << ":2"
                       << "aabbccdd";
    QTest::newRow("0.5") << ":0.5"
                         << "ac";
    QTest::newRow("1.5") << ":1.5"
                         << "aabccd";
    QTest::newRow("0") << ":0"
                       << "";
}

void TestDataset::weights()
{
    QFETCH(QString, weight);
    QFETCH(QString, expected);
    const QString d = dir(QStringLiteral("weighted"));
    QVERIFY(QDir().mkpath(d));
    for (const char* name : {"a", "b", "c", "d"}) {
        writeFile(d + "/" + name + ".png", "png");
        writeFile(d + "/" + name + ".gt.txt", name);
    }
    const auto split = training::splitGroundTruth({(d + weight).toStdString()},
                                                  5);  // no writers: none held out
    std::string got;
    for (const auto& t : texts(split.train))
        got += t;
    QCOMPARE(QString::fromStdString(got), expected);
    QVERIFY(split.val.empty());
    QCOMPARE(split.folders[0].trainingLines, std::size_t(expected.size()));
}

void TestDataset::splitWeightArgument_data()
{
    QTest::addColumn<QString>("arg");
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("weight");
    QTest::newRow("plain") << "data/set"
                           << "data/set" << 1.0;
    QTest::newRow("weight") << "data/set:0.25"
                            << "data/set" << 0.25;
    QTest::newRow("zero") << "d:0"
                          << "d" << 0.0;
    QTest::newRow("last colon") << "a:b:3"
                                << "a:b" << 3.0;
    QTest::newRow("not a number") << "a:b"
                                  << "a:b" << 1.0;
    QTest::newRow("negative") << "d:-1"
                              << "d:-1" << 1.0;
    QTest::newRow("leading colon") << ":2"
                                   << ":2" << 1.0;
    QTest::newRow("empty weight") << "d:"
                                  << "d:" << 1.0;
}

void TestDataset::splitWeightArgument()
{
    QFETCH(QString, arg);
    QFETCH(QString, path);
    QFETCH(double, weight);
    const auto got = training::splitWeight(arg.toStdString());
    QCOMPARE(QString::fromStdString(got.path), path);
    QCOMPARE(got.weight, weight);
}

void TestDataset::manifestRoundTrip()
{
    // Written, then listed back; a continued run keeps the other rows and replaces its own.
    const QString d = dir(QStringLiteral("written"));
    QVERIFY(QDir().mkpath(d));
    training::writeManifest(d.toStdString(),
                            {{"000000.png", "w1", "train", "synth-font", "héllo"},
                             {"000001.png", "w2", "train", "synth-hershey", "world"}},
                            false);
    training::writeManifest(
        d.toStdString(),
        {{"000001.png", "w3", "val", "-", "again"}, {"000002.png", "w4", "val", "-", "new"}}, true);
    const auto lines = training::listGroundTruth(d.toStdString());
    QCOMPARE(texts(lines), (std::vector<std::string>{"héllo", "again", "new"}));
    QCOMPARE(lines[1].writer, std::string("w3"));
    QCOMPARE(lines[2].split, std::string("val"));
    training::writeManifest(d.toStdString(), {{"000009.png", "w", "train", "-", "only"}}, false);
    QCOMPARE(texts(training::listGroundTruth(d.toStdString())), (std::vector<std::string>{"only"}));
    QVERIFY_THROWS_EXCEPTION(
        nn::EngineError,
        training::writeManifest(dir(QStringLiteral("absent/x")).toStdString(), {}, false));
}

void TestDataset::spread()
{
    const std::vector<int> all = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    QCOMPARE(training::spreadEvenly(all, 0), all);
    QCOMPARE(training::spreadEvenly(all, 20), all);
    QCOMPARE(training::spreadEvenly(all, 4), (std::vector<int>{0, 2, 5, 7}));
    QCOMPARE(training::spreadEvenly(all, 1), (std::vector<int>{0}));
}

void TestDataset::languageModelData()
{
    const model::Charset cs = model::Charset::fromString("ab ");
    ctc::CharNgramLm::Builder builder(cs.size(), {3, 0});
    const QString words = dir(QStringLiteral("words.txt"));
    writeFile(words, "\xEF\xBB\xBF"
                     "ab\r\nba\n\nab ab\nzz\n");  // "ab ab" is not a word, "zz" encodes to nothing
    QCOMPARE(training::addWordList(builder, cs, words.toStdString(), 0.5), 2L);
    writeFile(words, "ab ab\nzz\nbab");
    QCOMPARE(training::addTextLines(builder, cs, words.toStdString(), 1), 2L);
    GroundTruthLine markup = line("w", "a>b<");
    markup.flags = "markup";
    QCOMPARE(training::encodeGroundTruth(cs, markup), cs.encode("ab"));
    QCOMPARE(training::addGroundTruthLines(builder, cs, {markup, line("w", "zz")}), 1L);
    const ctc::CharNgramLm lm = builder.finish();
    const auto score = training::heldOutScore(lm, cs, {line("w", "ab"), line("w", "")});
    QCOMPARE(score.symbols, 3L);  // a, b and the end
    QVERIFY(score.bitsPerSymbol > 0 && std::isfinite(score.bitsPerSymbol));
    try {
        training::addWordList(builder, cs, dir(QStringLiteral("no-words.txt")).toStdString(), 1);
        QFAIL("a missing word list was read");
    } catch (const nn::EngineError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("cannot read word list ")),
                 e.what());
    }
}

namespace {

GroundTruthLine row(const std::string& file, const std::string& writer, const std::string& split,
                    const std::string& flags, const std::string& text)
{
    return {file, text, writer, split, flags};
}

std::vector<std::string> files(const std::vector<training::EvaluationLine>& lines)
{
    std::vector<std::string> out;
    for (const auto& l : lines)
        out.push_back(l.file);
    return out;
}

}  // namespace

// --split keeps the rows of that split and counts only their skipped lines; a folder
// without a split column keeps everything and says the split was ignored.
void TestDataset::evaluationSelectionBySplit()
{
    const std::vector<GroundTruthLine> listed = {
        row("a", "w1", "train", "-", "one"),      row("b", "w2", "val", "-", "two"),
        row("c", "w2", "val", "vertical", "x"),   row("d", "w3", "val", "-", "gone ><"),
        row("e", "w3", "train", "vertical", "y"), row("f", "w3", "val", "-", "six"),
    };
    training::EvaluationSelection selection;
    selection.split = "val";
    auto set = training::selectEvaluationLines(listed, selection);
    QCOMPARE(files(set.lines), (std::vector<std::string>{"b", "f"}));
    QCOMPARE(set.skipped, 2);
    QVERIFY(!set.splitIgnored);

    set = training::selectEvaluationLines(listed, {});  // no split asked: every readable line
    QCOMPARE(files(set.lines), (std::vector<std::string>{"a", "b", "f"}));
    QCOMPARE(set.skipped, 3);
    QVERIFY(!set.splitIgnored);

    const std::vector<GroundTruthLine> noSplit = {row("a", "w1", "", "-", "one"),
                                                  row("b", "w2", "", "-", "two")};
    set = training::selectEvaluationLines(noSplit, selection);
    QCOMPARE(files(set.lines), (std::vector<std::string>{"a", "b"}));
    QVERIFY(set.splitIgnored);
}

// --holdout-writers N: the writers 'inklens train --holdout-writers N' held out, only in
// folders without val rows (there the val rows are the held-out set).
void TestDataset::evaluationSelectionByHeldOutWriters()
{
    std::vector<GroundTruthLine> listed;
    for (int w = 0; w < 6; ++w)
        for (int k = 0; k < 2; ++k)
            listed.push_back(row(QStringLiteral("f%1%2").arg(w).arg(k).toStdString(),
                                 QStringLiteral("w%1").arg(w).toStdString(), "", "-", "text"));
    const std::vector<std::string> held = training::heldOutWriters(listed, 2);
    QCOMPARE(held.size(), std::size_t(2));
    training::EvaluationSelection selection;
    selection.holdoutWriters = 2;
    auto set = training::selectEvaluationLines(listed, selection);
    QCOMPARE(set.lines.size(), std::size_t(4));
    for (const auto& l : set.lines) {
        const std::string writer = "w" + l.file.substr(1, 1);
        QVERIFY2(std::find(held.begin(), held.end(), writer) != held.end(), l.file.c_str());
    }

    listed[0].split = "val";  // a folder with val rows: no writer filter
    set = training::selectEvaluationLines(listed, selection);
    QCOMPARE(set.lines.size(), listed.size());
    selection.holdoutWriters = 0;
    listed[0].split.clear();
    QCOMPARE(training::selectEvaluationLines(listed, selection).lines.size(), listed.size());
}

// The reference: markup removed by the flags, normalized, and with fitReference as the
// charset writes it (fallbacks applied, unknown characters dropped).
void TestDataset::evaluationReferences()
{
    const std::vector<GroundTruthLine> listed = {
        row("a", "w", "", "superscript,markup", "  M^r  >struck<\u00a0word "),
        row("b", "w", "", "-",
            "Ce\u0301sar  de\u017f \u4e2d fin"),  // combining acute, long s, a CJK character
    };
    auto set = training::selectEvaluationLines(listed, {});
    QCOMPARE(set.lines.size(), std::size_t(2));
    QCOMPARE(set.lines[0].reference, std::string("Mr struck word"));
    QCOMPARE(set.lines[1].reference,
             std::string("C\u00e9sar de\u017f \u4e2d fin"));  // NFC, spaces collapsed

    const model::Charset charset = model::Charset::defaultLatin();
    training::EvaluationSelection selection;
    selection.fitReference = &charset;
    set = training::selectEvaluationLines(listed, selection);
    QCOMPARE(set.lines[0].reference, std::string("Mr struck word"));
    QCOMPARE(set.lines[1].reference, std::string("C\u00e9sar des fin"));
}

QTEST_APPLESS_MAIN(TestDataset)
#include "test_dataset.moc"
