// Re-stroking (core/training/restroke.h): scanned-looking lines drawn here with OpenCV come
// back as the strokes that drew them: a polyline as one stroke close to it (Hausdorff
// distance), a "T" as its bar and its stem, left to right and top down, with time stamps
// and pressure; blank, tiny and huge pictures are handled; ruled lines and the fragments of
// the neighbouring lines are removed; a seed gives the same ink.

#include "nn/tensor.h"
#include "training/restroke.h"

#include <QtTest/QtTest>

#include <opencv2/imgproc.hpp>

#include <cmath>

using namespace inklens;
using training::RestrokeOptions;
using training::restrokeLine;

namespace {

// White paper, a little uneven, with dark ink drawn by the callback.
template<class Draw>
cv::Mat paper(int w, int h, Draw draw)
{
    cv::Mat m(h, w, CV_8UC1, cv::Scalar(235));
    for (int x = 0; x < w; ++x)
        m.col(x).setTo(225 + (x * 20) / w);
    draw(m);
    return m;
}

std::vector<cv::Point2f> densify(const std::vector<cv::Point>& poly)
{
    std::vector<cv::Point2f> out;
    for (std::size_t i = 1; i < poly.size(); ++i)
        for (int k = 0; k < 20; ++k)
            out.push_back(cv::Point2f(poly[i - 1])
                          + (cv::Point2f(poly[i]) - cv::Point2f(poly[i - 1])) * (k / 20.f));
    out.push_back(cv::Point2f(poly.back()));
    return out;
}

std::vector<cv::Point2f> points(const imaging::Stroke& s)
{
    std::vector<cv::Point2f> out;
    for (const auto& p : s.points)
        out.emplace_back(p.x, p.y);
    return out;
}

double directedHausdorff(const std::vector<cv::Point2f>& a, const std::vector<cv::Point2f>& b)
{
    double worst = 0;
    for (const auto& p : a) {
        double best = 1e9;
        for (const auto& q : b)
            best = std::min(best, double(cv::norm(p - q)));
        worst = std::max(worst, best);
    }
    return worst;
}

double hausdorff(const std::vector<cv::Point2f>& a, const std::vector<cv::Point2f>& b)
{
    return std::max(directedHausdorff(a, b), directedHausdorff(b, a));
}

bool anyPointIn(const imaging::Ink& ink, const cv::Rect2f& r)
{
    for (const auto& s : ink.strokes)
        for (const auto& p : s.points)
            if (r.contains({p.x, p.y}))
                return true;
    return false;
}

// A handwriting-like wave: rows 22..42 of 64, x from 30 to 330.
std::vector<cv::Point> wave()
{
    std::vector<cv::Point> poly;
    for (int x = 30; x <= 330; x += 6)
        poly.emplace_back(x, int(std::lround(32 + 9 * std::sin(x * 0.06))));
    return poly;
}

}  // namespace

class TestRestroke : public QObject
{
    Q_OBJECT
private slots:
    void polylineComesBackAsOneStroke();
    void aTIsABarAndAStem();
    void strokesGoLeftToRightWithTimeAndPressure();
    void blankAndTinyPicturesGiveNoInk();
    void hugeOrWrongPicturesAreRefused();
    void sameSeedSameInk();
    void neighbourFragmentsAreRemoved();
    void ruledLinesAreRemovedCrossingStrokesKept();
    void thinningGivesOnePixelLines();
};

void TestRestroke::polylineComesBackAsOneStroke()
{
    const auto poly = wave();
    const cv::Mat img = paper(360, 64, [&](cv::Mat& m) {
        cv::polylines(m, poly, false, cv::Scalar(40), 3, cv::LINE_AA);
    });
    const imaging::Ink ink = restrokeLine(img, {}, 1);
    QCOMPARE(int(ink.strokes.size()), 1);
    const double d = hausdorff(points(ink.strokes[0]), densify(poly));
    qInfo("Hausdorff distance to the drawn polyline: %.2f px", d);
    QVERIFY2(d < 2.5, qPrintable(QString::number(d)));
    // Written from its left end.
    QVERIFY(ink.strokes[0].points.front().x < ink.strokes[0].points.back().x);
}

void TestRestroke::aTIsABarAndAStem()
{
    const cv::Mat img = paper(400, 80, [](cv::Mat& m) {
        cv::line(m, {170, 20}, {230, 20}, cv::Scalar(30), 4, cv::LINE_AA);
        cv::line(m, {200, 20}, {200, 62}, cv::Scalar(30), 4, cv::LINE_AA);
    });
    const imaging::Ink ink = restrokeLine(img, {}, 3);
    QCOMPARE(int(ink.strokes.size()), 2);
    int bars = 0, stems = 0;
    for (const auto& s : ink.strokes) {
        const cv::Point2f a(s.points.front().x, s.points.front().y);
        const cv::Point2f b(s.points.back().x, s.points.back().y);
        if (std::abs(b.y - a.y) < 5 && b.x - a.x > 45) {  // the bar, left to right
            ++bars;
            QVERIFY(hausdorff(points(s), densify({{170, 20}, {230, 20}})) < 3.0);
        } else if (std::abs(b.x - a.x) < 5 && b.y - a.y > 30) {  // the stem, top down
            ++stems;
            QVERIFY(hausdorff(points(s), densify({{200, 20}, {200, 62}})) < 3.5);
        }
    }
    QCOMPARE(bars, 1);
    QCOMPARE(stems, 1);
}

