// Line normalization (core/imaging/line_image.h): contrast, crop, height, margins, the
// column mapping back to the source, slant and skew estimation / correction (pictures
// and ink).

#include "imaging/ink.h"
#include "imaging/line_image.h"

#include <QtTest/QtTest>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <random>

using namespace inklens::imaging;

namespace {

// Ink (CV_32F, ink = 1): `bars` strokes 3 px wide and 24 px tall, leaning so that
// x = x0 - shear * (y - rows / 2) (a positive shear leans right, like italics).
cv::Mat leaningBars(float shear, int bars = 8, int rows = 40)
{
    cv::Mat ink = cv::Mat::zeros(rows, 40 + bars * 20, CV_32F);
    for (int b = 0; b < bars; ++b)
        for (int y = 8; y < 32; ++y)
            for (int dx = 0; dx < 3; ++dx) {
                const int x = int(std::lround(30 + b * 20 + dx - shear * (y - rows / 2.0)));
                ink.at<float>(y, x) = 1.f;
            }
    return ink;
}

// Sum over columns of (ink in the column)^2: larger when the strokes are vertical.
double verticality(const LineImage& line)
{
    double s = 0;
    for (int x = 0; x < line.width; ++x) {
        double c = 0;
        for (int y = 0; y < line.height; ++y)
            c += line.pixels[std::size_t(y * line.width + x)];
        s += c * c;
    }
    return s;
}

// A line of "letters" along a sloping baseline y = 50 + slope * (x - cols / 2): 40 boxes
// 8 px wide, x-height 12 px, every fifth with an ascender and every seventh with a
// descender, 4 px apart. Ink = 1, CV_32F, 100 x 560.
cv::Mat slopingLine(float slope)
{
    cv::Mat ink = cv::Mat::zeros(100, 560, CV_32F);
    for (int i = 0; i < 40; ++i) {
        const int x0 = 40 + i * 12;
        for (int x = x0; x < x0 + 8; ++x) {
            const double base = 50 + slope * (x - ink.cols / 2.0);
            const int top = int(std::lround(base - (i % 5 == 0 ? 24 : 12)));
            const int bottom = int(std::lround(base + (i % 7 == 0 ? 10 : 0)));
            for (int y = std::max(0, top); y < std::min(ink.rows, bottom); ++y)
                ink.at<float>(y, x) = 1.f;
        }
    }
    return ink;
}

// How tall the line of text looks: the rows between the 10th and the 90th percentile of
// the ink's rows.
int inkRows(const cv::Mat& ink)
{
    cv::Mat profile;
    cv::reduce(ink, profile, 1, cv::REDUCE_SUM, CV_64F);
    const double total = cv::sum(profile)[0];
    double acc = 0;
    int lo = -1, hi = -1;
    for (int y = 0; y < profile.rows; ++y) {
        acc += profile.at<double>(y);
        if (lo < 0 && acc >= 0.1 * total)
            lo = y;
        if (hi < 0 && acc >= 0.9 * total)
            hi = y;
    }
    return hi - lo + 1;
}

// The same line as ink: one stroke per letter (a zigzag inside its box), baseline sloping.
inklens::imaging::Ink slopingInk(float slope)
{
    inklens::imaging::Ink ink;
    for (int i = 0; i < 30; ++i) {
        inklens::imaging::Stroke s;
        const float x0 = float(i) * 12;
        for (int k = 0; k <= 8; ++k) {
            const float x = x0 + float(k);
            const float base = slope * x;
            const float top = base - (i % 5 == 0 ? 24.f : 12.f);
            s.points.push_back({x, k % 2 ? top : base, 0, 0.5f});
        }
        ink.strokes.push_back(s);
    }
    return ink;
}

// The skew search as first written, one histogram of every ink pixel per candidate: the
// reference that estimateSkew's faster profiles must agree with (no dead zone: minSkew 0).
float exhaustiveSkew(const cv::Mat& ink, float maxSkew = 0.15f)
{
    std::vector<cv::Point> pts;
    for (int y = 0; y < ink.rows; ++y)
        for (int x = 0; x < ink.cols; ++x)
            if (ink.at<float>(y, x) >= 0.5f)
                pts.emplace_back(x, y);
    if (pts.empty() || ink.cols < kMinSkewAspect * ink.rows)
        return 0.f;
    const double xc = ink.cols / 2.0;
    const int steps = int(std::lround(maxSkew / 0.0025f));
    const int pad = int(std::ceil(maxSkew * ink.cols / 2.0)) + 1;
    std::vector<int> rows(std::size_t(ink.rows + 2 * pad));
    double bestScore = -1;
    float best = 0.f;
    for (int i = 0; i <= 2 * steps; ++i) {
        const int k = (i % 2 ? 1 : -1) * ((i + 1) / 2);
        const double s = double(0.0025f) * k;
        std::fill(rows.begin(), rows.end(), 0);
        for (const cv::Point& p : pts)
            ++rows[std::size_t(std::lround(p.y + s * (p.x - xc)) + pad)];
        double score = 0;
        for (const int c : rows)
            score += double(c) * c;
        if (score > bestScore * (1 + 1e-9)) {
            bestScore = score;
            best = float(s);
        }
    }
    return best;
}

// A random line of handwriting-like ink, rows x cols, its baseline at `slope`: letters of
// random width and height (some with ascenders or descenders) drawn as strokes of random
// thickness, a few stray dots.
cv::Mat randomSkewedLine(std::mt19937& rng, float slope, int rows, int cols)
{
    auto uniform = [&rng](int lo, int hi) { return std::uniform_int_distribution(lo, hi)(rng); };
    cv::Mat ink = cv::Mat::zeros(rows, cols, CV_32F);
    const int xHeight = rows / 6 + uniform(0, rows / 10);
    for (int x = uniform(5, 30); x < cols - 40; x += uniform(8, 30)) {
        const int width = uniform(4, 16);
        const double base = rows * 0.6 + slope * (x - cols / 2.0) + uniform(-2, 2);
        const int top = int(base) - xHeight - (uniform(0, 4) == 0 ? xHeight : 0);
        const int bottom = int(base) + (uniform(0, 6) == 0 ? xHeight : 0);
        const int thickness = uniform(1, 4);
        cv::line(ink, {x, top}, {x + width / 2, bottom}, 1.0, thickness);
        cv::line(ink, {x + width / 2, bottom}, {x + width, top + uniform(0, 4)}, 1.0, thickness);
        if (uniform(0, 3) == 0)
            cv::line(ink, {x, int(base)}, {x + width, int(base) + int(slope * width)}, 1.0,
                     thickness);
        if (uniform(0, 10) == 0)
            cv::circle(ink, {x + uniform(0, width), uniform(0, rows - 1)}, 1, 1.0, -1);
    }
    return ink;
}

}  // namespace

