// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <cstdint>

namespace ql::core {

/// The SGT schedule of a quantization-aware fine-tune of `budgetSteps` steps from a model
/// trained without SGT (the GUI's default job and Retrain; no torch here, for the GUI):
/// min(kFineTuneSgtStart, budgetSteps / 8) plain steps first, then the KL weight ramps in over as
/// many. Plain steps recover the accuracy that quantization cost at plain-step speed; starting with
/// the KL term at full weight dips first (docs/RESULTS.md, issue 10). Nothing changes without SGT.
constexpr int64_t kFineTuneSgtStart = 50;
void useDelayedSgtStart(SgtConfig &sgt, int64_t budgetSteps);

} // namespace ql::core
