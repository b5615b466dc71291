#pragma once
// Connectionist Temporal Classification loss (Graves et al. 2006), in log space.
//
// Conventions, shared with decode.h:
//  - label 0 is the blank, real labels are 1..C-1;
//  - the input is a matrix of log-posteriors, one row per frame (T x C), normally the
//    output of a log-softmax;
//  - a label sequence l of length L is extended to l' = (blank, l1, blank, l2, ..., lL,
//    blank), S = 2L + 1 states. An alignment may skip a blank state only between two
//    different labels, so each adjacent repeat (l_i == l_{i+1}) costs one extra frame:
//    a label needs T >= L + repeats frames to be feasible.

#include "nn/tensor.h"

#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace inklens::ctc {

inline constexpr int kBlank = 0;
inline constexpr double kLogZero = -std::numeric_limits<double>::infinity();

// log(exp(a) + exp(b)), stable; kLogZero (-inf) is log(0). NaN propagates.
inline double logAdd(double a, double b)
{
    if (a < b)
        std::swap(a, b);
    if (b == kLogZero)
        return a;
    return a + std::log1p(std::exp(b - a));
}

// Minimum number of frames an alignment of `labels` needs: L + adjacent repeats.
int ctcMinFrames(const std::vector<int>& labels);

struct CtcSample
{
    float loss;     // -log p(labels | x); 0 when infeasible
    bool feasible;  // false: no alignment has non-zero probability
};

// Loss of ONE sample and, if dLogProbs is non-null, its gradient dLoss/dlogProbs,
// resized to T x C. The gradient treats every log-probability as an independent input:
// dLoss/dlogProbs(t, k) = -gamma(t, k), the posterior probability that frame t emits k
// (occupation probability). Behind a log-softmax the gradient w.r.t. the logits is then
// softmax - gamma.
//
// Infeasible sample (T < ctcMinFrames(labels), or p == 0 because of -inf inputs): returns
// {0, false} and a zero gradient, never inf or NaN (PyTorch's zero_infinity=True).
// An empty label sequence is valid: p = product over frames of the blank probability.
// Throws nn::EngineError when a label is outside [1, C).
CtcSample ctcLoss(const Eigen::Ref<const nn::Mat>& logProbs, const std::vector<int>& labels,
                  nn::Mat* dLogProbs);

enum class CtcReduction {
    // PyTorch 'mean': each sample's loss divided by its label length (at least 1), then
    // the mean over the feasible samples (infeasible samples contribute 0 and are left
    // out of the denominator; no feasible sample gives loss 0).
    Mean,
    // Plain sum of the per-sample losses.
    Sum,
};

struct CtcBatchResult
{
    float loss;                    // the reduced loss
    std::vector<float> perSample;  // unreduced -log p of each sample, 0 when infeasible
    std::vector<bool> feasible;
};

// Batched loss over a time-major Seq (T x N x C, lengths = valid frames per sample;
// labels.size() == N). If dLogProbs is non-null it gets the same shape and lengths and is
// filled with the gradient of the REDUCED loss; padding rows and the rows of infeasible
// samples are 0. Samples are processed in parallel (OpenMP). Throws nn::EngineError, before
// any work, when a label is outside [1, C).
CtcBatchResult ctcLossBatch(const nn::Seq& logProbs, const std::vector<std::vector<int>>& labels,
                            CtcReduction reduction, nn::Seq* dLogProbs);

}  // namespace inklens::ctc
