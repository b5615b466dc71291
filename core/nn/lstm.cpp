#include "lstm.h"

#include "gemm_kernels.h"

#include <vector>

#include <cmath>

namespace inklens::nn {

namespace {
using Arr = Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// sigma(x) = (1 + tanh(x/2)) / 2: Eigen vectorizes tanh.
template<typename Block>
void sigmoidInPlace(Block&& b)
{
    b = (b.array() * 0.5f).tanh() * 0.5f + 0.5f;
}
}  // namespace

Lstm::Lstm(int in_, int hidden_, bool reverse_, const std::string& name)
    : in(in_),
      hidden(hidden_),
      reverse(reverse_),
      wih(name + ".weight_ih", {4 * hidden_, in_}),
      whh(name + ".weight_hh", {4 * hidden_, hidden_}),
      bih(name + ".bias_ih", {4 * hidden_}),
      bhh(name + ".bias_hh", {4 * hidden_})
{ }

void Lstm::initDefault(Rng& rng)
{
    const float bound = 1.f / std::sqrt(float(hidden));
    for (Param* p : {&wih, &whh, &bih, &bhh})
        initUniform(*p, bound, rng);
}

void Lstm::prepareInference()
{
    m_wihT = wih.mat(4 * hidden, in).transpose();
    m_whhT = whh.mat(4 * hidden, hidden).transpose();
    m_whhGemv.resize(Eigen::Index(gemvPackedSize(hidden, 4 * hidden)));
    gemvPackB(m_whhGemv.data(), m_whhT.data(), hidden, 4 * hidden);
    m_bias = Eigen::Map<const RowVec>(bih.value.data(), 4 * hidden)
             + Eigen::Map<const RowVec>(bhh.value.data(), 4 * hidden);
}

namespace {
// Grow-only per-thread scratch (the two directions run on their own threads).
struct Scratch
{
    std::vector<float> packed, wihT, whhT, dz, hPrev, dhNext;
};
thread_local Scratch tl_scratch;

float* grow(std::vector<float>& v, std::size_t n)
{
    if (v.size() < n)
        v.resize(n);
    return v.data();
}

// z: (rows, n) += a: (rows, k) * bT: (k, n), a packed first; one row on gemvB when given
// (bT packed by gemvPackB).
void productAdd(float* z, const float* a, int rows, int k, const float* bT, int n,
                const float* gemvB = nullptr)
{
    if (rows == 1 && gemvB) {
        gemvAdd(z, a, gemvB, k, n);
        return;
    }
    float* packed = grow(tl_scratch.packed, gemmPackedSize(rows, k));
    gemmPackA(packed, a, rows, k);
    gemmPacked(z, n, packed, rows, k, bT, n, n, true);
}

// out: (cols, rows) <- m: (rows, cols), both row-major.
void transposeInto(float* out, const float* m, int rows, int cols)
{
    MatMap(out, cols, rows).noalias() = ConstMatMap(m, rows, cols).transpose();
}
}  // namespace

void Lstm::forward(const Seq& x, Mat& h, Cache& cache) const
{
    INKLENS_ASSERT(x.f == in);
    const int T = x.t, N = x.n, H = hidden;
    cache.gates.resize(Eigen::Index(T) * N, 4 * H);
    cache.c.resize(Eigen::Index(T) * N, H);
    h.resize(Eigen::Index(T) * N, H);
    // The engine's own GEMM on the transposed weights: kept by prepareInference, else
    // (training: the weights change every step) transposed once per call.
    const bool prepared = m_wihT.size() > 0;
    const float* wihT = m_wihT.data();
    const float* whhT = m_whhT.data();
    if (!prepared) {
        Scratch& sc = tl_scratch;
        float* wt = grow(sc.wihT, std::size_t(in) * 4 * H);
        float* ht = grow(sc.whhT, std::size_t(H) * 4 * H);
        transposeInto(wt, wih.value.data(), 4 * H, in);
        transposeInto(ht, whh.value.data(), 4 * H, H);
        wihT = wt;
        whhT = ht;
    }
    // Input projections of all frames in one product.
    if (prepared)
        cache.gates.rowwise() = m_bias;
    else
        cache.gates.rowwise() = Eigen::Map<const RowVec>(bih.value.data(), 4 * H)
                                + Eigen::Map<const RowVec>(bhh.value.data(), 4 * H);
    productAdd(cache.gates.data(), x.data.data(), T * N, in, wihT, 4 * H);
    for (int s = 0; s < T; ++s) {
        const int t = reverse ? T - 1 - s : s;
        const int tp = reverse ? t + 1 : t - 1;  // previous step in processing order
        const bool first = s == 0;
        auto z = cache.gates.middleRows(Eigen::Index(t) * N, N);
        if (!first)
            productAdd(z.data(), h.data() + Eigen::Index(tp) * N * H, N, H, whhT, 4 * H,
                       prepared ? m_whhGemv.data() : nullptr);
        sigmoidInPlace(z.leftCols(2 * H));
        z.middleCols(2 * H, H) = z.middleCols(2 * H, H).array().tanh();
        sigmoidInPlace(z.rightCols(H));
        auto c = cache.c.middleRows(Eigen::Index(t) * N, N);
        auto ht = h.middleRows(Eigen::Index(t) * N, N);
        if (first)
            c = z.leftCols(H).cwiseProduct(z.middleCols(2 * H, H));
        else
            c = z.middleCols(H, H).cwiseProduct(cache.c.middleRows(Eigen::Index(tp) * N, N))
                + z.leftCols(H).cwiseProduct(z.middleCols(2 * H, H));
        ht = z.rightCols(H).array() * c.array().tanh();
        for (int n = 0; n < N; ++n)
            if (t >= x.lengths[std::size_t(n)]) {
                c.row(n).setZero();
                ht.row(n).setZero();
            }
    }
}

void Lstm::backward(const Seq& x, const Mat& h, const Mat& dh, const Cache& cache, Mat* dx)
{
    const int T = x.t, N = x.n, H = hidden;
    const Eigen::Index TN = Eigen::Index(T) * N;
    // Buffers of the calling thread, reused from call to call.
    Scratch& sc = tl_scratch;
    MatMap dz(grow(sc.dz, std::size_t(TN) * 4 * H), TN, 4 * H);  // dLoss/d gate pre-activations
    MatMap hPrev(grow(sc.hPrev, std::size_t(TN) * H), TN, H);    // h_{t-1} in processing order
    MatMap dhNext(grow(sc.dhNext, std::size_t(N) * H), N, H);
    Mat dcNext = Mat::Zero(N, H);
    dhNext.setZero();
    Arr dhT(N, H), tc(N, H), dc(N, H), cPrev(N, H);
    for (int s = T - 1; s >= 0; --s) {
        const int t = reverse ? T - 1 - s : s;
        const int tp = reverse ? t + 1 : t - 1;
        const bool first = s == 0;
        const auto r0 = Eigen::Index(t) * N;
        const auto g = cache.gates.middleRows(r0, N).array();
        const auto i = g.leftCols(H), f = g.middleCols(H, H), gg = g.middleCols(2 * H, H),
                   o = g.rightCols(H);
        dhT = dh.middleRows(r0, N).array() + dhNext.array();
        for (int n = 0; n < N; ++n)
            if (t >= x.lengths[std::size_t(n)])
                dhT.row(n).setZero();  // h_t = 0 there: no gradient flows
        tc = cache.c.middleRows(r0, N).array().tanh();
        dc = dcNext.array() + dhT * o * (1.f - tc.square());
        for (int n = 0; n < N; ++n)
            if (t >= x.lengths[std::size_t(n)])
                dc.row(n).setZero();
        if (first)
            cPrev.setZero();
        else
            cPrev = cache.c.middleRows(Eigen::Index(tp) * N, N).array();
        auto z = dz.middleRows(r0, N).array();
        z.leftCols(H) = dc * gg * i * (1.f - i);
        z.middleCols(H, H) = dc * cPrev * f * (1.f - f);
        z.middleCols(2 * H, H) = dc * i * (1.f - gg.square());
        z.rightCols(H) = dhT * tc * o * (1.f - o);
        dcNext = (dc * f).matrix();
        if (!first) {
            // dhNext: (N, H) = dz_t: (N, 4H) * W_hh: (4H, H), W_hh read in place
            float* packed = grow(sc.packed, gemmPackedSize(N, 4 * H));
            gemmPackA(packed, dz.data() + r0 * 4 * H, N, 4 * H);
            gemmPacked(dhNext.data(), H, packed, N, 4 * H, whh.value.data(), H, H);
            hPrev.middleRows(r0, N) = h.middleRows(Eigen::Index(tp) * N, N);
        } else {
            hPrev.middleRows(r0, N).setZero();
        }
    }
    // Parameter gradients: dz^T (4H, TN) packed once, times hPrev and x read in place.
    float* dzT = grow(sc.packed, gemmPackedSize(4 * H, int(TN)));
    gemmPackAT(dzT, dz.data(), 4 * H, int(TN));
    gemmPacked(whh.grad.data(), H, dzT, 4 * H, int(TN), hPrev.data(), H, H, true);
    gemmPacked(wih.grad.data(), in, dzT, 4 * H, int(TN), x.data.data(), in, in, true);
    const RowVec db = dz.colwise().sum();
    Eigen::Map<RowVec>(bih.grad.data(), 4 * H) += db;
    Eigen::Map<RowVec>(bhh.grad.data(), 4 * H) += db;
    if (dx) {  // dx: (TN, in) += dz: (TN, 4H) * W_ih: (4H, in)
        float* packed = grow(sc.packed, gemmPackedSize(int(TN), 4 * H));
        gemmPackA(packed, dz.data(), int(TN), 4 * H);
        gemmPacked(dx->data(), in, packed, int(TN), 4 * H, wih.value.data(), in, in, true);
    }
}

BiLstm::BiLstm(int in, int hidden, const std::string& name)
    : fwd(in, hidden, false, name + ".fwd"), bwd(in, hidden, true, name + ".bwd")
{ }

void BiLstm::initDefault(Rng& rng)
{
    fwd.initDefault(rng);
    bwd.initDefault(rng);
}

void BiLstm::prepareInference()
{
    fwd.prepareInference();
    bwd.prepareInference();
}

void BiLstm::forward(const Seq& x, Seq& y, Cache& cache) const
{
    const int H = fwd.hidden;
    // The two directions are independent: one thread each when there are two.
    y.resize(x.t, x.n, 2 * H);
    y.lengths = x.lengths;
#pragma omp parallel sections
    {
#pragma omp section
        {
            fwd.forward(x, cache.hf, cache.f);
            y.data.leftCols(H) = cache.hf;
        }
#pragma omp section
        {
            bwd.forward(x, cache.hb, cache.b);
            y.data.rightCols(H) = cache.hb;
        }
    }
}

void BiLstm::backward(const Seq& x, const Seq& dy, Cache& cache, Seq* dx)
{
    const int H = fwd.hidden;
    if (dx) {
        dx->resize(x.t, x.n, x.f);
        dx->lengths = x.lengths;
    }
    // Each direction on its own thread, with its own dx; their sum split by rows.
#pragma omp parallel sections
    {
#pragma omp section
        {
            cache.dhf = dy.data.leftCols(H);
            if (dx)
                dx->data.setZero();
            fwd.backward(x, cache.hf, cache.dhf, cache.f, dx ? &dx->data : nullptr);
        }
#pragma omp section
        {
            cache.dhb = dy.data.rightCols(H);
            if (dx)
                cache.dxb.setZero(x.data.rows(), x.f);
            bwd.backward(x, cache.hb, cache.dhb, cache.b, dx ? &cache.dxb : nullptr);
        }
    }
    if (dx) {
        const Eigen::Index rows = dx->data.rows();
#pragma omp parallel for schedule(static)
        for (Eigen::Index r = 0; r < rows; ++r)
            dx->data.row(r) += cache.dxb.row(r);
        dx->maskPadding();
    }
}

}  // namespace inklens::nn
