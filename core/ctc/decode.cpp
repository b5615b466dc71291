#include "ctc/decode.h"

#include "ctc/ctc.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

namespace inklens::ctc {

namespace {

constexpr double kNegInf = kLogZero;

// Trie of label prefixes for the beam search. Nodes are canonical: one node per label
// sequence (findOrAddChild looks the child up before adding it), so prefixes are
// identified, and merged, by node index. Node 0 is the empty prefix.
class PrefixTrie
{
public:
    explicit PrefixTrie(std::size_t capacity)
    {
        m_nodes.reserve(capacity);
        m_nodes.push_back({-1, kBlank, 0, -1, -1});
    }
    int parent(int node) const { return m_nodes[std::size_t(node)].parent; }
    int label(int node) const { return m_nodes[std::size_t(node)].label; }  // blank for the root
    int length(int node) const { return m_nodes[std::size_t(node)].length; }

    int findOrAddChild(int node, int label)
    {
        for (int c = m_nodes[std::size_t(node)].firstChild; c >= 0;
             c = m_nodes[std::size_t(c)].nextSibling)
            if (m_nodes[std::size_t(c)].label == label)
                return c;
        const int child = int(m_nodes.size());
        m_nodes.push_back(
            {node, label, length(node) + 1, -1, m_nodes[std::size_t(node)].firstChild});
        m_nodes[std::size_t(node)].firstChild = child;
        return child;
    }

    // Writes the labels of `node` to out[0 .. length(node)), returns the length.
    int labels(int node, int* out) const
    {
        const int len = length(node);
        for (int i = len - 1; i >= 0; --i, node = parent(node))
            out[i] = label(node);
        return len;
    }

private:
    struct Node
    {
        int parent;
        int label;
        int length;
        int firstChild;
        int nextSibling;
    };
    std::vector<Node> m_nodes;
};

// The language model and the word list, as seen by the search: the part of a prefix's
// rank that is not CTC,
//   bonus(prefix) = lmWeight * log P_lm(prefix) + lmBonus * |prefix| - oovPenalty * (words out of the lexicon),
// kept per trie node, plus what extending a prefix by a label and ending the line add.
// Without a language model and a word list every bonus is 0.
class PrefixScorer
{
public:
    PrefixScorer(const BeamOptions& options, int numClasses, const PrefixTrie& trie)
        : m_trie(trie),
          m_lm(options.lm),
          m_lex(options.lexicon),
          m_numClasses(numClasses),
          m_lmWeight(double(options.lmWeight)),
          m_lmBonus(double(options.lmBonus)),
          m_oov(double(options.oovPenalty)),
          m_historyMax(m_lm ? m_lm->order() - 1 : 0)
    {
        if (m_lm && m_lm->numLabels() != numClasses)
            throw nn::EngineError("ctcDecodeBeam: the language model has "
                                  + std::to_string(m_lm->numLabels()) + " symbols, the posteriors "
                                  + std::to_string(numClasses) + " classes");
        if (m_lex && m_lex->numLabels() != numClasses)
            throw nn::EngineError("ctcDecodeBeam: the lexicon has "
                                  + std::to_string(m_lex->numLabels()) + " labels, the posteriors "
                                  + std::to_string(numClasses) + " classes");
    }
    bool active() const { return m_lm || m_lex; }
    double bonus(int node) const { return m_bonus[std::size_t(node)]; }

