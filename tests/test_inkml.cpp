// InkML (core/service/inkml): round trip, files written by other tools (channel order,
// units, difference encoding, contexts), scale-free rasterization, and a table of
// malformed files, each with its message. Plus mutated files: never a crash.
#include "service/inkml.h"

#include "imaging/ink.h"
#include "test_models.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using inklens::imaging::Ink;
using inklens::imaging::InkPoint;
using inklens::service::readInkMl;

namespace {

QByteArray ink(const char* body)
{
    return QByteArray("<ink xmlns=\"http://www.w3.org/2003/InkML\">\n") + body + "\n</ink>\n";
}

QString points(const Ink& ink)
{
    QStringList strokes;
    for (const auto& s : ink.strokes) {
        QStringList pts;
        for (const InkPoint& p : s.points)
            pts << QStringLiteral("%1 %2").arg(double(p.x)).arg(double(p.y));
        strokes << pts.join(QStringLiteral(", "));
    }
    return strokes.join(QStringLiteral(" | "));
}

}  // namespace

class TestInkMl : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void roundTripFile();
    void readsOtherWriters_data();
    void readsOtherWriters();
    void timeAndPressure();
    void rasterIsScaleFree();
    void malformed_data();
    void malformed();
    void limits();
    void mutatedFilesNeverCrash();
};

void TestInkMl::roundTrip()
{
    Ink in = inklens::testing::loopInk(5);
    for (auto& s : in.strokes)
        for (std::size_t i = 0; i < s.points.size(); ++i)
            s.points[i].pressure = 0.1f + 0.8f * float(i) / float(s.points.size());
    const QString truth = QStringLiteral("l'\u00e9t\u00e9 <&> \"quoted\"");
    const QByteArray xml = inklens::service::writeInkMl(in, truth);
    QVERIFY(xml.contains("http://www.w3.org/2003/InkML"));

    QString error;
    const auto doc = readInkMl(xml, &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->truth, truth);
    QCOMPARE(doc->ink.strokes.size(), in.strokes.size());
    float maxDiff = 0;
    for (std::size_t s = 0; s < in.strokes.size(); ++s) {
        QCOMPARE(doc->ink.strokes[s].points.size(), in.strokes[s].points.size());
        for (std::size_t i = 0; i < in.strokes[s].points.size(); ++i) {
            const InkPoint& a = in.strokes[s].points[i];
            const InkPoint& b = doc->ink.strokes[s].points[i];
            maxDiff = std::max({maxDiff, std::abs(a.x - b.x), std::abs(a.y - b.y)});
            QVERIFY(std::abs(a.t - b.t) < 1e-4f);  // 0.1 ms
            QVERIFY(std::abs(a.pressure - b.pressure) < 1e-3f);
        }
    }
    qDebug("max coordinate difference after a round trip: %g", double(maxDiff));
    QVERIFY(maxDiff < 1e-3f);
}

void TestInkMl::roundTripFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("note.inkml"));
    const Ink in = inklens::testing::loopInk(3);
    QString error;
    QVERIFY2(inklens::service::writeInkMlFile(path, in, &error), qPrintable(error));
    const auto doc = inklens::service::readInkMlFile(path, &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->ink.strokes.size(), in.strokes.size());
    for (std::size_t s = 0; s < in.strokes.size(); ++s)
        QCOMPARE(doc->ink.strokes[s].points.size(), in.strokes[s].points.size());

    QVERIFY(
        !inklens::service::readInkMlFile(dir.filePath(QStringLiteral("missing.inkml")), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!inklens::service::writeInkMlFile(dir.filePath(QStringLiteral("no/such/dir/a.inkml")),
                                              in, &error));
    QVERIFY(!error.isEmpty());
}

