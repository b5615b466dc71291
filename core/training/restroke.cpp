#include "restroke.h"

#include "nn/param.h"
#include "nn/tensor.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace inklens::training {

namespace {

using imaging::Ink;
using imaging::InkPoint;
using imaging::Stroke;

constexpr float kPi = 3.14159265358979f;

// ---------------------------------------------------------------------------------------
// Binarization and cleaning

// Ink darkness relative to a local paper estimate (a large max filter, smoothed): 0 = paper,
// 1 = black, CV_32F. Uneven paper, stains and faint pencil become comparable.
cv::Mat inkDarkness(const cv::Mat& gray)
{
    cv::Mat g;
    cv::GaussianBlur(gray, g, cv::Size(3, 3), 0);
    const int k = std::max(7, (std::min(gray.rows, 160) / 4) | 1);
    cv::Mat paper;
    cv::dilate(g, paper, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
    cv::blur(paper, paper, cv::Size(k, k));
    cv::Mat gf, pf, dark;
    g.convertTo(gf, CV_32F);
    paper.convertTo(pf, CV_32F);
    pf = cv::max(pf, 1.f);
    cv::divide(gf, pf, dark);
    dark = 1.f - cv::min(dark, 1.f);
    return dark;
}

// Hysteresis: pixels above low kept when their 8-connected component reaches high.
cv::Mat hysteresis(const cv::Mat& dark, float low, float high)
{
    const cv::Mat weak = dark > low, strong = dark > high;
    cv::Mat labels;
    const int n = cv::connectedComponents(weak, labels, 8, CV_32S);
    std::vector<char> keep(std::size_t(n), 0);
    for (int y = 0; y < dark.rows; ++y)
        for (int x = 0; x < dark.cols; ++x)
            if (strong.at<uchar>(y, x))
                keep[std::size_t(labels.at<int>(y, x))] = 1;
    keep[0] = 0;
    cv::Mat out(dark.size(), CV_8UC1, cv::Scalar(0));
    for (int y = 0; y < dark.rows; ++y)
        for (int x = 0; x < dark.cols; ++x)
            if (keep[std::size_t(labels.at<int>(y, x))])
                out.at<uchar>(y, x) = 255;
    return out;
}

cv::Mat binarize(const cv::Mat& dark)
{
    cv::Mat d8;
    dark.convertTo(d8, CV_8U, 255.0);
    cv::Mat unused;
    const double otsu = cv::threshold(d8, unused, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU)
                        / 255.0;
    const float high = std::clamp(float(otsu), 0.14f, 0.6f);
    return hysteresis(dark, std::max(0.08f, 0.6f * high), high);
}

// Ruled lines: runs of at least len pixels along a row (a row either side tolerates a slight
// tilt). Removed column by column, except where ink continues both above and below (a
// stroke crossing the line).
void removeRuledLines(cv::Mat& bin)
{
    const int len = std::max(25, std::min(bin.cols / 4, 5 * bin.rows / 2));
    if (bin.cols < 2 * len)
        return;
    cv::Mat probe, lines;
    cv::dilate(bin, probe, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 3)));
    cv::morphologyEx(probe, lines, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(len, 1)));
    lines &= bin;
    // Only thin runs spanning a good part of the line: a "T" bar, a long connecting stroke
    // or a row of dense writing stays.
    cv::Mat labels, stats, centroids;
    cv::connectedComponentsWithStats(lines, labels, stats, centroids, 8, CV_32S);
    const int minWidth = std::max(len, int(0.3f * float(bin.cols)));
    const float maxThickness = 2.f + 0.1f * float(bin.rows);
    bool any = false;
    for (int y = 0; y < lines.rows; ++y)
        for (int x = 0; x < lines.cols; ++x) {
            const int l = labels.at<int>(y, x);
            const float thickness = float(stats.at<int>(l, cv::CC_STAT_AREA))
                                    / float(std::max(1, stats.at<int>(l, cv::CC_STAT_WIDTH)));
            if (l > 0
                && (stats.at<int>(l, cv::CC_STAT_WIDTH) < minWidth || thickness > maxThickness))
                lines.at<uchar>(y, x) = 0;
            any = any || lines.at<uchar>(y, x);
        }
    if (!any)
        return;
    auto ink = [&](int y, int x) { return y >= 0 && y < bin.rows && bin.at<uchar>(y, x) != 0; };
    for (int x = 0; x < bin.cols; ++x) {
        for (int y = 0; y < bin.rows;) {
            if (!lines.at<uchar>(y, x)) {
                ++y;
                continue;
            }
            int y1 = y;
            while (y1 < bin.rows && lines.at<uchar>(y1, x))
                ++y1;
            const bool above = ink(y - 1, x) || ink(y - 2, x);
            const bool below = ink(y1, x) || ink(y1 + 1, x);
            if (!(above && below))
                for (int r = y; r < y1; ++r)
                    bin.at<uchar>(r, x) = 0;
            y = y1;
        }
    }
}

// The main text band: the rows around the densest one whose (smoothed) ink count is at
// least 40 % of it. [top, bottom).
std::pair<int, int> textBand(const cv::Mat& bin)
{
    std::vector<float> rows(std::size_t(bin.rows), 0.f);
    for (int y = 0; y < bin.rows; ++y)
        rows[std::size_t(y)] = float(cv::countNonZero(bin.row(y)));
    std::vector<float> s(rows.size(), 0.f);
    for (int y = 0; y < bin.rows; ++y) {
        float acc = 0;
        int n = 0;
        for (int d = -2; d <= 2; ++d)
            if (y + d >= 0 && y + d < bin.rows)
                acc += rows[std::size_t(y + d)], ++n;
        s[std::size_t(y)] = acc / float(n);
    }
    const int peak = int(std::max_element(s.begin(), s.end()) - s.begin());
    const float cut = 0.4f * s[std::size_t(peak)];
    int top = peak, bottom = peak + 1;
    while (top > 0 && s[std::size_t(top - 1)] >= cut)
        --top;
    while (bottom < bin.rows && s[std::size_t(bottom)] >= cut)
        ++bottom;
    return {top, bottom};
}

