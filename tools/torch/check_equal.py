#!/usr/bin/python3
"""Checks that InkLens and PyTorch (inklens_model.py) are the same network, reading the same pixels.

    /usr/bin/python3 tools/torch/check_equal.py --inklens build/bin/inklens \
        --model resources/models/default.safetensors [PICTURE...]

Without pictures it draws its own: lines of text of several lengths (OpenCV's Hershey
fonts, slanted and noisy), written to a temporary folder.

  1. Round trip: the model file read into PyTorch and written back is byte-identical to
     the file (so InkLens -> PyTorch -> InkLens changes nothing).
  2. Log-probabilities: `inklens logprobs --no-deskew` normalizes each picture and runs
     the engine's network on it, once with --im2col (convolutions as im2col + GEMM, the
     arithmetic PyTorch uses) and once as InkLens reads (Winograd F(4x4) where it pays,
     which rounds a little more); PyTorch runs the same weights on the same pixels, each line alone
     and all lines as one padded batch. Max |difference| <= --tolerance (1e-4) with im2col,
     <= --winograd-tolerance (1.5e-4) with Winograd; all three also against float64.
  3. Normalization: inklens_data.normalize_line (the training data path) on each picture
     gives the engine's pixels: the same width, max |difference| <= --pixel-tolerance.
  4. --train-smoke: two steps of train.py on the drawn lines, a third resumed from its
     checkpoint; the model it writes has moved and passes 2 and 3 as well.

Prints the numbers; exit code 0 when all hold, 1 otherwise, 77 when this Python has no
torch (a ctest SKIP_RETURN_CODE), 2 on a usage error.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import torch
    import cv2
except ImportError as e:  # pragma: no cover - the skip path
    print("check_equal.py: skipped, %s (Debian: python3-torch python3-opencv python3-numpy)" % e)
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import inklens_data as data  # noqa: E402
import inklens_model as im  # noqa: E402

TEXTS = ["Le Mauvoisin", "est un cours d'eau", "qui coule dans le département, 1918.",
         "Zürich, São Paulo & « Québec » – 42 €", "a", "Ligne assez longue pour une centaine de colonnes de plus"]


def draw_lines(folder, seed=7):
    """Pictures of text lines (dark ink on light paper, 8-bit), different widths and styles."""
    rng = np.random.default_rng(seed)
    paths = []
    for i, text in enumerate(TEXTS):
        ascii_text = text.encode("ascii", "replace").decode()
        scale = 0.8 + 0.3 * (i % 3)
        (w, h), base = cv2.getTextSize(ascii_text, cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, scale, 2)
        img = np.full((h + base + 16, w + 24), 235, np.uint8)
        cv2.putText(img, ascii_text, (12, h + 8), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, scale, 30, 2, cv2.LINE_AA)
        shear = np.float32([[1, 0.2 * (i % 2), 0], [0, 1, 0]])
        img = cv2.warpAffine(img, shear, (img.shape[1] + 10, img.shape[0]), borderValue=235)
        img = np.clip(img.astype(np.int16) + rng.integers(-12, 13, img.shape), 0, 255).astype(np.uint8)
        path = os.path.join(folder, "line%d.png" % i)
        cv2.imwrite(path, img)
        paths.append(path)
    return paths


def round_trip(model_path, tmp):
    """(byte-identical, tensors equal, tensor count) of the model read and written back."""
    model = im.load_model(model_path)
    written = os.path.join(tmp, "roundtrip.safetensors")
    im.save_model(written, model)
    with open(model_path, "rb") as f1, open(written, "rb") as f2:
        same_bytes = f1.read() == f2.read()
    tensors_in, _ = im.read_safetensors(model_path)
    tensors_out, _ = im.read_safetensors(written)
    same_tensors = tensors_in.keys() == tensors_out.keys() and all(
        np.array_equal(tensors_in[k], tensors_out[k]) for k in tensors_in)
    return same_bytes, same_tensors, len(tensors_in)


def compare(inklens, model_path, pictures, tmp, a, results):
    """Log-probabilities and normalization of the pictures in both engines; True when within
    the tolerances. Adds the numbers to results."""
    model = im.load_model(model_path)
    dumps = {}
    for mode, extra in (("im2col", ["--im2col"]), ("winograd", [])):
        dump = os.path.join(tmp, "logprobs-%s.safetensors" % mode)
        run = subprocess.run([inklens, "logprobs", "--no-deskew", "--threads", "1", "--model", model_path,
                              "--out", dump] + extra + pictures, capture_output=True, text=True)
        if run.returncode != 0:
            print("inklens logprobs failed (%d): %s" % (run.returncode, run.stderr.strip()))
            return False
        dumps[mode] = im.read_safetensors(dump)[0]
    ours = dumps["im2col"]
    n = len(pictures)
    net = model.net.eval()
    net64 = im.load_model(model_path).net.double().eval()  # the float64 reference of all
    d = {m: dict(alone=0.0, batch=0.0, f64=0.0) for m in dumps}
    torch64 = 0.0
    inputs = []
    with torch.no_grad():
        for k in range(n):
            x = torch.from_numpy(ours["input.%d" % k])[None, None]
            if not np.array_equal(dumps["winograd"]["input.%d" % k], ours["input.%d" % k]):
                print("line %d: inklens normalized it differently in its two runs" % k)
                return False
            inputs.append(x)
            y = net(x)[0][:, 0].numpy()
            y64 = net64(x.double())[0][:, 0].numpy()
            torch64 = max(torch64, float(np.abs(y - y64).max()))
            for mode, dump in dumps.items():
                ref = dump["logprobs.%d" % k]
                if y.shape != ref.shape:
                    print("line %d: PyTorch gives %s frames x classes, InkLens %s" % (k, y.shape, ref.shape))
                    return False
                d[mode]["alone"] = max(d[mode]["alone"], float(np.abs(y - ref).max()))
                d[mode]["f64"] = max(d[mode]["f64"], float(np.abs(ref - y64).max()))
        width = max(x.shape[3] for x in inputs)
        batch = torch.zeros(n, 1, inputs[0].shape[2], width)
        for k, x in enumerate(inputs):
            batch[k, :, :, :x.shape[3]] = x[0]
        y, frames = net(batch, torch.tensor([x.shape[3] for x in inputs]))
        for mode, dump in dumps.items():
            d[mode]["batch"] = max(float(np.abs(y[:int(frames[k]), k].numpy() - dump["logprobs.%d" % k]).max())
                                   for k in range(n))
    frames_total = sum(ours["logprobs.%d" % k].shape[0] for k in range(n))
    results.update(lines=n, frames=frames_total, torch_float32_vs_float64=torch64,
                   **{"%s_%s" % (mode, key): v for mode in d for key, v in d[mode].items()})
    print("log-probabilities, %d lines (%d frames x %d classes), max |InkLens - PyTorch|, each line alone "
          "and all as one padded batch in PyTorch:" % (n, frames_total, model.spec.classes))
    print("  InkLens, im2col convolutions (--im2col):  %.3g alone, %.3g batch (tolerance %g)"
          % (d["im2col"]["alone"], d["im2col"]["batch"], a.tolerance))
    print("  InkLens as it reads (Winograd):           %.3g alone, %.3g batch (tolerance %g)"
          % (d["winograd"]["alone"], d["winograd"]["batch"], a.winograd_tolerance))
    print("  against PyTorch in float64: InkLens im2col %.3g, InkLens Winograd %.3g, PyTorch float32 %.3g"
          % (d["im2col"]["f64"], d["winograd"]["f64"], torch64))
    ok = max(d["im2col"]["alone"], d["im2col"]["batch"]) <= a.tolerance and \
        max(d["winograd"]["alone"], d["winograd"]["batch"]) <= a.winograd_tolerance

    worst, shapes_ok = 0.0, True
    for k, path in enumerate(pictures):
        mine = data.normalize_line(data.load_gray(path), model.spec.input_height)
        theirs = ours["input.%d" % k]
        if mine is None or mine.shape != theirs.shape:
            shapes_ok = False
            print("%s: normalized to %s here, %s in InkLens" % (path, None if mine is None else mine.shape,
                                                               theirs.shape))
            continue
        worst = max(worst, float(np.abs(mine - theirs).max()))
    results.update(normalization_same_shapes=shapes_ok, normalization_max_abs_diff=worst)
    print("line normalization, %d pictures: %s shapes, max |InkLens - inklens_data| = %.3g (tolerance %g)"
          % (n, "the same" if shapes_ok else "DIFFERENT", worst, a.pixel_tolerance))
    return ok and shapes_ok and worst <= a.pixel_tolerance


def train_smoke(a, pictures, tmp):
    """Two steps of train.py on the drawn lines, one more resumed from its checkpoint; the model
    it writes must differ from the start, load in InkLens and read the same there."""
    folder = os.path.join(tmp, "gt")
    os.makedirs(folder)
    for k, (path, text) in enumerate(zip(pictures, TEXTS)):
        os.replace(path, os.path.join(folder, "line%d.png" % k))
        with open(os.path.join(folder, "line%d.gt.txt" % k), "w", encoding="utf-8") as f:
            f.write(text + "\n")
    pictures[:] = [os.path.join(folder, "line%d.png" % k) for k in range(len(pictures))]
    out, ckpt = os.path.join(tmp, "trained.safetensors"), os.path.join(tmp, "trained.ckpt")
    train = os.path.join(os.path.dirname(os.path.abspath(__file__)), "train.py")
    common = [sys.executable, train, "--init", a.model, "--data", folder, "--out", out, "--checkpoint", ckpt,
              "--batch", "2", "--lr", "0.001", "--warmup", "1", "--validate-every", "0", "--threads", "1"]
    for extra in (["--steps", "2"], ["--steps", "3", "--resume"]):
        run = subprocess.run(common + extra, capture_output=True, text=True)
        if run.returncode != 0:
            print("train.py %s failed (%d): %s" % (" ".join(extra), run.returncode, run.stderr.strip()[-2000:]))
            return None
    _, meta = im.read_safetensors(ckpt)
    before, _ = im.read_safetensors(a.model)
    after, _ = im.read_safetensors(out)
    moved = max(float(np.abs(before[k] - after[k]).max()) for k in before)
    print("train.py: 2 steps, resumed for a third (checkpoint step %s, Adam steps %s); largest weight change %.3g"
          % (meta.get("checkpoint.step"), meta.get("checkpoint.adam_steps"), moved))
    if meta.get("checkpoint.step") != "3" or meta.get("checkpoint.adam_steps") != "3" or moved == 0:
        return None
    return out


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--inklens", required=True, help="the inklens executable")
    p.add_argument("--model", required=True, help="InkLens model file")
    p.add_argument("--tolerance", type=float, default=1e-4)
    p.add_argument("--winograd-tolerance", type=float, default=1.5e-4,
                   help="for the engine's default (Winograd) convolutions, which round more")
    p.add_argument("--pixel-tolerance", type=float, default=1e-5)
    p.add_argument("--train-smoke", action="store_true",
                   help="also train 2 + 1 (resumed) steps on the drawn lines and check the model written")
    p.add_argument("--json", action="store_true", help="print the numbers as one JSON object too")
    p.add_argument("pictures", nargs="*")
    a = p.parse_args(argv)
    if a.train_smoke and a.pictures:
        p.error("--train-smoke trains on the lines it draws: give no pictures")
    torch.set_num_threads(1)
    results = {}
    with tempfile.TemporaryDirectory(prefix="inklens-check-") as tmp:
        same_bytes, same_tensors, count = round_trip(a.model, tmp)
        results.update(roundtrip_byte_identical=same_bytes, roundtrip_tensors_equal=same_tensors)
        print("round trip InkLens -> PyTorch -> InkLens: %s, %d tensors %s"
              % ("byte-identical" if same_bytes else "BYTES DIFFER", count,
                 "exactly equal" if same_tensors else "DIFFER"))
        ok = same_bytes and same_tensors
        pictures = a.pictures or draw_lines(tmp)
        ok = compare(a.inklens, a.model, pictures, tmp, a, results) and ok
        if a.train_smoke:
            trained = train_smoke(a, pictures, tmp)
            ok = trained is not None and ok
            if trained:
                print("the model train.py wrote:")
                trained_results = {}
                ok = compare(a.inklens, trained, pictures, tmp, a, trained_results) and ok
                results["trained"] = trained_results
    if a.json:
        print(json.dumps(results))
    print("check_equal.py: %s" % ("OK" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
