// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"

#include <string>

namespace ql::core::deploy {

/// Writes `model` as a TorchScript module that Python's `torch.jit.load` (and LibTorch's
/// `torch::jit::load`) runs without QuantLens: the forward pass is TorchScript source of plain
/// ATen ops (conv2d, batch_norm, max_pool2d, addmm, ...), the weights those the model computes
/// with (fake-quantized weights already on their DoReFa grid for quantized layers, float weights
/// otherwise), and every PACT written out as round(min(relu(x), alpha) * up) * down with
/// up = float(L / alpha) and down = float(alpha / L), as the model computes it (a float layer's
/// activation is a ReLU). Same outputs as model.forward in eval mode up to float rounding.
/// mnist-cnn and resnet20. Written to a temporary file renamed over `path`. Throws
/// std::runtime_error naming the path, std::invalid_argument for an unsupported architecture.
void exportTorchScript(ClassifierImpl &model, const std::string &path);

} // namespace ql::core::deploy
