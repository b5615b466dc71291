// Tests of 'inklens recognize' and 'inklens eval' through the built executable: a tiny
// random model, rendered line images, a corrupt and an oversized image, ground-truth
// folders. They test the plumbing (output format, error handling, exit codes, rates that
// add up, character columns in the original image), not accuracy. A model whose output
// layer always says 'a' gives exactly known hypotheses and character spans.

#include "model/model_file.h"
#include "model/safetensors.h"
#include "reading/reader.h"
#include "service/line_loader.h"
#include "service/fine_tuning.h"
#include "service/inkml.h"
#include "service/page_formats.h"
#include "service/recognition_service.h"
#include "cli_run.h"
#include "test_ink.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSet>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include "test_files.h"
#include "test_tiff.h"

#include <cmath>

using namespace inklens;

namespace {

model::CrnnSpec smallSpec()
{
    model::CrnnSpec s;
    s.inputHeight = 16;
    s.activation = nn::Activation::LeakyReLU;
    s.convs = {{4, 3, true, 2, 2}, {6, 3, false, 2, 1}};  // width reduction 2
    s.lstmHidden = {8};
    s.numClasses = model::Charset::defaultLatin().size();
    return s;
}

// A random model; with `always` set, its output layer prefers that character on every
// frame by a wide margin, so that any line reads as that one character.
void saveTinyModel(const QString& path, char32_t always = 0, float strength = 50.f)
{
    const model::Charset charset = model::Charset::defaultLatin();
    model::Crnn net(smallSpec());
    net.initialize(7);
    if (always) {
        for (nn::Param* p : net.params())
            if (p->name == "fc.bias")
                p->value[charset.labelOf(always)] = strength;
    }
    model::saveModel(path.toStdString(), model::Model(std::move(net), charset));
}

// A random model of another alphabet ("abcdefgh "), hence another output layer.
void saveOtherAlphabetModel(const QString& path)
{
    model::CrnnSpec s = smallSpec();
    const model::Charset charset = model::Charset::fromString("abcdefgh ");
    s.numClasses = charset.size();
    model::Crnn net(s);
    net.initialize(3);
    model::saveModel(path.toStdString(), model::Model(std::move(net), charset));
}

// Dark text on white paper, like a scanned line.
void renderLine(const QString& path, const QString& text, int width = 360, int height = 48)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(height * 3 / 5);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QRect(12, 0, width - 24, height), Qt::AlignVCenter | Qt::AlignLeft, text);
    painter.end();
    QVERIFY2(image.save(path), qPrintable(path));
}

using inklens::testing::writeFile;

quint32 crc32(const QByteArray& bytes)
{
    quint32 crc = 0xffffffffu;
    for (const char byte : bytes) {
        crc ^= quint8(byte);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray pngChunk(const char* type, const QByteArray& data)
{
    QByteArray body = QByteArray(type) + data;
    QByteArray out(4, '\0');
    qToBigEndian(quint32(data.size()), out.data());
    QByteArray crc(4, '\0');
    qToBigEndian(crc32(body), crc.data());
    return out + body + crc;
}

// A valid PNG header announcing width x height gray pixels, without the pixels.
QByteArray pngHeaderOnly(quint32 width, quint32 height)
{
    QByteArray ihdr(13, '\0');
    qToBigEndian(width, ihdr.data());
    qToBigEndian(height, ihdr.data() + 4);
    ihdr[8] = 8;  // bit depth; colour type 0 (gray), no interlace
    // (libpng wants an IDAT before IEND; a zlib header alone is enough to read the size.)
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr)
           + pngChunk("IDAT", QByteArray("\x78\x9c", 2)) + pngChunk("IEND", {});
}

using Run = inklens::testing::CliRun;

}  // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void recognizeJson();
    void recognizePlain();
    void recognizeInkMl();
    void recognizeGreedy();
    void charColumnsAreImageColumns();
    void blankImage();
    void usageErrors_data();
    void usageErrors();
    void missingModel();
    void evalKnownRates();
    void evalJsonAddsUp();
    void evalManifestSplit();
    void evalUnreadableLine();
    void evalErrors();
    void languageModel();
    void writingLanguage();
    void synthInkMl();
    void lexicon();
    void deskewOption();
    void sameInkSameReadingInWindowAndCli();
    void fileArgumentOpensTheWindow();
    void trainNewArchitecture();
    void trainSmallFolder();
    void finetuneGuard();
    void trainUsageErrors_data();
    void trainUsageErrors();
    void commonPrologue_data();
    void commonPrologue();
    void recognizePage();
    void recognizeTiffPages();
    void recognizeInkParagraph();
    void segmentFormats();
    void segmentErrors();
    void logprobsDump();
    void blendBetweenTwoModels();

private:
    Run run(const QStringList& args, const QMap<QString, QString>& env = {}) const;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_model, m_modelA;  // random; always 'a'
    QString error_;
};

Run TestCli::run(const QStringList& args, const QMap<QString, QString>& env) const
{
    return inklens::testing::runInklens(args, env);
}

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(INKLENS_BIN)).isExecutable(), INKLENS_BIN);
    m_model = path(QStringLiteral("random.safetensors"));
    m_modelA = path(QStringLiteral("always-a.safetensors"));
    saveTinyModel(m_model);
    saveTinyModel(m_modelA, U'a');

    renderLine(path(QStringLiteral("hello.png")), QStringLiteral("hello world"));
    renderLine(path(QStringLiteral("wide.png")), QStringLiteral("a longer line of handwriting"),
               900, 64);
    renderLine(path(QStringLiteral("tall.jpg")), QStringLiteral("Qu'est-ce?"), 420, 96);
    renderLine(path(QStringLiteral("small.bmp")), QStringLiteral("ok"), 60, 20);
    writeFile(path(QStringLiteral("corrupt.png")),
              QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(200, 'x'));
    writeFile(path(QStringLiteral("huge.png")), pngHeaderOnly(100'000, 100'000));
    writeFile(path(QStringLiteral("note.inkml")),
              "<ink xmlns=\"http://www.w3.org/2003/InkML\"></ink>");

    // gt/: NAME.png + NAME.gt.txt pairs.
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("gt")));
    const std::pair<const char*, const char*> lines[] = {
        {"l1", "hello"}, {"l2", "abc"}, {"l3", "a  b"}};
    for (const auto& [name, text] : lines) {
        renderLine(path(QStringLiteral("gt/%1.png").arg(QLatin1String(name))),
                   QString::fromUtf8(text));
        writeFile(path(QStringLiteral("gt/%1.gt.txt").arg(QLatin1String(name))),
                  QByteArray(text) + '\n');
    }
    writeFile(path(QStringLiteral("gt/orphan.png")), "an image without ground truth is not listed");

    // manifest/: a manifest with splits and flags.
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("manifest")));
    for (const char* name : {"m1", "m2", "m3", "m4", "m5"})
        renderLine(path(QStringLiteral("manifest/%1.png").arg(QLatin1String(name))),
                   QStringLiteral("Mr word"));
    writeFile(path(QStringLiteral("manifest/manifest.tsv")),
              "file\twriter\tsplit\tflags\ttext\n"
              "m1.png\tw1\ttrain\t-\tword\n"
              "m2.png\tw2\tval\tsuperscript\tM^r word\n"
              "m3.png\tw2\tval\tmarkup\tword >struck< word\n"
              "m4.png\tw2\tval\tvertical\tsideways\n"
              "m5.png\tw3\tval\tmarkup\tunreadable ><\n");

    // bad/: one line of three cannot be read.
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("bad")));
    for (const char* name : {"b1", "b2"}) {
        renderLine(path(QStringLiteral("bad/%1.png").arg(QLatin1String(name))),
                   QStringLiteral("text"));
        writeFile(path(QStringLiteral("bad/%1.gt.txt").arg(QLatin1String(name))), "text");
    }
    QFile::copy(path(QStringLiteral("corrupt.png")), path(QStringLiteral("bad/b3.png")));
    writeFile(path(QStringLiteral("bad/b3.gt.txt")), "text");
}

