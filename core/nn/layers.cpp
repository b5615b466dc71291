#include "layers.h"

#include "conv_backward.h"
#include "gemm_kernels.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>

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
    : cin(cin_),
      cout(cout_),
      k(kernel),
      weight(name + ".weight", {cout_, cin_, kernel, kernel}),
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

void Conv2d::prepareInference(int height)
{
    m_packed2x2.clear();
    if (usesWinograd()) {
        // The tile of a long line at this height, and F(2x2) for short ones.
        m_tile = winogradTileFor(height > 0 ? height : 8, 1 << 20);
        m_packed.resize(winogradPackedSize(cout, cin, m_tile));
        winogradPackWeights(m_packed.data(), weight.value.data(), cout, cin, m_tile);
        if (m_tile != WinogradTile::F2x2) {
            m_packed2x2.resize(winogradPackedSize(cout, cin, WinogradTile::F2x2));
            winogradPackWeights(m_packed2x2.data(), weight.value.data(), cout, cin,
                                WinogradTile::F2x2);
        }
    } else {
        m_packed.resize(gemmPackedSize(cout, cin * k * k));
        gemmPackA(m_packed.data(), weight.value.data(), cout, cin * k * k);
    }
}

namespace {
// The weights of a training forward packed for the engine's own GEMM: they change on every
// step, so they are packed once per call (not per sample). Grow-only, per thread.
thread_local std::vector<float> tl_trainPacked;
}  // namespace

namespace {
std::atomic<bool> g_winograd{true};
}  // namespace

void setWinogradEnabled(bool enabled)
{
    g_winograd.store(enabled, std::memory_order_relaxed);
}

bool winogradEnabled()
{
    return g_winograd.load(std::memory_order_relaxed);
}

void Conv2d::forward(const Tensor4& x, Tensor4& y, const Activation* fused) const
{
    INKLENS_ASSERT(x.c == cin);
    y.resize(x.n, cout, x.h, x.w);
    y.widths = x.widths;
    const bool winograd = usesWinograd() && winogradEnabled();
    const WinogradTile tile = winogradTileFor(x.h, x.w);
    const float* packed = nullptr;
    if (winograd == usesWinograd()) {  // the weights prepareInference packed fit
        if (!m_packed.empty() && (!winograd || tile == m_tile))
            packed = m_packed.data();
        else if (winograd && tile == WinogradTile::F2x2 && !m_packed2x2.empty())
            packed = m_packed2x2.data();
    }
    if (!packed) {  // weights may change between calls (training): pack them now
        const std::size_t size = winograd ? winogradPackedSize(cout, cin, tile)
                                          : gemmPackedSize(cout, cin * k * k);
        if (tl_trainPacked.size() < size)
            tl_trainPacked.resize(size);
        if (winograd)
            winogradPackWeights(tl_trainPacked.data(), weight.value.data(), cout, cin, tile);
        else
            gemmPackA(tl_trainPacked.data(), weight.value.data(), cout, cin * k * k);
        packed = tl_trainPacked.data();
    }
    const float* b = bias.value.data();
#pragma omp parallel for schedule(static) if (x.n > 1)
    for (int i = 0; i < x.n; ++i) {
        if (winograd)
            winogradConvSamplePacked(y.sample(i), x.sample(i), cin, x.h, x.w, packed, b, cout,
                                     fused, tile);
        else
            convIm2colSamplePacked(y.sample(i), x.sample(i), cin, x.h, x.w, packed, b, cout, k,
                                   fused);
    }
    y.maskPadding();
}

void Conv2d::forwardIm2col(const Tensor4& x, Tensor4& y) const
{
    INKLENS_ASSERT(x.c == cin);
    y.resize(x.n, cout, x.h, x.w);
    y.widths = x.widths;
#pragma omp parallel for schedule(static) if (x.n > 1)
    for (int i = 0; i < x.n; ++i)
        convIm2colSample(y.sample(i), x.sample(i), cin, x.h, x.w, weight.value.data(),
                         bias.value.data(), cout, k, nullptr);
    y.maskPadding();
}