// Specks, and the ascenders and descenders of the neighbouring lines: components touching
// the top (bottom) border with less than a quarter of their pixels in the band, or lying
// wholly more than a band's height above (below) it.
void removeComponents(cv::Mat& bin, float speck, int bandTop, int bandBottom, bool neighbours)
{
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(bin, labels, stats, centroids, 8, CV_32S);
    std::vector<int> inBand(std::size_t(n), 0);
    for (int y = bandTop; y < bandBottom; ++y)
        for (int x = 0; x < bin.cols; ++x)
            ++inBand[std::size_t(labels.at<int>(y, x))];
    const int bandH = std::max(1, bandBottom - bandTop);
    std::vector<char> drop(std::size_t(n), 0);
    for (int i = 1; i < n; ++i) {
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        const int y0 = stats.at<int>(i, cv::CC_STAT_TOP);
        const int y1 = y0 + stats.at<int>(i, cv::CC_STAT_HEIGHT);  // exclusive
        const float bandShare = float(inBand[std::size_t(i)]) / float(area);
        bool d = float(area) < speck;
        if (neighbours) {
            const bool top = y0 <= 1, bottom = y1 >= bin.rows - 1;
            d = d || ((top != bottom) && bandShare < 0.25f);
            d = d || y1 < bandTop - bandH || y0 > bandBottom + bandH;
        }
        drop[std::size_t(i)] = d;
    }
    for (int y = 0; y < bin.rows; ++y)
        for (int x = 0; x < bin.cols; ++x)
            if (drop[std::size_t(labels.at<int>(y, x))])
                bin.at<uchar>(y, x) = 0;
}

// Holes (paper components not touching the border) smaller than maxArea become ink: the
// skeleton of a blotted loop would otherwise be a tiny ring.
void fillSmallHoles(cv::Mat& bin, float maxArea)
{
    cv::Mat paper = bin == 0, labels, stats, centroids;
    cv::connectedComponentsWithStats(paper, labels, stats, centroids, 4, CV_32S);
    for (int y = 0; y < bin.rows; ++y)
        for (int x = 0; x < bin.cols; ++x) {
            const int l = labels.at<int>(y, x);
            if (l <= 0)
                continue;
            const int x0 = stats.at<int>(l, cv::CC_STAT_LEFT),
                      y0 = stats.at<int>(l, cv::CC_STAT_TOP);
            const bool border = x0 == 0 || y0 == 0
                                || x0 + stats.at<int>(l, cv::CC_STAT_WIDTH) == bin.cols
                                || y0 + stats.at<int>(l, cv::CC_STAT_HEIGHT) == bin.rows;
            if (!border && float(stats.at<int>(l, cv::CC_STAT_AREA)) < maxArea)
                bin.at<uchar>(y, x) = 255;
        }
}

// ---------------------------------------------------------------------------------------
// Skeleton

// The 8 neighbours, clockwise from north: N NE E SE S SW W NW.
constexpr std::array<int, 8> kDx = {0, 1, 1, 1, 0, -1, -1, -1};
constexpr std::array<int, 8> kDy = {-1, -1, 0, 1, 1, 1, 0, -1};

// Whether the set neighbours of a pixel form one 8-connected group (ring neighbours touch;
// orthogonal ones also touch the orthogonal one two steps on, across the corner).
bool neighboursConnected(const std::array<bool, 8>& nb)
{
    std::array<int, 8> parent;
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](int a) {
        while (parent[std::size_t(a)] != a)
            a = parent[std::size_t(a)];
        return a;
    };
    auto join = [&](int a, int b) {
        if (nb[std::size_t(a)] && nb[std::size_t(b)])
            parent[std::size_t(find(a))] = find(b);
    };
    for (int i = 0; i < 8; ++i) {
        join(i, (i + 1) % 8);
        if (i % 2 == 0)
            join(i, (i + 2) % 8);
    }
    int groups = 0;
    for (int i = 0; i < 8; ++i)
        groups += nb[std::size_t(i)] && find(i) == i;
    return groups <= 1;
}

}  // namespace

cv::Mat thinZhangSuen(const cv::Mat& binary)
{
    // Padded by one pixel so that every pixel has 8 neighbours.
    cv::Mat img(binary.rows + 2, binary.cols + 2, CV_8UC1, cv::Scalar(0));
    img(cv::Rect(1, 1, binary.cols, binary.rows)).setTo(1, binary != 0);
    std::vector<cv::Point> remove;
    bool changed = true;
    while (changed) {
        changed = false;
        for (int pass = 0; pass < 2; ++pass) {
            remove.clear();
            for (int y = 1; y < img.rows - 1; ++y)
                for (int x = 1; x < img.cols - 1; ++x) {
                    if (!img.at<uchar>(y, x))
                        continue;
                    std::array<int, 8> p;  // P2..P9 = N NE E SE S SW W NW
                    for (int k = 0; k < 8; ++k)
                        p[std::size_t(k)] = img.at<uchar>(y + kDy[std::size_t(k)],
                                                          x + kDx[std::size_t(k)]);
                    const int b = std::accumulate(p.begin(), p.end(), 0);
                    if (b < 2 || b > 6)
                        continue;
                    int a = 0;
                    for (int k = 0; k < 8; ++k)
                        a += p[std::size_t(k)] == 0 && p[std::size_t((k + 1) % 8)] == 1;
                    if (a != 1)
                        continue;
                    const bool ok = pass == 0
                                        ? (p[0] * p[2] * p[4] == 0 && p[2] * p[4] * p[6] == 0)
                                        : (p[0] * p[2] * p[6] == 0 && p[0] * p[4] * p[6] == 0);
                    if (ok)
                        remove.emplace_back(x, y);
                }
            for (const cv::Point& q : remove)
                img.at<uchar>(q) = 0;
            changed = changed || !remove.empty();
        }
    }
    // Redundant pixels (staircase corners): removable when their neighbours stay connected
    // and they are not an end.
    for (int y = 1; y < img.rows - 1; ++y)
        for (int x = 1; x < img.cols - 1; ++x) {
            if (!img.at<uchar>(y, x))
                continue;
            std::array<bool, 8> nb;
            int count = 0;
            for (int k = 0; k < 8; ++k)
                count += nb[std::size_t(k)] =
                    img.at<uchar>(y + kDy[std::size_t(k)], x + kDx[std::size_t(k)]) != 0;
            if (count >= 2 && count <= 3 && neighboursConnected(nb))
                img.at<uchar>(y, x) = 0;
        }
    cv::Mat out = img(cv::Rect(1, 1, binary.cols, binary.rows)).clone();
    return out * 255;
}

