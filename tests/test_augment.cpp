// Augmentation (core/training/augment.h): every step keeps the image well formed
// (ink in [0, 1], the height), does what it says, and is deterministic for a seed.

#include "training/augment.h"

#include <QtTest/QtTest>

#include <opencv2/imgproc.hpp>

using namespace inklens;
using training::AugmentOptions;

namespace {

// A line: a band of vertical strokes between rows 12 and 28 of 40, paper elsewhere.
cv::Mat strokes(int w = 200, int h = 40)
{
    cv::Mat ink = cv::Mat::zeros(h, w, CV_32F);
    for (int x = 10; x < w - 10; x += 9)
        cv::line(ink, {x, 12}, {x + 3, 28}, cv::Scalar(1.0), 2);
    return ink;
}

imaging::LineImage asLine(const cv::Mat& m)
{
    imaging::LineImage l;
    l.height = m.rows;
    l.width = m.cols;
    l.pixels.assign(m.ptr<float>(0), m.ptr<float>(0) + m.total());
    return l;
}

bool inUnitRange(const cv::Mat& m)
{
    double lo = 0, hi = 0;
    cv::minMaxLoc(m, &lo, &hi);
    return lo >= 0.0 && hi <= 1.0;
}

double rowsSum(const cv::Mat& m, int y0, int y1)
{
    return cv::sum(m.rowRange(y0, y1))[0];
}

}  // namespace

class TestAugment : public QObject
{
    Q_OBJECT
private slots:
    void neighbourFragmentsOnlyAtTheEdges();
    void elasticMovesInkALittle();
    void paperIsUnderTheInk();
    void wholeAugmentation();
};

void TestAugment::neighbourFragmentsOnlyAtTheEdges()
{
    // The strokes occupy rows 12..28 of 40; a copy shifted by >= 70 % of the height lands
    // only outside that band (the other line's descenders above, ascenders below).
    int changedAbove = 0, changedBelow = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        cv::Mat ink = strokes();
        const cv::Mat before = ink.clone();
        nn::Rng rng(seed);
        training::addNeighbourFragments(ink, rng);
        QVERIFY(inUnitRange(ink));
        QCOMPARE(cv::norm(ink.rowRange(12, 29), before.rowRange(12, 29), cv::NORM_INF), 0.0);
        changedAbove += rowsSum(ink, 0, 12) > 0;
        changedBelow += rowsSum(ink, 29, 40) > 0;
        // Never removes ink.
        cv::Mat diff = ink - before;
        double lo = 0;
        cv::minMaxLoc(diff, &lo);
        QVERIFY(lo >= 0);
    }
    QVERIFY(changedAbove > 3);
    QVERIFY(changedBelow > 3);
}

void TestAugment::elasticMovesInkALittle()
{
    const cv::Mat ink = strokes();
    cv::Mat a = ink.clone(), b = ink.clone(), c = ink.clone();
    nn::Rng r1(4), r2(4), r3(5);
    training::elasticDistort(a, r1, 1.5f);
    training::elasticDistort(b, r2, 1.5f);
    training::elasticDistort(c, r3, 1.5f);
    QCOMPARE(cv::norm(a, b, cv::NORM_INF), 0.0);  // deterministic
    QVERIFY(cv::norm(a, c, cv::NORM_L1) > 0);     // seed-dependent
    QVERIFY(cv::norm(a, ink, cv::NORM_L1) > 0);   // it moved
    QVERIFY(inUnitRange(a));
    // By at most 1.5 px: ink mass stays (within 5 %), and nothing lands far from the band.
    QVERIFY(std::abs(cv::sum(a)[0] - cv::sum(ink)[0]) < 0.05 * cv::sum(ink)[0]);
    QCOMPARE(rowsSum(a, 0, 9), 0.0);
    QCOMPARE(rowsSum(a, 32, 40), 0.0);
    // Zero displacement: unchanged.
    cv::Mat d = ink.clone();
    nn::Rng r4(4);
    training::elasticDistort(d, r4, 0.f);
    QCOMPARE(cv::norm(d, ink, cv::NORM_INF), 0.0);
}

void TestAugment::paperIsUnderTheInk()
{
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        cv::Mat ink = strokes();
        const cv::Mat before = ink.clone();
        nn::Rng rng(seed);
        training::addPaperTexture(ink, rng, 0.15f);
        QVERIFY(inUnitRange(ink));
        // Ink stays ink; paper gets a tone no darker than 0.15, except a ruled line (<= 0.4).
        cv::Mat inkMask = before > 0.99f;
        double lo = 0, hi = 0;
        cv::minMaxLoc(ink, &lo, &hi, nullptr, nullptr, inkMask);
        QVERIFY(lo > 0.99);
        cv::Mat paper = ink.clone();
        paper.setTo(0, before > 0.f);
        for (int y = 0; y < paper.rows; ++y) {
            double rlo = 0, rhi = 0;
            cv::minMaxLoc(paper.row(y), &rlo, &rhi);
            QVERIFY(rhi <= 0.4 + 1e-6);
        }
        QVERIFY(cv::sum(paper)[0] > 0);  // some tone somewhere
    }
}

void TestAugment::wholeAugmentation()
{
    const imaging::LineImage line = asLine(strokes());
    AugmentOptions all;  // every step on, always
    all.neighbourProb = all.elasticProb = all.paperProb = all.strokeProb = all.blurProb = 1.f;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        nn::Rng r1(seed), r2(seed);
        const imaging::LineImage a = training::augmentLine(line, r1, all),
                                 b = training::augmentLine(line, r2, all);
        QCOMPARE(a.height, line.height);
        QCOMPARE(a.width % 4, 0);
        QCOMPARE(a.pixels.size(), std::size_t(a.width) * a.height);
        QVERIFY(a.pixels == b.pixels);
        for (float v : a.pixels)
            QVERIFY(v >= 0.f && v <= 1.f);
    }
    // Nothing on, no noise, contrast 1: the geometry alone (identity) keeps the image.
    AugmentOptions none;
    none.slant = none.rotateDeg = none.scaleX = none.scaleY = none.shiftY = 0;
    none.strokeProb = none.blurProb = none.noise = 0;
    none.contrastMin = 1.f;
    none.neighbourProb = none.elasticProb = none.paperProb = 0;
    nn::Rng rng(1);
    const imaging::LineImage same = training::augmentLine(line, rng, none);
    QCOMPARE(same.width, line.width);
    double maxDiff = 0;
    for (std::size_t i = 0; i < same.pixels.size(); ++i)
        maxDiff = std::max(maxDiff, double(std::abs(same.pixels[i] - line.pixels[i])));
    QVERIFY2(maxDiff < 1e-5, qPrintable(QString::number(maxDiff)));
}

QTEST_APPLESS_MAIN(TestAugment)
#include "test_augment.moc"
