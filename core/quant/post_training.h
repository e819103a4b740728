// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"

#include <torch/types.h>

#include <vector>

namespace ql::core {

/// Post-training quantization for the GUI's instant bit-width preview: a deep copy of
/// `trained` on `device` with `bits` applied. Alphas of activations that ran as float ReLUs in
/// `trained` (never trained) and are quantized in `bits` are calibrated on
/// `calibrationBatches` (normalised inputs [N, C, H, W], any device) with
/// calibratePactAlphas(); trained alphas are kept. `trained` is not modified (it may be
/// training on another thread: it is only read). Throws std::invalid_argument for a bad config.
ClassifierPtr quantizePostTraining(const ClassifierImpl &trained, const QuantConfig &bits,
                                   const std::vector<torch::Tensor> &calibrationBatches,
                                   c10::Device device);

/// Sets the alpha of every quantized PACT of `model` (or only of those with `only[i]` true, in
/// pactAlphas order, when `only` is not empty) from the activation statistics of `batches`.
/// One eval-mode pass with the PACTs concerned running as ReLU records a strided sample of their
/// positive pre-activations; alpha is then the candidate among high percentiles (90% ... max)
/// that minimises the mean squared error between ReLU(x) and its k-bit PACT, i.e. the best
/// trade-off between clipping error (low alpha) and rounding error (high alpha) for that
/// bit-width: near the maximum at 8 bits, lower at 2 bits. Layers that saw no positive value
/// keep their alpha. Also a sensible start for quantization-aware training of a fresh model.
void calibratePactAlphas(ClassifierImpl &model, const std::vector<torch::Tensor> &batches,
                         const std::vector<bool> &only = {});

/// The alpha calibratePactAlphas picks for `positives` (1-D, x > 0) at `bits` (1..8).
float mseOptimalAlpha(const torch::Tensor &positives, int bits);

} // namespace ql::core
