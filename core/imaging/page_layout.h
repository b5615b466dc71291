#pragma once
// A page picture -> its text lines, each with an outline (polygon) and a baseline, in
// reading order. Qt-free (OpenCV core/imgproc). What `inklens segment`, `inklens recognize`
// on a page, the page view and the page evaluation use (service::readPage reads the lines).
//
//   gray page ─ illumination/contrast ─ binarize ─ deskew ─ line detection ─ reading order
//                                                                 └─► PageLine{polygon, baseline}
//
// The stages: imaging/page_binarize.h (background by a closing at 1/8 divided out, Sauvola,
// what lies off the page, ruled lines and long strokes, the skew), imaging/line_detection.h
// (the writing's scale, ridges of an anisotropic ink density tracked into lines, components
// assigned and split between lines, cut at wide gaps, outlines, blocks and reading order;
// writing that runs up or down the page found turned a quarter); here: print much smaller
// than the writing, typeset lines beside handwriting, pictures (an engraving falling apart
// into many pieces) and small fragments at the picture's edge dropped. A turned line's baseline runs the way it is written (up or down the page).
//
// Coordinates are the given picture's pixels (x right, y down). A caller that analysed a
// downscaled copy scales them back (PageLayout::scaled).

#include <opencv2/core.hpp>

#include <atomic>
#include <vector>

namespace inklens::imaging {

struct PageLine
{
    std::vector<cv::Point2f> polygon;   // the line's outline, clockwise, not closed (>= 3 points)
    std::vector<cv::Point2f> baseline;  // left to right (>= 2 points)
    int block = 0;                      // its text block (column, margin note), in reading order
};

struct PageLayout
{
    cv::Size size;    // the analysed picture's size
    double skew = 0;  // the page's skew found, radians (positive: text rises to the right)
    std::vector<PageLine> lines;  // in reading order
    bool cancelled = false;       // stopped by the cancel flag; lines may be incomplete

    // The same layout in the coordinates of a picture `factor` times as large.
    PageLayout scaled(double factor) const;

    // The rows of text: lines side by side (a line split at a wide gap, a margin note beside
    // its line) are one row; a line is in a row when their heights overlap by at least half
    // the smaller one. One picture of a single line of writing has one row however it is cut.
    int rows() const { return textRows(lines); }
    static int textRows(const std::vector<PageLine>& lines);
};

// A line found and dropped as no text to read (diagnostics, PageOptions::droppedOut).
struct DroppedLine
{
    PageLine line;
    const char* why = "";  // "print", "typeset", "picture", "edge"
};

struct PageOptions
{
    // Pictures whose longer side exceeds this are analysed downscaled (the layout is given
    // back in the picture's own pixels); bounds time and memory. The analysis itself never
    // works above 1600 pixels a side (lines need no more).
    int maxAnalysisSide = 2400;
    // Diagnostics (optional): receives the ink the lines were found in (the analysis
    // resolution, deskewed, rules and turned writing taken out; CV_8UC1, ink 255).
    cv::Mat* inkOut = nullptr;
    // Diagnostics (optional): receives the lines of the page's own text dropped as no text
    // to read, and why.
    std::vector<DroppedLine>* droppedOut = nullptr;
};

// gray: CV_8UC1, dark ink on lighter paper (a scan or a phone photo). A page without
// handwriting (blank, print only) gives no lines. cancel (optional) is polled between stages.
PageLayout analyzePage(const cv::Mat& gray, const PageOptions& options = {},
                       const std::atomic_bool* cancel = nullptr);

// The line's pixels as the reader takes them (CV_8UC1, dark ink on light paper): the
// polygon's bounding box, the pixels outside the polygon set to the paper's gray (the box's
// 65th percentile, imaging::paperGray), so that neighbouring lines' ascenders and
// descenders do not show. A line written up or down the page (its baseline steeper than
// about 63 degrees) is turned a quarter to read left to right.
cv::Mat cropLine(const cv::Mat& gray, const PageLine& line);

}  // namespace inklens::imaging
