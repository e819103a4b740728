#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Checks an ONNX export of QuantLens with python3-onnx (onnx.checker, full check with shape
# inference) and evaluates its graph with a minimal interpreter of the operators QuantLens
# writes, in PyTorch functional ops (Debian's ONNX 1.12 has no reference evaluator), against
# the logits LibTorch computed.
#   check_onnx.py MODEL.onnx INPUT.pt EXPECTED.pt [TOLERANCE=1e-2]
import json
import sys

import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

model = onnx.load(sys.argv[1])
onnx.checker.check_model(model, full_check=True)
meta = {p.key: p.value for p in model.metadata_props}
weights = json.loads(meta["quantlens.weights"])
for name, info in weights.items():
    if "weight_bits" in info:
        k = info["weight_bits"]
        assert info["stored_as"] == ("int8" if k <= 7 else "int32"), info
x = torch.load(sys.argv[2])
expected = torch.load(sys.argv[3])
tolerance = float(sys.argv[4]) if len(sys.argv) > 4 else 1e-2

initial = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model.graph.initializer}
values = dict(initial)
# Every integer weight lies on its k-bit grid.
for t in model.graph.initializer:
    if t.name.endswith(".weight_q"):
        layer = t.name[: -len(".weight_q")]
        levels = (1 << weights[layer]["weight_bits"]) - 1
        q = values[t.name].to(torch.int64)
        assert q.abs().max() <= levels and bool(((q + levels) % 2 == 0).all()), t.name


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def run(libtorch_rounding):
    values = dict(initial)
    values[model.graph.input[0].name] = x
    for node in model.graph.node:
        i = [values[n] if n else None for n in node.input]
        a = attrs(node)
        op = node.op_type
        if op == "Conv":
            p = a.get("pads", [0, 0, 0, 0])
            y = F.conv2d(i[0], i[1], i[2] if len(i) > 2 else None,
                         stride=a.get("strides", [1, 1]), padding=(p[0], p[1]))
        elif op == "DequantizeLinear":
            zp = i[2].to(torch.float32) if len(i) > 2 else 0.0
            y = (i[0].to(torch.float32) - zp) * i[1]
        elif op == "QuantizeLinear":
            if libtorch_rounding:  # the PACT kernel: x * float(L / alpha)
                alpha = values[node.input[1][: -len(".scale")] + ".alpha"].item()
                levels = round(alpha / i[1].item())
                up = torch.tensor(levels / alpha, dtype=torch.float32)
                r = torch.round(i[0] * up)
            else:
                r = torch.round(i[0] / i[1])
            y = torch.clamp(r + i[2].to(torch.float32), 0, 255).to(torch.uint8)
        elif op == "Clip":
            y = torch.minimum(torch.maximum(i[0], i[1]), i[2])
        elif op == "Relu":
            y = torch.relu(i[0])
        elif op == "MaxPool":
            y = F.max_pool2d(i[0], a["kernel_shape"], a["strides"])
        elif op == "Flatten":
            y = torch.flatten(i[0], a.get("axis", 1))
        elif op == "Gemm":
            y = torch.addmm(i[2], i[0], i[1].t() if a.get("transB", 0) else i[1])
        elif op == "BatchNormalization":
            y = F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, a.get("epsilon", 1e-5))
        elif op == "Add":
            y = i[0] + i[1]
        elif op == "Slice":
            y = i[0]
            for start, end, axis, step in zip(i[1].tolist(), i[2].tolist(), i[3].tolist(),
                                              i[4].tolist()):
                y = y.index_select(axis, torch.arange(start, min(end, y.shape[axis]), step))
        elif op == "Pad":
            p = i[1].tolist()
            n = len(p) // 2
            torch_pad = []
            for d in reversed(range(n)):
                torch_pad += [p[d], p[d + n]]
            y = F.pad(i[0], torch_pad)
        elif op == "GlobalAveragePool":
            y = i[0].mean(dim=(2, 3), keepdim=True)
        else:
            sys.exit(f"unexpected operator {op}")
        values[node.output[0]] = y
    return values[model.graph.output[0].name]


exact = run(True)
standard = run(False)
diff = (exact - expected).abs().max().item()
diff_standard = (standard - expected).abs().max().item()
agree = (standard.argmax(1) == expected.argmax(1)).float().mean().item()
print(f"onnx {onnx.__version__}: checker ok, {len(model.graph.node)} nodes; max |difference| "
      f"{diff:.3g} with LibTorch's PACT rounding, {diff_standard:.3g} with QuantizeLinear's; "
      f"top-1 agreement {agree:.3f}")
# DequantizeLinear gives q * float(s / L), the model i * float(2 s / L) - s: the weights differ
# in their last bit, which (like QuantizeLinear's division) can flip a rare activation level by
# one; a flip moves a logit by |w| alpha / L, about 1e-3 here. Hence the tolerance of 1e-2
# (a few flipped levels) and an exact top-1 agreement on these images.
sys.exit(0 if max(diff, diff_standard) <= tolerance and agree == 1.0 else 1)
