#!/usr/bin/env bash
# Build InkLens (installing missing Debian packages first) and run the test suite.
# Extra arguments go to ctest, e.g. scripts/test.sh -R mainwindow
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
# Widget tests run offscreen (inklens_add_test sets QT_QPA_PLATFORM); two at a time
# on a two-core machine, or CTEST_PARALLEL_LEVEL.
status=0
ctest --test-dir "${INKLENS_BUILD_DIR:-$root/build}" --output-on-failure \
    -j "${CTEST_PARALLEL_LEVEL:-2}" "$@" || status=$?
exit "$status"