    // The bonus of node + c, in three terms: the node's, the language model's for c, and
    // the word list's (a word that leaves the lexicon's trie with c, or that c ends as a
    // mere prefix of lexicon words, costs oovPenalty).
    double extended(int node, int c)
    {
        double b = bonus(node);
        b += m_lm ? m_lmWeight * lmLogProb(node, c) + m_lmBonus : 0.0;
        b += m_lex ? wordCost(lexState(node), c) : 0.0;
        return b;
    }
    // bonus(node) + what ending the line after it adds: log P_lm(end | node) and the cost
    // of a last word that is a mere prefix of lexicon words.
    double lineEnd(int node)
    {
        double end = 0;
        if (m_lm) {
            const int hlen = history(node);
            end += m_lmWeight * m_lm->logProb(m_history, hlen, 0);
        }
        if (m_lex)
            end += wordEndCost(lexState(node));
        return bonus(node) + end;
    }
    // A node enters the beam with this bonus; child of parent by label unless parent < 0.
    void enter(int node, int parent, int label, double bonus)
    {
        if (std::size_t(node) >= m_bonus.size()) {
            m_bonus.resize(std::size_t(node) + 1, 0.0);
            m_lexState.resize(std::size_t(node) + 1, Lexicon::kRoot);
        }
        m_bonus[std::size_t(node)] = bonus;
        if (m_lex && parent >= 0)
            m_lexState[std::size_t(node)] = m_lex->isWordLabel(label)
                                                ? m_lex->next(lexState(parent), label)
                                                : Lexicon::kRoot;
    }
    float lineLogProb(const std::vector<int>& labels) const
    {
        return m_lm ? float(m_lm->lineLogProb(labels)) : 0.f;
    }

private:
    int lexState(int node) const { return m_lexState[std::size_t(node)]; }
    double wordEndCost(int s) const { return s > 0 && !m_lex->isWord(s) ? -m_oov : 0.0; }
    double wordCost(int s, int c) const
    {
        if (m_lex->isWordLabel(c))
            return s != Lexicon::kOutside && m_lex->next(s, c) == Lexicon::kOutside ? -m_oov : 0.0;
        return wordEndCost(s);
    }
    // log P_lm(c | node), memoized (a prefix stays in the beam for many frames and is
    // extended by the same characters again): a row of C values per node, NaN until known.
    double lmLogProb(int node, int c)
    {
        if (std::size_t(node) >= m_lmRowOf.size())
            m_lmRowOf.resize(std::size_t(node) + 1, -1);
        int& row = m_lmRowOf[std::size_t(node)];
        if (row < 0) {
            row = int(m_lmRows.size() / std::size_t(m_numClasses));
            m_lmRows.resize(m_lmRows.size() + std::size_t(m_numClasses),
                            std::numeric_limits<float>::quiet_NaN());
        }
        float& v = m_lmRows[std::size_t(row) * std::size_t(m_numClasses) + std::size_t(c)];
        if (std::isnan(v)) {
            const int hlen = history(node);
            v = float(m_lm->logProb(m_history, hlen, c));
        }
        return double(v);
    }
    // The language model's history of node into m_history (its last order-1 labels,
    // preceded by the line start 0 when shorter); returns its length. Kept for the next
    // call, which is mostly about the same node.
    int history(int node)
    {
        if (node == m_historyNode)
            return m_historyLength;
        m_historyNode = node;
        int len = 0;
        int tmp[CharNgramLm::kMaxOrder];
        for (; len < m_historyMax && node > 0; ++len, node = m_trie.parent(node))
            tmp[len] = m_trie.label(node);
        if (len < m_historyMax)
            tmp[len++] = 0;  // the line start
        std::reverse_copy(tmp, tmp + len, m_history);
        m_historyLength = len;
        return len;
    }

    const PrefixTrie& m_trie;
    const CharNgramLm* m_lm;
    const Lexicon* m_lex;
    int m_numClasses;
    double m_lmWeight, m_lmBonus, m_oov;
    int m_historyMax;
    std::vector<double> m_bonus{0.0};             // per trie node in the beam
    std::vector<int> m_lexState{Lexicon::kRoot};  // per trie node: Lexicon::next along its labels
    std::vector<int> m_lmRowOf;                   // per trie node: its row in m_lmRows, -1: none
    std::vector<float> m_lmRows;
    int m_history[CharNgramLm::kMaxOrder];
    int m_historyNode = -1, m_historyLength = 0;  // whose history m_history holds
};

// A prefix in the beam.
struct BeamEntry
{
    int node;
    double pBlank;     // log p(frames so far, prefix, last frame blank)
    double pNonBlank;  // log p(frames so far, prefix, last frame its last label)
    double score() const { return logAdd(pBlank, pNonBlank); }
};

// A prefix at frame t+1: an existing beam entry (parentEntry < 0, node set) or an
// extension of beam entry parentEntry by label (node not created yet).
struct Candidate
{
    int node;
    int parentEntry;
    int label;
    double pBlank;
    double pNonBlank;
    double score;      // log p_ctc
    double bonus = 0;  // PrefixScorer's part of the rank
    double rank() const { return score + bonus; }
};

// CTC prefix beam search, one frame at a time:
//   extend  every prefix by a blank or a repeat of its last label (unchanged), and by each
//           label c (new), p_nb(prefix + c) += (p_b + p_nb) * y(c), or p_b * y(c) when c
//           repeats the last label;
//   merge   an extension that equals a prefix already in the beam into that prefix;
//   prune   to the beamWidth best by rank (ties: the smaller label sequence);
// and after the last frame,
//   finish  rank again with the end of the line and return the n best.
class BeamSearch
{
public:
    BeamSearch(const Eigen::Ref<const nn::Mat>& logProbs, const BeamOptions& options)
        : m_logProbs(logProbs),
          m_T(int(logProbs.rows())),
          m_C(int(logProbs.cols())),
          m_width(std::max(options.beamWidth, 1)),
          m_prune(double(options.pruneLogProb)),
          m_nbest(std::max(options.nbest, 1)),
          m_trie(1 + std::size_t(m_T) * std::size_t(m_width)),
          m_scorer(options, m_C, m_trie)
    {
        // Everything allocated once: at most `width` new trie nodes per frame, at most
        // width * C candidates per frame (width prefixes + width * (C-1) extensions).
        m_beam.reserve(std::size_t(m_width));
        m_next.reserve(std::size_t(m_width));
        m_cands.reserve(std::size_t(m_width) * std::size_t(std::max(m_C, 1)));
        m_order.reserve(m_cands.capacity());
        m_firstChild.resize(std::size_t(m_width));
        m_nextSibling.resize(std::size_t(m_width));
        m_seqA.resize(std::size_t(m_T) + 1);
        m_seqB.resize(std::size_t(m_T) + 1);
    }

