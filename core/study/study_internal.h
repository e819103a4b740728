// SPDX-License-Identifier: MIT
#pragma once
// Shared by the study's source files; not part of the study's interface.

#include <vector>

namespace ql::core::study_detail {

/// Mean of `v` (0 for an empty vector).
double meanOf(const std::vector<double> &v);

} // namespace ql::core::study_detail
