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
thread_local std::vector<float> tl_packed;

// z: (rows, n) += a: (rows, k) * bT: (k, n), a packed first; one row on gemvB, bT
// packed by gemvPackB.
void productAdd(float* z, const float* a, int rows, int k, const Mat& bT,
                const Vec* gemvB = nullptr)
{
    const int n = int(bT.cols());
    if (rows == 1 && gemvB) {
        gemvAdd(z, a, gemvB->data(), k, n);
        return;
    }
    const std::size_t size = gemmPackedSize(rows, k);
    if (tl_packed.size() < size)
        tl_packed.resize(size);
    gemmPackA(tl_packed.data(), a, rows, k);
    gemmPacked(z, n, tl_packed.data(), rows, k, bT.data(), n, n, true);
}
}  // namespace

void Lstm::forward(const Seq& x, Mat& h, Cache& cache) const
{
    INKLENS_ASSERT(x.f == in);
    const int T = x.t, N = x.n, H = hidden;
    cache.gates.resize(Eigen::Index(T) * N, 4 * H);
    cache.c.resize(Eigen::Index(T) * N, H);
    h.resize(Eigen::Index(T) * N, H);
    const bool prepared = m_wihT.size() > 0;
    // Input projections of all frames in one product.
    if (prepared) {
        cache.gates.rowwise() = m_bias;
        productAdd(cache.gates.data(), x.data.data(), T * N, in, m_wihT);
    } else {
        cache.gates.noalias() = x.data * wih.mat(4 * H, in).transpose();
        cache.gates.rowwise() += (Eigen::Map<const RowVec>(bih.value.data(), 4 * H)
                                  + Eigen::Map<const RowVec>(bhh.value.data(), 4 * H));
    }
    const auto whhM = whh.mat(4 * H, H);
    for (int s = 0; s < T; ++s) {
        const int t = reverse ? T - 1 - s : s;
        const int tp = reverse ? t + 1 : t - 1;  // previous step in processing order
        const bool first = s == 0;
        auto z = cache.gates.middleRows(Eigen::Index(t) * N, N);
        if (!first && prepared) {
            productAdd(z.data(), h.data() + Eigen::Index(tp) * N * H, N, H, m_whhT, &m_whhGemv);
        } else if (!first) {
            if (N == 1)
                z.row(0).transpose().noalias() += whhM * h.row(Eigen::Index(tp)).transpose();
            else
                z.noalias() += h.middleRows(Eigen::Index(tp) * N, N) * whhM.transpose();
        }
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
    Mat dz(Eigen::Index(T) * N, 4 * H);  // gradient w.r.t. gate pre-activations
    Mat dhNext = Mat::Zero(N, H), dcNext = Mat::Zero(N, H);
    Mat hPrev = Mat::Zero(Eigen::Index(T) * N, H);  // h_{t-1} in processing order, per row
    const auto whhM = whh.mat(4 * H, H);
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
        dhNext.noalias() = dz.middleRows(r0, N) * whhM;
        if (!first)
            hPrev.middleRows(r0, N) = h.middleRows(Eigen::Index(tp) * N, N);
    }
    whh.gradMat(4 * H, H).noalias() += dz.transpose() * hPrev;
    wih.gradMat(4 * H, in).noalias() += dz.transpose() * x.data;
    const RowVec db = dz.colwise().sum();
    Eigen::Map<RowVec>(bih.grad.data(), 4 * H) += db;
    Eigen::Map<RowVec>(bhh.grad.data(), 4 * H) += db;
    if (dx)
        dx->noalias() += dz * wih.mat(4 * H, in);
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
#pragma omp parallel sections
    {
#pragma omp section
        fwd.forward(x, cache.hf, cache.f);
#pragma omp section
        bwd.forward(x, cache.hb, cache.b);
    }
    y.resize(x.t, x.n, 2 * H);
    y.lengths = x.lengths;
    y.data.leftCols(H) = cache.hf;
    y.data.rightCols(H) = cache.hb;
}

void BiLstm::backward(const Seq& x, const Seq& dy, Cache& cache, Seq* dx)
{
    const int H = fwd.hidden;
    Mat dxb;
    if (dx) {
        dx->resize(x.t, x.n, x.f);
        dx->lengths = x.lengths;
        dx->data.setZero();
        dxb = Mat::Zero(dx->data.rows(), x.f);
    }
    const Mat dhf = dy.data.leftCols(H), dhb = dy.data.rightCols(H);
#pragma omp parallel sections
    {
#pragma omp section
        fwd.backward(x, cache.hf, dhf, cache.f, dx ? &dx->data : nullptr);
#pragma omp section
        bwd.backward(x, cache.hb, dhb, cache.b, dx ? &dxb : nullptr);
    }
    if (dx) {
        dx->data += dxb;
        dx->maskPadding();
    }
}

}  // namespace inklens::nn
