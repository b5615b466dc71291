#pragma once
// The transforms of Winograd's minimal filtering F(m, 3) (Lavin & Gray 2016), shared by
// the forward (conv_kernels.cpp) and the backward (conv_backward.cpp): m outputs of a
// 3-tap correlation from n = m + 2 inputs d and the taps g as
//   y = A^T [(G g) .* (B^T d)].
// The 2-D tile F(mh x mw, 3x3) is their tensor product: U = G g G^T, V = B^T d B,
// Y = A^T M A, applied as 1-D transforms along the columns, then along the rows. The
// backward needs the adjoints: d = B t, m = A y, g = G^T u.
// Internal to the engine (no public header includes it).

#include "conv_kernels.h"

#include <algorithm>
#include <cstddef>

// "The iterations of the next loop are independent" (no aliasing between the pointers it
// writes and reads): GCC's ivdep, clang's assume_safety.
#if defined(__clang__)
#define INKLENS_IVDEP _Pragma("clang loop vectorize(assume_safety)")
#else
#define INKLENS_IVDEP _Pragma("GCC ivdep")
#endif

namespace inklens::nn::winograd {

template<int M>
struct Transform1d;

// F(2, 3), points 0, 1, -1, infinity:
//   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]
//   G   = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
//   A^T = [1 1 1 0; 0 1 -1 -1]
template<>
struct Transform1d<2>
{
    static constexpr int n = 4;
    static void input(float t[4], const float d[4])  // t = B^T d
    {
        t[0] = d[0] - d[2];
        t[1] = d[1] + d[2];
        t[2] = d[2] - d[1];
        t[3] = d[1] - d[3];
    }
    static void kernel(float u[4], const float g[3])  // u = G g
    {
        u[0] = g[0];
        u[1] = 0.5f * (g[0] + g[1] + g[2]);
        u[2] = 0.5f * (g[0] - g[1] + g[2]);
        u[3] = g[2];
    }
    static void output(float y[2], const float m[4])  // y = A^T m
    {
        y[0] = m[0] + m[1] + m[2];
        y[1] = m[1] - m[2] - m[3];
    }
    static void inputAdjoint(float d[4], const float t[4])  // d = B t
    {
        d[0] = t[0];
        d[1] = t[1] - t[2] + t[3];
        d[2] = t[1] + t[2] - t[0];
        d[3] = -t[3];
    }
    static void kernelAdjoint(float g[3], const float u[4])  // g = G^T u
    {
        g[0] = u[0] + 0.5f * (u[1] + u[2]);
        g[1] = 0.5f * (u[1] - u[2]);
        g[2] = 0.5f * (u[1] + u[2]) + u[3];
    }
    static void outputAdjoint(float m[4], const float y[2])  // m = A y
    {
        m[0] = y[0];
        m[1] = y[0] + y[1];
        m[2] = y[0] - y[1];
        m[3] = -y[1];
    }
};

// F(4, 3), points 0, 1, -1, 2, -1/2, infinity (Barabasz et al. 2020, "Error analysis and
// improving the accuracy of Winograd convolution for deep neural networks": a point and its
// reciprocal of the other sign in place of Lavin's 2, -2). What rounds in F(4x4) is the sum
// over the input channels at each of the 36 positions (the transforms hardly matter),
// amplified by the output transform. On the bundled model's activations (conv1-4, a float32
// simulation against float64) these points round 0.7x as much as 0, 1, -1, 2, -2, and 0.4x
// with the GEMM's chunked sums (gemm_kernels.cpp; bench/README.md). Rows scaled to integers:
//   B^T = [2  3 -4 -3  2 0;      G = [ 1/2      0      0;     A^T = [1 1  1 1  8 0;
//          0 -2 -5 -1  2 0;            -1/6   -1/6   -1/6;            0 1 -1 2 -4 0;
//          0  2  1 -5  2 0;             1/6   -1/6    1/6;            0 1  1 4  2 0;
//          0 -1 -2  1  2 0;            1/30   1/15   2/15;            0 1 -1 8 -1 1]
//          0  2 -1 -2  1 0;           -2/15   1/15  -1/30;
//          0  2  3 -4 -3 2]               0      0    1/2]
template<>
struct Transform1d<4>
{
    static constexpr int n = 6;
    static void input(float t[6], const float d[6])
    {
        const float s = d[4] - d[2], q = d[1] - d[3];
        const float h = 2.f * d[1] + 3.f * d[2] + d[3];
        t[0] = 2.f * (d[0] + d[4] - 2.f * d[2]) + 3.f * q;
        t[1] = 2.f * s - h;
        t[2] = 2.f * s + h - 6.f * d[3];
        t[3] = 2.f * s - q;
        t[4] = s + 2.f * q;
        t[5] = 2.f * (d[1] + d[5] - 2.f * d[3]) - 3.f * s;
    }
    static constexpr float sixth = 1.f / 6, fifteenth = 1.f / 15, thirtieth = 1.f / 30;
    static void kernel(float u[6], const float g[3])
    {
        u[0] = 0.5f * g[0];
        u[1] = -sixth * (g[0] + g[1] + g[2]);
        u[2] = sixth * (g[0] - g[1] + g[2]);
        u[3] = thirtieth * (g[0] + 2.f * g[1] + 4.f * g[2]);
        u[4] = -thirtieth * (4.f * g[0] - 2.f * g[1] + g[2]);
        u[5] = 0.5f * g[2];
    }
    static void output(float y[4], const float m[6])
    {
        const float p12 = m[1] + m[2], m12 = m[1] - m[2];
        y[0] = m[0] + p12 + m[3] + 8.f * m[4];
        y[1] = m12 + 2.f * m[3] - 4.f * m[4];
        y[2] = p12 + 4.f * m[3] + 2.f * m[4];
        y[3] = m12 + 8.f * m[3] - m[4] + m[5];
    }
    static void inputAdjoint(float d[6], const float t[6])  // input's steps in reverse
    {
        const float ds = 2.f * (t[1] + t[2] + t[3]) + t[4] - 3.f * t[5];
        const float dq = 3.f * t[0] - t[3] + 2.f * t[4], dh = t[2] - t[1];
        d[0] = 2.f * t[0];
        d[1] = 2.f * t[5] + dq + 2.f * dh;
        d[2] = 3.f * dh - ds - 4.f * t[0];
        d[3] = dh - dq - 6.f * t[2] - 4.f * t[5];
        d[4] = 2.f * t[0] + ds;
        d[5] = 2.f * t[5];
    }
    static void kernelAdjoint(float g[3], const float u[6])
    {
        const float m12 = sixth * (u[2] - u[1]), p12 = sixth * (u[1] + u[2]);
        g[0] = 0.5f * u[0] + m12 + thirtieth * (u[3] - 4.f * u[4]);
        g[1] = fifteenth * (u[3] + u[4]) - p12;
        g[2] = m12 + thirtieth * (4.f * u[3] - u[4]) + 0.5f * u[5];
    }
    static void outputAdjoint(float m[6], const float y[4])
    {
        const float e02 = y[0] + y[2], o13 = y[1] + y[3];
        m[0] = y[0];
        m[1] = e02 + o13;
        m[2] = e02 - o13;
        m[3] = y[0] + 2.f * y[1] + 4.f * y[2] + 8.f * y[3];
        m[4] = 8.f * y[0] - 4.f * y[1] + 2.f * y[2] - y[3];
        m[5] = y[3];
    }
};

// F(mh x mw, 3x3): an (mh x mw) output tile from an (mh + 2) x (mw + 2) input tile.
template<int MH, int MW>
struct Tile2d
{
    using Rows = Transform1d<MH>;
    using Cols = Transform1d<MW>;
    static constexpr int nh = MH + 2, nw = MW + 2, positions = nh * nw;

