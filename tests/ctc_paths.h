#pragma once
// Frame paths for the CTC tests' brute-force references (test_ctc, test_decode).

#include "ctc/ctc.h"

#include <vector>

namespace inklens::test {

// The label sequence a frame path reads as: repeats merged, then blanks dropped.
inline std::vector<int> collapse(const std::vector<int>& path)
{
    std::vector<int> out;
    int prev = ctc::kBlank;
    for (int s : path) {
        if (s != ctc::kBlank && s != prev)
            out.push_back(s);
        prev = s;
    }
    return out;
}

}  // namespace inklens::test
