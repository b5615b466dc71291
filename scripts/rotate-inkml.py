#!/usr/bin/env python3
"""Copies a folder of InkML lines (NAME.inkml + NAME.gt.txt, optional manifest.tsv),
turning each line's points by a random angle in [-DEG, DEG] degrees: a skewed test set
for the skew correction (docs/model.md).

  scripts/rotate-inkml.py SRC DST [DEG=6] [SEED=5]
  inklens eval --data DST [--no-deskew]
"""
import glob
import math
import os
import random
import re
import shutil
import sys

src, dst = sys.argv[1], sys.argv[2]
deg = float(sys.argv[3]) if len(sys.argv) > 3 else 6.0
random.seed(int(sys.argv[4]) if len(sys.argv) > 4 else 5)
os.makedirs(dst, exist_ok=True)
for path in sorted(glob.glob(os.path.join(src, "*.inkml"))):
    name = os.path.basename(path)[:-len(".inkml")]
    a = math.radians(random.uniform(-deg, deg))
    c, s = math.cos(a), math.sin(a)

    def turn(m):
        points = []
        for p in m.group(2).split(","):
            v = p.split()
            x, y = float(v[0]), float(v[1])  # X and Y are the first two channels
            v[0], v[1] = f"{c * x - s * y:.4f}", f"{s * x + c * y:.4f}"
            points.append(" ".join(v))
        return m.group(1) + ", ".join(points) + m.group(3)

    with open(path, encoding="utf-8") as f:
        text = re.sub(r"(<trace(?:\s[^>]*)?>)(.*?)(</trace>)", turn, f.read(), flags=re.S)
    with open(os.path.join(dst, name + ".inkml"), "w", encoding="utf-8") as f:
        f.write(text)
    gt = os.path.join(src, name + ".gt.txt")
    if os.path.exists(gt):
        shutil.copy(gt, os.path.join(dst, name + ".gt.txt"))
if os.path.exists(os.path.join(src, "manifest.tsv")):
    shutil.copy(os.path.join(src, "manifest.tsv"), os.path.join(dst, "manifest.tsv"))
