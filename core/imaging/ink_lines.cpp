#include "imaging/ink_lines.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace inklens::imaging {

// How the strokes are grouped (all lengths in x-heights, xh):
//  1. a first x-height: the median of inkXHeight over chunks of consecutive strokes (a
//     chunk written in one go is mostly on one line; inkXHeight of a whole paragraph is not
//     a line's);
//  2. seeds in writing order: a stroke at least kTallStroke high whose middle (the
//     length-weighted median of its y) lies more than kNewLine below (or above) the last
//     tall strokes of the line being written starts a new line. Low strokes (i-dots, t-bars,
//     accents, a crossing-out) never start one;
//  3. each line gets a centre line y = a + b x (a length-weighted fit of its tall strokes,
//     so an uphill line is followed), every stroke goes to the line whose centre line passes
//     nearest its middle (dots sit above their letters: the distance upwards counts less),
//     lines closer than kMerge are merged, and this is repeated;
//  4. steps 2-3 again with the lines' own x-height (the median of inkXHeight per line).
// Reading order: top to bottom by the centre line at the paragraph's middle.

namespace {

constexpr float kTallStroke = 0.5f;    // xh: lower strokes are delayed marks or punctuation
constexpr float kNewLine = 1.5f;       // xh: a jump this far down (or up) starts a line
constexpr float kNear = 4.f;           // xh: a line's strokes this near in x tell where it is
constexpr float kMerge = 1.2f;         // xh: lines this close are one
constexpr float kUpwardCost = 0.75f;   // a stroke above a centre line is this much nearer
constexpr float kMaxSlope = 0.2f;      // steepest line followed (about 11 degrees)
constexpr float kSlopeWidth = 8.f;     // xh: shorter lines are taken as level
constexpr float kGapCost = 0.2f;       // per xh a stroke lies beyond the ends of a line
constexpr float kMinLineInk = 6.f;     // xh of ink: a line has at least this much, or
constexpr float kMinLineShare = 0.1f;  // this share of the longest line's ink
constexpr int kChunk = 10;             // strokes per chunk for the first x-height

struct StrokeInfo
{
    float mid = 0;  // length-weighted median y
    float cx = 0;   // middle of its x-range
    float x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    float length = 0;
    bool valid = false;  // has points
};

struct Fit
{
    float a = 0, b = 0;  // centre line y = a + b * x
    float x0 = 0, x1 = 0;
    float at(float x) const { return a + b * std::clamp(x, x0, x1); }
};

float weightedMedian(std::vector<std::pair<float, float>>& vw)
{
    if (vw.empty())
        return 0.f;
    std::sort(vw.begin(), vw.end());
    double total = 0;
    for (const auto& e : vw)
        total += e.second;
    double acc = 0;
    for (const auto& e : vw) {
        acc += e.second;
        if (acc >= 0.5 * total)
            return e.first;
    }
    return vw.back().first;
}

StrokeInfo describe(const Stroke& s)
{
    StrokeInfo info;
    if (s.points.empty())
        return info;
    info.valid = true;
    info.x0 = info.x1 = s.points[0].x;
    info.y0 = info.y1 = s.points[0].y;
    std::vector<std::pair<float, float>> yw;
    for (std::size_t i = 0; i < s.points.size(); ++i) {
        const auto& p = s.points[i];
        info.x0 = std::min(info.x0, p.x), info.x1 = std::max(info.x1, p.x);
        info.y0 = std::min(info.y0, p.y), info.y1 = std::max(info.y1, p.y);
        if (i > 0) {
            const auto& q = s.points[i - 1];
            const float len = std::sqrt((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y));
            info.length += len;
            yw.emplace_back(0.5f * (p.y + q.y), len + 1e-9f);
        }
    }
    info.mid = yw.empty() ? 0.5f * (info.y0 + info.y1) : weightedMedian(yw);
    info.cx = 0.5f * (info.x0 + info.x1);
    return info;
}

Ink subset(const Ink& ink, const std::vector<int>& strokes)
{
    Ink out;
    for (int i : strokes)
        out.strokes.push_back(ink.strokes[std::size_t(i)]);
    return out;
}

float medianOf(std::vector<float> v)
{
    if (v.empty())
        return 0.f;
    std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
    return v[v.size() / 2];
}

// The first x-height: the median of inkXHeight over chunks of kChunk consecutive strokes.
float chunkXHeight(const Ink& ink, const std::vector<int>& order)
{
    std::vector<float> heights;
    for (std::size_t start = 0; start < order.size(); start += kChunk) {
        const std::size_t end = std::min(order.size(), start + kChunk);
        if (end - start < kChunk / 2 && !heights.empty())
            break;  // a short last chunk: a few letters say little
        std::vector<int> chunk(order.begin() + long(start), order.begin() + long(end));
        const Band band = inkXHeight(subset(ink, chunk));
        if (!band.empty())
            heights.push_back(band.height());
    }
    return medianOf(heights);
}

// The first x-height, on the small side (the grouping's pieces correct it): the smaller of
// chunkXHeight and half the median height of the strokes at least half the median length
// (letters or words, not dots).
float firstXHeight(const Ink& ink, const std::vector<StrokeInfo>& info,
                   const std::vector<int>& order)
{
    std::vector<float> lengths, heights;
    for (int i : order)
        lengths.push_back(info[std::size_t(i)].length);
    const float typical = medianOf(lengths);
    for (int i : order)
        if (info[std::size_t(i)].length >= 0.5f * typical)
            heights.push_back(info[std::size_t(i)].y1 - info[std::size_t(i)].y0);
    const float fromStrokes = 0.5f * medianOf(heights);
    const float fromChunks = chunkXHeight(ink, order);
    if (fromStrokes <= 0)
        return fromChunks;
    return fromChunks > 0 ? std::min(fromStrokes, fromChunks) : fromStrokes;
}

class Grouping
{
public:
    Grouping(std::vector<StrokeInfo> info, std::vector<int> order)
        : m_info(std::move(info)), m_order(std::move(order))
    { }

