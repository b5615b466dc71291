#pragma once
// Ink with several lines of writing (a paragraph drawn on the canvas, a multi-line InkML
// file) -> its lines, each a set of strokes, top to bottom. Strokes are grouped by their
// baseline; delayed strokes (i-dots, t-bars, accents, a crossed-out word) stay with the
// line of the letters they belong to. Qt-free.

#include "imaging/ink.h"

#include <vector>

namespace inklens::imaging {

struct InkLine
{
    std::vector<int> strokes;  // indices into Ink::strokes, in the order they were written
    cv::Rect2f box;            // the strokes' bounds, in the ink's units
};

// One line for ink written on one line (the common case; then strokes lists every stroke);
// none for empty ink. Unit-free: the same ink scaled or shifted splits the same way.
std::vector<InkLine> splitInkLines(const Ink& ink);

// The ink of one line (its strokes, in writing order).
Ink lineInk(const Ink& ink, const InkLine& line);

}  // namespace inklens::imaging
