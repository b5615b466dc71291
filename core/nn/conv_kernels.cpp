#include "conv_kernels.h"

#include "gemm_kernels.h"
#include "winograd_transforms.h"

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

using winograd::inputRows;
using winograd::outputRows;
using winograd::Tile2d;
using winograd::withTile;

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

namespace {

// u: positions x (cout, cin), uStride apart, for the output channels [co0, co1).
template<int MH, int MW>
void winogradWeightRows(float* u, std::size_t uStride, const float* weight, int cin, int co0,
                        int co1)
{
    winograd::weightTransform<MH, MW>(u, uStride, weight, std::size_t(co0) * cin,
                                      std::size_t(co1) * cin);
}

// The stride between the transformed weights' matrices: a cache line more than their size
// (often a power of 2, whose streams would map to the same cache sets).
std::size_t weightStride(int cout, int cin)
{
    return (std::size_t(cout) * cin + 15) / 16 * 16 + 16;
}

}  // namespace

int winogradPositions(WinogradTile tile)
{
    return withTile(tile, []<int MH, int MW>() { return Tile2d<MH, MW>::positions; });
}

WinogradTile winogradTileFor(int h, int w)
{
    // Fewer multiplications, but fewer tiles: GEMMs over less than one 32-column block of
    // the kernel run below its speed (in the network, 16 tiles of F(4x4) were slower than
    // 64 of F(2x2), the transforms included).
    const long tw4 = (w + 3) / 4;
    if (h >= 3 && (h + 3) / 4 * tw4 >= 32) {
        // F(2x4) where its 24 positions per 2 rows multiply as little as F(4x4)'s 36 per
        // 4 (heights 5 and 6): it rounds less (F(2, 3) down the columns).
        if (24 * ((h + 1) / 2) <= 36 * ((h + 3) / 4))
            return WinogradTile::F2x4;
        return WinogradTile::F4x4;
    }
    if (h <= 2 && tw4 >= 32)
        return WinogradTile::F2x4;
    return WinogradTile::F2x2;
}

void winogradWeights(float* u, const float* weight, int cout, int cin, WinogradTile tile)
{
    withTile(tile, [&]<int MH, int MW>() {
        winogradWeightRows<MH, MW>(u, std::size_t(cout) * cin, weight, cin, 0, cout);
    });
}

