// Line normalization (core/imaging/line_image.h): contrast, crop, height, margins, the
// column mapping back to the source, and slant estimation / correction.

#include "imaging/line_image.h"

#include <QtTest/QtTest>

#include <opencv2/imgproc.hpp>

#include <cmath>

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

}  // namespace

class TestLineImage : public QObject {
    Q_OBJECT
private slots:
    void normalizes();
    void emptyInput();
    void estimatesShear_data();
    void estimatesShear();
    void deslantStraightens();
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
    QVERIFY2(std::abs(s - shear) <= 0.051f, qPrintable(QString("estimated %1 for %2").arg(s).arg(shear)));
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
    QVERIFY2(std::abs(a - c) <= 2 && std::abs(b - d) <= 2, qPrintable(QString("%1-%2 vs %3-%4").arg(a).arg(b).arg(c).arg(d)));
    QCOMPARE(upright.sourceColumns, ink.cols);
}

QTEST_APPLESS_MAIN(TestLineImage)
#include "test_line_image.moc"
