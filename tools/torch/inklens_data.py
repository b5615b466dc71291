"""Ground-truth folders, text and line pictures as `inklens train` takes them.

Ports of the engine's data path, so that a network trained here reads what InkLens gives it:
  - folders (core/training/dataset.cpp): NAME.{png,jpg,jpeg,tif,tiff,bmp,webp} beside
    NAME.gt.txt (its first line, trimmed), or a manifest.tsv whose header names the columns
    (file required; writer, split, flags, text); lines flagged "vertical" or holding "><"
    are skipped; the validation lines are a manifest's "val" rows, or else the lines of the
    first N writers by the SHA-1 of the writer id; DIR:WEIGHT repeats or thins a folder;
  - text (core/model/charset.cpp): NFC, invisible format characters removed, whitespace
    collapsed; the charset's fallbacks (ſ -> s, “ -> ", ...) for characters it lacks;
  - line pictures (core/imaging/line_image.cpp, normalizeLine with the trainer's options:
    no deskew, no deslant): ink = 1 - gray / 255, contrast stretched between the median and
    the 99.5th percentile, cropped to the ink columns (plus rows / 16), scaled to the model's
    input height (area interpolation when shrinking, linear when growing), a margin of 4
    paper columns each side, the width rounded up to a multiple of 4. Same OpenCV calls, so
    the pixels agree with the engine's to float rounding (check_equal.py measures it);
  - augmentation (core/training/augment.cpp): the same steps and ranges (scale, slant,
    rotation, vertical shift, neighbouring-line fragments, elastic distortion, stroke width,
    blur, contrast, paper texture with ruling, noise), drawn from numpy's generator instead
    of the engine's (so not the same random draws).

InkML ink lines are not read here (the engine's rasterizer and ink augmentation are C++
only); `inklens train` handles them. Needs python3-opencv and python3-numpy (Debian).
"""

import csv
import hashlib
import math
import os
import unicodedata

import cv2
import numpy as np

IMAGE_SUFFIXES = ("png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp")


# ----------------------------------------------------------------------------------------
# Text

def is_space(c):
    o = ord(c)
    return (0x09 <= o <= 0x0D or o == 0x20 or o == 0x85 or o == 0xA0 or o == 0x1680
            or 0x2000 <= o <= 0x200A or o in (0x2028, 0x2029, 0x202F, 0x205F, 0x3000))


def is_format(c):
    o = ord(c)
    return 0x200B <= o <= 0x200D or o == 0x2060 or o == 0xFEFF


def trimmed(s):
    a, b = 0, len(s)
    while a < b and is_space(s[a]):
        a += 1
    while b > a and is_space(s[b - 1]):
        b -= 1
    return s[a:b]


def normalize_text(s):
    """NFC, format characters removed, whitespace runs -> one space, trimmed."""
    out = []
    pending = False
    for c in unicodedata.normalize("NFC", s):
        if is_format(c):
            continue
        if is_space(c):
            pending = bool(out)
            continue
        if pending:
            out.append(" ")
        pending = False
        out.append(c)
    return "".join(out)


_FALLBACKS = {
    "ſ": ["s"], "“": ['"'], "”": ['"'], "„": ['"'], "‟": ['"'], "″": ['"'], "«": ['"'], "»": ['"'],
    "‘": ["'", "’"], "‚": ["'", "’"], "‛": ["'", "’"], "′": ["'", "’"], "’": ["'"], "'": ["’"],
    "‐": ["-"], "‑": ["-"], "‒": ["-"], "–": ["-"], "−": ["-"], "—": ["–", "-"], "―": ["–", "-"],
    "…": ["..."], "ﬀ": ["ff"], "ﬁ": ["fi"], "ﬂ": ["fl"], "ﬃ": ["ffi"], "ﬄ": ["ffl"], "ﬅ": ["st"],
    "ﬆ": ["st"], "Œ": ["OE"], "œ": ["oe"], "Æ": ["AE"], "æ": ["ae"], "ß": ["ss"], "ẞ": ["ß", "SS"],
    "×": ["x"],
}


class Charset:
    """Labels 1.. are the characters of the model's charset string; 0 is the CTC blank."""

    def __init__(self, chars):
        self.chars = chars
        self.label = {c: i + 1 for i, c in enumerate(chars)}

    def __len__(self):
        return len(self.chars) + 1

    def encode(self, text):
        labels = []
        for c in normalize_text(text):
            if c in self.label:
                labels.append(self.label[c])
                continue
            for alt in _FALLBACKS.get(c, []):
                if all(a in self.label for a in alt):
                    labels.extend(self.label[a] for a in alt)
                    break
        space = self.label.get(" ")
        if space is not None:
            out = []
            for l in labels:
                if l == space and (not out or out[-1] == space):
                    continue
                out.append(l)
            if out and out[-1] == space:
                out.pop()
            labels = out
        return labels

    def decode(self, labels):
        return "".join(self.chars[l - 1] if 0 < l <= len(self.chars) else "\ufffd"
                       for l in labels if l != 0)


