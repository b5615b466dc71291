# Sourced (not run) by scripts/test.sh --sanitize and scripts/fuzz.sh: the one ASan + UBSan
# build, which is also the fuzzing build. Needs $root (the repository); defines
#   inklens_asan_dir         its folder: INKLENS_BUILD_DIR (default <repo>/build) + -asan
#   inklens_asan_packages    the Debian packages it needs besides scripts/setup.sh's list
#   inklens_asan_cmake_args  its configure arguments
#   inklens_asan_fuzz        1 when it is (or will be configured as) the clang fuzzing build
#
# clang-14 with -fsanitize=address,undefined, -O1 -gline-tables-only, the libraries with
# coverage instrumentation (-fsanitize=fuzzer-no-link) and the fuzz targets linked as
# libFuzzer programs (-DINKLENS_FUZZ=ON; the top-level CMakeLists.txt and
# cmake/InkLensSanitizers.cmake). Measured from scratch on 2 cores, this whole build costs
# about a third of the CPU time of gcc's -O2 -g ASan build it replaces (fuzz/README.md), so
# CI has the time to fuzz each target. With CXX set on its first configure (CXX=g++) the
# build uses that compiler and no libFuzzer: its fuzz targets only replay their corpora
# (and scripts/fuzz.sh refuses it). RelWithDebInfo unless CMAKE_BUILD_TYPE says otherwise.
# libclang-rt-14-dev (the sanitizer and libFuzzer runtimes) and libomp-14-dev (clang's
# OpenMP) are only recommended by clang-14: named here, since setup.sh installs without
# recommendations.
# shellcheck shell=bash disable=SC2034,SC2054  # variables for the sourcing script; the comma is cmake's
inklens_asan_dir="${INKLENS_BUILD_DIR:-$root/build}-asan"
inklens_asan_packages=()
# The benchmark programs are not part of the suite: not built here (CI's time).
inklens_asan_cmake_args=(-DINKLENS_SANITIZE=address,undefined -DINKLENS_BENCH_PROGRAMS=OFF)
# A folder keeps the compiler it was configured with (CMake cannot switch it in place).
inklens_asan_fuzz=0
if [[ -f "$inklens_asan_dir/CMakeCache.txt" ]]; then
    if grep -q '^INKLENS_FUZZ:BOOL=ON$' "$inklens_asan_dir/CMakeCache.txt"; then
        inklens_asan_fuzz=1
    fi
elif [[ -z "${CXX:-}" ]]; then
    inklens_asan_fuzz=1
fi
if ((inklens_asan_fuzz)); then
    inklens_asan_packages=(clang-14 libclang-rt-14-dev libfuzzer-14-dev libomp-14-dev)
    inklens_asan_cmake_args+=(-DCMAKE_CXX_COMPILER=clang++-14 -DINKLENS_FUZZ=ON)
fi
