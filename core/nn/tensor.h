#pragma once
// Tensors of the engine. Two layouts, stated once here:
//
//  Tensor4  a batch of feature maps, N x C x H x W, row-major (W fastest), contiguous.
//           Samples may have different valid widths: widths[n] <= W. Columns at or
//           beyond a sample's width are padding and are kept at exactly 0, so that a
//           3x3 convolution sees the same zeros a lone sample sees at its right edge.
//
//  Seq      a batch of sequences, time-major: row (t * N + n) holds the feature vector
//           of sample n at frame t, F columns. lengths[n] <= T; rows at t >= lengths[n]
//           are padding and are kept at 0.
//
// The numeric engine (core/nn, core/ctc, core/model) includes no Qt header.

#include <Eigen/Core>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace inklens::nn {

using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vec = Eigen::VectorXf;  // column vector
using RowVec = Eigen::RowVectorXf;
using MatMap = Eigen::Map<Mat>;
using ConstMatMap = Eigen::Map<const Mat>;

// The one exception type of the engine for bad data (corrupt model, unreadable input,
// impossible label). Programmer errors are asserts.
class EngineError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

#define INKLENS_ASSERT(cond)                                                                       \
    do {                                                                                           \
        if (!(cond))                                                                               \
            ::inklens::nn::assertFailed(#cond, __FILE__, __LINE__);                                \
    } while (0)
[[noreturn]] void assertFailed(const char* expr, const char* file, int line);

struct Tensor4
{
    int n = 0, c = 0, h = 0, w = 0;
    std::vector<int> widths;  // valid width of each sample, size n
    Vec data;                 // n*c*h*w floats

    Tensor4() = default;
    Tensor4(int n_, int c_, int h_, int w_) { resize(n_, c_, h_, w_); }
    // Reallocates only when the size grows; widths become w.
    void resize(int n_, int c_, int h_, int w_);
    void setZero() { data.setZero(); }
    std::size_t size() const { return std::size_t(n) * c * h * w; }
    std::size_t sampleSize() const { return std::size_t(c) * h * w; }
    float* sample(int i) { return data.data() + i * sampleSize(); }
    const float* sample(int i) const { return data.data() + i * sampleSize(); }
    float* plane(int i, int ch) { return sample(i) + std::size_t(ch) * h * w; }
    const float* plane(int i, int ch) const { return sample(i) + std::size_t(ch) * h * w; }
    float& at(int i, int ch, int y, int x) { return plane(i, ch)[std::size_t(y) * w + x]; }
    float at(int i, int ch, int y, int x) const { return plane(i, ch)[std::size_t(y) * w + x]; }
    // Zero every padding column (x >= widths[i]).
    void maskPadding();
};

struct Seq
{
    int t = 0, n = 0, f = 0;
    std::vector<int> lengths;  // valid frames of each sample, size n
    Mat data;                  // (t*n) x f

    Seq() = default;
    Seq(int t_, int n_, int f_) { resize(t_, n_, f_); }
    void resize(int t_, int n_, int f_);
    void maskPadding();
    auto row(int ti, int ni) { return data.row(std::size_t(ti) * n + ni); }
    auto row(int ti, int ni) const { return data.row(std::size_t(ti) * n + ni); }
    // One sample's valid frames as a (lengths[ni] x f) matrix copy.
    Mat sampleRows(int ni) const;
};

// Number of threads the engine may use (OpenMP and OpenBLAS). 0 = all cores.
void setNumThreads(int threads);
int numThreads();

// Limits the calling thread's OpenMP (and so OpenBLAS) team size for its lifetime.
// Per-thread state: other threads are not affected.
class ScopedThreadLimit
{
public:
    explicit ScopedThreadLimit(int threads);
    ~ScopedThreadLimit();
    ScopedThreadLimit(const ScopedThreadLimit&) = delete;
    ScopedThreadLimit& operator=(const ScopedThreadLimit&) = delete;

private:
    int m_saved = 1;
};

}  // namespace inklens::nn