void TestInkMl::readsOtherWriters_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("expected");  // points(ink)

    QTest::newRow("default X Y") << ink("<trace>10 20, 11 22, 12 24</trace><trace>5 5</trace>")
                                 << "10 20, 11 22, 12 24 | 5 5";
    QTest::newRow("no namespace, CROHME style") << QByteArray(
        "<ink><traceFormat><channel name=\"X\" type=\"decimal\"/><channel name=\"Y\" type=\"decimal\"/>"
        "</traceFormat><annotation type=\"truth\">$x$</annotation>"
        "<trace id=\"0\">985 3317, 985 3318</trace></ink>")
                                                << "985 3317, 985 3318";
    QTest::newRow("Y before X") << ink(
        "<traceFormat><channel name=\"Y\"/><channel name=\"X\"/></traceFormat>"
        "<trace>1 2, 3 4</trace>")
                                << "2 1, 4 3";
    QTest::newRow("extra channels")
        << ink("<traceFormat><channel name=\"X\"/><channel name=\"OTx\"/>"
               "<channel name=\"Y\"/><channel name=\"OTy\"/></traceFormat>"
               "<trace>1 45 2 30, 3 44 4 31</trace>")
        << "1 2, 3 4";
    QTest::newRow("unit floats") << ink("<trace>0.125 0.5, 0.25 0.625</trace>")
                                 << "0.125 0.5, 0.25 0.625";
    QTest::newRow("first differences")
        << ink("<trace>10 20, '1'2, '1'2</trace>") << "10 20, 11 22, 12 24";
    QTest::newRow("sticky first differences")
        << ink("<trace>10 20, '1'2, 1 2, !0!0</trace>") << "10 20, 11 22, 12 24, 0 0";
    QTest::newRow("a prefix is per channel")
        << ink("<trace>1 2, '1 5, 3 '4</trace>") << "1 2, 2 5, 5 9";
    QTest::newRow("second differences")
        << ink("<trace>10 20, '1'1, \"0\"1, 0 1</trace>") << "10 20, 11 21, 12 23, 13 26";
    QTest::newRow("no spaces before signs") << ink("<trace>1-2,3-4</trace>") << "1 -2, 3 -4";
    QTest::newRow("exponents") << ink("<trace>1e2 2.5E-1, -1.5e+1 .5</trace>")
                               << "100 0.25, -15 0.5";
    QTest::newRow("unknown value keeps the last") << ink("<trace>1 2, ? 3</trace>") << "1 2, 1 3";
    QTest::newRow("trailing comma") << ink("<trace>1 2, 3 4,</trace>") << "1 2, 3 4";
    QTest::newRow("Y pointing up")
        << ink("<traceFormat><channel name=\"X\"/><channel name=\"Y\" orientation=\"-ve\"/>"
               "</traceFormat><trace>1 2</trace>")
        << "1 -2";
    QTest::newRow("context in definitions") << ink(
        "<definitions><context xml:id=\"c1\"><inkSource xml:id=\"pen\"><traceFormat>"
        "<channel name=\"T\"/><channel name=\"Y\"/><channel name=\"X\"/></traceFormat></inkSource>"
        "</context></definitions><trace contextRef=\"#c1\">0 1 2, 8 3 4</trace><trace>7 8</trace>")
                                            << "2 1, 4 3 | 7 8";
    QTest::newRow("trace format by reference") << ink(
        "<definitions><traceFormat xml:id=\"yx\"><channel name=\"Y\"/><channel name=\"X\"/></traceFormat>"
        "<context xml:id=\"c\" traceFormatRef=\"#yx\"/><context xml:id=\"d\" contextRef=\"#c\"/></definitions>"
        "<trace contextRef=\"#d\">1 2</trace>") << "2 1";
    QTest::newRow("current context")
        << ink("<context><traceFormat><channel name=\"Y\"/><channel name=\"X\"/>"
               "</traceFormat></context><trace>1 2</trace>")
        << "2 1";
    QTest::newRow("trace groups, pen-up skipped") << ink(
        "<definitions><context xml:id=\"yx\"><traceFormat><channel name=\"Y\"/><channel name=\"X\"/>"
        "</traceFormat></context></definitions>"
        "<traceGroup contextRef=\"#yx\"><trace>1 2</trace><traceGroup><trace>3 4</trace>"
        "<trace type=\"penUp\">9 9</trace></traceGroup></traceGroup><trace>5 6</trace>")
                                                  << "2 1 | 4 3 | 5 6";
    QTest::newRow("intermittent channel left out") << ink(
        "<traceFormat><channel name=\"X\"/><channel name=\"Y\"/><intermittentChannels>"
        "<channel name=\"F\"/></intermittentChannels></traceFormat><trace>1 2 0.5, 3 4, 5 6 0.7</trace>")
                                                   << "1 2, 3 4, 5 6";
    QTest::newRow("comments and CDATA")
        << ink("<!-- a comment --><trace><![CDATA[1 2, 3 4]]></trace>") << "1 2, 3 4";
    QTest::newRow("empty traces skipped")
        << ink("<trace></trace><trace> </trace><trace>1 2</trace>") << "1 2";
}

void TestInkMl::readsOtherWriters()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, expected);
    QString error;
    const auto doc = readInkMl(xml, &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(points(doc->ink), expected);
}

