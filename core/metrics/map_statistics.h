// SPDX-License-Identifier: MIT
#pragma once

#include <torch/types.h>

namespace ql::core {

/// Sparseness of each map: the Gini index of |map| over its d features (Chalasani et al. 2020).
///   a = sort(|map|) ascending, i = 1..d:  G = sum_i (2 i - d - 1) a_i / (d sum_i a_i)
/// 0 for a uniform map, (d - 1) / d when one feature holds all mass; 0 for an all-zero map.
/// maps: [N, ...] (any trailing shape, flattened); returns float64 [N].
torch::Tensor giniIndex(const torch::Tensor &maps);

/// Complexity of each map: the Shannon entropy (natural log) of p = |map| / sum |map|,
///   H = - sum_i p_i ln p_i  with 0 ln 0 = 0.
/// 0 when one feature holds all mass, ln d for a uniform map; 0 for an all-zero map.
/// maps: [N, ...]; returns float64 [N].
torch::Tensor mapEntropy(const torch::Tensor &maps);

} // namespace ql::core
