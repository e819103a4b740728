// SPDX-License-Identifier: MIT
#include "core/train/augmentation.h"

#include <torch/nn/functional/padding.h>

namespace ql::core {

torch::Tensor randomCropFlip(const torch::Tensor &batch, int64_t pad, at::Generator &generator)
{
    TORCH_CHECK(batch.dim() == 4, "augmentation: expected a batch [N, C, H, W]");
    const int64_t n = batch.size(0), c = batch.size(1), h = batch.size(2), w = batch.size(3);
    const auto cpuLong = torch::TensorOptions().dtype(torch::kLong);
    const torch::Tensor dy = at::randint(0, 2 * pad + 1, {n}, generator, cpuLong);
    const torch::Tensor dx = at::randint(0, 2 * pad + 1, {n}, generator, cpuLong);
    const torch::Tensor flip = at::randint(0, 2, {n}, generator, cpuLong).to(torch::kBool);
    const auto device = batch.device();
    const torch::Tensor ar = torch::arange(h, cpuLong), ac = torch::arange(w, cpuLong);
    const torch::Tensor rows = (dy.view({n, 1}) + ar.view({1, h})).to(device);
    const torch::Tensor cols =
        (dx.view({n, 1}) +
         torch::where(flip.view({n, 1}), ((w - 1) - ac).view({1, w}), ac.view({1, w})))
            .to(device);
    // Zero padding (black), like torchvision's RandomCrop(padding=4) on raw images.
    const torch::Tensor padded = torch::constant_pad_nd(batch, {pad, pad, pad, pad}, 0);
    const torch::Tensor picked =
        padded.gather(2, rows.view({n, 1, h, 1}).expand({n, c, h, w + 2 * pad}));
    return picked.gather(3, cols.view({n, 1, 1, w}).expand({n, c, h, w}));
}

} // namespace ql::core
