#!/usr/bin/env bash
# Times our engine beside the PyTorch and OpenCV references of ../shared/bench, in one
# interleaved run (run_all.py), and checks our outputs against PyTorch's crnn-ref.
#   bench/run_crnn_ref.sh [extra run_all.py arguments]
# Needs: build/bin/inklens (scripts/run.sh or scripts/test.sh builds it) and, for the
# references, Debian's python3-torch python3-opencv python3-onnx python3-numpy
# (installed here when missing). Results: $BENCH_DIR/results/run_*.md
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${INKLENS_SHARED_BENCH:-$root/../shared/bench}
BENCH_DIR=${BENCH_DIR:-/tmp/inklens-crnn-ref}
bin=$root/build/bin/inklens
[ -x "$bin" ] || { echo "build first: scripts/test.sh" >&2; exit 1; }
[ -d "$shared" ] || { echo "no reference benchmark at $shared" >&2; exit 1; }

missing=()
for p in python3-torch python3-opencv python3-onnx python3-numpy; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

mkdir -p "$BENCH_DIR"
cp -r "$shared/." "$BENCH_DIR/" && chmod -R u+w "$BENCH_DIR"
cd "$BENCH_DIR"
if [ ! -d third_party/root ]; then
  mkdir -p third_party && (cd third_party && apt-get download libopenblas0-openmp libopenblas0-pthread >/dev/null \
    && for f in *.deb; do dpkg -x "$f" ./root; done)
fi
[ -f reference/manifest.json ] || /usr/bin/python3 save_reference.py
ls ./*.onnx >/dev/null 2>&1 || /usr/bin/python3 export_onnx.py >/dev/null

echo "== correctness: crnn-ref weights, our outputs vs PyTorch's"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$bin" bench --check "$BENCH_DIR/reference"

# PyTorch at its best: the OpenBLAS core given to it alone (TORCH_CORETYPE, default
# SkylakeX). InkLens as a user starts it (no OPENBLAS_* variable), as on a CPU OpenBLAS
# does not know (--as-unknown-cpu), before issue #12's fix there (Prescott kernels), and
# with the OPENBLAS_* variables this machine's environment sets, if any.
echo "== speed (medians of interleaved rounds)"
cp "$bin" "$BENCH_DIR/inklens_bin"  # a rebuild during the run must not change the binary
args="bench --crnn-ref --mode {mode} --batch {batch} --width {width} --threads {threads} --iters {iters} --warmup {warmup}"
plain="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $BENCH_DIR/inklens_bin $args"
engines=(--engine "inklens=$plain"
         --engine "inklens-unknown-cpu=$plain --as-unknown-cpu"
         --engine "inklens-prescott=env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=Prescott $BENCH_DIR/inklens_bin $args")
if [ -n "${OPENBLAS_CORETYPE:-}${OPENBLAS_L2_SIZE:-}" ]; then
  machine_env="env"
  [ -n "${OPENBLAS_CORETYPE:-}" ] && machine_env+=" OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE"
  [ -n "${OPENBLAS_L2_SIZE:-}" ] && machine_env+=" OPENBLAS_L2_SIZE=$OPENBLAS_L2_SIZE"
  engines+=(--engine "inklens-machine-env=$machine_env $BENCH_DIR/inklens_bin $args")
fi
OPENBLAS_CORETYPE=${TORCH_CORETYPE:-SkylakeX} /usr/bin/python3 run_all.py \
  --cases infer_b1_w128,infer_b1_w512,infer_b32_w128,train_b32_w128 \
  --engines "${TORCH_ENGINES:-torch}" "${engines[@]}" --budget-s 1500 --quiet-wait 20 "$@"
