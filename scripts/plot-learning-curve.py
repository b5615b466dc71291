#!/usr/bin/env python3
"""Draws the learning curves of 'inklens train --log' files as one SVG (no dependencies).

    scripts/plot-learning-curve.py [--overlay] OUT.svg RUN.jsonl[=LABEL] [RUN2.jsonl[=LABEL] ...]

Each run's validation CER (greedy) is drawn against wall-clock minutes; later runs
continue on the time axis after the earlier ones (a fine-tuning stage after its start),
or, with --overlay, all start at 0 (runs compared with each other).
The training loss is drawn thin, on its own axis on the right.
"""
import json
import sys


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def main():
    argv = sys.argv[1:]
    overlay = bool(argv) and argv[0] == "--overlay"
    if overlay:
        argv = argv[1:]
    if len(argv) < 2:
        sys.exit(__doc__)
    args = [a.split("=", 1) if "=" in a else [a, a.rsplit("/", 1)[-1].replace(".jsonl", "")] for a in argv[1:]]
    out, runs = argv[0], [load(p) for p, _ in args]
    names = [label for _, label in args]
    W, H, L, R, T, B = 760, 360, 60, 60, 30, 45
    offset, series = 0.0, []
    for rows in runs:
        val = [(offset + r["minutes"], 100 * r["val_cer"]) for r in rows if r.get("val_cer", -1) >= 0]
        loss = [(offset + r["minutes"], r["loss"]) for r in rows]
        series.append((val, loss))
        if not overlay:
            offset += rows[-1]["minutes"] if rows else 0
    xmax = max([a for s in series for a, _ in s[1]] + [1.0])
    ymax = max([v for s in series for _, v in s[0]] + [10.0])
    ymax = min(100.0, 10 * ((ymax + 9.99) // 10))
    lmax = max([v for s in series for _, v in s[1]] + [1.0])

    def x(m):
        return L + (W - L - R) * m / xmax

    def y(v, top):
        return T + (H - T - B) * (1 - v / top)

    colors = ["#1f6fb4", "#d9541e", "#2a9d4b", "#8e44ad", "#b8860b", "#555555"]
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="DejaVu Sans, sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>']
    for k in range(0, 11):
        v = ymax * k / 10
        svg.append(f'<line x1="{L}" x2="{W - R}" y1="{y(v, ymax):.1f}" y2="{y(v, ymax):.1f}" stroke="#e5e5e5"/>')
        svg.append(f'<text x="{L - 6}" y="{y(v, ymax) + 4:.1f}" text-anchor="end">{v:.0f}</text>')
        lv = lmax * k / 10
        svg.append(f'<text x="{W - R + 6}" y="{y(lv, lmax) + 4:.1f}" fill="#888">{lv:.2f}</text>')
    step = 5 if xmax <= 40 else 10 if xmax <= 120 else 20 if xmax <= 240 else 50
    m = 0
    while m <= xmax:
        svg.append(f'<text x="{x(m):.1f}" y="{H - B + 16}" text-anchor="middle">{m}</text>')
        m += step
    svg.append(f'<text x="{(L + W - R) / 2}" y="{H - 8}" text-anchor="middle">minutes of training ({"1 thread each, 2 runs at once" if overlay else "2 cores"})</text>')
    svg.append(f'<text x="14" y="{(T + H - B) / 2}" transform="rotate(-90 14 {(T + H - B) / 2})" text-anchor="middle">validation CER % (greedy)</text>')
    svg.append(f'<text x="{W - 10}" y="{(T + H - B) / 2}" transform="rotate(90 {W - 10} {(T + H - B) / 2})" text-anchor="middle" fill="#888">training loss</text>')
    svg.append(f'<rect x="{L}" y="{T}" width="{W - L - R}" height="{H - T - B}" fill="none" stroke="#999"/>')
    for i, ((val, loss), name) in enumerate(zip(series, names)):
        c = colors[i % len(colors)]
        if loss:
            pts = " ".join(f"{x(a):.1f},{y(b, lmax):.1f}" for a, b in loss)
            svg.append(f'<polyline points="{pts}" fill="none" stroke="{c}" stroke-opacity="0.35" stroke-width="1"/>')
        if val:
            pts = " ".join(f"{x(a):.1f},{y(b, ymax):.1f}" for a, b in val)
            svg.append(f'<polyline points="{pts}" fill="none" stroke="{c}" stroke-width="2.5"/>')
            for a, b in val:
                svg.append(f'<circle cx="{x(a):.1f}" cy="{y(b, ymax):.1f}" r="3" fill="{c}"/>')
            a, b = val[-1]
            svg.append(f'<text x="{x(a) - 4:.1f}" y="{y(b, ymax) - 8:.1f}" text-anchor="end" fill="{c}">{b:.1f} %</text>')
        svg.append(f'<rect x="{L + 12}" y="{T + 10 + 18 * i}" width="14" height="4" fill="{c}"/>')
        svg.append(f'<text x="{L + 32}" y="{T + 16 + 18 * i}">{name}</text>')
    svg.append("</svg>")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
