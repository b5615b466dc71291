#include "imaging/line_detection.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace inklens::imaging {

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

// The value below which half the weight lies; pairs (value, weight).
double weightedMedian(std::vector<std::pair<double, double>> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    double total = 0;
    for (const auto& [value, weight] : v)
        total += weight;
    double acc = 0;
    for (const auto& [value, weight] : v)
        if ((acc += weight) >= 0.5 * total)
            return value;
    return v.back().first;
}

struct Components
{
    cv::Mat labels;  // CV_32S
    cv::Mat stats;   // CC_STAT_*
    int count = 0;
    int left(int i) const { return stats.at<int>(i, cv::CC_STAT_LEFT); }
    int top(int i) const { return stats.at<int>(i, cv::CC_STAT_TOP); }
    int width(int i) const { return stats.at<int>(i, cv::CC_STAT_WIDTH); }
    int height(int i) const { return stats.at<int>(i, cv::CC_STAT_HEIGHT); }
    int area(int i) const { return stats.at<int>(i, cv::CC_STAT_AREA); }
};

Components components(const cv::Mat& ink)
{
    Components c;
    cv::Mat centroids;
    c.count = cv::connectedComponentsWithStats(ink, c.labels, c.stats, centroids, 8, CV_32S);
    return c;
}

// The lag (in [minLag, maxLag]) where the autocorrelation of the centred profile peaks
// first at nearly its highest: the period of the lines.
double profilePeriod(const std::vector<double>& profile, int minLag, int maxLag)
{
    const int n = static_cast<int>(profile.size());
    maxLag = std::min(maxLag, n / 2);
    if (maxLag <= minLag)
        return 0;
    const double mean = std::accumulate(profile.begin(), profile.end(), 0.0) / n;
    std::vector<double> centred(profile.size());
    for (int i = 0; i < n; ++i)
        centred[std::size_t(i)] = profile[std::size_t(i)] - mean;
    std::vector<double> r(std::size_t(maxLag + 1), 0.0);
    for (int lag = minLag; lag <= maxLag; ++lag) {
        double s = 0;
        for (int i = 0; i + lag < n; ++i)
            s += centred[std::size_t(i)] * centred[std::size_t(i + lag)];
        r[std::size_t(lag)] = s / (n - lag);
    }
    const double best = *std::max_element(r.begin() + minLag, r.end());
    if (best <= 0)
        return 0;
    // The first peak (highest within +-3 lags) at half the highest or more.
    for (int lag = minLag + 1; lag < maxLag; ++lag) {
        const double v = r[std::size_t(lag)];
        if (v < 0.5 * best)
            continue;
        bool peak = true;
        for (int d = -3; d <= 3 && peak; ++d)
            if (lag + d >= minLag && lag + d <= maxLag && r[std::size_t(lag + d)] > v)
                peak = false;
        if (peak)
            return lag;
    }
    return static_cast<double>(std::max_element(r.begin() + minLag, r.end()) - r.begin());
}

// A line being tracked along the ridges, in coarse columns.
struct Track
{
    int x0 = 0;                   // first column
    std::vector<float> y;         // ridge row per column from x0 (interpolated in gaps)
    std::vector<float> strength;  // density at the ridge (0 in gaps)
    int x1() const { return x0 + static_cast<int>(y.size()) - 1; }
    double total() const { return std::accumulate(strength.begin(), strength.end(), 0.0); }
    float at(int x) const
    {
        const int i = std::clamp(x - x0, 0, static_cast<int>(y.size()) - 1);
        return y[std::size_t(i)];
    }
    void extendTo(int x, float row, float s)
    {
        const int last = x1();
        const float from = y.back();
        for (int k = last + 1; k < x; ++k) {
            y.push_back(from + (row - from) * float(k - last) / float(x - last));
            strength.push_back(0);
        }
        y.push_back(row);
        strength.push_back(s);
    }
};

// Local maxima of one column of the density, at least `minValue`, none within `radius`
// rows of a stronger one.
std::vector<int> columnPeaks(const cv::Mat& density, int x, float minValue, int radius)
{
    std::vector<int> peaks;
    const int rows = density.rows;
    for (int y = 1; y + 1 < rows; ++y) {
        const float v = density.at<float>(y, x);
        if (v < minValue || v < density.at<float>(y - 1, x) || v <= density.at<float>(y + 1, x))
            continue;
        bool best = true;
        for (int d = -radius; d <= radius && best; ++d) {
            const int yy = y + d;
            if (d != 0 && yy >= 0 && yy < rows && density.at<float>(yy, x) > v)
                best = false;
        }
        if (best)
            peaks.push_back(y);
    }
    return peaks;
}

// Follows the ridges column by column: each track goes on to the peak nearest to where
// it is heading (its row moved on by its slope over the last `window` columns, at most
// 0.15: lines rise or fall a little), within `tolerance`; a peak no track takes starts one.
std::vector<Track> trackRidges(const cv::Mat& density, float minValue, int radius, float tolerance,
                               int maxGap, int window)
{
    const auto heading = [window](const Track& t, int x) {
        const int n = static_cast<int>(t.y.size());
        const int k = std::min(n - 1, window);
        const float slope =
            k > 0 ? std::clamp((t.y.back() - t.y[std::size_t(n - 1 - k)]) / float(k), -0.15f, 0.15f)
                  : 0.0f;
        return t.y.back() + slope * float(x - t.x1());
    };
    std::vector<Track> done, active;
    for (int x = 0; x < density.cols; ++x) {
        const std::vector<int> peaks = columnPeaks(density, x, minValue, radius);
        // Greedy matching, closest pairs first.
        struct Pair
        {
            float distance;
            std::size_t track, peak;
        };
        std::vector<Pair> pairs;
        for (std::size_t t = 0; t < active.size(); ++t)
            for (std::size_t p = 0; p < peaks.size(); ++p) {
                const float d = std::abs(heading(active[t], x) - float(peaks[p]));
                if (d <= tolerance)
                    pairs.push_back({d, t, p});
            }
        std::sort(pairs.begin(), pairs.end(),
                  [](const Pair& a, const Pair& b) { return a.distance < b.distance; });
        std::vector<bool> trackUsed(active.size()), peakUsed(peaks.size());
        for (const Pair& pair : pairs) {
            if (trackUsed[pair.track] || peakUsed[pair.peak])
                continue;
            trackUsed[pair.track] = peakUsed[pair.peak] = true;
            const int row = peaks[pair.peak];
            active[pair.track].extendTo(x, float(row), density.at<float>(row, x));
        }
        for (std::size_t p = 0; p < peaks.size(); ++p)
            if (!peakUsed[p]) {
                Track t;
                t.x0 = x;
                t.y = {float(peaks[p])};
                t.strength = {density.at<float>(peaks[p], x)};
                active.push_back(std::move(t));
                trackUsed.push_back(true);
            }
        // Tracks not seen for maxGap columns end.
        std::vector<Track> still;
        for (Track& t : active) {
            if (x - t.x1() > maxGap)
                done.push_back(std::move(t));
            else
                still.push_back(std::move(t));
        }
        active = std::move(still);
    }
    for (Track& t : active)
        done.push_back(std::move(t));
    return done;
}

