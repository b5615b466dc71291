#include "layers.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace inklens::nn {

Param::Param(std::string n, std::vector<int> s) : name(std::move(n)), shape(std::move(s))
{
    Eigen::Index count = 1;
    for (int d : shape)
        count *= d;
    value = Vec::Zero(count);
    grad = Vec::Zero(count);
}

float Rng::normal()
{
    const float u1 = std::max(uniform(), 1e-7f);
    const float u2 = uniform();
    return std::sqrt(-2.f * std::log(u1)) * std::cos(6.2831853f * u2);
}

void initUniform(Param& p, float bound, Rng& rng)
{
    for (Eigen::Index i = 0; i < p.value.size(); ++i)
        p.value[i] = rng.uniform(-bound, bound);
}

namespace {
int threadIndex()
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}
int maxThreads()
{
#ifdef _OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}
}  // namespace

// ---------------------------------------------------------------- Conv2d

Conv2d::Conv2d(int cin_, int cout_, int kernel, const std::string& name)
    : cin(cin_), cout(cout_), k(kernel), weight(name + ".weight", {cout_, cin_, kernel, kernel}),
      bias(name + ".bias", {cout_})
{
    INKLENS_ASSERT(kernel % 2 == 1);
}

void Conv2d::initDefault(Rng& rng)
{
    const float bound = 1.f / std::sqrt(float(cin * k * k));
    initUniform(weight, bound, rng);
    initUniform(bias, bound, rng);
}

void im2col(const float* x, int cin, int h, int w, int k, float* cols)
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
                    std::memcpy(out + x0, in + x0 + dx, sizeof(float) * std::size_t(std::max(0, x1 - x0)));
                    std::fill(out + std::max(x0, x1), out + w, 0.f);
                }
            }
    }
}

void col2im(const float* dcols, int cin, int h, int w, int k, float* dx)
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

namespace {

// Grow-only per-thread scratch buffers: no allocation once warm.
float* scratch(std::vector<float>& v, std::size_t n)
{
    if (v.size() < n)
        v.resize(n);
    return v.data();
}
thread_local std::vector<float> tl_cols, tl_dcols, tl_pad, tl_v, tl_m, tl_u;

// out (cout planes of hw) += bias, then the activation if fused.
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

// Winograd F(2x2, 3x3) (Lavin & Gray 2016): Y = A^T [ sum_c (G g G^T) .* (B^T d B) ] A
// over 4x4 input tiles d with stride 2, each giving a 2x2 output tile.
//   G = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
//   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1],  A^T = [1 1 1 0; 0 1 -1 -1]
// The 16 elementwise products become 16 GEMMs (cout x cin) * (cin x tiles).
void winogradSample(const float* x, int cin, int h, int w, const float* u, int cout, const float* bias,
                    const Activation* act, float* y)
{
    using Arr = Eigen::ArrayXf;
    using Strided = Eigen::Map<const Arr, 0, Eigen::InnerStride<2>>;
    using StridedOut = Eigen::Map<Arr, 0, Eigen::InnerStride<2>>;
    const int th = (h + 1) / 2, tw = (w + 1) / 2, tiles = th * tw;
    const int ph = 2 * th + 2, pw = 2 * tw + 2;  // zero-padded plane, input at (1, 1)
    float* pad = scratch(tl_pad, std::size_t(ph) * pw + std::size_t(4) * pw + std::size_t(2) * (2 * tw + 2) +
                                     std::size_t(4) * tw);
    float* rows = pad + std::size_t(ph) * pw;  // 4 row transforms, pw each
    float* outRows = rows + std::size_t(4) * pw;  // 2 output rows, 2*tw + 2 each
    float* sBuf = outRows + std::size_t(2) * (2 * tw + 2);  // 4 row sums of A^T q, tw each
    float* v = scratch(tl_v, std::size_t(16) * cin * tiles);
    float* m = scratch(tl_m, std::size_t(16) * cout * tiles);
    const std::size_t vStride = std::size_t(cin) * tiles;  // between the 16 transform positions
    // The border stays zero; each channel overwrites the whole interior.
    std::fill_n(pad, std::size_t(ph) * pw, 0.f);
    for (int c = 0; c < cin; ++c) {
        const float* src = x + std::size_t(c) * h * w;
        for (int r = 0; r < h; ++r)
            std::memcpy(pad + std::size_t(r + 1) * pw + 1, src + std::size_t(r) * w, sizeof(float) * std::size_t(w));
        float* vc = v + std::size_t(c) * tiles;
        for (int ti = 0; ti < th; ++ti) {
            // Rows: t = B^T d over the whole width at once.
            const Eigen::Map<const Arr> r0(pad + std::size_t(2 * ti) * pw, pw), r1(r0.data() + pw, pw),
                r2(r1.data() + pw, pw), r3(r2.data() + pw, pw);
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
            auto q = [&](int e) { return Eigen::Map<const Arr>(mc + e * mStride + std::size_t(ti) * tw, tw); };
            // s = A^T q (rows), then Y = s A (columns); the two output rows interleave
            // their even and odd columns.
            StridedOut e0(outRows, tw), o0(outRows + 1, tw);
            StridedOut e1(outRows + 2 * tw + 2, tw), o1(outRows + 2 * tw + 3, tw);
            Eigen::Map<Arr> s0(sBuf, tw), s1(sBuf + tw, tw), s2(sBuf + 2 * tw, tw), s3(sBuf + 3 * tw, tw);
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
                std::memcpy(out + std::size_t(2 * ti + 1) * w, outRows + 2 * tw + 2, sizeof(float) * std::size_t(w));
            }
        }
    }
}

}  // namespace

