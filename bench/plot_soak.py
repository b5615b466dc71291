#!/usr/bin/env python3
"""Resident memory over a soak run (the CSV of inklens_soak) as a plain SVG.

    bench/plot_soak.py soak.csv docs/soak-rss.svg [--title TEXT]

One line of RSS (MB) over minutes (and, dashed, the bytes malloc has handed out when the CSV
has heap_kb), the phases shaded and named, and the start, peak and end of each phase
written under the plot. Python's standard library only.
"""
import argparse
import csv
import html

COLOURS = {"start": "#eeeeee", "draw": "#e3f2fd", "pages": "#fff3e0", "samples": "#e8f5e9",
           "end": "#eeeeee"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv")
    ap.add_argument("svg")
    ap.add_argument("--title", default="InkLens soak: resident memory")
    args = ap.parse_args()

    rows = []
    with open(args.csv, newline="") as f:
        for r in csv.DictReader(f):
            heap = int(r["heap_kb"]) / 1024 if r.get("heap_kb") else None
            rows.append((float(r["seconds"]) / 60, r["phase"], int(r["rss_kb"]) / 1024, heap))
    if not rows:
        raise SystemExit("no samples in " + args.csv)

    w, h, left, right, top, bottom = 900, 420, 70, 20, 40, 120
    pw, ph = w - left - right, h - top - bottom
    t_max = max(t for t, _, _, _ in rows)
    m_max = max(m for _, _, m, _ in rows)
    step = next(s for s in (25, 50, 100, 200, 250, 500, 1000) if m_max / s <= 8)
    m_top = step * (int(m_max / step) + 1)

    def x(t):
        return left + pw * t / t_max if t_max > 0 else left

    def y(m):
        return top + ph * (1 - m / m_top)

    # Phases: contiguous runs of the same name.
    phases = []
    for t, p, m, _ in rows:
        if not phases or phases[-1][0] != p:
            phases.append([p, t, t, m, m, m])
        ph_ = phases[-1]
        ph_[2] = t
        ph_[4] = max(ph_[4], m)
        ph_[5] = m

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           f'font-family="DejaVu Sans, sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="22" font-size="15">{html.escape(args.title)}</text>']
    for name, t0, t1, _, _, _ in phases:
        out.append(f'<rect x="{x(t0):.1f}" y="{top}" width="{max(1.0, x(t1) - x(t0)):.1f}" '
                   f'height="{ph}" fill="{COLOURS.get(name, "#f5f5f5")}"/>')
        if x(t1) - x(t0) > 40:
            out.append(f'<text x="{(x(t0) + x(t1)) / 2:.1f}" y="{top + 14}" '
                       f'text-anchor="middle" fill="#555">{html.escape(name)}</text>')
    for i in range(int(m_top / step) + 1):
        m = i * step
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(m):.1f}" y2="{y(m):.1f}" '
                   f'stroke="#ccc"/>')
        out.append(f'<text x="{left - 6}" y="{y(m) + 4:.1f}" text-anchor="end">{m}</text>')
    t_step = next(s for s in (1, 2, 5, 10, 15, 20, 30) if t_max / s <= 12)
    t = 0
    while t <= t_max + 1e-9:
        out.append(f'<text x="{x(t):.1f}" y="{top + ph + 16}" text-anchor="middle">{t:g}</text>')
        t += t_step
    out.append(f'<text x="{left + pw / 2}" y="{top + ph + 32}" text-anchor="middle">minutes</text>')
    out.append(f'<text x="16" y="{top + ph / 2}" transform="rotate(-90 16 {top + ph / 2})" '
               f'text-anchor="middle">RSS (MB)</text>')
    points = " ".join(f"{x(t):.1f},{y(m):.1f}" for t, _, m, _ in rows)
    out.append(f'<polyline points="{points}" fill="none" stroke="#1565c0" stroke-width="1.5"/>')
    if all(hp is not None for _, _, _, hp in rows):
        points = " ".join(f"{x(t):.1f},{y(hp):.1f}" for t, _, _, hp in rows)
        out.append(f'<polyline points="{points}" fill="none" stroke="#c62828" stroke-width="1.2" '
                   f'stroke-dasharray="4 3"/>')
        out.append(f'<text x="{left + pw - 4}" y="{top + 30}" text-anchor="end" fill="#c62828">'
                   f'dashed: malloc in use</text>')
        out.append(f'<text x="{left + pw - 4}" y="{top + 46}" text-anchor="end" fill="#1565c0">'
                   f'solid: resident (RSS)</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#888"/>')
    line_y = top + ph + 56
    for name, t0, t1, first, peak, last in phases:
        if name in ("start", "end"):
            continue
        out.append(f'<text x="{left}" y="{line_y}">{html.escape(name)}: {t0:.1f}-{t1:.1f} min, '
                   f'RSS start {first:.0f} MB, peak {peak:.0f} MB, end {last:.0f} MB</text>')
        line_y += 17
    out.append("</svg>")
    with open(args.svg, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