namespace {

// ---------------------------------------------------------------------------------------
// The skeleton graph

struct Edge
{
    std::vector<cv::Point2f> path;  // from node a to node b, pixel centres
    int a = -1, b = -1;             // nodes (-1 for none: a loop without a node)
};

struct Graph
{
    std::vector<cv::Point2f> nodes;  // centroid of each node (end point or junction cluster)
    std::vector<int> degree;         // edge ends at each node
    std::vector<Edge> edges;
};

Graph buildGraph(const cv::Mat& skel)
{
    const int rows = skel.rows, cols = skel.cols;
    auto on = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < cols && y < rows && skel.at<uchar>(y, x) != 0;
    };
    auto degreeAt = [&](int x, int y) {
        int d = 0;
        for (int k = 0; k < 8; ++k)
            d += on(x + kDx[std::size_t(k)], y + kDy[std::size_t(k)]);
        return d;
    };
    // Node pixels: ends (degree 0, 1) and junctions (>= 3), junction pixels clustered.
    cv::Mat node(rows, cols, CV_32S, cv::Scalar(-1));
    Graph g;
    std::vector<cv::Point> members;
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            if (!on(x, y) || node.at<int>(y, x) >= 0 || degreeAt(x, y) == 2)
                continue;
            const int id = int(g.nodes.size());
            const bool junction = degreeAt(x, y) >= 3;
            members.assign(1, cv::Point(x, y));
            node.at<int>(y, x) = id;
            for (std::size_t i = 0; junction && i < members.size(); ++i)
                for (int k = 0; k < 8; ++k) {
                    const cv::Point q(members[i].x + kDx[std::size_t(k)],
                                      members[i].y + kDy[std::size_t(k)]);
                    if (on(q.x, q.y) && node.at<int>(q) < 0 && degreeAt(q.x, q.y) >= 3) {
                        node.at<int>(q) = id;
                        members.push_back(q);
                    }
                }
            cv::Point2f c(0, 0);
            for (const cv::Point& m : members)
                c += cv::Point2f(float(m.x), float(m.y));
            g.nodes.push_back(c * (1.f / float(members.size())));
            g.degree.push_back(0);
        }
    cv::Mat visited(rows, cols, CV_8UC1, cv::Scalar(0));
    // Walks from a node pixel through a neighbour along degree-2 pixels to the next node.
    auto walk = [&](cv::Point from, cv::Point next) {
        Edge e;
        e.a = node.at<int>(from);
        e.path = {cv::Point2f(float(from.x), float(from.y))};
        cv::Point prev = from, cur = next;
        for (;;) {
            e.path.emplace_back(float(cur.x), float(cur.y));
            if (node.at<int>(cur) >= 0) {
                e.b = node.at<int>(cur);
                break;
            }
            visited.at<uchar>(cur) = 1;
            cv::Point step(-1, -1);
            // Prefer an unvisited path pixel; a node pixel ends the walk.
            for (int k = 0; k < 8 && step.x < 0; ++k) {
                const cv::Point q(cur.x + kDx[std::size_t(k)], cur.y + kDy[std::size_t(k)]);
                if (q != prev && on(q.x, q.y) && node.at<int>(q) >= 0 && node.at<int>(q) != e.a)
                    step = q;
            }
            for (int k = 0; k < 8 && step.x < 0; ++k) {
                const cv::Point q(cur.x + kDx[std::size_t(k)], cur.y + kDy[std::size_t(k)]);
                if (q != prev && on(q.x, q.y) && !visited.at<uchar>(q)
                    && (node.at<int>(q) < 0 || e.path.size() > 2))
                    step = q;
            }
            if (step.x < 0)  // back at the start node through its own loop, or a dead end
                for (int k = 0; k < 8 && step.x < 0; ++k) {
                    const cv::Point q(cur.x + kDx[std::size_t(k)], cur.y + kDy[std::size_t(k)]);
                    if (q != prev && on(q.x, q.y) && node.at<int>(q) >= 0)
                        step = q;
                }
            if (step.x < 0) {
                e.b = -1;
                break;
            }
            prev = cur;
            cur = step;
        }
        return e;
    };
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            const int id = node.at<int>(y, x);
            if (id < 0)
                continue;
            for (int k = 0; k < 8; ++k) {
                const cv::Point q(x + kDx[std::size_t(k)], y + kDy[std::size_t(k)]);
                if (!on(q.x, q.y) || visited.at<uchar>(q))
                    continue;
                const int other = node.at<int>(q);
                if (other == id)
                    continue;
                if (other >= 0) {  // two nodes side by side: an edge of two pixels, once
                    if (other > id)
                        g.edges.push_back(
                            {{cv::Point2f(float(x), float(y)), cv::Point2f(float(q.x), float(q.y))},
                             id,
                             other});
                    continue;
                }
                Edge e = walk(cv::Point(x, y), q);
                if (e.b < 0)
                    e.b = e.a;  // a dead end cannot happen on a clean skeleton; keep the path
                g.edges.push_back(std::move(e));
            }
        }
    // Loops without a node (an "o"): start anywhere.
    for (int y = 0; y < rows; ++y)
        for (int x = 0; x < cols; ++x) {
            if (!on(x, y) || visited.at<uchar>(y, x) || node.at<int>(y, x) >= 0)
                continue;
            Edge e;
            cv::Point prev(-1, -1), cur(x, y);
            for (;;) {
                visited.at<uchar>(cur) = 1;
                e.path.emplace_back(float(cur.x), float(cur.y));
                cv::Point step(-1, -1);
                for (int k = 0; k < 8 && step.x < 0; ++k) {
                    const cv::Point q(cur.x + kDx[std::size_t(k)], cur.y + kDy[std::size_t(k)]);
                    if (q != prev && on(q.x, q.y) && !visited.at<uchar>(q))
                        step = q;
                }
                if (step.x < 0)
                    break;
                prev = cur;
                cur = step;
            }
            e.path.push_back(e.path.front());  // closed
            g.edges.push_back(std::move(e));
        }
    for (const Edge& e : g.edges) {
        if (e.a >= 0)
            ++g.degree[std::size_t(e.a)];
        if (e.b >= 0)
            ++g.degree[std::size_t(e.b)];
    }
    return g;
}