// The union of two tracks of one line: where both run, the stronger one's row; in a gap
// between them, the rows interpolated.
Track unite(const Track& a, const Track& b)
{
    Track out;
    out.x0 = std::min(a.x0, b.x0);
    const int x1 = std::max(a.x1(), b.x1());
    const auto inside = [](const Track& t, int x) { return x >= t.x0 && x <= t.x1(); };
    for (int x = out.x0; x <= x1; ++x) {
        const bool inA = inside(a, x), inB = inside(b, x);
        if (inA && inB) {
            const float sa = a.strength[std::size_t(x - a.x0)],
                        sb = b.strength[std::size_t(x - b.x0)];
            const Track& t = sa >= sb ? a : b;
            out.y.push_back(t.y[std::size_t(x - t.x0)]);
            out.strength.push_back(std::max(sa, sb));
        } else if (inA || inB) {
            const Track& t = inA ? a : b;
            out.y.push_back(t.y[std::size_t(x - t.x0)]);
            out.strength.push_back(t.strength[std::size_t(x - t.x0)]);
        } else {  // the gap: from the one that ended to the one that starts
            const Track& left = a.x1() < x ? a : b;
            const Track& right = a.x1() < x ? b : a;
            const float t = float(x - left.x1()) / float(right.x0 - left.x1());
            out.y.push_back(left.y.back() + t * (right.y.front() - left.y.back()));
            out.strength.push_back(0);
        }
    }
    return out;
}

// Whether two tracks run along one line: where they overlap, a mean distance under
// `sameLine`; where they do not, a gap of at most maxGap columns with ends at most
// `tolerance` rows apart.
bool sameLine(const Track& a, const Track& b, int maxGap, float tolerance, float sameRow)
{
    const int from = std::max(a.x0, b.x0), to = std::min(a.x1(), b.x1());
    if (to >= from) {
        double d = 0;
        for (int x = from; x <= to; ++x)
            d += std::abs(a.at(x) - b.at(x));
        return d / (to - from + 1) < sameRow;
    }
    const Track& left = a.x1() < b.x0 ? a : b;
    const Track& right = a.x1() < b.x0 ? b : a;
    return right.x0 - left.x1() <= maxGap && std::abs(right.y.front() - left.y.back()) <= tolerance;
}

// Joins the tracks of one line (pieces across gaps between words, pieces that overlap where
// the ridge wavered), strongest first.
std::vector<Track> joinTracks(std::vector<Track> tracks, int maxGap, float tolerance, float sameRow)
{
    std::sort(tracks.begin(), tracks.end(),
              [](const Track& a, const Track& b) { return a.total() > b.total(); });
    bool joined = true;
    while (joined) {
        joined = false;
        for (std::size_t a = 0; a < tracks.size() && !joined; ++a)
            for (std::size_t b = a + 1; b < tracks.size() && !joined; ++b)
                if (sameLine(tracks[a], tracks[b], maxGap, tolerance, sameRow)) {
                    tracks[a] = unite(tracks[a], tracks[b]);
                    tracks.erase(tracks.begin() + static_cast<std::ptrdiff_t>(b));
                    joined = true;
                }
    }
    return tracks;
}

// A component of a line: its box and its pixels.
struct Piece
{
    cv::Rect box;
    int area = 0;
};

// How much of a line's ink is typeset: separate letters (components about one letter's
// height, no wider than a letter or two) standing with their feet on one straight line to
// within a pixel or two. Type sits on its baseline exactly; a hand, even one that writes
// letters apart, misses it by more, and a cursive hand joins letters into words. The share
// of the line's ink in letters whose foot lies on the fitted line (0 with fewer than 6).
// (Type whose letters touch at the analysis resolution, a small serif face, escapes.)
double typesetShare(const std::vector<Piece>& pieces)
{
    if (pieces.size() < 6)
        return 0;
    std::vector<double> heights;
    double total = 0;
    for (const Piece& p : pieces)
        heights.push_back(p.box.height), total += p.area;
    const double m = median(heights);
    std::vector<const Piece*> letters;
    for (const Piece& p : pieces)
        if (p.box.height >= 0.6 * m && p.box.height <= 1.6 * m && p.box.width <= 1.5 * m)
            letters.push_back(&p);
    if (letters.size() < 6)
        return 0;
    // The feet's line, least squares, refitted without the feet more than 0.15 m off
    // (descenders, commas).
    const auto foot = [](const Piece* p) {
        return cv::Point2d(p->box.x + 0.5 * p->box.width, p->box.y + p->box.height);
    };
    double slope = 0, intercept = 0;
    std::vector<bool> use(letters.size(), true);
    for (int pass = 0; pass < 3; ++pass) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (std::size_t i = 0; i < letters.size(); ++i)
            if (use[i]) {
                const cv::Point2d f = foot(letters[i]);
                n += 1, sx += f.x, sy += f.y, sxx += f.x * f.x, sxy += f.x * f.y;
            }
        if (n < 3)
            return 0;
        const double d = n * sxx - sx * sx;
        slope = d > 1e-9 ? (n * sxy - sx * sy) / d : 0;
        intercept = (sy - slope * sx) / n;
        for (std::size_t i = 0; i < letters.size(); ++i) {
            const cv::Point2d f = foot(letters[i]);
            use[i] = std::abs(f.y - (intercept + slope * f.x)) <= 0.15 * m;
        }
    }
    const double tolerance = std::max(1.0, 0.05 * m);
    double aligned = 0;
    int count = 0;
    for (const Piece* p : letters) {
        const cv::Point2d f = foot(p);
        if (std::abs(f.y - (intercept + slope * f.x)) <= tolerance)
            aligned += p->area, ++count;
    }
    return count >= 6 ? aligned / std::max(1.0, total) : 0;
}