void winogradWeights(const float* weight, int cout, int cin, float* u)
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

void Conv2d::prepareInference()
{
    if (!usesWinograd())
        return;
    m_winograd.resize(Eigen::Index(16) * cout * cin);
    winogradWeights(weight.value.data(), cout, cin, m_winograd.data());
}

void Conv2d::forward(const Tensor4& x, Tensor4& y, const Activation* fused) const
{
    if (!usesWinograd()) {
        forwardIm2col(x, y);
        if (fused)
            activationForward(y, *fused);
        y.maskPadding();
        return;
    }
    INKLENS_ASSERT(x.c == cin);
    y.resize(x.n, cout, x.h, x.w);
    y.widths = x.widths;
    const float* u = m_winograd.size() ? m_winograd.data() : nullptr;
    if (!u) {  // weights may change between calls (training): transform them now
        u = scratch(tl_u, std::size_t(16) * cout * cin);
        winogradWeights(weight.value.data(), cout, cin, const_cast<float*>(u));
    }
    const float* uShared = u;
    std::vector<float> uCopy;
    if (!m_winograd.size() && x.n > 1) {  // the thread-local transform is not visible to other threads
        uCopy.assign(u, u + std::size_t(16) * cout * cin);
        uShared = uCopy.data();
    }
#pragma omp parallel for schedule(static) if (x.n > 1)
    for (int i = 0; i < x.n; ++i)
        winogradSample(x.sample(i), cin, x.h, x.w, uShared, cout, bias.value.data(), fused, y.sample(i));
    y.maskPadding();
}

void Conv2d::forwardIm2col(const Tensor4& x, Tensor4& y) const
{
    INKLENS_ASSERT(x.c == cin);
    y.resize(x.n, cout, x.h, x.w);
    y.widths = x.widths;
    const int hw = x.h * x.w, kk = cin * k * k;
    const ConstMatMap wm(weight.value.data(), cout, kk);
#pragma omp parallel for schedule(static) if (x.n > 1)
    for (int i = 0; i < x.n; ++i) {
        MatMap out(y.sample(i), cout, hw);
        if (k == 1) {
            out.noalias() = wm * ConstMatMap(x.sample(i), cin, hw);
        } else {
            float* cols = scratch(tl_cols, std::size_t(kk) * hw);
            im2col(x.sample(i), cin, x.h, x.w, k, cols);
            out.noalias() = wm * ConstMatMap(cols, kk, hw);
        }
        biasActivate(y.sample(i), cout, hw, bias.value.data(), nullptr);
    }
    y.maskPadding();
}

void Conv2d::backward(const Tensor4& x, const Tensor4& dy, Tensor4* dx)
{
    const int hw = x.h * x.w, kk = cin * k * k;
    const ConstMatMap wm(weight.value.data(), cout, kk);
    if (dx) {
        dx->resize(x.n, cin, x.h, x.w);
        dx->widths = x.widths;
    }
    const int threads = x.n > 1 ? maxThreads() : 1;
    std::vector<Mat> dW(std::size_t(threads), Mat::Zero(cout, kk));
    std::vector<Vec> dB(std::size_t(threads), Vec::Zero(cout));
#pragma omp parallel for schedule(static) if (x.n > 1)
    for (int i = 0; i < x.n; ++i) {
        const int tid = x.n > 1 ? threadIndex() : 0;
        const ConstMatMap g(dy.sample(i), cout, hw);
        float* cols = scratch(tl_cols, std::size_t(kk) * hw);
        im2col(x.sample(i), cin, x.h, x.w, k, cols);
        dW[std::size_t(tid)].noalias() += g * ConstMatMap(cols, kk, hw).transpose();
        dB[std::size_t(tid)] += g.rowwise().sum();
        if (dx) {
            MatMap dcols(scratch(tl_dcols, std::size_t(kk) * hw), kk, hw);
            dcols.noalias() = wm.transpose() * g;
            std::fill_n(dx->sample(i), dx->sampleSize(), 0.f);
            col2im(dcols.data(), cin, x.h, x.w, k, dx->sample(i));
        }
    }
    auto gw = weight.gradMat(cout, kk);
    for (int t = 0; t < threads; ++t) {
        gw += dW[std::size_t(t)];
        bias.grad += dB[std::size_t(t)];
    }
    if (dx)
        dx->maskPadding();
}

