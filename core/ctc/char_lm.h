#pragma once
// A character n-gram language model over CTC labels, for the beam search (decode.h).
//
// Symbols are the labels 1..numLabels-1 of a charset plus the line boundary, which reuses
// label 0 (the CTC blank never occurs in text): 0 as context means "start of the line",
// 0 as predicted symbol means "end of the line". So the model predicts numLabels symbols.
//
// Smoothing: interpolated Witten-Bell, recursively down to the uniform distribution:
//   P(c | h) = (C(h c) + N1(h) P(c | h')) / (C(h) + N1(h))       when h was seen,
//   P(c | h) = P(c | h')                                         otherwise,
//   P(c | ε') = 1 / numLabels,
// with h' = h without its oldest symbol, C(h) = sum over c of C(h c) and N1(h) the number
// of distinct symbols seen after h. Stored as a(h c) = C(h c) / (C(h) + N1(h)) and
// gamma(h) = N1(h) / (C(h) + N1(h)), so a query is at most 2 * order hash lookups.
// Counts are weighted (a corpus can count half), and pruning (minCount) removes n-grams
// of order >= 3 BEFORE the statistics are computed, so every P(. | h) sums to exactly 1.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace inklens::ctc {

class CharNgramLm
{
public:
    static constexpr int kMaxOrder = 7;  // histories of up to 6 symbols

    struct Options
    {
        int order = 6;          // n: predicts a symbol from the n-1 before it
        double minCount = 0.0;  // n-grams of order >= 3 with a smaller count are dropped
    };

    // Accumulates counts; then finish() computes the model. Labels must be in
    // [1, numLabels) (throws nn::EngineError otherwise).
    class Builder
    {
    public:
        Builder(int numLabels, Options options);
        // A line of text: predicts each label and the end, starting from the line start.
        void addLine(const std::vector<int>& labels, double weight = 1.0);
        // A word out of context: counted as it appears inside running text, i.e. the
        // symbols of " word " are predicted from the first space on (separator = the
        // label of the space).
        void addWord(const std::vector<int>& labels, int separator, double weight = 1.0);
        CharNgramLm finish() const;

    private:
        void count(const std::vector<int>& seq, std::size_t firstPredicted, double weight);
        int m_numLabels;
        Options m_options;
        std::unordered_map<std::uint64_t, double> m_counts;  // key(h c) -> weighted count
    };

    CharNgramLm() = default;
    int order() const { return m_order; }
    int numLabels() const { return m_numLabels; }
    bool empty() const { return m_order == 0; }
    std::size_t ngramCount() const { return m_a.size(); }

    // log P(symbol | history); history holds the previous symbols oldest first (only the
    // last order-1 count; a history shorter than that which starts at the line start
    // must begin with 0). symbol in [0, numLabels), 0 = end of line.
    double logProb(const int* history, int historyLength, int symbol) const;

    // Log-probability of a whole line, end included (the history starts with 0).
    double lineLogProb(const std::vector<int>& labels) const;

    // Packed key of a symbol sequence of length <= kMaxOrder (exposed for the file format).
    static std::uint64_t key(const int* symbols, int length);
    static int keyLength(std::uint64_t key) { return int(key >> 56); }
    static int keySymbol(std::uint64_t key, int i) { return int((key >> (8 * i)) & 0xff); }

    // The stored tables (for the file format): n-gram key -> a, context key -> gamma.
    const std::unordered_map<std::uint64_t, float>& aTable() const { return m_a; }
    const std::unordered_map<std::uint64_t, float>& gammaTable() const { return m_gamma; }
    // Rebuilds a model from stored tables; throws nn::EngineError on an inconsistent
    // table (key longer than order, symbol out of range, value outside [0, 1]).
    static CharNgramLm fromTables(int order, int numLabels,
                                  std::unordered_map<std::uint64_t, float> a,
                                  std::unordered_map<std::uint64_t, float> gamma);

    // x with y mixed in at weight w (0..1) where y has seen the context: for each context
    // h that y saw,
    //   a(h c) = (1 - w) a_x(h c) + w a_y(h c),   gamma(h) = (1 - w) gamma_x(h) + w gamma_y(h)
    // (a context x never saw counts as a = 0, gamma = 1: it backs off whole); every other
    // context keeps x's a and gamma. Each context's a and gamma still sum to 1, so
    // P(c | h) = a(h c) + gamma(h) P(c | h') is a distribution. A small cache (a user's own
    // lines) thus changes the contexts it saw and leaves the general model alone elsewhere
    // (mixing everywhere would move w of every context's mass to the lower orders and read
    // worse). Order: the larger. Same numLabels (asserted).
    static CharNgramLm interpolate(const CharNgramLm& x, const CharNgramLm& y, double w);

private:
    void buildIndex();  // m_index from m_a and m_gamma

    // The query index: open addressing, linear probing, one slot per sequence holding
    // both its a (as an n-gram) and its gamma (as a context), -1 where it is not one.
    struct Slot
    {
        std::uint64_t key;
        float a, gamma;
    };
    static constexpr std::uint64_t kEmpty = ~std::uint64_t(0);  // length 255: never a key
    const Slot* find(std::uint64_t key) const;

    int m_order = 0;
    int m_numLabels = 0;
    std::unordered_map<std::uint64_t, float> m_a;
    std::unordered_map<std::uint64_t, float> m_gamma;
    std::vector<Slot> m_index;
    std::uint64_t m_mask = 0;
};

}  // namespace inklens::ctc
