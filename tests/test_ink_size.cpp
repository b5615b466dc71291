// Ink is drawn at the size of the scans (issue #13): its x-height is estimated from the
// ink itself (imaging::inkXHeight), whatever the words, and nothing about how the ink was
// recorded (units, size, sampling, time stamps) changes what the network reads.
#include "imaging/ink.h"
#include "imaging/line_metrics.h"
#include "test_ink.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace inklens;
using imaging::Ink;

namespace {
constexpr float kXHeight = 20.f;  // textInk writes Hershey letters with this x-height

Ink transformed(Ink ink, float scale, float dx, float dy)
{
    for (auto& s : ink.strokes)
        for (auto& p : s.points)
            p.x = p.x * scale + dx, p.y = p.y * scale + dy;
    return ink;
}

// Every segment split in `parts` equal pieces: the same pen path, sampled more densely.
Ink resampled(const Ink& ink, int parts)
{
    Ink out;
    for (const auto& s : ink.strokes) {
        imaging::Stroke r;
        for (std::size_t i = 0; i < s.points.size(); ++i) {
            if (i > 0)
                for (int k = 1; k < parts; ++k) {
                    imaging::InkPoint p = s.points[i - 1];
                    const float f = float(k) / float(parts);
                    p.x += f * (s.points[i].x - p.x);
                    p.y += f * (s.points[i].y - p.y);
                    r.points.push_back(p);
                }
            r.points.push_back(s.points[i]);
        }
        out.strokes.push_back(r);
    }
    return out;
}

double meanAbsDifference(const cv::Mat& a, const cv::Mat& b)
{
    if (a.size() != b.size())
        return 1e9;
    return cv::norm(a, b, cv::NORM_L1) / double(a.total());
}
}  // namespace

class TestInkSize : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void xHeightOfWords_data();
    void xHeightOfWords();
    void capitalsMeasureTheirHeight();
    void wordsComeOutAtOneSize();
    void sizeAndUnitsDoNotMatter_data();
    void sizeAndUnitsDoNotMatter();
    void slopeDoesNotInflate();
    void degenerateInk();
    void bandOfAProfile();
};

void TestInkSize::init()
{
    if (testing::textInk("a").empty())
        QSKIP("the Hershey fonts (hershey-fonts-data) are not installed");
}

void TestInkSize::xHeightOfWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<float>("tolerance");
    // Without ascenders, with a descender, one letter, and running text full of ascenders.
    for (const char* t : {"aqua", "one", "mom", "o", "a", "minimum", "hello world", "the", "bed",
                          "hold", "the quick brown fox", "little bottle", "Paris, the 3rd of May"})
        QTest::newRow(t) << QString::fromUtf8(t) << 0.2f;
    // Mostly ascenders: the ink is densest above the x-height too (measured 24.6 of 20).
    QTest::newRow("tall") << QStringLiteral("tall") << 0.3f;
}

void TestInkSize::xHeightOfWords()
{
    QFETCH(QString, text);
    QFETCH(float, tolerance);
    const imaging::Band band = imaging::inkXHeight(testing::textInk(text.toStdString()));
    QVERIFY2(
        std::abs(band.height() - kXHeight) <= tolerance * kXHeight,
        qPrintable(QStringLiteral("x-height %1, expected %2").arg(band.height()).arg(kXHeight)));
}

void TestInkSize::capitalsMeasureTheirHeight()
{
    // Nothing in "HELLO" or "2024" tells its letters from tall small ones: they measure as
    // their own height (about the capitals' height, well above the x-height).
    for (const char* t : {"HELLO", "2024"}) {
        const Ink ink = testing::textInk(t);
        const float h = imaging::inkXHeight(ink).height();
        QVERIFY2(std::abs(h - ink.bounds().height) <= 0.2f * ink.bounds().height,
                 qPrintable(QStringLiteral("%1: %2 of %3").arg(t).arg(h).arg(ink.bounds().height)));
        QVERIFY(h > 1.2f * kXHeight);
    }
}

void TestInkSize::wordsComeOutAtOneSize()
{
    // What the network reads: the x-height band of the rendered line, measured on its pixels
    // as the scans are measured, is the same fraction of the height for a word without
    // ascenders and for a line full of them, and lands where RasterOptions puts it.
    const imaging::RasterOptions o;
    for (const char* t : {"aqua", "mom", "the quick brown fox", "little bottle"}) {
        const imaging::LineImage line = imaging::inkToLine(testing::textInk(t), o);
        QVERIFY(!line.empty());
        const imaging::LineMetrics m = imaging::measureLine(
            cv::Mat(line.height, line.width, CV_32F, const_cast<float*>(line.pixels.data())));
        // The band of the pixels holds the pen's width too: x-height plus one stroke.
        const float expected = o.xHeight * (1.f + o.penWidth);
        QVERIFY2(std::abs(m.xHeightFraction() - expected) <= 0.15f * expected,
                 qPrintable(QStringLiteral("%1: x-height %2 of the height, expected %3")
                                .arg(t)
                                .arg(m.xHeightFraction())
                                .arg(expected)));
        QVERIFY2(std::abs(m.centreFraction() - o.centre) <= 0.05f,
                 qPrintable(QStringLiteral("%1: centre %2").arg(t).arg(m.centreFraction())));
    }
}

