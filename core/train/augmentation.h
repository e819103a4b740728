// SPDX-License-Identifier: MIT
#pragma once

#include <ATen/core/Generator.h>
#include <torch/types.h>

namespace ql::core {

/// CIFAR augmentation of a batch [N, C, H, W] (any dtype, typically uint8 before
/// normalisation): zero-pad by `pad`, crop back to H x W at a random offset per sample, and
/// flip horizontally with probability 1/2. Vectorised: two gathers for the whole batch.
/// Deterministic for a given generator state.
torch::Tensor randomCropFlip(const torch::Tensor &batch, int64_t pad, at::Generator &generator);

} // namespace ql::core