class TestLineImage : public QObject
{
    Q_OBJECT
private slots:
    void normalizes();
    void emptyInput();
    void estimatesShear_data();
    void estimatesShear();
    void deslantStraightens();
    void estimatesSkew_data();
    void estimatesSkew();
    void skewSearchMatchesExhaustiveSearch();
    void deskewLevels();
    void deskewsInk();
    void rasterSlicesDrawTheSamePixels();
};

void TestLineImage::normalizes()
{
    // Gray, dark ink on light paper: a 20 x 100 px stroke in a 60 x 400 page.
    cv::Mat gray(60, 400, CV_8UC1, cv::Scalar(230));
    cv::rectangle(gray, cv::Rect(150, 20, 100, 20), cv::Scalar(20), cv::FILLED);
    NormalizeOptions o;
    o.height = 30;
    const LineImage line = normalizeLine(gray, o);
    QCOMPARE(line.height, 30);
    QCOMPARE(line.width % 4, 0);
    QCOMPARE(line.pixels.size(), std::size_t(line.width) * 30);
    // Paper -> 0, ink -> 1, margins are paper.
    QCOMPARE(line.pixels[std::size_t(15 * line.width + line.width / 2)], 1.f);
    QCOMPARE(line.pixels[std::size_t(2 * line.width + line.width / 2)], 0.f);
    for (int y = 0; y < 30; ++y)
        QCOMPARE(line.pixels[std::size_t(y * line.width)], 0.f);
    // Cropped to the ink columns (plus a small pad), scaled by 30 / 60.
    QVERIFY(line.sourceX0 <= 150 && line.sourceX0 >= 140);
    QVERIFY(line.sourceX0 + line.sourceWidth >= 250 && line.sourceX0 + line.sourceWidth <= 260);
    QVERIFY(std::abs(line.scaledWidth - line.sourceWidth / 2) <= 1);
    // The middle column maps back to the middle of the stroke.
    const int mid = line.margin + line.scaledWidth / 2;
    const auto [a, b] = line.toSource(mid, mid);
    QVERIFY(a >= 195 && b <= 205);
    QCOMPARE(line.shear, 0.f);
}

