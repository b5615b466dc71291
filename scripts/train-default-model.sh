#!/usr/bin/env bash
# Reproduces resources/models/default.safetensors: the bundled model, trained on the real
# handwriting of ../shared/data (writer-disjoint), then measured on writers it never saw.
#   scripts/train-default-model.sh [OUT_DIR]        (about 100 minutes on 2 cores)
# Checkpoints go to OUT_DIR (default /tmp/inklens-train, outside the repository); rerun
# with RESUME=1 to continue after an interruption (Ctrl-C saves a checkpoint).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${INKLENS_DATA:-$root/../shared/data}
out=${1:-/tmp/inklens-train}
bin=$root/build/bin/inklens
[ -x "$bin" ] || { echo "build first: scripts/test.sh" >&2; exit 1; }
mkdir -p "$out"
resume=(); [ "${RESUME:-0}" = 1 ] && resume=(--resume)
# testaments: the manifest's val split (58 writers) is held out; copiste-dev: the first
# 15 writers by SHA-1 of the writer id are held out (the peer's split).
"$bin" train --data "$data/copiste-dev" --data "$data/testaments" --holdout-writers 15 \
  --out "$out/line40.safetensors" --checkpoint "$out/line40.ckpt" --log "$out/line40.jsonl" \
  --minutes "${MINUTES:-100}" --threads 2 --batch 16 --lr 0.001 --validate-every 500 --val-lines 500 \
  "${resume[@]}" 2>&1 | tee -a "$out/line40.log"
"$bin" eval --data "$data/testaments" --split val --model "$out/line40.safetensors"
