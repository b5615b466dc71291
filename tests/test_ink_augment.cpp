// Ink-level augmentation (core/training/ink_augment.h): a variant keeps the strokes, their
// number and order, moves each point no further than its parameters allow, and is the
// same for the same seed; the trainer draws ink samples anew through it.

#include "training/ink_augment.h"
#include "training/trainer.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace inklens;
using imaging::Ink;
using imaging::InkPoint;
using training::InkAugmentOptions;
using training::augmentInk;

namespace {

// Handwriting-like ink in tablet units: a run of loops ("ellelle") with an x-height of
// about 200 units, a separate dot and a bar, times at 100 points per second.
Ink sampleInk()
{
    Ink ink;
    float t = 0;
    imaging::Stroke loops;
    for (int i = 0; i <= 240; ++i) {
        const float a = float(i) * 0.105f;
        InkPoint p;
        p.x = 1000 + 30 * a + 80 * std::sin(a);
        p.y = 5000 + 100 * std::cos(a);
        p.t = t += 0.01f;
        p.pressure = 0.4f + 0.2f * std::sin(a / 3);
        loops.points.push_back(p);
    }
    ink.strokes.push_back(loops);
    imaging::Stroke dot;
    dot.points.push_back({1200, 4800, t += 0.3f, 0.5f});
    ink.strokes.push_back(dot);
    imaging::Stroke bar;
    for (int i = 0; i <= 20; ++i)
        bar.points.push_back({1300 + 20.f * float(i), 4850, t += 0.01f, 0.6f});
    ink.strokes.push_back(bar);
    return ink;
}

InkAugmentOptions nothing()
{
    InkAugmentOptions o;
    o.scale = o.aspect = o.slant = o.rotateDeg = o.drift = o.wobble = o.jitter = 0;
    o.penWidth = o.pressure = o.density = o.dropProb = o.duplicateProb = 0;
    return o;
}

bool sameInk(const Ink& a, const Ink& b)
{
    if (a.strokes.size() != b.strokes.size())
        return false;
    for (std::size_t s = 0; s < a.strokes.size(); ++s) {
        const auto& p = a.strokes[s].points;
        const auto& q = b.strokes[s].points;
        if (p.size() != q.size())
            return false;
        for (std::size_t i = 0; i < p.size(); ++i)
            if (p[i].x != q[i].x || p[i].y != q[i].y || p[i].t != q[i].t
                || p[i].pressure != q[i].pressure)
                return false;
    }
    return true;
}

// The largest distance between corresponding points (same shape required).
float maxDisplacement(const Ink& a, const Ink& b)
{
    float m = 0;
    for (std::size_t s = 0; s < a.strokes.size(); ++s)
        for (std::size_t i = 0; i < a.strokes[s].points.size(); ++i) {
            const auto& p = a.strokes[s].points[i];
            const auto& q = b.strokes[s].points[i];
            m = std::max(m, std::max(std::abs(p.x - q.x), std::abs(p.y - q.y)));
        }
    return m;
}

}  // namespace

class TestInkAugment : public QObject
{
    Q_OBJECT
private slots:
    void sameSeedSameVariant()
    {
        const Ink ink = sampleInk();
        nn::Rng a(42), b(42), c(43);
        const auto va = augmentInk(ink, a);
        const auto vb = augmentInk(ink, b);
        const auto vc = augmentInk(ink, c);
        QVERIFY(sameInk(va.ink, vb.ink));
        QCOMPARE(va.params.penWidth, vb.params.penWidth);
        QVERIFY(!sameInk(va.ink, vc.ink));
        QVERIFY(!sameInk(va.ink, ink));
    }