// How many separate pieces of ink a line's pixels make, per component height `h` of its
// length. Writing joins its strokes into letters and words: one to three pieces per letter
// height with dots and accents (the 20 Copiste and Testaments pages: at most 5.2). An
// engraving (a revenue stamp's figure, a seal) falls apart into hatching and stipple.
double fragmentsPerHeight(const std::vector<cv::Point>& px, double h)
{
    if (px.empty())
        return 0;
    const cv::Rect box = cv::boundingRect(px);
    cv::Mat mask = cv::Mat::zeros(box.size(), CV_8U), labels;
    for (const cv::Point& p : px)
        mask.at<uchar>(p - box.tl()) = 255;
    const int pieces = cv::connectedComponents(mask, labels, 8, CV_32S) - 1;
    return pieces * h / std::max(h, double(box.width));
}

// A line's pixels without the dust strung beyond its ends (the grain of a table or a dark
// strip beside the page, specks on the glass, a rule's dotted remnant): its ink in groups of
// columns half a component height or more apart (about a gap between words); from each end,
// a group that is dust is dropped and the next one looked at, as long as three component
// heights of stroke remain. Measured on the 20 pages: the outlines' ends come to the ground
// truth's (a Copiste line 2277 -> 2164 against 2168), no line lost.
void trimDust(std::vector<cv::Point>& px, double h, double stroke)
{
    if (px.empty())
        return;
    const auto [lo, hi] = std::minmax_element(
        px.begin(), px.end(), [](const cv::Point& a, const cv::Point& b) { return a.x < b.x; });
    const int x0 = lo->x, x1 = hi->x;
    std::vector<int> columns(std::size_t(x1 - x0 + 1), 0);
    for (const cv::Point& p : px)
        ++columns[std::size_t(p.x - x0)];
    // Groups of columns with ink, split at gaps of half a component height or more.
    struct Group
    {
        int from, to;
        double ink;
    };
    std::vector<Group> groups;
    const int gap = std::max(1, static_cast<int>(std::lround(0.5 * h)));
    int lastInk = -gap - 1;
    for (int x = 0; x <= x1 - x0; ++x) {
        if (!columns[std::size_t(x)])
            continue;
        if (groups.empty() || x - lastInk > gap)
            groups.push_back({x, x, 0.0});
        groups.back().to = x;
        groups.back().ink += columns[std::size_t(x)];
        lastInk = x;
    }
    // Dust: at least half a component height wide, its ink thinly strewn over its columns in
    // every stretch of half a component height; writing crosses its columns with a stroke or
    // more where its letters are (a word beside a rule's remnant too).
    const int window = std::max(1, static_cast<int>(std::lround(0.5 * h)));
    const auto dust = [&](const Group& g) {
        const int width = g.to - g.from + 1, w = window;
        if (width < w)
            return false;  // one mark, not strewn ones
        double sum = 0, densest = 0;
        for (int x = g.from; x <= g.to; ++x) {
            sum += columns[std::size_t(x)];
            if (x - w >= g.from)
                sum -= columns[std::size_t(x - w)];
            if (x - g.from + 1 >= w)
                densest = std::max(densest, sum / w);
        }
        return densest < 0.8 * stroke;
    };
    // A speck: under half a component height of stroke. One beside the writing (a full
    // stop, a comma, an accent; a Copiste full stop stood 1.2 component heights off its word)
    // stays; one 1.5 component heights or more from the next group inwards, or before more
    // specks or dust, is dust too.
    const auto speck = [&](const Group& g) { return g.ink < 0.5 * h * stroke; };
    const auto drop = [&](const Group& g, const Group& next) {
        const int apart = std::max(next.from - g.to, g.from - next.to);
        return dust(g) || (speck(g) && (apart >= 1.5 * h || speck(next) || dust(next)));
    };
    double total = double(px.size());
    std::size_t first = 0, last = groups.size();
    while (last - first > 1) {
        if (drop(groups[first], groups[first + 1]) && total - groups[first].ink >= 3 * h * stroke) {
            total -= groups[first++].ink;
        } else if (drop(groups[last - 1], groups[last - 2])
                   && total - groups[last - 1].ink >= 3 * h * stroke) {
            total -= groups[--last].ink;
        } else {
            break;
        }
    }
    if (first == 0 && last == groups.size())
        return;
    const int keepFrom = x0 + groups[first].from, keepTo = x0 + groups[last - 1].to;
    std::erase_if(px, [&](const cv::Point& p) { return p.x < keepFrom || p.x > keepTo; });
}

}  // namespace

TextScale estimateTextScale(const cv::Mat& ink)
{
    TextScale scale;
    const Components c = components(ink);
    // Ink-weighted median height: the height most of the ink is written at (specks and
    // dots count for little however many there are).
    std::vector<std::pair<double, double>> heights;  // (height, pixels)
    for (int i = 1; i < c.count; ++i) {
        const bool border = c.left(i) <= 1 || c.top(i) <= 1
                            || c.left(i) + c.width(i) >= ink.cols - 1
                            || c.top(i) + c.height(i) >= ink.rows - 1;
        // Not most of the picture's height or a third of its width (a frame, a margin's
        // rule); a picture of one line has letters half its height.
        if (c.area(i) >= 6 && c.height(i) >= 3 && c.height(i) < 0.9 * ink.rows
            && c.width(i) < ink.cols / 3 && !border)
            heights.emplace_back(c.height(i), c.area(i));
    }
    scale.height = std::max(4.0, weightedMedian(heights));
    // Stroke width: the median length of the horizontal runs of ink.
    {
        std::vector<long> runs(64, 0);
        for (int y = 0; y < ink.rows; y += 2) {
            const uchar* row = ink.ptr<uchar>(y);
            int run = 0;
            for (int x = 0; x <= ink.cols; ++x) {
                if (x < ink.cols && row[x]) {
                    ++run;
                } else if (run) {
                    ++runs[std::size_t(std::min(run, 63))];
                    run = 0;
                }
            }
        }
        const long count = std::accumulate(runs.begin(), runs.end(), 0L);
        long acc = 0;
        scale.stroke = 1;
        for (int r = 1; r < 64 && count; ++r)
            if ((acc += runs[std::size_t(r)]) >= count / 2) {
                scale.stroke = r;
                break;
            }
    }
    // Row profile autocorrelation in vertical strips, of the writing at the page's scale
    // (components at least half the height: no print, dots or specks); the median period.
    cv::Mat lut(1, c.count, CV_8U, cv::Scalar(0));
    for (int i = 1; i < c.count; ++i)
        if (c.height(i) >= 0.5 * scale.height && c.height(i) < 0.9 * ink.rows)
            lut.at<uchar>(i) = 255;
    cv::Mat writing(ink.size(), CV_8U);
    for (int y = 0; y < ink.rows; ++y) {
        const int* l = c.labels.ptr<int>(y);
        uchar* o = writing.ptr<uchar>(y);
        for (int x = 0; x < ink.cols; ++x)
            o[x] = lut.at<uchar>(l[x]);
    }
    std::vector<double> periods;
    constexpr int strips = 4;
    for (int s = 0; s < strips; ++s) {
        const cv::Range cols(ink.cols * s / strips, ink.cols * (s + 1) / strips);
        cv::Mat rows;
        cv::reduce(writing.colRange(cols), rows, 1, cv::REDUCE_SUM, CV_64F);
        std::vector<double> profile(rows.begin<double>(), rows.end<double>());
        if (std::accumulate(profile.begin(), profile.end(), 0.0) < 255.0 * 20 * scale.height)
            continue;
        const double p = profilePeriod(profile, static_cast<int>(0.7 * scale.height),
                                       static_cast<int>(8 * scale.height));
        if (p > 0)
            periods.push_back(p);
    }
    scale.spacing = periods.empty() ? 2.5 * scale.height : median(periods);
    scale.spacing = std::clamp(scale.spacing, 0.8 * scale.height, 5.0 * scale.height);
    return scale;
}

