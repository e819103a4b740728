// SPDX-License-Identifier: MIT
#pragma once

#include <ATen/core/Tensor.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ql::core {

/// Where and how the ranks of a data-parallel run meet (torchrun's WORLD_SIZE, RANK,
/// MASTER_ADDR, MASTER_PORT). Rank 0 hosts the rendezvous store on `port`.
struct DistributedOptions {
    int worldSize = 1;
    int rank = 0;
    std::string host = "127.0.0.1";
    int port = 29500;
    std::string backend = "auto"; ///< auto, gloo, nccl (auto: nccl for CUDA tensors if built in)
    std::string device = "cpu";   ///< where the tensors to reduce live
    double timeoutSeconds = 60.0; ///< rendezvous and every collective operation
};

/// A failure to meet or to talk to the other ranks (a dead rank, a wrong address, a port in
/// use, a time-out). The message names this rank and says what to check.
class DistributedError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The collective operations a data-parallel run needs, over c10d (Gloo or NCCL). Every rank
/// calls the same operations in the same order with tensors of the same shapes; each call
/// blocks until all ranks took part or the time-out passed (then DistributedError).
class Communicator {
public:
    virtual ~Communicator() = default;
    virtual int rank() const = 0;
    virtual int worldSize() const = 0;
    virtual std::string backendName() const = 0;
    /// Element-wise sum over all ranks, in place. `tensor` must be contiguous.
    virtual void allReduceSum(at::Tensor &tensor) = 0;
    /// Rank 0's values into `tensor` on every rank, in place.
    virtual void broadcast(at::Tensor &tensor) = 0;

    /// One value from each rank, in rank order (built on allReduceSum).
    std::vector<int64_t> allGather(int64_t value);
};

/// "gloo" / "gloo, nccl" as built in, or "" when this build has no c10d.
std::string distributedBackends();

/// Meets the other ranks (rank 0 hosts a TCPStore) and builds the process group. Throws
/// std::invalid_argument for bad options, DistributedError when the ranks cannot meet within
/// options.timeoutSeconds, std::runtime_error when this build has no c10d.
std::shared_ptr<Communicator> connectRanks(const DistributedOptions &options);

} // namespace ql::core
