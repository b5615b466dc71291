#!/usr/bin/env python3
"""CER / WER of an 'inklens eval --json' run, split by whether a line's text also occurs
among the training lines (writer-disjoint held-out sets can still share texts: several
Copiste writers copied the same pages, and wills repeat formulas). The language model is
built from the training transcriptions, so the lines whose text it has seen show how much
of its gain is memory.

    build/bin/inklens eval --data DIR ... --json > eval.jsonl
    scripts/cer-unseen-text.py eval.jsonl TRAIN_DIR [TRAIN_DIR ...] [--holdout-writers 15]

TRAIN_DIR: the ground-truth folders; their training rows are read from manifest.tsv
(split column 'train', or, without val rows, every writer except the first N by SHA-1,
as 'inklens train --holdout-writers N' splits them).
"""
import csv
import hashlib
import json
import sys
import unicodedata


def norm(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def training_texts(folder, holdout):
    with open(f"{folder}/manifest.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if any(r["split"] == "val" for r in rows):
        return {norm(r["text"]) for r in rows if r["split"] != "val"}
    writers = sorted({r["writer"] for r in rows}, key=lambda w: hashlib.sha1(w.encode()).hexdigest())
    held = set(writers[:holdout])
    return {norm(r["text"]) for r in rows if r["writer"] not in held}


def main():
    args = sys.argv[1:]
    holdout = 15
    if "--holdout-writers" in args:
        i = args.index("--holdout-writers")
        holdout = int(args[i + 1])
        del args[i:i + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    seen = set()
    for folder in args[1:]:
        seen |= training_texts(folder, holdout)
    groups = {"text seen in training": [0, 0, 0, 0, 0], "text not seen": [0, 0, 0, 0, 0]}
    with open(args[0], encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            if o.get("summary") or "error" in o:
                continue
            g = groups["text seen in training" if norm(o["reference"]) in seen else "text not seen"]
            g[0] += 1
            g[1] += o["char_errors"]
            g[2] += o["chars"]
            g[3] += o["word_errors"]
            g[4] += o["words"]
    for name, (n, ce, c, we, w) in groups.items():
        if n:
            print(f"{name}: {n} lines, CER {100 * ce / max(c, 1):.1f} %, WER {100 * we / max(w, 1):.1f} %")


if __name__ == "__main__":
    main()
