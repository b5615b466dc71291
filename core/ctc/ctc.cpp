#include "ctc/ctc.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace inklens::ctc {

namespace {

constexpr double kNegInf = kLogZero;

void checkLabels(const std::vector<int>& labels, int numClasses, int sample)
{
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const int l = labels[i];
        if (l >= 1 && l < numClasses)
            continue;
        std::string msg = "CTC: label " + std::to_string(l) + " at position " + std::to_string(i);
        if (sample >= 0)
            msg += " of sample " + std::to_string(sample);
        msg += " is out of range [1, " + std::to_string(numClasses) + ")";
        if (l == kBlank)
            msg += " (0 is the blank)";
        throw nn::EngineError(msg);
    }
}

// Scratch memory of one sample; grows only, so a thread reuses it across samples.
struct Workspace
{
    std::vector<int> m_ext;         // l' = blank, l1, blank, ..., lL, blank   (S)
    std::vector<double> m_lattice;  // alpha (T x S, row-major), then beta if needed

    // Returns the alpha table; the beta table follows it when withBeta.
    double* prepare(int frames, const std::vector<int>& labels, bool withBeta)
    {
        const int states = 2 * int(labels.size()) + 1;
        m_ext.assign(std::size_t(states), kBlank);
        for (std::size_t i = 0; i < labels.size(); ++i)
            m_ext[2 * i + 1] = labels[i];
        const std::size_t cells = std::size_t(frames) * std::size_t(states) * (withBeta ? 2 : 1);
        if (m_lattice.size() < cells)
            m_lattice.resize(cells);
        return m_lattice.data();
    }
};

using GradMap = Eigen::Map<nn::Mat, 0, Eigen::OuterStride<>>;

// Loss of one sample whose labels are already validated. When grad is non-null and the
// sample is feasible, every entry of *grad is written with scale * dLoss/dlogProbs;
// when infeasible, *grad is left untouched (callers pre-zero it).
CtcSample lossOne(const Eigen::Ref<const nn::Mat>& y, const std::vector<int>& labels, Workspace& ws,
                  GradMap* grad, double scale)
{
    const int T = int(y.rows());
    if (T < ctcMinFrames(labels))
        return {0.f, false};
    if (T == 0)  // and L == 0: the empty product, p = 1
        return {0.f, true};

    double* alpha = ws.prepare(T, labels, grad != nullptr);
    const int S = int(ws.m_ext.size());
    const int* ext = ws.m_ext.data();
    double* beta = alpha + std::size_t(T) * S;  // only used when grad != nullptr
    auto A = [&](int t, int s) -> double& { return alpha[std::size_t(t) * S + s]; };
    auto B = [&](int t, int s) -> double& { return beta[std::size_t(t) * S + s]; };
    // A transition s-2 -> s skips the blank between two labels: allowed only when l'_s is
    // a label different from l'_{s-2} (repeated labels need the blank in between).
    auto canSkip = [&](int s) { return s >= 2 && ext[s] != kBlank && ext[s] != ext[s - 2]; };

    // Forward. alpha(t, s) = log P(frames 0..t emit l'_0..s, in state s at frame t).
    //   alpha(0, 0) = y(0, blank), alpha(0, 1) = y(0, l_1)
    //   alpha(t, s) = y(t, l'_s) + lse(alpha(t-1, s), alpha(t-1, s-1), [alpha(t-1, s-2)])
    for (int s = 0; s < S; ++s)
        A(0, s) = s < 2 ? double(y(0, ext[s])) : kNegInf;
    for (int t = 1; t < T; ++t) {
        for (int s = 0; s < S; ++s) {
            double a = A(t - 1, s);
            if (s >= 1)
                a = logAdd(a, A(t - 1, s - 1));
            if (canSkip(s))
                a = logAdd(a, A(t - 1, s - 2));
            A(t, s) = a == kNegInf ? kNegInf : a + double(y(t, ext[s]));
        }
    }
    // log p(l | x): a path ends in the last label or the final blank.
    double logP = A(T - 1, S - 1);
    if (S >= 2)
        logP = logAdd(logP, A(T - 1, S - 2));
    if (logP == kNegInf)  // feasible by length, but every alignment has probability 0
        return {0.f, false};
    const CtcSample result{float(-logP), true};
    if (!grad)
        return result;

    // Backward, WITHOUT the emission at t (so gamma needs no division by y):
    // beta(t, s) = log P(frames t+1..T-1 emit l'_{s+1}.. to the end | state s at frame t).
    //   beta(T-1, S-1) = beta(T-1, S-2) = 0
    //   beta(t, s) = lse over s' in {s, s+1, [s+2]} of y(t+1, l'_s') + beta(t+1, s')
    for (int s = 0; s < S; ++s)
        B(T - 1, s) = s >= S - 2 ? 0.0 : kNegInf;
    for (int t = T - 2; t >= 0; --t) {
        for (int s = 0; s < S; ++s) {
            double b = B(t + 1, s) + double(y(t + 1, ext[s]));
            if (s + 1 < S)
                b = logAdd(b, B(t + 1, s + 1) + double(y(t + 1, ext[s + 1])));
            if (s + 2 < S && canSkip(s + 2))
                b = logAdd(b, B(t + 1, s + 2) + double(y(t + 1, ext[s + 2])));
            B(t, s) = b;
        }
    }

    // Occupation probability gamma(t, k) = sum over states s with l'_s = k of
    // exp(alpha(t, s) + beta(t, s) - log p); dLoss/dy(t, k) = -gamma(t, k).
    GradMap& g = *grad;
    for (int t = 0; t < T; ++t) {
        g.row(t).setZero();
        for (int s = 0; s < S; ++s) {
            const double ab = A(t, s) + B(t, s);
            if (ab != kNegInf)
                g(t, ext[s]) -= float(scale * std::exp(ab - logP));
        }
    }
    return result;
}

}  // namespace