    void keepsStrokesAndTheirOrder()
    {
        const Ink ink = sampleInk();
        for (std::uint64_t seed = 1; seed <= 50; ++seed) {
            nn::Rng rng(seed);
            const auto v = augmentInk(ink, rng);
            QCOMPARE(v.ink.strokes.size(), ink.strokes.size());
            QCOMPARE(v.ink.strokes[1].points.size(), std::size_t(1));  // the dot stays a dot
            for (std::size_t s = 0; s < ink.strokes.size(); ++s) {
                const auto& in = ink.strokes[s].points;
                const auto& out = v.ink.strokes[s].points;
                QVERIFY(!out.empty());
                if (in.size() >= 2)
                    QVERIFY(out.size() >= 2);
                // Time runs forward within a stroke and from one stroke to the next.
                for (std::size_t i = 1; i < out.size(); ++i)
                    QVERIFY(out[i].t >= out[i - 1].t);
                if (s > 0)
                    QVERIFY(out.front().t > v.ink.strokes[s - 1].points.back().t);
                for (const auto& p : out)
                    QVERIFY(p.pressure >= 0.f && p.pressure <= 1.f);
            }
            // Order in space too: the bar still starts right of the loops' start and the
            // dot above the bar (slant and rotation are small).
            QVERIFY(v.ink.strokes[2].points.front().x > v.ink.strokes[0].points.front().x);
        }
    }

    void parametersWithinTheirBounds()
    {
        const Ink ink = sampleInk();
        const InkAugmentOptions o;
        for (std::uint64_t seed = 1; seed <= 200; ++seed) {
            nn::Rng rng(seed);
            const auto q = augmentInk(ink, rng, o).params;
            QVERIFY(std::abs(q.scale - 1) <= o.scale);
            QVERIFY(std::abs(q.aspect - 1) <= o.aspect);
            QVERIFY(std::abs(q.slant) <= o.slant);
            QVERIFY(std::abs(q.rotation) <= o.rotateDeg * 3.14159266f / 180);
            QVERIFY(q.drift >= 0 && q.drift <= o.drift);
            QVERIFY(q.wobble >= 0 && q.wobble <= o.wobble);
            QVERIFY(q.jitter >= 0 && q.jitter <= o.jitter);
            QVERIFY(std::abs(q.penWidth - 1) <= o.penWidth);
            QVERIFY(std::abs(q.pressureGain - 1) <= o.pressure);
            QVERIFY(q.density >= 1 / (1 + o.density) - 1e-5f && q.density <= 1 + o.density + 1e-5f);
            QVERIFY(q.xHeight > 100 && q.xHeight < 300);  // the loops' x-height, about 200
        }
    }

    void nothingDrawnChangesNothing()
    {
        const Ink ink = sampleInk();
        nn::Rng rng(7);
        QVERIFY(sameInk(augmentInk(ink, rng, nothing()).ink, ink));
    }

