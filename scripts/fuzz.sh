#!/usr/bin/env bash
# Fuzzes one of InkLens's file readers with libFuzzer (fuzz/README.md):
#
#   scripts/fuzz.sh TARGET SECONDS [LIBFUZZER_ARGS...]
#   scripts/fuzz.sh all SECONDS          each target in turn, SECONDS each
#   scripts/fuzz.sh list                 the targets
#
# Installs clang-14 and libfuzzer-14-dev (Debian 12) through scripts/setup.sh's package
# check when missing, builds the targets with clang++ -fsanitize=fuzzer,address,undefined
# into build-fuzz/ (or INKLENS_FUZZ_BUILD_DIR), and runs libFuzzer for SECONDS on a working
# corpus outside the repository (build-fuzz/corpus/TARGET, where libFuzzer adds what it
# finds; fuzz/corpus/TARGET is read as seeds, never written), with -rss_limit_mb=2048
# -malloc_limit_mb=1024 -timeout=10 (30 for fuzz_image). Crashes, hangs and out-of-memory
# inputs are written to build-fuzz/artifacts/TARGET/; replay one with
#   build-fuzz/fuzz/TARGET FILE
# and, once fixed, copy it to fuzz/regressions/TARGET/ (the ctest replays it).
# Prints the executions and the coverage (cov: edges, ft: features) at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${INKLENS_FUZZ_BUILD_DIR:-$root/build-fuzz}"
targets=(fuzz_model_file fuzz_lm_file fuzz_inkml fuzz_image fuzz_alto fuzz_page_xml fuzz_sample_import)

usage() {
    echo "usage: scripts/fuzz.sh TARGET|all SECONDS [LIBFUZZER_ARGS...]; targets: ${targets[*]}" >&2
    exit 2
}
[[ "${1:-}" == list ]] && { printf '%s\n' "${targets[@]}"; exit 0; }
[[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage
target="$1" seconds="$2"
shift 2
if [[ "$target" == all ]]; then
    run=("${targets[@]}")
else
    [[ " ${targets[*]} " == *" $target "* ]] || usage
    run=("$target")
fi

# clang and libFuzzer: only here, never for run.sh / test.sh.
INKLENS_SETUP_EXTRA_PACKAGES="${INKLENS_SETUP_EXTRA_PACKAGES:-} clang-14 libfuzzer-14-dev" \
    INKLENS_SETUP_ONLY_PACKAGES=1 "$root/scripts/setup.sh"

# Only the fuzz targets and what they link are built (not the app, not the tests).
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    # -O1 and line tables only: the usual fuzzing build, and half the compile time of -O2 -g.
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" \
        -DCMAKE_CXX_COMPILER=clang++-14 -DINKLENS_FUZZ=ON -DBUILD_TESTING=OFF \
        -DINKLENS_SANITIZE=address,undefined ${INKLENS_CMAKE_ARGS:-}
fi
ninja -C "$build" "${run[@]}"

# What the sanitizers do when libFuzzer finds something: stop and report (UBSan included).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$root/scripts/sanitizers/ubsan.supp}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/scripts/sanitizers/lsan.supp}"
export QT_QPA_PLATFORM=offscreen OMP_NUM_THREADS=1

status=0
for t in "${run[@]}"; do
    corpus="$build/corpus/$t" artifacts="$build/artifacts/$t"
    mkdir -p "$corpus" "$artifacts"
    log="$build/logs/$t-$(date -u +%Y%m%dT%H%M%S).log"
    mkdir -p "$(dirname "$log")"
    echo "fuzz: $t for $seconds s (corpus $corpus, log $log)" >&2
    # Pictures decoded whole (BMP, TIFF, WebP) may take up to kDecodeBudget (512 MB,
    # service/page_image.h): seconds under ASan on a loaded machine, not a hang.
    timeout=10
    [[ "$t" == fuzz_image ]] && timeout=30
    code=0
    "$build/fuzz/$t" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 \
        -timeout="$timeout" -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" \
        "$corpus" "$root/fuzz/corpus/$t" 2>"$log" || code=$?
    # The last status line (#N DONE/pulse cov: C ft: F corp: ...) and the final stats.
    grep -E '^#[0-9]+' "$log" | tail -1 || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
    if ((code != 0)); then
        echo "fuzz: $t found a problem (exit $code); see $log and $artifacts/" >&2
        grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" | head -5 >&2 || true
        status=1
    fi
done
exit "$status"