float pathLength(const std::vector<cv::Point2f>& p)
{
    float len = 0;
    for (std::size_t i = 1; i < p.size(); ++i)
        len += float(cv::norm(p[i] - p[i - 1]));
    return len;
}

// Removes branches from an end point to a junction shorter than maxLen (their pixels but
// the junction's). Returns whether any went.
bool pruneSpurs(cv::Mat& skel, float maxLen)
{
    const Graph g = buildGraph(skel);
    bool pruned = false;
    for (const Edge& e : g.edges) {
        if (e.a < 0 || e.a == e.b)
            continue;
        const int da = g.degree[std::size_t(e.a)], db = g.degree[std::size_t(e.b)];
        const bool spur = (da == 1 && db >= 3) || (db == 1 && da >= 3);
        if (!spur || pathLength(e.path) >= maxLen)
            continue;
        // Keep the junction end's pixel.
        const bool junctionAtA = da >= 3;
        for (std::size_t i = 0; i < e.path.size(); ++i) {
            if ((junctionAtA && i == 0) || (!junctionAtA && i + 1 == e.path.size()))
                continue;
            skel.at<uchar>(cv::Point(e.path[i])) = 0;
        }
        pruned = true;
    }
    return pruned;
}

// ---------------------------------------------------------------------------------------
// Strokes from the graph

// The direction leaving a node along an edge end (end 0: from path.front()), measured over
// about reach pixels.
cv::Point2f endDirection(const Edge& e, int end, float reach)
{
    const auto& p = e.path;
    const cv::Point2f origin = end == 0 ? p.front() : p.back();
    cv::Point2f target = origin;
    float len = 0;
    for (std::size_t i = 1; i < p.size(); ++i) {
        const cv::Point2f a = end == 0 ? p[i - 1] : p[p.size() - i];
        const cv::Point2f b = end == 0 ? p[i] : p[p.size() - 1 - i];
        len += float(cv::norm(b - a));
        target = b;
        if (len >= reach)
            break;
    }
    const cv::Point2f d = target - origin;
    const float n = float(cv::norm(d));
    return n > 0 ? d * (1.f / n) : cv::Point2f(0, 0);
}

// Chains of edges: at each junction, pairs of edge ends that continue each other (the
// smallest turn first, under maxTurn; an edge's loop back to the same junction is taken
// first, so that "in, loop, out" stays one stroke), then each chain followed from a free end.
// A traced path and whether its ends are free (an end point of the skeleton, not a junction).
struct Path
{
    std::vector<cv::Point2f> points;
    bool freeStart = false, freeEnd = false;
};

std::vector<Path> chainEdges(const Graph& g, float reach, float maxTurnDeg)
{
    const std::size_t ne = g.edges.size();
    std::vector<int> partner(2 * ne, -1);  // end id = 2 * edge + end
    std::vector<std::vector<int>> ends(g.nodes.size());
    for (std::size_t i = 0; i < ne; ++i) {
        if (g.edges[i].a >= 0)
            ends[std::size_t(g.edges[i].a)].push_back(int(2 * i));
        if (g.edges[i].b >= 0)
            ends[std::size_t(g.edges[i].b)].push_back(int(2 * i + 1));
    }
    const float cosMax = std::cos(maxTurnDeg * kPi / 180.f);
    for (const auto& at : ends) {
        if (at.size() < 2)
            continue;
        struct Pair
        {
            float cost;
            int u, v;
        };
        std::vector<Pair> pairs;
        for (std::size_t i = 0; i < at.size(); ++i)
            for (std::size_t j = i + 1; j < at.size(); ++j) {
                const int u = at[i], v = at[j];
                if (u / 2 == v / 2)
                    continue;  // the two ends of one loop: never closed on itself here
                const cv::Point2f du = endDirection(g.edges[std::size_t(u / 2)], u % 2, reach);
                const cv::Point2f dv = endDirection(g.edges[std::size_t(v / 2)], v % 2, reach);
                const float straight = -du.dot(dv);  // 1: v continues u in a straight line
                const bool loop = g.edges[std::size_t(u / 2)].a == g.edges[std::size_t(u / 2)].b
                                  || g.edges[std::size_t(v / 2)].a == g.edges[std::size_t(v / 2)].b;
                if (straight < cosMax && !(loop && straight > -0.5f) && at.size() > 2)
                    continue;
                pairs.push_back({-straight - (loop ? 1.f : 0.f), u, v});
            }
        std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
            return a.cost < b.cost
                   || (a.cost == b.cost && std::make_pair(a.u, a.v) < std::make_pair(b.u, b.v));
        });
        for (const Pair& p : pairs)
            if (partner[std::size_t(p.u)] < 0 && partner[std::size_t(p.v)] < 0) {
                partner[std::size_t(p.u)] = p.v;
                partner[std::size_t(p.v)] = p.u;
            }
    }
    std::vector<char> used(ne, 0);
    std::vector<Path> chains;
    auto nodeOf = [&](int end) {
        const Edge& e = g.edges[std::size_t(end / 2)];
        return end % 2 == 0 ? e.a : e.b;
    };
    auto isFree = [&](int end) {
        const int n = nodeOf(end);
        return n >= 0 && g.degree[std::size_t(n)] == 1;
    };
    auto follow = [&](int startEnd) {
        Path path;
        path.freeStart = isFree(startEnd);
        int end = startEnd, exitEnd = -1;
        while (end >= 0 && !used[std::size_t(end / 2)]) {
            const Edge& e = g.edges[std::size_t(end / 2)];
            used[std::size_t(end / 2)] = 1;
            if (end % 2 == 0)
                path.points.insert(path.points.end(), e.path.begin(), e.path.end());
            else
                path.points.insert(path.points.end(), e.path.rbegin(), e.path.rend());
            exitEnd = end ^ 1;
            end = partner[std::size_t(exitEnd)];
        }
        path.freeEnd = exitEnd >= 0 && isFree(exitEnd);
        chains.push_back(std::move(path));
    };
    for (std::size_t i = 0; i < ne; ++i)
        for (int end = 0; end < 2; ++end)
            if (!used[i] && partner[2 * i + std::size_t(end)] < 0)
                follow(int(2 * i) + end);
    for (std::size_t i = 0; i < ne; ++i)
        if (!used[i])
            follow(int(2 * i));
    // Isolated dots (nodes of degree 0).
    for (std::size_t n = 0; n < g.nodes.size(); ++n)
        if (g.degree[n] == 0)
            chains.push_back({{g.nodes[n]}, true, true});
    return chains;
}