void TestCli::recognizeJson()
{
    const QStringList files = {
        path(QStringLiteral("hello.png")), path(QStringLiteral("corrupt.png")),
        path(QStringLiteral("wide.png")),  path(QStringLiteral("huge.png")),
        path(QStringLiteral("tall.jpg")),  path(QStringLiteral("note.inkml")),
        path(QStringLiteral("small.bmp")), path(QStringLiteral("missing.png"))};
    const QSet<int> failing = {1, 3, 5, 7};
    const Run r = run(QStringList{QStringLiteral("recognize"), QStringLiteral("--json"),
                                  QStringLiteral("--model"), m_model}
                      + files);
    QCOMPARE(r.exitCode, 1);  // some files failed, the others were read
    const QList<QJsonObject> objects = r.objects();
    QCOMPARE(objects.size(), files.size());
    for (int i = 0; i < files.size(); ++i) {
        const QJsonObject& o = objects[i];
        QCOMPARE(o.value("file").toString(), files[i]);  // in the order given
        if (failing.contains(i)) {
            QVERIFY2(!o.value("error").toString().isEmpty(), qPrintable(files[i]));
            QVERIFY(!o.contains("text"));
            continue;
        }
        QVERIFY2(!o.contains("error"), qPrintable(o.value("error").toString()));
        if (o.contains("lines")) {
            // A known bug: the first, placeholder imaging::analyzePage finds wide.png's
            // descenders as a second line, so the picture is a page, as it is in the window
            // (service::isPagePicture: two lines found). The page analysis of issue #14 is
            // to find one line here.
            QEXPECT_FAIL("", "analyzePage splits a line's descenders off (issue #14)", Continue);
            QVERIFY2(!o.contains("lines"), qPrintable(files[i]));
            continue;
        }
        for (const char* key :
             {"text", "confidence", "chars", "nbest", "timing_ms", "image", "input_width"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        const double confidence = o.value("confidence").toDouble(-1);
        QVERIFY(confidence >= 0 && confidence <= 1);
        const int width = o.value("image").toObject().value("width").toInt();
        QVERIFY(width > 0);

        const QJsonArray chars = o.value("chars").toArray();
        QString joined;
        int previousFirst = 0;
        for (const QJsonValue& v : chars) {
            const QJsonObject c = v.toObject();
            joined += c.value("char").toString();
            const int first = c.value("first_column").toInt(-1),
                      last = c.value("last_column").toInt(-1);
            QVERIFY(0 <= first && first <= last && last < width);
            QVERIFY(first >= previousFirst);
            previousFirst = first;
            QVERIFY(c.value("confidence").toDouble(-1) >= 0
                    && c.value("confidence").toDouble() <= 1);
        }
        QCOMPARE(joined, o.value("text").toString());

        const QJsonArray nbest = o.value("nbest").toArray();
        QVERIFY(!nbest.isEmpty() && nbest.size() <= 5);
        QCOMPARE(nbest[0].toObject().value("text").toString(), o.value("text").toString());
        double previous = 1e30;  // ranked by the decoder's score, best first
        for (const QJsonValue& v : nbest) {
            QVERIFY(v.toObject().value("log_prob").toDouble(1) <= 0);
            QVERIFY(v.toObject().contains("score"));
            const double score = v.toObject().value("score").toDouble();
            QVERIFY(score <= previous);
            previous = score;
        }

        const QJsonObject timing = o.value("timing_ms").toObject();
        for (const char* key : {"load", "normalize", "network", "decode"})
            QVERIFY2(timing.value(QLatin1String(key)).toDouble(-1) >= 0, key);
    }
    QVERIFY(objects[3].value("error").toString().contains("too large"));
    QVERIFY(objects[5].value("error").toString().contains("no ink"));  // an <ink> without traces
}

void TestCli::recognizeInkMl()
{
    // Ink as a digitizer writes it: Y before X, pressure 0..1023, time in ms.
    QByteArray traces;
    for (int letter = 0; letter < 5; ++letter) {
        traces += "<trace>";
        for (int i = 0; i <= 20; ++i) {
            const double a = i / 20.0 * 6.2832;
            traces += QByteArray::number(9000 - 400 * std::cos(a), 'f', 0) + ' '
                      + QByteArray::number(12000 + 700 * letter + 250 * std::sin(a), 'f', 0) + ' '
                      + QByteArray::number(300 + 10 * i) + ' ' + QByteArray::number(400 + 20 * i)
                      + (i < 20 ? ", " : "");
        }
        traces += "</trace>\n";
    }
    writeFile(
        path(QStringLiteral("loops.inkml")),
        "<ink xmlns=\"http://www.w3.org/2003/InkML\">\n<traceFormat><channel name=\"Y\"/><channel name=\"X\"/>"
        "<channel name=\"T\" units=\"ms\"/><channel name=\"F\" max=\"1023\"/></traceFormat>\n"
        "<annotation type=\"truth\">eeeee</annotation>\n"
            + traces + "</ink>\n");
    writeFile(path(QStringLiteral("broken.inkml")),
              "<ink xmlns=\"http://www.w3.org/2003/InkML\">\n<trace>1 2, 3</trace></ink>");

    const Run r = run({QStringLiteral("recognize"), QStringLiteral("--json"),
                       QStringLiteral("--model"), m_model, path(QStringLiteral("loops.inkml")),
                       path(QStringLiteral("broken.inkml"))});
    QCOMPARE(r.exitCode, 1);
    const QList<QJsonObject> objects = r.objects();
    QCOMPARE(objects.size(), 2);
    const QJsonObject& o = objects[0];
    QVERIFY2(!o.contains("error"), qPrintable(o.value("error").toString()));
    QCOMPARE(o.value("truth").toString(), QStringLiteral("eeeee"));
    QCOMPARE(o.value("ink").toObject().value("strokes").toInt(), 5);
    QCOMPARE(o.value("ink").toObject().value("points").toInt(), 5 * 21);
    const int width = o.value("image").toObject().value("width").toInt();
    QCOMPARE(o.value("image").toObject().value("height").toInt(), 16);  // the model's input height
    QCOMPARE(o.value("input_width").toInt(), width);
    // Five loops, x-height about 5 pixels of 16 at the measured size; a word is read at 0.85
    // to 1.2 times that (reading::kInkSizes).
    QVERIFY(width > 20);
    for (const QJsonValue& v : o.value("chars").toArray()) {
        const QJsonObject c = v.toObject();
        QVERIFY(0 <= c.value("first_column").toInt()
                && c.value("first_column").toInt() <= c.value("last_column").toInt());
        QVERIFY(c.value("last_column").toInt() < width);
    }
    QVERIFY(!o.value("nbest").toArray().isEmpty());
    QVERIFY2(objects[1].value("error").toString().contains(
                 QStringLiteral("line 2: trace 1, point 2: 1 of 2 values")),
             qPrintable(objects[1].value("error").toString()));
}

void TestCli::recognizePlain()
{
    const QStringList files = {path(QStringLiteral("hello.png")), path(QStringLiteral("tall.jpg"))};
    const Run r = run(QStringList{QStringLiteral("recognize"), QStringLiteral("--model"), m_model}
                      + files);
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    for (int i = 0; i < 2; ++i)
        QVERIFY(lines[i].startsWith(files[i] + QLatin1Char('\t')));

    // A failed file goes to stderr; the good ones still print.
    const Run mixed = run({QStringLiteral("recognize"), QStringLiteral("--model"), m_modelA,
                           path(QStringLiteral("corrupt.png")), path(QStringLiteral("hello.png"))});
    QCOMPARE(mixed.exitCode, 1);
    QCOMPARE(QString::fromUtf8(mixed.out),
             path(QStringLiteral("hello.png")) + QStringLiteral("\ta\n"));
    QVERIFY(mixed.err.contains("corrupt.png"));
}

void TestCli::recognizeGreedy()
{
    const Run r = run({QStringLiteral("recognize"), QStringLiteral("--json"),
                       QStringLiteral("--decoder"), QStringLiteral("greedy"),
                       QStringLiteral("--model"), m_model, path(QStringLiteral("hello.png"))});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> objects = r.objects();
    QCOMPARE(objects.size(), 1);
    QCOMPARE(objects[0].value("nbest").toArray().size(), 1);

    const Run beam = run({QStringLiteral("recognize"), QStringLiteral("--json"),
                          QStringLiteral("--nbest"), QStringLiteral("2"),
                          QStringLiteral("--beam-width"), QStringLiteral("4"),
                          QStringLiteral("--model"), m_model, path(QStringLiteral("hello.png"))});
    QCOMPARE(beam.exitCode, 0);
    QVERIFY(beam.objects().value(0).value("nbest").toArray().size() <= 2);
}

void TestCli::charColumnsAreImageColumns()
{
    // Ink only in columns 200..359 of a 400-column image: the model's input is cropped to
    // the ink and scaled by 16/64, yet the reported columns are those of this image.
    QImage image(400, 64, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.fillRect(QRect(200, 20, 160, 24), Qt::black);
    painter.end();
    const QString file = path(QStringLiteral("block.png"));
    QVERIFY(image.save(file));

    for (const char* decoder : {"greedy", "beam"}) {
        const Run r = run({QStringLiteral("recognize"), QStringLiteral("--json"),
                           QStringLiteral("--decoder"), QLatin1String(decoder),
                           QStringLiteral("--model"), m_modelA, file});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.objects().value(0);
        QCOMPARE(o.value("text").toString(), QStringLiteral("a"));
        const QJsonArray chars = o.value("chars").toArray();
        QCOMPARE(chars.size(), 1);
        // The one 'a' spans every frame: the ink plus the crop's padding and the input's
        // margin (4 input columns = 16 image columns on each side), clipped to the image.
        const int first = chars[0].toObject().value("first_column").toInt();
        const int last = chars[0].toObject().value("last_column").toInt();
        QVERIFY2(first >= 200 - 32 && first <= 200, qPrintable(QString::number(first)));
        QVERIFY2(last >= 359 && last <= 359 + 40, qPrintable(QString::number(last)));
        QVERIFY(!o.contains("warning"));
    }
}

void TestCli::blankImage()
{
    QImage image(200, 40, QImage::Format_Grayscale8);
    image.fill(255);
    const QString file = path(QStringLiteral("blank.png"));
    QVERIFY(image.save(file));
    const Run r = run({QStringLiteral("recognize"), QStringLiteral("--json"),
                       QStringLiteral("--model"), m_modelA, file});
    QCOMPARE(r.exitCode, 0);  // nothing written is not an error
    const QJsonObject o = r.objects().value(0);
    QCOMPARE(o.value("text").toString(), QString());
    QCOMPARE(o.value("chars").toArray().size(), 0);
    QCOMPARE(o.value("warning").toString(), QStringLiteral("no ink found"));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("recognize without files") << QStringList{"recognize"};
    QTest::newRow("unknown decoder") << QStringList{"recognize", "--decoder", "psychic", "x.png"};
    QTest::newRow("zero beam width") << QStringList{"recognize", "--beam-width", "0", "x.png"};
    QTest::newRow("bad nbest") << QStringList{"recognize", "--nbest", "many", "x.png"};
    QTest::newRow("unknown option") << QStringList{"recognize", "--frobnicate", "x.png"};
    QTest::newRow("eval without data") << QStringList{"eval"};
    QTest::newRow("eval bad limit") << QStringList{"eval", "--data", ".", "--limit", "-3"};
    QTest::newRow("eval stray argument") << QStringList{"eval", "--data", ".", "extra"};
    QTest::newRow("negative lm weight") << QStringList{"recognize", "--lm-weight", "-1", "x.png"};
    QTest::newRow("bad lm bonus") << QStringList{"recognize", "--lm-bonus", "lots", "x.png"};
    QTest::newRow("negative oov penalty")
        << QStringList{"recognize", "--oov-penalty", "-1", "x.png"};
    QTest::newRow("lm without out") << QStringList{"lm", "--data", "."};
    QTest::newRow("lm bad order") << QStringList{"lm",   "--words", "w.txt", "--out",
                                                 "x.lm", "--order", "9"};
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    const Run r = run(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY(!r.err.isEmpty());
}

void TestCli::missingModel()
{
    const QString line = path(QStringLiteral("hello.png"));
    const Run named = run({QStringLiteral("recognize"), QStringLiteral("--model"),
                           path(QStringLiteral("nope.safetensors")), line});
    QCOMPARE(named.exitCode, 1);
    QVERIFY(named.out.isEmpty());
    QVERIFY2(named.err.contains("cannot load model") && named.err.contains("nope.safetensors"),
             named.err.constData());

    const Run fromEnv = run({QStringLiteral("recognize"), line},
                            {{QStringLiteral("INKLENS_MODEL"), m_modelA}});
    QCOMPARE(fromEnv.exitCode, 0);
    QCOMPARE(QString::fromUtf8(fromEnv.out), line + QStringLiteral("\ta\n"));

    // Nothing to find: only testable while no bundled model exists.
    const QString binDir = QFileInfo(QStringLiteral(INKLENS_BIN)).absolutePath();
    if (QFileInfo::exists(QStringLiteral(INKLENS_SOURCE_MODEL))
        || QFileInfo::exists(binDir
                             + QStringLiteral("/../share/inklens/models/default.safetensors")))
        QSKIP("a bundled model exists, so 'no model found' cannot happen");
    const QString absent = path(QStringLiteral("absent.safetensors"));
    for (const QStringList& args : {QStringList{QStringLiteral("recognize"), line},
                                    QStringList{QStringLiteral("eval"), QStringLiteral("--data"),
                                                path(QStringLiteral("gt"))}}) {
        const Run none = run(args, {{QStringLiteral("INKLENS_MODEL"), absent}});
        QCOMPARE(none.exitCode, 1);
        QVERIFY(none.out.isEmpty());
        const QString err = QString::fromUtf8(none.err);
        QVERIFY2(err.contains(QStringLiteral("no model found; searched: ")), qPrintable(err));
        QVERIFY2(err.contains(absent), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral(INKLENS_SOURCE_MODEL)), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("pass --model FILE")), qPrintable(err));
    }
}

void TestCli::evalKnownRates()
{
    // Every line reads "a": hello (5 errors / 5), abc (2 / 3), "a b" (2 / 3);
    // words: 1 / 1, 1 / 1, 1 / 2.
    const Run r = run({QStringLiteral("eval"), QStringLiteral("--data"), path(QStringLiteral("gt")),
                       QStringLiteral("--model"), m_modelA});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QRegularExpression(QStringLiteral("CER\\s+81\\.82 %"))), qPrintable(out));
    QVERIFY2(out.contains(QRegularExpression(QStringLiteral("WER\\s+75\\.00 %"))), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("3 evaluated")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("'b' -> (none): 2")), qPrintable(out));  // abc, a b -> a
    QVERIFY(r.err.contains("eval: 3/3 lines"));                                   // progress

    const Run json = run({QStringLiteral("eval"), QStringLiteral("--json"),
                          QStringLiteral("--data"), path(QStringLiteral("gt")),
                          QStringLiteral("--model"), m_modelA});
    QCOMPARE(json.exitCode, 0);
    const QList<QJsonObject> objects = json.objects();
    QCOMPARE(objects.size(), 4);
    const QJsonObject summary = objects.last();
    QVERIFY(summary.value("summary").toBool());
    QCOMPARE(summary.value("lines").toInt(), 3);
    QCOMPARE(summary.value("char_errors").toInt(), 9);
    QCOMPARE(summary.value("chars").toInt(), 11);
    QCOMPARE(summary.value("word_errors").toInt(), 3);
    QCOMPARE(summary.value("words").toInt(), 4);
    QCOMPARE(summary.value("cer").toDouble(), 9.0 / 11.0);
    QCOMPARE(summary.value("wer").toDouble(), 0.75);
    QCOMPARE(objects[2].value("reference").toString(),
             QStringLiteral("a b"));  // whitespace collapsed
    for (int i = 0; i < 3; ++i)
        QCOMPARE(objects[i].value("hypothesis").toString(), QStringLiteral("a"));
}