    // Steps 2 and 3 with x-height xh; returns the lines (stroke indices per line).
    std::vector<std::vector<int>> group(float xh)
    {
        m_xh = xh;
        seed();
        for (int round = 0; round < 6; ++round) {
            fitLines();
            bool merged = false;
            while (mergeClose()) {
                merged = true;
                fitLines();
            }
            if (!assign() && !merged)
                break;
        }
        fitLines();
        return lines();
    }

    std::vector<std::vector<int>> lines() const
    {
        std::vector<std::vector<int>> out(m_fits.size());
        for (int i : m_order)
            if (m_line[std::size_t(i)] >= 0)
                out[std::size_t(m_line[std::size_t(i)])].push_back(i);
        return out;
    }

    const std::vector<Fit>& fits() const { return m_fits; }

private:
    bool tall(int i) const
    {
        const StrokeInfo& s = m_info[std::size_t(i)];
        return s.y1 - s.y0 >= kTallStroke * m_xh;
    }

    // A new line starts at a tall stroke whose middle lies more than kNewLine above or below
    // where the line being written is at its x: the middle of the line's tall strokes
    // within kNear of it (a return sweep to the left compares with the line's start, not
    // with its end, which may have drifted down or up), else of its last ones.
    void seed()
    {
        m_line.assign(m_info.size(), -1);
        int lines = 0;
        std::vector<int> current;  // the current line's tall strokes, in writing order
        for (int i : m_order) {
            const StrokeInfo& s = m_info[std::size_t(i)];
            if (tall(i)) {
                if (lines == 0
                    || std::abs(s.mid - expectedMiddle(current, s.cx)) > kNewLine * m_xh) {
                    ++lines;
                    current.clear();
                }
                current.push_back(i);
            }
            m_line[std::size_t(i)] = std::max(0, lines - 1);
        }
        m_fits.assign(std::size_t(std::max(lines, 1)), {});
    }

    float expectedMiddle(const std::vector<int>& line, float x) const
    {
        std::vector<float> near, last;
        for (int i : line) {
            const StrokeInfo& s = m_info[std::size_t(i)];
            if (std::abs(s.cx - x) <= kNear * m_xh)
                near.push_back(s.mid);
        }
        for (std::size_t k = line.size() > 3 ? line.size() - 3 : 0; k < line.size(); ++k)
            last.push_back(m_info[std::size_t(line[k])].mid);
        return medianOf(near.empty() ? last : near);
    }

