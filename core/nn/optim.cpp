#include "optim.h"

#include <cmath>

namespace inklens::nn {

Adam::Adam(std::vector<Param*> params, AdamOptions options)
    : m_params(std::move(params)), m_opt(options)
{
    for (Param* p : m_params) {
        m_m.push_back(Vec::Zero(p->numel()));
        m_v.push_back(Vec::Zero(p->numel()));
    }
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
    for (std::size_t k = 0; k < m_params.size(); ++k) {
        Param& p = *m_params[k];
        auto g = p.grad.array();
        if (m_opt.weightDecay != 0.f)
            g += m_opt.weightDecay * p.value.array();
        m_m[k].array() = m_opt.beta1 * m_m[k].array() + (1.f - m_opt.beta1) * g;
        m_v[k].array() = m_opt.beta2 * m_v[k].array() + (1.f - m_opt.beta2) * g.square();
        // PyTorch: p -= lr/bc1 * m / (sqrt(v)/sqrt(bc2) + eps)
        p.value.array() -= stepSize * m_m[k].array()
                           / (m_v[k].array().sqrt() / sqrtBc2 + m_opt.eps);
        p.touch();
    }
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
