// SPDX-License-Identifier: MIT
#include "core/metrics/map_statistics.h"

#include <ATen/ATen.h>

#include <stdexcept>

namespace ql::core {

namespace {

torch::Tensor flatAbs(const torch::Tensor &maps, const char *what)
{
    if (!maps.defined() || maps.dim() < 2 || maps.size(0) == 0)
        throw std::invalid_argument(std::string(what) +
                                    " expects a non-empty batch of maps [N, ...]");
    return maps.detach().to(at::kDouble).flatten(1).abs();
}

} // namespace

torch::Tensor giniIndex(const torch::Tensor &maps)
{
    const auto a = std::get<0>(flatAbs(maps, "giniIndex").sort(1));
    const int64_t d = a.size(1);
    // (2 i - d - 1) for i = 1..d
    const auto coeff = at::arange(1, d + 1, a.options()) * 2.0 - static_cast<double>(d + 1);
    const auto total = a.sum(1);
    const auto numerator = (a * coeff).sum(1);
    return at::where(total > 0, numerator / (total * static_cast<double>(d)),
                     at::zeros_like(total));
}

torch::Tensor mapEntropy(const torch::Tensor &maps)
{
    const auto a = flatAbs(maps, "mapEntropy");
    const auto total = a.sum(1, /*keepdim=*/true);
    const auto p = a / total.clamp_min(1e-300);
    const auto h = -at::xlogy(p, p).sum(1);
    return at::where(total.squeeze(1) > 0, h, at::zeros_like(h));
}

} // namespace ql::core