void Conv2d::backward(const Tensor4& x, const Tensor4& dy, Tensor4* dx)
{
    const int kk = cin * k * k;
    if (dx) {
        dx->resize(x.n, cin, x.h, x.w);
        dx->widths = x.widths;
    }
    if (k == 3 && cin >= 8) {  // the whole batch in the Winograd domain (conv_backward.h)
        winogradConvBackward(dx ? dx->data.data() : nullptr, weight.grad.data(), bias.grad.data(),
                             x.data.data(), dy.data.data(), x.n, cin, x.h, x.w, weight.value.data(),
                             cout);
        if (dx)
            dx->maskPadding();
        return;
    }
    // Weight and bias gradients summed per thread, then added up.
    const int threads = x.n > 1 ? maxThreads() : 1;
    std::vector<Mat> dW(std::size_t(threads), Mat::Zero(cout, kk));
    std::vector<Vec> dB(std::size_t(threads), Vec::Zero(cout));
#pragma omp parallel for schedule(static) if (x.n > 1)
    for (int i = 0; i < x.n; ++i) {
        const std::size_t tid = std::size_t(x.n > 1 ? threadIndex() : 0);
        convBackwardSample(dx ? dx->sample(i) : nullptr, dW[tid], dB[tid], x.sample(i),
                           dy.sample(i), cin, x.h, x.w, weight.value.data(), cout, k);
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
            runningVar[ch] = (1 - momentum) * runningVar[ch]
                             + momentum * float(var * count / (count - 1));
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

// Element-wise passes split per sample between the threads (a batch's are several MB).
void activationForward(Tensor4& x, Activation a)
{
    const auto n = Eigen::Index(x.sampleSize());
#pragma omp parallel for schedule(static) if (x.n > 1)
    for (int i = 0; i < x.n; ++i) {
        Eigen::Map<Eigen::ArrayXf> v(x.sample(i), n);
        if (a == Activation::ReLU)
            v = v.max(0.f);
        else
            v = (v > 0.f).select(v, v * kLeakySlope);
    }
}

void activationBackward(const Tensor4& y, Tensor4& dy, Activation a)
{
    INKLENS_ASSERT(y.size() == dy.size());
    const auto n = Eigen::Index(y.sampleSize());
#pragma omp parallel for schedule(static) if (y.n > 1)
    for (int i = 0; i < y.n; ++i) {
        Eigen::Map<const Eigen::ArrayXf> out(y.sample(i), n);
        Eigen::Map<Eigen::ArrayXf> g(dy.sample(i), n);
        if (a == Activation::ReLU)
            g = (out > 0.f).select(g, 0.f);
        else
            g = (out > 0.f).select(g, g * kLeakySlope);
    }
}

// ---------------------------------------------------------------- MaxPool2d

namespace {

// out: (ow) = the maxima of the 2 x KW windows (KW = 1 or 2) of the rows a and b;
// where: each maximum's position dy * KW + dx, the first one on ties. Written as
// selects so that the compiler vectorizes it.
template<int KW>
void maxPoolRow2(float* __restrict out, std::uint8_t* __restrict where, const float* __restrict a,
                 const float* __restrict b, int ow)
{
    for (int ox = 0; ox < ow; ++ox) {
        float best = a[KW * ox];
        float at = 0;  // float like the values: one vector width for the selects
        auto take = [&](float v, float pos) {
            at = v > best ? pos : at;
            best = v > best ? v : best;
        };
        if constexpr (KW == 2)
            take(a[2 * ox + 1], 1);
        take(b[KW * ox], KW);
        if constexpr (KW == 2)
            take(b[2 * ox + 1], 3);
        out[ox] = best;
        where[ox] = std::uint8_t(at);
    }
}

// The gradient rows under a row of 2 x KW windows: row ry of each window gets g where the
// maximum was, else 0. ra, rb: rows 2 oy and 2 oy + 1 of dx.
template<int KW>
void maxPoolBackRow2(float* __restrict ra, float* __restrict rb, const float* __restrict g,
                     const std::uint8_t* __restrict where, int ow)
{
    // Blocks of windows: the window positions' values into contiguous buffers first (the
    // gradient's bits masked, no branches), then interleaved into the rows: simple loops
    // the compiler vectorizes.
    constexpr int kBlock = 64;
    alignas(64) std::uint32_t e[2 * KW][kBlock];
    for (int o0 = 0; o0 < ow; o0 += kBlock) {
        const int m = std::min(kBlock, ow - o0);
        for (int k = 0; k < m; ++k) {
            const std::uint32_t at = where[o0 + k], v = std::bit_cast<std::uint32_t>(g[o0 + k]);
            for (std::uint32_t pos = 0; pos < 2 * KW; ++pos)
                e[pos][k] = v & (0u - std::uint32_t(at == pos));
        }
        float* a = ra + KW * o0;
        float* b = rb + KW * o0;
        for (int k = 0; k < m; ++k)
            for (int dx = 0; dx < KW; ++dx) {
                a[KW * k + dx] = std::bit_cast<float>(e[dx][k]);
                b[KW * k + dx] = std::bit_cast<float>(e[KW + dx][k]);
            }
    }
}

void maxPoolRow(float* out, std::uint8_t* where, const float* in, int pitch, int ow, int kh, int kw)
{
    for (int ox = 0; ox < ow; ++ox) {
        float best = in[ox * kw];
        int at = 0;
        for (int dy = 0; dy < kh; ++dy)
            for (int dx = 0; dx < kw; ++dx) {
                const float v = in[dy * pitch + ox * kw + dx];
                if (v > best) {
                    best = v;
                    at = dy * kw + dx;
                }
            }
        out[ox] = best;
        if (where)
            where[ox] = std::uint8_t(at);
    }
}

}  // namespace

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
                            out[ox] = std::max(std::max(a[2 * ox], a[2 * ox + 1]),
                                               std::max(b[2 * ox], b[2 * ox + 1]));
                }
        y.maskPadding();
        return;
    }
    if (cache)
        cache->where.resize(y.size());
