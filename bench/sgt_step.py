#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The saliency-guided + PACT 4-bit training step of bench_sgt, written as a straightforward
PyTorch script (the style of the reference code, ayaabdelsalam91/saliency_guided_training),
for the C++/Python speed comparison. Same model (mnist-cnn: conv 1-32, conv 32-64, pool,
dropout, fc 9216-128, dropout, fc 128-10), PACT activations at 4 bits with first/last layers at
8 bits, scaled DoReFa weights, Adadelta, batch 128, 28x28 inputs, uniform mask fill, k = 0.5.

  /usr/bin/python3 bench/sgt_step.py [--threads 2] [--steps 20] [--reuse]

--reuse uses the same saliency strategy as the C++ default (input gradient from the training
forward); without it, the reference design: a separate eval-mode saliency pass.
Prints one line: "python_ms_per_sgt_pact4_step <min ms> (median <ms>)".

Issue 15 (the same comparison on a GPU, every mode):
  python3 bench/sgt_step.py --device cuda --optimizer adam --images-per-s \
      --mode plain|sgt|pact4|pact4_sgt [--reuse] [--steps 300]
prints "python_images_per_s <mode> <images/s> (<ms>/step over <steps> steps)", timed over all
steps after a warm-up, the device synchronised at both ends (every step reads its loss, as a
straightforward script does).
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class PactFn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, alpha, bits):
        ctx.save_for_backward(x, alpha)
        y = torch.clamp(x, min=0.0)
        y = torch.min(y, alpha)
        scale = (2 ** bits - 1) / alpha
        return torch.round(y * scale) / scale

    @staticmethod
    def backward(ctx, g):
        x, alpha = ctx.saved_tensors
        pass_mask = (x >= 0) & (x < alpha)
        grad_alpha = (g * (x >= alpha).to(g.dtype)).sum().view_as(alpha)
        return g * pass_mask.to(g.dtype), grad_alpha, None


class Pact(nn.Module):
    def __init__(self, bits, alpha=10.0):
        super().__init__()
        self.bits = bits
        self.alpha = nn.Parameter(torch.tensor(alpha))

    def forward(self, x):
        return PactFn.apply(x, self.alpha, self.bits)


class RoundSte(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, g):
        return g


def dorefa(w, bits):
    """Scaled DoReFa as in core/quant/weight_quantizer.h: s (2 q - 1), s = max|w|."""
    t = torch.tanh(w)
    m = t.abs().max().detach()
    f = t / (2 * m) + 0.5
    n = 2 ** bits - 1
    q = RoundSte.apply(f * n) / n
    return w.abs().max().detach() * (2 * q - 1)


class QConv(nn.Conv2d):
    def __init__(self, *a, bits=4, **k):
        super().__init__(*a, **k)
        self.bits = bits

    def forward(self, x):
        return F.conv2d(x, dorefa(self.weight, self.bits), self.bias)


class QLinear(nn.Linear):
    def __init__(self, *a, bits=4, **k):
        super().__init__(*a, **k)
        self.bits = bits

    def forward(self, x):
        return F.linear(x, dorefa(self.weight, self.bits), self.bias)


