#pragma once
// A learnable tensor: its value, its gradient (same layout), and the PyTorch-style
// name and shape under which it is stored in model files.

#include "tensor.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace inklens::nn {

struct Param {
    std::string name;        // e.g. "conv0.weight"
    std::vector<int> shape;  // PyTorch layout, e.g. {Cout, Cin, k, k}
    Vec value;               // numel floats, row-major over shape
    Vec grad;                // same size; accumulated by backward, cleared by zeroGrad

    Param() = default;
    Param(std::string n, std::vector<int> s);
    Eigen::Index numel() const { return value.size(); }
    void zeroGrad() { grad.setZero(); }
    // value viewed as rows x cols (row-major)
    MatMap mat(int rows, int cols) { return MatMap(value.data(), rows, cols); }
    ConstMatMap mat(int rows, int cols) const { return ConstMatMap(value.data(), rows, cols); }
    MatMap gradMat(int rows, int cols) { return MatMap(grad.data(), rows, cols); }
};

// Deterministic uniform numbers in [-bound, bound) from a seeded generator, identical on
// every platform (std::uniform_real_distribution is implementation-defined).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_gen(seed) {}
    float uniform() { return float(m_gen() >> 40) * (1.0f / 16777216.0f); }  // [0, 1)
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
    float normal();  // Box-Muller
    std::uint64_t next() { return m_gen(); }
    int below(int n) { return int(m_gen() % std::uint64_t(n)); }

private:
    std::mt19937_64 m_gen;
};

void initUniform(Param& p, float bound, Rng& rng);

}  // namespace inklens::nn
