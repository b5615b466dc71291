#!/usr/bin/python3
"""Trains an InkLens model in PyTorch, on one process or many (torchrun, DistributedDataParallel).

    # one process
    /usr/bin/python3 tools/torch/train.py --init resources/models/default.safetensors \
        --data DIR --out model.safetensors --minutes 10
    # two processes on this machine's CPUs (gloo)
    torchrun --nproc_per_node=2 tools/torch/train.py --init ... --data DIR --out ... --minutes 10
    # several machines with GPUs (NCCL): see tools/torch/README.md

What it does, as `inklens train` does it (core/training/trainer.cpp):
  - the model: --init's architecture, charset and weights (--fresh: PyTorch's default
    initialization instead of the weights);
  - the data: ground-truth folders DIR[:WEIGHT] (inklens_data.py), the validation lines a
    manifest's "val" rows or the lines of the first --holdout-writers writers; pictures
    normalized to the model's input height as the engine normalizes them;
  - batches of similar widths (shuffle, sort chunks of 32 batches by width, shuffle the
    batches; deterministic for the seed and the epoch); each process takes every
    world-size-th batch, so one step learns from world size x --batch lines;
  - on-the-fly augmentation (inklens_data.augment_line), a label kept feasible (at least
    two frames per character, or the line unaugmented);
  - CTC loss (blank 0, mean over the batch of each loss divided by its label length),
    Adam, gradient clipping at norm 5, warm-up then cosine decay to 5 % of --lr over the
    budget (--minutes and/or --steps);
  - greedy validation CER on process 0 every --validate-every steps (and before the
    first step); the best model by validation CER is written to --out (without
    validation lines, the last one); checkpoints every --checkpoint-minutes and at the end
    in InkLens' checkpoint format (the model file plus adam.m.* / adam.v.* and
    checkpoint.* metadata), from which --resume continues, with any number of processes.

Batch norm statistics are per process (DistributedDataParallel broadcasts process 0's
running statistics), as with nn.BatchNorm2d under DDP.
"""

import argparse
import datetime
import json
import math
import os
import signal
import sys
import time

try:
    import numpy as np
    import torch
    import torch.distributed as dist
except ImportError as e:
    sys.exit("train.py: %s (Debian: apt install python3-torch python3-opencv python3-numpy, "
             "and run /usr/bin/python3)" % e)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import inklens_data as data  # noqa: E402
