// The machine's FMA peak (single precision), to state what share of it the engine reaches
// (issue #12): chains of independent fused multiply-adds on AVX2 (8 floats) and, where the
// CPU has it, AVX-512 (16 floats) registers, on 1..T threads, best of several runs.
//   inklens_fma_peak [--threads T] [--seconds S]
// Prints GFLOP/s per width and thread count (2 flops per FMA lane).
#include "nn/kernels.h"

#include <immintrin.h>
#include <omp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

constexpr long kIterations = 20'000'000;  // per thread and run; 12 FMAs each

__attribute__((target("avx2,fma"))) float fmaAvx2(long iterations)
{
    __m256 acc[12];
    const __m256 a = _mm256_set1_ps(0.999f), b = _mm256_set1_ps(1e-7f);
    for (int i = 0; i < 12; ++i)
        acc[i] = _mm256_set1_ps(float(i));
    for (long k = 0; k < iterations; ++k)
        for (int i = 0; i < 12; ++i)
            acc[i] = _mm256_fmadd_ps(acc[i], a, b);
    __m256 s = acc[0];
    for (int i = 1; i < 12; ++i)
        s = _mm256_add_ps(s, acc[i]);
    float out[8];
    _mm256_storeu_ps(out, s);
    return out[0];
}

__attribute__((target("avx512f"))) float fmaAvx512(long iterations)
{
    __m512 acc[12];
    const __m512 a = _mm512_set1_ps(0.999f), b = _mm512_set1_ps(1e-7f);
    for (int i = 0; i < 12; ++i)
        acc[i] = _mm512_set1_ps(float(i));
    for (long k = 0; k < iterations; ++k)
        for (int i = 0; i < 12; ++i)
            acc[i] = _mm512_fmadd_ps(acc[i], a, b);
    __m512 s = acc[0];
    for (int i = 1; i < 12; ++i)
        s = _mm512_add_ps(s, acc[i]);
    return _mm512_reduce_add_ps(s);
}

// GFLOP/s of `threads` threads each running kernel(kIterations): best of `runs`.
template<class Kernel>
double measure(Kernel kernel, int lanes, int threads, int runs)
{
    double best = 0;
    volatile float sink = 0;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel num_threads(threads)
        {
            const float v = kernel(kIterations);
#pragma omp atomic
            sink += v;
        }
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double flops = 2.0 * lanes * 12.0 * double(kIterations) * threads;
        best = std::max(best, flops / s / 1e9);
    }
    return best;
}

}  // namespace

int main(int argc, char** argv)
{
    int maxThreads = 2, runs = 7;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
            maxThreads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = std::atoi(argv[++i]);
        else {
            std::fprintf(stderr, "usage: inklens_fma_peak [--threads T] [--runs R]\n");
            return 2;
        }
    }
    const inklens::nn::CpuFeatures cpu = inklens::nn::cpuFeatures();
    std::printf("CPU: %s\n", inklens::nn::kernelInfo().cpu.c_str());
    for (int t = 1; t <= maxThreads; ++t) {
        if (cpu.avx2 && cpu.fma)
            std::printf("AVX2 FMA     %d thread(s): %7.1f GFLOP/s\n", t,
                        measure(fmaAvx2, 8, t, runs));
        if (cpu.avx512f)
            std::printf("AVX-512 FMA  %d thread(s): %7.1f GFLOP/s\n", t,
                        measure(fmaAvx512, 16, t, runs));
    }
    return 0;
}
