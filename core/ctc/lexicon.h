#pragma once
// A word list over labels for the beam search (decode.h, BeamOptions::lexicon): a word is
// a maximal run of word labels (letters); every other label separates words. Lookups go
// through a folding map (e.g. upper case -> lower case), so "Maison" is found as "maison".
//
// The decoder walks the lexicon's trie along each prefix: a state is a trie node (the
// current word so far is a prefix of some lexicon word), kRoot between words, or kOutside
// (the current word has left the lexicon). Everything is labels: model::lexiconFromWords()
// builds one from text for a charset.

#include <cstddef>
#include <vector>

namespace inklens::ctc {

class Lexicon
{
public:
    static constexpr int kRoot = 0;
    static constexpr int kOutside = -1;

    // wordLabel[c] != 0: label c belongs to words; fold[c]: the label c is looked up as.
    // Both have one entry per label (the blank, 0, included); the blank is never a word
    // label, and fold must map word labels to word labels. Throws nn::EngineError otherwise.
    Lexicon(std::vector<char> wordLabel, std::vector<int> fold);

    int numLabels() const { return int(m_wordLabel.size()); }
    bool isWordLabel(int label) const { return m_wordLabel[std::size_t(label)] != 0; }
    int fold(int label) const { return m_fold[std::size_t(label)]; }

    // Adds every word (run of word labels) of a label sequence; labels out of range throw
    // nn::EngineError. Returns the number of words added that were not there yet.
    int addWords(const std::vector<int>& labels);
    std::size_t size() const { return m_words; }  // distinct words
    bool contains(const std::vector<int>& word) const;

    // The state after `label` (a word label) from `state`: kOutside once no lexicon word
    // continues so (and from kOutside).
    int next(int state, int label) const;
    // Whether the word read so far (state) is a complete lexicon word.
    bool isWord(int state) const { return state > 0 && m_nodes[std::size_t(state)].word; }

private:
    struct Node
    {
        int firstChild = -1;
        int nextSibling = -1;
        int label = 0;  // folded
        bool word = false;
    };
    int child(int node, int label) const;

    std::vector<char> m_wordLabel;
    std::vector<int> m_fold;
    std::vector<Node> m_nodes;  // node 0: the root
    std::size_t m_words = 0;
};

// The number of words in `labels` (runs of word labels) that are not in the lexicon.
int countOutOfLexicon(const Lexicon& lexicon, const std::vector<int>& labels);

}  // namespace inklens::ctc
