#include "kernels.h"

#include "gemm_kernels.h"
#include "tensor.h"

#include <Eigen/Core>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <mutex>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define INKLENS_X86 1
#endif

#ifdef INKLENS_HAVE_OPENBLAS
// The public API, and the two entry points of DYNAMIC_ARCH builds (Debian's) that load
// a core's kernel table: weak, so that a single-core OpenBLAS links too (no re-choice).
extern "C" {
char* openblas_get_corename(void);
char* openblas_get_config(void);
__attribute__((weak)) void gotoblas_dynamic_init(void);
__attribute__((weak)) void gotoblas_dynamic_quit(void);
}
#endif

namespace inklens::nn {

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string cpuModelName()
{
#ifdef INKLENS_X86
    unsigned regs[12] = {};
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(0x80000000u, &eax, &ebx, &ecx, &edx) || eax < 0x80000004u)
        return "unknown";
    for (unsigned leaf = 0; leaf < 3; ++leaf)
        __get_cpuid(0x80000002u + leaf, &regs[4 * leaf], &regs[4 * leaf + 1], &regs[4 * leaf + 2],
                    &regs[4 * leaf + 3]);
    std::string name(reinterpret_cast<const char*>(regs), sizeof regs);
    name.resize(std::strlen(name.c_str()));
    const auto first = name.find_first_not_of(' '), last = name.find_last_not_of(' ');
    return first == std::string::npos ? "unknown" : name.substr(first, last - first + 1);
#else
    return "unknown";
#endif
}

// What chooseGemmKernels() did, for kernelInfo().
struct GemmChoice
{
    std::string detected;  // the core OpenBLAS chose itself
    std::string source;    // "OPENBLAS_CORETYPE", "chosen by InkLens", "detected by OpenBLAS"
};
// Constructed on first use: chooseGemmKernels() runs during static initialization,
// possibly before this file's own globals would be.
GemmChoice& gemmChoice()
{
    static GemmChoice choice;
    return choice;
}

// The OpenBLAS core whose kernels match the CPU's vector width; empty below AVX.
const char* coreFor(const CpuFeatures& f)
{
    if (f.vectorBits() >= 512)
        return "SkylakeX";
    if (f.avx2 && f.fma)
        return "Haswell";
    if (f.avx)
        return "Sandybridge";
    return "";
}

}  // namespace

int CpuFeatures::vectorBits() const
{
    if (avx512f && avx512bw && avx512vl && avx512dq)
        return 512;
    return avx ? 256 : 128;
}

std::string CpuFeatures::names() const
{
    std::string s;
    auto add = [&s](bool has, const char* name) {
        if (has)
            s += s.empty() ? name : std::string(" ") + name;
    };
    add(sse3, "sse3");
    add(ssse3, "ssse3");
    add(sse41, "sse4.1");
    add(sse42, "sse4.2");
    add(avx, "avx");
    add(avx2, "avx2");
    add(fma, "fma");
    add(avx512f, "avx512f");
    add(avx512bw, "avx512bw");
    add(avx512vl, "avx512vl");
    add(avx512dq, "avx512dq");
    return s.empty() ? "none" : s;
}

CpuFeatures cpuFeatures()
{
    CpuFeatures f;
#ifdef INKLENS_X86
    // libgcc's cpuid reading; it also checks (xgetbv) that the OS saves the AVX and
    // AVX-512 registers.
    __builtin_cpu_init();
    f.sse3 = __builtin_cpu_supports("sse3");
    f.ssse3 = __builtin_cpu_supports("ssse3");
    f.sse41 = __builtin_cpu_supports("sse4.1");
    f.sse42 = __builtin_cpu_supports("sse4.2");
    f.avx = __builtin_cpu_supports("avx");
    f.avx2 = __builtin_cpu_supports("avx2");
    f.fma = __builtin_cpu_supports("fma");
    f.avx512f = __builtin_cpu_supports("avx512f");
    f.avx512bw = __builtin_cpu_supports("avx512bw");
    f.avx512vl = __builtin_cpu_supports("avx512vl");
    f.avx512dq = __builtin_cpu_supports("avx512dq");
#endif
    return f;
}

int openblasCoreVectorBits(const std::string& core)
{
    const std::string c = lower(core);
    for (const char* wide : {"skylakex", "cooperlake", "sapphirerapids"})
        if (c == wide)
            return 512;
    for (const char* avx :
         {"haswell", "zen", "sandybridge", "bulldozer", "piledriver", "steamroller", "excavator"})
        if (c == avx)
            return 256;
    for (const char* sse : {"katmai", "coppermine", "northwood", "prescott", "banias", "atom",
                            "core2", "penryn", "dunnington", "nehalem", "athlon", "opteron",
                            "opteron_sse3", "barcelona", "nano", "bobcat"})
        if (c == sse)
            return 128;
    return 0;
}

std::string betterOpenblasCore(const CpuFeatures& cpu, const std::string& detected,
                               bool userSetCoretype)
{
    const std::string want = coreFor(cpu);
    if (userSetCoretype || want.empty()
        || openblasCoreVectorBits(detected) >= openblasCoreVectorBits(want))
        return {};
    return want;
}