    // Each line's centre line, from its tall strokes (all of them when it has none).
    void fitLines()
    {
        const std::size_t n = m_fits.size();
        for (std::size_t l = 0; l < n; ++l) {
            std::vector<int> members;
            bool anyTall = false;
            for (int i : m_order)
                if (m_line[std::size_t(i)] == int(l)) {
                    members.push_back(i);
                    anyTall = anyTall || tall(i);
                }
            Fit fit;
            if (members.empty()) {
                fit.a = 1e30f;  // an empty line: nothing comes near it
                m_fits[l] = fit;
                continue;
            }
            fit.x0 = 1e30f, fit.x1 = -1e30f;
            double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (int i : members) {
                const StrokeInfo& s = m_info[std::size_t(i)];
                fit.x0 = std::min(fit.x0, s.x0), fit.x1 = std::max(fit.x1, s.x1);
                if (anyTall && !tall(i))
                    continue;
                const double w = s.length + 1e-6;
                sw += w, sx += w * s.cx, sy += w * s.mid;
                sxx += w * s.cx * s.cx, sxy += w * s.cx * s.mid;
            }
            // A slope only for a line long enough to show one.
            const double var = sxx / sw - (sx / sw) * (sx / sw);
            if (fit.x1 - fit.x0 > kSlopeWidth * m_xh && var > 1e-12) {
                const double cov = sxy / sw - (sx / sw) * (sy / sw);
                fit.b = float(std::clamp(cov / var, double(-kMaxSlope), double(kMaxSlope)));
            }
            std::vector<std::pair<float, float>> residuals;
            for (int i : members) {
                const StrokeInfo& s = m_info[std::size_t(i)];
                if (!anyTall || tall(i))
                    residuals.emplace_back(s.mid - fit.b * s.cx, s.length + 1e-6f);
            }
            fit.a = weightedMedian(residuals);
            m_fits[l] = fit;
        }
    }

    float cost(int i, const Fit& fit) const
    {
        const StrokeInfo& s = m_info[std::size_t(i)];
        const float dy = (s.mid - fit.at(s.cx)) / m_xh;
        const float gap = std::max({0.f, fit.x0 - s.x1, s.x0 - fit.x1}) / m_xh;
        return (dy < 0 ? -kUpwardCost * dy : dy) + kGapCost * gap;
    }

    // Every stroke to its nearest line; true when a stroke moved.
    bool assign()
    {
        bool moved = false;
        std::vector<int> next = m_line;
        for (int i : m_order) {
            int best = m_line[std::size_t(i)];
            float bestCost = best >= 0 ? cost(i, m_fits[std::size_t(best)]) : 1e30f;
            for (std::size_t l = 0; l < m_fits.size(); ++l) {
                const float c = cost(i, m_fits[l]);
                if (c < bestCost - 1e-4f)
                    best = int(l), bestCost = c;
            }
            moved = moved || best != m_line[std::size_t(i)];
            next[std::size_t(i)] = best;
        }
        m_line = std::move(next);
        dropEmpty();
        return moved;
    }

    // Two lines whose centre lines come within kMerge of each other (over their common
    // x-range, or at their nearest ends) become one; true when two did.
    bool mergeClose()
    {
        for (std::size_t p = 0; p < m_fits.size(); ++p)
            for (std::size_t q = p + 1; q < m_fits.size(); ++q) {
                const Fit& f = m_fits[p];
                const Fit& g = m_fits[q];
                const float lo = std::max(f.x0, g.x0), hi = std::min(f.x1, g.x1);
                const float x = 0.5f * (lo + hi);  // without overlap: between their ends
                if (std::abs(f.at(x) - g.at(x)) < kMerge * m_xh) {
                    for (int& l : m_line)
                        if (l == int(q))
                            l = int(p);
                    dropEmpty();
                    return true;
                }
            }
        return false;
    }

