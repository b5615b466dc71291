#pragma once
// Levenshtein distance and one optimal alignment (unit costs), over any sequences with
// operator[] and size() (std::vector, std::u32string): the error rates of the trainer and
// the evaluator (training/metrics.h) and the differences the decoder comparison marks
// (ui/inspect). Header-only, so that both sides of the link graph share it.

#include <algorithm>
#include <cstddef>
#include <vector>

namespace inklens::ctc {

// The number of insertions, deletions and substitutions that turn a into b. O(|b|) memory.
template<typename Seq>
int editDistance(const Seq& a, const Seq& b)
{
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min(
                {prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// One step of an alignment of a with b: a[i] kept or replaced by b[j], a[i] deleted (j
// unused), or b[j] inserted (i unused).
struct EditStep
{
    enum Kind { Match, Substitute, Delete, Insert } kind;
    std::size_t i, j;
};

// An optimal alignment, from the END of both sequences to their start (the order of the
// backtrack). Ties prefer a match or substitution, then a deletion, then an insertion.
template<typename Seq>
std::vector<EditStep> editAlignmentBackwards(const Seq& a, const Seq& b)
{
    const std::size_t n = a.size(), m = b.size();
    // d[i][j]: distance between the first i of a and the first j of b
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
    for (std::size_t i = 0; i <= n; ++i)
        d[i][0] = int(i);
    for (std::size_t j = 0; j <= m; ++j)
        d[0][j] = int(j);
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j)
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::vector<EditStep> steps;
    std::size_t i = n, j = m;
    while (i > 0 || j > 0) {
        if (i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)) {
            steps.push_back(
                {a[i - 1] == b[j - 1] ? EditStep::Match : EditStep::Substitute, i - 1, j - 1});
            --i, --j;
        } else if (i > 0 && d[i][j] == d[i - 1][j] + 1) {
            steps.push_back({EditStep::Delete, i - 1, 0});
            --i;
        } else {
            steps.push_back({EditStep::Insert, i, j - 1});
            --j;
        }
    }
    return steps;
}

}  // namespace inklens::ctc
