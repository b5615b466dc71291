#include "ink.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <thread>

namespace inklens::imaging {

bool Ink::empty() const
{
    for (const auto& s : strokes)
        if (!s.points.empty())
            return false;
    return true;
}

cv::Rect2f Ink::bounds() const
{
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    for (const auto& s : strokes)
        for (const auto& p : s.points) {
            x0 = std::min(x0, p.x), y0 = std::min(y0, p.y);
            x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
        }
    if (x1 < x0)
        return {};
    return {x0, y0, x1 - x0, y1 - y0};
}

namespace {
float segmentLength(const InkPoint& a, const InkPoint& b)
{
    const float dx = b.x - a.x, dy = b.y - a.y;
    return std::sqrt(dx * dx + dy * dy);  // std::hypot's care for overflow costs 10x here
}

// The central 60 % of the ink's length (length-weighted 20th..80th percentiles of y): a
// rough, robust size that sets the bins of inkXHeight's profile.
Band centralBand(const Ink& ink)
{
    std::vector<std::pair<float, float>> yw;  // (y, weight)
    for (const auto& s : ink.strokes)
        for (std::size_t i = 1; i < s.points.size(); ++i) {
            const auto& a = s.points[i - 1];
            const auto& b = s.points[i];
            yw.emplace_back(0.5f * (a.y + b.y), segmentLength(a, b) + 1e-6f);
        }
    if (yw.empty())
        return {};
    std::sort(yw.begin(), yw.end());
    double total = 0;
    for (const auto& e : yw)
        total += e.second;
    auto quantile = [&](double q) {
        double acc = 0;
        for (const auto& e : yw) {
            acc += e.second;
            if (acc >= q * total)
                return e.first;
        }
        return yw.back().first;
    };
    return {quantile(0.2), quantile(0.8)};
}
}  // namespace

namespace {
// The ink's overall slope dy/dx (length-weighted least squares through the segments'
// midpoints), for ink at least kMinSkewAspect times as wide as its central band; 0 for
// shorter ink, where a slope cannot be told from the shapes of a few letters.
float overallSlope(const Ink& ink, const cv::Rect2f& box, const Band& central)
{
    if (box.width < float(kMinSkewAspect) * central.height())
        return 0.f;
    double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const auto& s : ink.strokes)
        for (std::size_t i = 1; i < s.points.size(); ++i) {
            const auto& a = s.points[i - 1];
            const auto& b = s.points[i];
            const double w = segmentLength(a, b);
            const double x = 0.5 * (a.x + b.x) - box.x, y = 0.5 * (a.y + b.y) - box.y;
            sw += w, sx += w * x, sy += w * y, sxx += w * x * x, sxy += w * x * y;
        }
    const double var = sxx * sw - sx * sx;
    if (!(var > 0))
        return 0.f;
    return std::clamp(float((sxy * sw - sx * sy) / var), -0.5f, 0.5f);
}
}  // namespace

Band inkXHeight(const Ink& ink)
{
    if (ink.empty())
        return {};
    const cv::Rect2f box = ink.bounds();
    Band central = centralBand(ink);
    if (central.empty())
        central = {box.y, box.y + box.height};
    if (central.empty() || central.height() < 1e-6f * std::max(box.width, box.height)) {
        // No height to measure: a dot or a level line.
        const float h = std::max(box.height, std::max(box.width / 8.f, 1e-3f));
        const float mid = box.y + box.height / 2;
        return {mid - h / 2, mid + h / 2};
    }
    // Measured across the line's own direction: a long line written uphill would
    // otherwise spread its x-height over the whole rise. y' = y - slope * (x - middle).
    const float slope = overallSlope(ink, box, central);
    const float xMid = box.x + box.width / 2;
    const float rise = std::abs(slope) * box.width / 2;
    const float y0 = box.y - rise, height = box.height + 2 * rise;
    const float bin = std::max(central.height() / 16.f, height / 4096.f);
    std::vector<float> profile(std::size_t(std::ceil(height / bin)) + 1, 0.f);
    auto add = [&](float ya, float yb, float length) {
        float a = (std::min(ya, yb) - y0) / bin, b = (std::max(ya, yb) - y0) / bin;
        if (b - a < 1e-6f) {
            profile[std::min(profile.size() - 1, std::size_t(std::max(a, 0.f)))] += length;
            return;
        }
        for (int i = std::max(0, int(a)); i <= int(b) && i < int(profile.size()); ++i) {
            const float overlap = std::min(b, float(i + 1)) - std::max(a, float(i));
            profile[i] += length * std::max(0.f, overlap) / (b - a);
        }
    };
    for (const auto& s : ink.strokes)
        for (std::size_t i = 1; i < s.points.size(); ++i) {
            const auto& p = s.points[i - 1];
            const auto& q = s.points[i];
            add(p.y - slope * (p.x - xMid), q.y - slope * (q.x - xMid), segmentLength(p, q));
        }
    const Band rows = xHeightBand(profile, 1.5f);
    if (rows.empty())
        return central;
    return {y0 + rows.top * bin, y0 + rows.bottom * bin};
}