void TestCli::evalJsonAddsUp()
{
    const Run r = run({QStringLiteral("eval"), QStringLiteral("--json"), QStringLiteral("--data"),
                       path(QStringLiteral("gt")), QStringLiteral("--data"),
                       path(QStringLiteral("bad")), QStringLiteral("--model"), m_model,
                       QStringLiteral("--threads"), QStringLiteral("2")});
    QCOMPARE(r.exitCode, 1);  // bad/b3.png cannot be read
    const QList<QJsonObject> objects = r.objects();
    QCOMPARE(objects.size(), 7);
    long charErrors = 0, chars = 0, wordErrors = 0, words = 0;
    int lines = 0, failed = 0;
    for (int i = 0; i < objects.size() - 1; ++i) {
        const QJsonObject& o = objects[i];
        QVERIFY(o.contains("file") && o.contains("reference"));
        if (o.contains("error")) {
            ++failed;
            continue;
        }
        for (const char* key : {"hypothesis", "char_errors", "chars", "word_errors", "words"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        ++lines;
        charErrors += o.value("char_errors").toInt();
        chars += o.value("chars").toInt();
        wordErrors += o.value("word_errors").toInt();
        words += o.value("words").toInt();
    }
    const QJsonObject summary = objects.last();
    QVERIFY(!summary.contains("file"));
    QCOMPARE(summary.value("lines").toInt(), lines);
    QCOMPARE(lines, 5);
    QCOMPARE(summary.value("failed").toInt(), failed);
    QCOMPARE(failed, 1);
    QCOMPARE(summary.value("char_errors").toInt(), int(charErrors));
    QCOMPARE(summary.value("chars").toInt(), int(chars));
    QCOMPARE(summary.value("word_errors").toInt(), int(wordErrors));
    QCOMPARE(summary.value("words").toInt(), int(words));
    QVERIFY(std::abs(summary.value("cer").toDouble() - double(charErrors) / double(chars)) < 1e-12);
    QVERIFY(std::abs(summary.value("wer").toDouble() - double(wordErrors) / double(words)) < 1e-12);
    QVERIFY(summary.value("ms_per_line").toDouble(-1) > 0);
    QVERIFY(summary.value("most_confused").isArray());
    QVERIFY(summary.value("most_confused").toArray().size() <= 10);
}

void TestCli::evalManifestSplit()
{
    const QStringList base = {QStringLiteral("eval"),    QStringLiteral("--json"),
                              QStringLiteral("--model"), m_modelA,
                              QStringLiteral("--data"),  path(QStringLiteral("manifest"))};
    // All rows but the vertical one and the unreadable one.
    Run r = run(base);
    QCOMPARE(r.exitCode, 0);
    QList<QJsonObject> objects = r.objects();
    QCOMPARE(objects.size(), 4);
    QCOMPARE(objects.last().value("lines").toInt(), 3);
    QCOMPARE(objects.last().value("skipped").toInt(), 2);

    r = run(base + QStringList{QStringLiteral("--split"), QStringLiteral("val")});
    QCOMPARE(r.exitCode, 0);
    objects = r.objects();
    QCOMPARE(objects.size(), 3);
    QVERIFY(objects[0].value("file").toString().endsWith("m2.png"));
    QCOMPARE(objects[0].value("reference").toString(), QStringLiteral("Mr word"));  // '^' removed
    QCOMPARE(objects[1].value("reference").toString(), QStringLiteral("word struck word"));

    r = run(base + QStringList{QStringLiteral("--limit"), QStringLiteral("2")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.objects().last().value("lines").toInt(), 2);

    // A folder without splits keeps its lines, with a note.
    r = run({QStringLiteral("eval"), QStringLiteral("--json"), QStringLiteral("--model"), m_modelA,
             QStringLiteral("--data"), path(QStringLiteral("gt")), QStringLiteral("--split"),
             QStringLiteral("val")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.objects().last().value("lines").toInt(), 3);
    QVERIFY(r.err.contains("no split column"));
}

void TestCli::evalUnreadableLine()
{
    const Run r = run({QStringLiteral("eval"), QStringLiteral("--data"),
                       path(QStringLiteral("bad")), QStringLiteral("--model"), m_modelA});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("b3.png"));
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(QStringLiteral("2 evaluated, 1 unreadable")), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("CER")) && out.contains(QStringLiteral("WER")));
}

void TestCli::evalErrors()
{
    const Run missing = run({QStringLiteral("eval"), QStringLiteral("--data"),
                             path(QStringLiteral("no-such-folder")), QStringLiteral("--model"),
                             m_model});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("folder not found"));

    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("empty")));
    const Run empty = run({QStringLiteral("eval"), QStringLiteral("--data"),
                           path(QStringLiteral("empty")), QStringLiteral("--model"), m_model});
    QCOMPARE(empty.exitCode, 1);
    QVERIFY(empty.err.contains("no line to evaluate"));
}