// ---------------------------------------------------------------- BatchNorm2d

BatchNorm2d::BatchNorm2d(int c, const std::string& name)
    : channels(c), weight(name + ".weight", {c}), bias(name + ".bias", {c})
{
    initDefault();
}

void BatchNorm2d::initDefault()
{
    weight.value.setOnes();
    bias.value.setZero();
    runningMean = Vec::Zero(channels);
    runningVar = Vec::Ones(channels);
}

void BatchNorm2d::inferenceAffine(Vec& scale, Vec& shift) const
{
    scale = weight.value.array() / (runningVar.array() + eps).sqrt();
    shift = bias.value.array() - runningMean.array() * scale.array();
}

void BatchNorm2d::forward(Tensor4& x, bool training, Cache* cache)
{
    INKLENS_ASSERT(x.c == channels);
    Vec scale(channels), shift(channels);
    if (!training) {
        inferenceAffine(scale, shift);
    } else {
        INKLENS_ASSERT(cache);
        // Statistics over the valid positions only (padding excluded).
        double count = 0;
        for (int i = 0; i < x.n; ++i)
            count += double(x.widths[std::size_t(i)]) * x.h;
        INKLENS_ASSERT(count > 1);
        cache->invStd.resize(channels);
        Vec batchMean(channels);
#pragma omp parallel for schedule(static)
        for (int ch = 0; ch < channels; ++ch) {
            double sum = 0, sq = 0;
            for (int i = 0; i < x.n; ++i)
                for (int yy = 0; yy < x.h; ++yy) {
                    const float* r = x.plane(i, ch) + std::size_t(yy) * x.w;
                    for (int xx = 0; xx < x.widths[std::size_t(i)]; ++xx) {
                        sum += r[xx];
                        sq += double(r[xx]) * r[xx];
                    }
                }
            const double mean = sum / count;
            const double var = std::max(0.0, sq / count - mean * mean);
            const float inv = float(1.0 / std::sqrt(var + eps));
            cache->invStd[ch] = inv;
            batchMean[ch] = float(mean);
            scale[ch] = weight.value[ch] * inv;
            shift[ch] = bias.value[ch] - float(mean) * scale[ch];
            runningMean[ch] = (1 - momentum) * runningMean[ch] + momentum * float(mean);
            runningVar[ch] = (1 - momentum) * runningVar[ch] + momentum * float(var * count / (count - 1));
        }
        cache->xhat.resize(x.n, x.c, x.h, x.w);
        cache->xhat.widths = x.widths;
        // xhat = (x - mean) * invStd = x * scale/gamma ... computed from the batch mean directly
        for (int i = 0; i < x.n; ++i)
            for (int ch = 0; ch < channels; ++ch) {
                const auto hw = Eigen::Index(x.h) * x.w;
                Eigen::Map<const Eigen::ArrayXf> src(x.plane(i, ch), hw);
                Eigen::Map<Eigen::ArrayXf> dst(cache->xhat.plane(i, ch), hw);
                dst = (src - batchMean[ch]) * cache->invStd[ch];
            }
        cache->xhat.maskPadding();
    }
    for (int i = 0; i < x.n; ++i)
        for (int ch = 0; ch < channels; ++ch) {
            Eigen::Map<Eigen::ArrayXf> p(x.plane(i, ch), Eigen::Index(x.h) * x.w);
            p = p * scale[ch] + shift[ch];
        }
    x.maskPadding();
}