void TestLineImage::emptyInput()
{
    QVERIFY(normalizeLine(cv::Mat()).empty());
    QVERIFY(normalizeLine(cv::Mat(40, 100, CV_8UC1, cv::Scalar(255))).empty());
    QCOMPARE(estimateShear(cv::Mat::zeros(40, 100, CV_32F)), 0.f);
    NormalizeOptions o;
    o.deslant = true;
    QVERIFY(normalizeLine(cv::Mat(40, 100, CV_8UC1, cv::Scalar(255)), o).empty());
}

void TestLineImage::estimatesShear_data()
{
    QTest::addColumn<float>("shear");
    for (float s : {-0.6f, -0.3f, 0.f, 0.2f, 0.45f, 0.8f})
        QTest::addRow("%.2f", double(s)) << s;
}

void TestLineImage::estimatesShear()
{
    // Bars leaning by `shear` are made upright by the opposite shear... in the estimator's
    // convention x' = x + s (y - rows/2), so s = shear.
    QFETCH(float, shear);
    const float s = estimateShear(leaningBars(shear));
    QVERIFY2(std::abs(s - shear) <= 0.051f,
             qPrintable(QString("estimated %1 for %2").arg(s).arg(shear)));
}

void TestLineImage::deslantStraightens()
{
    const cv::Mat ink = leaningBars(0.5f);
    NormalizeOptions o;
    o.height = 40;
    const LineImage plain = normalizeInkLine(ink, o);
    o.deslant = true;
    const LineImage upright = normalizeInkLine(ink, o);
    QVERIFY(std::abs(upright.shear - 0.5f) <= 0.051f);
    QVERIFY(verticality(upright) > 2 * verticality(plain));
    // Columns still map back to the source along the centre row: the first bar's centre.
    const cv::Mat ref = leaningBars(0.f);
    const LineImage straight = normalizeInkLine(ref, o);
    const auto [a, b] = upright.toSource(upright.margin + 3, upright.margin + 3);
    const auto [c, d] = straight.toSource(straight.margin + 3, straight.margin + 3);
    QVERIFY2(std::abs(a - c) <= 2 && std::abs(b - d) <= 2,
             qPrintable(QString("%1-%2 vs %3-%4").arg(a).arg(b).arg(c).arg(d)));
    QCOMPARE(upright.sourceColumns, ink.cols);
}

void TestLineImage::estimatesSkew_data()
{
    QTest::addColumn<float>("slope");
    for (float s : {-0.12f, -0.05f, -0.02f, 0.f, 0.01f, 0.035f, 0.1f})
        QTest::addRow("%.3f", double(s)) << s;
}

void TestLineImage::estimatesSkew()
{
    // y' = y + k (x - cols/2) levels a baseline of slope `slope` when k = -slope; below
    // the default minSkew (0.02) the line is left alone.
    QFETCH(float, slope);
    const float k = estimateSkew(slopingLine(slope));
    const float expected = std::abs(slope) < 0.02f ? 0.f : -slope;
    QVERIFY2(std::abs(k - expected) <= 0.0051f,
             qPrintable(QString("estimated %1 for slope %2").arg(k).arg(slope)));
    QCOMPARE(estimateSkew(cv::Mat::zeros(40, 100, CV_32F)), 0.f);
    QVERIFY(std::abs(estimateSkew(slopingLine(0.01f), 0.15f, 0.f) + 0.01f)
            <= 0.0051f);  // no dead zone
}