    // u: (nh x nw) <- G g G^T, g: (3 x 3)
    static void kernel(float u[positions], const float g[9])
    {
        float gg[nh][3];  // G g, column by column
#pragma GCC unroll 36
        for (int k = 0; k < 3; ++k) {
            const float col[3] = {g[k], g[3 + k], g[6 + k]};
            float out[nh];
            Rows::kernel(out, col);
#pragma GCC unroll 36
            for (int r = 0; r < nh; ++r)
                gg[r][k] = out[r];
        }
#pragma GCC unroll 36
        for (int r = 0; r < nh; ++r)  // (G g) G^T, row by row
            Cols::kernel(u + r * nw, gg[r]);
    }
    // v: (nh x nw) <- B^T d B, d: (nh x nw)
    static void input(float v[positions], const float d[positions])
    {
        float t[nh][nw];  // B^T d, column by column
#pragma GCC unroll 8
        for (int c = 0; c < nw; ++c) {
            float col[nh], out[nh];
#pragma GCC unroll 8
            for (int r = 0; r < nh; ++r)
                col[r] = d[r * nw + c];
            Rows::input(out, col);
#pragma GCC unroll 8
            for (int r = 0; r < nh; ++r)
                t[r][c] = out[r];
        }
#pragma GCC unroll 8
        for (int r = 0; r < nh; ++r)  // (B^T d) B, row by row
            Cols::input(v + r * nw, t[r]);
    }
    // y: (MH x MW) <- A^T m A, m: (nh x nw)
    static void output(float y[MH * MW], const float m[positions])
    {
        float s[nh][MW];  // m A, row by row
#pragma GCC unroll 8
        for (int r = 0; r < nh; ++r)
            Cols::output(s[r], m + r * nw);
#pragma GCC unroll 8
        for (int c = 0; c < MW; ++c) {  // A^T (m A), column by column
            float col[nh], out[MH];
#pragma GCC unroll 8
            for (int r = 0; r < nh; ++r)
                col[r] = s[r][c];
            Rows::output(out, col);
#pragma GCC unroll 8
            for (int i = 0; i < MH; ++i)
                y[i * MW + c] = out[i];
        }
    }
    // dg: (3 x 3) += G^T du G, du: (nh x nw)
    static void kernelAdjoint(float dg[9], const float du[positions])
    {
        float dgg[nh][3];  // du G, row by row
#pragma GCC unroll 36
        for (int r = 0; r < nh; ++r)
            Cols::kernelAdjoint(dgg[r], du + r * nw);
#pragma GCC unroll 36
        for (int k = 0; k < 3; ++k) {  // G^T (du G), column by column
            float col[nh], out[3];
#pragma GCC unroll 36
            for (int r = 0; r < nh; ++r)
                col[r] = dgg[r][k];
            Rows::kernelAdjoint(out, col);
#pragma GCC unroll 36
            for (int i = 0; i < 3; ++i)
                dg[3 * i + k] += out[i];
        }
    }
};

// u: positions matrices, uStride apart, <- G g G^T for the 3x3 kernels g of the entries
// [at0, at1) of weight: (entries, 3, 3). A vector loop over blocks of entries, their kernels
// transposed first (nine rows of the block). uStride should not be a power of 2: the
// positions' streams would map to the same cache sets.
template<int MH, int MW>
void weightTransform(float* u, std::size_t uStride, const float* weight, std::size_t at0,
                     std::size_t at1)
{
    using T = Tile2d<MH, MW>;
    constexpr int block = 16;
    for (std::size_t a0 = at0; a0 < at1; a0 += block) {
        const int nb = int(std::min<std::size_t>(block, at1 - a0));
        float gt[9][block];
        for (int i = 0; i < nb; ++i)
#pragma GCC unroll 36
            for (int k = 0; k < 9; ++k)
                gt[k][i] = weight[(a0 + i) * 9 + k];
INKLENS_IVDEP
        for (int i = 0; i < nb; ++i) {
            float g[9], ue[T::positions];
#pragma GCC unroll 36
            for (int k = 0; k < 9; ++k)
                g[k] = gt[k][i];
            T::kernel(ue, g);
#pragma GCC unroll 36
            for (int e = 0; e < T::positions; ++e)
                u[e * uStride + a0 + i] = ue[e];
        }
    }
}

// Calls f.template operator()<MH, MW>() for the tile.
template<class F>
decltype(auto) withTile(WinogradTile tile, F&& f)
{
    switch (tile) {
    case WinogradTile::F2x2:
        return f.template operator()<2, 2>();
    case WinogradTile::F2x4:
        return f.template operator()<2, 4>();
    case WinogradTile::F4x4:
        break;
    }
    return f.template operator()<4, 4>();
}

// The 1-D transforms on rows of len floats, one transform per column j:
// t_k[j] = (B^T d[j])_k, y_i[j] = (A^T m[j])_i, m_k[j] = (A y[j])_k. Vector loops over j;
// the rows do not overlap (ivdep: GCC 12 leaves these loops scalar under "omp simd").
template<int M>
void inputRows(float* const t[M + 2], const float* const d[M + 2], int len)
{
INKLENS_IVDEP
    for (int j = 0; j < len; ++j) {
        float in[M + 2], out[M + 2];
        for (int k = 0; k < M + 2; ++k)
            in[k] = d[k][j];
        Transform1d<M>::input(out, in);
        for (int k = 0; k < M + 2; ++k)
            t[k][j] = out[k];
    }
}

template<int M>
void outputRows(float* const y[M], const float* const m[M + 2], int len)
{
INKLENS_IVDEP
    for (int j = 0; j < len; ++j) {
        float in[M + 2], out[M];
        for (int k = 0; k < M + 2; ++k)
            in[k] = m[k][j];
        Transform1d<M>::output(out, in);
        for (int i = 0; i < M; ++i)
            y[i][j] = out[i];
    }
}

template<int M>
void outputAdjointRows(float* const m[M + 2], const float* const y[M], int len)
{
INKLENS_IVDEP
    for (int j = 0; j < len; ++j) {
        float in[M], out[M + 2];
        for (int i = 0; i < M; ++i)
            in[i] = y[i][j];
        Transform1d<M>::outputAdjoint(out, in);
        for (int k = 0; k < M + 2; ++k)
            m[k][j] = out[k];
    }
}

// d_k[j] += (B t[j])_k
template<int M>
void addInputAdjointRows(float* const d[M + 2], const float* const t[M + 2], int len)
{
INKLENS_IVDEP
    for (int j = 0; j < len; ++j) {
        float in[M + 2], out[M + 2];
        for (int k = 0; k < M + 2; ++k)
            in[k] = t[k][j];
        Transform1d<M>::inputAdjoint(out, in);
        for (int k = 0; k < M + 2; ++k)
            d[k][j] += out[k];
    }
}

}  // namespace inklens::nn::winograd