std::vector<DetectedLine> detectLines(const cv::Mat& ink, const TextScale& scale)
{
    CV_Assert(ink.type() == CV_8UC1);
    const double h = scale.height, spacing = scale.spacing;
    const Components c = components(ink);

    // What each component is: nothing (the page's edge, single pixels), a speck (a dot, an
    // accent: assigned, but no weight in finding lines), writing, or a large nearly empty
    // one (a frame drawn around the text, a flourish, a long stroke) that often touches the
    // writing: it counts in the density, but only its pixels close to a line's centre and
    // within that line's writing are kept.
    enum Kind : uchar { None, Speck, Writing, Large };
    std::vector<Kind> kind(std::size_t(c.count), None);
    const double minArea = std::max(4.0, 0.01 * h * h);
    // Along the picture's edge (the page's edge, a scanner's border): not writing.
    const auto edge = [&](int i) {
        const int x0 = c.left(i), y0 = c.top(i), x1 = x0 + c.width(i), y1 = y0 + c.height(i);
        return (x0 <= 1 || x1 >= ink.cols - 1 || y0 <= 1 || y1 >= ink.rows - 1)
               && std::max(c.width(i), c.height(i)) > 0.5 * h;
    };
    for (int i = 1; i < c.count; ++i) {
        const double w = c.width(i), hh = c.height(i), a = c.area(i);
        const bool large = (hh > 2.5 * spacing && w > 2.5 * spacing && a / (w * hh) < 0.08)
                           || (hh > 2.5 * spacing && w < 0.3 * hh)
                           // the ink's length (area / stroke width) hardly more than
                           // the box's longer side: a line, not letters
                           || (std::max(w, hh) > 4 * h && a / scale.stroke < 2 * std::max(w, hh));
        kind[std::size_t(i)] = a < 2 || edge(i) ? None
                               : large          ? Large
                               : a < minArea    ? Speck
                                                : Writing;
    }
    cv::Mat lut(1, c.count, CV_8U);
    for (int i = 0; i < c.count; ++i)
        lut.at<uchar>(i) = kind[std::size_t(i)] == Writing || kind[std::size_t(i)] == Large ? 255
                                                                                            : 0;
    cv::Mat textInk(ink.size(), CV_8U);
    for (int y = 0; y < ink.rows; ++y) {
        const int* l = c.labels.ptr<int>(y);
        uchar* o = textInk.ptr<uchar>(y);
        for (int x = 0; x < ink.cols; ++x)
            o[x] = lut.at<uchar>(l[x]);
    }

    // Density at a coarse grid (about 4 cells per component height), smoothed along the
    // line far more than across it.
    const double cell = std::max(1.0, h / 4.0);
    cv::Mat density;
    cv::Mat inkF;
    textInk.convertTo(inkF, CV_32F, 1.0 / 255.0);
    cv::resize(
        inkF, density,
        cv::Size(std::max(1, cvRound(ink.cols / cell)), std::max(1, cvRound(ink.rows / cell))), 0,
        0, cv::INTER_AREA);
    const double sx = 1.5 * h / cell, sy = 0.25 * spacing / cell;
    cv::GaussianBlur(density, density, cv::Size(0, 0), sx, sy, cv::BORDER_CONSTANT);
    std::vector<double> colMax;
    for (int x = 0; x < density.cols; ++x) {
        double m = 0;
        cv::minMaxLoc(density.col(x), nullptr, &m);
        if (m > 0)
            colMax.push_back(m);
    }
    if (colMax.empty())
        return {};
    std::sort(colMax.begin(), colMax.end());
    const double strong = colMax[colMax.size() * 9 / 10];
    const float minValue = static_cast<float>(std::max(0.12 * strong, 1e-3));
    const int radius = std::max(1, static_cast<int>(0.3 * spacing / cell));
    const float tolerance = static_cast<float>(std::max(1.0, 0.3 * spacing / cell));
    std::vector<Track> tracks = trackRidges(density, minValue, radius, tolerance,
                                            static_cast<int>(1.0 * h / cell) + 1,
                                            static_cast<int>(3 * h / cell) + 1);
    tracks = joinTracks(std::move(tracks), static_cast<int>(4 * h / cell), tolerance,
                        static_cast<float>(0.35 * spacing / cell));
    // Long enough to be writing (a short word is a couple of component heights).
    std::vector<Track> lines;
    for (Track& t : tracks)
        if (double(t.y.size()) * cell >= 1.2 * h)
            lines.push_back(std::move(t));
    if (lines.empty())
        return {};
    // Top to bottom by their mean row.
    const auto meanRow = [](const Track& t) {
        return std::accumulate(t.y.begin(), t.y.end(), 0.0) / double(t.y.size());
    };
    std::sort(lines.begin(), lines.end(),
              [&](const Track& a, const Track& b) { return meanRow(a) < meanRow(b); });
    const int n = static_cast<int>(lines.size());
    const auto centreAt = [&](int line, double x) {
        return (double(lines[std::size_t(line)].at(static_cast<int>(x / cell))) + 0.5) * cell;
    };
    const auto covers = [&](int line, double x, double margin) {
        const Track& t = lines[std::size_t(line)];
        return x >= t.x0 * cell - margin && x <= (t.x1() + 1) * cell + margin;
    };

    // Assign the components: each to the line whose centre is nearest to its middle; one
    // that reaches across the centres of two lines or more is split between them.
    std::vector<std::vector<cv::Point>> pixels{std::size_t(n)};
    std::vector<std::vector<std::pair<double, double>>> heights{
        std::size_t(n)};                                      // (height, pixels)
    std::vector<std::vector<Piece>> letters{std::size_t(n)};  // components wholly in a line
    std::vector<int> candidates;
    for (int i = 1; i < c.count; ++i) {
        if (kind[std::size_t(i)] != Writing && kind[std::size_t(i)] != Speck)
            continue;
        const cv::Rect box(c.left(i), c.top(i), c.width(i), c.height(i));
        const double cx = box.x + 0.5 * box.width, cy = box.y + 0.5 * box.height;
        candidates.clear();
        int nearest = -1;
        double best = std::numeric_limits<double>::max();
        for (int l = 0; l < n; ++l) {
            if (!covers(l, cx, 0.5 * box.width + h))
                continue;
            const double y = centreAt(l, cx);
            if (y > box.y + 0.2 * h && y < box.br().y - 0.2 * h)
                candidates.push_back(l);
            const double d = std::abs(y - cy);
            if (d < best)
                best = d, nearest = l;
        }
        if (nearest < 0 || best > 1.2 * spacing)
            continue;  // far from every line: not part of the text
        if (candidates.size() < 2) {
            if (kind[std::size_t(i)] == Writing) {
                heights[std::size_t(nearest)].emplace_back(box.height, c.area(i));
                letters[std::size_t(nearest)].push_back({box, c.area(i)});
            }
            for (int y = box.y; y < box.br().y; ++y) {
                const int* l = c.labels.ptr<int>(y);
                for (int x = box.x; x < box.br().x; ++x)
                    if (l[x] == i)
                        pixels[std::size_t(nearest)].emplace_back(x, y);
            }
            continue;
        }
        // Split: each pixel to the line it lies in, cut a little below the middle between
        // centres (descenders are longer than the space above the next line's x-band).
        for (int y = box.y; y < box.br().y; ++y) {
            const int* l = c.labels.ptr<int>(y);
            for (int x = box.x; x < box.br().x; ++x) {
                if (l[x] != i)
                    continue;
                int line = candidates.front();
                for (std::size_t k = 0; k + 1 < candidates.size(); ++k) {
                    const double upper = centreAt(candidates[k], x),
                                 lower = centreAt(candidates[k + 1], x);
                    if (y > upper + 0.55 * (lower - upper))
                        line = candidates[k + 1];
                }
                if (y > centreAt(candidates.back(), x) + 0.55 * spacing
                    || y < centreAt(candidates.front(), x) - 0.55 * spacing)
                    continue;
                pixels[std::size_t(line)].emplace_back(x, y);
            }
        }
        for (int l : candidates)
            heights[std::size_t(l)].emplace_back(std::min(double(box.height), spacing),
                                                 c.area(i) / double(candidates.size()));
    }

    // The large components' pixels near a line's centre, within its writing.
    std::vector<std::pair<double, double>> extent(std::size_t(n), {1e18, -1e18});
    for (int l = 0; l < n; ++l)
        for (const cv::Point& p : pixels[std::size_t(l)])
            extent[std::size_t(l)].first = std::min(extent[std::size_t(l)].first, double(p.x)),
            extent[std::size_t(l)].second = std::max(extent[std::size_t(l)].second, double(p.x));
    for (int i = 1; i < c.count; ++i) {
        if (kind[std::size_t(i)] != Large)
            continue;
        const cv::Rect box(c.left(i), c.top(i), c.width(i), c.height(i));
        for (int y = box.y; y < box.br().y; ++y) {
            const int* lab = c.labels.ptr<int>(y);
            for (int x = box.x; x < box.br().x; ++x) {
                if (lab[x] != i)
                    continue;
                for (int l = 0; l < n; ++l) {
                    const auto [x0, x1] = extent[std::size_t(l)];
                    if (x >= x0 - 0.5 * h && x <= x1 + 0.5 * h
                        && std::abs(y - centreAt(l, x)) <= 0.6 * h) {
                        pixels[std::size_t(l)].emplace_back(x, y);
                        break;
                    }
                }
            }
        }
    }

    // Vertical gutters (between a column of text and its margin notes, between columns):
    // the ink smoothed far along the page's columns and little across them is low there.
    cv::Mat gutters;
    cv::resize(inkF, gutters, density.size(), 0, 0, cv::INTER_AREA);
    cv::GaussianBlur(gutters, gutters, cv::Size(0, 0), std::max(0.5, 0.3 * h / cell),
                     2 * spacing / cell, cv::BORDER_CONSTANT);
    // A line's pixels cut where a gap in its own ink (half a component height or more)
    // meets a gutter (under a quarter of the line's usual column density).
    // Which coarse columns each line has ink in; a gutter runs through the lines above or
    // below too (a gap in their ink at the same place, with ink on both sides of it).
    std::vector<std::vector<uchar>> occupied(std::size_t(n),
                                             std::vector<uchar>(std::size_t(density.cols), 0));
    for (int l = 0; l < n; ++l)
        for (const cv::Point& p : pixels[std::size_t(l)])
            occupied[std::size_t(l)][std::size_t(
                std::clamp(static_cast<int>(p.x / cell), 0, density.cols - 1))] = 1;
    const auto sharedGap = [&](int l, int c, int e) {
        for (int m : {l - 1, l + 1}) {
            if (m < 0 || m >= n
                || std::abs(meanRow(lines[std::size_t(m)]) - meanRow(lines[std::size_t(l)])) * cell
                       > 1.5 * spacing)
                continue;
            const std::vector<uchar>& o = occupied[std::size_t(m)];
            const bool left = std::any_of(o.begin(), o.begin() + c, [](uchar v) { return v; });
            const bool right = std::any_of(o.begin() + std::min(e, density.cols), o.end(),
                                           [](uchar v) { return v; });
            const bool inside = std::any_of(o.begin() + c, o.begin() + std::min(e, density.cols),
                                            [](uchar v) { return v; });
            if ((left || right) && !inside)
                return true;
        }
        return false;
    };
    const auto splitAtGutters = [&](const std::vector<cv::Point>& px, int l) {
        const int c0 = static_cast<int>(
            std::min_element(px.begin(), px.end(), [](auto& a, auto& b) { return a.x < b.x; })->x
            / cell);
        const int c1 = static_cast<int>(
            std::max_element(px.begin(), px.end(), [](auto& a, auto& b) { return a.x < b.x; })->x
            / cell);
        std::vector<int> own(std::size_t(c1 - c0 + 1), 0);
        for (const cv::Point& p : px)
            ++own[std::size_t(std::clamp(static_cast<int>(p.x / cell), c0, c1) - c0)];
        const auto column = [&](int c) {
            const int row = std::clamp(static_cast<int>(centreAt(l, (c + 0.5) * cell) / cell), 0,
                                       gutters.rows - 1);
            return gutters.at<float>(row, std::clamp(c, 0, gutters.cols - 1));
        };
        std::vector<double> inked;
        for (int c = c0; c <= c1; ++c)
            if (own[std::size_t(c - c0)])
                inked.push_back(column(c));
        const double usual = median(inked);
        std::vector<double> cuts;  // x of the cuts
        const int minGap = std::max(1, static_cast<int>(std::ceil(1.0 * h / cell)));
        // A gap of three component heights or more is no gap between words (about
        // half a component height, a component height or so at the most) whatever the lines
        // around do: two pieces of writing on one row (a short line and a margin note, a
        // date, a stamp beside the text).
        const int wideGap = std::max(minGap + 1, static_cast<int>(std::ceil(3.0 * h / cell)));
        for (int c = c0; c <= c1;) {
            if (own[std::size_t(c - c0)]) {
                ++c;
                continue;
            }
            int e = c;
            float low = std::numeric_limits<float>::max();
            while (e <= c1 && !own[std::size_t(e - c0)])
                low = std::min(low, column(e)), ++e;
            if (c > c0 && e <= c1
                && (e - c >= wideGap
                    || (e - c >= minGap && low < 0.1 * usual && sharedGap(l, c, e))))
                cuts.push_back(0.5 * (c + e) * cell);
            c = e;
        }
        std::vector<std::vector<cv::Point>> pieces(cuts.size() + 1);
        for (const cv::Point& p : px) {
            const auto k = std::size_t(std::upper_bound(cuts.begin(), cuts.end(), double(p.x))
                                       - cuts.begin());
            pieces[k].push_back(p);
        }
        return pieces;
    };

    // Each line's outline from its own pixels, per bin of half a component height.
    std::vector<DetectedLine> out;
    const double bin = std::max(2.0, 0.5 * h);
    const double pad = std::max(2.0, 0.15 * h);
    for (int l = 0; l < n; ++l) {
        double writing = 0;
        for (const auto& [height, weight] : heights[std::size_t(l)])
            writing += weight;
        // Writing: ink at least three component heights long, half of it at least from
        // components of writing (not only pieces of a frame or of a neighbour's strokes).
        if (pixels[std::size_t(l)].empty() || writing / scale.stroke < 1.5 * h)
            continue;
        for (std::vector<cv::Point>& px : splitAtGutters(pixels[std::size_t(l)], l)) {
            trimDust(px, h, scale.stroke);
            const double inkLength = double(px.size()) / scale.stroke;
            if (inkLength < 3 * h)
                continue;
            int xMin = ink.cols, xMax = 0;
            for (const cv::Point& p : px)
                xMin = std::min(xMin, p.x), xMax = std::max(xMax, p.x);
            const int bins = static_cast<int>((xMax - xMin) / bin) + 1;
            std::vector<double> top(std::size_t(bins), std::numeric_limits<double>::max()),
                bottom(std::size_t(bins), std::numeric_limits<double>::lowest());
            // The x-band: where the rows (relative to the centre) hold most ink.
            const int band = static_cast<int>(spacing) + 1;
            std::vector<double> rows(std::size_t(2 * band + 1), 0.0);
            for (const cv::Point& p : px) {
                const auto b = std::size_t((p.x - xMin) / bin);
                top[b] = std::min(top[b], double(p.y));
                bottom[b] = std::max(bottom[b], double(p.y + 1));
                const int r = static_cast<int>(std::lround(p.y - centreAt(l, p.x))) + band;
                if (r >= 0 && r <= 2 * band)
                    rows[std::size_t(r)] += 1;
            }
            // Empty bins (gaps between words): the centre +- half a component height.
            for (int b = 0; b < bins; ++b)
                if (top[std::size_t(b)] > bottom[std::size_t(b)]) {
                    const double y = centreAt(l, xMin + (b + 0.5) * bin);
                    top[std::size_t(b)] = y - 0.5 * h;
                    bottom[std::size_t(b)] = y + 0.5 * h;
                }
            // Smoothed over a fifth of the component height (a rule's remnant or one long
            // stroke makes a spike, not a band).
            {
                const int r = std::max(1, static_cast<int>(0.1 * h));
                std::vector<double> smooth(rows.size(), 0.0);
                for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
                    double sum = 0;
                    for (int d = -r; d <= r; ++d)
                        if (i + d >= 0 && i + d < static_cast<int>(rows.size()))
                            sum += rows[std::size_t(i + d)];
                    smooth[std::size_t(i)] = sum;
                }
                rows = std::move(smooth);
            }
            const double peak = *std::max_element(rows.begin(), rows.end());
            int foot = band;
            while (foot + 1 <= 2 * band && rows[std::size_t(foot + 1)] >= 0.4 * peak)
                ++foot;
            int head = band;
            while (head - 1 >= 0 && rows[std::size_t(head - 1)] >= 0.4 * peak)
                --head;
            // Smoothed: each bin reaches as far as its neighbours (no notches between letters).
            std::vector<cv::Point2f> upper, lower;
            for (int b = 0; b < bins; ++b) {
                double t = top[std::size_t(b)], u = bottom[std::size_t(b)];
                for (int d = -1; d <= 1; ++d) {
                    const int k = b + d;
                    if (k >= 0 && k < bins)
                        t = std::min(t, top[std::size_t(k)]),
                        u = std::max(u, bottom[std::size_t(k)]);
                }
                // No further from the centre than ascenders and descenders reach.
                const double y = centreAt(l, xMin + (b + 0.5) * bin);
                const double reach = std::min(1.1 * h, 0.75 * spacing);
                t = std::max(t, y - reach), u = std::min(u, y + reach);
                const double x0 = b == 0 ? xMin - pad : xMin + b * bin;
                const double x1 = b == bins - 1 ? xMax + 1 + pad : xMin + (b + 1) * bin;
                upper.emplace_back(float(x0), float(t - pad));
                upper.emplace_back(float(x1), float(t - pad));
                lower.emplace_back(float(x0), float(u + pad));
                lower.emplace_back(float(x1), float(u + pad));
            }
            DetectedLine line;
            line.polygon = upper;
            line.polygon.insert(line.polygon.end(), lower.rbegin(), lower.rend());
            const double footOffset = foot - band;
            const int steps = std::max(1, static_cast<int>((xMax - xMin) / (4 * h)));
            for (int s = 0; s <= steps; ++s) {
                const double x = xMin + (xMax - xMin) * double(s) / steps;
                line.baseline.emplace_back(float(x), float(centreAt(l, x) + footOffset));
                line.centre.emplace_back(float(x), float(centreAt(l, x)));
            }
            line.componentHeight = weightedMedian(heights[std::size_t(l)]);
            {
                std::vector<Piece> own;
                for (const Piece& piece : letters[std::size_t(l)]) {
                    const double x = piece.box.x + 0.5 * piece.box.width;
                    if (x >= xMin && x <= xMax)
                        own.push_back(piece);
                }
                line.typeset = typesetShare(own);
            }
            line.xHeight = foot - head + 1;
            line.inkPixels = double(px.size());
            line.fragments = fragmentsPerHeight(px, h);
            out.push_back(std::move(line));
        }
    }
    return out;
}

