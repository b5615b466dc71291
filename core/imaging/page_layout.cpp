#include "imaging/page_layout.h"

#include "imaging/line_detection.h"
#include "imaging/page_binarize.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace inklens::imaging {

PageLayout PageLayout::scaled(double factor) const
{
    PageLayout out = *this;
    out.size = cv::Size(cvRound(size.width * factor), cvRound(size.height * factor));
    const auto scale = [factor](std::vector<cv::Point2f>& points) {
        for (cv::Point2f& p : points)
            p *= static_cast<float>(factor);
    };
    for (PageLine& line : out.lines) {
        scale(line.polygon);
        scale(line.baseline);
    }
    return out;
}

int PageLayout::textRows(const std::vector<PageLine>& lines)
{
    struct Span { float top, bottom; };
    std::vector<Span> spans;
    for (const PageLine& line : lines) {
        if (line.polygon.empty())
            continue;
        Span s{line.polygon[0].y, line.polygon[0].y};
        for (const cv::Point2f& p : line.polygon) {
            s.top = std::min(s.top, p.y);
            s.bottom = std::max(s.bottom, p.y);
        }
        spans.push_back(s);
    }
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.top + a.bottom < b.top + b.bottom; });
    std::vector<Span> rows;
    for (const Span& s : spans) {
        const auto overlaps = [&s](const Span& row) {
            const float common = std::min(s.bottom, row.bottom) - std::max(s.top, row.top);
            return common >= 0.5f * std::min(s.bottom - s.top, row.bottom - row.top);
        };
        const auto row = std::find_if(rows.begin(), rows.end(), overlaps);
        if (row == rows.end()) {
            rows.push_back(s);
        } else {
            row->top = std::min(row->top, s.top);
            row->bottom = std::max(row->bottom, s.bottom);
        }
    }
    return static_cast<int>(rows.size());
}