    Decoding run()
    {
        m_beam.push_back({0, 0.0, kNegInf});  // empty prefix, probability 1
        for (int t = 0; t < m_T; ++t) {
            indexChildren();
            extendUnchanged(t);
            extendByLabels(t);
            prune();
        }
        return finish();
    }

private:
    double y(int t, int c) const { return double(m_logProbs(t, c)); }
    int lastLabel(const BeamEntry& e) const { return e.node != 0 ? m_trie.label(e.node) : kBlank; }

    // For merge: the beam entries whose parent prefix is also in the beam, as lists of
    // children per entry (extending that parent by their last label must merge into them,
    // not create a second copy).
    void indexChildren()
    {
        const int n = int(m_beam.size());
        std::fill_n(m_firstChild.begin(), n, -1);
        for (int j = 0; j < n; ++j) {
            m_nextSibling[std::size_t(j)] = -1;
            const int parentNode = m_trie.parent(m_beam[std::size_t(j)].node);
            for (int i = 0; i < n && parentNode >= 0; ++i) {
                if (m_beam[std::size_t(i)].node == parentNode) {
                    m_nextSibling[std::size_t(j)] = m_firstChild[std::size_t(i)];
                    m_firstChild[std::size_t(i)] = j;
                    break;
                }
            }
        }
    }
    // The beam entry that is entry i + c, or -1.
    int childEntry(int i, int c) const
    {
        int j = m_firstChild[std::size_t(i)];
        while (j >= 0 && m_trie.label(m_beam[std::size_t(j)].node) != c)
            j = m_nextSibling[std::size_t(j)];
        return j;
    }

    // Each prefix unchanged at frame t; candidate j is beam entry j:
    //   p_b'  = (p_b + p_nb) * y(blank)        -- emit a blank
    //   p_nb' = p_nb * y(last)                 -- repeat the last label (collapses)
    void extendUnchanged(int t)
    {
        m_cands.clear();
        for (const BeamEntry& e : m_beam) {
            const double pb = e.score() + y(t, kBlank);
            const double pnb = e.node != 0 ? e.pNonBlank + y(t, lastLabel(e)) : kNegInf;
            m_cands.push_back({e.node, -1, kBlank, pb, pnb, 0.0, m_scorer.bonus(e.node)});
        }
    }

    // Each prefix extended by each label c whose frame log-prob passes the pruning
    // threshold; merged into the candidate of prefix + c when that is in the beam.
    void extendByLabels(int t)
    {
        const int n = int(m_beam.size());
        for (int i = 0; i < n; ++i) {
            const BeamEntry& e = m_beam[std::size_t(i)];
            const int last = lastLabel(e);
            for (int c = 1; c < m_C; ++c) {
                if (y(t, c) < m_prune)
                    continue;
                const double p = (c == last ? e.pBlank : e.score()) + y(t, c);
                const int j = childEntry(i, c);
                if (j >= 0)
                    merge(j, p);
                else
                    m_cands.push_back({-1, i, c, kNegInf, p, 0.0, m_scorer.extended(e.node, c)});
            }
        }
    }
    void merge(int j, double pNonBlank)
    {
        m_cands[std::size_t(j)].pNonBlank = logAdd(m_cands[std::size_t(j)].pNonBlank, pNonBlank);
    }

