#pragma once
// Adam (Kingma & Ba 2015) with PyTorch's semantics, optional L2 weight decay
// (added to the gradient, as torch.optim.Adam), and global gradient-norm clipping.

#include "param.h"

#include <vector>

namespace inklens::nn {

struct AdamOptions
{
    float lr = 1e-3f;
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float eps = 1e-8f;
    float weightDecay = 0.f;
};

class Adam
{
public:
    Adam(std::vector<Param*> params, AdamOptions options = {});
    void zeroGrad();
    void step();  // uses options().lr; touch()es every parameter
    AdamOptions& options() { return m_opt; }
    int steps() const { return m_step; }
    // Optimizer state for checkpoints: first and second moments per parameter.
    std::vector<Vec>& firstMoments() { return m_m; }
    std::vector<Vec>& secondMoments() { return m_v; }
    void setSteps(int s) { m_step = s; }
    // Parameter k steps with lr * scales[k] (layer-wise learning rates); empty: all 1.
    void setLrScales(std::vector<float> scales);

private:
    std::vector<Param*> m_params;
    AdamOptions m_opt;
    std::vector<Vec> m_m, m_v;
    std::vector<float> m_lrScale;  // one per parameter
    int m_step = 0;
};

// Scales all gradients so that their global L2 norm is at most maxNorm (as
// torch.nn.utils.clip_grad_norm_). Returns the norm before clipping.
float clipGradNorm(const std::vector<Param*>& params, float maxNorm);
// True when every gradient is finite.
bool gradientsFinite(const std::vector<Param*>& params);

}  // namespace inklens::nn
