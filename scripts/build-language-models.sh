#!/usr/bin/env bash
# The language models of the writing languages (core/service/writing_language.h): one
# character n-gram (inklens lm) per language, for the bundled model's charset.
#   scripts/build-language-models.sh [--bin INKLENS] [--model MODEL] [--out DIR] [LANG...]
# LANG: en es (the shipped files, default), de (built on the machine that builds: see
# below). DIR defaults to resources/models/lang; MODEL to resources/models/default.safetensors.
#
# The sources and their licences (docs/model.md, "The language of the writing"):
#   en  wamerican + wbritish (SCOWL: free to use, copy and sell with the notice), each
#       word counted 0.3 times, over the training writers' transcriptions of
#       ../shared/data (CC BY 4.0; French, but running text: how words follow each other,
#       capitals, digits, punctuation), order 5: shipped. The lists alone (order 4) read
#       English worse than no language model at all (docs/model.md)
#   es  wspanish (public domain): shipped
#   de  wngerman (GPL-2+): its statistics are not put into a shipped file; the build
#       makes de.lm from the installed list into build/share/inklens/models/lang/
#       (app/CMakeLists.txt runs this script) and never installs it
#   fr  no file of its own: French reads with the model's own default.lm (its French
#       training transcriptions + the English and Spanish lists at 0.01, recipe in
#       scripts/train-default-model.sh); wfrench is GPL as wngerman, and added to those
#       transcriptions it did not lower their held-out perplexity
# es, de: word lists only: no permissively licensed running text of these languages is at
# hand, so the models know spelling, not which word follows which (a space ends a word).
# Order 4, n-grams of order >= 3 seen fewer than 2 times dropped (each word counts once):
# order 5 is 3.3 times as large for 0.16 points of CER (docs/model.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/bin/inklens
model=$root/resources/models/default.safetensors
out=$root/resources/models/lang
dict=${INKLENS_DICT:-/usr/share/dict}
while [ $# -gt 0 ]; do
  case $1 in
    --bin) bin=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,22s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
langs=("$@")
[ ${#langs[@]} -gt 0 ] || langs=(en es)
[ -x "$bin" ] || { echo "build-language-models: $bin not found (build first: scripts/test.sh)" >&2; exit 1; }
order=${ORDER:-4}
min_count=${MIN_COUNT:-2}
mkdir -p "$out"

for lang in "${langs[@]}"; do
  case $lang in
    en) words=("$dict/american-english:0.3" "$dict/british-english:0.3") ;;
    es) words=("$dict/spanish:1") ;;
    de) words=("$dict/ngerman:1") ;;
    fr) echo "build-language-models: fr has no file of its own (the model's default.lm)" >&2; continue ;;
    *) echo "build-language-models: unknown language '$lang' (en, es, de)" >&2; exit 2 ;;
  esac
  args=(--order "$order" --min-count "$min_count")
  if [ "$lang" = en ]; then
    data=${INKLENS_DATA:-$root/../shared/data}
    [ -d "$data/testaments" ] || { echo "build-language-models: en needs the transcriptions in $data" >&2; exit 1; }
    args=(--order 5 --min-count 0.025 --data "$data/copiste-dev" --data "$data/testaments" --holdout-writers 15)
  fi
  for w in "${words[@]}"; do
    [ -f "${w%:*}" ] || { echo "build-language-models: ${w%:*} missing (Debian: scripts/setup.sh installs it)" >&2; exit 1; }
    args+=(--words "$w")
  done
  # A private name first: a half-written file is never found beside the model.
  "$bin" lm --model "$model" "${args[@]}" --out "$out/$lang.lm.tmp"
  mv "$out/$lang.lm.tmp" "$out/$lang.lm"
done
