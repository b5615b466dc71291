#pragma once
// Which kernels the engine runs on this CPU, and where they are chosen.
//
// The engine's arithmetic is Eigen code; its large products (convolution GEMMs, the LSTM's
// input projections and recurrent products) go to OpenBLAS when the build has it
// (INKLENS_USE_BLAS). OpenBLAS picks its kernels from its own table of CPU models, and a
// model it does not know falls back to generic SSE3 (Prescott) kernels, 3x slower on an
// AVX-512 Xeon. So the engine does not depend on that table: before main() runs, it reads
// the CPU's features itself (cpuid, and whether the OS saves the vector registers) and,
// when OpenBLAS chose narrower kernels than the CPU can run and OPENBLAS_CORETYPE is not
// set, re-initializes OpenBLAS with the core that matches the features (AVX-512:
// SkylakeX, AVX2 + FMA: Haswell, AVX: Sandybridge). An OPENBLAS_CORETYPE set by the user
// is respected. kernelInfo() reports the outcome: `inklens --version`, `inklens bench`
// and the About box print it.

#include <string>

namespace inklens::nn {

// What the CPU can run (and the OS supports), from cpuid.
struct CpuFeatures
{
    bool sse3 = false, ssse3 = false, sse41 = false, sse42 = false;
    bool avx = false, avx2 = false, fma = false;
    bool avx512f = false, avx512bw = false, avx512vl = false, avx512dq = false;

    // The widest vectors the engine's kernels can use: 512 (AVX-512 F/BW/VL/DQ),
    // 256 (AVX2 + FMA; 256 for AVX alone too), else 128.
    int vectorBits() const;
    // "sse4.2 avx avx2 fma avx512f avx512bw avx512vl avx512dq": the ones found.
    std::string names() const;
};

CpuFeatures cpuFeatures();

struct KernelInfo
{
    std::string cpu;          // the CPU's model name (cpuid brand string)
    std::string features;     // CpuFeatures::names()
    std::string gemm;         // e.g. "OpenBLAS 0.3.21, SkylakeX kernels (chosen by InkLens)"
    std::string gemmCore;     // the OpenBLAS core ("SkylakeX"), empty without OpenBLAS
    int gemmVectorBits = 0;   // vector width of the GEMM kernels
    std::string gemmLibrary;  // "OpenBLAS 0.3.21"; empty without OpenBLAS
    std::string eigen;        // Eigen's own code (element-wise, transforms): "Eigen 3.4.0, AVX-512"
    std::string eigenVersion;  // "3.4.0"
    int eigenVectorBits = 0;
    std::string convolution;   // the convolution path
    bool nativeBuild = false;  // -march=native (INKLENS_NATIVE) or portable
    std::string engineLevel;   // portable x86-64: the engine library loaded, "x86-64-v4"
    int threads = 1;

    // True when the GEMM kernels are narrower than what the CPU runs: a generic fallback.
    bool gemmIsFallback(const CpuFeatures& cpu) const;
    // Several lines "label: value", for --version and the bench.
    std::string text() const;
    // One line for the About box: "OpenBLAS 0.3.21, SkylakeX kernels (512-bit; ...);
    // Eigen 3.4.0, AVX-512; native build; 2 threads".
    std::string summary() const;
};

KernelInfo kernelInfo();

// The vector width of an OpenBLAS core's single-precision kernels, by its name as
// openblas_get_corename() says it ("Prescott" 128, "Haswell" 256, "SkylakeX" 512);
// 0 when the name is unknown.
int openblasCoreVectorBits(const std::string& core);

// The OpenBLAS core to load instead of `detected` (the one OpenBLAS chose), or "" to
// keep it: "" when the user set OPENBLAS_CORETYPE or `detected` is as wide as the CPU's
// vectors; else SkylakeX (AVX-512), Haswell (AVX2 + FMA) or Sandybridge (AVX).
std::string betterOpenblasCore(const CpuFeatures& cpu, const std::string& detected,
                               bool userSetCoretype);

// Reloads OpenBLAS's kernel table for `core` (an OPENBLAS_CORETYPE name) in a
// DYNAMIC_ARCH OpenBLAS; true when that core is now in use. Only while no other thread
// calls BLAS: chooseGemmKernels() calls it before main(); tests call it to stand in for
// a CPU that OpenBLAS does not know.
bool loadOpenblasCore(const std::string& core);

// Called once before main() (from tensor.cpp's static initialization, so every program
// linking the engine gets it). Idempotent; does nothing without OpenBLAS.
void chooseGemmKernels();

// Stands in for a CPU that OpenBLAS does not know (the Intel Xeon of issue #12): loads
// OpenBLAS's generic Prescott kernels, as OpenBLAS does there, then chooses again as
// chooseGemmKernels() does when OPENBLAS_CORETYPE is not set. For tests and
// `inklens bench --as-unknown-cpu`; false without a DYNAMIC_ARCH OpenBLAS.
bool chooseAsOnUnknownCpu();

}  // namespace inklens::nn
