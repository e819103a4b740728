// SPDX-License-Identifier: MIT
#include "core/imaging/tensor_images.h"

#include <ATen/ATen.h>

#include <stdexcept>

namespace ql::imaging {

FloatImage toFloatImage(const torch::Tensor &tensor)
{
    if (!tensor.defined() || (tensor.dim() != 2 && tensor.dim() != 3))
        throw std::invalid_argument("toFloatImage expects a [H, W] or [C, H, W] tensor");
    const auto t = (tensor.dim() == 2 ? tensor.unsqueeze(0) : tensor)
                       .detach()
                       .to(at::kCPU, at::kFloat)
                       .contiguous();
    FloatImage image;
    image.channels = static_cast<int>(t.size(0));
    image.height = static_cast<int>(t.size(1));
    image.width = static_cast<int>(t.size(2));
    image.data.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
    return image;
}

std::vector<FloatImage> toFloatImages(const torch::Tensor &batch)
{
    if (!batch.defined() || (batch.dim() != 3 && batch.dim() != 4))
        throw std::invalid_argument("toFloatImages expects [N, H, W] or [N, C, H, W]");
    std::vector<FloatImage> images;
    for (int64_t i = 0; i < batch.size(0); ++i)
        images.push_back(toFloatImage(batch[i]));
    return images;
}

} // namespace ql::imaging