    // Each kind alone moves points by at most its bound (in x-heights).
    void jitterAndWobbleAreBounded()
    {
        const Ink ink = sampleInk();
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            auto o = nothing();
            o.jitter = 0.05f;
            nn::Rng rng(seed);
            auto v = augmentInk(ink, rng, o);
            const float xh = v.params.xHeight;
            constexpr float kRounding = 0.01f;  // float rounding at coordinates near 5000
            QVERIFY(maxDisplacement(v.ink, ink) <= v.params.jitter * xh + kRounding);
            QVERIFY(maxDisplacement(v.ink, ink) > 0);

            o = nothing();
            o.wobble = 0.05f;
            nn::Rng rng2(seed);
            v = augmentInk(ink, rng2, o);
            QVERIFY(maxDisplacement(v.ink, ink) <= v.params.wobble * xh + kRounding);
        }
    }

    void driftMovesOnlyVertically()
    {
        const Ink ink = sampleInk();
        auto o = nothing();
        o.drift = 0.3f;
        nn::Rng rng(3);
        const auto v = augmentInk(ink, rng, o);
        float maxDy = 0;
        for (std::size_t s = 0; s < ink.strokes.size(); ++s)
            for (std::size_t i = 0; i < ink.strokes[s].points.size(); ++i) {
                QCOMPARE(v.ink.strokes[s].points[i].x, ink.strokes[s].points[i].x);
                maxDy = std::max(
                    maxDy, std::abs(v.ink.strokes[s].points[i].y - ink.strokes[s].points[i].y));
            }
        QVERIFY(maxDy <= v.params.drift * v.params.xHeight + 0.01f);
        QVERIFY(maxDy > 0);
    }

    void slantAndScaleAreAffine()
    {
        const Ink ink = sampleInk();
        auto o = nothing();
        o.slant = 0.4f;
        o.scale = 0.2f;
        o.aspect = 0.2f;
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            nn::Rng rng(seed);
            const auto v = augmentInk(ink, rng, o);
            const auto& q = v.params;
            // The height scales by s (the shear moves points sideways only); the width by
            // s * a, plus the slant times the height at most.
            const auto b0 = ink.bounds(), b1 = v.ink.bounds();
            QVERIFY(std::abs(b1.height / b0.height - q.scale) < 1e-3f);
            const float widthBound = q.scale * q.aspect
                                     * (b0.width + std::abs(q.slant) * b0.height);
            QVERIFY(b1.width <= widthBound * 1.001f);
        }
    }

    void densityResamplesAlongTheStroke()
    {
        const Ink ink = sampleInk();
        auto o = nothing();
        o.density = 1.f;
        // (points - 1) * density is the stroke's length over its median spacing, whatever
        // density was drawn.
        float lengthInSpacings = -1;
        for (std::uint64_t seed = 1; seed <= 10; ++seed) {
            nn::Rng rng(seed);
            const auto v = augmentInk(ink, rng, o);
            const auto& in = ink.strokes[0].points;
            const auto& out = v.ink.strokes[0].points;
            QVERIFY(v.params.density >= 0.5f && v.params.density <= 2.f);
            // First and last point kept.
            QCOMPARE(out.front().x, in.front().x);
            QCOMPARE(out.back().y, in.back().y);
            const float l = float(out.size() - 1) * v.params.density;
            if (lengthInSpacings < 0)
                lengthInSpacings = l;
            QVERIFY2(std::abs(l / lengthInSpacings - 1) < 0.05f,
                     qPrintable(QStringLiteral("%1 points for density %2")
                                    .arg(out.size())
                                    .arg(v.params.density)));
            // Times interpolated: still increasing.
            for (std::size_t i = 1; i < out.size(); ++i)
                QVERIFY(out[i].t > out[i - 1].t);
        }
    }

    void dropsAndDuplicatesInteriorPointsOnly()
    {
        const Ink ink = sampleInk();
        auto o = nothing();
        o.dropProb = 0.2f;
        nn::Rng rng(5);
        auto v = augmentInk(ink, rng, o);
        QVERIFY(v.ink.strokes[0].points.size() < ink.strokes[0].points.size());
        QCOMPARE(v.ink.strokes[0].points.front().x, ink.strokes[0].points.front().x);
        QCOMPARE(v.ink.strokes[0].points.back().x, ink.strokes[0].points.back().x);
        o = nothing();
        o.duplicateProb = 0.2f;
        nn::Rng rng2(5);
        v = augmentInk(ink, rng2, o);
        QVERIFY(v.ink.strokes[0].points.size() > ink.strokes[0].points.size());
    }

    void emptyInkStaysEmpty()
    {
        nn::Rng rng(1);
        QVERIFY(augmentInk(Ink{}, rng).ink.empty());
    }

    // The trainer's sample: ink is drawn anew (different pictures for different steps, the
    // same for the same seed); without inkAugment the one picture is augmented.
    void trainerDrawsInkAnew()
    {
        training::LineSample s;
        s.ink = std::make_shared<const Ink>(sampleInk());
        imaging::RasterOptions r;
        r.height = 32;
        r.deskew = true;
        s.image = imaging::inkToLine(*s.ink, r);
        QVERIFY(!s.image.empty());
        training::TrainOptions o;
        o.augmentation = training::inkImageAugmentation(o.augmentation);
        o.augmentation.noise = 0;
        o.augmentation.blurProb = o.augmentation.paperProb = o.augmentation.neighbourProb = 0;
        nn::Rng a(11), b(11), c(12);
        const auto la = training::augmentSample(s, a, o);
        const auto lb = training::augmentSample(s, b, o);
        const auto lc = training::augmentSample(s, c, o);
        QCOMPARE(la.height, 32);
        QCOMPARE(la.pixels, lb.pixels);
        QVERIFY(la.pixels != lc.pixels);
        o.augment = false;
        QCOMPARE(training::augmentSample(s, a, o).pixels, s.image.pixels);
    }
};

QTEST_APPLESS_MAIN(TestInkAugment)
#include "test_ink_augment.moc"
