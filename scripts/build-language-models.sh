#!/usr/bin/env bash
# The language models of the writing languages (core/service/writing_language.h): one
# character n-gram (inklens lm) per language, for the bundled model's charset.
#   scripts/build-language-models.sh [--bin INKLENS] [--model MODEL] [--out DIR] [LANG...]
# LANG: en es (the shipped files, default), de (built on the machine that builds: see
# below). DIR defaults to resources/models/lang; MODEL to resources/models/default.safetensors.
#
# The sources and their licences (docs/model.md, "The language of the writing"):
#   en  wamerican + wbritish (SCOWL: free to use, copy and sell with the notice): shipped
#   es  wspanish (public domain): shipped
#   de  wngerman (GPL-2+): its statistics are not put into a shipped file; the build
#       makes de.lm from the installed list into build/share/inklens/models/lang/
#       (app/CMakeLists.txt runs this script) and never installs it
#   fr  no file of its own: French reads with the model's own default.lm (its French
#       training transcriptions + the English and Spanish lists at 0.01, recipe in
#       scripts/train-default-model.sh); wfrench is GPL as wngerman, and added to those
#       transcriptions it did not lower their held-out perplexity
# Word lists only: no permissively licensed running text of these languages is at hand,
# so the models know spelling, not which word follows which (a space ends a word).
# Order 4, n-grams of order >= 3 seen fewer than 2 times dropped (each word counts once):
# order 5 is 3.3 times as large (en: 2.7 MB) for 0.16 points of CER (docs/model.md).
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
    en) words=("$dict/american-english:1" "$dict/british-english:1") ;;
    es) words=("$dict/spanish:1") ;;
    de) words=("$dict/ngerman:1") ;;
    fr) echo "build-language-models: fr has no file of its own (the model's default.lm)" >&2; continue ;;
    *) echo "build-language-models: unknown language '$lang' (en, es, de)" >&2; exit 2 ;;
  esac
  args=()
  for w in "${words[@]}"; do
    [ -f "${w%:*}" ] || { echo "build-language-models: ${w%:*} missing (Debian: scripts/setup.sh installs it)" >&2; exit 1; }
    args+=(--words "$w")
  done
  # A private name first: a half-written file is never found beside the model.
  "$bin" lm --model "$model" --order "$order" --min-count "$min_count" "${args[@]}" --out "$out/$lang.lm.tmp"
  mv "$out/$lang.lm.tmp" "$out/$lang.lm"
done
