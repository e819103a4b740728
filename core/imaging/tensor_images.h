// SPDX-License-Identifier: MIT
#pragma once

#include "core/imaging/rgb_image.h"

#include <torch/types.h>

#include <vector>

namespace ql::imaging {

/// Copies a [H, W] or [C, H, W] tensor (any dtype/device) into a FloatImage.
FloatImage toFloatImage(const torch::Tensor &tensor);

/// Splits [N, H, W] maps or [N, C, H, W] images into N FloatImages.
std::vector<FloatImage> toFloatImages(const torch::Tensor &batch);

} // namespace ql::imaging