void TestCli::languageModel()
{
    // inklens lm from the gt/ folder's transcriptions and a word list; the model reads
    // with it (--lm), without it (--no-lm), and finds it beside itself (<model>.lm).
    writeFile(path(QStringLiteral("words.txt")), "hello\nworld\nabc\n");
    const QString lm = path(QStringLiteral("test.lm"));
    const Run build = run(
        {QStringLiteral("lm"), QStringLiteral("--data"), path(QStringLiteral("gt")),
         QStringLiteral("--holdout-writers"), QStringLiteral("0"), QStringLiteral("--words"),
         path(QStringLiteral("words.txt")) + QStringLiteral(":0.5"), QStringLiteral("--order"),
         QStringLiteral("3"), QStringLiteral("--model"), m_model, QStringLiteral("--out"), lm});
    QVERIFY2(build.exitCode == 0, build.err.constData());
    QVERIFY(QFileInfo::exists(lm));
    QVERIFY2(build.err.contains("3 training lines, 3 words"), build.err.constData());
    const QString line = path(QStringLiteral("hello.png"));
    const Run with = run({QStringLiteral("recognize"), QStringLiteral("--model"), m_model,
                          QStringLiteral("--lm"), lm, QStringLiteral("--lm-weight"),
                          QStringLiteral("5"), QStringLiteral("--json"), line});
    QVERIFY2(with.exitCode == 0, with.err.constData());
    const Run without = run({QStringLiteral("recognize"), QStringLiteral("--model"), m_model,
                             QStringLiteral("--no-lm"), QStringLiteral("--json"), line});
    QCOMPARE(without.exitCode, 0);
    QCOMPARE(with.objects().size(), 1);
    QCOMPARE(without.objects().size(), 1);
    // A random network reads noise; a strong language model turns it into likelier text.
    QVERIFY(with.objects()[0][QStringLiteral("text")]
            != without.objects()[0][QStringLiteral("text")]);

    // Beside the model: picked up without --lm.
    const QString modelCopy = path(QStringLiteral("withlm.safetensors"));
    QVERIFY(QFile::copy(m_model, modelCopy));
    QVERIFY(QFile::copy(lm, path(QStringLiteral("withlm.lm"))));
    const Run beside = run({QStringLiteral("recognize"), QStringLiteral("--model"), modelCopy,
                            QStringLiteral("--lm-weight"), QStringLiteral("5"),
                            QStringLiteral("--json"), line});
    QCOMPARE(beside.exitCode, 0);
    QCOMPARE(beside.objects()[0][QStringLiteral("text")],
             with.objects()[0][QStringLiteral("text")]);

    // A corrupt one beside the model: a warning, and the model reads without it.
    writeFile(path(QStringLiteral("withlm.lm")), "not a language model");
    const Run corrupt = run({QStringLiteral("recognize"), QStringLiteral("--model"), modelCopy,
                             QStringLiteral("--json"), line});
    QCOMPARE(corrupt.exitCode, 0);
    QVERIFY2(corrupt.err.contains("warning:") && corrupt.err.contains("withlm.lm"),
             corrupt.err.constData());
    QCOMPARE(corrupt.objects()[0][QStringLiteral("text")],
             without.objects()[0][QStringLiteral("text")]);
    // A named one that does not load: an error.
    const Run missing = run({QStringLiteral("recognize"), QStringLiteral("--model"), m_model,
                             QStringLiteral("--lm"), path(QStringLiteral("missing.lm")), line});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("cannot load language model"), missing.err.constData());
}

