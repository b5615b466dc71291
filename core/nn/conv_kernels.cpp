#include "conv_kernels.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace inklens::nn {

namespace {

// Grow-only per-thread scratch buffers: no allocation once warm.
float* scratch(std::vector<float>& v, std::size_t n)
{
    if (v.size() < n)
        v.resize(n);
    return v.data();
}
thread_local std::vector<float> tl_cols, tl_dcols, tl_pad, tl_v, tl_m;

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
void winogradWeights(float* u, const float* weight, int cout, int cin)
{
    const std::size_t plane = std::size_t(cout) * cin;
    for (int co = 0; co < cout; ++co)
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

// Y = A^T [ sum_c (G g G^T) .* (B^T d B) ] A over 4x4 input tiles d with stride 2, each
// giving a 2x2 output tile; the 16 elementwise products become 16 GEMMs
// (cout x cin) * (cin x tiles).
//   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1],  A^T = [1 1 1 0; 0 1 -1 -1]
void winogradConvSample(float* y, const float* x, int cin, int h, int w, const float* u,
                        const float* bias, int cout, const Activation* act)
{
    using Arr = Eigen::ArrayXf;
    using Strided = Eigen::Map<const Arr, 0, Eigen::InnerStride<2>>;
    using StridedOut = Eigen::Map<Arr, 0, Eigen::InnerStride<2>>;
    const int th = (h + 1) / 2, tw = (w + 1) / 2, tiles = th * tw;
    const int ph = 2 * th + 2, pw = 2 * tw + 2;  // zero-padded plane, input at (1, 1)
    float* pad = scratch(tl_pad, std::size_t(ph) * pw + std::size_t(4) * pw
                                     + std::size_t(2) * (2 * tw + 2) + std::size_t(4) * tw);
    float* rows = pad + std::size_t(ph) * pw;               // 4 row transforms, pw each
    float* outRows = rows + std::size_t(4) * pw;            // 2 output rows, 2*tw + 2 each
    float* sBuf = outRows + std::size_t(2) * (2 * tw + 2);  // 4 row sums of A^T q, tw each
    float* v = scratch(tl_v, std::size_t(16) * cin * tiles);
    float* m = scratch(tl_m, std::size_t(16) * cout * tiles);
    const std::size_t vStride = std::size_t(cin) * tiles;  // between the 16 transform positions
    // The border stays zero; each channel overwrites the whole interior.
    std::fill_n(pad, std::size_t(ph) * pw, 0.f);
    for (int c = 0; c < cin; ++c) {
        const float* src = x + std::size_t(c) * h * w;
        for (int r = 0; r < h; ++r)
            std::memcpy(pad + std::size_t(r + 1) * pw + 1, src + std::size_t(r) * w,
                        sizeof(float) * std::size_t(w));
        float* vc = v + std::size_t(c) * tiles;
        for (int ti = 0; ti < th; ++ti) {
            // Rows: t = B^T d over the whole width at once.
            const Eigen::Map<const Arr> r0(pad + std::size_t(2 * ti) * pw, pw),
                r1(r0.data() + pw, pw), r2(r1.data() + pw, pw), r3(r2.data() + pw, pw);
            Eigen::Map<Arr>(rows, pw) = r0 - r2;
            Eigen::Map<Arr>(rows + pw, pw) = r1 + r2;
            Eigen::Map<Arr>(rows + 2 * pw, pw) = r2 - r1;
            Eigen::Map<Arr>(rows + 3 * pw, pw) = r1 - r3;
            // Columns: v = t B, tile tj reads columns 2tj .. 2tj+3.
            for (int r = 0; r < 4; ++r) {
                const float* t = rows + std::size_t(r) * pw;
                const Strided a0(t, tw), a1(t + 1, tw), a2(t + 2, tw), a3(t + 3, tw);
                float* dst = vc + std::size_t(ti) * tw;
                Eigen::Map<Arr>(dst + (4 * r + 0) * vStride, tw) = a0 - a2;
                Eigen::Map<Arr>(dst + (4 * r + 1) * vStride, tw) = a1 + a2;
                Eigen::Map<Arr>(dst + (4 * r + 2) * vStride, tw) = a2 - a1;
                Eigen::Map<Arr>(dst + (4 * r + 3) * vStride, tw) = a1 - a3;
            }
        }
    }
    for (int e = 0; e < 16; ++e) {
        const ConstMatMap ue(u + std::size_t(e) * cout * cin, cout, cin);
        const ConstMatMap ve(v + std::size_t(e) * vStride, cin, tiles);
        MatMap me(m + std::size_t(e) * cout * tiles, cout, tiles);
        me.noalias() = ue * ve;
    }
    const std::size_t mStride = std::size_t(cout) * tiles;
    auto activate = [act](auto&& a) {
        if (act && *act == Activation::ReLU)
            a = a.max(0.f);
        else if (act)
            a = a.max(a * kLeakySlope);
    };
    for (int co = 0; co < cout; ++co) {
        const float* mc = m + std::size_t(co) * tiles;
        float* out = y + std::size_t(co) * h * w;
        const float b = bias[co];
        for (int ti = 0; ti < th; ++ti) {
            auto q = [&](int e) {
                return Eigen::Map<const Arr>(mc + e * mStride + std::size_t(ti) * tw, tw);
            };
            // s = A^T q (rows), then Y = s A (columns); the two output rows interleave
            // their even and odd columns.
            StridedOut e0(outRows, tw), o0(outRows + 1, tw);
            StridedOut e1(outRows + 2 * tw + 2, tw), o1(outRows + 2 * tw + 3, tw);
            Eigen::Map<Arr> s0(sBuf, tw), s1(sBuf + tw, tw), s2(sBuf + 2 * tw, tw),
                s3(sBuf + 3 * tw, tw);
            s0 = q(0) + q(4) + q(8);
            s1 = q(1) + q(5) + q(9);
            s2 = q(2) + q(6) + q(10);
            s3 = q(3) + q(7) + q(11);
            e0 = s0 + s1 + s2 + b;
            o0 = s1 - s2 - s3 + b;
            activate(e0);
            activate(o0);
            std::memcpy(out + std::size_t(2 * ti) * w, outRows, sizeof(float) * std::size_t(w));
            if (2 * ti + 1 < h) {
                s0 = q(4) - q(8) - q(12);
                s1 = q(5) - q(9) - q(13);
                s2 = q(6) - q(10) - q(14);
                s3 = q(7) - q(11) - q(15);
                e1 = s0 + s1 + s2 + b;
                o1 = s1 - s2 - s3 + b;
                activate(e1);
                activate(o1);
                std::memcpy(out + std::size_t(2 * ti + 1) * w, outRows + 2 * tw + 2,
                            sizeof(float) * std::size_t(w));
            }
        }
    }
}

}  // namespace inklens::nn