#pragma omp parallel for schedule(static) if (x.n > 1)
    for (int i = 0; i < x.n; ++i)
        for (int ch = 0; ch < x.c; ++ch) {
            const float* in = x.plane(i, ch);
            float* out = y.plane(i, ch);
            std::uint8_t* where = cache
                                      ? cache->where.data() + (std::size_t(i) * x.c + ch) * oh * ow
                                      : nullptr;
            for (int oy = 0; oy < oh; ++oy) {
                const float* rows = in + std::size_t(oy) * kh * x.w;
                float* o = out + std::size_t(oy) * ow;
                std::uint8_t* wh = where ? where + std::size_t(oy) * ow : nullptr;
                if (wh && kh == 2 && kw == 2)
                    maxPoolRow2<2>(o, wh, rows, rows + x.w, ow);
                else if (wh && kh == 2 && kw == 1)
                    maxPoolRow2<1>(o, wh, rows, rows + x.w, ow);
                else
                    maxPoolRow(o, wh, rows, x.w, ow, kh, kw);
            }
        }
    y.maskPadding();
}

void MaxPool2d::backward(const Tensor4& dy, const Cache& cache, Tensor4& dx, int inH, int inW) const
{
    dx.resize(dy.n, dy.c, inH, inW);
    for (int i = 0; i < dy.n; ++i)
        dx.widths[std::size_t(i)] = std::min(inW, dy.widths[std::size_t(i)] * kw);
    const int oh = dy.h, ow = dy.w;
    // Every input position is written once: its window's gradient where it was the
    // maximum, else 0 (also the rows and columns the floor left out).
#pragma omp parallel for schedule(static) if (dy.n > 1)
    for (int i = 0; i < dy.n; ++i)
        for (int ch = 0; ch < dy.c; ++ch) {
            const float* g = dy.plane(i, ch);
            const std::uint8_t* where = cache.where.data() + (std::size_t(i) * dy.c + ch) * oh * ow;
            float* d = dx.plane(i, ch);
            for (int oy = 0; oy < oh; ++oy) {
                const float* gr = g + std::size_t(oy) * ow;
                const std::uint8_t* wr = where + std::size_t(oy) * ow;
                float* rows = d + std::size_t(oy) * kh * inW;
                if (kh == 2 && kw == 2)
                    maxPoolBackRow2<2>(rows, rows + inW, gr, wr, ow);
                else if (kh == 2 && kw == 1)
                    maxPoolBackRow2<1>(rows, rows + inW, gr, wr, ow);
                else
                    for (int ry = 0; ry < kh; ++ry)
                        for (int ox = 0; ox < ow; ++ox)
                            for (int rx = 0; rx < kw; ++rx)
                                rows[std::size_t(ry) * inW + ox * kw + rx] = wr[ox] == ry * kw + rx
                                                                                 ? gr[ox]
                                                                                 : 0.f;
                for (int ry = 0; ry < kh; ++ry)
                    std::fill(rows + std::size_t(ry) * inW + std::size_t(ow) * kw,
                              rows + std::size_t(ry + 1) * inW, 0.f);
            }
            std::fill(d + std::size_t(oh) * kh * inW, d + std::size_t(inH) * inW, 0.f);
        }
}

