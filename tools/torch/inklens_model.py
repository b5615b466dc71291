"""InkLens model files in PyTorch: read, build the same network, write back.

An InkLens model file (core/model/model_file.h) is a safetensors file: the tensors under
their PyTorch-style names (conv0.weight, bn0.running_mean, lstm0.fwd.weight_ih, fc.bias,
...) and, in __metadata__, format = "inklens-crnn", format_version = "1", spec (the
CrnnSpec as JSON, core/model/spec.h), charset (the characters of labels 1..), input_height,
normalization and provenance.

The network (core/model/crnn.h), over padded batches with a valid width per sample:

    input (N, 1, H, W), ink = 1, paper = 0
    conv blocks: conv k x k "same" -> [batch norm] -> activation -> [max pool (ph, pw), floor]
                 padding columns (x >= width) are kept at 0 after every step, so a batch
                 gives what its samples give one by one; pools make width //= pw
    columns -> sequence: feature index c * H' + h, T = W / (product of the pool widths)
    BiLSTM layers (PyTorch's gate order i, f, g, o; each sample runs over its own frames,
    the reverse direction starting at its last valid frame), Linear, log-softmax over the
    classes (class 0 = CTC blank)

Batch norm in training mode takes its statistics over the valid columns only (as the
engine does) and updates the running statistics with momentum 0.1 and the unbiased
variance; activation "leaky_relu" has slope 0.01.

The writer (write_safetensors) produces the bytes of InkLens' own writer
(core/model/safetensors.cpp): keys sorted, compact JSON, the header padded with spaces to
a multiple of 8 bytes, F32 data in name order. A model read here and written back with
unchanged weights is byte-identical to the file it came from.

Needs: python3-torch, python3-numpy (Debian). No pip packages.
"""

import json
import os
import struct
import tempfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MODEL_FORMAT = "inklens-crnn"
MODEL_FORMAT_VERSION = "1"
SPEC_VERSION = 1
LEAKY_SLOPE = 0.01

_DTYPES = {"F32": "<f4", "F16": "<f2", "F64": "<f8"}


class ModelFileError(Exception):
    """A file that is not a readable InkLens model; the message names the file and the problem."""


# ----------------------------------------------------------------------------------------
# safetensors


def read_safetensors(path):
    """Returns (tensors: {name: float32 ndarray}, metadata: {str: str}).

    F32 is read as is; F16, BF16 and F64 are converted to float32 (as the engine's reader)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ModelFileError("%s: not a safetensors file (too short)" % path)
    (n,) = struct.unpack("<Q", data[:8])
    if n > 100_000_000 or 8 + n > len(data):
        raise ModelFileError("%s: not a safetensors file (bad header length)" % path)
    try:
        header = json.loads(data[8:8 + n].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ModelFileError("%s: header is not JSON (%s)" % (path, e))
    metadata = header.pop("__metadata__", {}) or {}
    body = memoryview(data)[8 + n:]
    tensors = {}
    for name, entry in header.items():
        dtype = entry.get("dtype")
        begin, end = entry["data_offsets"]
        shape = tuple(entry["shape"])
        if not (0 <= begin <= end <= len(body)):
            raise ModelFileError("%s: tensor '%s' lies outside the file" % (path, name))
        raw = body[begin:end]
        if dtype in _DTYPES:
            a = np.frombuffer(raw, dtype=_DTYPES[dtype]).astype(np.float32)
        elif dtype == "BF16":
            a = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            raise ModelFileError("%s: tensor '%s' has unsupported dtype %s" % (path, name, dtype))
        count = int(np.prod(shape)) if shape else 1
        if a.size != count:
            raise ModelFileError("%s: tensor '%s' has %d values, shape %s needs %d"
                                 % (path, name, a.size, list(shape), count))
        if not np.all(np.isfinite(a)):
            raise ModelFileError("%s: tensor '%s' holds NaN or Inf" % (path, name))
        tensors[name] = a.reshape(shape).copy()
    return tensors, dict(metadata)


def serialize_safetensors(tensors, metadata):
    """The bytes InkLens' serializeSafetensors writes for these tensors (float32) and metadata."""
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    blobs = []
    offset = 0
    for name in sorted(tensors, key=lambda s: s.encode("utf-8")):
        a = np.ascontiguousarray(tensors[name], dtype="<f4")
        if not np.all(np.isfinite(a)):
            raise ValueError("tensor '%s' holds NaN or Inf" % name)
        blob = a.tobytes()
        header[name] = {"data_offsets": [offset, offset + len(blob)], "dtype": "F32",
                        "shape": list(a.shape)}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    raw = text.encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    return struct.pack("<Q", len(raw)) + raw + b"".join(blobs)