    // Keep the best `width` candidates as the next beam, creating their trie nodes.
    void prune()
    {
        m_order.resize(m_cands.size());
        for (std::size_t k = 0; k < m_cands.size(); ++k) {
            m_cands[k].score = logAdd(m_cands[k].pBlank, m_cands[k].pNonBlank);
            m_order[k] = int(k);
        }
        const std::size_t keep = std::min(m_order.size(), std::size_t(m_width));
        std::partial_sort(m_order.begin(), m_order.begin() + std::ptrdiff_t(keep), m_order.end(),
                          [this](int a, int b) { return better(a, b); });
        m_next.clear();
        for (std::size_t k = 0; k < keep; ++k) {
            const Candidate& c = m_cands[std::size_t(m_order[k])];
            int node = c.node, parent = -1;
            if (c.parentEntry >= 0) {
                parent = m_beam[std::size_t(c.parentEntry)].node;
                node = m_trie.findOrAddChild(parent, c.label);
            }
            m_scorer.enter(node, parent, c.label, c.bonus);
            m_next.push_back({node, c.pBlank, c.pNonBlank});
        }
        std::swap(m_beam, m_next);
    }

    // The beam is sorted, best first; with a language model or a lexicon, rank again with
    // the end of the line. Then the n best, leaving out zero-probability prefixes but
    // keeping one entry.
    Decoding finish()
    {
        if (m_scorer.active()) {
            m_cands.clear();
            m_order.clear();
            for (const BeamEntry& e : m_beam) {
                m_order.push_back(int(m_cands.size()));
                m_cands.push_back({e.node, -1, kBlank, e.pBlank, e.pNonBlank, e.score(),
                                   m_scorer.lineEnd(e.node)});
            }
            std::sort(m_order.begin(), m_order.end(),
                      [this](int a, int b) { return better(a, b); });
            m_next.clear();
            for (int k : m_order)
                m_next.push_back(m_beam[std::size_t(k)]);
            std::swap(m_beam, m_next);
        }
        Decoding d;
        const std::size_t count = std::min(m_beam.size(), std::size_t(m_nbest));
        for (std::size_t k = 0; k < count; ++k) {
            const double score = m_beam[k].score();
            if (k > 0 && score == kNegInf)
                break;
            Hypothesis h;
            h.labels.resize(std::size_t(m_trie.length(m_beam[k].node)));
            m_trie.labels(m_beam[k].node, h.labels.data());
            h.chars = ctcAlign(m_logProbs, h.labels);
            h.logProb = float(score);
            h.lmLogProb = m_scorer.lineLogProb(h.labels);
            // After the re-ranking, m_beam[k] is candidate m_order[k].
            h.rankScore = m_scorer.active() ? float(m_cands[std::size_t(m_order[k])].rank())
                                            : h.logProb;
            d.nbest.push_back(std::move(h));
        }
        return d;
    }

    // Higher rank first; equal ranks: lexicographically smaller label sequence first.
    bool better(int a, int b)
    {
        const Candidate& ca = m_cands[std::size_t(a)];
        const Candidate& cb = m_cands[std::size_t(b)];
        if (ca.rank() != cb.rank())
            return ca.rank() > cb.rank();
        const int la = candidateLabels(ca, m_seqA.data());
        const int lb = candidateLabels(cb, m_seqB.data());
        return std::lexicographical_compare(m_seqA.data(), m_seqA.data() + la, m_seqB.data(),
                                            m_seqB.data() + lb);
    }
    // Labels of a candidate into out, returns the length.
    int candidateLabels(const Candidate& c, int* out) const
    {
        if (c.parentEntry < 0)
            return m_trie.labels(c.node, out);
        const int len = m_trie.labels(m_beam[std::size_t(c.parentEntry)].node, out);
        out[len] = c.label;
        return len + 1;
    }

    const Eigen::Ref<const nn::Mat>& m_logProbs;
    int m_T, m_C, m_width;
    double m_prune;
    int m_nbest;
    PrefixTrie m_trie;
    PrefixScorer m_scorer;
    std::vector<BeamEntry> m_beam, m_next;
    std::vector<Candidate> m_cands;
    std::vector<int> m_order;
    std::vector<int> m_firstChild, m_nextSibling;  // indexChildren()
    std::vector<int> m_seqA, m_seqB;               // better()
};

void checkLabels(const std::vector<int>& labels, int numClasses)
{
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] >= 1 && labels[i] < numClasses)
            continue;
        throw nn::EngineError("ctcAlign: label " + std::to_string(labels[i]) + " at position "
                              + std::to_string(i) + " is out of range [1, "
                              + std::to_string(numClasses) + ")");
    }
}

}  // namespace