void TestInkMl::timeAndPressure()
{
    QString error;
    // Digitizer units: pressure 0..1023 without a declared range, time in ms from a clock.
    auto doc = readInkMl(
        ink("<traceFormat><channel name=\"X\"/><channel name=\"Y\"/><channel name=\"T\"/>"
            "<channel name=\"F\"/></traceFormat>"
            "<trace>15000 9000 1000500 1023, 15010 9010 1000510 512</trace>"
            "<trace>16000 9000 1000700 0</trace>"),
        &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->ink.strokes[0].points[0].t, 0.f);
    QVERIFY(std::abs(doc->ink.strokes[0].points[1].t - 0.010f) < 1e-6f);
    QVERIFY(std::abs(doc->ink.strokes[1].points[0].t - 0.200f) < 1e-6f);
    QCOMPARE(doc->ink.strokes[0].points[0].pressure, 1.f);
    QVERIFY(std::abs(doc->ink.strokes[0].points[1].pressure - 512.f / 1023.f) < 1e-6f);
    QCOMPARE(doc->ink.strokes[1].points[0].pressure, 0.f);

    // A declared range and seconds.
    doc = readInkMl(
        ink("<traceFormat><channel name=\"X\"/><channel name=\"Y\"/><channel name=\"T\" units=\"s\"/>"
            "<channel name=\"F\" min=\"100\" max=\"300\"/></traceFormat>"
            "<trace>0 0 2.5 200, 1 1 2.75 300</trace>"),
        &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->ink.strokes[0].points[1].t, 0.25f);
    QCOMPARE(doc->ink.strokes[0].points[0].pressure, 0.5f);
    QCOMPARE(doc->ink.strokes[0].points[1].pressure, 1.f);

    // No T, no F: time 0, pressure 0.5.
    doc = readInkMl(ink("<trace>0 0, 1 1</trace>"), &error);
    QVERIFY2(doc, qPrintable(error));
    QCOMPARE(doc->ink.strokes[0].points[1].t, 0.f);
    QCOMPARE(doc->ink.strokes[0].points[1].pressure, 0.5f);
}

// The same writing in canvas pixels, in 0-1 floats and in digitizer units rasterizes to
// the same line: the rasterizer takes the size from the ink itself.
void TestInkMl::rasterIsScaleFree()
{
    const Ink pixels = inklens::testing::loopInk(6);
    auto scaled = [&](float s, float dx, float dy) {
        Ink out = pixels;
        for (auto& st : out.strokes)
            for (auto& p : st.points)
                p.x = p.x * s + dx, p.y = p.y * s + dy;
        return out;
    };
    QString error;
    const auto unit = readInkMl(inklens::service::writeInkMl(scaled(1.f / 200.f, 0.1f, 0.2f)),
                                &error);
    QVERIFY2(unit, qPrintable(error));
    const auto digitizer = readInkMl(inklens::service::writeInkMl(scaled(37.5f, 12000.f, 8000.f)),
                                     &error);
    QVERIFY2(digitizer, qPrintable(error));

    inklens::imaging::RasterOptions raster;
    raster.height = 32;
    const auto a = inklens::imaging::inkToLine(pixels, raster);
    const auto b = inklens::imaging::inkToLine(unit->ink, raster);
    const auto c = inklens::imaging::inkToLine(digitizer->ink, raster);
    QVERIFY(!a.empty());
    QCOMPARE(b.width, a.width);
    QCOMPARE(c.width, a.width);
    float maxDiff = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i)
        maxDiff = std::max(
            {maxDiff, std::abs(a.pixels[i] - b.pixels[i]), std::abs(a.pixels[i] - c.pixels[i])});
    qDebug("largest pixel difference between the three scales: %g", double(maxDiff));
    QVERIFY(maxDiff < 0.05f);
}