void TestRestroke::strokesGoLeftToRightWithTimeAndPressure()
{
    // Three separate marks, drawn right to left and bottom up: they come back ordered.
    const cv::Mat img = paper(300, 64, [](cv::Mat& m) {
        cv::line(m, {250, 45}, {240, 20}, cv::Scalar(30), 3, cv::LINE_AA);
        cv::line(m, {160, 44}, {120, 22}, cv::Scalar(30), 3, cv::LINE_AA);
        cv::circle(m, {60, 33}, 10, cv::Scalar(30), 3, cv::LINE_AA);
    });
    const imaging::Ink ink = restrokeLine(img, {}, 5);
    QCOMPARE(int(ink.strokes.size()), 3);
    float lastX = -1, lastT = -1;
    for (const auto& s : ink.strokes) {
        const float x0 = std::min(s.points.front().x, s.points.back().x);
        QVERIFY(s.points.front().y <= s.points.back().y + 12);  // top down (or a loop)
        for (const auto& p : s.points) {
            QVERIFY(p.t > lastT || (p.t == lastT && &p == &s.points.front()));
            lastT = p.t;
            QVERIFY(p.pressure > 0.f && p.pressure <= 1.f);
        }
        QVERIFY(x0 > lastX - 12);
        lastX = x0;
    }
    // The second stroke goes left to right: from (120, 22) to (160, 44).
    QVERIFY(ink.strokes[1].points.front().x < ink.strokes[1].points.back().x);
    QVERIFY(ink.strokes[1].points.front().y < ink.strokes[1].points.back().y);
    // The circle is one closed stroke around its centre.
    const auto circle = points(ink.strokes[0]);
    for (const auto& p : circle)
        QVERIFY(std::abs(cv::norm(p - cv::Point2f(60, 33)) - 10) < 2.5);
    QVERIFY(cv::norm(circle.front() - circle.back()) < 3);
    QVERIFY(ink.strokes.back().points.back().t > 0.05f);
}

void TestRestroke::blankAndTinyPicturesGiveNoInk()
{
    QVERIFY(restrokeLine(cv::Mat(), {}, 1).empty());
    QVERIFY(restrokeLine(cv::Mat(64, 400, CV_8UC1, cv::Scalar(255)), {}, 1).empty());
    QVERIFY(restrokeLine(paper(400, 64, [](cv::Mat&) {}), {}, 1).empty());
    QVERIFY(restrokeLine(cv::Mat(1, 1, CV_8UC1, cv::Scalar(0)), {}, 1).empty());
    QVERIFY(restrokeLine(cv::Mat(1, 500, CV_8UC1, cv::Scalar(0)), {}, 1).empty());
    // Specks alone: nothing to write.
    const cv::Mat specks = paper(400, 64, [](cv::Mat& m) {
        for (int x = 20; x < 380; x += 40)
            m.at<uchar>(30, x) = 0;
    });
    QVERIFY(restrokeLine(specks, {}, 1).empty());
}

void TestRestroke::hugeOrWrongPicturesAreRefused()
{
    RestrokeOptions o;
    o.maxPixels = 100'000;
    QVERIFY_THROWS_EXCEPTION(nn::EngineError,
                             restrokeLine(cv::Mat(400, 400, CV_8UC1, cv::Scalar(255)), o, 1));
    QVERIFY_THROWS_EXCEPTION(
        nn::EngineError, restrokeLine(cv::Mat(64, 400, CV_8UC3, cv::Scalar(255, 255, 255)), {}, 1));
    try {
        restrokeLine(cv::Mat(400, 400, CV_8UC1, cv::Scalar(255)), o, 1);
    } catch (const nn::EngineError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("400x400")), e.what());
    }
}

void TestRestroke::sameSeedSameInk()
{
    const cv::Mat img = paper(360, 64, [](cv::Mat& m) {
        cv::putText(m, "minimum", {30, 44}, cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 1.0, cv::Scalar(30), 2,
                    cv::LINE_AA);
    });
    auto flat = [](const imaging::Ink& ink) {
        std::vector<float> v;
        for (const auto& s : ink.strokes)
            for (const auto& p : s.points)
                v.insert(v.end(), {p.x, p.y, p.t, p.pressure});
        return v;
    };
    const auto a = flat(restrokeLine(img, {}, 42)), b = flat(restrokeLine(img, {}, 42));
    const auto c = flat(restrokeLine(img, {}, 43));
    QVERIFY(!a.empty());
    QVERIFY(a == b);
    QVERIFY(a != c);
    // The writer's pen: the same writer seed gives the same speed whatever the line seed.
    RestrokeOptions o;
    o.writerSeed = 7;
    o.jitter = 0;
    const imaging::Ink i1 = restrokeLine(img, o, 1), i2 = restrokeLine(img, o, 2);
    QVERIFY(i1.strokes.back().points.back().t > 0);
    QVERIFY(std::abs(i1.strokes.front().points.back().t - i2.strokes.front().points.back().t)
            < 1e-4f);
}