int ctcMinFrames(const std::vector<int>& labels)
{
    int frames = int(labels.size());
    for (std::size_t i = 1; i < labels.size(); ++i)
        frames += labels[i] == labels[i - 1] ? 1 : 0;
    return frames;
}

CtcSample ctcLoss(const Eigen::Ref<const nn::Mat>& logProbs, const std::vector<int>& labels,
                  nn::Mat* dLogProbs)
{
    checkLabels(labels, int(logProbs.cols()), -1);
    Workspace ws;
    if (!dLogProbs)
        return lossOne(logProbs, labels, ws, nullptr, 1.0);

    dLogProbs->setZero(logProbs.rows(), logProbs.cols());
    GradMap g(dLogProbs->data(), dLogProbs->rows(), dLogProbs->cols(),
              Eigen::OuterStride<>(dLogProbs->cols()));
    return lossOne(logProbs, labels, ws, &g, 1.0);
}

CtcBatchResult ctcLossBatch(const nn::Seq& logProbs, const std::vector<std::vector<int>>& labels,
                            CtcReduction reduction, nn::Seq* dLogProbs)
{
    const int T = logProbs.t, N = logProbs.n, C = logProbs.f;
    INKLENS_ASSERT(int(labels.size()) == N);
    INKLENS_ASSERT(int(logProbs.lengths.size()) == N);
    INKLENS_ASSERT(logProbs.data.rows() == Eigen::Index(T) * N && logProbs.data.cols() == C);
    INKLENS_ASSERT(dLogProbs != &logProbs);  // the gradient is zeroed before the loss is read
    // Validate everything before the parallel region: exceptions cannot leave it.
    for (int n = 0; n < N; ++n) {
        INKLENS_ASSERT(logProbs.lengths[n] >= 0 && logProbs.lengths[n] <= T);
        checkLabels(labels[n], C, n);
    }

    if (dLogProbs) {
        dLogProbs->resize(T, N, C);
        dLogProbs->lengths = logProbs.lengths;
        dLogProbs->data.setZero();
    }

    // Per-sample weight of the loss in the reduction; Mean's 1/(number of feasible
    // samples) is applied afterwards, once feasibility is known.
    auto weight = [&](int n) {
        return reduction == CtcReduction::Mean
                   ? 1.0 / double(std::max<std::size_t>(labels[n].size(), 1))
                   : 1.0;
    };

    CtcBatchResult result;
    result.perSample.assign(std::size_t(N), 0.f);
    std::vector<char> feasible(std::size_t(N), 0);    // not vector<bool>: written in parallel
    const Eigen::Index stride = Eigen::Index(N) * C;  // frame t of sample n is row t*N + n

#pragma omp parallel
    {
        Workspace ws;
#pragma omp for schedule(dynamic)
        for (int n = 0; n < N; ++n) {
            const int frames = logProbs.lengths[n];
            Eigen::Map<const nn::Mat, 0, Eigen::OuterStride<>> y(
                logProbs.data.data() + std::size_t(n) * C, frames, C, Eigen::OuterStride<>(stride));
            CtcSample s;
            if (dLogProbs) {
                GradMap g(dLogProbs->data.data() + std::size_t(n) * C, frames, C,
                          Eigen::OuterStride<>(stride));
                s = lossOne(y, labels[n], ws, &g, weight(n));
            } else {
                s = lossOne(y, labels[n], ws, nullptr, 1.0);
            }
            result.perSample[std::size_t(n)] = s.loss;
            feasible[std::size_t(n)] = s.feasible ? 1 : 0;
        }
    }

    double total = 0.0;
    int numFeasible = 0;
    for (int n = 0; n < N; ++n) {
        if (!feasible[std::size_t(n)])
            continue;
        total += weight(n) * double(result.perSample[std::size_t(n)]);
        ++numFeasible;
    }
    if (reduction == CtcReduction::Mean && numFeasible > 0) {
        total /= numFeasible;
        if (dLogProbs)
            dLogProbs->data *= float(1.0 / numFeasible);
    }
    result.loss = float(total);
    result.feasible.assign(feasible.begin(), feasible.end());
    return result;
}

}  // namespace inklens::ctc