# ----------------------------------------------------------------------------------------
# Folders

class GroundTruthLine:
    __slots__ = ("image_path", "text", "writer", "split", "flags")

    def __init__(self, image_path, text, writer="", split="", flags=""):
        self.image_path, self.text, self.writer, self.split, self.flags = (
            image_path, text, writer, split, flags)


def _read_text(path):
    with open(path, "rb") as f:
        t = f.read().decode("utf-8", errors="replace").replace("\r", "")
    return t[1:] if t.startswith("\ufeff") else t


def _first_line(path):
    try:
        return trimmed(_read_text(path).split("\n", 1)[0])
    except OSError:
        return ""


def _gt_path(image_path):
    return os.path.splitext(image_path)[0] + ".gt.txt"


def _join(folder, name):
    if name.startswith("/"):
        return name
    if len(folder) > 1 and folder.endswith("/"):
        folder = folder[:-1]
    folder = folder or "."
    return folder + name if folder.endswith("/") else folder + "/" + name


def list_ground_truth(folder):
    if not os.path.isdir(folder or "."):
        raise FileNotFoundError("folder not found: " + folder)
    manifest = _join(folder, "manifest.tsv")
    if os.path.isfile(manifest):
        text = _read_text(manifest)
        if text.endswith("\n"):
            text = text[:-1]
        rows = text.split("\n")
        header = rows[0].split("\t")
        col = {name: header.index(name) for name in ("file", "writer", "split", "flags", "text")
               if name in header}
        if "file" not in col:
            raise ValueError(folder + ": manifest.tsv has no 'file' column")
        out = []
        for row in rows[1:]:
            cols = row.split("\t")
            get = lambda k: cols[col[k]] if k in col and col[k] < len(cols) else ""
            if not get("file"):
                continue
            path = _join(folder, get("file"))
            text = get("text") if "text" in col else _first_line(_gt_path(path))
            out.append(GroundTruthLine(path, text, get("writer"), get("split"), get("flags")))
        return out
    names = []
    for name in os.listdir(folder or "."):
        suffix = os.path.splitext(name)[1].lower()
        if name.startswith(".") or suffix[1:] not in IMAGE_SUFFIXES:
            continue
        if os.path.isfile(_join(folder, name)):
            names.append(name)
    names.sort(key=lambda s: s.encode("utf-8", "surrogateescape"))
    out = []
    for name in names:
        path = _join(folder, name)
        if os.path.exists(_gt_path(path)):
            out.append(GroundTruthLine(path, _first_line(_gt_path(path))))
    return out


def clean_ground_truth(text, flags):
    if "superscript" in flags:
        text = text.replace("^", "")
    if "markup" in flags:
        text = text.replace(">", "").replace("<", "")
    return text


def skip_ground_truth(line):
    return "vertical" in line.flags or "><" in line.text


def held_out_writers(lines, n):
    seen = []
    for l in lines:
        if l.writer and l.writer not in seen:
            seen.append(l.writer)
    ranked = sorted(seen, key=lambda w: (hashlib.sha1(w.encode("utf-8")).digest(), w.encode("utf-8")))
    return ranked[:max(0, n)]


def split_weight(arg):
    colon = arg.rfind(":")
    if colon > 0:
        number = arg[colon + 1:].strip(" ")
        if number.startswith("+"):
            number = number[1:]
        try:
            w = float(number)
            if number and 0 <= w < 1e300 and number.lower() not in ("inf", "nan", "infinity"):
                return arg[:colon], w
        except ValueError:
            pass
    return arg, 1.0


def split_ground_truth(dirs, holdout_writers):
    """(train lines, validation lines, held-out writers) as splitGroundTruth makes them."""
    train, val, held_all = [], [], []
    for arg in dirs:
        folder, weight = split_weight(arg)
        lines = [l for l in list_ground_truth(folder) if not skip_ground_truth(l)]
        has_val = any(l.split == "val" for l in lines)
        held = set()
        if not has_val:
            held = set(held_out_writers(lines, holdout_writers))
            held_all += held_out_writers(lines, holdout_writers)
        folder_train = []
        for l in lines:
            is_val = l.split == "val" if has_val else l.writer in held
            (val if is_val else folder_train).append(l)
        count = int(weight * len(folder_train))
        for k in range(count):
            train.append(folder_train[int(k / weight) % len(folder_train)])
    return train, val, held_all