// Consecutive duplicates removed.
void dedupe(std::vector<cv::Point2f>& p)
{
    p.erase(std::unique(p.begin(), p.end(),
                        [](cv::Point2f a, cv::Point2f b) { return cv::norm(a - b) < 1e-3; }),
            p.end());
}

bool isClosed(const std::vector<cv::Point2f>& p)
{
    return p.size() > 3 && cv::norm(p.front() - p.back()) < 1.5;
}

// Left to right; top down when nearly vertical; a closed loop from its top going left
// (counter-clockwise on the page, as an "o" is written).
void orient(Path& path)
{
    auto& p = path.points;
    if (p.size() < 2)
        return;
    if (isClosed(p)) {
        path.freeStart = path.freeEnd = false;
        p.pop_back();
        const auto top = std::min_element(p.begin(), p.end(), [](cv::Point2f a, cv::Point2f b) {
            return a.y < b.y || (a.y == b.y && a.x > b.x);
        });
        std::rotate(p.begin(), top, p.end());
        // Going left from the top: the points a quarter of the way on lie left of it.
        const cv::Point2f ahead = p[p.size() / 4];
        if (ahead.x > p.front().x)
            std::reverse(p.begin() + 1, p.end());
        p.push_back(p.front());
        return;
    }
    const cv::Point2f d = p.back() - p.front();
    const bool flip = std::abs(d.x) >= 0.35f * std::abs(d.y) ? d.x < 0 : d.y < 0;
    if (flip) {
        std::reverse(p.begin(), p.end());
        std::swap(path.freeStart, path.freeEnd);
    }
}

// Joins free stroke ends closer than maxGap whose directions agree (end of a, start of b,
// after orientation), nearest first: a stroke the binarization broke. Ends at junctions are
// never joined (the junction pairing decided there).
std::vector<std::vector<cv::Point2f>> joinGaps(const std::vector<Path>& paths, float maxGap,
                                               float reach)
{
    std::vector<std::vector<cv::Point2f>> strokes;
    for (const Path& p : paths)
        strokes.push_back(p.points);
    const std::size_t n = strokes.size();
    struct Cand
    {
        float dist;
        std::size_t a, b;
    };
    std::vector<Cand> cands;
    auto tangent = [&](const std::vector<cv::Point2f>& p, bool atEnd) {
        Edge e;
        e.path = p;
        const cv::Point2f d = endDirection(e, atEnd ? 1 : 0, reach);
        return atEnd ? -d : d;  // the writing direction there
    };
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b) {
            if (a == b || !paths[a].freeEnd || !paths[b].freeStart || strokes[a].size() < 2
                || strokes[b].size() < 2 || isClosed(strokes[a]) || isClosed(strokes[b]))
                continue;
            const cv::Point2f gap = strokes[b].front() - strokes[a].back();
            const float dist = float(cv::norm(gap));
            if (dist > maxGap)
                continue;
            const cv::Point2f ta = tangent(strokes[a], true), tb = tangent(strokes[b], false);
            const float along = ta.dot(tb);
            const bool aligned = dist < 2.5f
                                 || (along > 0.5f && gap.dot(ta) > 0.5f * dist
                                     && gap.dot(tb) > 0.5f * dist);
            if (aligned)
                cands.push_back({dist, a, b});
        }
    std::sort(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) {
        return x.dist < y.dist
               || (x.dist == y.dist && std::make_pair(x.a, x.b) < std::make_pair(y.a, y.b));
    });
    std::vector<int> next(n, -1), prevOf(n, -1);
    std::vector<std::size_t> root(n);
    std::iota(root.begin(), root.end(), 0);
    auto find = [&](std::size_t i) {
        while (root[i] != i)
            i = root[i];
        return i;
    };
    for (const Cand& c : cands) {
        if (next[c.a] >= 0 || prevOf[c.b] >= 0 || find(c.a) == find(c.b))
            continue;
        next[c.a] = int(c.b);
        prevOf[c.b] = int(c.a);
        root[find(c.a)] = find(c.b);
    }
    std::vector<std::vector<cv::Point2f>> out;
    for (std::size_t i = 0; i < n; ++i) {
        if (prevOf[i] >= 0)
            continue;
        std::vector<cv::Point2f> joined;
        for (int j = int(i); j >= 0; j = next[std::size_t(j)])
            joined.insert(joined.end(), strokes[std::size_t(j)].begin(),
                          strokes[std::size_t(j)].end());
        out.push_back(std::move(joined));
    }
    return out;
}