// --lang picks lang/CODE.lm beside the model and the language's word list (the JSON says
// which); a language without its file reads with the model's own; an unknown code is a
// usage error; a language model built for another charset is refused.
void TestCli::writingLanguage()
{
    const QString dir = path(QStringLiteral("langs"));
    QVERIFY(QDir().mkpath(dir + QStringLiteral("/lang")));
    const QString model = dir + QStringLiteral("/m.safetensors");
    QVERIFY(QFile::copy(m_model, model));
    auto buildLm = [&](const QString& words, const QString& out, const QString& forModel) {
        writeFile(path(QStringLiteral("lm-words.txt")), words.toUtf8());
        const Run r = run({QStringLiteral("lm"), QStringLiteral("--words"),
                           path(QStringLiteral("lm-words.txt")), QStringLiteral("--order"),
                           QStringLiteral("3"), QStringLiteral("--min-count"), QStringLiteral("0"),
                           QStringLiteral("--model"), forModel, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    };
    buildLm(QStringLiteral("the\nthe\nthen\nthese\n"), dir + QStringLiteral("/lang/en.lm"), model);
    buildLm(QStringLiteral("zoo\nzazou\nzozo\n"), dir + QStringLiteral("/lang/fr.lm"), model);
    // A model with another alphabet, and a German language model built for it.
    const QString other = path(QStringLiteral("other.safetensors"));
    saveOtherAlphabetModel(other);
    buildLm(QStringLiteral("abc\n"), dir + QStringLiteral("/lang/de.lm"), other);

    const QString line = path(QStringLiteral("wide.png"));
    auto read = [&](const QString& lang) {
        return run({QStringLiteral("recognize"), QStringLiteral("--model"), model,
                    QStringLiteral("--lang"), lang, QStringLiteral("--no-lexicon"),
                    QStringLiteral("--lm-weight"), QStringLiteral("8"), QStringLiteral("--json"),
                    line});
    };
    const Run en = read(QStringLiteral("en"));
    const Run fr = read(QStringLiteral("fr"));
    QVERIFY2(en.exitCode == 0, en.err.constData());
    QVERIFY2(fr.exitCode == 0, fr.err.constData());
    const QJsonObject enJson = en.objects().value(0), frJson = fr.objects().value(0);
    QCOMPARE(enJson[QStringLiteral("language")].toString(), QStringLiteral("en"));
    QCOMPARE(enJson[QStringLiteral("language_model")].toString(),
             dir + QStringLiteral("/lang/en.lm"));
    QCOMPARE(frJson[QStringLiteral("language_model")].toString(),
             dir + QStringLiteral("/lang/fr.lm"));
    QCOMPARE(enJson[QStringLiteral("word_list")].toString(), QString());
    // A random network reads noise; a strong language model decides: English words
    // against French ones.
    const QString enText = enJson[QStringLiteral("text")].toString();
    const QString frText = frJson[QStringLiteral("text")].toString();
    QVERIFY2(enText != frText, qPrintable(enText));
    QVERIFY2(enText.contains(QStringLiteral("the")) && !frText.contains(QStringLiteral("the")),
             qPrintable(enText + QStringLiteral(" / ") + frText));

    // Automatic: each language's decoding scored, the best kept and named; it is one of
    // the two readings above, with that language's model.
    const Run automatic = read(QStringLiteral("auto"));
    QVERIFY2(automatic.exitCode == 0, automatic.err.constData());
    const QJsonObject autoJson = automatic.objects().value(0);
    QCOMPARE(autoJson[QStringLiteral("language")].toString(), QStringLiteral("auto"));
    const QString chosen = autoJson[QStringLiteral("read_as")].toString();
    QVERIFY2((QStringList{"en", "fr", "de", "es"}.contains(chosen)), qPrintable(chosen));
    if (chosen == QStringLiteral("en") || chosen == QStringLiteral("fr"))
        QCOMPARE(autoJson[QStringLiteral("text")].toString(), chosen == QStringLiteral("en") ? enText : frText);
    QVERIFY(!enJson.contains(QStringLiteral("read_as")));

    // No es.lm: the model's own (none here).
    const Run es = read(QStringLiteral("es"));
    QCOMPARE(es.exitCode, 0);
    QCOMPARE(es.objects().value(0)[QStringLiteral("language_model")].toString(), QString());
    QVERIFY2(es.err.contains("no lang/es.lm"), es.err.constData());

    // The language's word list, where Debian's is installed.
    const QString french = QStringLiteral("/usr/share/dict/french");
    if (QFileInfo(french).isFile()) {
        const Run withList = run({QStringLiteral("recognize"), QStringLiteral("--model"), model,
                                  QStringLiteral("--lang"), QStringLiteral("fr"),
                                  QStringLiteral("--json"), line});
        QVERIFY2(withList.exitCode == 0, withList.err.constData());
        QCOMPARE(withList.objects().value(0)[QStringLiteral("word_list")].toString(), french);
    }

    // An unknown language: a usage error naming the languages.
    const Run bad = run({QStringLiteral("eval"), QStringLiteral("--data"),
                         path(QStringLiteral("gt")), QStringLiteral("--model"), model,
                         QStringLiteral("--lang"), QStringLiteral("xx")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("unknown --lang 'xx' (en, fr, de, es or auto)"), bad.err.constData());
    // Another charset's language model: refused, named.
    const Run de = read(QStringLiteral("de"));
    QCOMPARE(de.exitCode, 1);
    QVERIFY2(de.err.contains("another charset") && de.err.contains("de.lm"), de.err.constData());
    // eval's summary says the language and its files too.
    const Run evalEn = run({QStringLiteral("eval"), QStringLiteral("--data"),
                            path(QStringLiteral("gt")), QStringLiteral("--model"), model,
                            QStringLiteral("--lang"), QStringLiteral("en"),
                            QStringLiteral("--no-lexicon"), QStringLiteral("--json")});
    QCOMPARE(evalEn.exitCode, 0);
    const QJsonObject summary = evalEn.objects().constLast();
    QCOMPARE(summary[QStringLiteral("language_model")].toString(),
             dir + QStringLiteral("/lang/en.lm"));
}

void TestCli::synthInkMl()
{
    // Hershey lines as pen trajectories, read back by eval through the canvas path.
    const QString dir = path(QStringLiteral("synth_ink"));
    const Run synth = run({QStringLiteral("synth"), QStringLiteral("--out"), dir,
                           QStringLiteral("--count"), QStringLiteral("6"),
                           QStringLiteral("--inkml"), QStringLiteral("--fonts"),
                           QStringLiteral("none")});
    if (synth.exitCode != 0 && synth.err.contains("Hershey"))
        QSKIP("no Hershey fonts on this machine (hershey-fonts-data)");
    QVERIFY2(synth.exitCode == 0, synth.err.constData());
    QCOMPARE(QDir(dir).entryList({QStringLiteral("*.inkml")}).size(), 6);
    QCOMPARE(QDir(dir).entryList({QStringLiteral("*.png")}).size(), 0);
    const Run eval = run({QStringLiteral("eval"), QStringLiteral("--data"), dir,
                          QStringLiteral("--model"), m_model, QStringLiteral("--json")});
    QVERIFY2(eval.exitCode == 0, eval.err.constData());
    const auto objects = eval.objects();
    QCOMPARE(objects.size(), 7);  // six lines and the summary
    QCOMPARE(objects.last()[QStringLiteral("lines")].toInt(), 6);
}

void TestCli::trainNewArchitecture()
{
    // A new model from the line40 preset with a different height, conv widths (six blocks:
    // the sixth does not pool) and LSTM depth; two steps on the manifest folder (its val
    // rows validate). The model file carries that spec, the log one JSON object per
    // progress line, and the checkpoint resumes.
    const QString model = path(QStringLiteral("trained.safetensors"));
    const QString ckpt = path(QStringLiteral("trained.ckpt"));
    const QString log = path(QStringLiteral("trained.jsonl"));
    const QStringList common = {QStringLiteral("train"),
                                QStringLiteral("--data"),
                                path(QStringLiteral("manifest")),
                                QStringLiteral("--out"),
                                model,
                                QStringLiteral("--checkpoint"),
                                ckpt,
                                QStringLiteral("--log"),
                                log,
                                QStringLiteral("--threads"),
                                QStringLiteral("1"),
                                QStringLiteral("--batch"),
                                QStringLiteral("1"),
                                QStringLiteral("--validate-every"),
                                QStringLiteral("1")};
    const Run train = run(common
                          + QStringList{QStringLiteral("--steps"), QStringLiteral("2"),
                                        QStringLiteral("--height"), QStringLiteral("24"),
                                        QStringLiteral("--conv"), QStringLiteral("4,6,6,8,8,5"),
                                        QStringLiteral("--lstm"), QStringLiteral("6,7,5")});
    QVERIFY2(train.exitCode == 0, train.err.constData());
    const model::Model m = model::loadModel(model.toStdString());
    const model::CrnnSpec& spec = m.crnn.spec();
    QCOMPARE(spec.inputHeight, 24);
    QCOMPARE(spec.activation, nn::Activation::LeakyReLU);
    QCOMPARE(spec.convs.size(), std::size_t(6));
    const int channels[] = {4, 6, 6, 8, 8, 5};
    const int poolH[] = {2, 2, 1, 2, 2, 1}, poolW[] = {2, 2, 1, 1, 1, 1};
    for (std::size_t i = 0; i < 6; ++i) {
        QCOMPARE(spec.convs[i].channels, channels[i]);
        QCOMPARE(spec.convs[i].poolH, poolH[i]);
        QCOMPARE(spec.convs[i].poolW, poolW[i]);
        QVERIFY(spec.convs[i].batchNorm);
    }
    QCOMPARE(spec.lstmHidden, (std::vector<int>{6, 7, 5}));
    QCOMPARE(spec.numClasses, model::Charset::defaultLatin().size());
    QVERIFY2(QString::fromStdString(m.provenance).contains(QStringLiteral("--lstm 6,7,5")),
             m.provenance.c_str());

    QFile logFile(log);
    QVERIFY(logFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> logLines = logFile.readAll().trimmed().split('\n');
    QCOMPARE(logLines.size(), 2);
    const QJsonObject last = QJsonDocument::fromJson(logLines.last()).object();
    QCOMPARE(last[QStringLiteral("step")].toInt(), 2);
    QVERIFY(last[QStringLiteral("val_cer")].toDouble() >= 0);
    QVERIFY(QFileInfo::exists(ckpt));

    // Resuming continues from step 2 with the checkpoint's architecture.
    const Run more = run(common
                         + QStringList{QStringLiteral("--steps"), QStringLiteral("3"),
                                       QStringLiteral("--resume"), QStringLiteral("--height"),
                                       QStringLiteral("24"), QStringLiteral("--conv"),
                                       QStringLiteral("4,6,6,8,8,5"), QStringLiteral("--lstm"),
                                       QStringLiteral("6,7,5")});
    QVERIFY2(more.exitCode == 0, more.err.constData());
    QVERIFY2(more.err.contains("resumed from"), more.err.constData());
    QVERIFY2(more.err.contains("step      3"), more.err.constData());
    QCOMPARE(model::loadModel(model.toStdString()).crnn.spec(), spec);

    // Fine-tuning at another input height keeps the weights when the rows left after the
    // pools do not change (24 and 20 both leave 1 row), and is refused when they do (40: 2).
    const QString lower = path(QStringLiteral("lower.safetensors"));
    const QStringList tune = {QStringLiteral("train"),
                              QStringLiteral("--data"),
                              path(QStringLiteral("manifest")),
                              QStringLiteral("--init"),
                              model,
                              QStringLiteral("--out"),
                              lower,
                              QStringLiteral("--threads"),
                              QStringLiteral("1"),
                              QStringLiteral("--batch"),
                              QStringLiteral("1"),
                              QStringLiteral("--steps"),
                              QStringLiteral("1"),
                              QStringLiteral("--height")};
    const Run tuned = run(tune + QStringList{QStringLiteral("20")});
    QVERIFY2(tuned.exitCode == 0, tuned.err.constData());
    QCOMPARE(model::loadModel(lower.toStdString()).crnn.spec().inputHeight, 20);
    QCOMPARE(model::loadModel(lower.toStdString()).crnn.parameterCount(), m.crnn.parameterCount());
    QFile::remove(lower);
    const Run refused = run(tune + QStringList{QStringLiteral("40")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("the model's LSTM reads 5"), refused.err.constData());
    QVERIFY(!QFileInfo::exists(lower));
}

void TestCli::trainSmallFolder()
{
    // A user's small folder always gives a model or a clear error: without validation
    // lines the last model is saved (it used to print "best validation CER -100.00 %" and
    // write nothing); when every line belongs to a held-out writer, nothing trains and the
    // message says so.
    const QString dir = path(QStringLiteral("small"));
    const Run synth = run({QStringLiteral("synth"), QStringLiteral("--out"), dir,
                           QStringLiteral("--count"), QStringLiteral("4"),
                           QStringLiteral("--fonts"), QStringLiteral("none")});
    if (synth.exitCode != 0 && synth.err.contains("Hershey"))
        QSKIP("no Hershey fonts on this machine (hershey-fonts-data)");
    QVERIFY2(synth.exitCode == 0, synth.err.constData());
    const QString out = path(QStringLiteral("small.safetensors"));
    const QStringList common = {QStringLiteral("train"), QStringLiteral("--init"), m_model,
                                QStringLiteral("--data"), dir, QStringLiteral("--out"), out,
                                QStringLiteral("--steps"), QStringLiteral("2"),
                                QStringLiteral("--batch"), QStringLiteral("2"),
                                QStringLiteral("--threads"), QStringLiteral("1")};
    const Run trained = run(common + QStringList{QStringLiteral("--holdout-writers"),
                                                 QStringLiteral("0")});
    QVERIFY2(trained.exitCode == 0, trained.err.constData());
    QVERIFY2(trained.err.contains("no validation lines"), trained.err.constData());
    QVERIFY2(!trained.err.contains("-100"), trained.err.constData());
    const model::Model m = model::loadModel(out.toStdString());
    QCOMPARE(m.crnn.spec(), model::loadModel(m_model.toStdString()).crnn.spec());
    QFile::remove(out);

    // Four lines of (at most) four writers, all held out by the default 15 writers.
    const Run refused = run(common);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("held-out writers"), refused.err.constData());
    QVERIFY(!QFileInfo::exists(out));
}

void TestCli::finetuneGuard()
{
    // inklens finetune writes the model only when the guard passes: samples written "a",
    // which the base (reading 'a' everywhere) reads perfectly already, cannot be read
    // better: refused, nothing written. A kept model (saveFineTuned) carries its provenance
    // and the base's .lm; the base is never the output.
    const QString base = path(QStringLiteral("tunebase.safetensors"));
    saveTinyModel(base, U'a', 5.f);  // 'a' everywhere, but not beyond learning
    writeFile(path(QStringLiteral("tunebase.lm")), "the base's language model");
    auto folder = [&](const QString& name, const char* text, int n) {
        const QString dir = path(name);
        QDir().mkpath(dir);
        for (int i = 0; i < n; ++i) {
            const QString stem = dir + QStringLiteral("/s%1").arg(i);
            renderLine(stem + QStringLiteral(".png"), i % 2 ? QStringLiteral("hello")
                                                            : QStringLiteral("abc"));
            writeFile(stem + QStringLiteral(".gt.txt"), QByteArray(text) + '\n');
        }
        return dir;
    };
    const QString general = folder(QStringLiteral("tune_general"), "c", 3);
    const QString out = path(QStringLiteral("tuned.safetensors"));
    const QStringList common = {QStringLiteral("finetune"), QStringLiteral("--model"), base,
                                QStringLiteral("--out"), out, QStringLiteral("--general"),
                                general, QStringLiteral("--replay-lines"), QStringLiteral("0"),
                                QStringLiteral("--adapt"), QStringLiteral("output"),
                                QStringLiteral("--minutes"), QStringLiteral("0"),
                                QStringLiteral("--steps"), QStringLiteral("40"),
                                QStringLiteral("--lr"), QStringLiteral("0.05"),
                                QStringLiteral("--threads"), QStringLiteral("1"),
                                QStringLiteral("--samples")};

    const Run refused = run(common + QStringList{folder(QStringLiteral("tune_a"), "a", 8)});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("not better on the held-out samples"), refused.err.constData());
    QVERIFY2(refused.err.contains("nothing written"), refused.err.constData());
    QVERIFY(!QFileInfo::exists(out));

    // A kept model: written atomically with its provenance, the base's .lm beside it.
    service::FineTuningResult kept(model::loadModel(base.toStdString()));
    kept.trainingSamples = 6;
    kept.heldOutSamples = 2;
    kept.heldOutBefore = 0.5;
    kept.heldOutAfter = 0.25;
    kept.better = true;
    service::saveFineTuned(kept, service::FineTuningOptions{}, base.toStdString(),
                           path(QStringLiteral("tune_a")).toStdString(), out.toStdString());
    const model::Model m = model::loadModel(out.toStdString());
    const QJsonObject prov =
        QJsonDocument::fromJson(QByteArray::fromStdString(m.provenance)).object();
    QCOMPARE(prov[QStringLiteral("fine_tuned_from")].toString(), base);
    QCOMPARE(prov[QStringLiteral("training_samples")].toInt(), 6);
    QCOMPARE(prov[QStringLiteral("held_out_cer_after")].toDouble(), 0.25);
    QCOMPARE(prov[QStringLiteral("adapt")].toString(), QStringLiteral("lstm"));
    QVERIFY(!prov[QStringLiteral("date")].toString().isEmpty());
    QFile lm(path(QStringLiteral("tuned.lm")));
    QVERIFY(lm.open(QIODevice::ReadOnly));
    QCOMPARE(lm.readAll(), QByteArray("the base's language model"));
    QVERIFY_THROWS_EXCEPTION(nn::EngineError,
                             service::saveFineTuned(kept, service::FineTuningOptions{},
                                                    base.toStdString(), "", base.toStdString()));
    // The base is untouched, and never the output.
    QCOMPARE(model::loadModel(base.toStdString()).provenance, std::string("{}"));
    QFile::remove(out);
    const Run over = run(QStringList{QStringLiteral("finetune"), QStringLiteral("--model"), base,
                                     QStringLiteral("--out"), base, QStringLiteral("--samples"),
                                     path(QStringLiteral("tune_a"))});
    QCOMPARE(over.exitCode, 1);
    QVERIFY2(over.err.contains("never overwritten"), over.err.constData());
    const Run badAdapt = run(common.mid(0, common.size() - 1)
                             + QStringList{QStringLiteral("--adapt"), QStringLiteral("conv"),
                                           QStringLiteral("--samples"), general});
    QCOMPARE(badAdapt.exitCode, 2);
}

void TestCli::lexicon()
{
    // A word list loads for the model's charset; one that cannot be read is an error
    // naming it, before any file is read.
    const QString line = path(QStringLiteral("hello.png"));
    const QString words = path(QStringLiteral("words.txt"));
    writeFile(words, "a\nhello world\n");
    const Run ok = run({QStringLiteral("recognize"), QStringLiteral("--model"), m_modelA,
                        QStringLiteral("--lexicon"), words, line});
    QCOMPARE(ok.exitCode, 0);
    QCOMPARE(QString::fromUtf8(ok.out), line + QStringLiteral("\ta\n"));
    const Run missing = run({QStringLiteral("eval"), QStringLiteral("--data"),
                             path(QStringLiteral("gt")), QStringLiteral("--model"), m_modelA,
                             QStringLiteral("--lexicon"), path(QStringLiteral("no-words.txt"))});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.out.isEmpty());
    QVERIFY2(missing.err.contains("cannot read the word list")
                 && missing.err.contains("no-words.txt"),
             missing.err.constData());
}

// Skew correction is on by default: ink written downhill (slope 0.1, 5.7 degrees) is
// levelled before it is rasterized ("skew" reports the shear applied) and comes out as
// wide as the same letters written level; --no-deskew reads it as it is, as large (the
// rasterizer measures the x-height across the line's slope), still sloping.
void TestCli::deskewOption()
{
    auto write = [&](const QString& name, double slope) {
        QByteArray traces;
        for (int letter = 0; letter < 12; ++letter) {
            traces += "<trace>";
            for (int i = 0; i <= 20; ++i) {
                const double a = i / 20.0 * 6.2832;
                const double x = 1000 + 700 * letter + 250 * std::sin(a);
                traces += QByteArray::number(x, 'f', 0) + ' '
                          + QByteArray::number(5000 + slope * x - 400 * std::cos(a), 'f', 0)
                          + (i < 20 ? ", " : "");
            }
            traces += "</trace>\n";
        }
        writeFile(path(name),
                  "<ink xmlns=\"http://www.w3.org/2003/InkML\">\n" + traces + "</ink>\n");
        return path(name);
    };
    const QString downhill = write(QStringLiteral("downhill.inkml"), 0.1);
    const QString level = write(QStringLiteral("level.inkml"), 0);
    auto read = [&](const QString& file, const QStringList& extra) {
        const Run r = run(QStringList{QStringLiteral("recognize"), QStringLiteral("--json"),
                                      QStringLiteral("--model"), m_model}
                          + extra + QStringList{file});
        return r.exitCode == 0 ? r.objects().value(0) : QJsonObject{};
    };
    const auto width = [](const QJsonObject& o) {
        return o.value("image").toObject().value("width").toInt();
    };
    const QJsonObject levelled = read(downhill, {});
    const QJsonObject asItIs = read(downhill, {QStringLiteral("--no-deskew")});
    const QJsonObject flat = read(level, {});
    QVERIFY2(std::abs(levelled.value("skew").toDouble() + 0.1) <= 0.011,
             qPrintable(QString::number(levelled.value("skew").toDouble())));
    QCOMPARE(asItIs.value("skew").toDouble(), 0.0);
    QCOMPARE(flat.value("skew").toDouble(), 0.0);
    QVERIFY2(std::abs(width(levelled) - width(flat)) <= 6
                 && std::abs(width(asItIs) - width(flat)) <= 6,
             qPrintable(QStringLiteral("levelled %1, as it is %2, level %3")
                            .arg(width(levelled))
                            .arg(width(asItIs))
                            .arg(width(flat))));
}

void TestCli::trainUsageErrors_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown arch") << QStringList{QStringLiteral("--arch"), QStringLiteral("line41")}
                                  << 1 << QStringLiteral("unknown architecture 'line41'");
    QTest::newRow("bad conv list")
        << QStringList{QStringLiteral("--conv"), QStringLiteral("8,x")} << 1
        << QStringLiteral("--conv: '8,x' is not a list of positive integers");
    QTest::newRow("zero lstm") << QStringList{QStringLiteral("--lstm"), QStringLiteral("0")} << 1
                               << QStringLiteral("--lstm: '0' is not a list of positive integers");
    QTest::newRow("pooled away") << QStringList{QStringLiteral("--height"), QStringLiteral("8")}
                                 << 1 << QStringLiteral("pools reduce the height to zero");
    QTest::newRow("init and lstm")
        << QStringList{QStringLiteral("--init"), QStringLiteral("m.safetensors"),
                       QStringLiteral("--lstm"), QStringLiteral("32")}
        << 2 << QStringLiteral("--init keeps its own");
}

void TestCli::trainUsageErrors()
{
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString model = path(QStringLiteral("never.safetensors"));
    const Run r = run(QStringList{QStringLiteral("train"), QStringLiteral("--data"),
                                  path(QStringLiteral("manifest")), QStringLiteral("--out"), model,
                                  QStringLiteral("--steps"), QStringLiteral("1")}
                      + extra);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QVERIFY(!QFileInfo::exists(model));
}

void TestCli::commonPrologue_data()
{
    QTest::addColumn<QString>("command");  // empty: the top level
    for (const char* command : {"recognize", "segment", "eval", "bench", "train", "finetune", "synth", "lm",
                                "restroke", "export", "logprobs", "blend", ""})
        QTest::newRow(*command ? command : "inklens") << QString::fromLatin1(command);
}

// Every command answers --help with its options on stdout and exit code 0, and an unknown
// option with the same two lines on stderr and exit code 2.
void TestCli::commonPrologue()
{
    QFETCH(QString, command);
    const QStringList prefix = command.isEmpty() ? QStringList{} : QStringList{command};
    // (Qt's offscreen platform warns on stderr without a runtime folder.)
    const QMap<QString, QString> env{{QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path()}};
    const Run help = run(prefix + QStringList{QStringLiteral("--help")}, env);
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.contains("--help") && help.out.contains("Options:"), help.out.constData());
    QVERIFY2(help.err.isEmpty(), help.err.constData());
    const QString name = command.isEmpty() ? QStringLiteral("inklens")
                                           : QStringLiteral("inklens ") + command;
    // The usage line names the command, not the path the program was started by.
    QVERIFY2(help.out.startsWith(("Usage: " + name + " [options]").toUtf8()), help.out.constData());

    const Run unknown = run(prefix + QStringList{QStringLiteral("--frobnicate")}, env);
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY(unknown.out.isEmpty());
    QCOMPARE(
        QString::fromUtf8(unknown.err),
        QStringLiteral("%1: Unknown option 'frobnicate'.\nRun '%1 --help' for usage.\n").arg(name));
}

