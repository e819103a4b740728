// SPDX-License-Identifier: MIT
#include "core/data/batch.h"

#include "core/data/normalization.h"

#include <stdexcept>

namespace ql::core {

namespace {

torch::Tensor checkedIndices(const Dataset &data, const torch::Tensor &indices)
{
    if (!indices.defined() || indices.dim() != 1)
        throw std::invalid_argument("batch indices must be a 1-D tensor");
    torch::Tensor idx = indices.to(torch::kCPU, torch::kInt64);
    if (idx.numel() > 0) {
        const int64_t lo = idx.min().item<int64_t>();
        const int64_t hi = idx.max().item<int64_t>();
        if (lo < 0 || hi >= data.size())
            throw std::invalid_argument("batch index out of range [0, " +
                                        std::to_string(data.size()) + ") for " + data.name + ": " +
                                        std::to_string(lo < 0 ? lo : hi));
    }
    return idx;
}

} // namespace

torch::Tensor gatherImages(const Dataset &data, const torch::Tensor &indices,
                           const Normalization &norm, c10::Device device)
{
    const torch::Tensor idx = checkedIndices(data, indices);
    // Gather and transfer as uint8 (4x less traffic), convert on the device.
    return normalizeImages(data.images.index_select(0, idx).to(device), norm);
}

torch::Tensor gatherLabels(const Dataset &data, const torch::Tensor &indices, c10::Device device)
{
    return data.labels.index_select(0, checkedIndices(data, indices)).to(device);
}

} // namespace ql::core