// Free ends lengthened by len along their tangent (the skeleton stops half a stroke width
// short of the ink's ends).
void extendEnds(std::vector<cv::Point2f>& p, float len, float reach, const cv::Size& size)
{
    if (p.size() < 2 || isClosed(p) || len <= 0)
        return;
    auto clampPt = [&](cv::Point2f q) {
        return cv::Point2f(std::clamp(q.x, 0.f, float(size.width - 1)),
                           std::clamp(q.y, 0.f, float(size.height - 1)));
    };
    Edge e;
    e.path = p;
    const cv::Point2f d0 = endDirection(e, 0, reach), d1 = endDirection(e, 1, reach);
    p.insert(p.begin(), clampPt(p.front() - d0 * len));
    p.push_back(clampPt(p.back() - d1 * len));
}

std::vector<cv::Point2f> smoothPath(const std::vector<cv::Point2f>& p, float sigma)
{
    if (p.size() < 3 || sigma <= 0)
        return p;
    const bool closed = isClosed(p);
    const int r = int(std::ceil(2.5f * sigma));
    std::vector<float> w(std::size_t(2 * r + 1));
    for (int k = -r; k <= r; ++k)
        w[std::size_t(k + r)] = std::exp(-0.5f * float(k * k) / (sigma * sigma));
    const int n = int(p.size()) - (closed ? 1 : 0);
    std::vector<cv::Point2f> out(p.size());
    for (int i = 0; i < n; ++i) {
        // Open paths: the window shrinks symmetrically near the ends, which stay put.
        const int rr = closed ? r : std::min({r, i, n - 1 - i});
        cv::Point2f acc(0, 0);
        float ws = 0;
        for (int k = -rr; k <= rr; ++k) {
            const int j = closed ? ((i + k) % n + n) % n : i + k;
            acc += p[std::size_t(j)] * w[std::size_t(k + r)];
            ws += w[std::size_t(k + r)];
        }
        out[std::size_t(i)] = acc * (1.f / ws);
    }
    if (closed)
        out.back() = out.front();
    return out;
}

// Points every `step` along the path (the last point kept).
std::vector<cv::Point2f> resample(const std::vector<cv::Point2f>& p, float step)
{
    if (p.size() < 2)
        return p;
    std::vector<cv::Point2f> out{p.front()};
    float carry = 0;
    for (std::size_t i = 1; i < p.size(); ++i) {
        const cv::Point2f a = p[i - 1], b = p[i];
        const float seg = float(cv::norm(b - a));
        float s = step - carry;
        while (s <= seg) {
            out.push_back(a + (b - a) * (s / seg));
            s += step;
        }
        carry = seg - (s - step);
    }
    if (cv::norm(out.back() - p.back()) > 1e-3)
        out.push_back(p.back());
    return out;
}

// ---------------------------------------------------------------------------------------
// The pen

struct Pen
{
    float speed;     // pixels per second
    float rate;      // samples per second
    float pressure;  // base
    float pressureWave, waveLength;
    float pauseMin, pauseMax;  // seconds between strokes (plus the travel)
};

Pen writerPen(std::uint64_t seed, const RestrokeOptions& o, float xHeight)
{
    nn::Rng rng(nn::mixSeed(seed, 0x70656e));
    Pen pen;
    pen.speed = rng.uniform(o.speedMin, o.speedMax) * xHeight;
    pen.rate = rng.uniform(o.rateMin, o.rateMax);
    pen.pressure = rng.uniform(o.pressureMin, o.pressureMax);
    pen.pressureWave = rng.uniform(0.03f, 0.12f);
    pen.waveLength = rng.uniform(1.5f, 4.f) * xHeight;
    pen.pauseMin = rng.uniform(0.02f, 0.06f);
    pen.pauseMax = pen.pauseMin + rng.uniform(0.03f, 0.12f);
    return pen;
}

