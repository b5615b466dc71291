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

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// log(exp(a) + exp(b)), stable; -inf is log(0).
inline double logAdd(double a, double b)
{
    if (a < b)
        std::swap(a, b);
    if (b == kNegInf)
        return a;
    return a + std::log1p(std::exp(b - a));
}

// Trie of label prefixes for the beam search. Nodes are canonical: one node per label
// sequence (findOrAddChild looks the child up before adding it), so prefixes are
// identified, and merged, by node index. Node 0 is the empty prefix.
class PrefixTrie {
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
        for (int c = m_nodes[std::size_t(node)].firstChild; c >= 0; c = m_nodes[std::size_t(c)].nextSibling)
            if (m_nodes[std::size_t(c)].label == label)
                return c;
        const int child = int(m_nodes.size());
        m_nodes.push_back({node, label, length(node) + 1, -1, m_nodes[std::size_t(node)].firstChild});
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
    struct Node {
        int parent;
        int label;
        int length;
        int firstChild;
        int nextSibling;
    };
    std::vector<Node> m_nodes;
};

struct BeamEntry {
    int node;
    double pBlank;     // log p(frames so far, prefix, last frame blank)
    double pNonBlank;  // log p(frames so far, prefix, last frame its last label)
    double score() const { return logAdd(pBlank, pNonBlank); }
};

// A prefix at frame t+1: an existing beam entry (parentEntry < 0, node set) or an
// extension of beam entry parentEntry by label (node not created yet).
struct Candidate {
    int node;
    int parentEntry;
    int label;
    double pBlank;
    double pNonBlank;
    double score;   // log p_ctc
    double lm = 0;  // the language model's part of the rank (0 without one)
    double rank() const { return score + lm; }
};

void checkLabels(const std::vector<int>& labels, int numClasses)
{
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] >= 1 && labels[i] < numClasses)
            continue;
        throw nn::EngineError("ctcAlign: label " + std::to_string(labels[i]) + " at position " +
                              std::to_string(i) + " is out of range [1, " +
                              std::to_string(numClasses) + ")");
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
    Decoding d;
    d.nbest.push_back(std::move(h));
    return d;
}

