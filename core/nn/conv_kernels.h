#pragma once
// The arithmetic of a 2-D convolution (stride 1, "same" zero padding, odd kernel k) on
// ONE sample: im2col + GEMM and Winograd F(2x2, 3x3) / F(4x4, 3x3) (Lavin & Gray 2016). Conv2d
// (layers.h) does the bookkeeping around them (shapes, widths, batches, threads).
//
// Layout: a sample is (C, H, W) row-major, H*W floats per channel plane; a kernel bank
// (cout, cin, k, k) row-major, i.e. a (cout x cin*k*k) matrix. Outputs come first.
// Scratch memory is per thread and grows only, so no call allocates once warm.

#include "tensor.h"

namespace inklens::nn {

enum class Activation { ReLU, LeakyReLU };
constexpr float kLeakySlope = 0.01f;

// cols: (cin*k*k, H*W) <- x: (cin, H, W). Row (ci, ky, kx) is channel ci shifted by
// (ky - k/2, kx - k/2), zero where that falls outside the plane.
void im2col(float* cols, const float* x, int cin, int h, int w, int k);
// dx: (cin, H, W) += the columns dcols: (cin*k*k, H*W) scattered back (adjoint of im2col).
void col2im(float* dx, const float* dcols, int cin, int h, int w, int k);

// y: (cout, H, W) = weight: (cout, cin*k*k) * im2col(x: (cin, H, W)) + bias: (cout),
// then act when non-null.
void convIm2colSample(float* y, const float* x, int cin, int h, int w, const float* weight,
                      const float* bias, int cout, int k, const Activation* act);

// Backward of convIm2colSample without activation, given dy: (cout, H, W):
// dWeight: (cout, cin*k*k) += dy * im2col(x)^T, dBias: (cout) += row sums of dy, and
// dx: (cin, H, W) = col2im(weight^T dy) when dx is non-null.
void convBackwardSample(float* dx, Mat& dWeight, Vec& dBias, const float* x, const float* dy,
                        int cin, int h, int w, const float* weight, int cout, int k);

// Winograd's minimal filtering F(m_h x m_w, 3x3) (Lavin & Gray 2016): an (m_h x m_w)
// output tile from an (m_h + 2) x (m_w + 2) input tile with one product per input tile
// position and channel pair, i.e. (m_h + 2)(m_w + 2) GEMMs (cout x cin) * (cin x tiles)
// instead of 9 m_h m_w multiplications per output: 2.25x fewer for F(2x2), 2.67x for
// F(2x4), 4x for F(4x4). Tiles are rows x columns.
enum class WinogradTile { F2x2, F2x4, F4x4 };
// The number of tile positions (GEMMs): 16, 24 or 36.
int winogradPositions(WinogradTile tile);
// The tile for the GEMMs over the tiles of an (h x w) output, chosen by measurement
// (inklens_conv_bench, bench/README.md): F(4x4) where that gives them at least 32 tiles,
// but F(2x4) at heights 5 and 6 (as many multiplications with the padding rows, less
// rounding); F(2x4) on one or two rows of at least 32 tiles, else F(2x2).
WinogradTile winogradTileFor(int h, int w);

// u: positions matrices (cout, cin), row-major, one per position of the input tile
// (row-major), <- the 3x3 kernels weight: (cout, cin, 3, 3). The weight transform G g G^T.
void winogradWeights(float* u, const float* weight, int cout, int cin, WinogradTile tile);

// y: (cout, H, W) = the 3x3 convolution of x: (cin, H, W) whose weights winogradWeights
// turned into u, + bias: (cout), then act when non-null. Equal to convIm2colSample up to
// float rounding (F(4x4): a few 1e-6 relative to the outputs' scale, tests/test_layers.cpp).
void winogradConvSample(float* y, const float* x, int cin, int h, int w, const float* u,
                        const float* bias, int cout, const Activation* act, WinogradTile tile);

// Inference, where the weights are fixed: they are transformed and packed once for the
// engine's own GEMM (gemm_kernels.h), which then reads the transformed input in place.
// The size in floats, and packed <- winogradWeights(weight: (cout, cin, 3, 3)) packed.
std::size_t winogradPackedSize(int cout, int cin, WinogradTile tile);
void winogradPackWeights(float* packed, const float* weight, int cout, int cin, WinogradTile tile);
// winogradConvSample with the weights of winogradPackWeights (for the same tile).
void winogradConvSamplePacked(float* y, const float* x, int cin, int h, int w, const float* packed,
                              const float* bias, int cout, const Activation* act,
                              WinogradTile tile);
// convIm2colSample with weight: (cout, cin*k*k) packed by gemmPackA.
void convIm2colSamplePacked(float* y, const float* x, int cin, int h, int w, const float* packed,
                            const float* bias, int cout, int k, const Activation* act);

}  // namespace inklens::nn
