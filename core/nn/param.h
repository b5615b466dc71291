#pragma once
// A learnable tensor: its value, its gradient (same layout), and the PyTorch-style
// name and shape under which it is stored in model files.

#include "tensor.h"

#include <atomic>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace inklens::nn {

// A fresh stamp from one process-wide counter: larger than every stamp handed out before.
inline std::uint64_t nextVersion()
{
    static std::atomic<std::uint64_t> counter{0};
    return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

struct Param
{
    std::string name;        // e.g. "conv0.weight"
    std::vector<int> shape;  // PyTorch layout, e.g. {Cout, Cin, k, k}
    Vec value;               // numel floats, row-major over shape
    Vec grad;                // same size; accumulated by backward, cleared by zeroGrad
    // When value last changed (nextVersion()): what is derived from value (the CRNN's
    // folded inference weights) is stale once a stamp is newer than its own. A writer that
    // keeps a Param* and changes value later (the optimizer) calls touch().
    std::uint64_t version = nextVersion();

    Param() = default;
    Param(std::string n, std::vector<int> s);
    Eigen::Index numel() const { return value.size(); }
    void zeroGrad() { grad.setZero(); }
    void touch() { version = nextVersion(); }
    // value viewed as rows x cols (row-major)
    MatMap mat(int rows, int cols) { return MatMap(value.data(), rows, cols); }
    ConstMatMap mat(int rows, int cols) const { return ConstMatMap(value.data(), rows, cols); }
    MatMap gradMat(int rows, int cols) { return MatMap(grad.data(), rows, cols); }
};

// Deterministic uniform numbers in [-bound, bound) from a seeded generator, identical on
// every platform (std::uniform_real_distribution is implementation-defined).
class Rng
{
public:
    explicit Rng(std::uint64_t seed) : m_gen(seed) { }
    float uniform() { return float(m_gen() >> 40) * (1.0f / 16777216.0f); }  // [0, 1)
    float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }
    float normal();  // Box-Muller
    std::uint64_t next() { return m_gen(); }
    int below(int n) { return int(m_gen() % std::uint64_t(n)); }

private:
    std::mt19937_64 m_gen;
};

void initUniform(Param& p, float bound, Rng& rng);

// splitmix64's finalizer (Steele et al. 2014): a bijective 64-bit hash.
constexpr std::uint64_t splitmix64(std::uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// The seed of stream `index` of `seed` (per sample, per epoch, per writer): independent
// Rng streams from one user seed. Seeded results depend on these exact numbers.
constexpr std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t index)
{
    return splitmix64(seed * 0x9E3779B97F4A7C15ull + index + 0x632BE59BD9B4E019ull);
}

}  // namespace inklens::nn
