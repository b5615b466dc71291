# Our own code builds with -Wall -Wextra and no warnings; third-party headers are SYSTEM.
function(inklens_warnings target)
  # -Wno-maybe-uninitialized: GCC 12 reports false positives inside its own AVX-512
  # intrinsics once Eigen's packet code is inlined (GCC bug 105593); nothing of ours.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-maybe-uninitialized)
  if(INKLENS_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  else()
    target_compile_options(${target} PRIVATE -mavx2 -mfma)
  endif()
endfunction()
