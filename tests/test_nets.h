#pragma once
// Small CRNNs for the engine tests (no Qt beyond QtTest): a spec builder and batch norms
// far from the identity, so that inference (folded running statistics) and training
// (batch statistics) compute different functions.

#include "model/crnn.h"
#include "nn/param.h"

#include <string>
#include <utility>
#include <vector>

namespace inklens::test {

// 8-pixel lines and 5 classes unless told otherwise.
inline model::CrnnSpec crnnSpec(nn::Activation activation, std::vector<model::ConvBlockSpec> convs,
                                std::vector<int> lstmHidden, int numClasses = 5,
                                int inputHeight = 8)
{
    model::CrnnSpec s;
    s.inputHeight = inputHeight;
    s.activation = activation;
    s.convs = std::move(convs);
    s.lstmHidden = std::move(lstmHidden);
    s.numClasses = numClasses;
    return s;
}

// Running means in [-0.5, 0.5), variances in [0.3, 2), gamma in [0.5, 1.5), beta in
// [-0.3, 0.3), seeded.
inline void randomizeBatchNorms(model::Crnn& net, std::uint64_t seed)
{
    nn::Rng rng(seed);
    for (auto& [name, v] : net.buffers())
        for (Eigen::Index i = 0; i < v->size(); ++i)
            (*v)[i] = name.find("running_var") != std::string::npos ? rng.uniform(0.3f, 2.f)
                                                                    : rng.uniform(-0.5f, 0.5f);
    for (nn::Param* p : net.params())
        if (p->name.rfind("bn", 0) == 0)
            for (Eigen::Index i = 0; i < p->value.size(); ++i)
                p->value[i] = p->name.find("weight") != std::string::npos
                                  ? rng.uniform(0.5f, 1.5f)
                                  : rng.uniform(-0.3f, 0.3f);
}

}  // namespace inklens::test
