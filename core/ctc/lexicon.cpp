#include "ctc/lexicon.h"

#include "nn/tensor.h"

#include <string>

namespace inklens::ctc {

Lexicon::Lexicon(std::vector<char> wordLabel, std::vector<int> fold)
    : m_wordLabel(std::move(wordLabel)), m_fold(std::move(fold))
{
    if (m_wordLabel.empty() || m_wordLabel.size() != m_fold.size())
        throw nn::EngineError("lexicon: word-label and fold maps need one entry per label");
    if (m_wordLabel[0])
        throw nn::EngineError("lexicon: the blank cannot be a word label");
    for (std::size_t c = 0; c < m_fold.size(); ++c) {
        const int f = m_fold[c];
        if (f < 0 || std::size_t(f) >= m_fold.size()
            || (m_wordLabel[c] && !m_wordLabel[std::size_t(f)]))
            throw nn::EngineError("lexicon: label " + std::to_string(c) + " folds to "
                                  + std::to_string(f) + ", not a word label in range");
    }
    m_nodes.emplace_back();
}

int Lexicon::child(int node, int label) const
{
    for (int c = m_nodes[std::size_t(node)].firstChild; c >= 0;
         c = m_nodes[std::size_t(c)].nextSibling)
        if (m_nodes[std::size_t(c)].label == label)
            return c;
    return kOutside;
}

int Lexicon::addWords(const std::vector<int>& labels)
{
    int added = 0;
    int node = kRoot;
    auto endWord = [&] {
        if (node != kRoot && !m_nodes[std::size_t(node)].word) {
            m_nodes[std::size_t(node)].word = true;
            ++m_words;
            ++added;
        }
        node = kRoot;
    };
    for (int c : labels) {
        if (c < 0 || c >= numLabels())
            throw nn::EngineError("lexicon: label " + std::to_string(c) + " out of range");
        if (!isWordLabel(c)) {
            endWord();
            continue;
        }
        const int f = fold(c);
        int k = child(node, f);
        if (k == kOutside) {
            k = int(m_nodes.size());
            Node n;
            n.label = f;
            n.nextSibling = m_nodes[std::size_t(node)].firstChild;
            m_nodes.push_back(n);
            m_nodes[std::size_t(node)].firstChild = k;
        }
        node = k;
    }
    endWord();
    return added;
}

int Lexicon::next(int state, int label) const
{
    if (state == kOutside)
        return kOutside;
    return child(state, fold(label));
}

bool Lexicon::contains(const std::vector<int>& word) const
{
    int state = kRoot;
    for (int c : word) {
        if (c < 0 || c >= numLabels() || !isWordLabel(c))
            return false;
        state = next(state, c);
    }
    return isWord(state);
}

int countOutOfLexicon(const Lexicon& lexicon, const std::vector<int>& labels)
{
    int count = 0;
    int state = Lexicon::kRoot;
    for (int c : labels) {
        if (lexicon.isWordLabel(c)) {
            state = lexicon.next(state, c);
            continue;
        }
        if (state != Lexicon::kRoot && !lexicon.isWord(state))
            ++count;
        state = Lexicon::kRoot;
    }
    if (state != Lexicon::kRoot && !lexicon.isWord(state))
        ++count;
    return count;
}

}  // namespace inklens::ctc
