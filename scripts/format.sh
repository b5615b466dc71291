#!/usr/bin/env bash
# Format InkLens's C++ sources (every tracked *.h and *.cpp under core, ui, app, tests,
# bench, fuzz) with clang-format and the repository's .clang-format.
#
#   scripts/format.sh           rewrite the files in place
#   scripts/format.sh --check   change nothing; list the files that are not formatted and
#                               exit 1 if there are any (0 when all are clean)
#   scripts/format.sh [--check] FILE...   only these files
#
# Needs clang-format 14 or newer (Debian 12: clang-format); CLANG_FORMAT picks another binary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

check=0
if [[ "${1:-}" == --check ]]; then
    check=1
    shift
fi
if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
    sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
    exit 0
fi

clang_format="${CLANG_FORMAT:-}"
if [[ -z "$clang_format" ]]; then
    for candidate in clang-format clang-format-19 clang-format-18 clang-format-17 \
        clang-format-16 clang-format-15 clang-format-14; do
        if command -v "$candidate" >/dev/null 2>&1; then
            clang_format="$candidate"
            break
        fi
    done
fi
if [[ -z "$clang_format" ]]; then
    echo "format: clang-format not found (Debian: apt-get install clang-format)" >&2
    exit 2
fi
version="$("$clang_format" --version | sed -n 's/.*version \([0-9]*\).*/\1/p')"
if [[ -z "$version" || "$version" -lt 14 ]]; then
    echo "format: $clang_format is version ${version:-unknown}; .clang-format needs 14 or newer" >&2
    exit 2
fi

files=()
if (($#)); then
    files=("$@")
else
    # git's pathspec '*' also matches '/', so 'core/*.h' covers every subfolder.
    mapfile -t files < <(git ls-files -- \
        'core/*.h' 'core/*.cpp' 'ui/*.h' 'ui/*.cpp' 'app/*.h' 'app/*.cpp' \
        'tests/*.h' 'tests/*.cpp' 'bench/*.h' 'bench/*.cpp' 'fuzz/*.h' 'fuzz/*.cpp')
fi
((${#files[@]})) || { echo "format: no files" >&2; exit 2; }

if ((check)); then
    unformatted=0
    for f in "${files[@]}"; do
        if ! "$clang_format" --style=file "$f" | cmp -s - "$f"; then
            echo "$f"
            unformatted=$((unformatted + 1))
        fi
    done
    if ((unformatted)); then
        echo "format: $unformatted of ${#files[@]} files are not formatted; run scripts/format.sh" >&2
        exit 1
    fi
    echo "format: all ${#files[@]} files are formatted" >&2
    exit 0
fi

"$clang_format" --style=file -i "${files[@]}"
echo "format: formatted ${#files[@]} files" >&2