class MnistCnn(nn.Module):
    def __init__(self, bits=4):
        super().__init__()
        if bits is None:  # the float model: plain layers and ReLUs
            self.conv1, self.conv2 = nn.Conv2d(1, 32, 3), nn.Conv2d(32, 64, 3)
            self.fc1, self.fc2 = nn.Linear(9216, 128), nn.Linear(128, 10)
            self.act1 = self.act2 = self.act3 = nn.ReLU()
            return
        self.conv1 = QConv(1, 32, 3, bits=8)   # first layer: 8 bits
        self.act1 = Pact(8)
        self.conv2 = QConv(32, 64, 3, bits=bits)
        self.act2 = Pact(bits)
        self.fc1 = QLinear(9216, 128, bits=bits)
        self.act3 = Pact(bits)
        self.fc2 = QLinear(128, 10, bits=8)    # last layer: 8 bits

    def forward(self, x):
        x = self.act1(self.conv1(x))
        x = self.act2(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = F.dropout(x, 0.25, self.training)
        x = self.act3(self.fc1(torch.flatten(x, 1)))
        x = F.dropout(x, 0.5, self.training)
        return self.fc2(x)


def sgt_step(model, opt, x, y, k=0.5, reuse=False):
    n = x.shape[0]
    if reuse:
        xs = x.clone().requires_grad_(True)
        out = model(xs)
        grads = torch.autograd.grad(out.gather(1, y.view(-1, 1)).sum(), xs, retain_graph=True)[0]
    else:
        model.eval()
        xs = x.clone().requires_grad_(True)
        grads = torch.autograd.grad(model(xs).gather(1, y.view(-1, 1)).sum(), xs)[0]
        model.train()
        out = model(x)
    sal = grads.abs().mean(1).view(n, -1)
    count = int(k * sal.shape[1])
    idx = torch.topk(sal, count, dim=1, largest=False).indices
    mask = torch.zeros_like(sal, dtype=torch.bool).scatter_(1, idx, True).view(n, 1, 28, 28)
    lo = x.amin(dim=(2, 3), keepdim=True)
    hi = x.amax(dim=(2, 3), keepdim=True)
    fill = lo + torch.rand_like(x) * (hi - lo)
    masked = torch.where(mask, fill, x).detach()
    opt.zero_grad()
    masked_out = model(masked)
    loss = F.cross_entropy(out, y) + F.kl_div(F.log_softmax(masked_out, 1), F.softmax(out, 1),
                                              reduction="batchmean")
    loss.backward()
    opt.step()
    return loss.item()


def plain_step(model, opt, x, y):
    opt.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    return loss.item()


def images_per_s(a):
    dev = torch.device(a.device)
    torch.manual_seed(1)
    model = MnistCnn(None if a.mode in ("plain", "sgt") else 4).to(dev)
    model.train()
    if a.optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    else:
        opt = torch.optim.Adadelta(model.parameters(), lr=1.0)
    x = torch.randn(a.batch, 1, 28, 28, device=dev)
    y = torch.randint(0, 10, (a.batch,), device=dev)
    sgt = a.mode in ("sgt", "pact4_sgt")

    def step():
        return sgt_step(model, opt, x, y, reuse=a.reuse) if sgt else plain_step(model, opt, x, y)

    for _ in range(a.warmup):
        step()
    if dev.type == "cuda":
        torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        step()
    if dev.type == "cuda":
        torch.cuda.synchronize()
    s = time.perf_counter() - t0
    print("python_images_per_s %s%s %.0f (%.3f ms/step over %d steps)"
          % (a.mode, "_reuse" if (sgt and a.reuse) else "", a.steps * a.batch / s,
             1000 * s / a.steps, a.steps))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--reuse", action="store_true")
    p.add_argument("--device", default="cpu")
    p.add_argument("--mode", default="pact4_sgt", choices=["plain", "sgt", "pact4", "pact4_sgt"])
    p.add_argument("--optimizer", default="adadelta", choices=["adadelta", "adam"])
    p.add_argument("--warmup", type=int, default=30)
    p.add_argument("--images-per-s", action="store_true")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    if a.images_per_s:
        images_per_s(a)
        return
    torch.manual_seed(1)
    model = MnistCnn(4)
    model.train()
    opt = torch.optim.Adadelta(model.parameters(), lr=1.0)
    x = torch.randn(a.batch, 1, 28, 28)
    y = torch.randint(0, 10, (a.batch,))
    for _ in range(3):
        sgt_step(model, opt, x, y, reuse=a.reuse)
    times = []
    for _ in range(a.steps):
        t0 = time.perf_counter()
        sgt_step(model, opt, x, y, reuse=a.reuse)
        times.append(time.perf_counter() - t0)
    times.sort()
    # The minimum, like bench_sgt's cpp_ms_per_sgt_pact4_step: least disturbed by other load.
    print("python_ms_per_sgt_pact4_step %.2f (median %.2f)"
          % (1000 * times[0], 1000 * times[len(times) // 2]))


if __name__ == "__main__":
    main()
