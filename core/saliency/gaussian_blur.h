// SPDX-License-Identifier: MIT
#pragma once

#include <torch/types.h>

namespace ql::core {

/// Normalised 1-D Gaussian kernel of `radius` (size 2 radius + 1), float, on `device`.
torch::Tensor gaussianKernel1d(double sigma, int64_t radius, const c10::Device &device);

/// Per-channel Gaussian blur of [N, C, H, W] with reflect padding (torch only, no OpenCV);
/// radius = ceil(3 sigma), capped so reflection stays valid. sigma <= 0 returns a copy.
torch::Tensor gaussianBlur(const torch::Tensor &images, double sigma);

} // namespace ql::core
