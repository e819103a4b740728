// SPDX-License-Identifier: MIT
#include "core/dist/communicator.h"

#include <ATen/ATen.h>

namespace ql::core {

std::vector<int64_t> Communicator::allGather(int64_t value)
{
    at::Tensor slots = at::zeros({worldSize()}, at::TensorOptions().dtype(at::kLong));
    slots[rank()] = value;
    allReduceSum(slots);
    std::vector<int64_t> out(static_cast<size_t>(worldSize()));
    for (int i = 0; i < worldSize(); ++i)
        out[size_t(i)] = slots[i].item<int64_t>();
    return out;
}

#ifndef QUANTLENS_HAVE_C10D
std::string distributedBackends()
{
    return {};
}

std::shared_ptr<Communicator> connectRanks(const DistributedOptions &)
{
    throw std::runtime_error(
        "this build of QuantLens has no data-parallel training: its LibTorch lacks c10d's "
        "ProcessGroupGloo or the Gloo headers (on Debian: install libgloo-dev and rebuild)");
}
#endif

} // namespace ql::core