    void dropEmpty()
    {
        std::vector<int> count(m_fits.size(), 0), tallCount(m_fits.size(), 0);
        for (std::size_t i = 0; i < m_line.size(); ++i)
            if (m_line[i] >= 0) {
                ++count[std::size_t(m_line[i])];
                if (tall(int(i)))
                    ++tallCount[std::size_t(m_line[i])];
            }
        // A line of low strokes only (dots that went astray), or with too little ink to be
        // a line of writing (an accent, an apostrophe, a flourish), is no line: its strokes
        // go to the nearest line that has letters.
        std::vector<float> ink(m_fits.size(), 0.f);
        for (std::size_t i = 0; i < m_line.size(); ++i)
            if (m_line[i] >= 0)
                ink[std::size_t(m_line[i])] += m_info[i].length;
        const float most = *std::max_element(ink.begin(), ink.end());
        for (std::size_t l = 0; l < m_fits.size(); ++l)
            if (ink[l] < std::min(kMinLineInk * m_xh, kMinLineShare * most))
                tallCount[l] = 0;
        const bool anyTallLine = std::any_of(tallCount.begin(), tallCount.end(),
                                             [](int c) { return c > 0; });
        std::vector<int> renumber(m_fits.size(), -1);
        std::vector<Fit> kept;
        for (std::size_t l = 0; l < m_fits.size(); ++l)
            if (count[l] > 0 && (tallCount[l] > 0 || !anyTallLine)) {
                renumber[l] = int(kept.size());
                kept.push_back(m_fits[l]);
            }
        if (kept.size() == m_fits.size())
            return;
        for (std::size_t i = 0; i < m_line.size(); ++i) {
            if (m_line[i] < 0)
                continue;
            int l = renumber[std::size_t(m_line[i])];
            if (l < 0) {  // its line is gone: the nearest kept one
                float bestCost = 1e30f;
                for (std::size_t k = 0; k < kept.size(); ++k)
                    if (const float c = cost(int(i), kept[k]); c < bestCost)
                        bestCost = c, l = int(k);
            }
            m_line[i] = l;
        }
        m_fits = std::move(kept);
    }

    std::vector<StrokeInfo> m_info;
    std::vector<int> m_order;  // the strokes with points, in writing order
    float m_xh = 1;
    std::vector<int> m_line;  // per stroke: its line, -1 for a stroke without points
    std::vector<Fit> m_fits;
};

InkLine makeLine(const Ink& ink, std::vector<int> strokes)
{
    InkLine line;
    line.strokes = std::move(strokes);
    line.box = subset(ink, line.strokes).bounds();
    return line;
}

}  // namespace

std::vector<InkLine> splitInkLines(const Ink& ink)
{
    if (ink.empty())
        return {};
    std::vector<StrokeInfo> info;
    std::vector<int> order;  // strokes with points, in the order they were written (stored)
    for (std::size_t i = 0; i < ink.strokes.size(); ++i) {
        info.push_back(describe(ink.strokes[i]));
        if (info.back().valid)
            order.push_back(int(i));
    }

    const cv::Rect2f box = ink.bounds();
    const float floor = std::max({box.width, box.height, 1e-6f}) * 1e-4f;
    float xh = std::max(firstXHeight(ink, info, order), floor);
    Grouping grouping(info, order);
    std::vector<std::vector<int>> lines = grouping.group(xh);
    // Again with the lines' own x-height (the median of inkXHeight per line), until it
    // holds: a first guess too small splits lines into pieces, whose x-heights are right.
    for (int round = 0; round < 3; ++round) {
        std::vector<float> heights;
        for (const auto& l : lines) {
            const Band band = inkXHeight(subset(ink, l));
            if (!band.empty())
                heights.push_back(band.height());
        }
        const float refined = std::max(medianOf(heights), floor);
        if (heights.empty() || std::abs(refined - xh) <= 0.1f * xh)
            break;
        xh = refined;
        lines = grouping.group(xh);
    }

    // Top to bottom: each centre line at the paragraph's middle (within the line's range).
    const std::vector<Fit>& fits = grouping.fits();
    const float middle = box.x + box.width / 2;
    std::vector<int> rank(lines.size());
    std::iota(rank.begin(), rank.end(), 0);
    std::stable_sort(rank.begin(), rank.end(), [&](int p, int q) {
        return fits[std::size_t(p)].at(middle) < fits[std::size_t(q)].at(middle);
    });
    // A stroke without points goes with the stroke written before it.
    std::vector<int> lineOf(ink.strokes.size(), -1);
    for (std::size_t l = 0; l < lines.size(); ++l)
        for (int i : lines[l])
            lineOf[std::size_t(i)] = int(l);
    std::vector<std::vector<int>> all(lines.size());
    int previous = lineOf[std::size_t(order.front())];
    for (std::size_t i = 0; i < ink.strokes.size(); ++i) {
        previous = lineOf[i] >= 0 ? lineOf[i] : previous;
        all[std::size_t(previous)].push_back(int(i));
    }
    std::vector<InkLine> out;
    for (int l : rank)
        if (!all[std::size_t(l)].empty())
            out.push_back(makeLine(ink, all[std::size_t(l)]));
    return out;
}

Ink lineInk(const Ink& ink, const InkLine& line)
{
    Ink out;
    for (int i : line.strokes)
        out.strokes.push_back(ink.strokes.at(static_cast<std::size_t>(i)));
    return out;
}

}  // namespace inklens::imaging
