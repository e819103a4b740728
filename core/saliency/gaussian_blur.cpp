// SPDX-License-Identifier: MIT
#include "core/saliency/gaussian_blur.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace ql::core {

torch::Tensor gaussianKernel1d(double sigma, int64_t radius, const c10::Device &device)
{
    if (sigma <= 0.0 || radius < 0)
        throw std::invalid_argument("Gaussian kernel needs sigma > 0 and radius >= 0");
    auto offsets = at::arange(-radius, radius + 1, at::TensorOptions().dtype(at::kDouble));
    auto kernel = at::exp(-(offsets * offsets) / (2.0 * sigma * sigma));
    return (kernel / kernel.sum()).to(device, at::kFloat);
}

torch::Tensor gaussianBlur(const torch::Tensor &images, double sigma)
{
    if (images.dim() != 4)
        throw std::invalid_argument("gaussianBlur expects [N, C, H, W] images");
    if (sigma <= 0.0)
        return images.clone();
    const int64_t channels = images.size(1);
    // Reflect padding needs radius < size along each axis.
    const int64_t maxRadius = std::max<int64_t>(0, std::min(images.size(2), images.size(3)) - 1);
    const int64_t radius =
        std::min<int64_t>(static_cast<int64_t>(std::ceil(3.0 * sigma)), maxRadius);
    if (radius == 0)
        return images.clone();
    const auto k = gaussianKernel1d(sigma, radius, images.device()).to(images.scalar_type());
    const int64_t size = 2 * radius + 1;
    auto padded = at::reflection_pad2d(images, {radius, radius, radius, radius});
    auto horizontal = k.view({1, 1, 1, size}).expand({channels, 1, 1, size}).contiguous();
    auto vertical = k.view({1, 1, size, 1}).expand({channels, 1, size, 1}).contiguous();
    const std::vector<int64_t> ones{1, 1};
    const std::vector<int64_t> zeros{0, 0};
    auto out = at::conv2d(padded, horizontal, at::Tensor(), ones, zeros, ones, channels);
    return at::conv2d(out, vertical, at::Tensor(), ones, zeros, ones, channels);
}

} // namespace ql::core