namespace {

// The products m_e: (cout, tiles) = U_e * v_e: (cin, tiles), one per tile position e.
using WinogradProducts = void (*)(float* m, const float* v, const float* u, int cout, int cin,
                                  int tiles, int positions);

void winogradProductsEigen(float* m, const float* v, const float* u, int cout, int cin, int tiles,
                           int positions)
{
    for (int e = 0; e < positions; ++e) {
        const ConstMatMap ue(u + std::size_t(e) * cout * cin, cout, cin);
        const ConstMatMap ve(v + std::size_t(e) * cin * tiles, cin, tiles);
        MatMap me(m + std::size_t(e) * cout * tiles, cout, tiles);
        me.noalias() = ue * ve;
    }
}

void winogradProductsPacked(float* m, const float* v, const float* u, int cout, int cin, int tiles,
                            int positions)
{
    const std::size_t uStride = gemmPackedSize(cout, cin);
    for (int e = 0; e < positions; ++e)
        gemmPacked(m + std::size_t(e) * cout * tiles, tiles, u + std::size_t(e) * uStride, cout,
                   cin, v + std::size_t(e) * cin * tiles, tiles, tiles);
}

// A padded input row split into MW phases of n floats: the input sits at padded column
// 1, so phase p holds x[MW j + p - 1] at j, zero outside 0 <= x < w. A tile's columns
// MW tj .. MW tj + MW + 1 are then phase (c % MW) at tj + c / MW, c = 0 .. MW + 1, and
// every transform below is a unit-stride loop over the tiles.
template<int MW>
void splitRow(float* __restrict phases, const float* __restrict src, int w, int n)
{
    const int full = w / MW;  // j < full: all MW columns inside x
    phases[0] = 0.f;          // x[-1]
    for (int j = 0; j < full; ++j)
        for (int p = 0; p < MW; ++p)
            phases[p * n + j + (p == 0)] = src[MW * j + p + (p == 0 ? MW - 1 : -1)];
    for (int p = 0; p < MW; ++p)
        for (int j = full + (p == 0); j < n; ++j) {
            const int x = MW * j + p - 1;
            phases[p * n + j] = x < w ? src[x] : 0.f;
        }
}

// out[0, w) <- MW phases of n floats interleaved: out[MW j + p] = phases[p n + j].
template<int MW>
void interleave(float* __restrict out, const float* __restrict phases, int n, int w)
{
    const int full = w / MW;
    for (int j = 0; j < full; ++j)
        for (int p = 0; p < MW; ++p)
            out[MW * j + p] = phases[p * n + j];
    for (int x = MW * full; x < w; ++x)
        out[x] = phases[(x % MW) * n + full];
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

// Small tiles (F(2x2): 16 values) are transformed in one vector loop over the tiles, their
// values in registers; larger ones in separable 1-D passes (measured: each is the faster
// for its tile, inklens_conv_bench).
template<int MH, int MW>
constexpr bool kOneLoop = Tile2d<MH, MW>::positions <= 16;

// One tile row of one channel, bw tiles: v_e <- B^T d B for the positions e, vs apart.
// d: the tile row's first padded row (nh rows, rowLen apart, each MW phases of n floats),
// at the block's first tile column; tile j reads column c of a row at phase c % MW,
// j + c / MW. One vector loop over the tiles.
template<int MH, int MW>
void inputTiles(float* __restrict v, std::size_t vs, const float* __restrict d, std::size_t rowLen,
                int n, int bw)
{
    using T = Tile2d<MH, MW>;
INKLENS_IVDEP
    for (int j = 0; j < bw; ++j) {
        float tile[T::positions], ve[T::positions];
#pragma GCC unroll 8
        for (int r = 0; r < T::nh; ++r)
#pragma GCC unroll 8
            for (int c = 0; c < T::nw; ++c)
                tile[r * T::nw + c] = d[r * rowLen + (c % MW) * n + c / MW + j];
        T::input(ve, tile);
#pragma GCC unroll 36
        for (int e = 0; e < T::positions; ++e)
            v[e * vs + j] = ve[e];
    }
}

// Output rows MH ti .. of one channel (the first `rows` of them, at out, w apart) from
// the products q_e (bw tiles each, qs apart): Y = A^T q A + b, activated, into MH x MW
// phase rows of bw floats, then interleaved. One vector loop over the tiles.
// phases: MH * MW * bw floats.
template<int MH, int MW, Activation A, bool active>
void outputTiles(float* out, int rows, int w, const float* __restrict q, std::size_t qs, int bw,
                 int cols, float b, float* __restrict phases)
{
    using T = Tile2d<MH, MW>;
INKLENS_IVDEP
    for (int j = 0; j < bw; ++j) {
        float me[T::positions], y[MH * MW];
#pragma GCC unroll 36
        for (int e = 0; e < T::positions; ++e)
            me[e] = q[e * qs + j];
        T::output(y, me);
#pragma GCC unroll 16
        for (int i = 0; i < MH * MW; ++i) {
            phases[i * bw + j] = activated<A, active>(y[i] + b);
        }
    }
    for (int i = 0; i < rows; ++i)
        interleave<MW>(out + std::size_t(i) * w, phases + i * MW * bw, bw, cols);
}

// inputTiles for large tiles (36 values would not stay in registers): two separable
// 1-D passes of vector loops, through tmp.
// One tile row of one channel, bw tiles: v_e <- B^T d B for the positions e, vs apart.
// d: the tile row's first padded row (nh rows, rowLen apart, each MW phases of n floats),
// at the block's first tile column. tmp: nh * MW * (bw + 1) floats.
template<int MH, int MW>
void inputTilesSeparable(float* v, std::size_t vs, const float* d, std::size_t rowLen, int n,
                         int bw, float* tmp)
{
    constexpr int nh = MH + 2, nw = MW + 2;
    const int len = bw + 1;  // the columns of each phase that the tiles read
    // Along the columns: t = B^T d on the nh padded rows, phase by phase; t row r phase p
    // at tmp + (r MW + p) len.
    for (int p = 0; p < MW; ++p) {
        const float* in[nh];
        float* out[nh];
        for (int r = 0; r < nh; ++r) {
            in[r] = d + r * rowLen + std::size_t(p) * n;
            out[r] = tmp + (r * MW + p) * len;
        }
        inputRows<MH>(out, in, len);
    }
    // Along the rows: v = t B; tile j reads column c of t at phase c % MW, j + c / MW.
    for (int r = 0; r < nh; ++r) {
        const float* in[nw];
        float* out[nw];
        for (int c = 0; c < nw; ++c) {
            in[c] = tmp + (r * MW + c % MW) * len + c / MW;
            out[c] = v + (r * nw + c) * vs;
        }
        inputRows<MW>(out, in, bw);
    }
}

// Output rows MH ti .. of one channel (the first `rows` of them, at out, w apart) from
// the products q_e (bw tiles each, qs apart): Y = A^T q A + b, activated.
// tmp: (nh + MH) * MW * bw floats.
template<int MH, int MW, Activation A, bool active>
void outputTilesSeparable(float* out, int rows, int w, const float* q, std::size_t qs, int bw,
                          int cols, float b, float* tmp)
{
    constexpr int nh = MH + 2, nw = MW + 2;
    // Along the rows: s = q A, row r phase p at tmp + (r MW + p) bw.
    for (int r = 0; r < nh; ++r) {
        const float* in[nw];
        float* s[MW];
        for (int c = 0; c < nw; ++c)
            in[c] = q + (r * nw + c) * qs;
        for (int p = 0; p < MW; ++p)
            s[p] = tmp + (r * MW + p) * bw;
        outputRows<MW>(s, in, bw);
    }
    // Along the columns: Y = A^T s + b, activated, row i phase p at phases + (i MW + p) bw.
    float* phases = tmp + nh * MW * bw;
    for (int p = 0; p < MW; ++p) {
        const float* in[nh];
        float* y[MH];
        for (int r = 0; r < nh; ++r)
            in[r] = tmp + (r * MW + p) * bw;
        for (int i = 0; i < MH; ++i)
            y[i] = phases + (i * MW + p) * bw;
INKLENS_IVDEP
        for (int j = 0; j < bw; ++j) {
            float col[nh], yj[MH];
            for (int r = 0; r < nh; ++r)
                col[r] = in[r][j];
            winograd::Transform1d<MH>::output(yj, col);
            for (int i = 0; i < MH; ++i)
                y[i][j] = activated<A, active>(yj[i] + b);
        }
    }
    for (int i = 0; i < rows; ++i)
        interleave<MW>(out + std::size_t(i) * w, phases + i * MW * bw, bw, cols);
}

// Output columns [MW j0, min(MW (j0 + bw), w)) of every channel from the products m of
// the tile columns [j0, j0 + bw) (th x bw tiles per channel).
template<int MH, int MW, Activation A, bool active>
void outputTransform(float* y, const float* m, int h, int w, int th, int j0, int bw,
                     const float* bias, int cout)
{
    const std::size_t tiles = std::size_t(th) * bw, qs = std::size_t(cout) * tiles;
    const int cols = std::min(MW * bw, w - MW * j0);
    float* phases = scratch(tl_out, std::size_t(MH + 2 + MH) * MW * bw);
    for (int co = 0; co < cout; ++co) {
        float* out = y + std::size_t(co) * h * w + MW * j0;
        for (int ti = 0; ti < th; ++ti) {
            float* rowsOut = out + std::size_t(MH * ti) * w;
            const int rows = std::min(MH, h - MH * ti);
            const float* q = m + co * tiles + std::size_t(ti) * bw;
            if constexpr (kOneLoop<MH, MW>)
                outputTiles<MH, MW, A, active>(rowsOut, rows, w, q, qs, bw, cols, bias[co], phases);
            else
                outputTilesSeparable<MH, MW, A, active>(rowsOut, rows, w, q, qs, bw, cols, bias[co],
                                                        phases);
        }
    }
}

// Y = A^T [ sum_c (G g G^T) .* (B^T d B) ] A over (MH + 2) x (MW + 2) input tiles d with
// strides MH and MW, each giving an MH x MW output tile; the elementwise products at
// the (MH + 2)(MW + 2) tile positions become as many GEMMs (cout x cin) * (cin x tiles).
// The tiles go in blocks of whole tile columns, small enough that their transformed
// input and products stay in L2 (a long line's would not), large enough for the GEMM.
template<int MH, int MW>
void winogradConv(float* y, const float* x, int cin, int h, int w, const float* u,
                  const float* bias, int cout, const Activation* act, WinogradProducts products)
{
    constexpr int positions = Tile2d<MH, MW>::positions;
    const int th = (h + MH - 1) / MH, tw = (w + MW - 1) / MW;
    const int ph = MH * th + 2, n = tw + 1;  // padded rows; floats per phase of a row
    const std::size_t rowLen = std::size_t(MW) * n, planeSize = std::size_t(ph) * rowLen;
    // Tiles per block: about 768 KB of v and m, and at least 128 tiles.
    const int blockTiles = std::max(128, (768 * 1024 / 4) / (positions * (cin + cout)));
    const int bwMax = std::min(tw, std::max(1, blockTiles / th));
    // The padded planes, then the first pass of inputTilesSeparable.
    float* split = scratch(tl_pad, planeSize * cin + std::size_t(MH + 2) * MW * (bwMax + 1));
    float* rows = split + planeSize * cin;
    float* v = scratch(tl_v, std::size_t(positions) * cin * th * bwMax);
    float* m = scratch(tl_m, std::size_t(positions) * cout * th * bwMax);
    for (int c = 0; c < cin; ++c) {
        float* plane = split + planeSize * c;
        std::fill_n(plane, rowLen, 0.f);  // padded row 0
        std::fill(plane + std::size_t(h + 1) * rowLen, plane + planeSize, 0.f);
        const float* src = x + std::size_t(c) * h * w;
        for (int r = 0; r < h; ++r)
            splitRow<MW>(plane + std::size_t(r + 1) * rowLen, src + std::size_t(r) * w, w, n);
    }
    for (int j0 = 0; j0 < tw; j0 += bwMax) {
        const int bw = std::min(bwMax, tw - j0), tiles = th * bw;
        const std::size_t vs = std::size_t(cin) * tiles;  // between the tile positions
        for (int c = 0; c < cin; ++c)
            for (int ti = 0; ti < th; ++ti) {
                float* vt = v + std::size_t(c) * tiles + std::size_t(ti) * bw;
                const float* d = split + planeSize * c + std::size_t(MH * ti) * rowLen + j0;
                if constexpr (kOneLoop<MH, MW>)
                    inputTiles<MH, MW>(vt, vs, d, rowLen, n, bw);
                else
                    inputTilesSeparable<MH, MW>(vt, vs, d, rowLen, n, bw, rows);
            }
        products(m, v, u, cout, cin, tiles, positions);
        if (!act)
            outputTransform<MH, MW, Activation::ReLU, false>(y, m, h, w, th, j0, bw, bias, cout);
        else if (*act == Activation::ReLU)
            outputTransform<MH, MW, Activation::ReLU, true>(y, m, h, w, th, j0, bw, bias, cout);
        else
            outputTransform<MH, MW, Activation::LeakyReLU, true>(y, m, h, w, th, j0, bw, bias,
                                                                 cout);
    }
}

}  // namespace

void winogradConvSample(float* y, const float* x, int cin, int h, int w, const float* u,
                        const float* bias, int cout, const Activation* act, WinogradTile tile)
{
    withTile(tile, [&]<int MH, int MW>() {
        winogradConv<MH, MW>(y, x, cin, h, w, u, bias, cout, act, winogradProductsEigen);
    });
}

std::size_t winogradPackedSize(int cout, int cin, WinogradTile tile)
{
    return std::size_t(winogradPositions(tile)) * gemmPackedSize(cout, cin);
}

void winogradPackWeights(float* packed, const float* weight, int cout, int cin, WinogradTile tile)
{
    // Every step of a training packs its weights: split between the threads (outside a
    // parallel region) when there is enough to share.
    const int positions = winogradPositions(tile);
    const std::size_t uStride = weightStride(cout, cin);
    float* u = scratch(tl_u, positions * uStride);
#pragma omp parallel if (std::size_t(cout) * cin >= 4096 && !omp_in_parallel())
    {
#pragma omp for schedule(static)
        for (int co = 0; co < cout; ++co)
            withTile(tile, [&]<int MH, int MW>() {
                winogradWeightRows<MH, MW>(u, uStride, weight, cin, co, co + 1);
            });
#pragma omp for schedule(static)
        for (int e = 0; e < positions; ++e)
            gemmPackA(packed + std::size_t(e) * gemmPackedSize(cout, cin), u + e * uStride, cout,
                      cin);
    }
}

void winogradConvSamplePacked(float* y, const float* x, int cin, int h, int w, const float* packed,
                              const float* bias, int cout, const Activation* act, WinogradTile tile)
{
    withTile(tile, [&]<int MH, int MW>() {
        winogradConv<MH, MW>(y, x, cin, h, w, packed, bias, cout, act, winogradProductsPacked);
    });
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
