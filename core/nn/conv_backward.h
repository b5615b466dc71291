#pragma once
// The backward pass of a 3x3 convolution (stride 1, "same" zero padding) over a whole
// batch, in the Winograd F(2x2, 3x3) domain (Lavin & Gray 2016). Conv2d::backward
// (layers.h) calls it; the forward is winogradConvSample (conv_kernels.h).
//
// The forward per 4x4 input tile d (stride 2) and 2x2 output tile y is
//   y = A^T [ sum_ci U .* V ] A,   U = G g G^T,   V = B^T d B,
// a linear map whose exact adjoint gives both gradients. With D = A dy A^T per tile:
//   dU_e (cout, cin) = sum over tiles and samples of D_e V_e^T,   dg = G^T dU G
//   dV_e (cin, tiles) = U_e^T D_e,   dx = sum over the (overlapping) tiles of B dV B^T
// for the 16 positions e of the 4x4 tile: 32 GEMMs with 2.25x fewer multiplications
// than im2col's (the weight gradient and the data gradient as 3x3 convolutions).
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