cv::Mat turnedTextMask(const cv::Mat& ink, const TextScale& scale)
{
    CV_Assert(ink.type() == CV_8UC1);
    const double h = scale.height, spacing = scale.spacing;
    const double cell = std::max(1.0, h / 4.0);
    cv::Mat coarse;
    ink.convertTo(coarse, CV_32F, 1.0 / 255.0);
    cv::resize(
        coarse, coarse,
        cv::Size(std::max(1, cvRound(ink.cols / cell)), std::max(1, cvRound(ink.rows / cell))), 0,
        0, cv::INTER_AREA);
    // Along the rows (wide in x, narrow in y) and along the columns; each one's energy and
    // the ink, averaged over a couple of line spacings.
    const double along = 1.5 * h / cell, across = 0.25 * spacing / cell,
                 area = 1.2 * spacing / cell;
    cv::Mat rows, columns, ink2;
    cv::GaussianBlur(coarse, rows, cv::Size(0, 0), along, across, cv::BORDER_CONSTANT);
    cv::GaussianBlur(coarse, columns, cv::Size(0, 0), across, along, cv::BORDER_CONSTANT);
    cv::multiply(rows, rows, rows);
    cv::multiply(columns, columns, columns);
    cv::GaussianBlur(rows, rows, cv::Size(0, 0), area, area, cv::BORDER_CONSTANT);
    cv::GaussianBlur(columns, columns, cv::Size(0, 0), area, area, cv::BORDER_CONSTANT);
    cv::GaussianBlur(coarse, ink2, cv::Size(0, 0), area, area, cv::BORDER_CONSTANT);
    // Their contrast: the energy less the mean's (both smoothings keep the mean).
    cv::Mat mean2;
    cv::multiply(ink2, ink2, mean2);
    rows -= mean2;
    columns -= mean2;
    // Turned: the columns' energy well above the rows', where there is writing (a tenth of
    // the page's usual ink density or more).
    double strong = 0;
    cv::minMaxLoc(ink2, nullptr, &strong);
    cv::Mat turned(coarse.size(), CV_8U, cv::Scalar(0));
    for (int y = 0; y < coarse.rows; ++y)
        for (int x = 0; x < coarse.cols; ++x)
            if (columns.at<float>(y, x) > 2.0f * rows.at<float>(y, x)
                && ink2.at<float>(y, x) > 0.1 * strong)
                turned.at<uchar>(y, x) = 255;
    if (cv::countNonZero(turned) == 0)
        return {};
    // On along the turned lines (where they end the contrast fades before the writing does).
    cv::dilate(turned, turned,
               cv::getStructuringElement(
                   cv::MORPH_RECT, cv::Size(1, 2 * static_cast<int>(2 * spacing / cell) + 1)));
    // The components of writing whose middle lies there, per region; a region that holds
    // less than two lines of a dozen component heights (stroke length) is left alone.
    cv::Mat regions;
    const int regionCount = cv::connectedComponents(turned, regions, 8, CV_32S);
    const Components c = components(ink);
    std::vector<int> regionOf(std::size_t(c.count), 0);
    std::vector<double> regionInk(std::size_t(regionCount), 0.0);
    for (int i = 1; i < c.count; ++i) {
        if (c.area(i) < 4 || std::max(c.width(i), c.height(i)) > 3 * spacing)
            continue;
        const int cx = std::clamp(static_cast<int>((c.left(i) + 0.5 * c.width(i)) / cell), 0,
                                  turned.cols - 1);
        const int cy = std::clamp(static_cast<int>((c.top(i) + 0.5 * c.height(i)) / cell), 0,
                                  turned.rows - 1);
        const int r = regions.at<int>(cy, cx);
        regionOf[std::size_t(i)] = r;
        regionInk[std::size_t(r)] += c.area(i);
    }
    // And whose ink's profile across the columns is more peaked than across the rows
    // (lines are peaks of the profile across them; along them the profile is flat): the
    // contrast measure alone also rises where the lines of a page break off.
    std::vector<std::vector<double>> rowProfile{std::size_t(regionCount)},
        columnProfile{std::size_t(regionCount)};
    for (int i = 1; i < c.count; ++i) {
        const int r = regionOf[std::size_t(i)];
        if (r == 0 || regionInk[std::size_t(r)] / scale.stroke < 2 * 12 * h)
            continue;
        std::vector<double>& rp = rowProfile[std::size_t(r)];
        std::vector<double>& cp = columnProfile[std::size_t(r)];
        rp.resize(std::size_t(ink.rows), 0.0), cp.resize(std::size_t(ink.cols), 0.0);
        for (int y = c.top(i); y < c.top(i) + c.height(i); ++y) {
            const int* l = c.labels.ptr<int>(y);
            for (int x = c.left(i); x < c.left(i) + c.width(i); ++x)
                if (l[x] == i)
                    rp[std::size_t(y)] += 1, cp[std::size_t(x)] += 1;
        }
    }
    // N sum p^2 / (sum p)^2 over the profile's extent, smoothed over a fifth of a spacing.
    const int smoothing = std::max(1, static_cast<int>(0.1 * spacing));
    const auto peakedness = [&](const std::vector<double>& profile) {
        const auto first = std::find_if(profile.begin(), profile.end(),
                                        [](double v) { return v > 0; });
        const auto last =
            std::find_if(profile.rbegin(), profile.rend(), [](double v) { return v > 0; }).base();
        if (first >= last)
            return 0.0;
        const std::vector<double> p(first, last);
        const int n = static_cast<int>(p.size());
        double sum = 0, squares = 0, window = 0;
        for (int i = 0; i < n; ++i) {
            window = 0;
            for (int d = -smoothing; d <= smoothing; ++d)
                window += i + d >= 0 && i + d < n ? p[std::size_t(i + d)] : 0.0;
            sum += window, squares += window * window;
        }
        return sum > 0 ? n * squares / (sum * sum) : 0.0;
    };
    std::vector<bool> accepted(std::size_t(regionCount), false);
    for (int r = 1; r < regionCount; ++r)
        accepted[std::size_t(r)] = !rowProfile[std::size_t(r)].empty()
                                   && peakedness(columnProfile[std::size_t(r)])
                                          > 1.1 * peakedness(rowProfile[std::size_t(r)]);
    cv::Mat lut(1, c.count, CV_8U, cv::Scalar(0));
    bool any = false;
    for (int i = 1; i < c.count; ++i)
        if (accepted[std::size_t(regionOf[std::size_t(i)])])
            lut.at<uchar>(i) = 255, any = true;
    if (!any)
        return {};
    cv::Mat mask(ink.size(), CV_8U, cv::Scalar(0));
    for (int y = 0; y < ink.rows; ++y) {
        const int* l = c.labels.ptr<int>(y);
        uchar* o = mask.ptr<uchar>(y);
        for (int x = 0; x < ink.cols; ++x)
            o[x] = lut.at<uchar>(l[x]);
    }
    return mask;
}

