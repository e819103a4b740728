// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"

namespace ql::core {

/// The usual constants of each data set (mean / std of the training pixels scaled to [0, 1]).
Normalization mnistNormalization();        ///< 0.1307 / 0.3081
Normalization fashionMnistNormalization(); ///< 0.2860 / 0.3530
Normalization cifar10Normalization();      ///< (0.4914, 0.4822, 0.4465) / (0.2470, 0.2435, 0.2616)

/// Per-channel mean and standard deviation of `train` (pixels scaled to [0, 1]), computed in
/// chunks in double precision; used for user image folders. A zero std becomes 1.
Normalization computeNormalization(const Dataset &train);

/// Converts uint8 images [B, C, H, W] (any device) to normalised float on the same device.
torch::Tensor normalizeImages(const torch::Tensor &uint8Images, const Normalization &norm);

} // namespace ql::core
