#!/usr/bin/python3
"""Check an ONNX file written by 'inklens export --onnx FILE'.

    scripts/check-onnx.py FILE [FILE...]

Runs onnx.checker.check_model(full_check=True): the model against the ONNX
specification, then strict shape inference over the whole graph. Prints what the
file holds (opset, inputs and outputs with their inferred shapes, operators,
metadata keys) and "ok"; exit code 0 when every file passes, 1 when one does not.
Debian 12: python3-onnx (run it with /usr/bin/python3). Running the model and
comparing it with InkLens is tests/test_onnx_export.cpp's job (OpenCV's DNN module).
"""

import collections
import math
import sys

import onnx
import onnx.shape_inference


def shape_text(value_info):
    dims = []
    for d in value_info.type.tensor_type.shape.dim:
        dims.append(d.dim_param if d.HasField("dim_param") else str(d.dim_value))
    return "(" + ", ".join(dims) + ")"


def check(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    inferred = onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    graph = inferred.graph
    opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
    print(f"{path}: IR version {model.ir_version}, opset {opsets}, producer {model.producer_name}")
    for kind, values in (("input", graph.input), ("output", graph.output)):
        for v in values:
            print(f"  {kind} {v.name} {shape_text(v)}")
    ops = collections.Counter(n.op_type for n in graph.node)
    print("  operators: " + ", ".join(f"{op} x{count}" for op, count in sorted(ops.items())))
    floats = [t for t in graph.initializer if t.data_type == onnx.TensorProto.FLOAT]
    params = sum(math.prod(t.dims) for t in floats)
    print(f"  {len(graph.initializer)} initializers, {params} weights")
    print("  metadata: " + ", ".join(p.key for p in model.metadata_props))
    print("  ok: onnx.checker.check_model(full_check=True) " + f"(onnx {onnx.__version__})")


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    failed = False
    for path in argv[1:]:
        try:
            check(path)
        except Exception as e:  # the checker's errors, unreadable files
            print(f"{path}: FAILED: {type(e).__name__}: {e}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