void BatchNorm2d::backward(Tensor4& dy, const Cache& cache)
{
    const Tensor4& xh = cache.xhat;
    double count = 0;
    for (int i = 0; i < dy.n; ++i)
        count += double(dy.widths[std::size_t(i)]) * dy.h;
    dy.maskPadding();
    const auto hw = Eigen::Index(dy.h) * dy.w;
#pragma omp parallel for schedule(static)
    for (int ch = 0; ch < channels; ++ch) {
        double sumDy = 0, sumDyX = 0;  // sum(dy), sum(dy * xhat) over valid positions
        for (int i = 0; i < dy.n; ++i) {
            Eigen::Map<const Eigen::ArrayXf> g(dy.plane(i, ch), hw), xv(xh.plane(i, ch), hw);
            sumDy += g.sum();
            sumDyX += (g * xv).sum();
        }
        weight.grad[ch] += float(sumDyX);
        bias.grad[ch] += float(sumDy);
        // dx = gamma * inv / M * (M dy - sum(dy) - xhat sum(dy xhat))
        const float gamma = weight.value[ch], inv = cache.invStd[ch];
        const float a = gamma * inv, mDy = float(sumDy / count), mDyX = float(sumDyX / count);
        for (int i = 0; i < dy.n; ++i) {
            Eigen::Map<Eigen::ArrayXf> g(dy.plane(i, ch), hw);
            Eigen::Map<const Eigen::ArrayXf> xv(xh.plane(i, ch), hw);
            g = a * (g - mDy - xv * mDyX);
        }
    }
    dy.maskPadding();
}

Conv2d foldBatchNorm(const Conv2d& conv, const BatchNorm2d& bn)
{
    Conv2d out = conv;
    Vec scale, shift;
    bn.inferenceAffine(scale, shift);
    auto w = out.weight.mat(conv.cout, conv.cin * conv.k * conv.k);
    for (int co = 0; co < conv.cout; ++co) {
        w.row(co) *= scale[co];
        out.bias.value[co] = conv.bias.value[co] * scale[co] + shift[co];
    }
    return out;
}

// ---------------------------------------------------------------- activations

void activationForward(Tensor4& x, Activation a)
{
    Eigen::Map<Eigen::ArrayXf> v(x.data.data(), Eigen::Index(x.size()));
    if (a == Activation::ReLU)
        v = v.max(0.f);
    else
        v = (v > 0.f).select(v, v * kLeakySlope);
}

void activationBackward(const Tensor4& y, Tensor4& dy, Activation a)
{
    const auto n = Eigen::Index(y.size());
    Eigen::Map<const Eigen::ArrayXf> out(y.data.data(), n);
    Eigen::Map<Eigen::ArrayXf> g(dy.data.data(), n);
    if (a == Activation::ReLU)
        g = (out > 0.f).select(g, 0.f);
    else
        g = (out > 0.f).select(g, g * kLeakySlope);
}

// ---------------------------------------------------------------- MaxPool2d

void MaxPool2d::forward(const Tensor4& x, Tensor4& y, Cache* cache) const
{
    const int oh = x.h / kh, ow = x.w / kw;
    y.resize(x.n, x.c, oh, ow);
    for (int i = 0; i < x.n; ++i)
        y.widths[std::size_t(i)] = x.widths[std::size_t(i)] / kw;
    if (!cache && kh == 2 && kw <= 2) {  // inference: no argmax, a vectorizable 2-row max
#pragma omp parallel for schedule(static) if (x.n > 1)
        for (int i = 0; i < x.n; ++i)
            for (int ch = 0; ch < x.c; ++ch)
                for (int oy = 0; oy < oh; ++oy) {
                    const float* a = x.plane(i, ch) + std::size_t(2 * oy) * x.w;
                    const float* b = a + x.w;
                    float* out = y.plane(i, ch) + std::size_t(oy) * ow;
                    if (kw == 1)
                        for (int ox = 0; ox < ow; ++ox)
                            out[ox] = std::max(a[ox], b[ox]);
                    else
                        for (int ox = 0; ox < ow; ++ox)
                            out[ox] = std::max(std::max(a[2 * ox], a[2 * ox + 1]), std::max(b[2 * ox], b[2 * ox + 1]));
                }
        y.maskPadding();
        return;
    }
    if (cache)
        cache->argmax.resize(y.size());
#pragma omp parallel for schedule(static) if (x.n > 1)
    for (int i = 0; i < x.n; ++i)
        for (int ch = 0; ch < x.c; ++ch) {
            const float* in = x.plane(i, ch);
            float* out = y.plane(i, ch);
            const std::size_t base = (std::size_t(i) * x.c + ch) * std::size_t(oh) * ow;
            const int inBase = ch * x.h * x.w;
            for (int oy = 0; oy < oh; ++oy)
                for (int ox = 0; ox < ow; ++ox) {
                    int best = (oy * kh) * x.w + ox * kw;
                    float bv = in[best];
                    for (int dy = 0; dy < kh; ++dy)
                        for (int dx = 0; dx < kw; ++dx) {
                            const int idx = (oy * kh + dy) * x.w + ox * kw + dx;
                            if (in[idx] > bv) {
                                bv = in[idx];
                                best = idx;
                            }
                        }
                    out[oy * ow + ox] = bv;
                    if (cache)
                        cache->argmax[base + std::size_t(oy) * ow + ox] = inBase + best;
                }
        }
    y.maskPadding();
}