import inklens_model as im  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description="Train an InkLens model with PyTorch (DistributedDataParallel).")
    p.add_argument("--init", required=True, help="InkLens model file to start from (architecture, charset, weights)")
    p.add_argument("--fresh", action="store_true", help="only --init's architecture and charset: new weights")
    p.add_argument("--data", action="append", required=True, metavar="DIR[:WEIGHT]", help="ground-truth folder (repeatable)")
    p.add_argument("--out", required=True, help="model file to write (best validation CER)")
    p.add_argument("--holdout-writers", type=int, default=15)
    p.add_argument("--minutes", type=float, default=0, help="wall-clock budget")
    p.add_argument("--steps", type=int, default=0, help="step budget")
    p.add_argument("--batch", type=int, default=16, help="lines per batch and process")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--min-lr-fraction", type=float, default=0.05)
    p.add_argument("--clip", type=float, default=5.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--validate-every", type=int, default=500)
    p.add_argument("--val-lines", type=int, default=500)
    p.add_argument("--no-augment", action="store_true")
    p.add_argument("--checkpoint", help="checkpoint file")
    p.add_argument("--checkpoint-minutes", type=float, default=5)
    p.add_argument("--resume", action="store_true", help="continue from --checkpoint")
    p.add_argument("--workers", type=int, default=0, help="data loader processes per training process")
    p.add_argument("--threads", type=int, default=0, help="torch threads per process (0: cores / local processes)")
    p.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    p.add_argument("--log", help="append progress as JSON lines to FILE")
    a = p.parse_args(argv)
    if a.minutes <= 0 and a.steps <= 0:
        p.error("set a budget: --minutes and/or --steps")
    if a.resume and not a.checkpoint:
        p.error("--resume needs --checkpoint FILE")
    return a


# ----------------------------------------------------------------------------------------
# Data


class Sample:
    __slots__ = ("path", "labels", "text", "width")

    def __init__(self, path, labels, text, width):
        self.path, self.labels, self.text, self.width = path, labels, text, width


def prepare(lines, charset, height, rank, world):
    """Samples of the lines that load, have ink and labels (as service::loadLineSamples);
    each process normalizes its share to learn the widths, then all share them."""
    part = []
    for i in range(rank, len(lines), world):
        l = lines[i]
        labels = charset.encode(data.clean_ground_truth(l.text, l.flags))
        img = data.normalize_line(data.load_gray(l.image_path), height) if labels else None
        part.append((i, img.shape[1] if img is not None else 0))
    if world > 1:
        parts = [None] * world
        dist.all_gather_object(parts, part)
        part = [x for q in parts for x in q]
    widths = dict(part)
    out = []
    for i, l in enumerate(lines):
        if widths[i] > 0:
            labels = charset.encode(data.clean_ground_truth(l.text, l.flags))
            out.append(Sample(l.image_path, labels, charset.decode(labels), widths[i]))
    return out, len(lines) - len(out)


def epoch_batches(samples, batch, seed, epoch):
    rng = np.random.default_rng([seed, epoch])
    idx = rng.permutation(len(samples))
    chunk = batch * 32
    for s in range(0, len(idx), chunk):
        part = idx[s:s + chunk]
        idx[s:s + chunk] = part[np.argsort([samples[i].width for i in part], kind="stable")]
    batches = [idx[s:s + batch].tolist() for s in range(0, len(idx), batch)]
    order = rng.permutation(len(batches))
    return [batches[i] for i in order]


class BatchSet(torch.utils.data.Dataset):
    """Item j: this process's j-th batch of the epoch, augmented and padded."""

    def __init__(self, samples, batches, height, frame_div, augment, seed, epoch, first):
        self.samples, self.batches, self.height = samples, batches, height
        self.frame_div, self.augment, self.seed, self.epoch, self.first = frame_div, augment, seed, epoch, first

    def __len__(self):
        return len(self.batches) - self.first

    def __getitem__(self, j):
        j += self.first
        images, labels = [], []
        for k, i in enumerate(self.batches[j]):
            s = self.samples[i]
            img = data.normalize_line(data.load_gray(s.path), self.height)
            if self.augment:
                rng = np.random.default_rng([self.seed, self.epoch, j, k])
                aug = data.augment_line(img, rng)
                need = len(s.labels) * 2 * self.frame_div + 8  # keep the label feasible
                if not (aug.shape[1] < need and img.shape[1] >= aug.shape[1]):
                    img = aug
            images.append(img)
            labels.append(s.labels)
        w = max(im_.shape[1] for im_ in images)
        x = np.zeros((len(images), 1, self.height, w), np.float32)
        for n, img in enumerate(images):
            x[n, 0, :, :img.shape[1]] = img
        return (torch.from_numpy(x), torch.tensor([im_.shape[1] for im_ in images]),
                torch.tensor([l for ls in labels for l in ls], dtype=torch.long),
                torch.tensor([len(ls) for ls in labels], dtype=torch.long))


# ----------------------------------------------------------------------------------------
# Evaluation


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def greedy(logp_tc):
    best = logp_tc.argmax(dim=1).tolist()
    out, last = [], 0
    for l in best:
        if l != last and l != 0:
            out.append(l)
        last = l
    return out


@torch.no_grad()
def evaluate(net, samples, charset, height, device):
    """Greedy CER and WER (edit distances over characters and words of the normalized texts)."""
    was = net.training
    net.eval()
    order = sorted(range(len(samples)), key=lambda i: samples[i].width)
    ce = cn = we = wn = 0
    for s in range(0, len(order), 16):
        part = [samples[i] for i in order[s:s + 16]]
        imgs = [data.normalize_line(data.load_gray(p.path), height) for p in part]
        w = max(i.shape[1] for i in imgs)
        x = np.zeros((len(imgs), 1, height, w), np.float32)
        for n, i in enumerate(imgs):
            x[n, 0, :, :i.shape[1]] = i
        logp, frames = net(torch.from_numpy(x).to(device), torch.tensor([i.shape[1] for i in imgs]))
        logp = logp.cpu()
        for n, p in enumerate(part):
            ref = data.normalize_text(p.text)
            hyp = data.normalize_text(charset.decode(greedy(logp[:int(frames[n]), n])))
            ce += edit_distance(ref, hyp)
            cn += len(ref)
            we += edit_distance(ref.split(" ") if ref else [], hyp.split(" ") if hyp else [])
            wn += len(ref.split(" ")) if ref else 0
    net.train(was)
    return ce / max(cn, 1), we / max(wn, 1)


# ----------------------------------------------------------------------------------------
# Checkpoints (InkLens' format: core/training/trainer.cpp saveCheckpoint)


def model_metadata(meta):
    return {k: v for k, v in meta.items() if not k.startswith("checkpoint.")}


def save_checkpoint(path, model, optimizer, names, pos, provenance):
    extra = {}
    steps = 0
    for ours, p in names:
        st = optimizer.state.get(p, {})
        m = st.get("exp_avg", torch.zeros_like(p)).detach().cpu().numpy().ravel()
        v = st.get("exp_avg_sq", torch.zeros_like(p)).detach().cpu().numpy().ravel()
        extra["adam.m." + ours], extra["adam.v." + ours] = m, v
        if "step" in st:
            steps = int(st["step"])
    meta = {"checkpoint.step": str(pos["step"]), "checkpoint.epoch": str(pos["epoch"]),
            "checkpoint.batch_in_epoch": str(pos["batch_in_epoch"]), "checkpoint.adam_steps": str(steps),
            "checkpoint.best_cer": "%f" % pos["best_cer"], "checkpoint.elapsed_seconds": "%f" % pos["elapsed"]}
    saved = im.InkLensModel(model.net, model.charset, model_metadata(model.metadata))
    im.save_model(path, saved, provenance=provenance, extra_tensors=extra, extra_metadata=meta)


def load_checkpoint(path, model, optimizer, names):
    tensors, meta = im.read_safetensors(path)
    ck = im.load_model_from(tensors, meta, path, skip_prefix="adam.")
    if ck.spec.__dict__ != model.spec.__dict__ or ck.charset != model.charset:
        raise SystemExit("%s: checkpoint architecture or charset differs from --init's" % path)
    model.net.load_state_dict(ck.net.state_dict())
    steps = int(float(meta["checkpoint.adam_steps"]))
    for ours, p in names:
        if "adam.m." + ours not in tensors or "adam.v." + ours not in tensors:
            raise SystemExit("%s: optimizer state missing for %s" % (path, ours))
        optimizer.state[p] = {
            "step": torch.tensor(float(steps)),
            "exp_avg": torch.from_numpy(tensors["adam.m." + ours].reshape(p.shape)).to(p.device),
            "exp_avg_sq": torch.from_numpy(tensors["adam.v." + ours].reshape(p.shape)).to(p.device)}
    return {"step": int(float(meta["checkpoint.step"])), "epoch": int(float(meta["checkpoint.epoch"])),
            "batch_in_epoch": int(float(meta["checkpoint.batch_in_epoch"])),
            "best_cer": float(meta["checkpoint.best_cer"]), "elapsed": float(meta["checkpoint.elapsed_seconds"])}


# ----------------------------------------------------------------------------------------


def main(argv):
    args = parse_args(argv)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    local_world = int(os.environ.get("LOCAL_WORLD_SIZE", "1"))
    use_cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    if use_cuda:
        torch.cuda.set_device(local_rank)
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cpu")
    torch.set_num_threads(args.threads or max(1, (os.cpu_count() or 1) // local_world))
    backend = "nccl" if use_cuda else "gloo"
    if world > 1:
        dist.init_process_group(backend=backend)
    lead = rank == 0

    def say(text):
        if lead:
            print(text, file=sys.stderr, flush=True)

    torch.manual_seed(args.seed)
    model = im.load_model(args.init)
    if args.fresh:
        model.net = im.InkLensCrnn(model.spec)
    net = model.net.to(device)
    spec = model.spec
    charset = data.Charset(model.charset)
    height = spec.input_height

    train_lines, val_lines, held = data.split_ground_truth(args.data, args.holdout_writers)
    train, bad = prepare(train_lines, charset, height, rank, world)
    say("training: %d lines (%d unreadable or empty skipped)" % (len(train), bad))
    val, bad = prepare(val_lines, charset, height, rank, world)
    val = data.spread_evenly(val, args.val_lines)
    say("validation: %d lines (%d unreadable or empty skipped)" % (len(val), bad))
    if not train:
        raise SystemExit("no readable training lines in the --data folders")
    if len(train) < args.batch * world:
        raise SystemExit("%d training lines: fewer than one batch per process (%d x %d)"
                         % (len(train), world, args.batch))

    params = [(ours, dict(net.named_parameters())[theirs]) for ours, theirs in im.name_map(spec)
              if theirs in dict(net.named_parameters())]
    optimizer = torch.optim.Adam([p for _, p in params], lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    pos = {"step": 0, "epoch": 0, "batch_in_epoch": 0, "best_cer": -1.0, "elapsed": 0.0}
    if args.resume:
        pos = load_checkpoint(args.checkpoint, model, optimizer, params)
        say("resumed from %s at step %d" % (args.checkpoint, pos["step"]))
    ddp = torch.nn.parallel.DistributedDataParallel(net, device_ids=[local_rank] if use_cuda else None) \
        if world > 1 else net

    provenance = json.dumps({
        "trainer": "tools/torch/train.py", "torch": torch.__version__, "processes": world, "backend": backend if world > 1 else "none",
        "device": str(device.type), "init": args.init, "fresh": args.fresh, "data": args.data,
        "held_out_writers": held, "training_lines": len(train), "validation_lines": len(val),
        "batch_per_process": args.batch, "lr": args.lr, "seed": str(args.seed),
        "started": datetime.datetime.utcnow().replace(microsecond=0).isoformat() + "Z",
        "command": " ".join(["tools/torch/train.py"] + list(argv))}, separators=(",", ":"), ensure_ascii=False)

    def save_model():
        out = im.InkLensModel(net, model.charset, model_metadata(model.metadata))
        im.save_model(args.out, out, provenance=provenance)

    stop = {"flag": False}

    def on_signal(signum, frame):
        stop["flag"] = True
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    log = open(args.log, "a") if (lead and args.log) else None
    start = time.time()
    elapsed = lambda: pos["elapsed"] + time.time() - start

    def fraction():
        f = 0.0
        if args.minutes > 0:
            f = max(f, elapsed() / (args.minutes * 60))
        if args.steps > 0:
            f = max(f, pos["step"] / args.steps)
        return f

    def learning_rate(f):
        if pos["step"] < args.warmup:
            return args.lr * (pos["step"] + 1) / args.warmup
        f = min(max(f, 0.0), 1.0)
        return args.lr * (args.min_lr_fraction + (1 - args.min_lr_fraction) * 0.5 * (1 + math.cos(math.pi * f)))

    def validate(keep=True):
        """keep: the model may become the best one (False: the starting weights, reported only)."""
        cer = wer = -1.0
        if lead and val:
            cer, wer = evaluate(net, val, charset, height, device)
            if keep and (pos["best_cer"] < 0 or cer < pos["best_cer"]):
                pos["best_cer"] = cer
                save_model()
        if world > 1:
            dist.barrier()
        return cer, wer

    def report(loss, lr, lines_per_s, cer=-1.0, wer=-1.0):
        text = "step %6d  epoch %3d  loss %7.4f  lr %.2e  %5.1f lines/s  %6.1f min" % (
            pos["step"], pos["epoch"], loss, lr, lines_per_s, elapsed() / 60)
        if cer >= 0:
            text += "  val CER %5.2f%% WER %5.2f%% (best %5.2f%%)" % (100 * cer, 100 * wer, 100 * pos["best_cer"])
        say(text)
        if log:
            log.write(json.dumps({"step": pos["step"], "epoch": pos["epoch"], "loss": loss, "lr": lr,
                                  "minutes": elapsed() / 60, "lines_per_s": lines_per_s, "val_cer": cer,
                                  "val_wer": wer, "processes": world}) + "\n")
            log.flush()

    frame_div = spec.width_reduction()
    ctc = torch.nn.CTCLoss(blank=0, reduction="mean", zero_infinity=True)
    say("%d process(es), backend %s, device %s, %d torch thread(s) each; %d lines per step"
        % (world, backend if world > 1 else "none", device.type, torch.get_num_threads(), args.batch * world))
    if pos["step"] == 0 and val:  # where it starts (as inklens train, the output is a trained model)
        cer, wer = validate(keep=False)
        say("step      0  the starting weights: val CER %5.2f%% WER %5.2f%%" % (100 * cer, 100 * wer))
    last_checkpoint = last_report = time.time()
    lines_since = 0
    running = -1.0
    net.train()
    while True:
        batches = epoch_batches(train, args.batch, args.seed, pos["epoch"])
        per_rank = len(batches) // world
        mine = batches[rank::world][:per_rank]
        first = pos["batch_in_epoch"] // world
        loader = torch.utils.data.DataLoader(
            BatchSet(train, mine, height, frame_div, not args.no_augment, args.seed, pos["epoch"], first),
            batch_size=None, shuffle=False, num_workers=args.workers, persistent_workers=False)
        for x, widths, targets, target_lengths in loader:
            # Process 0 decides the learning rate and whether to stop; all follow.
            ctl = torch.tensor([learning_rate(fraction()), 1.0 if (stop["flag"] or fraction() >= 1.0) else 0.0])
            if world > 1:
                ctl = ctl.to(device)
                if not lead:
                    ctl.zero_()
                dist.all_reduce(ctl)
                ctl = ctl.cpu()
            lr, halt = float(ctl[0]), bool(ctl[1] > 0)
            if halt:
                break
            for g in optimizer.param_groups:
                g["lr"] = lr
            optimizer.zero_grad(set_to_none=True)
            logp, frames = ddp(x.to(device), widths.to(device))
            loss = ctc(logp, targets.to(device), frames, target_lengths.to(device))
            loss.backward()
            grads_ok = all(p.grad is None or bool(torch.isfinite(p.grad).all()) for _, p in params)
            ok = torch.tensor([1.0 if (grads_ok and math.isfinite(float(loss))) else 0.0], device=device)
            if world > 1:
                dist.all_reduce(ok, op=dist.ReduceOp.MIN)
            if bool(ok.item() > 0):
                torch.nn.utils.clip_grad_norm_([p for _, p in params], args.clip)
                optimizer.step()
                running = float(loss) if running < 0 else 0.98 * running + 0.02 * float(loss)
            pos["step"] += 1
            pos["batch_in_epoch"] += world
            lines_since += len(widths) * world
            validated = args.validate_every > 0 and pos["step"] % args.validate_every == 0
            cer = wer = -1.0
            if validated:
                cer, wer = validate()
                net.train()
            now = time.time()
            if args.checkpoint and now - last_checkpoint > args.checkpoint_minutes * 60:
                pos["elapsed"], start = elapsed(), now
                if lead:
                    save_checkpoint(args.checkpoint, model, optimizer, params, pos, provenance)
                last_checkpoint = now
            if validated or now - last_report > 10:
                report(running, lr, lines_since / max(now - last_report, 1e-9), cer, wer)
                last_report, lines_since = now, 0
        else:
            pos["epoch"] += 1
            pos["batch_in_epoch"] = 0
            continue
        break
    if not (args.validate_every > 0 and pos["step"] % args.validate_every == 0):
        cer, wer = validate()
        report(running, 0.0, 0.0, cer, wer)
    if not val and lead:
        save_model()
    pos["elapsed"], start = elapsed(), time.time()
    if args.checkpoint and lead:
        save_checkpoint(args.checkpoint, model, optimizer, params, pos, provenance)
    say("%s after %d steps; best validation CER %s; model: %s" % (
        "stopped" if stop["flag"] else "done", pos["step"],
        "%.2f%%" % (100 * pos["best_cer"]) if pos["best_cer"] >= 0 else "(no validation lines)", args.out))
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main(sys.argv[1:])