def spread_evenly(items, max_count):
    if max_count <= 0 or len(items) <= max_count:
        return list(items)
    stride = len(items) / max_count
    return [items[int(i * stride)] for i in range(max_count)]


# ----------------------------------------------------------------------------------------
# Line pictures

_SRGB_TO_LINEAR = np.array([c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                            for c in np.arange(256) / 255.0])


def load_gray(path):
    """8-bit gray as the engine loads pictures (QImageReader, auto-transform, then
    Format_Grayscale8), or None if unreadable. Gray files: their values exactly. Colour
    files: Qt converts colour-managed (sRGB to linear light, Rec. 709 luminance, back to
    sRGB); this does the same in float64, within a gray level or two of Qt's lookup tables
    (the normalized pixels then differ by up to about 0.006)."""
    data = np.fromfile(path, dtype=np.uint8)
    if data.size == 0:
        return None
    bgr = cv2.imdecode(data, cv2.IMREAD_COLOR)  # EXIF orientation applied; 8 bits
    if bgr is None:
        return None
    b, g, r = bgr[..., 0], bgr[..., 1], bgr[..., 2]
    if np.array_equal(b, g) and np.array_equal(g, r):
        return np.ascontiguousarray(g)
    y = 0.2126 * _SRGB_TO_LINEAR[r] + 0.7152 * _SRGB_TO_LINEAR[g] + 0.0722 * _SRGB_TO_LINEAR[b]
    srgb = np.where(y <= 0.0031308, 12.92 * y, 1.055 * np.power(y, 1 / 2.4) - 0.055)
    return np.clip(np.round(srgb * 255), 0, 255).astype(np.uint8)


def _percentile(f, q):
    bins = np.clip((f * np.float32(255) + np.float32(0.5)).astype(np.int32), 0, 255)
    hist = np.bincount(bins.ravel(), minlength=256)
    target = int(np.float32(q) * np.float32(f.size))
    acc = np.cumsum(hist)
    i = int(np.argmax(acc > target)) if acc[-1] > target else 256
    return np.float32(i) / np.float32(255) if i < 256 else np.float32(1)


def _scale_shift(x, alpha, beta):
    """fl32(x * alpha + beta) with alpha, beta as float32 and one rounding: what OpenCV's
    convertTo computes (fused multiply-add)."""
    return (x.astype(np.float64) * float(np.float32(alpha)) + float(np.float32(beta))).astype(np.float32)


def _lround(x):
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


