#include "conv_backward.h"

#include "gemm_kernels.h"
#include "tensor.h"

#include <algorithm>
#include <cstring>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace inklens::nn {

namespace {

// About this many tile columns per GEMM: long enough for the GEMM kernels, short enough
// that a chunk's transforms stay in the core's cache.
constexpr int kChunkColumns = 256;

float* grow(std::vector<float>& v, std::size_t n)
{
    if (v.size() < n)
        v.resize(n);
    return v.data();
}

// Grow-only buffers of the calling thread (shared by its OpenMP team during a call).
struct Scratch
{
    std::vector<float> u, ut, du, db, v, d, pad;
};
thread_local Scratch tl_scratch;

// u: 16 x (cout, cin), plane apart, <- weight: (cout, cin, 3, 3), the entries
// [at0, at1) of (cout, cin). U = G g G^T with
// G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1] (as winogradWeights, kept here so that
// this adjoint stays F(2x2, 3x3) whatever the forward uses).
void weightTransform(float* u, std::size_t plane, const float* weight, std::size_t at0,
                     std::size_t at1)
{
    for (std::size_t at = at0; at < at1; ++at) {
        const float* g = weight + at * 9;
        float gg[4][3];  // G g
        for (int k = 0; k < 3; ++k) {
            gg[0][k] = g[k];
            gg[1][k] = 0.5f * (g[k] + g[3 + k] + g[6 + k]);
            gg[2][k] = 0.5f * (g[k] - g[3 + k] + g[6 + k]);
            gg[3][k] = g[6 + k];
        }
        for (int r = 0; r < 4; ++r) {  // (G g) G^T
            u[(4 * r + 0) * plane + at] = gg[r][0];
            u[(4 * r + 1) * plane + at] = 0.5f * (gg[r][0] + gg[r][1] + gg[r][2]);
            u[(4 * r + 2) * plane + at] = 0.5f * (gg[r][0] - gg[r][1] + gg[r][2]);
            u[(4 * r + 3) * plane + at] = gg[r][2];
        }
    }
}

// dg: (3, 3) += G^T du G, du: the 16 values of one (cout, cin) entry.
void weightAdjoint(float* dg, const float du[16])
{
    float dgg[4][3];  // du G, row by row
    for (int r = 0; r < 4; ++r) {
        const float* q = du + 4 * r;
        dgg[r][0] = q[0] + 0.5f * (q[1] + q[2]);
        dgg[r][1] = 0.5f * (q[1] - q[2]);
        dgg[r][2] = 0.5f * (q[1] + q[2]) + q[3];
    }
    for (int k = 0; k < 3; ++k) {  // G^T (du G), column by column
        dg[k] += dgg[0][k] + 0.5f * (dgg[1][k] + dgg[2][k]);
        dg[3 + k] += 0.5f * (dgg[1][k] - dgg[2][k]);
        dg[6 + k] += 0.5f * (dgg[1][k] + dgg[2][k]) + dgg[3][k];
    }
}

// A row of n floats as an Eigen array (vectorized element-wise arithmetic).
Eigen::Map<Eigen::ArrayXf> row(float* p, int n)
{
    return {p, n};
}
Eigen::Map<const Eigen::ArrayXf> row(const float* p, int n)
{
    return {p, n};
}

// Tile geometry of an (h, w) plane: th x tw tiles; the input is zero-padded into a
// (ph, pw) plane at (1, 1).
struct Tiles
{
    Tiles(int h_, int w_)
        : h(h_), w(w_), th((h_ + 1) / 2), tw((w_ + 1) / 2), ph(2 * th + 2), pw(2 * tw + 2)
    { }
    int h, w, th, tw, ph, pw;
    int count() const { return th * tw; }
};

// v: 16 x (cin, cols), eStride apart, <- V = B^T d B of every tile of the m samples x: (m, cin, h, w),
// sample s at columns s*tiles ... Row transforms t = B^T d over the whole width first.
//   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]
// pad: (ph, pw) with a zero border, rows: 4 * pw.
void inputTransform(float* v, std::size_t eStride, const float* x, int m, int cin, const Tiles& t,
                    float* pad, float* rows)
{
    const std::size_t cols = std::size_t(m) * t.count();
    const int pw = t.pw, tw = t.tw;
    for (int s = 0; s < m; ++s)
        for (int c = 0; c < cin; ++c) {
            const float* src = x + (std::size_t(s) * cin + c) * t.h * t.w;
            for (int r = 0; r < t.h; ++r)
                std::memcpy(pad + std::size_t(r + 1) * pw + 1, src + std::size_t(r) * t.w,
                            sizeof(float) * std::size_t(t.w));
            float* vc = v + std::size_t(c) * cols + std::size_t(s) * t.count();
            for (int ti = 0; ti < t.th; ++ti) {
                const float* __restrict r0 = pad + std::size_t(2 * ti) * pw;
                const float* __restrict r1 = r0 + pw;
                const float* __restrict r2 = r1 + pw;
                const float* __restrict r3 = r2 + pw;
                float* __restrict t0 = rows;
                float* __restrict t1 = rows + pw;
                float* __restrict t2 = rows + 2 * pw;
                float* __restrict t3 = rows + 3 * pw;
                row(t0, pw) = row(r0, pw) - row(r2, pw);
                row(t1, pw) = row(r1, pw) + row(r2, pw);
                row(t2, pw) = row(r2, pw) - row(r1, pw);
                row(t3, pw) = row(r1, pw) - row(r3, pw);
                float* dst = vc + std::size_t(ti) * tw;
                for (int r = 0; r < 4; ++r) {
                    const float* __restrict a = rows + std::size_t(r) * pw;
                    float* __restrict d0 = dst + (4 * r) * eStride;
                    float* __restrict d1 = d0 + eStride;
                    float* __restrict d2 = d1 + eStride;
                    float* __restrict d3 = d2 + eStride;
                    for (int j = 0; j < tw; ++j) {
                        const float a0 = a[2 * j], a1 = a[2 * j + 1], a2 = a[2 * j + 2],
                                    a3 = a[2 * j + 3];
                        d0[j] = a0 - a2;
                        d1[j] = a1 + a2;
                        d2[j] = a2 - a1;
                        d3[j] = a1 - a3;
                    }
                }
            }
        }
}

// d: 16 x (cout, cols), eStride apart, <- D = A dy A^T of every 2x2 output tile of
// dy: (m, cout, h, w) (zero beyond the plane), and db: (cout) += the sums of dy's planes.
// Rows of A dy over the whole width first, then the columns.
//   A^T = [1 1 1 0; 0 1 -1 -1]
// pad: (2 th, 2 tw), zero beyond (h, w); rows: 4 * 2 tw.
void gradTransform(float* d, std::size_t eStride, float* db, const float* dy, int m, int cout,
                   const Tiles& t, float* pad, float* rows)
{
    const std::size_t cols = std::size_t(m) * t.count();
    const int pw = 2 * t.tw, tw = t.tw;
    for (int s = 0; s < m; ++s)
        for (int co = 0; co < cout; ++co) {
            const float* src = dy + (std::size_t(s) * cout + co) * t.h * t.w;
            db[co] += Eigen::Map<const Eigen::ArrayXf>(src, Eigen::Index(t.h) * t.w).sum();
            for (int r = 0; r < t.h; ++r)
                std::memcpy(pad + std::size_t(r) * pw, src + std::size_t(r) * t.w,
                            sizeof(float) * std::size_t(t.w));
            float* dc = d + std::size_t(co) * cols + std::size_t(s) * t.count();
            for (int ti = 0; ti < t.th; ++ti) {
                const float* __restrict y0 = pad + std::size_t(2 * ti) * pw;
                const float* __restrict y1 = y0 + pw;
                float* __restrict a0 = rows;
                float* __restrict a1 = rows + pw;
                float* __restrict a2 = rows + 2 * pw;
                float* __restrict a3 = rows + 3 * pw;
                // A dy: (y0), (y0 + y1), (y0 - y1), (-y1)
                row(a0, pw) = row(y0, pw);
                row(a1, pw) = row(y0, pw) + row(y1, pw);
                row(a2, pw) = row(y0, pw) - row(y1, pw);
                row(a3, pw) = -row(y1, pw);
                for (int r = 0; r < 4; ++r) {  // times A^T: (p, p + q, p - q, -q)
                    const float* __restrict a = rows + std::size_t(r) * pw;
                    float* __restrict o0 = dc + (4 * r) * eStride + std::size_t(ti) * tw;
                    float* __restrict o1 = o0 + eStride;
                    float* __restrict o2 = o1 + eStride;
                    float* __restrict o3 = o2 + eStride;
                    for (int j = 0; j < tw; ++j) {
                        const float p = a[2 * j], q = a[2 * j + 1];
                        o0[j] = p;
                        o1[j] = p + q;
                        o2[j] = p - q;
                        o3[j] = -q;
                    }
                }
            }
        }
}

// dx: (m, cin, h, w) = the sum over tiles of B dV B^T, cropped to the plane, from
// dv: 16 x (cin, cols), eStride apart. The adjoint of inputTransform; tiles overlap by two rows and
// two columns. pad: (ph, pw); rows: 4 * pw.
void inputAdjoint(float* dx, const float* dv, std::size_t eStride, int m, int cin, const Tiles& t,
                  float* pad, float* rows)
{
    const std::size_t cols = std::size_t(m) * t.count();
    const int pw = t.pw, tw = t.tw;
    for (int s = 0; s < m; ++s)
        for (int c = 0; c < cin; ++c) {
            std::fill_n(pad, std::size_t(t.ph) * pw, 0.f);
            const float* vc = dv + std::size_t(c) * cols + std::size_t(s) * t.count();
            for (int ti = 0; ti < t.th; ++ti) {
                const float* src = vc + std::size_t(ti) * tw;
                // Columns first: row r of the tile, q = dV(r, 0..3), becomes
                // (q0, q1 - q2 + q3, -q0 + q1 + q2, -q3) at columns 2j .. 2j+3.
                for (int r = 0; r < 4; ++r) {
                    const float* __restrict q0 = src + (4 * r) * eStride;
                    const float* __restrict q1 = q0 + eStride;
                    const float* __restrict q2 = q1 + eStride;
                    const float* __restrict q3 = q2 + eStride;
                    float* __restrict a = rows + std::size_t(r) * pw;
                    a[0] = q0[0];
                    a[1] = q1[0] - q2[0] + q3[0];
                    for (int j = 1; j < tw; ++j) {
                        a[2 * j] = q0[j] - q0[j - 1] + q1[j - 1] + q2[j - 1];
                        a[2 * j + 1] = q1[j] - q2[j] + q3[j] - q3[j - 1];
                    }
                    a[2 * tw] = -q0[tw - 1] + q1[tw - 1] + q2[tw - 1];
                    a[2 * tw + 1] = -q3[tw - 1];
                }
                // Then rows: B (a0; a1; a2; a3) added at rows 2ti .. 2ti+3.
                float* __restrict p0 = pad + std::size_t(2 * ti) * pw;
                float* __restrict p1 = p0 + pw;
                float* __restrict p2 = p1 + pw;
                float* __restrict p3 = p2 + pw;
                const float* __restrict a0 = rows;
                const float* __restrict a1 = rows + pw;
                const float* __restrict a2 = rows + 2 * pw;
                const float* __restrict a3 = rows + 3 * pw;
                row(p0, pw) += row(a0, pw);
                row(p1, pw) += row(a1, pw) - row(a2, pw) + row(a3, pw);
                row(p2, pw) += row(a1, pw) + row(a2, pw) - row(a0, pw);
                row(p3, pw) -= row(a3, pw);
            }
            float* out = dx + (std::size_t(s) * cin + c) * t.h * t.w;
            for (int r = 0; r < t.h; ++r)
                std::memcpy(out + std::size_t(r) * t.w, pad + std::size_t(r + 1) * pw + 1,
                            sizeof(float) * std::size_t(t.w));
        }
}

int threadCount()
{
#ifdef _OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

int threadIndex()
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

// Stride between two of the 16 matrices of a transform: their size plus a cache line, so
// that the 16 streams written together do not map to the same cache sets (the sizes are
// often powers of 2).
std::size_t slab(std::size_t size)
{
    return (size + 15) / 16 * 16 + 16;
}

}  // namespace

void winogradConvBackward(float* dx, float* dWeight, float* dBias, const float* x, const float* dy,
                          int n, int cin, int h, int w, const float* weight, int cout)
{
    const Tiles t(h, w);
    const int threads = std::max(1, std::min(n, threadCount()));
    const int perThread = (n + threads - 1) / threads;
    const int chunk = std::clamp(kChunkColumns / t.count(), 1, perThread);
    const std::size_t chunkCols = std::size_t(chunk) * t.count();
    const std::size_t uStride = slab(std::size_t(cout) * cin), uSize = 16 * uStride;
    const std::size_t vStride = slab(cin * chunkCols), vSize = 16 * vStride;
    const std::size_t dStride = slab(cout * chunkCols), dSize = 16 * dStride;
    const std::size_t padSize = std::size_t(t.ph) * t.pw + std::size_t(4) * t.pw;
    Scratch& sc = tl_scratch;
    float* u = dx ? grow(sc.u, uSize) : nullptr;
    float* duAll = grow(sc.du, threads * uSize);
    float* dbAll = grow(sc.db, std::size_t(threads) * cout);
    float* vAll = grow(sc.v, threads * vSize);
    float* dAll = grow(sc.d, threads * dSize);
    float* padAll = grow(sc.pad, threads * padSize);
    // dV_e = U_e^T D_e on the engine's own GEMM: U_e^T packed once per call.
    const std::size_t utStride = gemmPackedSize(cin, cout);
    float* ut = dx ? grow(sc.ut, 16 * utStride) : nullptr;

    const std::size_t xSample = std::size_t(cin) * h * w, ySample = std::size_t(cout) * h * w;
#pragma omp parallel num_threads(threads)
    {
        const int tid = threadIndex();
        float* du = duAll + tid * uSize;
        float* db = dbAll + std::size_t(tid) * cout;
        float* v = vAll + tid * vSize;
        float* d = dAll + tid * dSize;
        float* pad = padAll + tid * padSize;
        float* rows = pad + std::size_t(t.ph) * t.pw;
        if (dx) {  // the weights transformed and packed, shared out between the threads
#pragma omp for schedule(static)
            for (int co = 0; co < cout; ++co)
                weightTransform(u, uStride, weight, std::size_t(co) * cin,
                                std::size_t(co + 1) * cin);
#pragma omp for schedule(static)
            for (int e = 0; e < 16; ++e)
                gemmPackAT(ut + e * utStride, u + e * uStride, cin, cout);
        }
        std::fill_n(du, uSize, 0.f);
        std::fill_n(db, cout, 0.f);
        // Static shares: each thread's dU sums the same samples in the same order on every
        // run, so seeded trainings repeat exactly (dynamic shares would not).
        const int n0 = int(std::int64_t(tid) * n / threads);
        const int n1 = int(std::int64_t(tid + 1) * n / threads);
        for (int s0 = n0; s0 < n1; s0 += chunk) {
            const int m = std::min(chunk, n1 - s0);
            const Eigen::Index cols = Eigen::Index(m) * t.count();
            // The input transform needs a zero border; the output gradient's buffer zeros
            // beyond (h, w). Both interiors are overwritten plane by plane.
            std::fill_n(pad, std::size_t(t.ph) * t.pw, 0.f);
            inputTransform(v, vStride, x + s0 * xSample, m, cin, t, pad, rows);
            std::fill_n(pad, std::size_t(t.ph) * t.pw, 0.f);
            gradTransform(d, dStride, db, dy + s0 * ySample, m, cout, t, pad, rows);
            for (int e = 0; e < 16; ++e) {
                const ConstMatMap de(d + e * dStride, cout, cols);
                const ConstMatMap ve(v + e * vStride, cin, cols);
                MatMap(du + e * uStride, cout, cin).noalias() += de * ve.transpose();
                if (dx)  // dV_e overwrites V_e, no longer needed
                    gemmPacked(v + e * vStride, int(cols), ut + e * utStride, cin, cout,
                               d + e * dStride, int(cols), int(cols));
            }
            if (dx)
                inputAdjoint(dx + s0 * xSample, v, vStride, m, cin, t, pad, rows);
        }
#pragma omp barrier
#pragma omp for schedule(static)
        for (int co = 0; co < cout; ++co) {
            for (int ci = 0; ci < cin; ++ci) {
                const std::size_t at = std::size_t(co) * cin + ci;
                float sum[16];
                for (int e = 0; e < 16; ++e) {
                    sum[e] = 0.f;
                    for (int k = 0; k < threads; ++k)
                        sum[e] += duAll[k * uSize + e * uStride + at];
                }
                weightAdjoint(dWeight + at * 9, sum);
            }
            for (int k = 0; k < threads; ++k)
                dBias[co] += dbAll[std::size_t(k) * cout + co];
        }
    }
}

}  // namespace inklens::nn
