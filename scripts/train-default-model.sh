#!/usr/bin/env bash
# Reproduces resources/models/default.safetensors and default.lm: the bundled model, trained
# on the real handwriting of ../shared/data (writer-disjoint) and synthetic lines, then
# measured on writers it never saw. About 3.5 hours on 2 cores:
#   scripts/train-default-model.sh [OUT_DIR]
# Stages (each skipped when its output exists; RESUME=1 continues an interrupted stage
# from its checkpoint, Ctrl-C saves one):
#   1. line40_a: from scratch, real lines only, 100 minutes
#   2. synthetic lines: 30,000 for training (training fonts + Hershey writers), 600 in
#      the held-out fonts for measuring
#   3. line40_b: fine-tunes line40_a on real + synthetic lines, 105 minutes
#   4. the character language model (inklens lm): training transcriptions + word lists
#   5. eval on the three held-out sets
#   6. (issue #13, STAGE_C=1) line40_c: fine-tunes the bundled model, 60 minutes, on the
#      real lines, the same training writers' lines re-stroked into ink (inklens
#      restroke), English synthetic lines and mixed-language ones; then
#      scripts/eval-model.sh on it (scans and the ink stand-ins). Not bundled yet
#      (docs/model.md, "The ink stand-ins and a fine-tuned model").
#   7. (issue #13, STAGE_D=1) line40_d: fine-tunes the bundled model on the real training
#      lines, the training writers' lines re-stroked into ink, and synthetic ink (Hershey
#      writers at their device's sampling rate, the training fonts re-stroked into ink:
#      inklens synth --inkml --font-ink; English twice as often as French), every ink line
#      drawn anew at each step (ink augmentation; --no-ink-augment turns it off); then
#      scripts/eval-model.sh on it. MINUTES_D (default 120), SYNTH_INK_D (lines, 12000),
#      SYNTH_PICTURES_D (weight of synthetic picture lines; unset: none, as in the run of
#      docs/model.md).
#   8. (issue #13, STAGE_E=1) line40_e: continues line40_d (stage 7 first, with its defaults)
#      on the same data plus synthetic picture lines (synth_mix, weight 0.25, so that the
#      picture domain is replayed), 90 minutes (MINUTES_E), lr 0.0002; then
#      line40_e_blend = line40_b + 0.5 (line40_e - line40_b) (inklens blend; ALPHA_E), the
#      bundled model since issue #13; eval-model.sh on both.
#   9. (issue #13, STAGE_F=1) line40_f: fine-tunes START_MODEL (default: the bundled model)
#      on stage 8's data plus words cut from the re-stroked training lines
#      (inklens_ink_words: single words, the way the pen and mouse sets outside are written),
#      weight WORDS_F (0.3), MINUTES_F (75), lr 0.0002; then blends it with its start
#      (ALPHA_F, 0.3: the bundled model since December 8) and runs eval-model.sh on both.
# SKIP_BASE=1 skips stages 1-5 (e.g. SKIP_BASE=1 STAGE_D=1 runs stage 7 alone).
# Checkpoints and data go to OUT_DIR (default /tmp/inklens-train), outside the repository.
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
real=(--data "$data/copiste-dev" --data "$data/testaments" --holdout-writers 15)

dict=/usr/share/dict
# SKIP_BASE=1: only the optional stages below (the bundled model is their start).
if [ "${SKIP_BASE:-0}" != 1 ]; then
if [ ! -f "$out/line40_a.safetensors" ] || { [ "${RESUME:-0}" = 1 ] && [ ! -f "$out/line40_b.ckpt" ]; }; then
  "$bin" train "${real[@]}" --arch line40 \
    --out "$out/line40_a.safetensors" --checkpoint "$out/line40_a.ckpt" --log "$out/line40_a.jsonl" \
    --minutes "${MINUTES_A:-100}" --threads 2 --batch 16 --lr 0.001 --validate-every 500 --val-lines 500 \
    "${resume[@]}" 2>&1 | tee -a "$out/line40_a.log"
fi

if [ ! -f "$out/synth_train/manifest.tsv" ]; then
  "$bin" synth --out "$out/synth_train" --count 30000 --seed 11 --threads 2
  # The first 100 rows validate (in-distribution synthetic text); without a val split the
  # trainer would hold out whole writers, i.e. whole training fonts.
  awk -F'\t' 'BEGIN{OFS="\t"} NR>1 && NR<=101 {$3="val"} {print}' "$out/synth_train/manifest.tsv" \
    > "$out/synth_train/manifest.tmp" && mv "$out/synth_train/manifest.tmp" "$out/synth_train/manifest.tsv"
fi
if [ ! -f "$out/synth_heldout/manifest.tsv" ]; then
  "$bin" synth --out "$out/synth_heldout" --count 600 --fonts heldout --hershey 0.5 --seed 7
fi

