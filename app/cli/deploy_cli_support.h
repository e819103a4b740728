// SPDX-License-Identifier: MIT
#pragma once

// Shared by `quantlens-cli export` and `quantlens-cli evaluate-int`.

#include "core/data/dataset.h"
#include "core/train/training_config.h"

#include <string>

namespace ql::app {

/// The input normalisation of a run's data set: the published constants of mnist,
/// fashion-mnist and cifar10 (no file access), or, for image folders, the one computed from
/// the training split (loads it from `dataDir`, or the folder recorded in the config).
core::Normalization normalizationFor(const core::TrainingConfig &config,
                                     const std::string &dataDir);

} // namespace ql::app
