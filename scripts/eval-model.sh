#!/usr/bin/env bash
# Measures a model on the held-out sets, each with three decoders (greedy; beam search;
# beam search with the model's language model, <model>.lm), and prints a Markdown table
# (CER / WER, time per line):
#   scripts/eval-model.sh [MODEL] [SETS_DIR]
# The sets: the scanned lines of writers training never sees (testaments val, copiste-dev's
# 15 held-out writers); synthetic lines in held-out fonts and Hershey writers; and, as the
# dev-side stand-in for people's pen ink (issue #13), the same held-out scans re-stroked
# into InkML (inklens restroke), the held-out fonts' lines re-stroked, and held-out Hershey
# writers as pen trajectories; ink is read through the canvas's path. The synthetic and
# ink sets are made in SETS_DIR (default /tmp/inklens-train) when missing.
# DECODERS="beam + LM" (names, comma-separated) limits the decoders.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${INKLENS_DATA:-$root/../shared/data}
bin=$root/build/bin/inklens
model=${1:-$root/resources/models/default.safetensors}
sets_dir=${2:-/tmp/inklens-train}
synth=$sets_dir/synth_heldout
[ -x "$bin" ] || { echo "build first: scripts/test.sh" >&2; exit 1; }
mkdir -p "$sets_dir"
[ -f "$synth/manifest.tsv" ] || "$bin" synth --out "$synth" --count 600 --fonts heldout --hershey 0.5 --seed 7 >&2
[ -f "$sets_dir/rs_tv/manifest.tsv" ] || "$bin" restroke --data "$data/testaments" --writers heldout --seed 5 --out "$sets_dir/rs_tv" >&2
[ -f "$sets_dir/rs_cd/manifest.tsv" ] || "$bin" restroke --data "$data/copiste-dev" --writers heldout --seed 5 --out "$sets_dir/rs_cd" >&2
[ -f "$sets_dir/fonts_ink_heldout/manifest.tsv" ] || "$bin" restroke --data "$synth" --writers all --seed 9 --out "$sets_dir/fonts_ink_heldout" >&2
[ -f "$sets_dir/hershey_ink_heldout/manifest.tsv" ] || "$bin" synth --out "$sets_dir/hershey_ink_heldout" --count 600 --fonts heldout --inkml --seed 8 >&2

sets=("testaments val (58 writers)|--data $data/testaments --split val"
      "copiste-dev, 15 held-out writers|--data $data/copiste-dev --holdout-writers 15"
      "synthetic, held-out fonts and writers|--data $synth"
      "ink: testaments val re-stroked|--data $sets_dir/rs_tv"
      "ink: copiste-dev held-out re-stroked|--data $sets_dir/rs_cd"
      "ink: held-out fonts re-stroked|--data $sets_dir/fonts_ink_heldout"
      "ink: held-out Hershey writers|--data $sets_dir/hershey_ink_heldout")
decoders=()
for d in "greedy|--decoder greedy --no-lm" "beam|--no-lm" "beam + LM|"; do
  [ -z "${DECODERS:-}" ] || [[ ",$DECODERS," == *",${d%%|*},"* ]] && decoders+=("$d")
done

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
