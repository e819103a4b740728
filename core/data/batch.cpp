// SPDX-License-Identifier: MIT
#include "core/data/batch.h"

#include "core/data/normalization.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

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

std::vector<int64_t> balancedOrder(const torch::Tensor &labels)
{
    const torch::Tensor cpu = labels.to(torch::kCPU, torch::kInt64).contiguous();
    const int64_t *label = cpu.data_ptr<int64_t>();
    const int64_t n = cpu.numel();
    std::map<int64_t, std::vector<int64_t>> byClass; // in label order: deterministic
    for (int64_t i = 0; i < n; ++i)
        byClass[label[i]].push_back(i);
    std::vector<int64_t> order;
    order.reserve(static_cast<size_t>(n));
    for (size_t rank = 0; static_cast<int64_t>(order.size()) < n; ++rank)
        for (const auto &[cls, indices] : byClass)
            if (rank < indices.size())
                order.push_back(indices[rank]);
    return order;
}

Dataset balancedSubset(const Dataset &data, int64_t limit)
{
    if (limit <= 0 || limit >= data.size())
        return data;
    std::vector<int64_t> chosen = balancedOrder(data.labels);
    chosen.resize(static_cast<size_t>(limit));
    std::sort(chosen.begin(), chosen.end());
    const torch::Tensor idx = torch::tensor(chosen, torch::kInt64);
    Dataset out = data;
    out.images = data.images.index_select(0, idx).contiguous();
    out.labels = data.labels.index_select(0, idx.to(data.labels.device()));
    return out;
}

} // namespace ql::core