def write_atomic(path, data):
    """Writes bytes to path through a temporary file in the same folder (fsync, then rename):
    an existing file is replaced whole or not at all."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".tmp-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_safetensors(path, tensors, metadata):
    write_atomic(path, serialize_safetensors(tensors, metadata))


# ----------------------------------------------------------------------------------------
# The spec


class Spec:
    """CrnnSpec (core/model/spec.h) from its JSON."""

    def __init__(self, text):
        j = json.loads(text)
        if j.get("version") != SPEC_VERSION:
            raise ModelFileError("unknown model spec version %r" % j.get("version"))
        self.input_height = int(j["input_height"])
        self.activation = j["activation"]
        if self.activation not in ("relu", "leaky_relu"):
            raise ModelFileError("unknown activation '%s'" % self.activation)
        self.convs = [dict(channels=int(c["channels"]), kernel=int(c["kernel"]),
                           batch_norm=bool(c["batch_norm"]), pool=(int(c["pool"][0]), int(c["pool"][1])))
                      for c in j["convs"]]
        self.lstm_hidden = [int(h) for h in j["lstm_hidden"]]
        self.classes = int(j["classes"])

    def feature_height(self):
        h = self.input_height
        for c in self.convs:
            h //= c["pool"][0]
        return h

    def width_reduction(self):
        r = 1
        for c in self.convs:
            r *= c["pool"][1]
        return r

    def frames_for(self, width):
        for c in self.convs:
            width //= c["pool"][1]
        return width

    def features(self):
        return self.convs[-1]["channels"] * self.feature_height()


# ----------------------------------------------------------------------------------------
# The network


def column_mask(widths, width, device):
    """(N, 1, 1, W) float mask: 1 on the valid columns of each sample."""
    cols = torch.arange(width, device=device)
    return (cols[None, :] < widths[:, None]).to(torch.float32)[:, None, None, :]


class MaskedBatchNorm2d(nn.BatchNorm2d):
    """nn.BatchNorm2d whose training statistics cover the valid columns only."""

    def forward(self, x, mask=None):
        if not self.training or mask is None:
            return super().forward(x)
        m = mask.expand(x.shape[0], 1, x.shape[2], x.shape[3])
        count = m.sum()
        mean = (x * m).sum(dim=(0, 2, 3)) / count
        centred = (x - mean[None, :, None, None]) * m
        var = (centred * centred).sum(dim=(0, 2, 3)) / count
        with torch.no_grad():
            unbiased = var * (count / torch.clamp(count - 1, min=1))
            self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean.detach())
            self.running_var.mul_(1 - self.momentum).add_(self.momentum * unbiased.detach())
            self.num_batches_tracked.add_(1)
        inv = torch.rsqrt(var + self.eps)
        y = (x - mean[None, :, None, None]) * (inv * self.weight)[None, :, None, None]
        return y + self.bias[None, :, None, None]


class InkLensCrnn(nn.Module):
    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        cin = 1
        for b, c in enumerate(spec.convs):
            k = c["kernel"]
            self.add_module("conv%d" % b, nn.Conv2d(cin, c["channels"], k, padding=k // 2))
            if c["batch_norm"]:
                self.add_module("bn%d" % b, MaskedBatchNorm2d(c["channels"], eps=1e-5, momentum=0.1))
            cin = c["channels"]
        n = spec.features()
        for l, h in enumerate(spec.lstm_hidden):
            self.add_module("lstm%d" % l, nn.LSTM(n, h, bidirectional=True))
            n = 2 * h
        self.fc = nn.Linear(n, spec.classes)

    def _act(self, x):
        if self.spec.activation == "relu":
            return F.relu(x)
        return F.leaky_relu(x, LEAKY_SLOPE)

    def forward(self, x, widths=None):
        """x: (N, 1, H, W); widths: (N,) valid widths (None: all W).
        Returns (log_probs (T, N, C) with padding frames 0, frames (N,) long)."""
        n, _, _, w = x.shape
        if widths is None:
            widths = torch.full((n,), w, dtype=torch.long, device=x.device)
        widths = widths.to(x.device)
        x = x * column_mask(widths, w, x.device)  # padding is paper, whatever the caller put there
        for b, c in enumerate(self.spec.convs):
            mask = column_mask(widths, x.shape[3], x.device)
            x = getattr(self, "conv%d" % b)(x)
            if c["batch_norm"]:
                x = getattr(self, "bn%d" % b)(x, mask)
            x = self._act(x) * mask
            ph, pw = c["pool"]
            if ph > 1 or pw > 1:
                x = F.max_pool2d(x, (ph, pw), (ph, pw))
                widths = widths // pw
                x = x * column_mask(widths, x.shape[3], x.device)
        n, ch, h, t = x.shape
        seq = x.permute(3, 0, 1, 2).reshape(t, n, ch * h)  # feature c*H + h
        frames = widths.clamp(min=1, max=t)
        for l in range(len(self.spec.lstm_hidden)):
            lstm = getattr(self, "lstm%d" % l)
            if bool((frames == t).all()):
                seq, _ = lstm(seq)
            else:
                packed = nn.utils.rnn.pack_padded_sequence(seq, frames.cpu(), enforce_sorted=False)
                out, _ = lstm(packed)
                seq, _ = nn.utils.rnn.pad_packed_sequence(out, total_length=t)
        logp = F.log_softmax(self.fc(seq), dim=2)
        valid = (torch.arange(t, device=x.device)[:, None] < frames[None, :]).to(logp.dtype)
        return logp * valid[:, :, None], frames


# Our tensor names <-> this module's state_dict names.
def name_map(spec):
    """[(inklens name, torch state_dict name)] for every parameter and buffer in the file."""
    out = []
    for b, c in enumerate(spec.convs):
        out += [("conv%d.weight" % b, "conv%d.weight" % b), ("conv%d.bias" % b, "conv%d.bias" % b)]
        if c["batch_norm"]:
            for k in ("weight", "bias", "running_mean", "running_var"):
                out.append(("bn%d.%s" % (b, k), "bn%d.%s" % (b, k)))
    for l in range(len(spec.lstm_hidden)):
        for ours, suffix in (("fwd", "_l0"), ("bwd", "_l0_reverse")):
            for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                out.append(("lstm%d.%s.%s" % (l, ours, kind), "lstm%d.%s%s" % (l, kind, suffix)))
    out += [("fc.weight", "fc.weight"), ("fc.bias", "fc.bias")]
    return out


class InkLensModel:
    """A model file in memory: the network, its charset and the file's metadata."""

    def __init__(self, net, charset, metadata):
        self.net = net
        self.charset = charset  # the characters of labels 1.. (str)
        self.metadata = metadata

    @property
    def spec(self):
        return self.net.spec


