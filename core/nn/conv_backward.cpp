#include "conv_backward.h"

#include "gemm_kernels.h"
#include "winograd_transforms.h"
#include "tensor.h"

#include <algorithm>
#include <cstring>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace inklens::nn {

using namespace winograd;

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

// Tile geometry of an (h, w) plane: th x tw tiles of MH x MW outputs; the input is
// zero-padded into a (ph, pw) plane at (1, 1).
template<int MH, int MW>
struct Tiles
{
    Tiles(int h_, int w_)
        : h(h_),
          w(w_),
          th((h_ + MH - 1) / MH),
          tw((w_ + MW - 1) / MW),
          ph(MH * th + 2),
          pw(MW * tw + 2)
    { }
    static constexpr int nh = MH + 2, nw = MW + 2, positions = nh * nw;
    int h, w, th, tw, ph, pw;
    int count() const { return th * tw; }
};

// v: positions x (cin, cols), eStride apart, <- V = B^T d B of every tile of the m samples
// x: (m, cin, h, w), sample s at columns s*tiles ... Row transforms t = B^T d over the whole
// width first, then the columns (tile j reads t at MW j .. MW j + MW + 1).
// pad: (ph, pw) with a zero border, rows: nh * pw.
template<int MH, int MW>
void inputTransform(float* v, std::size_t eStride, const float* x, int m, int cin,
                    const Tiles<MH, MW>& t, float* pad, float* rows)
{
    constexpr int nh = MH + 2, nw = MW + 2;
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
                const float* in[nh];
                float* out[nh];
                for (int r = 0; r < nh; ++r) {
                    in[r] = pad + std::size_t(MH * ti + r) * pw;
                    out[r] = rows + std::size_t(r) * pw;
                }
                inputRows<MH>(out, in, pw);
                float* dst = vc + std::size_t(ti) * tw;
                for (int r = 0; r < nh; ++r) {
                    const float* __restrict a = rows + std::size_t(r) * pw;
                    float* __restrict o = dst + (nw * r) * eStride;
INKLENS_IVDEP
                    for (int j = 0; j < tw; ++j) {
                        float d[nw], ve[nw];
                        for (int c2 = 0; c2 < nw; ++c2)
                            d[c2] = a[MW * j + c2];
                        Transform1d<MW>::input(ve, d);
                        for (int c2 = 0; c2 < nw; ++c2)
                            o[c2 * eStride + j] = ve[c2];
                    }
                }
            }
        }
}

// d: positions x (cout, cols), eStride apart, <- D = A dy A^T of every MH x MW output tile
// of dy: (m, cout, h, w) (zero beyond the plane), and db: (cout) += the sums of dy's
// planes. Rows of A dy over the whole width first, then the columns.
// pad: (MH th, MW tw), zero beyond (h, w); rows: nh * MW tw.
template<int MH, int MW>
void gradTransform(float* d, std::size_t eStride, float* db, const float* dy, int m, int cout,
                   const Tiles<MH, MW>& t, float* pad, float* rows)
{
    constexpr int nh = MH + 2, nw = MW + 2;
    const std::size_t cols = std::size_t(m) * t.count();
    const int pw = MW * t.tw, tw = t.tw;
    for (int s = 0; s < m; ++s)
        for (int co = 0; co < cout; ++co) {
            const float* src = dy + (std::size_t(s) * cout + co) * t.h * t.w;
            db[co] += Eigen::Map<const Eigen::ArrayXf>(src, Eigen::Index(t.h) * t.w).sum();
            for (int r = 0; r < t.h; ++r)
                std::memcpy(pad + std::size_t(r) * pw, src + std::size_t(r) * t.w,
                            sizeof(float) * std::size_t(t.w));
            float* dc = d + std::size_t(co) * cols + std::size_t(s) * t.count();
            for (int ti = 0; ti < t.th; ++ti) {
                const float* in[MH];
                float* out[nh];
                for (int i = 0; i < MH; ++i)
                    in[i] = pad + std::size_t(MH * ti + i) * pw;
                for (int r = 0; r < nh; ++r)
                    out[r] = rows + std::size_t(r) * pw;
                outputAdjointRows<MH>(out, in, pw);  // A dy
                for (int r = 0; r < nh; ++r) {       // times A^T
                    const float* __restrict a = rows + std::size_t(r) * pw;
                    float* __restrict o = dc + (nw * r) * eStride + std::size_t(ti) * tw;
INKLENS_IVDEP
                    for (int j = 0; j < tw; ++j) {
                        float y[MW], de[nw];
                        for (int i = 0; i < MW; ++i)
                            y[i] = a[MW * j + i];
                        Transform1d<MW>::outputAdjoint(de, y);
                        for (int c = 0; c < nw; ++c)
                            o[c * eStride + j] = de[c];
                    }
                }
            }
        }
}