// One stroke's path (fine points) timed and sampled by the pen; t0 is its start time.
Stroke penStroke(const std::vector<cv::Point2f>& path, const Pen& pen, float xHeight, float t0,
                 float jitter, nn::Rng& rng)
{
    Stroke s;
    const float phase = rng.uniform(0.f, 2 * kPi);
    if (path.size() == 1) {
        s.points.push_back({path[0].x, path[0].y, t0, pen.pressure});
        return s;
    }
    // Arc length, speed and time at each fine point.
    const std::size_t n = path.size();
    std::vector<float> arc(n, 0.f), time(n, t0);
    for (std::size_t i = 1; i < n; ++i)
        arc[i] = arc[i - 1] + float(cv::norm(path[i] - path[i - 1]));
    const float total = arc.back();
    const float ramp = std::min(0.3f * xHeight, 0.3f * total);
    std::vector<float> speed(n, pen.speed);
    for (std::size_t i = 0; i < n; ++i) {
        // Curvature from the turn over about a fifth of the x-height either side.
        const float reach = 0.2f * xHeight;
        std::size_t a = i, b = i;
        while (a > 0 && arc[i] - arc[a] < reach)
            --a;
        while (b + 1 < n && arc[b] - arc[i] < reach)
            ++b;
        float radius = 1e6f;
        if (a < i && b > i) {
            const cv::Point2f u = path[i] - path[a], v = path[b] - path[i];
            const float nu = float(cv::norm(u)), nv = float(cv::norm(v));
            if (nu > 0 && nv > 0) {
                const float turn = std::acos(std::clamp(u.dot(v) / (nu * nv), -1.f, 1.f));
                radius = turn > 1e-3f ? 0.5f * (nu + nv) / turn : 1e6f;
            }
        }
        float v = pen.speed * std::clamp(std::cbrt(radius / xHeight), 0.3f, 1.4f);
        const float fromEnd = std::min(arc[i], total - arc[i]);
        if (ramp > 0 && fromEnd < ramp)
            v *= 0.35f + 0.65f * fromEnd / ramp;
        speed[i] = std::max(v, 0.05f * pen.speed);
    }
    for (std::size_t i = 1; i < n; ++i)
        time[i] = time[i - 1] + (arc[i] - arc[i - 1]) / (0.5f * (speed[i - 1] + speed[i]));
    // Samples at the device rate (the last point always).
    const float dt = 1.f / pen.rate;
    float nx = 0, ny = 0;  // correlated jitter
    std::size_t j = 0;
    auto emit = [&](float t) {
        while (j + 2 < n && time[j + 1] < t)
            ++j;
        const float span = std::max(time[j + 1] - time[j], 1e-6f);
        const float f = std::clamp((t - time[j]) / span, 0.f, 1.f);
        const cv::Point2f q = path[j] + (path[j + 1] - path[j]) * f;
        const float sArc = arc[j] + (arc[j + 1] - arc[j]) * f;
        const float v = speed[j] + (speed[j + 1] - speed[j]) * f;
        nx = 0.7f * nx + 0.3f * jitter * 1.8f * rng.normal();
        ny = 0.7f * ny + 0.3f * jitter * 1.8f * rng.normal();
        // Pressure: up over the first part, down over the last, a slow wave, more when slow.
        const float fromStart = total > 0 ? sArc / total : 0.f;
        const float envelope = std::min(
            {1.f, 0.55f + 3.f * fromStart, 0.45f + 3.f * (1.f - fromStart)});
        const float p = pen.pressure * envelope
                        + pen.pressureWave * std::sin(2 * kPi * sArc / pen.waveLength + phase)
                        + 0.1f * (1.f - std::min(1.f, v / pen.speed)) + 0.01f * rng.normal();
        s.points.push_back({q.x + nx, q.y + ny, t, std::clamp(p, 0.05f, 1.f)});
    };
    for (float t = t0; t < time.back(); t += dt)
        emit(t);
    emit(time.back());
    return s;
}

}  // namespace

imaging::Ink restrokeLine(const cv::Mat& gray, const RestrokeOptions& o, std::uint64_t seed,
                          RestrokeTrace* trace)
{
    if (gray.empty())
        return {};
    if (gray.type() != CV_8UC1)
        throw nn::EngineError("restroke: the picture must be 8-bit gray (CV_8UC1), got type "
                              + std::to_string(gray.type()));
    if (double(gray.rows) * double(gray.cols) > double(o.maxPixels))
        throw nn::EngineError("restroke: picture of " + std::to_string(gray.cols) + "x"
                              + std::to_string(gray.rows) + " pixels is larger than "
                              + std::to_string(o.maxPixels) + " pixels");
    if (gray.rows < o.minSide || gray.cols < o.minSide)
        return {};

    // Small scans are traced at twice their size: the counters of small letters stay open
    // and the skeleton follows the strokes to half a pixel. Lengths below are in work pixels.
    const float f = gray.rows < o.upscaleBelow ? 2.f : 1.f;
    cv::Mat work = gray;
    if (f > 1)
        cv::resize(gray, work, cv::Size(), f, f, cv::INTER_CUBIC);

    // Ink pixels.
    const cv::Mat dark = inkDarkness(work);
    cv::Mat bin = binarize(dark);
    if (o.removeRuledLines)
        removeRuledLines(bin);
    const int rawInk = cv::countNonZero(bin);
    if (rawInk == 0)
        return {};
    // Stroke width: ink area over skeleton length.
    const int rawSkeleton = std::max(1, cv::countNonZero(thinZhangSuen(bin)));
    const float sw = std::max(1.f, float(rawInk) / float(rawSkeleton));
    auto [bandTop, bandBottom] = textBand(bin);
    removeComponents(bin, std::max(3.f, o.speckArea * sw * sw), bandTop, bandBottom,
                     o.removeNeighbours);
    std::tie(bandTop, bandBottom) = textBand(bin);
    fillSmallHoles(bin, std::max(3.f, o.holeArea * sw * sw));
    if (trace) {
        cv::resize(bin, trace->binary, gray.size(), 0, 0, cv::INTER_AREA);
        trace->binary = trace->binary > 127;
        trace->strokeWidth = sw / f;
        trace->bandTop = int(float(bandTop) / f);
        trace->bandBottom = int(std::ceil(float(bandBottom) / f));
    }
    if (cv::countNonZero(bin) == 0)
        return {};

    // Skeleton, spurs pruned (twice: pruning can expose another).
    cv::Mat skel = thinZhangSuen(bin);
    for (int i = 0; i < 2 && pruneSpurs(skel, o.spurLength * sw); ++i)
        skel = thinZhangSuen(skel);
    if (trace) {
        cv::resize(skel, trace->skeleton, gray.size(), 0, 0, cv::INTER_AREA);
        trace->skeleton = trace->skeleton > 0;
    }

    // Strokes.
    const float reach = std::max(3.f, 1.5f * sw);
    std::vector<Path> paths = chainEdges(buildGraph(skel), reach, o.pairTurnDeg);
    for (Path& p : paths) {
        dedupe(p.points);
        orient(p);
    }
    std::vector<std::vector<cv::Point2f>> strokes = joinGaps(paths, std::max(2.f, o.joinGap * sw),
                                                             reach);
    for (auto& s : strokes) {
        dedupe(s);
        extendEnds(s, 0.5f * sw, reach, work.size());
        s = resample(smoothPath(resample(s, 1.f), o.smoothSigma * f), 0.5f);
        for (auto& q : s)  // scan pixels from here on
            q = cv::Point2f((q.x + 0.5f) / f - 0.5f, (q.y + 0.5f) / f - 0.5f);
    }
    const float xHeight = std::max(3.f, float(bandBottom - bandTop) / f);
    bandTop = int(float(bandTop) / f);
    // Order: main strokes by their left edge; small marks above the band's middle (dots,
    // accents, bars) after the last main stroke starting left of their centre.
    struct Item
    {
        float key;
        int order;
        std::size_t index;
    };
    std::vector<Item> items;
    std::vector<std::pair<float, std::size_t>> mains;
    std::vector<std::size_t> marks;
    for (std::size_t i = 0; i < strokes.size(); ++i) {
        const cv::Rect2f box = cv::boundingRect(strokes[i]);
        const bool small = pathLength(strokes[i]) < 0.8f * xHeight;
        const bool high = box.y + box.height < bandTop + 0.4f * xHeight;
        if (small && high)
            marks.push_back(i);
        else
            mains.emplace_back(box.x, i);
    }
    std::sort(mains.begin(), mains.end());
    std::vector<std::vector<std::size_t>> after(mains.size() + 1);
    for (std::size_t m : marks) {
        const cv::Rect2f box = cv::boundingRect(strokes[m]);
        const float cx = box.x + 0.5f * box.width;
        std::size_t slot = 0;
        while (slot < mains.size() && mains[slot].first <= cx)
            ++slot;
        after[slot].push_back(m);  // slot 0: before every main stroke
    }
    for (auto& a : after)
        std::sort(a.begin(), a.end(), [&](std::size_t x, std::size_t y) {
            return cv::boundingRect(strokes[x]).x < cv::boundingRect(strokes[y]).x;
        });
    std::vector<std::size_t> order(after[0]);
    for (std::size_t k = 0; k < mains.size(); ++k) {
        order.push_back(mains[k].second);
        order.insert(order.end(), after[k + 1].begin(), after[k + 1].end());
    }

    // Redrawn with the writer's pen.
    const Pen pen = writerPen(o.writerSeed ? o.writerSeed : seed, o, xHeight);
    nn::Rng rng(nn::mixSeed(seed, 0x6a6974));
    Ink ink;
    float t = 0;
    cv::Point2f last;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto& path = strokes[order[k]];
        if (path.empty())
            continue;
        if (!ink.strokes.empty())
            t += float(cv::norm(path.front() - last)) / (1.5f * pen.speed)
                 + rng.uniform(pen.pauseMin, pen.pauseMax);
        Stroke s = penStroke(path, pen, xHeight, t, o.jitter, rng);
        if (s.points.empty())
            continue;
        t = s.points.back().t;
        last = path.back();
        ink.strokes.push_back(std::move(s));
    }
    return ink;
}

