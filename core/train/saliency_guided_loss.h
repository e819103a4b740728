// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <torch/nn/module.h>
#include <torch/types.h>

#include <functional>
#include <vector>

namespace ql::core {

/// Masks, per sample, the fraction `maskFraction` of features with the lowest saliency.
/// `input` [N, C, H, W]; `saliency` [N, C, H, W] or [N, 1, H, W] (already reduced: magnitude
/// or signed, see reduceSaliency). One spatial mask is applied to all channels. Fill values:
/// UniformRange - uniform in the sample's [min, max] of each channel; Background -
/// `background[c]` (one value per channel, or one for all); ChannelMean - the sample's mean of
/// each channel. Vectorised over the batch; the result carries no gradient. Random numbers come
/// from `generator` when given (CPU tensors only), else the device's default generator.
torch::Tensor maskLowSaliency(const torch::Tensor &input, const torch::Tensor &saliency,
                              double maskFraction, SgtConfig::Fill fill,
                              const std::vector<float> &background = {},
                              c10::optional<at::Generator> generator = c10::nullopt);

/// Reduces an input gradient [N, C, H, W] to the map the masking sorts: |g| (Magnitude) or g
/// (Signed, the reference code's quirk), averaged over channels -> [N, 1, H, W].
torch::Tensor reduceSaliency(const torch::Tensor &inputGradient, SgtConfig::Saliency mode);

/// The masked-input count per sample: floor(maskFraction * H * W).
int64_t maskedFeatureCount(double maskFraction, int64_t height, int64_t width);

/// KL(softmax(logits) || softmax(maskedLogits)), summed over classes, averaged over the batch.
/// Differentiable in both arguments.
torch::Tensor klDivergence(const torch::Tensor &logits, const torch::Tensor &maskedLogits);

/// Result of one loss evaluation. `loss` is differentiable; ce / kl are detached copies.
struct SgtLossResult {
    torch::Tensor loss;
    torch::Tensor ce;
    torch::Tensor kl;     ///< zero when SGT is disabled
    torch::Tensor logits; ///< of the original input (detached), for accuracy
};

/// Saliency-guided training loss (Ismail et al. 2021):
/// CE(f(x), y) + lambda * KL(softmax f(x) || softmax f(x_masked)), x_masked = x with its
/// lowest-saliency features replaced (maskLowSaliency). With SGT disabled: plain CE.
///
/// Speed: by default the saliency d(target logit)/dx comes from the training forward pass of x
/// itself (torch::autograd::grad with respect to the input only, graph retained), so one step
/// costs 2 forwards + 1 input-only backward + 1 backward through both branches instead of the
/// reference's 3 forwards + 2 backwards. The difference: the saliency is taken in train mode
/// (dropout active, batch-norm batch statistics). SgtConfig::separateSaliencyPass restores the
/// reference's separate eval-mode pass.
class SaliencyGuidedLoss {
public:
    explicit SaliencyGuidedLoss(SgtConfig config);

    /// Per-channel value used by Fill::Background (e.g. the normalised black pixel).
    void setBackground(std::vector<float> perChannel) { m_background = std::move(perChannel); }
    /// Generator for the uniform fill (CPU only); default: the device's default generator.
    void setGenerator(c10::optional<at::Generator> generator)
    {
        m_generator = std::move(generator);
    }

    /// Runs the forward passes of `model` (in train mode when the caller set it) on `input`
    /// [N, C, H, W] with targets `target` [N] and returns the loss to back-propagate.
    /// `forward` is the model's forward function, e.g. [&](auto x) { return model->forward(x); }.
    /// `step`: the optimiser steps taken before this one, for SgtConfig::startStep / rampSteps
    /// (klWeightAt); before startStep the loss is plain cross-entropy at plain-step cost.
    SgtLossResult compute(const std::function<torch::Tensor(const torch::Tensor &)> &forward,
                          torch::nn::Module &model, const torch::Tensor &input,
                          const torch::Tensor &target, int64_t step = 0) const;

    /// The KL weight of step `step` (0-based): 0 when SGT is disabled or step < startStep,
    /// klWeight * min(1, (step - startStep + 1) / rampSteps) after (klWeight when rampSteps 0).
    double klWeightAt(int64_t step) const;

    /// The masked input for `input` given the model (the same procedure compute() uses),
    /// for inspection and tests.
    torch::Tensor maskedInput(const std::function<torch::Tensor(const torch::Tensor &)> &forward,
                              const torch::Tensor &input, const torch::Tensor &target) const;

    const SgtConfig &config() const { return m_config; }

private:
    SgtConfig m_config;
    std::vector<float> m_background;
    c10::optional<at::Generator> m_generator;
};

} // namespace ql::core