// dx: (m, cin, h, w) = the sum over tiles of B dV B^T, cropped to the plane, from
// dv: positions x (cin, cols), eStride apart. The adjoint of inputTransform; tiles overlap
// by two rows and two columns. pad: (ph, pw); rows: nh * pw.
template<int MH, int MW>
void inputAdjoint(float* dx, const float* dv, std::size_t eStride, int m, int cin,
                  const Tiles<MH, MW>& t, float* pad, float* rows)
{
    constexpr int nh = MH + 2, nw = MW + 2;
    const std::size_t cols = std::size_t(m) * t.count();
    const int pw = t.pw, tw = t.tw;
    for (int s = 0; s < m; ++s)
        for (int c = 0; c < cin; ++c) {
            std::fill_n(pad, std::size_t(t.ph) * pw, 0.f);
            const float* vc = dv + std::size_t(c) * cols + std::size_t(s) * t.count();
            for (int ti = 0; ti < t.th; ++ti) {
                const float* src = vc + std::size_t(ti) * tw;
                // Columns first: row r of tile j, q = dV(r, 0 .. nw - 1), adds B q at
                // columns MW j .. MW j + MW + 1.
                for (int r = 0; r < nh; ++r) {
                    const float* __restrict q = src + (nw * r) * eStride;
                    float* __restrict a = rows + std::size_t(r) * pw;
                    std::fill_n(a, pw, 0.f);
                    for (int j = 0; j < tw; ++j) {
                        float in[nw], out[nw];
                        for (int c2 = 0; c2 < nw; ++c2)
                            in[c2] = q[c2 * eStride + j];
                        Transform1d<MW>::inputAdjoint(out, in);
                        for (int c2 = 0; c2 < nw; ++c2)
                            a[MW * j + c2] += out[c2];
                    }
                }
                // Then rows: B (a_0; ...; a_{nh-1}) added at rows MH ti .. MH ti + nh - 1.
                float* out[nh];
                const float* in[nh];
                for (int r = 0; r < nh; ++r) {
                    out[r] = pad + std::size_t(MH * ti + r) * pw;
                    in[r] = rows + std::size_t(r) * pw;
                }
                addInputAdjointRows<MH>(out, in, pw);
            }
            float* outPlane = dx + (std::size_t(s) * cin + c) * t.h * t.w;
            for (int r = 0; r < t.h; ++r)
                std::memcpy(outPlane + std::size_t(r) * t.w, pad + std::size_t(r + 1) * pw + 1,
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

// Stride between two of the matrices of a transform: their size plus a cache line, so
// that the 16 or 36 streams written together do not map to the same cache sets (the sizes are
// often powers of 2).
std::size_t slab(std::size_t size)
{
    return (size + 15) / 16 * 16 + 16;
}

// winogradConvBackward for the tile MH x MW.
template<int MH, int MW>
void convBackward(float* dx, float* dWeight, float* dBias, const float* x, const float* dy, int n,
                  int cin, int h, int w, const float* weight, int cout)
{
    using T = Tiles<MH, MW>;
    constexpr int positions = T::positions;
    const T t(h, w);
    const int threads = std::max(1, std::min(n, threadCount()));
    const int perThread = (n + threads - 1) / threads;
    // The same bytes of transforms per chunk whatever the tile: fewer columns for more
    // positions.
    const int chunkColumns = kChunkColumns * 16 / positions;
    const int chunk = std::clamp(chunkColumns / t.count(), 1, perThread);
    const std::size_t chunkCols = std::size_t(chunk) * t.count();
    const std::size_t uStride = slab(std::size_t(cout) * cin), uSize = positions * uStride;
    const std::size_t vStride = slab(cin * chunkCols), vSize = positions * vStride;
    const std::size_t dStride = slab(cout * chunkCols), dSize = positions * dStride;
    const std::size_t padSize = std::size_t(t.ph) * t.pw + std::size_t(T::nh) * t.pw;
    Scratch& sc = tl_scratch;
    float* u = dx ? grow(sc.u, uSize) : nullptr;
    float* duAll = grow(sc.du, threads * uSize);
    float* dbAll = grow(sc.db, std::size_t(threads) * cout);
    float* vAll = grow(sc.v, threads * vSize);
    float* dAll = grow(sc.d, threads * dSize);
    float* padAll = grow(sc.pad, threads * padSize);
    // dV_e = U_e^T D_e on the engine's own GEMM: U_e^T packed once per call.
    const std::size_t utStride = gemmPackedSize(cin, cout);
    float* ut = dx ? grow(sc.ut, positions * utStride) : nullptr;

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
                weightTransform<MH, MW>(u, uStride, weight, std::size_t(co) * cin,
                                        std::size_t(co + 1) * cin);
#pragma omp for schedule(static)
            for (int e = 0; e < positions; ++e)
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
            inputTransform<MH, MW>(v, vStride, x + s0 * xSample, m, cin, t, pad, rows);
            std::fill_n(pad, std::size_t(t.ph) * t.pw, 0.f);
            gradTransform<MH, MW>(d, dStride, db, dy + s0 * ySample, m, cout, t, pad, rows);
            for (int e = 0; e < positions; ++e) {
                const ConstMatMap de(d + e * dStride, cout, cols);
                const ConstMatMap ve(v + e * vStride, cin, cols);
                MatMap(du + e * uStride, cout, cin).noalias() += de * ve.transpose();
                if (dx)  // dV_e overwrites V_e, no longer needed
                    gemmPacked(v + e * vStride, int(cols), ut + e * utStride, cin, cout,
                               d + e * dStride, int(cols), int(cols));
            }
            if (dx)
                inputAdjoint<MH, MW>(dx + s0 * xSample, v, vStride, m, cin, t, pad, rows);
        }
#pragma omp barrier
#pragma omp for schedule(static)
        for (int co = 0; co < cout; ++co) {
            // The threads' dU summed into the first's (row co of every position), then
            // dg = G^T dU G, a vector loop over the input channels.
            const std::size_t row0 = std::size_t(co) * cin;
            for (int e = 0; e < positions; ++e)
                for (int k = 1; k < threads; ++k)
                    Eigen::Map<Eigen::ArrayXf>(duAll + e * uStride + row0, cin) +=
                        Eigen::Map<const Eigen::ArrayXf>(duAll + k * uSize + e * uStride + row0,
                                                         cin);
INKLENS_IVDEP
            for (int ci = 0; ci < cin; ++ci) {
                const std::size_t at = row0 + ci;
                float sum[positions], dg[9] = {};
                for (int e = 0; e < positions; ++e)
                    sum[e] = duAll[e * uStride + at];
                Tile2d<MH, MW>::kernelAdjoint(dg, sum);
                for (int i = 0; i < 9; ++i)
                    dWeight[at * 9 + i] += dg[i];
            }
            for (int k = 0; k < threads; ++k)
                dBias[co] += dbAll[std::size_t(k) * cout + co];
        }
    }
}

}  // namespace

void winogradConvBackward(float* dx, float* dWeight, float* dBias, const float* x, const float* dy,
                          int n, int cin, int h, int w, const float* weight, int cout)
{
    // The GEMMs run over the tiles of several samples at once.
    withTile(winogradTileFor(h, w * n), [&]<int MH, int MW>() {
        convBackward<MH, MW>(dx, dWeight, dBias, x, dy, n, cin, h, w, weight, cout);
    });
}

}  // namespace inklens::nn
