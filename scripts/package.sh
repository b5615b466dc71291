#!/usr/bin/env bash
# Builds the Debian package of InkLens: a portable build (-DINKLENS_NATIVE=OFF: any x86-64
# CPU; the engine library in three ISA levels, chosen at load time; no paths into this
# checkout: -DINKLENS_SOURCE_TREE_PATHS=OFF) in its own folder,
# then CPack's DEB generator (dependencies from dpkg-shlibdeps). Prints the package's path.
#
#   scripts/package.sh            -> build-package/inklens_<version>-1_<arch>.deb
#   sudo apt install ./build-package/inklens_*.deb
#
# Environment:
#   INKLENS_PACKAGE_DIR  build folder (default: <repo>/build-package)
#   INKLENS_CMAKE_ARGS   extra arguments for cmake's configure step (e.g. a compiler launcher)
#   INKLENS_JOBS         parallel compile jobs (default: ninja's choice)
#   INKLENS_SKIP_APT=1   do not check or install Debian packages (scripts/setup.sh)
#
# Needs what scripts/setup.sh installs, plus dpkg-dev (dpkg-shlibdeps) and file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${INKLENS_PACKAGE_DIR:-$root/build-package}"

# The build's Debian packages (scripts/setup.sh's list) and CPack's tools; builds nothing.
INKLENS_SETUP_EXTRA_PACKAGES="dpkg-dev file" INKLENS_SETUP_ONLY_PACKAGES=1 "$root/scripts/setup.sh"
for tool in dpkg-shlibdeps file; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "package: $tool not found (Debian: apt install dpkg-dev file)" >&2
        exit 1
    }
done

configure=(cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
    -DINKLENS_NATIVE=OFF -DINKLENS_SOURCE_TREE_PATHS=OFF -DBUILD_TESTING=OFF
    -DCMAKE_INSTALL_PREFIX=/usr)
if [[ -n "${INKLENS_CMAKE_ARGS:-}" ]]; then
    read -r -a extra <<<"$INKLENS_CMAKE_ARGS"
    configure+=("${extra[@]}")
fi
"${configure[@]}"

jobs=()
[[ -n "${INKLENS_JOBS:-}" ]] && jobs=(-j "$INKLENS_JOBS")
# Only what the package installs (the program and its engine libraries), not the benches.
cmake --build "$build_dir" "${jobs[@]}" --target inklens

(cd "$build_dir" && cpack -G DEB)
ls "$build_dir"/inklens_*.deb