Decoding ctcDecodeBeam(const Eigen::Ref<const nn::Mat>& logProbs, const BeamOptions& options)
{
    const int T = int(logProbs.rows()), C = int(logProbs.cols());
    const int width = std::max(options.beamWidth, 1);
    const double prune = double(options.pruneLogProb);
    const CharNgramLm* lm = options.lm;
    if (lm && lm->numLabels() != C)
        throw nn::EngineError("ctcDecodeBeam: the language model has " + std::to_string(lm->numLabels()) +
                              " symbols, the posteriors " + std::to_string(C) + " classes");
    const Lexicon* lex = options.lexicon;
    if (lex && lex->numLabels() != C)
        throw nn::EngineError("ctcDecodeBeam: the lexicon has " + std::to_string(lex->numLabels()) +
                              " labels, the posteriors " + std::to_string(C) + " classes");
    const double lmWeight = double(options.lmWeight), lmBonus = double(options.lmBonus);
    const double oov = double(options.oovPenalty);
    // The lexicon state of each trie node (Lexicon::next along its labels), and what
    // extending a node in state s by label c costs.
    std::vector<int> nodeLex(1, Lexicon::kRoot);
    const auto lexNext = [&](int s, int c) {
        return lex->isWordLabel(c) ? lex->next(s, c) : Lexicon::kRoot;
    };
    // A word that ends (a separator, or the end of the line) as a mere prefix of lexicon
    // words; one that left the trie was charged when it did.
    const auto wordEndCost = [&](int s) { return s > 0 && !lex->isWord(s) ? -oov : 0.0; };
    const auto lexCost = [&](int s, int c) {
        if (lex->isWordLabel(c))
            return s != Lexicon::kOutside && lex->next(s, c) == Lexicon::kOutside ? -oov : 0.0;
        return wordEndCost(s);
    };
    const int historyMax = lm ? lm->order() - 1 : 0;

    // Everything allocated once: at most `width` new trie nodes per frame, at most
    // width * C candidates per frame (width prefixes + width * (C-1) extensions).
    PrefixTrie trie(1 + std::size_t(T) * std::size_t(width));
    std::vector<BeamEntry> beam, next;
    beam.reserve(std::size_t(width));
    next.reserve(std::size_t(width));
    std::vector<Candidate> cands;
    cands.reserve(std::size_t(width) * std::size_t(std::max(C, 1)));
    std::vector<int> order;
    order.reserve(cands.capacity());
    std::vector<int> firstChild(beam.capacity()), nextSibling(beam.capacity());
    std::vector<int> seqA(std::size_t(T) + 1), seqB(std::size_t(T) + 1);
    // Language model: the fused LM score of each trie node, and the history of a node
    // (its last order-1 labels, preceded by the line start 0 when shorter).
    std::vector<double> nodeLm(1, 0.0);
    nodeLm.reserve(1 + std::size_t(T) * std::size_t(width));
    std::vector<int> history(std::size_t(CharNgramLm::kMaxOrder));
    // log P_lm(c | node), memoized per node (a prefix stays in the beam for many frames
    // and is extended by the same characters again): a row of C values per node that was
    // extended, NaN until computed.
    std::vector<int> nodeRow;
    std::vector<float> lmRows;
    const float kUnset = std::numeric_limits<float>::quiet_NaN();
    auto nodeHistory = [&](int node, int* out) {
        int len = 0;
        int tmp[CharNgramLm::kMaxOrder];
        for (; len < historyMax && node > 0; ++len, node = trie.parent(node))
            tmp[len] = trie.label(node);
        if (len < historyMax)
            tmp[len++] = 0;  // the line start
        std::reverse_copy(tmp, tmp + len, out);
        return len;
    };

    // Labels of a candidate into out, returns the length.
    auto candidateLabels = [&](const Candidate& c, int* out) {
        if (c.parentEntry < 0)
            return trie.labels(c.node, out);
        const int len = trie.labels(beam[std::size_t(c.parentEntry)].node, out);
        out[len] = c.label;
        return len + 1;
    };
    // Higher score first; equal scores: lexicographically smaller label sequence first.
    auto better = [&](int a, int b) {
        const Candidate& ca = cands[std::size_t(a)];
        const Candidate& cb = cands[std::size_t(b)];
        if (ca.rank() != cb.rank())
            return ca.rank() > cb.rank();
        const int la = candidateLabels(ca, seqA.data());
        const int lb = candidateLabels(cb, seqB.data());
        return std::lexicographical_compare(seqA.data(), seqA.data() + la, seqB.data(), seqB.data() + lb);
    };

    beam.push_back({0, 0.0, kNegInf});  // empty prefix, probability 1
    for (int t = 0; t < T; ++t) {
        const auto y = [&](int c) { return double(logProbs(t, c)); };
        const int n = int(beam.size());

        // Beam entries whose parent prefix is also in the beam: extending that parent by
        // their last label must merge into them, not create a second copy.
        std::fill_n(firstChild.begin(), n, -1);
        for (int j = 0; j < n; ++j) {
            nextSibling[std::size_t(j)] = -1;
            const int parentNode = trie.parent(beam[std::size_t(j)].node);
            for (int i = 0; i < n && parentNode >= 0; ++i) {
                if (beam[std::size_t(i)].node == parentNode) {
                    nextSibling[std::size_t(j)] = firstChild[std::size_t(i)];
                    firstChild[std::size_t(i)] = j;
                    break;
                }
            }
        }

        // Prefix unchanged at frame t:
        //   p_b'  = (p_b + p_nb) * y(blank)        -- emit a blank
        //   p_nb' = p_nb * y(last)                 -- repeat the last label (collapses)
        cands.clear();
        for (int j = 0; j < n; ++j) {
            const BeamEntry& e = beam[std::size_t(j)];
            const double pb = e.score() + y(kBlank);
            const double pnb = e.node != 0 ? e.pNonBlank + y(trie.label(e.node)) : kNegInf;
            cands.push_back({e.node, -1, kBlank, pb, pnb, 0.0, nodeLm[std::size_t(e.node)]});
        }
        // Prefix extended by c at frame t:
        //   p_nb'(prefix + c) += (p_b + p_nb) * y(c), or only p_b * y(c) when c equals the
        //   last label (without a blank in between, c would collapse into it).
        for (int i = 0; i < n; ++i) {
            const BeamEntry& e = beam[std::size_t(i)];
            const int last = e.node != 0 ? trie.label(e.node) : kBlank;
            int hlen = -1;  // the history, computed when a value is missing
            float* lmRow = nullptr;
            if (lm) {
                if (std::size_t(e.node) >= nodeRow.size())
                    nodeRow.resize(std::size_t(e.node) + 1, -1);
                if (nodeRow[std::size_t(e.node)] < 0) {
                    nodeRow[std::size_t(e.node)] = int(lmRows.size() / std::size_t(C));
                    lmRows.resize(lmRows.size() + std::size_t(C), kUnset);
                }
                lmRow = lmRows.data() + std::size_t(nodeRow[std::size_t(e.node)]) * std::size_t(C);
            }
            const auto lmLogProb = [&](int c) {
                float& v = lmRow[c];
                if (std::isnan(v)) {
                    if (hlen < 0)
                        hlen = nodeHistory(e.node, history.data());
                    v = float(lm->logProb(history.data(), hlen, c));
                }
                return double(v);
            };
            for (int c = 1; c < C; ++c) {
                if (y(c) < prune)
                    continue;
                const double p = (c == last ? e.pBlank : e.score()) + y(c);
                int j = firstChild[std::size_t(i)];
                while (j >= 0 && trie.label(beam[std::size_t(j)].node) != c)
                    j = nextSibling[std::size_t(j)];
                if (j >= 0)  // prefix + c is beam entry j: merge
                    cands[std::size_t(j)].pNonBlank = logAdd(cands[std::size_t(j)].pNonBlank, p);
                else
                    cands.push_back({-1, i, c, kNegInf, p, 0.0,
                                     nodeLm[std::size_t(e.node)] + (lm ? lmWeight * lmLogProb(c) + lmBonus : 0.0) +
                                         (lex ? lexCost(nodeLex[std::size_t(e.node)], c) : 0.0)});
            }
        }

        // Keep the best `width` prefixes.
        order.resize(cands.size());
        for (std::size_t k = 0; k < cands.size(); ++k) {
            cands[k].score = logAdd(cands[k].pBlank, cands[k].pNonBlank);
            order[k] = int(k);
        }
        const std::size_t keep = std::min(order.size(), std::size_t(width));
        std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(keep), order.end(), better);
        next.clear();
        for (std::size_t k = 0; k < keep; ++k) {
            const Candidate& c = cands[std::size_t(order[k])];
            const int node = c.parentEntry < 0
                                 ? c.node
                                 : trie.findOrAddChild(beam[std::size_t(c.parentEntry)].node, c.label);
            if (std::size_t(node) >= nodeLm.size()) {
                nodeLm.resize(std::size_t(node) + 1, 0.0);
                nodeLex.resize(std::size_t(node) + 1, Lexicon::kRoot);
            }
            nodeLm[std::size_t(node)] = c.lm;
            if (lex && c.parentEntry >= 0)
                nodeLex[std::size_t(node)] = lexNext(nodeLex[std::size_t(beam[std::size_t(c.parentEntry)].node)], c.label);
            next.push_back({node, c.pBlank, c.pNonBlank});
        }
        std::swap(beam, next);
    }

    // The beam is sorted, best first; with a language model or a lexicon, rank again with
    // the end of the line. Drop zero-probability prefixes but keep one entry.
    if (lm || lex) {
        cands.clear();
        order.clear();
        for (const BeamEntry& e : beam) {
            double end = 0;
            if (lm) {
                const int hlen = nodeHistory(e.node, history.data());
                end += lmWeight * lm->logProb(history.data(), hlen, 0);
            }
            if (lex)
                end += wordEndCost(nodeLex[std::size_t(e.node)]);
            order.push_back(int(cands.size()));
            cands.push_back({e.node, -1, kBlank, e.pBlank, e.pNonBlank, e.score(), nodeLm[std::size_t(e.node)] + end});
        }
        std::sort(order.begin(), order.end(), better);
        next.clear();
        for (int k : order)
            next.push_back(beam[std::size_t(k)]);
        std::swap(beam, next);
    }
    Decoding d;
    const std::size_t count = std::min(beam.size(), std::size_t(std::max(options.nbest, 1)));
    for (std::size_t k = 0; k < count; ++k) {
        const double score = beam[k].score();
        if (k > 0 && score == kNegInf)
            break;
        Hypothesis h;
        h.labels.resize(std::size_t(trie.length(beam[k].node)));
        trie.labels(beam[k].node, h.labels.data());
        h.chars = ctcAlign(logProbs, h.labels);
        h.logProb = float(score);
        if (lm)
            h.lmLogProb = float(lm->lineLogProb(h.labels));
        d.nbest.push_back(std::move(h));
    }
    return d;
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
        throw nn::EngineError("ctcAlign: " + std::to_string(L) + " labels need at least " +
                              std::to_string(ctcMinFrames(labels)) + " frames, got " +
                              std::to_string(T));

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
    const auto y = [&](int t, int s) { return std::max(double(logProbs(t, ext[std::size_t(s)])), -1e30); };
    const auto canSkip = [&](int s) {
        return s >= 2 && ext[std::size_t(s)] != kBlank && ext[std::size_t(s)] != ext[std::size_t(s - 2)];
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
