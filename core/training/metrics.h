#pragma once
// Character and word error rates: Levenshtein distance over code points (CER) and over
// space-separated words (WER), both on normalizeText()'d strings (NFC, whitespace
// collapsed), divided by the length of the reference.

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace inklens::training {

template <typename T>
int editDistance(const std::vector<T>& a, const std::vector<T>& b)
{
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

struct ErrorRates {
    long charErrors = 0, chars = 0, wordErrors = 0, words = 0, lines = 0;
    // Substitutions reference -> hypothesis, counted over an alignment (for "most confused").
    std::map<std::pair<std::u32string, std::u32string>, int> confusions;

    // Adds one line; returns its own (charErrors, chars).
    std::pair<int, int> add(std::string_view reference, std::string_view hypothesis);
    void merge(const ErrorRates& other);
    double cer() const { return chars ? double(charErrors) / double(chars) : 0.0; }
    double wer() const { return words ? double(wordErrors) / double(words) : 0.0; }
    // The n most frequent substitutions/deletions/insertions as "ref -> hyp: count".
    std::vector<std::pair<std::string, int>> mostConfused(int n) const;
};

}  // namespace inklens::training