namespace {

bool stop(const std::atomic_bool* cancel)
{
    return cancel && cancel->load();
}

// Rotation by `angle` (radians) about `centre`: the deskewed picture's point for a point of
// the picture (forward), and back (inverse).
cv::Point2f rotate(cv::Point2f p, cv::Point2f centre, double angle)
{
    const auto c = static_cast<float>(std::cos(angle)), s = static_cast<float>(std::sin(angle));
    const cv::Point2f d = p - centre;
    return centre + cv::Point2f(d.x * c - d.y * s, d.x * s + d.y * c);
}

// Small fragments at the picture's edge: a few letters' worth of ink (under ten component
// heights of stroke) touching the edge are the page's dark border, a torn corner or a
// neighbouring page, not text to read. (Small fragments elsewhere stay: a page number, a
// fraction or a short word alone under the text is text; measured, dropping them took a
// transcribed "1/2" with the stamps' remnants.)
using Dropped = std::vector<std::pair<DetectedLine, const char*>>;

// Removes the lines `drop` holds for, keeping them in `dropped` (when given) with `why`.
template <class Predicate>
void dropIf(std::vector<DetectedLine>& lines, Predicate drop, Dropped* dropped, const char* why)
{
    std::erase_if(lines, [&](const DetectedLine& l) {
        if (!drop(l))
            return false;
        if (dropped)
            dropped->emplace_back(l, why);
        return true;
    });
}

void dropEdgeFragments(std::vector<DetectedLine>& lines, const TextScale& scale, cv::Size size,
                       Dropped* dropped)
{
    const double h = scale.height, margin = 0.5 * h;
    dropIf(lines, [&](const DetectedLine& l) {
        const cv::Rect box = cv::boundingRect(l.polygon);
        return l.inkPixels / scale.stroke < 10 * h
               && (box.x < margin || box.y < margin || box.br().x > size.width - margin
                   || box.br().y > size.height - margin);
    }, dropped, "edge");
}

// Lines that are no handwriting to read: print much smaller than the page's writing, typeset
// lines, pictures, small fragments at the picture's edge. pageFragments: how many pieces the
// page's writing makes (DetectedLine::fragments, ink-weighted median), when the lines are
// not the page's own (the turned writing's few lines); < 0: the lines' own. Returns the
// value used.
double dropNonText(std::vector<DetectedLine>& lines, const TextScale& scale, cv::Size size,
                   double pageFragments = -1, Dropped* dropped = nullptr)
{
    // The ink-weighted median of a measure over the lines.
    const auto typical = [&](auto measure) {
        std::vector<std::pair<double, double>> sizes;
        double total = 0;
        for (const DetectedLine& l : lines)
            sizes.emplace_back(measure(l), l.inkPixels), total += l.inkPixels;
        std::sort(sizes.begin(), sizes.end());
        double acc = 0;
        for (const auto& [size, weight] : sizes)
            if ((acc += weight) >= 0.5 * total)
                return size;
        return sizes.empty() ? 0.0 : sizes.back().first;
    };
    // Print: lines whose writing is much smaller than the page's, in the height of their
    // components (and, when less clearly so, in the height of their x-band too) (the
    // printed consent text above a handwritten page). Judged against the ink-weighted
    // medians of the lines.
    if (lines.size() >= 2) {
        const double component = typical([](const DetectedLine& l) { return l.componentHeight; });
        const double band = typical([](const DetectedLine& l) { return l.xHeight; });
        dropIf(lines, [&](const DetectedLine& l) {
            return l.componentHeight < 0.4 * component
                   || (l.componentHeight < 0.5 * component && l.xHeight < 0.5 * band);
        }, dropped, "print");
    }
    // Typeset lines (a letterhead, a printed form, a stamp's lettering) beside handwriting:
    // their letters stand on one straight line (DetectedLine::typeset; the handwriting of
    // the Copiste and Testaments pages measured under 0.7). A picture of print alone keeps
    // its lines (a printed line opened to be read).
    const auto typeset = [](const DetectedLine& l) { return l.typeset >= 0.8; };
    if (!std::all_of(lines.begin(), lines.end(), typeset))
        dropIf(lines, typeset, dropped, "typeset");
    // Pictures (a revenue stamp's engraving, a seal): "lines" under 15 component heights
    // long whose ink falls apart into hatching and stipple, in six pieces or more per
    // component height and in 2.5 times as many as the page's writing (DetectedLine::
    // fragments; writing: one to three, up to five in a pale or small hand, and on a page
    // where the writing itself breaks up, a small photo, its lines break up alike). A long
    // line stays whatever its pieces.
    if (pageFragments < 0)
        pageFragments = typical([](const DetectedLine& l) { return l.fragments; });
    const double fragments = std::max(6.0, 2.5 * pageFragments);
    dropIf(lines, [&](const DetectedLine& l) {
        const double length = l.baseline.back().x - l.baseline.front().x;
        return l.fragments >= fragments && length < 15 * scale.height;
    }, dropped, "picture");
    dropEdgeFragments(lines, scale, size, dropped);
    return pageFragments;
}

// Lines of writing running up or down the page: the ink turned a quarter (clockwise: writing
// going up the page then reads left to right; anticlockwise when the lines found that way
// stand upside down, imaging::ascenderBalance), lines found, filtered and ordered there, and
// turned back into the ink's coordinates.
std::vector<DetectedLine> turnedLines(const cv::Mat& ink, const TextScale& pageScale,
                                      double pageFragments)
{
    if (ink.empty())
        return {};
    // Notes are often written smaller and closer than the page: their own line spacing
    // (the page's when theirs cannot be told).
    cv::Mat up;
    cv::rotate(ink, up, cv::ROTATE_90_CLOCKWISE);
    TextScale scale = pageScale;
    if (const TextScale own = estimateTextScale(up);
        own.spacing > 0 && own.spacing < pageScale.spacing)
        scale.spacing = std::max(own.spacing, 0.6 * pageScale.spacing);
    std::vector<DetectedLine> lines = detectLines(up, scale);
    bool clockwise = true;
    if (ascenderBalance(up, lines, scale) < 0) {
        cv::rotate(ink, up, cv::ROTATE_90_COUNTERCLOCKWISE);
        lines = detectLines(up, scale);
        clockwise = false;
    }
    dropNonText(lines, scale, up.size(), pageFragments);
    orderLines(lines, scale);
    // Clockwise took (x, y) to (rows - y, x); anticlockwise to (y, cols - x).
    const auto W = float(ink.cols), H = float(ink.rows);
    const auto back = [&](std::vector<cv::Point2f>& points) {
        for (cv::Point2f& p : points)
            p = clockwise ? cv::Point2f(p.y, H - p.x) : cv::Point2f(W - p.y, p.x);
    };
    for (DetectedLine& l : lines) {
        back(l.polygon);
        back(l.baseline);
        back(l.centre);
    }
    return lines;
}

}  // namespace