void TestInkMl::malformed_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QByteArray() << "not well-formed XML";
    QTest::newRow("not XML") << QByteArray("hello, world") << "not well-formed XML";
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0", 10) << "not well-formed XML";
    QTest::newRow("truncated") << QByteArray("<ink><trace>1 2, 3")
                               << "not well-formed XML at line 1";
    QTest::newRow("mismatched tags")
        << QByteArray("<ink>\n<trace>1 2</ink>") << "not well-formed XML at line 2";
    QTest::newRow("another root") << QByteArray("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
                                  << "not an InkML file: the root element is <svg>, not <ink>";
    QTest::newRow("no traces") << ink("") << "no ink: the file has no <trace> with points";
    QTest::newRow("only pen-up traces") << ink("<trace type=\"penUp\">1 2</trace>") << "no ink";
    QTest::newRow("not a number") << ink("<trace>1 2, 3 x4</trace>")
                                  << "line 2: trace 1, point 2: cannot read 'x4' as a number";
    QTest::newRow("too few values")
        << ink("<trace>1 2</trace>\n<trace>1 2, 3</trace>")
        << "line 3: trace 2, point 2: 1 of 2 values (the channels are X Y)";
    QTest::newRow("too many values")
        << ink("<trace>1 2 3</trace>")
        << "trace 1, point 1: more than 2 values (the channels are X Y)";
    QTest::newRow("empty point") << ink("<trace>1 2,,3 4</trace>")
                                 << "trace 1, point 2: 0 of 2 values";
    QTest::newRow("no X channel") << ink(
        "<traceFormat><channel name=\"Y\"/><channel name=\"T\"/></traceFormat>"
        "<trace>1 2</trace>") << "trace 1: its trace format (Y T) has no X channel";
    QTest::newRow("channel twice")
        << ink("<traceFormat><channel name=\"X\"/><channel name=\"X\"/></traceFormat>")
        << "the trace format declares channel X twice";
    QTest::newRow("channel without a name")
        << ink("<traceFormat><channel/></traceFormat>") << "a <channel> has no name";
    QTest::newRow("unknown context") << ink("<trace contextRef=\"#nope\">1 2</trace>")
                                     << "line 2: trace 1: unknown context '#nope'";
    QTest::newRow("unknown trace format")
        << ink("<definitions><context xml:id=\"c\" traceFormatRef=\"#f\"/></definitions>"
               "<trace contextRef=\"#c\">1 2</trace>")
        << "unknown trace format '#f'";
    QTest::newRow("contexts in a loop") << ink(
        "<definitions><context xml:id=\"a\" contextRef=\"#b\"/><context xml:id=\"b\" contextRef=\"#a\"/>"
        "</definitions><trace contextRef=\"#a\">1 2</trace>")
                                        << "contexts refer to each other in a loop";
    QTest::newRow("difference first")
        << ink("<trace>'1 2</trace>")
        << "a difference (') for channel X, which has no previous value";
    QTest::newRow("second difference first")
        << ink("<trace>1 \"2</trace>")
        << "a difference (\") for channel Y, which has no previous value";
    QTest::newRow("out of range") << ink("<trace>1e999 2</trace>")
                                  << "the value 1e999 is out of range";
    QTest::newRow("beyond float") << ink("<trace>1e300 2</trace>")
                                  << "a coordinate or time is out of range";
    QTest::newRow("unknown position")
        << ink("<trace>? 2</trace>") << "trace 1, point 1: the position is unknown";
    QTest::newRow("deep nesting") << ink(
        (QByteArray("<traceGroup>").repeated(100000) + "<trace>1 2</trace>"
         + QByteArray("</traceGroup>").repeated(100000))
            .constData()) << "trace groups nested more than 64 deep";
    QTest::newRow("bad hex") << ink("<trace>#zz 2</trace>") << "'#' without a hexadecimal number";
}

void TestInkMl::malformed()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, message);
    QString error;
    const auto doc = readInkMl(xml, &error);
    QVERIFY(!doc);
    QVERIFY2(error.contains(message),
             qPrintable(QStringLiteral("got: %1\nwanted: %2").arg(error, message)));
}

void TestInkMl::limits()
{
    QString error;
    inklens::service::InkMlLimits small;
    small.maxPoints = 3;
    QVERIFY(!readInkMl(ink("<trace>1 2, 3 4</trace><trace>5 6, 7 8</trace>"), &error, small));
    QVERIFY2(error.contains(QStringLiteral("more than 3 points")), qPrintable(error));
    small.maxBytes = 10;
    QVERIFY(!readInkMl(ink("<trace>1 2</trace>"), &error, small));
    QVERIFY2(error.contains(QStringLiteral("too large")), qPrintable(error));
}

// Truncations and random byte changes of a valid file: an error or a document, never a
// crash (run under the sanitizers when they are on).
void TestInkMl::mutatedFilesNeverCrash()
{
    const QByteArray valid = inklens::service::writeInkMl(inklens::testing::loopInk(3),
                                                          QStringLiteral("abc"));
    QRandomGenerator rng(42);
    int failures = 0, documents = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray bytes = valid;
        if (round % 3 == 0) {
            bytes.truncate(rng.bounded(int(bytes.size())));
        } else {
            const int edits = 1 + rng.bounded(4);
            for (int e = 0; e < edits; ++e) {
                const int at = rng.bounded(int(bytes.size()));
                static const char pool[] = "<>/\"'!,.-+e#?* 0123456789TFXYink=";
                bytes[at] = rng.bounded(4) == 0 ? char(rng.bounded(256))
                                                : pool[rng.bounded(int(sizeof(pool) - 1))];
            }
        }
        QString error;
        const auto doc = readInkMl(bytes, &error);
        if (doc) {
            ++documents;
            for (const auto& s : doc->ink.strokes)
                for (const auto& p : s.points)
                    QVERIFY(std::isfinite(p.x) && std::isfinite(p.y) && p.pressure >= 0
                            && p.pressure <= 1);
        } else {
            ++failures;
            QVERIFY(!error.isEmpty());
        }
    }
    qDebug("mutated files: %d read, %d refused with a message", documents, failures);
}

QTEST_APPLESS_MAIN(TestInkMl)
#include "test_inkml.moc"
