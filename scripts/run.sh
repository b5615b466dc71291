#!/usr/bin/env bash
# Build InkLens (installing missing Debian packages first) and start it.
#   scripts/run.sh                 the window
#   scripts/run.sh bench --json    a command (see scripts/run.sh --help)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
exec "${INKLENS_BUILD_DIR:-$root/build}/bin/inklens" "$@"
