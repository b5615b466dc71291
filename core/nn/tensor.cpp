#include "tensor.h"

#include "kernels.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#ifdef _OPENMP
#include <omp.h>
#endif
#ifdef INKLENS_HAVE_OPENBLAS
extern "C" void openblas_set_num_threads(int);
#endif

namespace inklens::nn {

void assertFailed(const char* expr, const char* file, int line)
{
    std::fprintf(stderr, "inklens: assertion failed: %s at %s:%d\n", expr, file, line);
    std::abort();
}

void Tensor4::resize(int n_, int c_, int h_, int w_)
{
    INKLENS_ASSERT(n_ >= 0 && c_ >= 0 && h_ >= 0 && w_ >= 0);
    n = n_, c = c_, h = h_, w = w_;
    const auto need = Eigen::Index(size());
    if (data.size() < need)
        data.resize(need);
    widths.assign(std::size_t(n), w);
}

void Tensor4::maskPadding()
{
    for (int i = 0; i < n; ++i) {
        const int valid = widths[std::size_t(i)];
        if (valid >= w)
            continue;
        for (int ch = 0; ch < c; ++ch)
            for (int y = 0; y < h; ++y)
                std::fill_n(plane(i, ch) + std::size_t(y) * w + valid, w - valid, 0.f);
    }
}

void Seq::resize(int t_, int n_, int f_)
{
    INKLENS_ASSERT(t_ >= 0 && n_ >= 0 && f_ >= 0);
    t = t_, n = n_, f = f_;
    if (data.rows() != Eigen::Index(t) * n || data.cols() != f)
        data.resize(Eigen::Index(t) * n, f);
    lengths.assign(std::size_t(n), t);
}

void Seq::maskPadding()
{
    for (int ni = 0; ni < n; ++ni)
        for (int ti = lengths[std::size_t(ni)]; ti < t; ++ti)
            row(ti, ni).setZero();
}

Mat Seq::sampleRows(int ni) const
{
    const int len = lengths[std::size_t(ni)];
    Mat out(len, f);
    for (int ti = 0; ti < len; ++ti)
        out.row(ti) = row(ti, ni);
    return out;
}

namespace {
int g_threads = 0;
// Before main(), in every program that links the engine (kernels.h): the GEMM kernels
// follow the CPU's features, not OpenBLAS's table of CPU models.
[[maybe_unused]] const bool g_kernelsChosen = (chooseGemmKernels(), true);
}  // namespace

void setNumThreads(int threads)
{
#ifdef _OPENMP
    if (threads <= 0)
        threads = omp_get_num_procs();
    omp_set_num_threads(threads);
#else
    threads = 1;
#endif
    g_threads = threads;
#ifdef INKLENS_HAVE_OPENBLAS
    openblas_set_num_threads(threads);
#endif
}

int numThreads()
{
#ifdef _OPENMP
    return g_threads > 0 ? g_threads : omp_get_max_threads();
#else
    return 1;
#endif
}

ScopedThreadLimit::ScopedThreadLimit(int threads)
{
#ifdef _OPENMP
    m_saved = omp_get_max_threads();
    omp_set_num_threads(std::max(1, threads));
#else
    (void)threads;
#endif
}

ScopedThreadLimit::~ScopedThreadLimit()
{
#ifdef _OPENMP
    omp_set_num_threads(m_saved);
#endif
}

}  // namespace inklens::nn