double ascenderBalance(const cv::Mat& ink, const std::vector<DetectedLine>& lines,
                       const TextScale& scale)
{
    const double h = scale.height;
    double balance = 0;
    for (const DetectedLine& line : lines) {
        const std::vector<cv::Point2f>& centre = line.centre;
        if (centre.size() < 2)
            continue;
        for (int x = std::max(0, cvRound(centre.front().x));
             x < std::min(ink.cols, cvRound(centre.back().x)); ++x) {
            // The centre's row at x (linear between its points).
            std::size_t k = 1;
            while (k + 1 < centre.size() && centre[k].x < x)
                ++k;
            const cv::Point2f a = centre[k - 1], b = centre[k];
            const double t = std::clamp((x - a.x) / std::max(1e-3f, b.x - a.x), 0.0f, 1.0f);
            const double y = a.y + t * (b.y - a.y);
            const auto count = [&](double from, double to) {
                int n = 0;
                for (int r = std::max(0, cvRound(from)); r < std::min(ink.rows, cvRound(to)); ++r)
                    n += ink.at<uchar>(r, x) ? 1 : 0;
                return n;
            };
            balance += count(y - 1.2 * h, y - 0.45 * h) - count(y + 0.45 * h, y + 1.2 * h);
        }
    }
    return balance;
}

