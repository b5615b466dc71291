#include "gemm_kernels.h"

#include "tensor.h"

#include <algorithm>
#include <cstring>

#if defined(__AVX512F__)
#include <immintrin.h>
#define INKLENS_GEMM_AVX512 1
#elif defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define INKLENS_GEMM_AVX2 1
#endif

namespace inklens::nn {

namespace {

#if defined(INKLENS_GEMM_AVX512)

constexpr int kMr = 8;  // rows of the register block
constexpr int kLanes = 16;
constexpr int kNv = 2;  // vectors per row of the register block: 32 columns

// The columns [0, lanes) of one vector of a row, masked past n.
struct Vectors
{
    using V = __m512;
    using Mask = __mmask16;
    static Mask mask(int count) { return Mask((1u << count) - 1u); }
    static V zero() { return _mm512_setzero_ps(); }
    static V load(const float* p, Mask m) { return _mm512_maskz_loadu_ps(m, p); }
    static V loadFull(const float* p) { return _mm512_loadu_ps(p); }
    static V broadcast(const float* p) { return _mm512_set1_ps(*p); }
    static V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
    static V add(V a, V b) { return _mm512_add_ps(a, b); }
    static void store(float* p, V v, Mask m) { _mm512_mask_storeu_ps(p, m, v); }
    static void storeFull(float* p, V v) { _mm512_storeu_ps(p, v); }
};

#elif defined(INKLENS_GEMM_AVX2)

constexpr int kMr = 6;
constexpr int kLanes = 8;
constexpr int kNv = 2;  // 16 columns

struct Vectors
{
    using V = __m256;
    using Mask = __m256i;
    static Mask mask(int count)
    {
        return _mm256_cmpgt_epi32(_mm256_set1_epi32(count),
                                  _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    }
    static V zero() { return _mm256_setzero_ps(); }
    static V load(const float* p, Mask m) { return _mm256_maskload_ps(p, m); }
    static V loadFull(const float* p) { return _mm256_loadu_ps(p); }
    static V broadcast(const float* p) { return _mm256_broadcast_ss(p); }
    static V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
    static V add(V a, V b) { return _mm256_add_ps(a, b); }
    static void store(float* p, V v, Mask m) { _mm256_maskstore_ps(p, m, v); }
    static void storeFull(float* p, V v) { _mm256_storeu_ps(p, v); }
};

#else

constexpr int kMr = 1;  // Eigen's product on the row-major copy

#endif

#if defined(INKLENS_GEMM_AVX512) || defined(INKLENS_GEMM_AVX2)

using V = Vectors::V;

// The sums over k go in chunks of kChunk products, each chunk summed from zero in registers
// and the chunks' sums added in order: the rounding grows with the chunk length plus the
// number of chunks, not with k (about half the error of one running sum over 128 products,
// where the Winograd products' terms cancel; core/nn/winograd_transforms.h).
constexpr int kChunk = 16;

// c[0..rows) x [0..NV vectors) = a-panel (k x kMr) * b (k x NV vectors). With `full`,
// every column is valid; else the last vector takes `last` (mask of its valid columns).
template<int NV, bool full, bool add>
inline void microKernel(float* c, int ldc, const float* a, const float* b, int ldb, int k, int rows,
                        Vectors::Mask last)
{
    alignas(64) float total[kMr][NV * kLanes];  // the chunks summed so far
    for (int p0 = 0;; p0 += kChunk) {
        const int p1 = std::min(k, p0 + kChunk);
        V acc[kMr][NV];
#pragma GCC unroll 8
        for (int r = 0; r < kMr; ++r)
#pragma GCC unroll 4
            for (int v = 0; v < NV; ++v)
                acc[r][v] = Vectors::zero();
        for (int p = p0; p < p1; ++p) {
            const float* bp = b + std::size_t(p) * ldb;
            V bv[NV];
#pragma GCC unroll 4
            for (int v = 0; v < NV; ++v)
                bv[v] = (full || v + 1 < NV) ? Vectors::loadFull(bp + v * kLanes)
                                             : Vectors::load(bp + v * kLanes, last);
            const float* ap = a + std::size_t(p) * kMr;
#pragma GCC unroll 8
            for (int r = 0; r < kMr; ++r) {
                const V av = Vectors::broadcast(ap + r);
#pragma GCC unroll 4
                for (int v = 0; v < NV; ++v)
                    acc[r][v] = Vectors::fma(av, bv[v], acc[r][v]);
            }
        }
        if (p1 < k) {  // total += this chunk
#pragma GCC unroll 8
            for (int r = 0; r < kMr; ++r)
#pragma GCC unroll 4
                for (int v = 0; v < NV; ++v) {
                    float* t = total[r] + v * kLanes;
                    Vectors::storeFull(t, p0 == 0 ? acc[r][v]
                                                  : Vectors::add(Vectors::loadFull(t), acc[r][v]));
                }
            continue;
        }
        if (p0 > 0) {  // the last chunk
#pragma GCC unroll 8
            for (int r = 0; r < kMr; ++r)
#pragma GCC unroll 4
                for (int v = 0; v < NV; ++v)
                    acc[r][v] = Vectors::add(Vectors::loadFull(total[r] + v * kLanes), acc[r][v]);
        }
#pragma GCC unroll 8
        for (int r = 0; r < kMr; ++r) {
            if (r >= rows)
                break;
            float* cr = c + std::size_t(r) * ldc;
#pragma GCC unroll 4
            for (int v = 0; v < NV; ++v) {
                if (full || v + 1 < NV) {
                    if (add)
                        acc[r][v] = Vectors::add(acc[r][v], Vectors::loadFull(cr + v * kLanes));
                    Vectors::storeFull(cr + v * kLanes, acc[r][v]);
                } else {
                    if (add)
                        acc[r][v] = Vectors::add(acc[r][v], Vectors::load(cr + v * kLanes, last));
                    Vectors::store(cr + v * kLanes, acc[r][v], last);
                }
            }
        }
        return;
    }
}

// Rows [i0, i1) (whole panels but the last) against the column block [j, j + NV vectors).
template<int NV, bool full, bool add>
void columnBlock(float* c, int ldc, const float* packedA, int i0, int i1, int k, const float* b,
                 int ldb, int j, Vectors::Mask last)
{
    for (int i = i0; i < i1; i += kMr)
        microKernel<NV, full, add>(c + std::size_t(i) * ldc + j, ldc, packedA + std::size_t(i) * k,
                                   b + j, ldb, k, std::min(kMr, i1 - i), last);
}

template<bool add>
void gemmBlocked(float* c, int ldc, const float* packedA, int m, int k, const float* b, int ldb,
                 int n)
{
    constexpr int nr = kNv * kLanes;
    const Vectors::Mask none = Vectors::mask(kLanes);
    const int rest = n % nr, tail = rest % kLanes;
    const Vectors::Mask last = Vectors::mask(tail ? tail : kLanes);
    // Row chunks whose packed panels stay in L2 (about 256 KB) while the columns pass.
    const int chunk = std::max(kMr, (65536 / std::max(k, 1)) / kMr * kMr);
    for (int i0 = 0; i0 < m; i0 += chunk) {
        const int i1 = std::min(m, i0 + chunk);
        int j = 0;
        for (; j + nr <= n; j += nr)
            columnBlock<kNv, true, add>(c, ldc, packedA, i0, i1, k, b, ldb, j, none);
        // The rest: at most kNv vectors, the last one masked.
        if (rest > kLanes)
            columnBlock<2, false, add>(c, ldc, packedA, i0, i1, k, b, ldb, j, last);
        else if (rest > 0)
            columnBlock<1, false, add>(c, ldc, packedA, i0, i1, k, b, ldb, j, last);
    }
}

constexpr int kGemvPanel = 16 * kLanes;  // columns of z held in registers

// z: (n) += h: (k) * B, B in panels of kGemvPanel columns (k rows each, contiguous), the
// last panel narrower: one sequential stream through B.
void gemvKernel(float* z, const float* h, const float* packed, int k, int n)
{
    constexpr int nv = 16;
    int j = 0;
    for (; j + kGemvPanel <= n; j += kGemvPanel) {
        const float* panel = packed + std::size_t(j) * k;
        V acc[nv];
#pragma GCC unroll 16
        for (int v = 0; v < nv; ++v)
            acc[v] = Vectors::loadFull(z + j + v * kLanes);
        for (int p = 0; p < k; ++p) {
            const V hv = Vectors::broadcast(h + p);
            const float* bp = panel + std::size_t(p) * kGemvPanel;
#pragma GCC unroll 16
            for (int v = 0; v < nv; ++v)
                acc[v] = Vectors::fma(hv, Vectors::loadFull(bp + v * kLanes), acc[v]);
        }
#pragma GCC unroll 16
        for (int v = 0; v < nv; ++v)
            Vectors::storeFull(z + j + v * kLanes, acc[v]);
    }
    const int rest = n - j;
    const float* panel = packed + std::size_t(j) * k;
    for (int c = 0; c < rest; ++c) {
        float sum = z[j + c];
        for (int p = 0; p < k; ++p)
            sum += h[p] * panel[std::size_t(p) * rest + c];
        z[j + c] = sum;
    }
}

#endif

}  // namespace

std::size_t gemmPackedSize(int m, int k)
{
    return std::size_t((m + kMr - 1) / kMr) * kMr * std::size_t(k);
}

void gemmPackA(float* packed, const float* a, int m, int k)
{
    if (kMr == 1) {
        std::memcpy(packed, a, sizeof(float) * std::size_t(m) * k);
        return;
    }
    for (int i0 = 0; i0 < m; i0 += kMr) {
        float* panel = packed + std::size_t(i0) * k;
        for (int p = 0; p < k; ++p)
            for (int r = 0; r < kMr; ++r)
                panel[std::size_t(p) * kMr + r] = i0 + r < m ? a[std::size_t(i0 + r) * k + p] : 0.f;
    }
}

void gemmPackAT(float* packed, const float* at, int m, int k)
{
    for (int i0 = 0; i0 < m; i0 += kMr) {
        float* panel = packed + std::size_t(i0) * k;
        const int rows = std::min(kMr, m - i0);
        for (int p = 0; p < k; ++p) {
            const float* src = at + std::size_t(p) * m + i0;
            float* dst = panel + std::size_t(p) * kMr;
            for (int r = 0; r < rows; ++r)
                dst[r] = src[r];
            for (int r = rows; r < kMr; ++r)
                dst[r] = 0.f;
        }
    }
}

void gemmPacked(float* c, int ldc, const float* packedA, int m, int k, const float* b, int ldb,
                int n, bool accumulate)
{
#if defined(INKLENS_GEMM_AVX512) || defined(INKLENS_GEMM_AVX2)
    if (accumulate)
        gemmBlocked<true>(c, ldc, packedA, m, k, b, ldb, n);
    else
        gemmBlocked<false>(c, ldc, packedA, m, k, b, ldb, n);
#else
    using Stride = Eigen::OuterStride<>;
    Eigen::Map<Mat, 0, Stride> out(c, m, n, Stride(ldc));
    const auto product = ConstMatMap(packedA, m, k)
                         * Eigen::Map<const Mat, 0, Stride>(b, k, n, Stride(ldb));
    if (accumulate)
        out.noalias() += product;
    else
        out.noalias() = product;
#endif
}

std::size_t gemvPackedSize(int k, int n)
{
    return std::size_t(k) * n;
}

void gemvPackB(float* packed, const float* b, int k, int n)
{
#if defined(INKLENS_GEMM_AVX512) || defined(INKLENS_GEMM_AVX2)
    for (int j = 0; j < n; j += kGemvPanel) {
        const int width = std::min(kGemvPanel, n - j);
        for (int p = 0; p < k; ++p)
            std::memcpy(packed + std::size_t(j) * k + std::size_t(p) * width,
                        b + std::size_t(p) * n + j, sizeof(float) * std::size_t(width));
    }
#else
    std::memcpy(packed, b, sizeof(float) * gemvPackedSize(k, n));
#endif
}

void gemvAdd(float* z, const float* h, const float* packedB, int k, int n)
{
#if defined(INKLENS_GEMM_AVX512) || defined(INKLENS_GEMM_AVX2)
    gemvKernel(z, h, packedB, k, n);
#else
    Eigen::Map<RowVec>(z, n).noalias() += Eigen::Map<const RowVec>(h, k)
                                          * ConstMatMap(packedB, k, n);
#endif
}

const char* gemmKernelName()
{
#if defined(INKLENS_GEMM_AVX512)
    return "AVX-512 8x32";
#elif defined(INKLENS_GEMM_AVX2)
    return "AVX2 6x16";
#else
    return "Eigen";
#endif
}

}  // namespace inklens::nn