void TestRestroke::neighbourFragmentsAreRemoved()
{
    // The text in rows ~24..46 of 70; a descender of the line above hangs from the top
    // border at x = 100, an ascender of the line below rises from the bottom at x = 260.
    const cv::Mat img = paper(360, 70, [](cv::Mat& m) {
        cv::putText(m, "mum mom", {20, 44}, cv::FONT_HERSHEY_SIMPLEX, 0.9, cv::Scalar(30), 2,
                    cv::LINE_AA);
        cv::line(m, {100, 0}, {106, 12}, cv::Scalar(30), 3, cv::LINE_AA);
        cv::line(m, {260, 69}, {263, 56}, cv::Scalar(30), 3, cv::LINE_AA);
    });
    training::RestrokeTrace trace;
    const imaging::Ink ink = restrokeLine(img, {}, 1, &trace);
    QVERIFY(!ink.empty());
    QVERIFY2(trace.bandTop > 15 && trace.bandBottom < 50,
             qPrintable(QStringLiteral("%1..%2").arg(trace.bandTop).arg(trace.bandBottom)));
    const cv::Rect2f above(90, 0, 25, 15), below(250, 54, 25, 16);
    QVERIFY(!anyPointIn(ink, above));
    QVERIFY(!anyPointIn(ink, below));
    QCOMPARE(cv::countNonZero(trace.binary(cv::Rect(90, 0, 25, 15))), 0);
    // The text itself is all there: its strokes span it.
    const cv::Rect2f box = ink.bounds();
    QVERIFY(box.x < 26 && box.x + box.width > 150);
    // Without the cleaning they stay.
    RestrokeOptions keep;
    keep.removeNeighbours = false;
    const imaging::Ink raw = restrokeLine(img, keep, 1);
    QVERIFY(anyPointIn(raw, above));
    QVERIFY(anyPointIn(raw, below));
}

void TestRestroke::ruledLinesAreRemovedCrossingStrokesKept()
{
    // A faint ruled line across the whole picture at row 46; the text sits on it and one
    // stroke crosses it.
    const cv::Mat img = paper(500, 64, [](cv::Mat& m) {
        cv::line(m, {0, 46}, {499, 47}, cv::Scalar(150), 2);
        cv::putText(m, "nun", {40, 45}, cv::FONT_HERSHEY_SIMPLEX, 0.9, cv::Scalar(30), 2,
                    cv::LINE_AA);
        cv::line(m, {300, 28}, {300, 60}, cv::Scalar(30), 3, cv::LINE_AA);
    });
    training::RestrokeTrace trace;
    const imaging::Ink ink = restrokeLine(img, {}, 1, &trace);
    // Nothing of the ruled line away from the writing.
    QCOMPARE(cv::countNonZero(trace.binary(cv::Rect(150, 42, 120, 10))), 0);
    QCOMPARE(cv::countNonZero(trace.binary(cv::Rect(330, 42, 160, 10))), 0);
    QVERIFY(!anyPointIn(ink, cv::Rect2f(150, 40, 120, 12)));
    // The crossing stroke is one stroke through the line.
    bool crossing = false;
    for (const auto& s : ink.strokes) {
        const auto pts = points(s);
        crossing = crossing || (hausdorff(pts, densify({{300, 28}, {300, 60}})) < 3.5);
    }
    QVERIFY(crossing);
}

void TestRestroke::thinningGivesOnePixelLines()
{
    cv::Mat bin(40, 120, CV_8UC1, cv::Scalar(0));
    cv::line(bin, {10, 20}, {110, 20}, cv::Scalar(255), 7);
    cv::line(bin, {60, 5}, {60, 35}, cv::Scalar(255), 5);
    const cv::Mat skel = training::thinZhangSuen(bin);
    // The horizontal bar's skeleton is one pixel thick away from the crossing.
    for (int x = 20; x < 50; ++x)
        QCOMPARE(cv::countNonZero(skel.col(x)), 1);
    for (int x = 75; x < 100; ++x)
        QCOMPARE(cv::countNonZero(skel.col(x)), 1);
    // And 8-connected: one component.
    cv::Mat labels;
    QCOMPARE(cv::connectedComponents(skel, labels, 8), 2);
}

QTEST_APPLESS_MAIN(TestRestroke)
#include "test_restroke.moc"