// gray ─ downscaled to the analysis size ─ background (closing at 1/8) ─ divided out ─
// Sauvola ─ skew ─ deskewed ─ rules removed ─ turned writing taken apart ─ lines
// (line_detection.h) ─ print, type and edge fragments dropped ─ reading order ─ the turned
// writing's lines after them ─ back to the picture's pixels.
PageLayout analyzePage(const cv::Mat& gray, const PageOptions& options,
                       const std::atomic_bool* cancel)
{
    PageLayout layout;
    layout.size = gray.size();
    if (gray.empty() || gray.cols < 16 || gray.rows < 16)
        return layout;
    CV_Assert(gray.type() == CV_8UC1);
    // The analysis resolution: lines need no more than ~1600 pixels a side.
    const int longSide = std::max(gray.cols, gray.rows);
    const int workSide = std::min(options.maxAnalysisSide, 1600);
    const double scale = longSide > workSide ? double(workSide) / longSide : 1.0;
    cv::Mat work;
    if (scale < 1)
        cv::resize(gray, work, cv::Size(), scale, scale, cv::INTER_AREA);
    else
        work = gray;
    const int side = std::max(work.cols, work.rows);

    const cv::Mat background = estimateBackground(work, side / 25);
    cv::Mat normalized = normalizeIllumination(work, background);
    if (stop(cancel))
        return layout.cancelled = true, layout;
    const int window = std::max(15, side / 40) | 1;
    cv::Mat ink = binarizeSauvola(normalized, window);
    // Off the page (the scanner's lid, the table under a photo), with a margin: the paper's
    // edge itself is no text.
    {
        cv::Mat off = offPageMask(background);
        const int margin = std::max(3, side / 150) | 1;
        cv::dilate(off, off, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(margin, margin)));
        ink.setTo(0, off);
    }

    // Skew on the ink at half the resolution, rules included (they run with the lines).
    cv::Mat half;
    cv::resize(ink, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    cv::threshold(half, half, 100, 255, cv::THRESH_BINARY);
    constexpr double maxSkew = 10 * 3.14159265358979 / 180;
    layout.skew = estimateSkew(half, maxSkew);
    const cv::Point2f centre(0.5f * float(work.cols), 0.5f * float(work.rows));
    if (std::abs(layout.skew) > 0.002) {
        const double c = std::cos(layout.skew), s = std::sin(layout.skew);
        const cv::Matx23d m(c, -s, centre.x - c * centre.x + s * centre.y,  //
                            s, c, centre.y - s * centre.x - c * centre.y);
        cv::Mat rotated;
        cv::warpAffine(ink, rotated, cv::Mat(m), ink.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                       0);
        cv::threshold(rotated, ink, 127, 255, cv::THRESH_BINARY);
    }
    if (stop(cancel))
        return layout.cancelled = true, layout;

    // Ruled lines, margins, frames and the page's edges out.
    const TextScale firstScale = estimateTextScale(ink);
    const cv::Mat rules = ruleMask(
        ink, std::max(work.cols / 12, static_cast<int>(2 * firstScale.height)),
        static_cast<int>(0.6 * firstScale.height));
    ink.setTo(0, rules);
    const TextScale textScale = estimateTextScale(ink);
    // Writing that runs up or down the page (a note along the margin) is found apart, turned.
    cv::Mat turnedInk;
    if (const cv::Mat turned = turnedTextMask(ink, textScale); !turned.empty()) {
        ink.copyTo(turnedInk, turned);
        ink.setTo(0, turned);
    }
    if (options.inkOut)
        ink.copyTo(*options.inkOut);
    std::vector<DetectedLine> lines = detectLines(ink, textScale);
    Dropped dropped;
    const double pageFragments = dropNonText(lines, textScale, ink.size(), -1,
                                             options.droppedOut ? &dropped : nullptr);
    orderLines(lines, textScale);
    // The turned lines after the page's own, each of their blocks after the last one.
    int blocks = 0;
    for (const DetectedLine& l : lines)
        blocks = std::max(blocks, l.block + 1);
    for (DetectedLine& l : turnedLines(turnedInk, textScale, pageFragments)) {
        l.block += blocks;
        lines.push_back(std::move(l));
    }
    if (stop(cancel))
        return layout.cancelled = true, layout;

    const auto back = [&](cv::Point2f p) {
        const cv::Point2f q = rotate(p, centre, -layout.skew);
        const auto f = static_cast<float>(1.0 / scale);
        cv::Point2f out(q.x * f, q.y * f);
        out.x = std::clamp(out.x, 0.0f, float(gray.cols));
        out.y = std::clamp(out.y, 0.0f, float(gray.rows));
        return out;
    };
    const auto pageLine = [&](const DetectedLine& l) {
        PageLine line;
        for (const cv::Point2f& p : l.polygon)
            line.polygon.push_back(back(p));
        for (const cv::Point2f& p : l.baseline)
            line.baseline.push_back(back(p));
        line.block = l.block;
        return line;
    };
    for (const DetectedLine& l : lines)
        layout.lines.push_back(pageLine(l));
    if (options.droppedOut)
        for (const auto& [l, why] : dropped)
            options.droppedOut->push_back({pageLine(l), why});
    return layout;
}

cv::Mat cropLine(const cv::Mat& gray, const PageLine& line)
{
    std::vector<cv::Point> outline;
    for (const cv::Point2f& p : line.polygon)
        outline.emplace_back(cvRound(p.x), cvRound(p.y));
    const cv::Rect box = cv::boundingRect(outline) & cv::Rect(0, 0, gray.cols, gray.rows);
    if (box.empty())
        return {};
    cv::Mat mask = cv::Mat::zeros(box.size(), CV_8U);
    for (cv::Point& p : outline)
        p -= box.tl();
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{outline}, 255);
    cv::Mat crop(box.size(), CV_8U, cv::Scalar(paperGray(gray(box))));
    gray(box).copyTo(crop, mask);
    // A line written up or down the page (a margin note) is turned to read left to right.
    if (line.baseline.size() >= 2) {
        const cv::Point2f d = line.baseline.back() - line.baseline.front();
        if (std::abs(d.y) > 2 * std::abs(d.x)) {
            cv::Mat turned;
            cv::rotate(crop, turned,
                       d.y < 0 ? cv::ROTATE_90_CLOCKWISE : cv::ROTATE_90_COUNTERCLOCKWISE);
            return turned;
        }
    }
    return crop;
}

}  // namespace inklens::imaging
