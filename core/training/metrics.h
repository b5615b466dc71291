#pragma once
// Character and word error rates: Levenshtein distance over code points (CER) and over
// space-separated words (WER), both on normalizeText()'d strings (NFC, whitespace
// collapsed), divided by the length of the reference.

#include "ctc/edit_distance.h"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace inklens::training {

using ctc::editDistance;  // ctc/edit_distance.h

// The words of s: the runs of characters between spaces.
std::vector<std::u32string> splitWords(const std::u32string& s);

struct ErrorRates
{
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
