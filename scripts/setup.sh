#!/usr/bin/env bash
# Install what InkLens needs to build (Debian 12 packages, only the missing ones) and
# build it into build/. Run it, or source it; run.sh and test.sh call it.
#
# Environment:
#   INKLENS_BUILD_DIR   build folder (default: <repo>/build)
#   CMAKE_BUILD_TYPE    Release (default on first configure), RelWithDebInfo, Debug
#   INKLENS_CMAKE_ARGS  extra arguments for cmake's configure step
#   INKLENS_JOBS        parallel compile jobs (default: ninja's choice)
#   INKLENS_SKIP_APT=1  do not check or install Debian packages
#   INKLENS_SETUP_EXTRA_PACKAGES  more Debian packages to check (scripts/package.sh's tools,
#                                 scripts/fuzz.sh's clang-14 and libfuzzer-14-dev)
#   INKLENS_SETUP_ONLY_PACKAGES=1 check and install the packages, build nothing

# Runs in a subshell so that sourcing this file changes nothing in the caller's shell.
_inklens_setup() (
    set -euo pipefail

    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    local build_dir="${INKLENS_BUILD_DIR:-$root/build}"

    # Debian 12 packages. Never libopencv-dev: it pulls highgui and with it Qt 5.
    local packages=(
        cmake ninja-build g++
        qt6-base-dev libqt6opengl6-dev qt6-tools-dev qt6-l10n-tools qt6-charts-dev
        qt6-svg-dev libqt6sql6-sqlite qt6-image-formats-plugins libpng-dev
        libeigen3-dev libopencv-core-dev libopencv-imgproc-dev libopenblas-openmp-dev
        # tests only: test_onnx_export runs exported ONNX files in OpenCV, check_onnx runs
        # onnx.checker on one (scripts/check-onnx.py)
        libopencv-dnn-dev python3-onnx
        nlohmann-json3-dev
        xvfb xauth fonts-dejavu-core
        # synthetic handwriting (inklens synth, test_synth): single-stroke fonts, word
        # lists, a handwriting TTF; scripts/fetch-fonts.sh adds more fonts with npm
        hershey-fonts-data wamerican wbritish wfrench wngerman wspanish fonts-dkg-handwriting
    )
    if [[ -n "${INKLENS_SETUP_EXTRA_PACKAGES:-}" ]]; then
        local extra_packages
        read -r -a extra_packages <<<"$INKLENS_SETUP_EXTRA_PACKAGES"
        packages+=("${extra_packages[@]}")
    fi

    if [[ "${INKLENS_SKIP_APT:-0}" != 1 ]]; then
        if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
            local missing=() pkg
            for pkg in "${packages[@]}"; do
                if [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null)" != ii* ]]; then
                    missing+=("$pkg")
                fi
            done
            if ((${#missing[@]})); then
                echo "setup: installing ${missing[*]}" >&2
                local sudo=()
                if [[ "$(id -u)" != 0 ]]; then
                    command -v sudo >/dev/null 2>&1 || {
                        echo "setup: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
                        exit 1
                    }
                    sudo=(sudo)
                fi
                "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
                "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
                    apt-get install -y -q --no-install-recommends "${missing[@]}"
            fi
        else
            echo "setup: no dpkg/apt here; skipping the package check (install the Debian 12 equivalents of: ${packages[*]})" >&2
        fi
    fi

    [[ "${INKLENS_SETUP_ONLY_PACKAGES:-0}" == 1 ]] && return 0

    # Configure (cheap when nothing changed), then build.
    local configure=(cmake -S "$root" -B "$build_dir" -G Ninja)
    if [[ -n "${CMAKE_BUILD_TYPE:-}" ]]; then
        configure+=("-DCMAKE_BUILD_TYPE=$CMAKE_BUILD_TYPE")
    elif [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
        configure+=(-DCMAKE_BUILD_TYPE=Release)
    fi
    if [[ -n "${INKLENS_CMAKE_ARGS:-}" ]]; then
        local extra
        read -r -a extra <<<"$INKLENS_CMAKE_ARGS"
        configure+=("${extra[@]}")
    fi
    if [[ -f "$build_dir/CMakeCache.txt" ]] &&
        ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$build_dir/CMakeCache.txt"; then
        echo "setup: $build_dir was configured with another generator; remove it or set INKLENS_BUILD_DIR" >&2
        exit 1
    fi
    "${configure[@]}"

    local jobs=()
    [[ -n "${INKLENS_JOBS:-}" ]] && jobs=(-j "$INKLENS_JOBS")
    ninja -C "$build_dir" "${jobs[@]}"
)

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    _inklens_setup "$@"
    return $?
fi
_inklens_setup "$@"
