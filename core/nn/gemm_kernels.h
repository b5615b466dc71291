#pragma once
// The engine's own single-precision GEMM for products whose left factor is fixed: the
// weights of an inference convolution, packed once. OpenBLAS packs both factors on every
// call and its overhead dominates the small products of one line (a Winograd GEMM at
// batch 1 is 128 x 128 x 64); this kernel reads the right factor in place.
//
// The kernels are compiled for the ISA of the library that holds them: AVX-512 (8 x 32
// register block) in a -march=native build on an AVX-512 CPU and in the x86-64-v4
// library, AVX2 + FMA (6 x 16) in the x86-64-v3 one, and Eigen's product elsewhere. The
// loader picks the library the CPU runs (core/CMakeLists.txt), so no kernel can meet a CPU
// without its instructions.
//
// Layout: a (m x k) row-major, b (k x n) with row stride ldb, c (m x n) with row stride ldc.

#include <cstddef>

namespace inklens::nn {

// The packed size in floats of an (m x k) left factor (m rounded up to the panel height).
std::size_t gemmPackedSize(int m, int k);

// packed <- a: (m x k) row-major, as panels of gemm rows, k-major inside, zero-padded.
void gemmPackA(float* packed, const float* a, int m, int k);

// packed <- the transpose of at: (k x m) row-major, i.e. A = at^T packed as gemmPackA packs
// an (m x k) matrix (reads rows of at contiguously).
void gemmPackAT(float* packed, const float* at, int m, int k);

// c: (m x n) = A * b: (k x n), or += with accumulate; A packed by gemmPackA. c must not
// overlap b.
void gemmPacked(float* c, int ldc, const float* packedA, int m, int k, const float* b, int ldb,
                int n, bool accumulate = false);

// The LSTM's recurrent product at batch 1: z: (n) += h: (k) * B: (k x n), B stored by
// gemvPackB (column panels, each a contiguous stream) in gemvPackedSize(k, n) floats.
std::size_t gemvPackedSize(int k, int n);
void gemvPackB(float* packed, const float* b, int k, int n);
void gemvAdd(float* z, const float* h, const float* packedB, int k, int n);

// "AVX-512 8x32", "AVX2 6x16" or "Eigen": the kernel compiled into this library.
const char* gemmKernelName();

}  // namespace inklens::nn
