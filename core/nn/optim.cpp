#include "optim.h"

#include "tensor.h"

#include <algorithm>
#include <cmath>

namespace inklens::nn {

Adam::Adam(std::vector<Param*> params, AdamOptions options)
    : m_params(std::move(params)), m_opt(options)
{
    for (Param* p : m_params) {
        m_m.push_back(Vec::Zero(p->numel()));
        m_v.push_back(Vec::Zero(p->numel()));
    }
    m_lrScale.assign(m_params.size(), 1.f);
}

void Adam::setLrScales(std::vector<float> scales)
{
    INKLENS_ASSERT(scales.empty() || scales.size() == m_params.size());
    m_lrScale = scales.empty() ? std::vector<float>(m_params.size(), 1.f) : std::move(scales);
}

void Adam::zeroGrad()
{
    for (Param* p : m_params)
        p->zeroGrad();
}

void Adam::step()
{
    ++m_step;
    const float bc1 = 1.f - std::pow(m_opt.beta1, float(m_step));
    const float bc2 = 1.f - std::pow(m_opt.beta2, float(m_step));
    const float stepSize = m_opt.lr / bc1;
    const float sqrtBc2 = std::sqrt(bc2);
    const float b1 = m_opt.beta1, b2 = m_opt.beta2, eps = m_opt.eps, decay = m_opt.weightDecay;
    using Arr = Eigen::ArrayXf;
    // Block by block, so that the three passes over a block run in cache; all blocks of all
    // parameters in one parallel loop (one barrier per step). The gradient is left as
    // backward made it.
    constexpr Eigen::Index kBlock = 4096;
    std::vector<Eigen::Index> firstBlock(m_params.size() + 1, 0);  // prefix sums
    for (std::size_t k = 0; k < m_params.size(); ++k)
        firstBlock[k + 1] = firstBlock[k] + (m_params[k]->numel() + kBlock - 1) / kBlock;
    const Eigen::Index blocks = firstBlock.back();
#pragma omp parallel for schedule(static) if (blocks >= 16)
    for (Eigen::Index b = 0; b < blocks; ++b) {
        const std::size_t k = std::size_t(std::upper_bound(firstBlock.begin(), firstBlock.end(), b)
                                          - firstBlock.begin() - 1);
        Param& p = *m_params[k];
        const Eigen::Index i0 = (b - firstBlock[k]) * kBlock,
                           len = std::min(kBlock, p.numel() - i0);
        Eigen::Map<Arr> value(p.value.data() + i0, len), m(m_m[k].data() + i0, len),
            v(m_v[k].data() + i0, len);
        const Eigen::Map<const Arr> grad(p.grad.data() + i0, len);
        if (decay != 0.f) {
            m = b1 * m + (1.f - b1) * (grad + decay * value);
            v = b2 * v + (1.f - b2) * (grad + decay * value).square();
        } else {
            m = b1 * m + (1.f - b1) * grad;
            v = b2 * v + (1.f - b2) * grad.square();
        }
        // PyTorch: p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)
        value -= stepSize * m_lrScale[k] * m / (v.sqrt() / sqrtBc2 + eps);
    }
    for (Param* p : m_params)
        p->touch();
}

float clipGradNorm(const std::vector<Param*>& params, float maxNorm)
{
    double sq = 0;
    for (const Param* p : params)
        sq += double(p->grad.squaredNorm());
    const float norm = float(std::sqrt(sq));
    const float scale = maxNorm / (norm + 1e-6f);
    if (scale < 1.f)
        for (Param* p : params)
            p->grad *= scale;
    return norm;
}

bool gradientsFinite(const std::vector<Param*>& params)
{
    for (const Param* p : params)
        if (!p->grad.allFinite())
            return false;
    return true;
}

}  // namespace inklens::nn