void TestInkSize::sizeAndUnitsDoNotMatter_data()
{
    QTest::addColumn<float>("scale");
    QTest::addColumn<int>("parts");
    QTest::addColumn<bool>("times");
    QTest::newRow("x0.05 (millimetres)") << 0.05f << 1 << true;
    QTest::newRow("x20 (digitizer units)") << 20.f << 1 << true;
    QTest::newRow("three times the points") << 1.f << 3 << true;
    QTest::newRow("x20, twice the points") << 20.f << 2 << true;
    QTest::newRow("no time stamps") << 1.f << 1 << false;
}

void TestInkSize::sizeAndUnitsDoNotMatter()
{
    QFETCH(float, scale);
    QFETCH(int, parts);
    QFETCH(bool, times);
    const Ink ink = testing::textInk("the quick brown fox");
    Ink other = resampled(transformed(ink, scale, 1234.f, -567.f), parts);
    if (!times)
        for (auto& s : other.strokes)
            for (auto& p : s.points)
                p.t = 0;
    const imaging::Band a = imaging::inkXHeight(ink), b = imaging::inkXHeight(other);
    QVERIFY2(std::abs(b.height() / scale - a.height()) <= 0.02f * a.height(),
             qPrintable(QStringLiteral("%1 vs %2").arg(b.height() / scale).arg(a.height())));
    const imaging::LineImage la = imaging::inkToLine(ink), lb = imaging::inkToLine(other);
    QCOMPARE(lb.width, la.width);
    const cv::Mat ma(la.height, la.width, CV_32F, const_cast<float*>(la.pixels.data()));
    const cv::Mat mb(lb.height, lb.width, CV_32F, const_cast<float*>(lb.pixels.data()));
    // The same picture: a few anti-aliased edge pixels may differ by rounding.
    QVERIFY2(meanAbsDifference(ma, mb) < 0.01,
             qPrintable(QString::number(meanAbsDifference(ma, mb))));
}

void TestInkSize::slopeDoesNotInflate()
{
    // A long line written uphill (3 degrees) rises by several x-heights over its length:
    // its x-height is still that of the letters. Its band is given at its middle column.
    const Ink level = testing::textInk("the quick brown fox jumps over the lazy dog again");
    Ink uphill = level;
    const float xMid = level.bounds().x + level.bounds().width / 2;
    for (auto& s : uphill.strokes)
        for (auto& p : s.points)
            p.y -= 0.05f * (p.x - xMid);
    QVERIFY(0.05f * level.bounds().width > 2 * kXHeight);  // the rise: several x-heights
    const imaging::Band a = imaging::inkXHeight(level), b = imaging::inkXHeight(uphill);
    QVERIFY2(std::abs(b.height() - a.height()) <= 0.1f * a.height(),
             qPrintable(QStringLiteral("uphill %1, level %2").arg(b.height()).arg(a.height())));
    QVERIFY(std::abs(b.centre() - a.centre()) <= 0.2f * a.height());
}

void TestInkSize::degenerateInk()
{
    QVERIFY(imaging::inkXHeight(Ink{}).empty());
    Ink dot;
    dot.strokes.push_back({{{5, 5, 0, 0.5f}}});
    QVERIFY(imaging::inkXHeight(dot).height() > 0);
    QVERIFY(!imaging::inkToLine(dot).empty());
    Ink level;  // a level line: its band is an eighth of its width
    level.strokes.push_back({{{0, 5, 0, 0.5f}, {80, 5, 0, 0.5f}}});
    QCOMPARE(imaging::inkXHeight(level).height(), 10.f);
    QVERIFY(!imaging::inkToLine(level).empty());
}

void TestInkSize::bandOfAProfile()
{
    // Rows 4..9 dense, a thin ascender above and a descender below.
    std::vector<float> p = {0, 1, 1, 1, 10, 9, 8, 9, 10, 10, 2, 2, 0};
    imaging::Band b = imaging::xHeightBand(p);
    QVERIFY2(b.top > 3.f && b.top < 4.5f && b.bottom > 9.5f && b.bottom < 11.f,
             qPrintable(QStringLiteral("%1..%2").arg(b.top).arg(b.bottom)));
    // A lone 'o': dense top and bottom rows, thin sides; the band spans the letter.
    p = {0, 10, 3, 2, 2, 2, 2, 3, 10, 0};
    b = imaging::xHeightBand(p);
    QVERIFY2(b.top <= 1.5f && b.bottom >= 8.f,
             qPrintable(QStringLiteral("%1..%2").arg(b.top).arg(b.bottom)));
    QVERIFY(imaging::xHeightBand(std::vector<float>(5, 0.f)).empty());
    QVERIFY(imaging::xHeightBand({}).empty());
}

QTEST_GUILESS_MAIN(TestInkSize)
#include "test_ink_size.moc"
