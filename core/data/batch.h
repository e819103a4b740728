// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"

#include <vector>

namespace ql::core {

/// Float, normalised images [B, C, H, W] on `device` for the given sample indices (int64 or
/// int32, any device), gathered with one index_select; only the uint8 batch crosses to the
/// device. Throws std::invalid_argument for an index out of range or a normalisation whose
/// channel count differs from the data set's.
torch::Tensor gatherImages(const Dataset &data, const torch::Tensor &indices,
                           const Normalization &norm, c10::Device device);

/// Labels (int64 [B]) on `device` for the given sample indices.
torch::Tensor gatherLabels(const Dataset &data, const torch::Tensor &indices, c10::Device device);

/// The first `limit` samples of a class-balanced interleaving of `data` (limit <= 0 or >= size:
/// all of it): the first sample of every class, then the second of every class, and so on, in
/// the data set's order within a class; the chosen samples keep their original order. Image
/// folders list one class after another, so "the first N samples" would be one class alone.
/// Deterministic (no random choice). Classes with fewer samples run out first.
Dataset balancedSubset(const Dataset &data, int64_t limit);

/// The interleaving balancedSubset picks from, as sample indices: every sample once, the first
/// of every class (in label order), then the second of every class, and so on. The first n
/// entries are exactly the samples of balancedSubset(data, n), so subsets of growing n are
/// nested (the GUI's progressive preview tests 500, then 2,000, then all, each image once).
std::vector<int64_t> balancedOrder(const torch::Tensor &labels);

} // namespace ql::core
