#!/usr/bin/env bash
# Renders the application icon's PNG sizes for the hicolor theme (resources/icons/) from
# the SVGs: resources/inklens.svg for 48 px and up, resources/icons/inklens-small.svg
# (thicker strokes, no grid) for 16-32 px. A development step only: the PNGs are
# committed and the build installs them as they are. Needs rsvg-convert (Debian:
# librsvg2-bin).
#
# Usage: scripts/render-icons.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v rsvg-convert >/dev/null 2>&1 || {
    echo "render-icons: rsvg-convert not found (Debian: apt install librsvg2-bin)" >&2
    exit 1
}
for size in 16 24 32 48 64 128 256 512; do
    svg="$root/resources/inklens.svg"
    ((size <= 32)) && svg="$root/resources/icons/inklens-small.svg"
    rsvg-convert --width "$size" --height "$size" "$svg" -o "$root/resources/icons/inklens-$size.png"
done