// The proof of one reading path: the same ink gives the same text and the same
// character spans through the window's service (RecognitionService::recognize, default
// options) and through 'inklens recognize --json' (a separate process, default options)
// on the InkML file the window's save path writes (service::writeInkMlFile).
// "inklens FILE" (the desktop entry's Exec=inklens %f, how *.inkml files open): the window
// with FILE opened, as --open FILE; a first argument that is neither a command nor a file
// stays an unknown command.
void TestCli::fileArgumentOpensTheWindow()
{
    const Run unknown = run({path(QStringLiteral("no-such.inkml"))});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains("unknown command"), unknown.err.constData());

    imaging::Ink ink;
    ink.strokes.push_back({{{0, 0}, {10, 20}, {20, 0}, {30, 20}}});
    const QString good = path(QStringLiteral("desktop.inkml"));
    QString error;
    QVERIFY2(service::writeInkMlFile(good, ink, &error), qPrintable(error));
    const QString broken = path(QStringLiteral("broken.inkml"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not ink");
    file.close();

    const QMap<QString, QString> offscreen{
        {QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")}};
    for (const QString& opened : {good, broken}) {
        const QString shot = path(QStringLiteral("window.png"));
        QFile::remove(shot);
        const Run window = run(
            {opened, QStringLiteral("--model"), m_model, QStringLiteral("--screenshot"), shot},
            offscreen);
        QVERIFY2(window.exitCode == 0, window.err.constData());
        QVERIFY(QFileInfo(shot).size() > 0);
        // Only the broken file is refused: the file reached the window's openFile().
        QCOMPARE(window.err.contains("cannot open"), opened == broken);
    }
}

void TestCli::sameInkSameReadingInWindowAndCli()
{
    if (!QFileInfo::exists(QStringLiteral(INKLENS_SOURCE_MODEL)))
        QSKIP("no bundled model (resources/models/default.safetensors)");
    const imaging::Ink ink = testing::textInk("the quick brown fox");
    if (ink.empty())
        QSKIP("no Hershey fonts on this machine (hershey-fonts-data)");
    const QString file = path(QStringLiteral("window.inkml"));
    QString error;
    QVERIFY2(service::writeInkMlFile(file, ink, &error), qPrintable(error));

    service::RecognitionService window;
    QSignalSpy loaded(&window, &service::RecognitionService::modelLoaded);
    window.loadModel(QStringLiteral(INKLENS_SOURCE_MODEL));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 60000);
    QVERIFY(window.model()->languageModel);  // default.lm beside it, as for the CLI
    QSignalSpy recognized(&window, &service::RecognitionService::recognized);
    window.recognize(ink);
    QTRY_COMPARE_WITH_TIMEOUT(recognized.size(), 1, 60000);
    const auto result = recognized.at(0).at(0).value<service::RecognitionResult>();
    const model::Recognition& rec = *result.recognition;

    const Run cli = run({QStringLiteral("recognize"), QStringLiteral("--json"),
                         QStringLiteral("--model"), QStringLiteral(INKLENS_SOURCE_MODEL), file});
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    const QJsonObject o = cli.objects().value(0);
    qDebug("window: \"%s\", inklens recognize: \"%s\"", rec.text.c_str(),
           qUtf8Printable(o.value("text").toString()));
    QVERIFY(!rec.text.empty());
    QCOMPARE(o.value("text").toString(), QString::fromStdString(rec.text));
    QCOMPARE(o.value("input_width").toInt(), rec.inputWidth);
    QCOMPARE(o.value("confidence").toDouble(), std::round(double(rec.confidence) * 1e4) / 1e4);
    const QJsonArray chars = o.value("chars").toArray();
    QCOMPARE(chars.size(), qsizetype(rec.chars.size()));
    for (qsizetype i = 0; i < chars.size(); ++i) {
        const QJsonObject c = chars[i].toObject();
        const model::RecognizedChar& w = rec.chars[std::size_t(i)];
        QCOMPARE(c.value("char").toString(), QString::fromStdString(w.text));
        QCOMPARE(c.value("first_column").toInt(), w.firstColumn);
        QCOMPARE(c.value("last_column").toInt(), w.lastColumn);
    }
    const QJsonArray nbest = o.value("nbest").toArray();
    QCOMPARE(nbest.size(), qsizetype(rec.nbest.size()));
    for (qsizetype i = 0; i < nbest.size(); ++i)
        QCOMPARE(nbest[i].toObject().value("text").toString(),
                 QString::fromStdString(rec.nbest[std::size_t(i)].text));
}

namespace {

// A page: white paper, `lines` lines of dark text 90 px apart, each 24 px high.
QImage renderPage(int lines, int width = 900, int height = 700)
{
    QImage image(width, height, QImage::Format_Grayscale8);
    image.fill(255);
    QPainter painter(&image);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(26);
    painter.setFont(font);
    painter.setPen(Qt::black);
    for (int i = 0; i < lines; ++i)
        painter.drawText(QRect(60, 80 + 90 * i, width - 120, 40), Qt::AlignVCenter | Qt::AlignLeft,
                         QStringLiteral("a written line of the page, number %1").arg(i + 1));
    painter.end();
    return image;
}

// Every point of every line's polygon and baseline inside [0, width] x [0, height].
void checkPageLines(const QJsonObject& page, int expectedLines, double width, double height,
                    bool withText)
{
    const QJsonArray lines = page.value("lines").toArray();
    QCOMPARE(lines.size(), expectedLines);
    QStringList texts;
    double previousTop = -1;
    for (const QJsonValue& v : lines) {
        const QJsonObject line = v.toObject();
        const QJsonArray polygon = line.value("polygon").toArray();
        const QJsonArray baseline = line.value("baseline").toArray();
        QVERIFY(polygon.size() >= 3);
        QVERIFY(baseline.size() >= 2);
        double top = height;
        for (const QJsonArray& points : {polygon, baseline})
            for (const QJsonValue& p : points) {
                const double x = p.toArray().at(0).toDouble(-1), y = p.toArray().at(1).toDouble(-1);
                QVERIFY2(x >= 0 && x <= width && y >= 0 && y <= height,
                         qPrintable(QStringLiteral("%1, %2").arg(x).arg(y)));
                top = std::min(top, y);
            }
        QVERIFY(top > previousTop);  // reading order: top to bottom
        previousTop = top;
        QCOMPARE(line.contains("text"), withText);
        if (withText) {
            const double confidence = line.value("confidence").toDouble(-1);
            QVERIFY(confidence >= 0 && confidence <= 1);
            texts << line.value("text").toString();
        }
    }
    if (withText)
        QCOMPARE(page.value("text").toString(), texts.join(QLatin1Char('\n')));
}

}  // namespace

void TestCli::recognizePage()
{
    const QString file = path(QStringLiteral("page.png"));
    QVERIFY(renderPage(4).save(file));
    const Run r = run({QStringLiteral("recognize"), QStringLiteral("--json"),
                       QStringLiteral("--model"), m_modelA, file,
                       path(QStringLiteral("hello.png"))});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> objects = r.objects();
    QCOMPARE(objects.size(), 2);
    const QJsonObject& page = objects[0];
    QCOMPARE(page.value("file").toString(), file);
    QVERIFY(!page.contains("page"));  // one page in the file
    QCOMPARE(page.value("width").toInt(), 900);
    QCOMPARE(page.value("height").toInt(), 700);
    checkPageLines(page, 4, 900, 700, true);
    // The model that always says 'a' reads "a" on every line.
    QCOMPARE(page.value("text").toString(), QStringLiteral("a\na\na\na"));
    // A picture of one line is still read as one line.
    QVERIFY(!objects[1].contains("lines"));
    QVERIFY(objects[1].contains("chars"));

    const Run plain = run({QStringLiteral("recognize"), QStringLiteral("--model"), m_modelA, file});
    QCOMPARE(plain.exitCode, 0);
    QCOMPARE(plain.out, (QStringList(4, file + QStringLiteral("\ta")).join('\n') + '\n').toUtf8());
}

void TestCli::recognizeTiffPages()
{
    const QString file = path(QStringLiteral("two-pages.tif"));
    testing::writeFile(file, testing::multiPageTiff({renderPage(3), renderPage(2, 800, 600)}));
    const Run r = run({QStringLiteral("recognize"), QStringLiteral("--json"),
                       QStringLiteral("--model"), m_modelA, file});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> objects = r.objects();
    QCOMPARE(objects.size(), 2);
    QCOMPARE(objects[0].value("page").toInt(), 1);
    QCOMPARE(objects[1].value("page").toInt(), 2);
    checkPageLines(objects[0], 3, 900, 700, true);
    checkPageLines(objects[1], 2, 800, 600, true);
    QCOMPARE(objects[1].value("file").toString(), file);
}

void TestCli::recognizeInkParagraph()
{
    imaging::Ink ink = testing::textInk("the first line");
    const imaging::Ink second = testing::textInk("and the second", 5);
    if (ink.empty() || second.empty())
        QSKIP("no Hershey fonts (hershey-fonts-data)");
    const float t0 = ink.strokes.back().points.back().t + 1.f;
    for (imaging::Stroke s : second.strokes) {
        for (auto& p : s.points) {
            p.y += 90.f;
            p.t += t0;
        }
        ink.strokes.push_back(std::move(s));
    }
    const QString file = path(QStringLiteral("paragraph.inkml"));
    QString error;
    QVERIFY2(service::writeInkMlFile(file, ink, &error), qPrintable(error));
    const Run r = run({QStringLiteral("recognize"), QStringLiteral("--json"),
                       QStringLiteral("--model"), m_modelA, file});
    QCOMPARE(r.exitCode, 0);
    const QList<QJsonObject> objects = r.objects();
    QCOMPARE(objects.size(), 1);
    // Polygons in the ink's units: within its bounds.
    const cv::Rect2f b = ink.bounds();
    const QJsonArray lines = objects[0].value("lines").toArray();
    QCOMPARE(lines.size(), 2);
    for (const QJsonValue& v : lines)
        for (const QJsonValue& p : v.toObject().value("polygon").toArray()) {
            const double x = p.toArray().at(0).toDouble(), y = p.toArray().at(1).toDouble();
            QVERIFY(x >= b.x - 0.01 && x <= b.x + b.width + 0.01);
            QVERIFY(y >= b.y - 0.01 && y <= b.y + b.height + 0.01);
        }
    QCOMPARE(objects[0].value("text").toString(), QStringLiteral("a\na"));
}

void TestCli::segmentFormats()
{
    const QString file = path(QStringLiteral("segment-page.png"));
    QVERIFY(renderPage(3).save(file));
    // JSON without a model: the lines, no text.
    const Run json = run({QStringLiteral("segment"), file});
    QCOMPARE(json.exitCode, 0);
    const QList<QJsonObject> objects = json.objects();
    QCOMPARE(objects.size(), 1);
    checkPageLines(objects[0], 3, 900, 700, false);

    const Run text = run(
        {QStringLiteral("segment"), QStringLiteral("--format"), QStringLiteral("text"), file});
    QCOMPARE(text.exitCode, 0);
    const QList<QByteArray> rows = text.out.trimmed().split('\n');
    QCOMPARE(rows.size(), 3);
    QVERIFY(rows[1].startsWith((file + QStringLiteral("\t2\t")).toUtf8()));

    // PAGE XML to a file (format from the suffix), read back: the same polygons.
    const QString xml = path(QStringLiteral("segment-page.xml"));
    const Run written = run({QStringLiteral("segment"), file, QStringLiteral("-o"), xml});
    QCOMPARE(written.exitCode, 0);
    QVERIFY(written.out.isEmpty());
    const auto back = service::readPageFile(xml, &error_);
    QVERIFY2(back, qPrintable(error_));
    QCOMPARE(back->lines.size(), std::size_t(3));
    const QJsonArray lines = objects[0].value("lines").toArray();
    for (std::size_t i = 0; i < 3; ++i) {
        const QJsonArray polygon = lines[int(i)].toObject().value("polygon").toArray();
        QCOMPARE(back->lines[i].line.polygon.size(), std::size_t(polygon.size()));
        for (int k = 0; k < polygon.size(); ++k)
            QVERIFY(std::abs(back->lines[i].line.polygon[std::size_t(k)].x
                             - polygon[k].toArray().at(0).toDouble())
                    <= 0.5);
    }

    // hOCR to a folder: one file per page of a TIFF.
    const QString tiff = path(QStringLiteral("segment.tif"));
    testing::writeFile(tiff, testing::multiPageTiff({renderPage(2), renderPage(1, 900, 500)}));
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("hocr")));
    const Run folder = run({QStringLiteral("segment"), QStringLiteral("--format"),
                            QStringLiteral("hocr"), tiff, QStringLiteral("-o"),
                            path(QStringLiteral("hocr"))});
    QCOMPARE(folder.exitCode, 0);
    for (const auto& [name, count] :
         {std::pair{"segment-p1.hocr", 2}, std::pair{"segment-p2.hocr", 1}}) {
        const auto page = service::readPageFile(path(QStringLiteral("hocr/") + QLatin1String(name)),
                                                &error_);
        QVERIFY2(page, qPrintable(error_));
        QCOMPARE(int(page->lines.size()), count);
    }
    // Two pages do not go into one PAGE XML file.
    const QString both = path(QStringLiteral("both.xml"));
    const Run refused = run({QStringLiteral("segment"), tiff, QStringLiteral("-o"), both});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.err.contains("folder"));
    QVERIFY(!QFile::exists(both));
}

