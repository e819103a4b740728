// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"
#include "core/saliency/saliency_options.h"

#include <torch/types.h>

#include <atomic>
#include <string>
#include <vector>

namespace ql::core {

/// Model-parameter randomisation test (Adebayo et al. 2018), cascading: layers (modules owning
/// a weight of rank >= 2: conv and linear) are re-initialised one after another from the top
/// (output) layer down, and after each step the maps of the same inputs are compared with the
/// original maps. Faithful maps change (correlation falls towards 0); maps that stay similar
/// fail the check. Re-initialisation: weight and bias ~ U(-b, b), b = 1 / sqrt(fan_in) (the
/// default torch init). PACT alphas and batch-norm statistics are kept.
struct RandomizationResult {
    std::vector<std::string> layers; ///< randomised layer after each step, top first
    std::vector<double> spearman;    ///< mean Spearman rho(original, randomised) per step
    std::vector<double> ssim;        ///< mean SSIM (maps scaled by their max |value|) per step
};

/// Runs the cascade on `inputs` (normalised [N, C, H, W]) explaining the original predicted
/// classes. The model's parameters are modified during the run and restored afterwards (also
/// on exceptions): call it on a snapshot, never on a model being trained.
RandomizationResult randomizationCheck(ClassifierImpl &model, const torch::Tensor &inputs,
                                       const SaliencyOptions &options, uint64_t seed = 0,
                                       const std::atomic<bool> *cancel = nullptr);

} // namespace ql::core
