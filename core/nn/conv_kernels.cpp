#include "conv_kernels.h"

#include "gemm_kernels.h"

#include <algorithm>
#include <cstring>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#else
static int omp_in_parallel()
{
    return 0;
}
#endif

namespace inklens::nn {

namespace {

// Grow-only per-thread scratch buffers: no allocation once warm.
float* scratch(std::vector<float>& v, std::size_t n)
{
    if (v.size() < n)
        v.resize(n);
    return v.data();
}
thread_local std::vector<float> tl_cols, tl_dcols, tl_pad, tl_v, tl_m, tl_out, tl_u;

// out: (cout, hw) += bias: (cout), then the activation if act is non-null.
void biasActivate(float* out, int cout, int hw, const float* bias, const Activation* act)
{
    for (int co = 0; co < cout; ++co) {
        Eigen::Map<Eigen::ArrayXf> p(out + std::size_t(co) * hw, hw);
        if (!act)
            p += bias[co];
        else if (*act == Activation::ReLU)
            p = (p + bias[co]).max(0.f);
        else
            p = (p + bias[co]).max((p + bias[co]) * kLeakySlope);
    }
}

}  // namespace

void im2col(float* cols, const float* x, int cin, int h, int w, int k)
{
    const int pad = k / 2;
    const std::size_t hw = std::size_t(h) * w;
    for (int ci = 0; ci < cin; ++ci) {
        const float* plane = x + ci * hw;
        for (int ky = 0; ky < k; ++ky)
            for (int kx = 0; kx < k; ++kx) {
                float* row = cols + (std::size_t(ci * k + ky) * k + kx) * hw;
                const int dx = kx - pad;
                const int x0 = std::max(0, -dx), x1 = std::min(w, w - dx);  // valid x range
                for (int y = 0; y < h; ++y) {
                    float* out = row + std::size_t(y) * w;
                    const int sy = y + ky - pad;
                    if (sy < 0 || sy >= h) {
                        std::fill_n(out, w, 0.f);
                        continue;
                    }
                    const float* in = plane + std::size_t(sy) * w;
                    std::fill_n(out, x0, 0.f);
                    std::memcpy(out + x0, in + x0 + dx,
                                sizeof(float) * std::size_t(std::max(0, x1 - x0)));
                    std::fill(out + std::max(x0, x1), out + w, 0.f);
                }
            }
    }
}

void col2im(float* dx, const float* dcols, int cin, int h, int w, int k)
{
    const int pad = k / 2;
    const std::size_t hw = std::size_t(h) * w;
    for (int ci = 0; ci < cin; ++ci) {
        float* plane = dx + ci * hw;
        for (int ky = 0; ky < k; ++ky)
            for (int kx = 0; kx < k; ++kx) {
                const float* row = dcols + (std::size_t(ci * k + ky) * k + kx) * hw;
                const int dxo = kx - pad;
                const int x0 = std::max(0, -dxo), x1 = std::min(w, w - dxo);
                for (int y = 0; y < h; ++y) {
                    const int sy = y + ky - pad;
                    if (sy < 0 || sy >= h)
                        continue;
                    const float* in = row + std::size_t(y) * w;
                    float* out = plane + std::size_t(sy) * w;
                    for (int xx = x0; xx < x1; ++xx)
                        out[xx + dxo] += in[xx];
                }
            }
    }
}

void convIm2colSample(float* y, const float* x, int cin, int h, int w, const float* weight,
                      const float* bias, int cout, int k, const Activation* act)
{
    const int hw = h * w, kk = cin * k * k;
    const ConstMatMap wm(weight, cout, kk);
    MatMap out(y, cout, hw);
    if (k == 1) {  // the input is its own column matrix
        out.noalias() = wm * ConstMatMap(x, cin, hw);
    } else {
        float* cols = scratch(tl_cols, std::size_t(kk) * hw);
        im2col(cols, x, cin, h, w, k);
        out.noalias() = wm * ConstMatMap(cols, kk, hw);
    }
    biasActivate(y, cout, hw, bias, act);
}

void convBackwardSample(float* dx, Mat& dWeight, Vec& dBias, const float* x, const float* dy,
                        int cin, int h, int w, const float* weight, int cout, int k)
{
    const int hw = h * w, kk = cin * k * k;
    const ConstMatMap g(dy, cout, hw);
    float* cols = scratch(tl_cols, std::size_t(kk) * hw);
    im2col(cols, x, cin, h, w, k);
    dWeight.noalias() += g * ConstMatMap(cols, kk, hw).transpose();
    dBias += g.rowwise().sum();
    if (dx) {
        MatMap dcols(scratch(tl_dcols, std::size_t(kk) * hw), kk, hw);
        dcols.noalias() = ConstMatMap(weight, cout, kk).transpose() * g;
        std::fill_n(dx, std::size_t(cin) * hw, 0.f);
        col2im(dx, dcols.data(), cin, h, w, k);
    }
}

// U = G g G^T with G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1].
namespace {
// winogradWeights for the output channels [co0, co1).
void winogradWeightRows(float* u, const float* weight, int cout, int cin, int co0, int co1)
{
    const std::size_t plane = std::size_t(cout) * cin;
    for (int co = co0; co < co1; ++co)
        for (int ci = 0; ci < cin; ++ci) {
            const float* g = weight + (std::size_t(co) * cin + ci) * 9;
            float gg[4][3];  // G g
            for (int k = 0; k < 3; ++k) {
                gg[0][k] = g[k];
                gg[1][k] = 0.5f * (g[k] + g[3 + k] + g[6 + k]);
                gg[2][k] = 0.5f * (g[k] - g[3 + k] + g[6 + k]);
                gg[3][k] = g[6 + k];
            }
            const std::size_t at = std::size_t(co) * cin + ci;
            for (int r = 0; r < 4; ++r) {  // (G g) G^T
                u[(4 * r + 0) * plane + at] = gg[r][0];
                u[(4 * r + 1) * plane + at] = 0.5f * (gg[r][0] + gg[r][1] + gg[r][2]);
                u[(4 * r + 2) * plane + at] = 0.5f * (gg[r][0] - gg[r][1] + gg[r][2]);
                u[(4 * r + 3) * plane + at] = gg[r][2];
            }
        }
}
}  // namespace

void winogradWeights(float* u, const float* weight, int cout, int cin)
{
    winogradWeightRows(u, weight, cout, cin, 0, cout);
}

namespace {

// The 16 products m_e: (cout, tiles) = U_e * v_e: (cin, tiles), e = 0..15.
using WinogradProducts = void (*)(float* m, const float* v, const float* u, int cout, int cin,
                                  int tiles);

void winogradProductsEigen(float* m, const float* v, const float* u, int cout, int cin, int tiles)
{
    for (int e = 0; e < 16; ++e) {
        const ConstMatMap ue(u + std::size_t(e) * cout * cin, cout, cin);
        const ConstMatMap ve(v + std::size_t(e) * cin * tiles, cin, tiles);
        MatMap me(m + std::size_t(e) * cout * tiles, cout, tiles);
        me.noalias() = ue * ve;
    }
}

void winogradProductsPacked(float* m, const float* v, const float* u, int cout, int cin, int tiles)
{
    const std::size_t uStride = gemmPackedSize(cout, cin);
    for (int e = 0; e < 16; ++e)
        gemmPacked(m + std::size_t(e) * cout * tiles, tiles, u + std::size_t(e) * uStride, cout,
                   cin, v + std::size_t(e) * cin * tiles, tiles, tiles);
}

// A padded input row split into its even and odd columns: the input sits at padded
// column 1, so even[j] = x[2j - 1] and odd[j] = x[2j], zero outside 0 <= x < w; j < tw + 1.
// Then a tile's four columns 2tj .. 2tj+3 are even[tj], odd[tj], even[tj+1], odd[tj+1],
// and every transform below is a unit-stride loop.
void splitRow(float* __restrict even, float* __restrict odd, const float* __restrict src, int w,
              int tw)
{
    even[0] = 0.f;
    const int pairs = w / 2;
    for (int j = 0; j < pairs; ++j) {
        odd[j] = src[2 * j];
        even[j + 1] = src[2 * j + 1];
    }
    for (int j = pairs; j <= tw; ++j) {
        odd[j] = 2 * j < w ? src[2 * j] : 0.f;
        if (j + 1 <= tw)
            even[j + 1] = 0.f;
    }
}

// out[0, w) <- even and odd columns interleaved.
void interleave(float* __restrict out, const float* __restrict even, const float* __restrict odd,
                int w)
{
    const int pairs = w / 2;
    for (int j = 0; j < pairs; ++j) {
        out[2 * j] = even[j];
        out[2 * j + 1] = odd[j];
    }
    if (w % 2)
        out[w - 1] = even[pairs];
}

template<Activation A, bool active>
inline float activated(float v)
{
    if constexpr (!active)
        return v;
    else if constexpr (A == Activation::ReLU)
        return std::max(v, 0.f);
    else
        return std::max(v, v * kLeakySlope);
}

// Output rows 2ti, 2ti+1 (the second when `two`) of one channel from the 16 products q_e
// (tw tiles each, e-stride qs): Y = A^T q A + b, activated. tmp: 4 * tw floats.
template<Activation A, bool active>
void outputRows(float* out0, float* out1, const float* __restrict q, std::size_t qs, int tw, int w,
                float b, bool two, float* __restrict tmp)
{
    float *e0 = tmp, *o0 = tmp + tw, *e1 = tmp + 2 * tw, *o1 = tmp + 3 * tw;
#pragma omp simd
    for (int j = 0; j < tw; ++j) {
        float s0[4], s1[4];
        for (int k = 0; k < 4; ++k) {
            const float a0 = q[k * qs + j], a1 = q[(4 + k) * qs + j], a2 = q[(8 + k) * qs + j],
                        a3 = q[(12 + k) * qs + j];
            s0[k] = a0 + a1 + a2;
            s1[k] = a1 - a2 - a3;
        }
        e0[j] = activated<A, active>(s0[0] + s0[1] + s0[2] + b);
        o0[j] = activated<A, active>(s0[1] - s0[2] - s0[3] + b);
        e1[j] = activated<A, active>(s1[0] + s1[1] + s1[2] + b);
        o1[j] = activated<A, active>(s1[1] - s1[2] - s1[3] + b);
    }
    interleave(out0, e0, o0, w);
    if (two)
        interleave(out1, e1, o1, w);
}

// Output columns [2 j0, min(2 j1, w)) of every channel from the products m of the tile
// columns [j0, j1) (th x bw tiles per channel).
template<Activation A, bool active>
void outputTransform(float* y, const float* m, int h, int w, int th, int j0, int bw,
                     const float* bias, int cout)
{
    const std::size_t tiles = std::size_t(th) * bw, qs = std::size_t(cout) * tiles;
    const int cols = std::min(2 * bw, w - 2 * j0);
    float* tmp = scratch(tl_out, std::size_t(4) * bw);
    for (int co = 0; co < cout; ++co) {
        float* out = y + std::size_t(co) * h * w + 2 * j0;
        for (int ti = 0; ti < th; ++ti)
            outputRows<A, active>(out + std::size_t(2 * ti) * w, out + std::size_t(2 * ti + 1) * w,
                                  m + co * tiles + std::size_t(ti) * bw, qs, bw, cols, bias[co],
                                  2 * ti + 1 < h, tmp);
    }
}

// Y = A^T [ sum_c (G g G^T) .* (B^T d B) ] A over 4x4 input tiles d with stride 2, each
// giving a 2x2 output tile; the 16 elementwise products become 16 GEMMs
// (cout x cin) * (cin x tiles).
//   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1],  A^T = [1 1 1 0; 0 1 -1 -1]
// The tiles go in blocks of whole tile columns, small enough that their transformed
// input and products stay in L2 (a long line's would not), large enough for the GEMM.
void winogradConv(float* y, const float* x, int cin, int h, int w, const float* u,
                  const float* bias, int cout, const Activation* act, WinogradProducts products)
{
    const int th = (h + 1) / 2, tw = (w + 1) / 2;
    const int ph = 2 * th + 2, half = tw + 1;  // padded rows; columns per even/odd half
    const std::size_t planeSize = std::size_t(ph) * 2 * half;
    // Tiles per block: about 512 KB of v and m, and at least 64 tiles.
    const int blockTiles = std::max(128, (768 * 1024 / 4) / (16 * (cin + cout)));
    const int bwMax = std::min(tw, std::max(1, blockTiles / th));
    // The padded planes, rows split into even and odd halves; then the row transform
    // B^T d of one tile row of a block, 4 rows of two halves.
    float* split = scratch(tl_pad, planeSize * cin + std::size_t(8) * (bwMax + 1));
    float* rows = split + planeSize * cin;
    float* v = scratch(tl_v, std::size_t(16) * cin * th * bwMax);
    float* m = scratch(tl_m, std::size_t(16) * cout * th * bwMax);
    for (int c = 0; c < cin; ++c) {
        float* plane = split + planeSize * c;
        std::fill_n(plane, std::size_t(2) * half, 0.f);  // padded row 0
        std::fill_n(plane + std::size_t(h + 1) * 2 * half, std::size_t(ph - h - 1) * 2 * half, 0.f);
        const float* src = x + std::size_t(c) * h * w;
        for (int r = 0; r < h; ++r) {
            float* even = plane + std::size_t(r + 1) * 2 * half;
            splitRow(even, even + half, src + std::size_t(r) * w, w, tw);
        }
    }
    for (int j0 = 0; j0 < tw; j0 += bwMax) {
        const int bw = std::min(bwMax, tw - j0), tiles = th * bw;
        const std::size_t vs = std::size_t(cin) * tiles;  // between the 16 positions
        const int n = bw + 1;                             // even (and odd) columns a block reads
        for (int c = 0; c < cin; ++c) {
            float* vc = v + std::size_t(c) * tiles;
            for (int ti = 0; ti < th; ++ti) {
                // Rows: t = B^T d on the block's even and odd columns.
                const float* d = split + planeSize * c + std::size_t(2 * ti) * 2 * half + j0;
                for (int part = 0; part < 2; ++part) {  // even, then odd halves
                    const float* __restrict d0 = d + part * half;
                    const float* __restrict d1 = d0 + 2 * half, * __restrict d2 = d1 + 2 * half, * __restrict d3 = d2 + 2 * half;
                    float* t = rows + part * n;
                    float* __restrict t0 = t, * __restrict t1 = t + 2 * n, * __restrict t2 = t + 4 * n, * __restrict t3 = t + 6 * n;
#pragma omp simd
                    for (int j = 0; j < n; ++j) {
                        t0[j] = d0[j] - d2[j];
                        t1[j] = d1[j] + d2[j];
                        t2[j] = d2[j] - d1[j];
                        t3[j] = d1[j] - d3[j];
                    }
                }
                // Columns: v = t B; tile tj reads even[tj], odd[tj], even[tj+1], odd[tj+1].
                for (int r = 0; r < 4; ++r) {
                    const float* __restrict e = rows + std::size_t(r) * 2 * n;
                    const float* __restrict o = e + n;
                    float* dst = vc + std::size_t(ti) * bw + (4 * r) * vs;
                    float* __restrict v0 = dst, * __restrict v1 = dst + vs, * __restrict v2 = dst + 2 * vs, * __restrict v3 = dst + 3 * vs;
#pragma omp simd
                    for (int j = 0; j < bw; ++j) {
                        v0[j] = e[j] - e[j + 1];
                        v1[j] = o[j] + e[j + 1];
                        v2[j] = e[j + 1] - o[j];
                        v3[j] = o[j] - o[j + 1];
                    }
                }
            }
        }
        products(m, v, u, cout, cin, tiles);
        if (!act)
            outputTransform<Activation::ReLU, false>(y, m, h, w, th, j0, bw, bias, cout);
        else if (*act == Activation::ReLU)
            outputTransform<Activation::ReLU, true>(y, m, h, w, th, j0, bw, bias, cout);
        else
            outputTransform<Activation::LeakyReLU, true>(y, m, h, w, th, j0, bw, bias, cout);
    }
}

}  // namespace

void winogradConvSample(float* y, const float* x, int cin, int h, int w, const float* u,
                        const float* bias, int cout, const Activation* act)
{
    winogradConv(y, x, cin, h, w, u, bias, cout, act, winogradProductsEigen);
}

std::size_t winogradPackedSize(int cout, int cin)
{
    return 16 * gemmPackedSize(cout, cin);
}

void winogradPackWeights(float* packed, const float* weight, int cout, int cin)
{
    // Every step of a training packs its weights: split between the threads (outside a
    // parallel region) when there is enough to share.
    float* u = scratch(tl_u, std::size_t(16) * cout * cin);
#pragma omp parallel if (std::size_t(cout) * cin >= 4096 && !omp_in_parallel())
    {
#pragma omp for schedule(static)
        for (int co = 0; co < cout; ++co)
            winogradWeightRows(u, weight, cout, cin, co, co + 1);
#pragma omp for schedule(static)
        for (int e = 0; e < 16; ++e)
            gemmPackA(packed + std::size_t(e) * gemmPackedSize(cout, cin),
                      u + std::size_t(e) * cout * cin, cout, cin);
    }
}

void winogradConvSamplePacked(float* y, const float* x, int cin, int h, int w, const float* packed,
                              const float* bias, int cout, const Activation* act)
{
    winogradConv(y, x, cin, h, w, packed, bias, cout, act, winogradProductsPacked);
}

void convIm2colSamplePacked(float* y, const float* x, int cin, int h, int w, const float* packed,
                            const float* bias, int cout, int k, const Activation* act)
{
    const int hw = h * w, kk = cin * k * k;
    const float* cols = x;
    if (k != 1) {
        float* c = scratch(tl_cols, std::size_t(kk) * hw);
        im2col(c, x, cin, h, w, k);
        cols = c;
    }
    gemmPacked(y, hw, packed, cout, kk, cols, hw, hw);
    biasActivate(y, cout, hw, bias, act);
}

}  // namespace inklens::nn
