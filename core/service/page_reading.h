#pragma once
// A page (a picture of several lines, or ink with several lines) read line by line: the
// result the page view, `inklens recognize` on a page and the exports (ALTO, PAGE XML,
// hOCR, text) share. Qt Core/Gui.

#include "imaging/ink_lines.h"
#include "imaging/page_layout.h"
#include "reading/reader.h"

#include <QSize>
#include <QString>

#include <atomic>
#include <functional>
#include <vector>

namespace inklens::service {

struct PageLineReading
{
    imaging::PageLine line;    // in the original picture's pixels (ink: the ink's units)
    QString text;              // what was read (or what the user corrected it to)
    double confidence = 0;     // 0..1
    reading::Reading reading;  // the reading itself (empty for a line read from a file)
};

struct PageReading
{
    QString error;  // why the page was not read; empty when it was
    QString file;   // the source file, if any
    QSize size;     // the original picture's size (ink: the ink's bounds)
    bool isInk = false;
    bool cancelled = false;
    std::vector<PageLineReading> lines;  // in reading order
    bool ok() const { return error.isEmpty(); }
    QString text() const;  // the lines' text joined by "\n", in reading order
};

// A line's reading as the page keeps it (text and confidence from the recognition).
PageLineReading lineReading(imaging::PageLine line, reading::Reading reading);

// progress(done, total) is called after each line is read (from the calling thread).
using PageProgress = std::function<void(int done, int total)>;

// Analyses and reads a page picture. gray is the picture as analysed (perhaps downscaled
// from the original); scale = original size / analysed size, applied to every polygon and
// baseline. Never throws.
PageReading readPage(const reading::Reader& reader, const cv::Mat& gray, double scale,
                     const reading::ReadOptions& options, const PageProgress& progress = {},
                     const std::atomic_bool* cancel = nullptr);

// Whether ink is a page, read line by line (readInkPage), rather than one line read as
// one: it splits into two lines or more (imaging::splitInkLines). The window (the
// recognition service) and `inklens recognize` decide with it. lines, when given, gets
// the split (so that it is made once).
bool isInkPage(const imaging::Ink& ink, std::vector<imaging::InkLine>* lines = nullptr);

// The lines of ink (imaging::splitInkLines) as readInkPage gives them, without reading
// them: the outline is the hull of the line's strokes, the baseline the bottom of its
// x-height band (`inklens segment` on InkML).
std::vector<imaging::PageLine> inkPageLines(const imaging::Ink& ink);

// Splits ink into lines (imaging::splitInkLines) and reads each; a line's polygon is its
// box. Never throws.
PageReading readInkPage(const reading::Reader& reader, const imaging::Ink& ink,
                        const reading::ReadOptions& options, const PageProgress& progress = {},
                        const std::atomic_bool* cancel = nullptr);

}  // namespace inklens::service
