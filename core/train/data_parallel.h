// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/dist/communicator.h"
#include "core/train/training_config.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace ql::core {

/// The positions (increasing, in [0, labels.size(0))) of a global batch that `rank` of
/// `worldSize` trains on: the positions sorted by label (stably) and dealt round-robin, so the
/// shards are disjoint, together complete, of sizes differing by at most one, and each holds
/// every class of the batch in proportion (counts differ by at most one per class).
std::vector<int64_t> shardPositions(const at::Tensor &labels, int rank, int worldSize);

/// The contiguous range [begin, end) of `count` test samples that `rank` evaluates.
std::pair<int64_t, int64_t> evaluationRange(int64_t count, int rank, int worldSize);

/// A 64-bit fingerprint of what must agree between the ranks of one run: the configuration
/// except threads, device and data folder (which may differ per machine), the world size, and
/// the sizes and labels of the (limited) splits.
int64_t runFingerprint(const TrainingConfig &config, int worldSize, const Dataset &train,
                       const Dataset &test);

/// Throws DistributedError on every rank when the ranks' fingerprints differ.
void checkSameRun(Communicator &comm, int64_t fingerprint);

/// Averages gradients over the ranks before each optimiser step, in buckets of about
/// `bucketElements` floats: each bucket is one flat tensor (the gradients of consecutive
/// parameters, each scaled by `localWeight`), summed over the ranks and divided by the world
/// size, then copied back. A parameter without a gradient contributes zeros (so that every rank
/// sends buckets of the same layout).
class GradientAverager {
public:
    explicit GradientAverager(std::shared_ptr<Communicator> comm,
                              int64_t bucketElements = int64_t(1) << 20);
    /// `localWeight`: this rank's share of the global batch times the world size (1 when the
    /// shards are equal), so that the result is the gradient of the global batch mean.
    void average(const std::vector<at::Tensor> &parameters, double localWeight);
    /// Seconds spent in collective calls (all-reduce) so far, and how many calls.
    double reduceSeconds() const { return m_seconds; }
    int64_t reduceCalls() const { return m_calls; }

private:
    std::shared_ptr<Communicator> m_comm;
    int64_t m_bucketElements;
    double m_seconds = 0;
    int64_t m_calls = 0;
};

} // namespace ql::core