if [ ! -f "$out/line40_b.safetensors" ] || [ "${RESUME:-0}" = 1 ]; then
  # synth_train:0.1 = 3,000 synthetic lines per epoch beside 4,380 real ones;
  # synth_heldout:0 = validation only.
  "$bin" train "${real[@]}" --data "$out/synth_train:0.1" --data "$out/synth_heldout:0" \
    --init "$out/line40_a.safetensors" \
    --out "$out/line40_b.safetensors" --checkpoint "$out/line40_b.ckpt" --log "$out/line40_b.jsonl" \
    --minutes "${MINUTES_B:-105}" --threads 2 --batch 16 --lr 0.0005 --warmup 100 --validate-every 1000 \
    --val-lines 600 --seed 2 "${resume[@]}" 2>&1 | tee -a "$out/line40_b.log"
fi

# The language model: transcriptions of the training writers only, plus the English
# (wamerican) and Spanish (wspanish, public domain) word lists, each word counted 0.01
# times. wfrench and wngerman are GPL: their statistics are not put into a shipped file.
"$bin" lm "${real[@]}" --model "$out/line40_b.safetensors" --order 5 --min-count 0.025 \
  --words "$dict/american-english:0.01" --words "$dict/spanish:0.01" --out "$out/line40_b.lm"

M=$out/line40_b.safetensors
"$bin" eval --data "$data/testaments" --split val --model "$M"
"$bin" eval --data "$data/copiste-dev" --holdout-writers 15 --model "$M"
"$bin" eval --data "$out/synth_heldout" --model "$M"
echo "to bundle: cp $out/line40_b.safetensors $root/resources/models/default.safetensors;" \
     "cp $out/line40_b.lm $root/resources/models/default.lm"
fi

# Stages 6-8 start from line40_b (stage 3), the model bundled before stage 8's: the file of
# stage 3 when it is there, else START_MODEL (e.g. line40_b.safetensors taken from the
# repository's history: git show 3b9c88a:resources/models/default.safetensors).
start=${START_MODEL:-$out/line40_b.safetensors}

# The first 100 rows of a generated folder validate: without a val split the trainer would
# hold out whole writers (fonts, or the re-stroked training writers).
mark_val() { awk -F'\t' 'BEGIN{OFS="\t"} NR>1 && NR<=101 {$3="val"} {print}' "$1/manifest.tsv" > "$1/m.tmp" && mv "$1/m.tmp" "$1/manifest.tsv"; }

# The generated training folders of stages 6-9, each made once (skipped when it exists).
# The training writers' lines re-stroked into ink:
make_restroke_train() {
  if [ ! -f "$out/restroke_train/manifest.tsv" ]; then
    "$bin" restroke --data "$data/copiste-dev" --data "$data/testaments" --writers train --seed 21 --out "$out/restroke_train"
    mark_val "$out/restroke_train"
  fi
}
# Synthetic ink: Hershey writers and the training fonts re-stroked, half each; words of
# the four languages' lists with English twice as often as French (wamerican and
# wbritish are one language).
make_synth_ink() {
  if [ ! -f "$out/synth_ink/manifest.tsv" ]; then
    "$bin" synth --out "$out/synth_ink" --count "${SYNTH_INK_D:-12000}" --inkml --font-ink --hershey 0.5 \
      --words "$dict/american-english" --words "$dict/british-english" --words "$dict/french" \
      --words "$dict/ngerman" --words "$dict/spanish" --lang-weights en=2,fr=1,de=0.5,es=0.5 \
      --seed 41 --threads 2
    mark_val "$out/synth_ink"
  fi
}
# Synthetic picture lines in every language (stage 6's synth_mix).
make_synth_mix() {
  if [ ! -f "$out/synth_mix/manifest.tsv" ]; then
    "$bin" synth --out "$out/synth_mix" --count 6000 --seed 11 --threads 2
    mark_val "$out/synth_mix"
  fi
}

if [ "${STAGE_C:-0}" = 1 ]; then
  make_restroke_train
  if [ ! -f "$out/synth_en/manifest.tsv" ]; then
    "$bin" synth --out "$out/synth_en" --count 8000 --words "$dict/american-english" --words "$dict/british-english" --seed 31 --threads 2
    mark_val "$out/synth_en"
  fi
  make_synth_mix
  "$bin" train "${real[@]}" --data "$out/restroke_train:1" --data "$out/synth_en:0.4" --data "$out/synth_mix:0.25" \
    --init "$start" \
    --out "$out/line40_c.safetensors" --checkpoint "$out/line40_c.ckpt" --log "$out/line40_c.jsonl" \
    --minutes "${MINUTES_C:-60}" --threads 2 --batch 16 --lr 0.0005 --warmup 100 --validate-every 800 \
    --val-lines 600 --seed 3 "${resume[@]}" 2>&1 | tee -a "$out/line40_c.log"
  cp "$root/resources/models/default.lm" "$out/line40_c.lm"
  DECODERS="beam + LM" "$root/scripts/eval-model.sh" "$out/line40_c.safetensors" "$out"
fi

