// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"

namespace ql::core {

/// Float, normalised images [B, C, H, W] on `device` for the given sample indices (int64 or
/// int32, any device), gathered with one index_select; only the uint8 batch crosses to the
/// device. Throws std::invalid_argument for an index out of range or a normalisation whose
/// channel count differs from the data set's.
torch::Tensor gatherImages(const Dataset &data, const torch::Tensor &indices,
                           const Normalization &norm, c10::Device device);

/// Labels (int64 [B]) on `device` for the given sample indices.
torch::Tensor gatherLabels(const Dataset &data, const torch::Tensor &indices, c10::Device device);

} // namespace ql::core
