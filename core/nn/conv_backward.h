#pragma once
// The backward pass of a 3x3 convolution (stride 1, "same" zero padding) over a whole
// batch, in the Winograd domain of the tile winogradTileFor(H, N W) picks, F(4x4, 3x3) but
// on one or two rows (Lavin & Gray 2016). Conv2d::backward (layers.h) calls it; the forward
// is winogradConvSample (conv_kernels.h).
//
// The forward per (m_h + 2) x (m_w + 2) input tile d (strides m_h, m_w) and m_h x m_w
// output tile y is
//   y = A^T [ sum_ci U .* V ] A,   U = G g G^T,   V = B^T d B,
// a linear map whose exact adjoint gives both gradients. With D = A dy A^T per tile:
//   dU_e (cout, cin) = sum over tiles and samples of D_e V_e^T,   dg = G^T dU G
//   dV_e (cin, tiles) = U_e^T D_e,   dx = sum over the (overlapping) tiles of B dV B^T
// for the positions e of the input tile (36 for F(4x4)): twice as many GEMMs with 4x
// fewer multiplications than im2col's (the weight gradient and the data gradient as 3x3
// convolutions). The transforms are those of winograd_transforms.h.
//
// Layout as conv_kernels.h: a batch is (N, C, H, W) row-major; weights (cout, cin, 3, 3).
// The samples are split between the OpenMP threads (one parallel region); each thread
// runs its GEMMs single-threaded on a few samples at a time (their transforms stay in
// cache) and keeps its own dU; the threads' dU are added up at the end.

namespace inklens::nn {

// dx: (N, cin, H, W) = the gradient w.r.t. x when non-null; dWeight: (cout, cin, 3, 3) +=
// and dBias: (cout) += the parameter gradients; from x: (N, cin, H, W), the gradient
// dy: (N, cout, H, W) of the convolution's output (before bias) and weight: (cout, cin, 3, 3).
// Equal to the im2col backward (convBackwardSample) up to float rounding.
void winogradConvBackward(float* dx, float* dWeight, float* dBias, const float* x, const float* dy,
                          int n, int cin, int h, int w, const float* weight, int cout);

}  // namespace inklens::nn