namespace {
// Keeps the core OpenBLAS chose (`detected`) or loads the one that matches the CPU.
// `simulated`: OpenBLAS did not choose `detected` itself, chooseAsOnUnknownCpu() did.
void chooseAfter(const std::string& detected, bool userSet, bool simulated)
{
#ifdef INKLENS_HAVE_OPENBLAS
    GemmChoice& choice = gemmChoice();
    const std::string detectedBy = simulated ? "as if OpenBLAS detected " : "OpenBLAS detected ";
    choice.detected = detected;
    choice.source = userSet     ? "set by OPENBLAS_CORETYPE"
                    : simulated ? detectedBy + detected
                                : std::string("detected by OpenBLAS");
    const std::string want = betterOpenblasCore(cpuFeatures(), detected, userSet);
    if (!want.empty() && loadOpenblasCore(want))
        choice.source = "chosen by InkLens; " + detectedBy + detected;
#else
    (void)detected, (void)userSet, (void)simulated;
#endif
}
}  // namespace

void chooseGemmKernels()
{
    static std::once_flag once;
    std::call_once(once, [] {
#ifdef INKLENS_HAVE_OPENBLAS
        chooseAfter(openblas_get_corename(), std::getenv("OPENBLAS_CORETYPE") != nullptr, false);
#endif
    });
}

bool chooseAsOnUnknownCpu()
{
    chooseGemmKernels();
    if (!loadOpenblasCore("Prescott"))
        return false;
    chooseAfter("Prescott", false, true);
    return true;
}

bool loadOpenblasCore(const std::string& core)
{
#ifdef INKLENS_HAVE_OPENBLAS
    if (!gotoblas_dynamic_init || !gotoblas_dynamic_quit)
        return false;
    // OpenBLAS reads OPENBLAS_CORETYPE when it loads its kernel table: set it for that
    // moment only, so that child processes get the environment the user gave.
    const char* old = std::getenv("OPENBLAS_CORETYPE");
    const std::string saved = old ? old : "";
    ::setenv("OPENBLAS_CORETYPE", core.c_str(), 1);
    gotoblas_dynamic_quit();
    gotoblas_dynamic_init();
    if (old)
        ::setenv("OPENBLAS_CORETYPE", saved.c_str(), 1);
    else
        ::unsetenv("OPENBLAS_CORETYPE");
    return lower(openblas_get_corename()) == lower(core);
#else
    (void)core;
    return false;
#endif
}

bool KernelInfo::gemmIsFallback(const CpuFeatures& f) const
{
    return gemmVectorBits < std::min(f.vectorBits(), 256);
}

KernelInfo kernelInfo()
{
    chooseGemmKernels();
    KernelInfo k;
    const CpuFeatures f = cpuFeatures();
    k.cpu = cpuModelName();
    k.features = f.names();
#if defined(EIGEN_VECTORIZE_AVX512)
    k.eigenVectorBits = 512;
    const char* eigenIsa = "AVX-512";
#elif defined(EIGEN_VECTORIZE_AVX2) && defined(EIGEN_VECTORIZE_FMA)
    k.eigenVectorBits = 256;
    const char* eigenIsa = "AVX2 + FMA";
#elif defined(EIGEN_VECTORIZE_AVX)
    k.eigenVectorBits = 256;
    const char* eigenIsa = "AVX";
#elif defined(EIGEN_VECTORIZE_SSE2) || defined(EIGEN_VECTORIZE_NEON)
    k.eigenVectorBits = 128;
    const char* eigenIsa = "128-bit SIMD";
#else
    k.eigenVectorBits = 0;
    const char* eigenIsa = "no SIMD";
#endif
    k.eigenVersion = std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION)
                     + "." + std::to_string(EIGEN_MINOR_VERSION);
    k.eigen = "Eigen " + k.eigenVersion + ", " + eigenIsa;
#ifdef INKLENS_HAVE_OPENBLAS
    k.gemmCore = openblas_get_corename();
    k.gemmVectorBits = openblasCoreVectorBits(k.gemmCore);
    std::string config = openblas_get_config();  // "OpenBLAS 0.3.21 DYNAMIC_ARCH ..."
    const auto space = config.find(' ', config.find(' ') + 1);
    k.gemmLibrary = config.substr(0, space);
    k.gemm = k.gemmLibrary + ", " + k.gemmCore + " kernels (" + std::to_string(k.gemmVectorBits)
             + "-bit; " + gemmChoice().source + ")";
#else
    k.gemmVectorBits = k.eigenVectorBits;
    k.gemm = "Eigen's own products, " + std::string(eigenIsa);
#endif
    k.convolution =
        "Winograd F(4x4, 3x3) for 3x3 kernels on >= 8 channels (F(2x2) / F(2x4) on few tiles), "
        "im2col otherwise; the engine's own GEMM, "
        + std::string(gemmKernelName())
        + " (training: weights packed once per step; the convolutions' weight "
          "gradients and the linear layer on the GEMM above)";
#ifdef INKLENS_NATIVE_BUILD
    k.nativeBuild = true;
#endif
#ifdef INKLENS_NN_LEVEL
    k.engineLevel = INKLENS_NN_LEVEL;
#endif
    k.threads = numThreads();
    return k;
}

std::string KernelInfo::summary() const
{
    return gemm + "; " + eigen + "; "
           + (nativeBuild           ? std::string("native")
              : engineLevel.empty() ? std::string("portable")
                                    : "portable " + engineLevel)
           + " build; " + std::to_string(threads) + (threads == 1 ? " thread" : " threads");
}

std::string KernelInfo::text() const
{
    return "CPU: " + cpu + "\nCPU features: " + features + "\nGEMM: " + gemm
           + "\nElement-wise: " + eigen + "\nConvolution: " + convolution + "\nBuild: "
           + (nativeBuild ? std::string("native (-march=native, for this CPU only)")
              : engineLevel.empty()
                  ? std::string("portable (the compiler's baseline ISA)")
                  : "portable (engine library for " + engineLevel + ", chosen at load time)")
           + "\nThreads: " + std::to_string(threads);
}

}  // namespace inklens::nn