def load_model(path):
    tensors, meta = read_safetensors(path)
    return load_model_from(tensors, meta, path)


def load_model_from(tensors, meta, path, skip_prefix=None):
    """The model of a file's tensors and metadata (path names it in messages); tensors whose
    name starts with skip_prefix (a checkpoint's optimizer state) are left out."""
    if skip_prefix:
        tensors = {k: v for k, v in tensors.items() if not k.startswith(skip_prefix)}
    for key in ("format", "format_version", "spec", "charset", "input_height"):
        if key not in meta:
            raise ModelFileError("%s: not an InkLens model (metadata '%s' missing)" % (path, key))
    if meta["format"] != MODEL_FORMAT:
        raise ModelFileError("%s: not an InkLens model (format '%s')" % (path, meta["format"]))
    if meta["format_version"] != MODEL_FORMAT_VERSION:
        raise ModelFileError("%s: unknown model format version %s" % (path, meta["format_version"]))
    spec = Spec(meta["spec"])
    charset = meta["charset"]
    if len(charset) + 1 != spec.classes:
        raise ModelFileError("%s: the charset has %d classes but the network has %d"
                             % (path, len(charset) + 1, spec.classes))
    if meta["input_height"] != str(spec.input_height):
        raise ModelFileError("%s: input height %s does not match the spec's %d"
                             % (path, meta["input_height"], spec.input_height))
    net = InkLensCrnn(spec)
    state = net.state_dict()
    names = name_map(spec)
    known = {ours for ours, _ in names}
    for name in tensors:
        if name not in known:
            raise ModelFileError("%s: unexpected tensor '%s' (not part of this architecture)"
                                 % (path, name))
    new_state = {}
    for ours, theirs in names:
        if ours not in tensors:
            raise ModelFileError("%s: tensor '%s' is missing" % (path, ours))
        a = tensors[ours]
        if tuple(a.shape) != tuple(state[theirs].shape):
            raise ModelFileError("%s: tensor '%s' has shape %s but the spec needs %s"
                                 % (path, ours, list(a.shape), list(state[theirs].shape)))
        new_state[theirs] = torch.from_numpy(a.copy())
    for key, value in state.items():  # num_batches_tracked: not stored
        new_state.setdefault(key, value)
    net.load_state_dict(new_state)
    return InkLensModel(net, charset, meta)


def model_tensors(model):
    """{inklens name: float32 ndarray} of the network's current weights."""
    state = model.net.state_dict()
    return {ours: state[theirs].detach().cpu().numpy().astype(np.float32)
            for ours, theirs in name_map(model.spec)}


def save_model(path, model, provenance=None, extra_tensors=None, extra_metadata=None):
    """Writes an InkLens model file (atomically). provenance: JSON text or None (keep)."""
    meta = dict(model.metadata)
    if provenance is not None:
        meta["provenance"] = provenance
    if extra_metadata:
        meta.update(extra_metadata)
    tensors = model_tensors(model)
    if extra_tensors:
        tensors.update(extra_tensors)
    write_safetensors(path, tensors, meta)