// estimateSkew sums column blocks instead of histogramming every pixel per candidate: on
// many random skewed lines it finds the angle the pixel-by-pixel search finds, to within
// one step of the search (0.0025; the two may round a pixel lying exactly halfway apart).
void TestLineImage::skewSearchMatchesExhaustiveSearch()
{
    std::mt19937 rng(12);
    int same = 0, lines = 0;
    float worst = 0;
    for (int i = 0; i < 120; ++i) {
        const float slope = std::uniform_real_distribution(-0.13f, 0.13f)(rng);
        const int rows = std::uniform_int_distribution(40, 90)(rng);
        const int cols = std::uniform_int_distribution(4 * rows, 1400)(rng);
        const cv::Mat ink = randomSkewedLine(rng, slope, rows, cols);
        const float fast = estimateSkew(ink, 0.15f, 0.f);
        const float reference = exhaustiveSkew(ink);
        worst = std::max(worst, std::abs(fast - reference));
        same += fast == reference;
        ++lines;
        QVERIFY2(std::abs(fast - reference) <= 0.0026f,
                 qPrintable(QString("line %1 (slope %2, %3 x %4): %5, exhaustively %6")
                                .arg(i)
                                .arg(slope)
                                .arg(rows)
                                .arg(cols)
                                .arg(fast)
                                .arg(reference)));
    }
    qDebug("%d of %d lines: the same skew; largest difference %.4f", same, lines, double(worst));
    QVERIFY(same >= lines * 9 / 10);
}

void TestLineImage::deskewLevels()
{
    const cv::Mat ink = slopingLine(0.06f);  // 3.4 degrees: the baseline drops 30 px
    NormalizeOptions o;
    o.height = 100;  // no scaling: rows compare with the source's
    const LineImage plain = normalizeInkLine(ink, o);
    o.deskew = true;
    const LineImage level = normalizeInkLine(ink, o);
    QCOMPARE(plain.skew, 0.f);
    QVERIFY(std::abs(level.skew + 0.06f) <= 0.0051f);
    QCOMPARE(level.height, plain.height);
    QCOMPARE(level.width, plain.width);  // columns do not move
    QCOMPARE(level.sourceX0, plain.sourceX0);
    cv::Mat a(plain.height, plain.width, CV_32F, const_cast<float*>(plain.pixels.data()));
    cv::Mat b(level.height, level.width, CV_32F, const_cast<float*>(level.pixels.data()));
    const int before = inkRows(a), after = inkRows(b);
    QVERIFY2(3 * after <= 2 * before,
             qPrintable(QString("%1 rows of ink before, %2 after").arg(before).arg(after)));
    QVERIFY(std::abs(after - inkRows(slopingLine(0.f))) <= 1);
    // A level line is left alone.
    QCOMPARE(normalizeInkLine(slopingLine(0.f), o).skew, 0.f);
}

void TestLineImage::deskewsInk()
{
    RasterOptions r;
    r.height = 32;
    const LineImage levelRef = inkToLine(slopingInk(0.f), r);
    const LineImage plain = inkToLine(slopingInk(0.08f), r);
    r.deskew = true;
    const LineImage level = inkToLine(slopingInk(0.08f), r);
    QCOMPARE(plain.skew, 0.f);
    QVERIFY2(std::abs(level.skew + 0.08f) <= 0.011f, qPrintable(QString::number(level.skew)));
    // Levelled or not, the ink is written as large as the level line: the rasterizer
    // measures the x-height across the line's own slope (imaging::inkXHeight).
    const auto inkSum = [](const LineImage& l) { return cv::sum(cv::Mat(l.pixels))[0]; };
    for (const LineImage* l : {&level, &plain})
        QVERIFY2(std::abs(inkSum(*l) - inkSum(levelRef)) < 0.1 * inkSum(levelRef),
                 qPrintable(QString("%1 vs %2").arg(inkSum(*l)).arg(inkSum(levelRef))));
    QCOMPARE(inkToLine(slopingInk(0.f), r).skew, 0.f);
}

void TestLineImage::rasterSlicesDrawTheSamePixels()
{
    // A long line is drawn in column slices on several threads: the slices' seams must not
    // show, whatever the number of slices, the pen's width or the strokes' angles.
    for (const float pressure : {0.f, 0.5f, 1.f}) {
        RasterOptions r;
        r.height = 40;
        Ink ink = slopingInk(0.05f);
        for (auto& s : ink.strokes)
            for (auto& p : s.points)
                p.pressure = pressure;
        r.threads = 1;
        const cv::Mat whole = rasterizeInk(ink, r);
        QVERIFY(whole.cols >= 300);  // a few words: large enough to be sliced
        for (int threads : {2, 3, 4, 5}) {
            r.threads = threads;
            const cv::Mat sliced = rasterizeInk(ink, r);
            QCOMPARE(sliced.size(), whole.size());
            QCOMPARE(cv::norm(sliced, whole, cv::NORM_INF), 0.0);
        }
    }
}

QTEST_APPLESS_MAIN(TestLineImage)
#include "test_line_image.moc"