void TestCli::segmentErrors()
{
    const QString page = path(QStringLiteral("page.png"));
    QVERIFY(renderPage(2).save(page));
    for (const QStringList& args :
         {QStringList{QStringLiteral("segment")},
          QStringList{QStringLiteral("segment"), QStringLiteral("--format"), QStringLiteral("pdf"),
                      page},
          QStringList{QStringLiteral("segment"), page, QStringLiteral("-o"),
                      path(QStringLiteral("x.pdf"))}}) {
        const Run r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("inklens segment"));
    }
    // Bad files: named, the others still done.
    const Run r = run({QStringLiteral("segment"), path(QStringLiteral("corrupt.png")),
                       path(QStringLiteral("huge.png")), path(QStringLiteral("nothing.png")),
                       page});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.objects().size(), 1);
    for (const char* name : {"corrupt.png", "huge.png", "nothing.png"})
        QVERIFY2(r.err.contains(name), name);
    QVERIFY(r.err.contains("too large"));
    QVERIFY(r.err.contains("does not exist"));
    // A folder that cannot be written to.
    const Run unwritable = run({QStringLiteral("segment"), page, QStringLiteral("-o"),
                                path(QStringLiteral("page.png/out.json"))});
    QCOMPARE(unwritable.exitCode, 1);
    QVERIFY(unwritable.err.contains("cannot be written"));
}