namespace {
// Where the ink lands in a raster of options.height rows: its x-height band scaled to
// options.xHeight of the height, centred at options.centre, a quarter of the height of
// margin left and right.
struct Placement
{
    cv::Rect2f box;  // the ink's bounds, ink units
    float scale = 1;  // raster pixels per ink unit
    float margin = 0;
    float yCentre = 0;  // ink y that lands at options.centre
    int width = 0;      // raster columns
    cv::Point2f map(const InkPoint& p, const RasterOptions& o, int super) const
    {
        return {((p.x - box.x) * scale + margin) * float(super),
                ((p.y - yCentre) * scale + o.centre * float(o.height)) * float(super)};
    }
};

Placement place(const Ink& ink, const RasterOptions& o)
{
    const Band xBand = inkXHeight(ink);
    Placement at;
    at.box = ink.bounds();
    at.scale = o.xHeight * float(o.height) / xBand.height();
    at.margin = 0.25f * float(o.height);
    at.yCentre = xBand.centre();
    const double width = std::ceil(double(at.box.width) * at.scale + 2.0 * at.margin);
    at.width = width > 20000.0 ? 0 : std::max(1, int(width));  // absurdly long ink: refused
    return at;
}

constexpr int kShift = 4;  // sub-pixel bits of the coordinates given to cv::polylines
cv::Point fixedPoint(cv::Point2f p)
{
    return {int(std::lround(p.x * (1 << kShift))), int(std::lround(p.y * (1 << kShift)))};
}

// Draws the ink's strokes, anti-aliased, widths from pressure, into canvas, whose column 0
// is column x0 of the whole (supersampled) raster. Translating by whole pixels changes no
// pixel, so canvases side by side give the raster drawn at once, byte for byte.
void drawStrokes(const Ink& ink, const Placement& at, const RasterOptions& o, int super,
                 cv::Mat& canvas, int x0)
{
    const float base = o.penWidth * o.xHeight * float(o.height) * float(super);
    auto thickness = [&](float pressure) {
        const float f = 1.f - o.pressureGain
                        + o.pressureGain * (0.5f + std::clamp(pressure, 0.f, 1.f));
        return std::max(1, int(std::lround(base * f)));
    };
    const float reach = 2.f * base + 2.f;  // how far past its points a stroke can mark
    auto point = [&](const InkPoint& p) {
        const cv::Point2f q = at.map(p, o, super);
        return fixedPoint({q.x - float(x0), q.y});
    };
    // A stroke is drawn as polylines, one per run of segments of the same width (cv::line per
    // segment costs two round caps per segment, which were most of the time): the same
    // anti-aliased capsules, each joint's cap drawn once instead of twice. (Dropping nearly
    // collinear points with cv::approxPolyDP halves the time again, but its choices follow
    // float rounding: the raster would no longer be the same at every scale of the ink.)
    std::vector<cv::Point> run;
    for (const auto& s : ink.strokes) {
        if (s.points.empty())
            continue;
        float left = 1e30f, right = -1e30f;
        for (const auto& p : s.points) {
            const float x = at.map(p, o, super).x - float(x0);
            left = std::min(left, x), right = std::max(right, x);
        }
        if (right + reach < 0 || left - reach > float(canvas.cols))
            continue;  // nothing of it falls on this canvas
        if (s.points.size() == 1) {
            cv::circle(canvas, point(s.points[0]),
                       std::max(1, thickness(s.points[0].pressure) / 2) << kShift, cv::Scalar(255),
                       cv::FILLED, cv::LINE_AA, kShift);
            continue;
        }
        std::size_t i = 1;
        while (i < s.points.size()) {
            const int width = thickness(0.5f * (s.points[i - 1].pressure + s.points[i].pressure));
            run.assign(1, point(s.points[i - 1]));
            for (; i < s.points.size()
                   && thickness(0.5f * (s.points[i - 1].pressure + s.points[i].pressure)) == width;
                 ++i)
                run.push_back(point(s.points[i]));
            cv::polylines(canvas, run, false, cv::Scalar(255), width, cv::LINE_AA, kShift);
        }
    }
}

// Columns [x0, x1) of the raster: drawn super times larger, area-downsampled (anti-aliasing).
// OpenCV clips a stroke at the canvas' edge before drawing its anti-aliased outline, which
// changes the pixels next to the edge: a slice is drawn with a border of kSeam pixels
// either side, then cut out, so that slices side by side give the raster drawn at once.
void rasterizeColumns(const Ink& ink, const Placement& at, const RasterOptions& o, int x0, int x1,
                      cv::Mat out)
{
    constexpr int kSeam = 8;
    const int super = std::max(1, o.supersample);
    const int left = x0 > 0 ? kSeam : 0, right = x1 < at.width ? kSeam : 0;
    cv::Mat big(o.height * super, (x1 - x0) * super + left + right, CV_8UC1, cv::Scalar(0));
    drawStrokes(ink, at, o, super, big, x0 * super - left);
    cv::Mat small;
    cv::resize(big(cv::Range::all(), cv::Range(left, big.cols - right)), small, out.size(), 0, 0,
               cv::INTER_AREA);
    small.convertTo(out, CV_32F, 1.0 / 255.0);
}

// Rasters at least this large (output pixels) are drawn in options.threads column slices
// at once: a line of a few words, where drawing is most of the normalization's time.
constexpr int kParallelPixels = 40 * 200;

cv::Mat rasterize(const Ink& ink, const Placement& at, const RasterOptions& o)
{
    cv::Mat out(o.height, at.width, CV_32F);
    const int slices = at.width * o.height < kParallelPixels
                           ? 1
                           : std::clamp(o.threads, 1, std::max(1, at.width / 64));
    auto slice = [&](int i) {
        const int x0 = at.width * i / slices, x1 = at.width * (i + 1) / slices;
        rasterizeColumns(ink, at, o, x0, x1, out(cv::Range::all(), cv::Range(x0, x1)));
    };
    std::vector<std::thread> others;
    for (int i = 1; i < slices; ++i)
        others.emplace_back(slice, i);
    slice(0);
    for (auto& t : others)
        t.join();
    return out;
}

// The skew of ink written along a slope, for inkToLine: the projection-profile search of
// estimateSkew on the ink's centre lines drawn one pixel wide (no pen width, no
// anti-aliasing: what the search counts is which pixels hold ink) at twice the height, the
// x-height at least 0.43 of it. 0 for ink too short to tell (kMinSkewAspect), without drawing.
float inkSkew(const Ink& ink, const RasterOptions& o)
{
    RasterOptions fine = o;
    fine.height = 2 * o.height;
    fine.xHeight = std::max(o.xHeight, 0.43f);  // the skew is a shear, the same at any scale
    const Placement at = place(ink, fine);
    if (at.width == 0 || at.width < kMinSkewAspect * fine.height)
        return 0.f;
    cv::Mat probe(fine.height, at.width, CV_8UC1, cv::Scalar(0));
    std::vector<cv::Point> run;
    for (const auto& s : ink.strokes) {
        run.clear();
        for (const auto& p : s.points)
            run.push_back(fixedPoint(at.map(p, fine, 1)));
        if (run.size() == 1)
            run.push_back(run.front());
        if (!run.empty())
            cv::polylines(probe, run, false, cv::Scalar(255), 1, cv::LINE_8, kShift);
    }
    cv::Mat ink32;
    probe.convertTo(ink32, CV_32F, 1.0 / 255.0);
    return estimateSkew(ink32);
}
}  // namespace

cv::Mat rasterizeInk(const Ink& ink, const RasterOptions& o)
{
    if (ink.empty())
        return {};
    const Placement at = place(ink, o);
    return at.width == 0 ? cv::Mat() : rasterize(ink, at, o);
}

LineImage inkToLine(const Ink& ink, const RasterOptions& o)
{
    float skew = 0.f;
    Ink levelled;
    if (o.deskew && !ink.empty() && (skew = inkSkew(ink, o)) != 0.f) {
        levelled = ink;
        for (auto& s : levelled.strokes)
            for (auto& p : s.points)
                p.y += skew * p.x;  // the raster keeps the aspect: the same shear
    }
    const cv::Mat img = rasterizeInk(skew != 0.f ? levelled : ink, o);
    if (img.empty())
        return {};
    NormalizeOptions n;
    n.height = o.height;
    LineImage line = normalizeInkLine(img, n);
    line.skew = skew;
    return line;
}

}  // namespace inklens::imaging
