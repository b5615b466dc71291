#pragma once
// CTC decoders for ONE sample: a T x C matrix of log-posteriors, one row per frame,
// label 0 = blank (see ctc.h).
//
// Character spans and confidences, the same for every decoder:
//  - firstFrame..lastFrame (inclusive) are the frames whose symbol, in the best alignment
//    of the decoded labels, is this character (the best path itself for greedy decoding,
//    a forced Viterbi alignment, ctcAlign(), for beam search);
//  - confidence is the MAX posterior probability of that label over its span frames,
//    exp(max_t logProbs(t, label)), a probability in [0, 1].

#include "nn/tensor.h"

#include "ctc/char_lm.h"
#include "ctc/lexicon.h"

#include <vector>

namespace inklens::ctc {

struct DecodedChar
{
    int label;
    int firstFrame;
    int lastFrame;
    float confidence;
};

struct Hypothesis
{
    std::vector<int> labels;
    std::vector<DecodedChar> chars;  // one per label, spans increasing
    float logProb;                   // log score, see each decoder
    float lmLogProb = 0;             // log P_lm(labels, end of line) when a language model was used
    // The score the decoder ranked it by: logProb, plus the language model's and the word
    // list's terms (BeamOptions) at the end of the line when the beam search used them.
    float rankScore = 0;
};

struct Decoding
{
    std::vector<Hypothesis> nbest;  // best first; at least one entry (labels may be empty)
    const Hypothesis& best() const
    {
        INKLENS_ASSERT(!nbest.empty());
        return nbest.front();
    }
};

// Best path: argmax per frame (ties -> the lowest label, so blank wins its ties), collapse
// repeats, drop blanks. One hypothesis; logProb = sum over frames of the max log-prob
// (the probability of that single path, not of the label sequence).
Decoding ctcDecodeGreedy(const Eigen::Ref<const nn::Mat>& logProbs);

struct BeamOptions
{
    int beamWidth = 16;          // prefixes kept per frame (values < 1 count as 1)
    int nbest = 5;               // hypotheses returned, at most beamWidth (values < 1 count as 1)
    float pruneLogProb = -12.f;  // skip extending by a character whose frame log-prob is below
    // Shallow fusion with a character language model (not owned; null = none): prefixes
    // are ranked by log p_ctc + lmWeight * log P_lm(prefix) + lmBonus * length, and the
    // final ones also by lmWeight * log P_lm(end of line | prefix).
    // The defaults were chosen for the bundled model (docs/model.md): on 300 lines of
    // Testaments val, 0.6 / 1.5 reads best (20.0 % CER; 26.3 % without the model), but
    // costs 2 points on synthetic text and canvas ink; 0.3 / 1.0 keeps nearly all of the
    // gain on real lines (21.0 %) and costs nothing on the others.
    const CharNgramLm* lm = nullptr;
    float lmWeight = 0.3f;
    float lmBonus = 1.0f;
    // A word list (not owned; null = none): every word of a prefix that is not in it
    // costs oovPenalty in the ranking, charged as soon as the word leaves the lexicon's
    // trie or ends as a mere prefix of lexicon words (so exactly once per such word, see
    // countOutOfLexicon). Its numLabels must equal the number of classes C.
    const Lexicon* lexicon = nullptr;
    float oovPenalty = 2.0f;
};

// CTC prefix beam search (Hannun et al. 2014). Each prefix carries p_blank and
// p_nonblank (probability of the frames so far, summed over the alignments that collapse
// to the prefix, ending in a blank / in its last label); logProb = log(p_blank +
// p_nonblank) of the final prefix, which equals -ctcLoss(labels) when nothing was pruned.
// Prefixes reached in several ways are merged. Ties in score are broken by the label
// sequence (lexicographically smaller first; a prefix of another sequence comes first),
// so the output is deterministic. nbest is sorted by descending logProb, distinct labels;
// it holds min(options.nbest, beamWidth) entries or fewer (prefixes of probability 0 are
// left out, but the best entry is always there). Spans come from ctcAlign().
// With a language model (options.lm) or a lexicon, ranking and the order of nbest use the
// fused score (see BeamOptions); logProb stays the CTC log-probability and lmLogProb holds
// the language model's. Their numLabels must equal the number of classes C.
Decoding ctcDecodeBeam(const Eigen::Ref<const nn::Mat>& logProbs, const BeamOptions& options = {});

// Forced (Viterbi) alignment of `labels` on the posteriors: the most probable single path
// collapsing to `labels`; returns one DecodedChar per label (spans are disjoint, increasing,
// non-empty). Ties between equally probable paths are broken deterministically: the path
// ends in the trailing blank if it can, and every state change happens as early as possible
// (e.g. "a" on two identical frames aligns as "a_", not "_a").
// Throws nn::EngineError when a label is outside [1, C) or when T < ctcMinFrames(labels)
// (ctc.h).
std::vector<DecodedChar> ctcAlign(const Eigen::Ref<const nn::Mat>& logProbs,
                                  const std::vector<int>& labels);

}  // namespace inklens::ctc
