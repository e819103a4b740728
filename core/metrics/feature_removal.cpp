// SPDX-License-Identifier: MIT
#include "core/metrics/feature_removal.h"

#include <ATen/ATen.h>

#include <stdexcept>
#include <string>

namespace ql::core {

namespace {

/// Per-channel [1, C, 1, 1] tensor of `values` (or `fallback` when empty).
torch::Tensor channelTensor(const std::vector<float> &values, int64_t channels, float fallback,
                            const c10::Device &device, const char *what)
{
    if (!values.empty() && static_cast<int64_t>(values.size()) != channels)
        throw std::invalid_argument(std::string("normalisation ") + what + " has " +
                                    std::to_string(values.size()) + " values for " +
                                    std::to_string(channels) + " image channels");
    std::vector<float> v = values.empty() ? std::vector<float>(channels, fallback) : values;
    return at::tensor(v, at::TensorOptions().dtype(at::kFloat))
        .view({1, channels, 1, 1})
        .to(device);
}

} // namespace

torch::Tensor toModelInput(const torch::Tensor &images, const Normalization &norm,
                           const c10::Device &device)
{
    if (images.dim() != 4)
        throw std::invalid_argument("images must be [N, C, H, W]");
    const int64_t c = images.size(1);
    auto x = images.to(device).to(at::kFloat) / 255.0;
    auto mean = channelTensor(norm.mean, c, 0.0f, device, "mean");
    auto std = channelTensor(norm.std, c, 1.0f, device, "std");
    return (x - mean) / std;
}

torch::Tensor fillValues(const torch::Tensor &x, const FillSpec &fill, const Normalization &norm,
                         const at::Generator &generator)
{
    const int64_t n = x.size(0);
    const int64_t c = x.size(1);
    switch (fill.mode) {
    case FillMode::Constant: {
        auto mean = channelTensor(norm.mean, c, 0.0f, x.device(), "mean");
        auto std = channelTensor(norm.std, c, 1.0f, x.device(), "std");
        return ((fill.value - mean) / std).expand({n, c, 1, 1});
    }
    case FillMode::ImageMean:
        return x.mean({2, 3}, /*keepdim=*/true);
    case FillMode::UniformRandom: {
        auto lo = x.amin({2, 3}, true);
        auto hi = x.amax({2, 3}, true);
        auto u =
            at::rand(x.sizes(), generator, at::TensorOptions().dtype(at::kFloat)).to(x.device());
        return lo + u * (hi - lo);
    }
    }
    return at::zeros({n, c, 1, 1}, x.options());
}

torch::Tensor saliencyRanks(const torch::Tensor &maps)
{
    if (maps.dim() != 3)
        throw std::invalid_argument("saliencyRanks expects [N, H, W] maps");
    auto flat = maps.flatten(1);
    const int64_t d = flat.size(1);
    // Stable: among equal saliency, the lower pixel index is removed first.
    auto order = std::get<1>(at::sort(flat, /*stable=*/true, 1, /*descending=*/true));
    auto positions = at::arange(d, order.options()).expand_as(order).contiguous();
    return at::empty_like(order).scatter_(1, order, positions);
}

torch::Tensor randomRanks(int64_t rows, int64_t features, const at::Generator &generator,
                          const c10::Device &device)
{
    // argsort of i.i.d. uniforms is a uniformly random permutation per row.
    auto u = at::rand({rows, features}, generator, at::TensorOptions().dtype(at::kFloat));
    return u.argsort(/*dim=*/int64_t(1), /*descending=*/false).to(device);
}

torch::Tensor removeTopRanked(const torch::Tensor &x, const torch::Tensor &ranks,
                              const torch::Tensor &count, const torch::Tensor &fill)
{
    const auto limit = count.dim() == 0 ? count.view({1, 1}) : count.view({-1, 1});
    auto mask = (ranks < limit.to(ranks.device())).view({x.size(0), 1, x.size(2), x.size(3)});
    return at::where(mask, fill.to(x.scalar_type()), x);
}

} // namespace ql::core
