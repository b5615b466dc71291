#!/usr/bin/env bash
# Build InkLens (installing missing Debian packages first) and run the test suite.
#
#   scripts/test.sh [CTEST_ARGS...]             plain build in build/ (or INKLENS_BUILD_DIR)
#   scripts/test.sh --sanitize [CTEST_ARGS...]  ASan + UBSan build in build-asan/ (clang-14,
#                                               also the fuzzing build: scripts/asan-build.sh)
#   scripts/test.sh --tsan [CTEST_ARGS...]      TSan build in build-tsan/
#
# Extra arguments go to ctest, e.g. scripts/test.sh -R mainwindow. The sanitizer builds
# take INKLENS_BUILD_DIR (default build) with -asan / -tsan appended, are RelWithDebInfo
# unless CMAKE_BUILD_TYPE says otherwise, and keep INKLENS_CMAKE_ARGS. The runtime options
# (ASAN_OPTIONS, UBSAN_OPTIONS, LSAN_OPTIONS, TSAN_OPTIONS with the suppressions in
# scripts/sanitizers/, one OpenMP thread under TSan) are test properties set by
# cmake/InkLensSanitizers.cmake, so `ctest --test-dir build-asan` runs them the same way.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

sanitize="" suffix=""
case "${1:-}" in
--sanitize)
    sanitize=address,undefined suffix=asan
    shift
    ;;
--tsan)
    sanitize=thread suffix=tsan
    shift
    ;;
esac

if [[ "$suffix" == asan ]]; then
    source "$root/scripts/asan-build.sh"
    export INKLENS_BUILD_DIR="$inklens_asan_dir"
    export INKLENS_CMAKE_ARGS="${INKLENS_CMAKE_ARGS:-} ${inklens_asan_cmake_args[*]}"
    export INKLENS_SETUP_EXTRA_PACKAGES="${INKLENS_SETUP_EXTRA_PACKAGES:-} ${inklens_asan_packages[*]}"
    if ((!inklens_asan_fuzz)) && [[ -z "${CXX:-}" ]]; then
        echo "test: $INKLENS_BUILD_DIR is not the clang-14 fuzzing build (made with another" \
            "compiler); remove it to have it made again with clang-14 and libFuzzer" >&2
    fi
elif [[ -n "$sanitize" ]]; then
    export INKLENS_BUILD_DIR="${INKLENS_BUILD_DIR:-$root/build}-$suffix"
    # The benchmark programs are not part of the suite: not built here (CI's time).
    export INKLENS_CMAKE_ARGS="${INKLENS_CMAKE_ARGS:-} -DINKLENS_SANITIZE=$sanitize -DINKLENS_BENCH_PROGRAMS=OFF"
fi
if [[ -n "$sanitize" && -z "${CMAKE_BUILD_TYPE:-}" && ! -f "$INKLENS_BUILD_DIR/CMakeCache.txt" ]]; then
    export CMAKE_BUILD_TYPE=RelWithDebInfo
fi

"$root/scripts/setup.sh"
# Widget tests run offscreen (inklens_add_test sets QT_QPA_PLATFORM); two at a time
# on a two-core machine, or CTEST_PARALLEL_LEVEL.
status=0
ctest --test-dir "${INKLENS_BUILD_DIR:-$root/build}" --output-on-failure \
    -j "${CTEST_PARALLEL_LEVEL:-2}" "$@" || status=$?
exit "$status"
