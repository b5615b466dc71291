#pragma once
// Text lines in a page's ink (imaging::analyzePage, after binarization, deskew and rule
// removal). OpenCV core/imgproc.
//
//   ink ─ components ─ scale (x-height, line spacing)
//         └─ anisotropic density (wide along the line, narrow across) ─ ridges per column
//            ─ tracked into line centres ─ components assigned (split when they span two
//            lines) ─ per line: outline from its own ink, baseline at the x-band's foot
//         ─ lines cut at wide gaps in their ink (a note on the same row)
//   lines ─ blocks (columns, margin notes) ─ reading order
//   turnedTextMask: the writing that runs up or down the page, to be found turned
//
// Coordinates are the ink image's pixels.

#include <opencv2/core.hpp>

#include <vector>

namespace inklens::imaging {

// The writing's scale on a page: the median height of its connected components (about a
// x-height and a half for cursive) and the distance between consecutive lines.
struct TextScale
{
    double height = 0;   // median component height, pixels
    double spacing = 0;  // line to line, pixels (autocorrelation of the rows' ink)
    double stroke = 0;   // the pen's width, pixels (median horizontal run of ink)
};

TextScale estimateTextScale(const cv::Mat& ink);

struct DetectedLine
{
    std::vector<cv::Point2f> polygon;   // clockwise: along the top left to right, back below
    std::vector<cv::Point2f> baseline;  // left to right
    std::vector<cv::Point2f> centre;    // the ridge of ink density the line was tracked on
    double componentHeight = 0;         // ink-weighted median height of its components
    double xHeight = 0;                 // rows around the centre holding most ink (print: small)
    double inkPixels = 0;
    double typeset = 0;    // the share of its ink in letters standing on one straight line (print)
    double fragments = 0;  // separate pieces of its ink per component height of its length
    int block = 0;
};

// The lines of a deskewed ink image (CV_8UC1, ink 255, rules removed), in no given order.
std::vector<DetectedLine> detectLines(const cv::Mat& ink, const TextScale& scale);

// Where the writing runs up or down the page (a note written along the margin, a page
// turned a quarter within the picture): at a coarse grid, the ink smoothed along the page's
// columns keeps twice the contrast (energy about the mean, over 1.2 line spacings) of the
// ink smoothed along its rows; grown along the columns by two spacings (the contrast fades
// before the lines end). The components of writing lying there, as a mask (CV_8UC1, 255),
// from the regions that hold at least two lines' worth of ink and whose ink's profile
// across the columns is more peaked than across the rows; empty when there are none.
cv::Mat turnedTextMask(const cv::Mat& ink, const TextScale& scale);

// Which way lines of Latin writing face: ink beyond the x-band above the centre (ascenders,
// capitals, accents: many) against below it (descenders: fewer). Positive when the lines
// are upright, negative when upside down. ink: the lines' ink image.
double ascenderBalance(const cv::Mat& ink, const std::vector<DetectedLine>& lines,
                       const TextScale& scale);

// Groups lines into blocks (lines that overlap horizontally and follow each other closely)
// and sorts them: wide blocks (columns) left to right, narrow ones (margin notes) after,
// each block's lines top to bottom. Sets DetectedLine::block.
void orderLines(std::vector<DetectedLine>& lines, const TextScale& scale);

}  // namespace inklens::imaging