cv::Mat drawInkAt(const imaging::Ink& ink, cv::Size size, float width)
{
    cv::Mat out(size, CV_8UC1, cv::Scalar(255));
    constexpr int kShift = 3;
    auto fixed = [](const InkPoint& p) {
        return cv::Point(int(std::lround(p.x * (1 << kShift))),
                         int(std::lround(p.y * (1 << kShift))));
    };
    for (const auto& s : ink.strokes) {
        if (s.points.size() == 1) {
            cv::circle(out, fixed(s.points[0]), std::max(1, int(width * 0.5f)) << kShift,
                       cv::Scalar(0), cv::FILLED, cv::LINE_AA, kShift);
            continue;
        }
        for (std::size_t i = 1; i < s.points.size(); ++i) {
            const float p = 0.5f * (s.points[i - 1].pressure + s.points[i].pressure);
            const int w = std::max(1, int(std::lround(width * (0.5f + p))));
            cv::line(out, fixed(s.points[i - 1]), fixed(s.points[i]), cv::Scalar(0), w, cv::LINE_AA,
                     kShift);
        }
    }
    return out;
}

cv::Mat restrokePreview(const cv::Mat& gray, const imaging::Ink& ink, float strokeWidth,
                        const RestrokeTrace* trace)
{
    // Each stroke in its own tone, cycling through dark grays.
    cv::Mat drawn(gray.size(), CV_8UC1, cv::Scalar(255));
    static constexpr std::array<int, 4> kTones = {0, 90, 40, 130};
    for (std::size_t i = 0; i < ink.strokes.size(); ++i) {
        imaging::Ink one;
        one.strokes.push_back(ink.strokes[i]);
        const cv::Mat s = drawInkAt(one, gray.size(), std::max(1.f, 0.4f * strokeWidth));
        drawn.setTo(kTones[i % kTones.size()], s < 128);
        if (!one.strokes[0].points.empty()) {  // where the stroke starts
            const auto& p0 = one.strokes[0].points.front();
            cv::circle(drawn, cv::Point(int(p0.x), int(p0.y)), 2,
                       cv::Scalar(kTones[i % kTones.size()]), 1);
        }
    }
    imaging::RasterOptions raster;
    raster.height = gray.rows;
    const imaging::LineImage line = imaging::inkToLine(ink, raster);
    cv::Mat read(gray.rows, gray.cols, CV_8UC1, cv::Scalar(255));
    if (!line.empty()) {
        const cv::Mat pixels(line.height, line.width, CV_32F,
                             const_cast<float*>(line.pixels.data()));
        cv::Mat g;
        pixels.convertTo(g, CV_8U, -255.0, 255.0);
        const int w = std::min(g.cols, read.cols);
        g(cv::Rect(0, 0, w, g.rows)).copyTo(read(cv::Rect(0, 0, w, g.rows)));
    }
    cv::Mat sep(2, gray.cols, CV_8UC1, cv::Scalar(160)), out;
    std::vector<cv::Mat> rows{gray, sep};
    if (trace && trace->binary.size() == gray.size() && trace->skeleton.size() == gray.size()) {
        cv::Mat cleaned = 255 - trace->binary / 2;
        cleaned.setTo(0, trace->skeleton);
        rows.insert(rows.end(), {cleaned, sep});
    }
    rows.insert(rows.end(), {drawn, sep, read});
    cv::vconcat(rows, out);
    return out;
}

}  // namespace inklens::training
