#include "ink_augment.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace inklens::training {

using imaging::Ink;
using imaging::InkPoint;
using imaging::Stroke;

namespace {

constexpr float kTwoPi = 2.f * std::numbers::pi_v<float>;

float distance(const InkPoint& a, const InkPoint& b)
{
    const float dx = b.x - a.x, dy = b.y - a.y;
    return std::sqrt(dx * dx + dy * dy);
}

InkPoint lerp(const InkPoint& a, const InkPoint& b, float u)
{
    return {a.x + u * (b.x - a.x), a.y + u * (b.y - a.y), a.t + u * (b.t - a.t),
            a.pressure + u * (b.pressure - a.pressure)};
}

// The stroke resampled along its length every `factor` times its median point spacing;
// the first and the last point stay.
std::vector<InkPoint> resample(const std::vector<InkPoint>& p, float factor)
{
    if (p.size() < 3 || factor == 1.f)
        return p;
    std::vector<float> seg;
    for (std::size_t i = 1; i < p.size(); ++i)
        if (const float d = distance(p[i - 1], p[i]); d > 0)
            seg.push_back(d);
    if (seg.empty())
        return p;
    std::vector<float> sorted = seg;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(sorted.size() / 2),
                     sorted.end());
    const float step = factor * sorted[sorted.size() / 2];
    float total = 0;
    for (float d : seg)
        total += d;
    const int n = std::clamp(int(std::lround(total / step)), 1, int(4 * p.size()));
    const float spacing = total / float(n);
    std::vector<InkPoint> out{p.front()};
    std::size_t i = 1;  // the segment p[i-1] -> p[i] being walked
    float walked = 0;   // arc length up to p[i-1]
    for (int k = 1; k < n; ++k) {
        const float at = float(k) * spacing;
        while (i + 1 < p.size() && walked + distance(p[i - 1], p[i]) < at) {
            walked += distance(p[i - 1], p[i]);
            ++i;
        }
        const float d = distance(p[i - 1], p[i]);
        out.push_back(lerp(p[i - 1], p[i], d > 0 ? std::clamp((at - walked) / d, 0.f, 1.f) : 0.f));
    }
    out.push_back(p.back());
    return out;
}

// A clipped normal in [-1, 1] (sigma 0.4).
float clippedNormal(nn::Rng& rng)
{
    return std::clamp(0.4f * rng.normal(), -1.f, 1.f);
}

}  // namespace

InkVariant augmentInk(const Ink& ink, nn::Rng& rng, const InkAugmentOptions& o)
{
    InkVariant v;
    if (ink.empty()) {
        v.ink = ink;
        return v;
    }
    const imaging::Band band = imaging::inkXHeight(ink);
    const cv::Rect2f box = ink.bounds();
    const float xh = band.height() > 0 ? band.height() : std::max(1e-3f, box.height);
    const float cx = box.x + box.width / 2, cy = band.centre();

    // Every global draw first, always the same number of them: the variant of a seed does
    // not depend on the ink's size.
    InkVariantParams& q = v.params;
    q.xHeight = xh;
    q.scale = rng.uniform(1 - o.scale, 1 + o.scale);
    q.aspect = rng.uniform(1 - o.aspect, 1 + o.aspect);
    q.slant = rng.uniform(-o.slant, o.slant);
    q.rotation = rng.uniform(-o.rotateDeg, o.rotateDeg) * std::numbers::pi_v<float> / 180.f;
    q.drift = rng.uniform(0, o.drift);
    q.wobble = rng.uniform(0, o.wobble);
    q.jitter = rng.uniform(0, o.jitter);
    q.penWidth = rng.uniform(1 - o.penWidth, 1 + o.penWidth);
    q.pressureGain = rng.uniform(1 - o.pressure, 1 + o.pressure);
    q.density = std::exp(rng.uniform(-1.f, 1.f) * std::log1p(std::max(0.f, o.density)));
    // The drift's two sines, the wobble's (x and y) and the pressure's: wavelengths in
    // x-heights and phases.
    const float driftL1 = rng.uniform(3.f, 12.f), driftP1 = rng.uniform(0, kTwoPi);
    const float driftL2 = rng.uniform(3.f, 12.f), driftP2 = rng.uniform(0, kTwoPi);
    const float driftMix = rng.uniform(0.f, 1.f);
    const float wobLx = rng.uniform(0.6f, 2.5f), wobPx = rng.uniform(0, kTwoPi);
    const float wobLy = rng.uniform(0.6f, 2.5f), wobPy = rng.uniform(0, kTwoPi);
    const float presL = rng.uniform(2.f, 6.f), presP = rng.uniform(0, kTwoPi);

    const float cosR = std::cos(q.rotation), sinR = std::sin(q.rotation);
    const float sx = q.scale * q.aspect, sy = q.scale;
    float pathLength = 0;  // along the pen's path, over all strokes, in x-heights
    v.ink.strokes.reserve(ink.strokes.size());
    for (const Stroke& stroke : ink.strokes) {
        std::vector<InkPoint> pts = resample(stroke.points, q.density);
        // Dropped and duplicated interior points (the first and the last always stay).
        std::vector<InkPoint> kept;
        kept.reserve(pts.size() + 4);
        for (std::size_t i = 0; i < pts.size(); ++i) {
            const bool interior = i > 0 && i + 1 < pts.size();
            const float u = rng.uniform();
            if (interior && u < o.dropProb)
                continue;
            kept.push_back(pts[i]);
            if (interior && u > 1.f - o.duplicateProb)
                kept.push_back(pts[i]);
        }
        Stroke out;
        out.points.reserve(kept.size());
        for (std::size_t i = 0; i < kept.size(); ++i) {
            InkPoint p = kept[i];
            if (i > 0)
                pathLength += distance(kept[i - 1], kept[i]) / xh;
            // In the ink's own frame: wobble along the path, then jitter.
            float x = p.x + q.wobble * xh * std::sin(kTwoPi * pathLength / wobLx + wobPx);
            float y = p.y + q.wobble * xh * std::sin(kTwoPi * pathLength / wobLy + wobPy);
            x += q.jitter * xh * clippedNormal(rng);
            y += q.jitter * xh * clippedNormal(rng);
            // About the centre: slant, scale, rotation.
            float dx = x - cx, dy = y - cy;
            dx -= q.slant * dy;
            dx *= sx, dy *= sy;
            const float rx = cosR * dx - sinR * dy, ry = sinR * dx + cosR * dy;
            // The baseline's drift, a function of the distance along the line.
            const float along = rx / (q.scale * xh);
            const float curve = driftMix * std::sin(kTwoPi * along / driftL1 + driftP1)
                                + (1 - driftMix) * std::sin(kTwoPi * along / driftL2 + driftP2);
            p.x = cx + rx;
            p.y = cy + ry + q.drift * q.scale * xh * curve;
            p.pressure = std::clamp(p.pressure * q.pressureGain
                                        + 0.5f * o.pressure
                                              * std::sin(kTwoPi * pathLength / presL + presP),
                                    0.f, 1.f);
            out.points.push_back(p);
        }
        v.ink.strokes.push_back(std::move(out));
    }
    return v;
}

}  // namespace inklens::training