void orderLines(std::vector<DetectedLine>& lines, const TextScale& scale)
{
    const std::size_t n = lines.size();
    if (n == 0)
        return;
    struct Extent
    {
        double x0, x1, y;
    };
    std::vector<Extent> extents;
    for (const DetectedLine& l : lines) {
        double y = 0;
        for (const cv::Point2f& p : l.centre)
            y += p.y;
        extents.push_back({l.centre.front().x, l.centre.back().x, y / double(l.centre.size())});
    }
    // Blocks: union of lines that overlap horizontally (a third of the narrower) and are
    // at most a few line spacings apart.
    std::vector<std::size_t> parent(n);
    std::iota(parent.begin(), parent.end(), std::size_t(0));
    const auto find = [&](std::size_t i) {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    };
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            const Extent &a = extents[i], &b = extents[j];
            const double overlap = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
            const double narrower = std::min(a.x1 - a.x0, b.x1 - b.x0);
            if (overlap > 0.33 * narrower && std::abs(a.y - b.y) < 3.5 * scale.spacing)
                parent[find(i)] = find(j);
        }
    struct Block
    {
        std::vector<std::size_t> lines;
        double x0 = 1e18, x1 = -1e18, y0 = 1e18, y1 = -1e18;
    };
    std::vector<Block> blocks;
    std::vector<int> blockOf(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t root = find(i);
        if (blockOf[root] < 0) {
            blockOf[root] = static_cast<int>(blocks.size());
            blocks.emplace_back();
        }
        Block& b = blocks[std::size_t(blockOf[root])];
        b.lines.push_back(i);
        b.x0 = std::min(b.x0, extents[i].x0), b.x1 = std::max(b.x1, extents[i].x1);
        b.y0 = std::min(b.y0, extents[i].y), b.y1 = std::max(b.y1, extents[i].y);
    }
    double widest = 0;
    for (const Block& b : blocks)
        widest = std::max(widest, b.x1 - b.x0);
    // Columns (at least half the widest block): left to right where they sit side by side,
    // top to bottom otherwise. A narrow block (a heading, a margin note, a signature) comes
    // before the first column it lies wholly above, else after the last column beside it,
    // else at the end; narrow blocks among themselves top to bottom.
    const auto isColumn = [&](const Block& b) { return b.x1 - b.x0 >= 0.5 * widest; };
    std::vector<Block> columns, notes;
    for (Block& b : blocks)
        (isColumn(b) ? columns : notes).push_back(std::move(b));
    std::stable_sort(columns.begin(), columns.end(), [](const Block& a, const Block& b) {
        const bool sideBySide = std::min(a.y1, b.y1) > std::max(a.y0, b.y0);
        return sideBySide ? a.x0 < b.x0 : a.y0 < b.y0;
    });
    std::stable_sort(notes.begin(), notes.end(),
                     [](const Block& a, const Block& b) { return a.y0 < b.y0; });
    std::vector<bool> placed(notes.size(), false);
    blocks.clear();
    for (std::size_t c = 0; c < columns.size(); ++c) {
        for (std::size_t k = 0; k < notes.size(); ++k)
            if (!placed[k] && notes[k].y1 < columns[c].y0)
                placed[k] = true, blocks.push_back(notes[k]);
        blocks.push_back(columns[c]);
        // Beside this column and not beside a later one.
        for (std::size_t k = 0; k < notes.size(); ++k) {
            if (placed[k]
                || std::min(notes[k].y1, columns[c].y1) < std::max(notes[k].y0, columns[c].y0))
                continue;
            bool later = false;
            for (std::size_t d = c + 1; d < columns.size(); ++d)
                later = later
                        || std::min(notes[k].y1, columns[d].y1)
                               >= std::max(notes[k].y0, columns[d].y0);
            if (!later)
                placed[k] = true, blocks.push_back(notes[k]);
        }
    }
    for (std::size_t k = 0; k < notes.size(); ++k)
        if (!placed[k])
            blocks.push_back(notes[k]);
    std::vector<DetectedLine> ordered;
    for (std::size_t bi = 0; bi < blocks.size(); ++bi) {
        std::vector<std::size_t>& members = blocks[bi].lines;
        std::sort(members.begin(), members.end(),
                  [&](std::size_t a, std::size_t b) { return extents[a].y < extents[b].y; });
        for (std::size_t i : members) {
            ordered.push_back(std::move(lines[i]));
            ordered.back().block = static_cast<int>(bi);
        }
    }
    lines = std::move(ordered);
}

}  // namespace inklens::imaging
