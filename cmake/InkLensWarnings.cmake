# Our own code builds with -Wall -Wextra and no warnings; third-party headers are SYSTEM.
# The target ISA too: -march=native with INKLENS_NATIVE (for the build machine only),
# else the compiler's baseline (x86-64: SSE2), so the binary runs on any CPU of the
# architecture; the GEMMs still get the CPU's widest kernels at run time (nn/kernels.h).
function(inklens_warnings target)
  # -Wno-maybe-uninitialized: GCC 12 reports false positives inside its own AVX-512
  # intrinsics once Eigen's packet code is inlined (GCC bug 105593); nothing of ours.
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")  # clang has no such warning (scripts/fuzz.sh)
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  if(INKLENS_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
endfunction()
