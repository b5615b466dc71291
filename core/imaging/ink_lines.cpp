#include "imaging/ink_lines.h"

namespace inklens::imaging {

// First version: all the ink is one line. To be replaced by the grouping by baseline
// (issue #14).
std::vector<InkLine> splitInkLines(const Ink& ink)
{
    if (ink.empty())
        return {};
    InkLine line;
    for (int i = 0; i < static_cast<int>(ink.strokes.size()); ++i)
        line.strokes.push_back(i);
    line.box = ink.bounds();
    return {line};
}

Ink lineInk(const Ink& ink, const InkLine& line)
{
    Ink out;
    for (int i : line.strokes)
        out.strokes.push_back(ink.strokes.at(static_cast<std::size_t>(i)));
    return out;
}

}  // namespace inklens::imaging
