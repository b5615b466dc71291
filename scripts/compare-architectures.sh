#!/usr/bin/env bash
# The controlled architecture comparison behind the choice of architecture (docs/model.md):
# every variant trains from scratch with the same recipe, data, seed, validation lines and
# wall-clock budget (MINUTES, default 26), two at a time with one thread each, so that
# both see the same machine load:
#   scripts/compare-architectures.sh [OUT_DIR] [VARIANT...]
# Variants (default: all, in pairs), each one change from line40: line40 h32 h48 wide
# deep narrow. SUMMARY_ONLY=1 prints the table of runs already made.
# Needs the synthetic sets of scripts/train-default-model.sh in SYNTH_DIR (default
# /tmp/inklens-train). Per variant: OUT_DIR/NAME.{jsonl,out,safetensors}; at the end a
# table of validation CER by step and time (scripts/plot-learning-curve.py draws them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${INKLENS_DATA:-$root/../shared/data}
synth=${SYNTH_DIR:-/tmp/inklens-train}
out=${1:-/tmp/inklens-arch}
shift || true
minutes=${MINUTES:-26}
mkdir -p "$out"

declare -A args=(
  [line40]=""                                                   # h40, 32-64-128-128-256, BiLSTM 128 x 2
  [h32]="--height 32"
  [h48]="--height 48"
  [wide]="--conv 48,96,192,192,384 --lstm 192,192"
  [deep]="--lstm 128,128,128"
  [narrow]="--conv 16,32,64,64,128 --lstm 96,96"
)
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(line40 h32 h48 wide deep narrow)

run() {
  local name=$1
  # shellcheck disable=SC2086
  "$out/inklens" train --data "$data/copiste-dev" --data "$data/testaments" --holdout-writers 15 \
    --data "$synth/synth_train:0.1" --data "$synth/synth_heldout:0" \
    --out "$out/$name.safetensors" --log "$out/$name.jsonl" \
    --minutes "$minutes" --threads 1 --batch 16 --lr 0.001 --warmup 200 --short-first --seed 1 \
    --validate-every 250 --val-lines 600 --arch line40 ${args[$name]} > "$out/$name.out" 2>&1
}

if [ "${SUMMARY_ONLY:-0}" != 1 ]; then
  # A private copy of the binary: rebuilding the project during the runs must not change them.
  cp "$root/build/bin/inklens" "$out/inklens"
  for ((i = 0; i < ${#variants[@]}; i += 2)); do
    run "${variants[i]}" &
    [ $((i + 1)) -lt ${#variants[@]} ] && run "${variants[i + 1]}" &
    wait
  done
fi

# The table: validation CER (greedy, no language model, the same 600 held-out lines) at
# equal steps (the same batches for every variant: same seed) and at equal wall-clock time.
python3 - "$out" "$minutes" "${variants[@]}" <<'EOF'
import json, struct, sys
out, budget, names = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
marks = [budget / 3, 2 * budget / 3]
steps = [750, 1000, 1500]
def params(path):  # learnable parameters, from the safetensors header
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
    total = 0
    for name, t in header.items():
        if name == "__metadata__" or "running" in name:
            continue
        size = 1
        for d in t["shape"]:
            size *= d
        total += size
    return total
print(f"| variant | parameters | steps | lines/s | val CER % at step {' / '.join(map(str, steps))} "
      f"| at {marks[0]:.0f} / {marks[1]:.0f} min | final CER % | WER % |")
print("|---|---|---|---|---|---|---|---|")
for n in names:
    rows = [json.loads(l) for l in open(f"{out}/{n}.jsonl")]
    val = [r for r in rows if r["val_cer"] >= 0]
    def at_min(m):
        before = [r for r in val if r["minutes"] <= m + 0.5]
        return f'{100 * before[-1]["val_cer"]:.1f}' if before else "-"
    def at_step(s):
        hit = [r for r in val if r["step"] == s]
        return f'{100 * hit[0]["val_cer"]:.1f}' if hit else "-"
    last = val[-1]
    speed = last["step"] * 16 / (60 * last["minutes"])
    print(f'| {n} | {params(f"{out}/{n}.safetensors") / 1e6:.2f} M | {last["step"]} | {speed:.1f} | '
          f'{" / ".join(at_step(s) for s in steps)} | {at_min(marks[0])} / {at_min(marks[1])} | '
          f'{100 * last["val_cer"]:.1f} | {100 * last["val_wer"]:.1f} |')
EOF