// inklens logprobs: the pixels are the reader's normalization of each picture, the
// log-probabilities the network's on them (rows are distributions); --inputs runs the same
// pixels again to the same numbers; bad input writes nothing.
// base + alpha (tuned - base): alpha 0 is the base, 1 the tuned model, 0.5 halfway, for
// every weight; another network is refused; a bad alpha is a usage error.
void TestCli::blendBetweenTwoModels()
{
    const QString half = path(QStringLiteral("blend-half.safetensors"));
    const QString zero = path(QStringLiteral("blend-zero.safetensors"));
    for (const auto& [alpha, out] : {std::pair{QStringLiteral("0.5"), half},
                                     std::pair{QStringLiteral("0"), zero}}) {
        const Run r = run({QStringLiteral("blend"), QStringLiteral("--base"), m_model,
                           QStringLiteral("--tuned"), m_modelA, QStringLiteral("--alpha"), alpha,
                           QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    const model::Model base = model::loadModel(m_model.toStdString());
    const model::Model tuned = model::loadModel(m_modelA.toStdString());
    const model::Model mid = model::loadModel(half.toStdString());
    const model::Model same = model::loadModel(zero.toStdString());
    const auto b = base.crnn.params(), t = tuned.crnn.params(), m = mid.crnn.params(),
               z = same.crnn.params();
    bool anyDiffers = false;
    for (std::size_t i = 0; i < b.size(); ++i) {
        QVERIFY(((b[i]->value + t[i]->value) * 0.5f - m[i]->value).cwiseAbs().maxCoeff() < 1e-5f);
        QVERIFY((b[i]->value - z[i]->value).cwiseAbs().maxCoeff() == 0.f);
        anyDiffers = anyDiffers || (b[i]->value - t[i]->value).cwiseAbs().maxCoeff() > 1e-3f;
    }
    QVERIFY(anyDiffers);  // the two inputs are different models
    QVERIFY(QString::fromStdString(mid.provenance).contains(QStringLiteral("\"alpha\":0.5")));

    const QString other = path(QStringLiteral("blend-other.safetensors"));
    saveOtherAlphabetModel(other);
    const Run mismatch = run({QStringLiteral("blend"), QStringLiteral("--base"), m_model,
                              QStringLiteral("--tuned"), other, QStringLiteral("--alpha"),
                              QStringLiteral("0.5"), QStringLiteral("--out"),
                              path(QStringLiteral("blend-bad.safetensors"))});
    QCOMPARE(mismatch.exitCode, 1);
    QVERIFY2(mismatch.err.contains("not the same network"), mismatch.err.constData());
    QVERIFY(!QFile::exists(path(QStringLiteral("blend-bad.safetensors"))));
    const Run badAlpha = run({QStringLiteral("blend"), QStringLiteral("--base"), m_model,
                              QStringLiteral("--tuned"), m_modelA, QStringLiteral("--alpha"),
                              QStringLiteral("2"), QStringLiteral("--out"), half});
    QCOMPARE(badAlpha.exitCode, 2);
}

void TestCli::logprobsDump()
{
    const QString out = path(QStringLiteral("logprobs.safetensors"));
    const QStringList pictures = {path(QStringLiteral("hello.png")),
                                  path(QStringLiteral("wide.png"))};
    const Run r = run(QStringList{QStringLiteral("logprobs"), QStringLiteral("--model"), m_model,
                                  QStringLiteral("--no-deskew"), QStringLiteral("--out"), out}
                      + pictures);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const model::SafetensorsFile f = model::readSafetensors(out.toStdString());
    QCOMPARE(f.tensors.size(), std::size_t(4));
    auto m = std::make_shared<const model::Model>(model::loadModel(m_model.toStdString()));
    const reading::Reader reader(m);
    reading::ReadOptions options;
    options.deskew = false;
    for (int k = 0; k < 2; ++k) {
        const model::TensorEntry* input = f.find("input." + std::to_string(k));
        const model::TensorEntry* lp = f.find("logprobs." + std::to_string(k));
        QVERIFY(input && lp);
        const imaging::LineImage line = reader.normalize(
            service::grayMat(service::loadGrayImage(pictures[k])), options);
        QCOMPARE(input->shape, (std::vector<std::int64_t>{16, line.width}));
        QVERIFY(input->data == line.pixels);
        model::CrnnWorkspace ws;
        nn::Seq seq;
        m->crnn.forward(model::makeImageBatch({line.pixels.data()}, {line.width}, 16), seq, ws);
        const nn::Mat expected = seq.sampleRows(0);
        QCOMPARE(lp->shape, (std::vector<std::int64_t>{m->crnn.spec().framesFor(line.width),
                                                       m->crnn.spec().numClasses}));
        QVERIFY(std::equal(lp->data.begin(), lp->data.end(), expected.data()));
        for (std::int64_t t = 0; t < lp->shape[0]; ++t) {
            double sum = 0;
            for (std::int64_t c = 0; c < lp->shape[1]; ++c)
                sum += std::exp(double(lp->data[std::size_t(t * lp->shape[1] + c)]));
            QVERIFY(std::abs(sum - 1) < 1e-4);
        }
    }
    QVERIFY(f.metadata.at("files").find("wide.png") != std::string::npos);

    const QString again = path(QStringLiteral("logprobs-again.safetensors"));
    const Run r2 = run({QStringLiteral("logprobs"), QStringLiteral("--model"), m_model,
                        QStringLiteral("--inputs"), out, QStringLiteral("--out"), again});
    QVERIFY2(r2.exitCode == 0, r2.err.constData());
    const model::SafetensorsFile g = model::readSafetensors(again.toStdString());
    for (const char* name : {"input.0", "logprobs.0", "input.1", "logprobs.1"})
        QVERIFY2(g.find(name) && g.find(name)->data == f.find(name)->data, name);
    QCOMPARE(g.metadata.at("convolutions"), std::string("default"));
    // --im2col: the same numbers up to rounding, and says so.
    const QString plain = path(QStringLiteral("logprobs-im2col.safetensors"));
    const Run r3 = run({QStringLiteral("logprobs"), QStringLiteral("--model"), m_model,
                        QStringLiteral("--inputs"), out, QStringLiteral("--im2col"),
                        QStringLiteral("--out"), plain});
    QVERIFY2(r3.exitCode == 0, r3.err.constData());
    const model::SafetensorsFile h = model::readSafetensors(plain.toStdString());
    QCOMPARE(h.metadata.at("convolutions"), std::string("im2col"));
    const auto& a = h.find("logprobs.1")->data;
    const auto& b = f.find("logprobs.1")->data;
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        QVERIFY(std::abs(a[i] - b[i]) < 1e-4f);

    // Usage errors, and inputs of another height than the model's: nothing written.
    const QString none = path(QStringLiteral("logprobs-none.safetensors"));
    QCOMPARE(run({QStringLiteral("logprobs"), pictures[0]}).exitCode, 2);
    QCOMPARE(run({QStringLiteral("logprobs"), QStringLiteral("--out"), none,
                  QStringLiteral("--inputs"), out, pictures[0]})
                 .exitCode,
             2);
    const QString wrongHeight = path(QStringLiteral("height40.safetensors"));
    model::SafetensorsFile tall;
    tall.tensors.push_back({"input.0", {40, 64}, std::vector<float>(40 * 64, 0.5f)});
    model::writeSafetensorsAtomic(wrongHeight.toStdString(), tall);
    const Run bad = run({QStringLiteral("logprobs"), QStringLiteral("--model"), m_model,
                         QStringLiteral("--inputs"), wrongHeight, QStringLiteral("--out"), none});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("height"), bad.err.constData());
    QVERIFY(!QFileInfo::exists(none));
}

QTEST_MAIN(TestCli)
#include "test_cli.moc"
