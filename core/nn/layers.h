#pragma once
// Layers of the CRNN with forward and backward passes over padded batches.
// Layout: see tensor.h. Layers hold parameters only; activations needed by backward
// live in caller-owned buffers, so a const layer serves several threads at once.
// Backward accumulates into Param::grad (call zeroGrad first) and writes dx.

#include "conv_kernels.h"
#include "param.h"
#include "tensor.h"

#include <cstdint>
#include <vector>

namespace inklens::nn {

// 2-D convolution, stride 1, "same" zero padding (odd kernel); the arithmetic is in
// conv_kernels.h.
// requires x.c == cin; ensures y: (N, cout, H, W), widths copied, padding columns 0.
class Conv2d
{
public:
    Conv2d() = default;
    Conv2d(int cin, int cout, int kernel, const std::string& name);
    int cin = 0, cout = 0, k = 0;
    Param weight;  // (cout, cin, k, k) == (cout x cin*k*k) row-major
    Param bias;    // (cout)

    // y: (N, cout, H, W) <- x: (N, cin, H, W). With `fused`, the activation is applied
    // in the same pass as the bias. 3x3 kernels with cin >= 8 use Winograd, the tile
    // winogradTileFor(H, W) picks (F(4x4, 3x3): 4x fewer multiplications); the rest
    // im2col + GEMM.
    void forward(const Tensor4& x, Tensor4& y, const Activation* fused = nullptr) const;
    // The same through im2col + GEMM only (the reference the Winograd path is tested against).
    void forwardIm2col(const Tensor4& x, Tensor4& y) const;
    // dx: (N, cin, H, W) (may be null) <- dy: (N, cout, H, W); accumulates weight/bias grads
    void backward(const Tensor4& x, const Tensor4& dy, Tensor4* dx);
    void initDefault(Rng& rng);  // PyTorch's default: U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    // Transform (Winograd) and pack the weights once for a conv whose weights will not
    // change (inference copies) and run the engine's own GEMM on them; without it the
    // weights are transformed on every forward. `height`: the input height expected, which
    // picks the Winograd tile of long lines (winogradTileFor); F(2x2) is packed too for
    // short ones. A forward that needs another tile packs anew.
    void prepareInference(int height = 0);
    bool usesWinograd() const { return k == 3 && cin >= 8; }

private:
    // winogradPackWeights (for m_tile) or gemmPackA of the weights, valid when non-empty
    std::vector<float> m_packed;
    std::vector<float> m_packed2x2;  // winogradPackWeights for F(2x2) when m_tile is another
    WinogradTile m_tile = WinogradTile::F4x4;
};

// Process-wide: false makes every Conv2d::forward run im2col + GEMM instead of Winograd
// (the plain arithmetic of other engines, for cross-checks such as `inklens logprobs
// --im2col`; slower). Default true. Set it before forwards run, not during.
void setWinogradEnabled(bool enabled);
bool winogradEnabled();

// Batch normalization over (N, H, valid W) per channel. Training mode uses batch
// statistics and updates the running ones (momentum 0.1, unbiased running variance);
// inference uses the running statistics and is normally folded into the conv before it.
class BatchNorm2d
{
public:
    BatchNorm2d() = default;
    BatchNorm2d(int channels, const std::string& name);
    int channels = 0;
    float eps = 1e-5f, momentum = 0.1f;
    Param weight, bias;           // gamma, beta: (C)
    Vec runningMean, runningVar;  // (C)

    struct Cache
    {
        Tensor4 xhat;  // normalized input (training)
        Vec invStd;    // (C)
    };
    // In place on x. training=true: batch statistics, fills cache, updates running stats.
    void forward(Tensor4& x, bool training, Cache* cache);
    // In place on dy (becomes dx). Needs the cache of a training forward.
    void backward(Tensor4& dy, const Cache& cache);
    void initDefault();  // gamma 1, beta 0, mean 0, var 1
    // Per-channel affine map (scale, shift) equivalent to inference mode.
    void inferenceAffine(Vec& scale, Vec& shift) const;
};

// Fold an inference-mode batch norm into the convolution that feeds it.
Conv2d foldBatchNorm(const Conv2d& conv, const BatchNorm2d& bn);

// In place. Backward uses the output (sign of y equals sign of x): dy *= act'(y).
void activationForward(Tensor4& x, Activation a);
void activationBackward(const Tensor4& y, Tensor4& dy, Activation a);

// Max pooling, kernel == stride == (kh, kw), floor. widths[n] -> widths[n] / kw.
// Ties go to the first maximum in row-major window order (as PyTorch).
class MaxPool2d
{
public:
    int kh = 1, kw = 1;
    struct Cache
    {
        std::vector<std::uint8_t> where;  // per output: dy * kw + dx of its maximum in the window
    };
    void forward(const Tensor4& x, Tensor4& y, Cache* cache) const;
    // dx (N, C, H, W) = scatter of dy to the argmax positions
    void backward(const Tensor4& dy, const Cache& cache, Tensor4& dx, int inH, int inW) const;
    bool identity() const { return kh == 1 && kw == 1; }
};

// Columns of a feature map as a sequence: row (t, n) = x(n, :, :, t), feature c*H + h.
void mapToSeq(const Tensor4& x, Seq& s);
// Inverse of mapToSeq for gradients: dx (N, C, H, W) <- ds (W, N, C*H).
void seqToMap(const Seq& ds, Tensor4& dx, int c, int h);

// y = x W^T + b per frame. weight (out x in), bias (out).
class Linear
{
public:
    Linear() = default;
    Linear(int in, int out, const std::string& name);
    int in = 0, out = 0;
    Param weight, bias;
    void forward(const Seq& x, Seq& y) const;
    void backward(const Seq& x, const Seq& dy, Seq* dx);
    void initDefault(Rng& rng);
};

// Row-wise log-softmax on the valid frames; padding rows stay 0.
void logSoftmaxForward(const Seq& x, Seq& y);
// dx = dy - softmax(x) * rowsum(dy), from the output y.
void logSoftmaxBackward(const Seq& y, const Seq& dy, Seq& dx);

}  // namespace inklens::nn
