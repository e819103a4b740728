// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"
#include "core/saliency/saliency_options.h"

#include <torch/types.h>

#include <atomic>
#include <stdexcept>

namespace ql::core {

/// Thrown by long computations when their cancel flag was raised between two chunks.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("computation cancelled") {}
};

/// Result of computeSaliency; every tensor is on the device of the inputs given.
struct SaliencyResult {
    torch::Tensor maps;         ///< float [N, H, W]: |.| or signed, reduced over channels
    torch::Tensor attributions; ///< float [N, C, H, W] signed; undefined for Grad-CAM
    torch::Tensor targets;      ///< int64 [N]: the class each map explains
    torch::Tensor logits;       ///< float [N, classes] of the unmodified inputs
};

/// Saliency maps of `inputs` (normalised float [N, C, H, W], any device; moved to the model's
/// device) for classes `targets` (int64 [N]; undefined = the predicted class). The model is put
/// in eval mode and restored afterwards; its parameters are never modified and gradients are
/// taken with torch::autograd::grad (no .grad accumulation), so a snapshot may be shared by
/// threads only if each thread uses its own copy (cloneClassifier). Long methods run in chunks
/// of at most options.maxChunk samples; `cancel` (may be null) is checked between chunks and
/// raises Cancelled. Throws std::invalid_argument for bad shapes or options.
SaliencyResult computeSaliency(ClassifierImpl &model, const torch::Tensor &inputs,
                               const SaliencyOptions &options,
                               const torch::Tensor &targets = torch::Tensor(),
                               const std::atomic<bool> *cancel = nullptr);

/// [N, C, H, W] signed attributions -> [N, H, W] map per `absolute` and `reduction`.
torch::Tensor reduceChannels(const torch::Tensor &attributions, bool absolute,
                             ChannelReduction reduction);

/// Throws std::invalid_argument naming the bad option (samples < 1, noise < 0, steps < 1, ...).
void validateSaliencyOptions(const SaliencyOptions &options);

} // namespace ql::core