def normalize_line(gray, height, margin=4, max_width=4096):
    """imaging::normalizeLine with the trainer's options. gray: uint8, dark ink on light paper.
    Returns float32 (height, width), ink = 1, or None when there is no ink."""
    if gray is None or gray.size == 0:
        return None
    ink = _scale_shift(gray, -1.0 / 255.0, 1.0)
    lo = _percentile(ink, 0.5)
    hi = max(_percentile(ink, 0.995), np.float32(lo + np.float32(0.1)))
    d = float(np.float32(hi - lo))
    ink = _scale_shift(ink, 1.0 / d, -float(lo) / d)
    ink = np.minimum(ink, np.float32(1))
    ink = np.where(ink > 0, ink, np.float32(0)).astype(np.float32)
    colmax = ink.max(axis=0)
    cols = np.nonzero(colmax >= 0.5)[0]
    if cols.size == 0:
        return None
    x0, x1 = int(cols[0]), int(cols[-1]) + 1
    pad = max(1, ink.shape[0] // 16)
    x0 = max(0, x0 - pad)
    x1 = min(ink.shape[1], x1 + pad)
    crop = np.ascontiguousarray(ink[:, x0:x1])
    scale = height / crop.shape[0]
    w = max(1, _lround(crop.shape[1] * scale))
    w = min(w, max_width - 2 * margin)
    scaled = cv2.resize(crop, (w, height), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    total = (w + 2 * margin + 3) // 4 * 4
    out = np.zeros((height, total), np.float32)
    out[:, margin:margin + w] = scaled
    return out


# ----------------------------------------------------------------------------------------
# Augmentation (core/training/augment.cpp, the same steps and default ranges)

AUGMENT = dict(slant=0.35, rotate_deg=2.0, scale_x=0.2, scale_y=0.12, shift_y=0.06, stroke_prob=0.3,
               blur_prob=0.2, noise=0.08, contrast_min=0.55, neighbour_prob=0.25, elastic_prob=0.3,
               elastic_pixels=1.5, paper_prob=0.3, paper_max=0.15)


def _smooth_noise(size_wh, cell, rng):
    w, h = size_wh
    gw, gh = max(2, w // cell + 2), max(2, h // cell + 2)
    grid = rng.uniform(-1, 1, (gh, gw)).astype(np.float32)
    return np.clip(cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC), -1, 1)


def _neighbours(ink, rng):
    h, w = ink.shape
    if h < 4 or w < 4:
        return ink
    src = ink.copy()
    which = rng.integers(3)
    for side in (0, 1):
        if which != 2 and which != side:
            continue
        shift = min(max(_lround(rng.uniform(0.70, 0.85) * h), 1), h - 1)
        dx = int(rng.integers(w))
        x0 = int(rng.integers(max(1, w // 2)))
        x1 = min(w, x0 + max(4, int(rng.uniform(0.3, 1.0) * w)))
        shifted = np.roll(src, -dx, axis=1)  # column x shows the other line's x + dx
        if side == 0:  # above: row y shows row y + shift
            ink[:h - shift, x0:x1] = np.maximum(ink[:h - shift, x0:x1], shifted[shift:, x0:x1])
        else:
            ink[shift:, x0:x1] = np.maximum(ink[shift:, x0:x1], shifted[:h - shift, x0:x1])
    return ink


def _elastic(ink, rng, max_pixels):
    h, w = ink.shape
    cell = max(4, h // 4)
    amp = rng.uniform(0.3, 1.0) * max_pixels
    dx = _smooth_noise((w, h), cell, rng) * amp
    dy = _smooth_noise((w, h), cell, rng) * amp
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(ink, gx + dx, gy + dy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)


def _paper(ink, rng, max_tone):
    h, w = ink.shape
    tone = rng.uniform(0.2, 1.0) * max_tone
    paper = (_smooth_noise((w, h), max(4, h // 2), rng) + 1) * (0.5 * tone)
    if rng.uniform() < 0.3:
        y = min(max(_lround(rng.uniform(0.6, 0.8) * h), 0), h - 1)
        paper[y, :] = rng.uniform(0.15, 0.4)
    return np.maximum(ink, paper.astype(np.float32))


def augment_line(img, rng, o=AUGMENT):
    """A randomly distorted copy of a normalized line (float32, ink = 1); the width follows
    the horizontal scale and slant (a multiple of 4, at least 8)."""
    h, width = img.shape
    sx = 1 + rng.uniform(-o["scale_x"], o["scale_x"])
    sy = 1 + rng.uniform(-o["scale_y"], o["scale_y"])
    shear = rng.uniform(-o["slant"], o["slant"])
    rot = math.radians(rng.uniform(-o["rotate_deg"], o["rotate_deg"]))
    dy = rng.uniform(-o["shift_y"], o["shift_y"]) * h
    cx, cy = width * 0.5, h * 0.5
    c, s = math.cos(rot), math.sin(rot)
    a00, a01 = c * sx, c * shear * sy - s * sy
    a10, a11 = s * sx, s * shear * sy + c * sy
    out_w = max(8, (_lround(width * sx + abs(shear) * h) + 3) // 4 * 4)
    ocx, ocy = out_w * 0.5, h * 0.5 + dy
    m = np.array([[a00, a01, ocx - a00 * cx - a01 * cy], [a10, a11, ocy - a10 * cx - a11 * cy]])
    out = cv2.warpAffine(img, m, (out_w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                         borderValue=0)
    if rng.uniform() < o["neighbour_prob"]:
        out = _neighbours(out, rng)
    if rng.uniform() < o["elastic_prob"]:
        out = _elastic(out, rng, o["elastic_pixels"])
    if rng.uniform() < o["stroke_prob"]:
        k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2, 2))
        out = cv2.dilate(out, k) if rng.uniform() < 0.5 else cv2.erode(out, k)
    if rng.uniform() < o["blur_prob"]:
        out = cv2.GaussianBlur(out, (3, 3), rng.uniform(0.3, 0.9))
    contrast = rng.uniform(o["contrast_min"], 1.0)
    out = out * np.float32(contrast)
    if rng.uniform() < o["paper_prob"]:
        out = _paper(out, rng, o["paper_max"])
    noise = rng.uniform(0, o["noise"])
    out = out + np.float32(noise) * (rng.uniform(0, 1, out.shape).astype(np.float32) - 0.5) * 2
    return np.clip(out, 0, 1).astype(np.float32)
