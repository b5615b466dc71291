#!/usr/bin/env bash
# Fuzzes InkLens's file readers with libFuzzer (fuzz/README.md):
#
#   scripts/fuzz.sh TARGET SECONDS [LIBFUZZER_ARGS...]
#   scripts/fuzz.sh all SECONDS          each target for SECONDS
#   scripts/fuzz.sh list                 the targets
#
# The fuzz targets are those of the ASan + UBSan build, build-asan/ (INKLENS_BUILD_DIR
# with -asan appended, as for scripts/test.sh --sanitize): clang-14, -fsanitize=address,undefined, libFuzzer
# (scripts/asan-build.sh, shared with scripts/test.sh --sanitize, whose suite replays the
# corpora through the same programs). The script installs its Debian packages when
# missing (scripts/setup.sh's check), configures the folder when it is new and builds only
# the targets it runs (not the app, not the tests). INKLENS_FUZZ_JOBS=N fuzzes N targets at
# once (default 1; `all` on N cores).
#
# libFuzzer runs for SECONDS on a working corpus outside the repository
# (build-asan/corpus/TARGET, where it adds what it finds; fuzz/corpus/TARGET is read as
# seeds, never written), with -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 (30 for
# fuzz_image). Crashes, hangs and out-of-memory inputs are written to
# build-asan/artifacts/TARGET/ and the script exits 1; replay one with
#   build-asan/fuzz/TARGET FILE
# and, once fixed, copy it to fuzz/regressions/TARGET/ (the ctest replays it).
# Prints the executions and the coverage (cov: edges, ft: features) of each target.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/asan-build.sh"
build="$inklens_asan_dir"
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

INKLENS_SETUP_EXTRA_PACKAGES="${INKLENS_SETUP_EXTRA_PACKAGES:-} ${inklens_asan_packages[*]}" \
    INKLENS_SETUP_ONLY_PACKAGES=1 "$root/scripts/setup.sh"

if ((!inklens_asan_fuzz)); then
    echo "fuzz: $build is not the clang-14 libFuzzer build (CXX is set, or the folder was" \
        "made with another compiler); unset CXX, or remove the folder" >&2
    exit 2
fi
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    extra=()
    [[ -n "${INKLENS_CMAKE_ARGS:-}" ]] && read -r -a extra <<<"$INKLENS_CMAKE_ARGS"
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" \
        "${inklens_asan_cmake_args[@]}" "${extra[@]}"
fi
ninja -C "$build" "${run[@]}"

# What the sanitizers do when libFuzzer finds something: stop and report (UBSan included).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$root/scripts/sanitizers/ubsan.supp}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$root/scripts/sanitizers/lsan.supp}"
export QT_QPA_PLATFORM=offscreen OMP_NUM_THREADS=1

# One target: fuzzes it for $seconds, then prints its summary in one piece (the last status
# line, #N DONE cov: C ft: F corp: ..., and the final stats); status 1 when it found
# something.
fuzz_one() {
    local t="$1"
    shift
    local corpus="$build/corpus/$t" artifacts="$build/artifacts/$t"
    local log
    log="$build/logs/$t-$(date -u +%Y%m%dT%H%M%S).log"
    mkdir -p "$corpus" "$artifacts" "$build/logs"
    echo "fuzz: $t for $seconds s (corpus $corpus, log $log)" >&2
    # Pictures decoded whole (BMP, TIFF, WebP) may take up to kDecodeBudget (512 MB,
    # service/page_image.h): seconds under ASan on a loaded machine, not a hang.
    local timeout=10
    [[ "$t" == fuzz_image ]] && timeout=30
    local code=0
    "$build/fuzz/$t" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 \
        -timeout="$timeout" -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" \
        "$corpus" "$root/fuzz/corpus/$t" 2>"$log" || code=$?
    local report
    report="$t: $(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
    report+=$'\n'"$(grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" |
        sed "s/^/$t: /" || true)"
    if ((code != 0)); then
        report+=$'\n'"fuzz: $t found a problem (exit $code); see $log and $artifacts/"
        report+=$'\n'"$(grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" |
            head -5 || true)"
    fi
    printf '%s\n' "$report"
    ((code == 0))
}

jobs_max="${INKLENS_FUZZ_JOBS:-1}"
[[ "$jobs_max" =~ ^[1-9][0-9]*$ ]] || usage
status=0 running=0
for t in "${run[@]}"; do
    if ((running >= jobs_max)); then
        wait -n || status=1
        running=$((running - 1))
    fi
    fuzz_one "$t" "$@" &
    running=$((running + 1))
done
while ((running > 0)); do
    wait -n || status=1
    running=$((running - 1))
done
exit "$status"
