#!/usr/bin/env bash
# Measures a model on the three held-out sets of issue #3, each with three decoders
# (greedy; beam search; beam search with the model's language model, <model>.lm), and
# prints a Markdown table (CER / WER, time per line):
#   scripts/eval-model.sh [MODEL] [SYNTH_HELDOUT_DIR]
# MODEL defaults to the bundled model; the synthetic set is made when missing
# (inklens synth --fonts heldout: fonts and Hershey writers never trained on).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${INKLENS_DATA:-$root/../shared/data}
bin=$root/build/bin/inklens
model=${1:-$root/resources/models/default.safetensors}
synth=${2:-/tmp/inklens-train/synth_heldout}
[ -x "$bin" ] || { echo "build first: scripts/test.sh" >&2; exit 1; }
[ -f "$synth/manifest.tsv" ] || "$bin" synth --out "$synth" --count 600 --fonts heldout --hershey 0.5 --seed 7 >&2

sets=("testaments val (58 writers)|--data $data/testaments --split val"
      "copiste-dev, 15 held-out writers|--data $data/copiste-dev --holdout-writers 15"
      "synthetic, held-out fonts and writers|--data $synth")
decoders=("greedy|--decoder greedy --no-lm" "beam|--no-lm" "beam + LM|")

echo "| held-out set | lines | decoder | CER % | WER % | ms per line |"
echo "|---|---|---|---|---|---|"
for s in "${sets[@]}"; do
  name=${s%%|*}; args=${s#*|}
  for d in "${decoders[@]}"; do
    dname=${d%%|*}; dargs=${d#*|}
    # shellcheck disable=SC2086
    json=$("$bin" eval $args $dargs --model "$model" --json 2>/dev/null | tail -1)
    python3 - "$name" "$dname" "$json" <<'EOF'
import json, sys
name, dec, line = sys.argv[1], sys.argv[2], sys.argv[3]
s = json.loads(line)
print(f"| {name} | {s['lines']} | {dec} | {100*s['cer']:.1f} | {100*s['wer']:.1f} | {s['ms_per_line']:.1f} |")
EOF
  done
done