if [ "${STAGE_D:-0}" = 1 ]; then
  make_restroke_train
  make_synth_ink
  # SYNTH_PICTURES_D=W (e.g. 0.25): also synthetic picture lines (stage 6's synth_mix) at that
  # weight, so that the picture domain is replayed (the 55-minute run without them lost a
  # point on the held-out synthetic pictures; docs/model.md).
  pictures=()
  if [ -n "${SYNTH_PICTURES_D:-}" ]; then
    make_synth_mix
    pictures=(--data "$out/synth_mix:$SYNTH_PICTURES_D")
  fi
  # Per epoch: 4,380 real lines, as many re-stroked ones, a third of the synthetic ink.
  "$bin" train "${real[@]}" --data "$out/restroke_train:1" --data "$out/synth_ink:${SYNTH_INK_WEIGHT_D:-0.33}" "${pictures[@]}" \
    --init "$start" \
    --out "$out/line40_d.safetensors" --checkpoint "$out/line40_d.ckpt" --log "$out/line40_d.jsonl" \
    --minutes "${MINUTES_D:-120}" --threads 2 --batch 16 --lr 0.0003 --warmup 100 --validate-every "${VALIDATE_D:-800}" \
    --val-lines 600 --seed 4 "${resume[@]}" 2>&1 | tee -a "$out/line40_d.log"
  cp "$root/resources/models/default.lm" "$out/line40_d.lm"
  DECODERS="beam + LM" "$root/scripts/eval-model.sh" "$out/line40_d.safetensors" "$out"
fi

if [ "${STAGE_E:-0}" = 1 ]; then
  [ -f "$out/line40_d.safetensors" ] || { echo "stage 8 continues line40_d: run STAGE_D=1 first" >&2; exit 1; }
  make_synth_mix
  "$bin" train "${real[@]}" --data "$out/restroke_train:1" --data "$out/synth_ink:0.33" --data "$out/synth_mix:0.25" \
    --init "$out/line40_d.safetensors" \
    --out "$out/line40_e.safetensors" --checkpoint "$out/line40_e.ckpt" --log "$out/line40_e.jsonl" \
    --minutes "${MINUTES_E:-90}" --threads 2 --batch 16 --lr 0.0002 --warmup 100 --validate-every 800 \
    --val-lines 600 --seed 5 "${resume[@]}" 2>&1 | tee -a "$out/line40_e.log"
  # Halfway back to the start (weights and batch-norm statistics): line40_e alone reads the
  # synthetic picture lines 0.4 point worse than line40_b; the blend reads every held-out
  # set at least as well (docs/model.md). This is the bundled model.
  "$bin" blend --base "$start" --tuned "$out/line40_e.safetensors" --alpha "${ALPHA_E:-0.5}" \
    --out "$out/line40_e_blend.safetensors"
  for m in line40_e line40_e_blend; do cp "$root/resources/models/default.lm" "$out/$m.lm"; done
  DECODERS="beam + LM" "$root/scripts/eval-model.sh" "$out/line40_e.safetensors" "$out"
  DECODERS="beam + LM" "$root/scripts/eval-model.sh" "$out/line40_e_blend.safetensors" "$out"
  echo "to bundle: cp $out/line40_e_blend.safetensors $root/resources/models/default.safetensors"
fi

if [ "${STAGE_F:-0}" = 1 ]; then
  startf=${START_MODEL:-$root/resources/models/default.safetensors}
  make_restroke_train
  make_synth_ink
  make_synth_mix
  # Words as people write them one at a time: the training writers' re-stroked lines cut at
  # their spaces (aligned by the start model), each word read alone.
  if [ ! -f "$out/words_train/manifest.tsv" ]; then
    "$root/build/bin/inklens_ink_words" --data "$out/restroke_train" --model "$startf" --out "$out/words_train"
    mark_val "$out/words_train"
  fi
  "$bin" train "${real[@]}" --data "$out/restroke_train:1" --data "$out/words_train:${WORDS_F:-0.3}" \
    --data "$out/synth_ink:0.33" --data "$out/synth_mix:0.25" \
    --init "$startf" \
    --out "$out/line40_f.safetensors" --checkpoint "$out/line40_f.ckpt" --log "$out/line40_f.jsonl" \
    --minutes "${MINUTES_F:-75}" --threads 2 --batch 16 --lr 0.0002 --warmup 100 --validate-every 800 \
    --val-lines 600 --seed 6 "${resume[@]}" 2>&1 | tee -a "$out/line40_f.log"
  "$bin" blend --base "$startf" --tuned "$out/line40_f.safetensors" --alpha "${ALPHA_F:-0.3}" \
    --out "$out/line40_f_blend.safetensors"
  for m in line40_f line40_f_blend; do cp "$root/resources/models/default.lm" "$out/$m.lm"; done
  DECODERS="beam + LM" "$root/scripts/eval-model.sh" "$out/line40_f.safetensors" "$out"
  DECODERS="beam + LM" "$root/scripts/eval-model.sh" "$out/line40_f_blend.safetensors" "$out"
fi