void MaxPool2d::backward(const Tensor4& dy, const Cache& cache, Tensor4& dx, int inH, int inW) const
{
    dx.resize(dy.n, dy.c, inH, inW);
    for (int i = 0; i < dy.n; ++i)
        dx.widths[std::size_t(i)] = std::min(inW, dy.widths[std::size_t(i)] * kw);
    dx.setZero();
    const std::size_t per = std::size_t(dy.c) * dy.h * dy.w;
    for (int i = 0; i < dy.n; ++i) {
        float* d = dx.sample(i);
        const float* g = dy.sample(i);
        const int* am = cache.argmax.data() + i * per;
        for (std::size_t j = 0; j < per; ++j)
            d[am[j]] += g[j];
    }
}

// ---------------------------------------------------------------- map <-> seq

void mapToSeq(const Tensor4& x, Seq& s)
{
    const int f = x.c * x.h;
    s.resize(x.w, x.n, f);
    s.lengths = x.widths;
    for (int i = 0; i < x.n; ++i)
        for (int ch = 0; ch < x.c; ++ch)
            for (int yy = 0; yy < x.h; ++yy) {
                const float* r = x.plane(i, ch) + std::size_t(yy) * x.w;
                const int col = ch * x.h + yy;
                for (int t = 0; t < x.w; ++t)
                    s.data(Eigen::Index(t) * x.n + i, col) = r[t];
            }
}

void seqToMap(const Seq& ds, Tensor4& dx, int c, int h)
{
    dx.resize(ds.n, c, h, ds.t);
    dx.widths = ds.lengths;
    for (int i = 0; i < ds.n; ++i)
        for (int ch = 0; ch < c; ++ch)
            for (int yy = 0; yy < h; ++yy) {
                float* r = dx.plane(i, ch) + std::size_t(yy) * ds.t;
                const int col = ch * h + yy;
                for (int t = 0; t < ds.t; ++t)
                    r[t] = ds.data(Eigen::Index(t) * ds.n + i, col);
            }
}

// ---------------------------------------------------------------- Linear

Linear::Linear(int in_, int out_, const std::string& name)
    : in(in_), out(out_), weight(name + ".weight", {out_, in_}), bias(name + ".bias", {out_})
{
}

void Linear::initDefault(Rng& rng)
{
    const float bound = 1.f / std::sqrt(float(in));
    initUniform(weight, bound, rng);
    initUniform(bias, bound, rng);
}

void Linear::forward(const Seq& x, Seq& y) const
{
    INKLENS_ASSERT(x.f == in);
    y.resize(x.t, x.n, out);
    y.lengths = x.lengths;
    y.data.noalias() = x.data * weight.mat(out, in).transpose();
    y.data.rowwise() += Eigen::Map<const RowVec>(bias.value.data(), out);
    y.maskPadding();
}

void Linear::backward(const Seq& x, const Seq& dy, Seq* dx)
{
    weight.gradMat(out, in).noalias() += dy.data.transpose() * x.data;
    Eigen::Map<RowVec>(bias.grad.data(), out) += dy.data.colwise().sum();
    if (dx) {
        dx->resize(x.t, x.n, in);
        dx->lengths = x.lengths;
        dx->data.noalias() = dy.data * weight.mat(out, in);
        dx->maskPadding();
    }
}

// ---------------------------------------------------------------- LogSoftmax

void logSoftmaxForward(const Seq& x, Seq& y)
{
    y.resize(x.t, x.n, x.f);
    y.lengths = x.lengths;
    for (Eigen::Index r = 0; r < x.data.rows(); ++r) {
        const float m = x.data.row(r).maxCoeff();
        const float lse = m + std::log((x.data.row(r).array() - m).exp().sum());
        y.data.row(r) = x.data.row(r).array() - lse;
    }
    y.maskPadding();
}

void logSoftmaxBackward(const Seq& y, const Seq& dy, Seq& dx)
{
    dx.resize(y.t, y.n, y.f);
    dx.lengths = y.lengths;
    for (Eigen::Index r = 0; r < y.data.rows(); ++r) {
        const float s = dy.data.row(r).sum();
        dx.data.row(r) = dy.data.row(r).array() - y.data.row(r).array().exp() * s;
    }
    dx.maskPadding();
}

}  // namespace inklens::nn
