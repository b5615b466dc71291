#!/usr/bin/env bash
# Fetches handwriting fonts for the synthetic training data (inklens synth) from the npm
# registry's @fontsource packages, with `npm pack` (no install, no scripts run), and keeps
# only their Latin subset (Basic Latin, Latin-1, € and general punctuation: everything the
# default charset needs) as .woff files in third_party/fonts/ (gitignored: never commit
# them). Qt 6 loads .woff (and .woff2) through FreeType.
#
# Usage: scripts/fetch-fonts.sh [DEST]      (default DEST: <repo>/third_party/fonts)
#
# Each font lands as <family>-<weight>.woff with its licence in DEST/licenses/. Fonts
# already present are skipped, so re-running is cheap. Nothing here runs at build, test
# or run time: the tests skip font-dependent checks when the folder is empty.
#
# The held-out fonts (never used for training; `inklens synth --fonts heldout`) are
# listed in core/service/font_renderer.cpp (kHeldOutFamilies), not here: every font is
# fetched, the split is made when fonts are loaded.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$root/third_party/fonts}"

# @fontsource package names. Every one of them exists (checked with `npm view`).
packages=(
    caveat
    indie-flower
    kalam
    patrick-hand
    dancing-script
    homemade-apple
    cedarville-cursive
    reenie-beanie
    shadows-into-light
    gochi-hand
    nothing-you-could-do
    la-belle-aurore
)
# Weights kept (when a family has them): a regular and a bold hand are two writers.
weights=(400 700)

command -v npm >/dev/null 2>&1 || {
    echo "fetch-fonts: npm not found (Debian: apt-get install npm)" >&2
    exit 1
}
mkdir -p "$dest/licenses"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fetched=0 present=0 failed=()
for pkg in "${packages[@]}"; do
    have=0
    for w in "${weights[@]}"; do
        [[ -f "$dest/$pkg-$w.woff" ]] && have=1
    done
    if ((have)); then
        present=$((present + 1))
        continue
    fi
    if ! (cd "$work" && npm pack --silent "@fontsource/$pkg" >/dev/null 2>"$work/$pkg.err"); then
        echo "fetch-fonts: npm pack @fontsource/$pkg failed: $(tail -1 "$work/$pkg.err")" >&2
        failed+=("$pkg")
        continue
    fi
    tgz="$(ls "$work"/fontsource-"$pkg"-*.tgz | head -1)"
    mkdir -p "$work/$pkg"
    tar -xzf "$tgz" -C "$work/$pkg"
    got=0
    for w in "${weights[@]}"; do
        src="$work/$pkg/package/files/$pkg-latin-$w-normal.woff"
        if [[ -f "$src" ]]; then
            cp "$src" "$dest/$pkg-$w.woff"
            got=$((got + 1))
        fi
    done
    [[ -f "$work/$pkg/package/LICENSE" ]] && cp "$work/$pkg/package/LICENSE" "$dest/licenses/$pkg.LICENSE"
    if ((got == 0)); then
        echo "fetch-fonts: @fontsource/$pkg has no latin .woff for weights ${weights[*]}" >&2
        failed+=("$pkg")
    else
        fetched=$((fetched + 1))
        echo "fetch-fonts: $pkg ($got file(s))" >&2
    fi
done

echo "fetch-fonts: $fetched fetched, $present already present, ${#failed[@]} failed; fonts in $dest" >&2
((${#failed[@]} == 0))