Decoding ctcDecodeGreedy(const Eigen::Ref<const nn::Mat>& logProbs)
{
    const int T = int(logProbs.rows()), C = int(logProbs.cols());
    Hypothesis h;
    double pathLogProb = 0.0;
    int prev = kBlank;
    for (int t = 0; t < T; ++t) {
        // argmax, the lowest label on ties
        int k = 0;
        for (int c = 1; c < C; ++c)
            if (logProbs(t, c) > logProbs(t, k))
                k = c;
        pathLogProb += double(logProbs(t, k));
        if (k != kBlank) {
            const float p = std::exp(logProbs(t, k));
            if (k == prev) {  // same character continues
                h.chars.back().lastFrame = t;
                h.chars.back().confidence = std::max(h.chars.back().confidence, p);
            } else {
                h.chars.push_back({k, t, t, p});
                h.labels.push_back(k);
            }
        }
        prev = k;
    }
    h.logProb = float(pathLogProb);
    h.rankScore = h.logProb;
    Decoding d;
    d.nbest.push_back(std::move(h));
    return d;
}

Decoding ctcDecodeBeam(const Eigen::Ref<const nn::Mat>& logProbs, const BeamOptions& options)
{
    return BeamSearch(logProbs, options).run();
}

std::vector<DecodedChar> ctcAlign(const Eigen::Ref<const nn::Mat>& logProbs,
                                  const std::vector<int>& labels)
{
    const int T = int(logProbs.rows()), C = int(logProbs.cols());
    checkLabels(labels, C);
    const int L = int(labels.size());
    if (L == 0)
        return {};
    if (T < ctcMinFrames(labels))
        throw nn::EngineError("ctcAlign: " + std::to_string(L) + " labels need at least "
                              + std::to_string(ctcMinFrames(labels)) + " frames, got "
                              + std::to_string(T));

    // Extended labels l' = blank, l1, blank, ..., lL, blank.
    const int S = 2 * L + 1;
    std::vector<int> ext(std::size_t(S), kBlank);
    for (int i = 0; i < L; ++i)
        ext[std::size_t(2 * i + 1)] = labels[std::size_t(i)];
    std::vector<double> delta(2 * std::size_t(S), kNegInf);  // rows t-1 and t
    std::vector<std::int8_t> back(std::size_t(T) * std::size_t(S), 0);
    double* prev = delta.data();
    double* cur = prev + S;

    // A -inf log-prob is floored to a very low finite value, so that every state reachable
    // by the CTC topology keeps a finite score and only unreachable states are -inf: the
    // backtrack then always follows a valid path, even on degenerate posteriors.
    const auto y = [&](int t, int s) {
        return std::max(double(logProbs(t, ext[std::size_t(s)])), -1e30);
    };
    const auto canSkip = [&](int s) {
        return s >= 2 && ext[std::size_t(s)] != kBlank
               && ext[std::size_t(s)] != ext[std::size_t(s - 2)];
    };

    // Viterbi: delta(t, s) = y(t, l'_s) + max(delta(t-1, s), delta(t-1, s-1), [delta(t-1, s-2)]),
    // back(t, s) = the step taken (0, 1 or 2); ties prefer the smaller step.
    cur[0] = y(0, 0);
    cur[1] = y(0, 1);
    for (int t = 1; t < T; ++t) {
        std::swap(prev, cur);
        for (int s = 0; s < S; ++s) {
            double best = prev[s];
            int step = 0;
            if (s >= 1 && prev[s - 1] > best) {
                best = prev[s - 1];
                step = 1;
            }
            if (canSkip(s) && prev[s - 2] > best) {
                best = prev[s - 2];
                step = 2;
            }
            cur[s] = best == kNegInf ? kNegInf : best + y(t, s);
            back[std::size_t(t) * S + s] = std::int8_t(step);
        }
    }

    // Backtrack from the better end state (final blank on ties), filling spans backwards.
    std::vector<DecodedChar> chars(labels.size());
    for (int i = 0; i < L; ++i)
        chars[std::size_t(i)] = {labels[std::size_t(i)], -1, -1, 0.f};
    int s = cur[S - 2] > cur[S - 1] ? S - 2 : S - 1;
    for (int t = T - 1; t >= 0; --t) {
        if (s % 2 == 1) {
            DecodedChar& ch = chars[std::size_t(s / 2)];
            if (ch.lastFrame < 0)
                ch.lastFrame = t;
            ch.firstFrame = t;
            ch.confidence = std::max(ch.confidence, std::exp(logProbs(t, ch.label)));
        }
        s -= back[std::size_t(t) * S + s];
    }
    INKLENS_ASSERT(s == 0 || s == 1);
    return chars;
}

}  // namespace inklens::ctc
