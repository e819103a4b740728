#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Loads a TorchScript export of QuantLens in Python PyTorch (no QuantLens code) and compares
# its output on saved inputs with the logits LibTorch computed.
#   check_torchscript.py MODEL.pt INPUT.pt EXPECTED.pt [TOLERANCE=1e-5]
import sys

import torch

model = torch.jit.load(sys.argv[1])
model.eval()
x = torch.load(sys.argv[2])
expected = torch.load(sys.argv[3])
tolerance = float(sys.argv[4]) if len(sys.argv) > 4 else 1e-5
with torch.no_grad():
    y = model(x)
diff = (y - expected).abs().max().item()
print(f"torch {torch.__version__}: output {tuple(y.shape)}, max |difference| {diff:.3g}")
sys.exit(0 if y.shape == expected.shape and diff <= tolerance else 1)