// ---------------------------------------------------------------- map <-> seq

void mapToSeq(const Tensor4& x, Seq& s)
{
    const int f = x.c * x.h;
    s.resize(x.w, x.n, f);
    s.lengths = x.widths;
    // Per sample a transpose of its (f x W) map into rows t * N + i, in 16 x 16 blocks so
    // that both sides stay in cache lines.
    constexpr int b = 16;
#pragma omp parallel for schedule(static) if (x.n > 1)
    for (int i = 0; i < x.n; ++i) {
        const float* map = x.sample(i);  // (f, W): feature ch * H + y
        for (int c0 = 0; c0 < f; c0 += b)
            for (int t0 = 0; t0 < x.w; t0 += b) {
                const int c1 = std::min(f, c0 + b), t1 = std::min(x.w, t0 + b);
                for (int t = t0; t < t1; ++t) {
                    float* row = s.data.data() + (Eigen::Index(t) * x.n + i) * f;
                    for (int col = c0; col < c1; ++col)
                        row[col] = map[std::size_t(col) * x.w + t];
                }
            }
    }
}

void seqToMap(const Seq& ds, Tensor4& dx, int c, int h)
{
    dx.resize(ds.n, c, h, ds.t);
    dx.widths = ds.lengths;
#pragma omp parallel for schedule(static) if (ds.n > 1)
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
{ }

void Linear::initDefault(Rng& rng)
{
    const float bound = 1.f / std::sqrt(float(in));
    initUniform(weight, bound, rng);
    initUniform(bias, bound, rng);
}

namespace {
// [begin, end) of part `k` of `parts` equal slices of [0, n).
std::pair<Eigen::Index, Eigen::Index> slice(Eigen::Index n, int k, int parts)
{
    return {n * k / parts, n * (k + 1) / parts};
}
// Fixed by the shape, so the sums do not depend on the thread count: one part for a line,
// eight for a batch.
int linearParts(Eigen::Index frames)
{
    return frames >= 512 ? 8 : 1;
}
}  // namespace

// The products split by rows of their outputs (the frames, the weight gradient's rows),
// so each output element is summed in the same order however many threads run.
void Linear::forward(const Seq& x, Seq& y) const
{
    INKLENS_ASSERT(x.f == in);
    y.resize(x.t, x.n, out);
    y.lengths = x.lengths;
    const auto w = weight.mat(out, in);
    const Eigen::Map<const RowVec> b(bias.value.data(), out);
    const int parts = linearParts(x.data.rows());
#pragma omp parallel for schedule(static) if (parts > 1)
    for (int k = 0; k < parts; ++k) {
        const auto [r0, r1] = slice(x.data.rows(), k, parts);
        auto yk = y.data.middleRows(r0, r1 - r0);
        yk.noalias() = x.data.middleRows(r0, r1 - r0) * w.transpose();
        yk.rowwise() += b;
    }
    y.maskPadding();
}

void Linear::backward(const Seq& x, const Seq& dy, Seq* dx)
{
    if (dx) {
        dx->resize(x.t, x.n, in);
        dx->lengths = x.lengths;
    }
    auto gw = weight.gradMat(out, in);
    const auto w = weight.mat(out, in);
    const int parts = linearParts(x.data.rows());
#pragma omp parallel if (parts > 1)
    {
#pragma omp for schedule(static) nowait
        for (int k = 0; k < parts; ++k) {  // rows of the weight gradient
            const auto [o0, o1] = slice(out, k, parts);
            gw.middleRows(o0, o1 - o0).noalias() += dy.data.middleCols(o0, o1 - o0).transpose()
                                                    * x.data;
            Eigen::Map<RowVec>(bias.grad.data(), out).segment(o0, o1 - o0) +=
                dy.data.middleCols(o0, o1 - o0).colwise().sum();
        }
        if (dx) {
#pragma omp for schedule(static)
            for (int k = 0; k < parts; ++k) {  // frames of dx
                const auto [r0, r1] = slice(x.data.rows(), k, parts);
                dx->data.middleRows(r0, r1 - r0).noalias() = dy.data.middleRows(r0, r1 - r0) * w;
            }
        }
    }
    if (dx)
        dx->maskPadding();
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
