// SPDX-License-Identifier: MIT
#include "core/train/saliency_guided_loss.h"

#include "core/models/sample_keys.h"

#include <torch/autograd.h>
#include <torch/nn/functional/loss.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace ql::core {

int64_t maskedFeatureCount(double maskFraction, int64_t height, int64_t width)
{
    if (!(maskFraction >= 0.0 && maskFraction < 1.0))
        throw std::invalid_argument("mask fraction must be in [0, 1), got " +
                                    std::to_string(maskFraction));
    return static_cast<int64_t>(std::floor(maskFraction * double(height * width)));
}

torch::Tensor reduceSaliency(const torch::Tensor &inputGradient, SgtConfig::Saliency mode)
{
    TORCH_CHECK(inputGradient.dim() == 4, "saliency: expected a gradient [N, C, H, W]");
    const torch::Tensor g =
        mode == SgtConfig::Saliency::Magnitude ? inputGradient.abs() : inputGradient;
    return g.mean(1, /*keepdim=*/true);
}

torch::Tensor maskLowSaliency(const torch::Tensor &input, const torch::Tensor &saliency,
                              double maskFraction, SgtConfig::Fill fill,
                              const std::vector<float> &background,
                              c10::optional<at::Generator> generator)
{
    TORCH_CHECK(input.dim() == 4, "masking: expected an input [N, C, H, W]");
    const int64_t n = input.size(0), c = input.size(1), h = input.size(2), w = input.size(3);
    const torch::Tensor x = input.detach();
    const int64_t count = maskedFeatureCount(maskFraction, h, w);
    if (count == 0 || n == 0)
        return x.clone();
    torch::Tensor map = saliency.detach();
    if (map.size(1) != 1)
        map = map.mean(1, true);
    TORCH_CHECK(map.size(0) == n && map.size(2) == h && map.size(3) == w,
                "masking: saliency and input shapes differ");
    // Indices of the `count` lowest values per sample; one spatial mask for all channels.
    const torch::Tensor lowest =
        std::get<1>(map.reshape({n, h * w}).topk(count, 1, /*largest=*/false, /*sorted=*/false));
    const torch::Tensor mask = torch::zeros({n, h * w}, x.options().dtype(torch::kBool))
                                   .scatter_(1, lowest, true)
                                   .view({n, 1, h, w});
    torch::Tensor values;
    switch (fill) {
    case SgtConfig::Fill::UniformRange: {
        const torch::Tensor lo = x.amin({2, 3}, true), hi = x.amax({2, 3}, true);
        torch::Tensor r;
        if (const SampleKeys *keys = currentSampleKeys(n)) {
            // Data-parallel shard: draw the global batch's fill, keep this shard's rows.
            std::vector<int64_t> size = x.sizes().vec();
            size[0] = keys->globalSize;
            r = at::rand(size, std::move(generator), x.options())
                    .index_select(0, torch::tensor(keys->keys, torch::kLong).to(x.device()));
        } else {
            r = at::rand(x.sizes(), std::move(generator), x.options());
        }
        values = lo + r * (hi - lo);
        break;
    }
    case SgtConfig::Fill::Background: {
        std::vector<float> bg = background.empty() ? std::vector<float>{0.0f} : background;
        TORCH_CHECK(bg.size() == 1 || int64_t(bg.size()) == c,
                    "masking: background needs one value or one per channel");
        values = torch::tensor(bg, x.options().dtype(torch::kFloat))
                     .to(x.scalar_type())
                     .view({1, int64_t(bg.size()), 1, 1})
                     .expand_as(x);
        break;
    }
    case SgtConfig::Fill::ChannelMean:
        values = x.mean({2, 3}, true).expand_as(x);
        break;
    }
    return torch::where(mask, values, x);
}

torch::Tensor klDivergence(const torch::Tensor &logits, const torch::Tensor &maskedLogits)
{
    const torch::Tensor logP = torch::log_softmax(logits, 1);
    const torch::Tensor logQ = torch::log_softmax(maskedLogits, 1);
    return (logP.exp() * (logP - logQ)).sum(1).mean();
}

SaliencyGuidedLoss::SaliencyGuidedLoss(SgtConfig config) : m_config(std::move(config))
{
    maskedFeatureCount(m_config.maskFraction, 1, 1); // validates the fraction
    if (!(m_config.klWeight >= 0.0) || !std::isfinite(m_config.klWeight))
        throw std::invalid_argument("KL weight must be finite and >= 0");
    if (m_config.startStep < 0 || m_config.rampSteps < 0)
        throw std::invalid_argument("SGT start step and ramp steps must be >= 0");
}

double SaliencyGuidedLoss::klWeightAt(int64_t step) const
{
    if (!m_config.enabled || step < m_config.startStep)
        return 0.0;
    if (m_config.rampSteps <= 0)
        return m_config.klWeight;
    const double done = static_cast<double>(step - m_config.startStep + 1);
    return m_config.klWeight * std::min(1.0, done / static_cast<double>(m_config.rampSteps));
}

namespace {

/// d(sum of target logits)/d(input) - one input-gradient per sample (the samples are
/// independent except through batch-norm statistics in train mode).
torch::Tensor targetGradient(const torch::Tensor &logits, const torch::Tensor &input,
                             const torch::Tensor &target, bool retainGraph)
{
    const torch::Tensor selected = logits.gather(1, target.view({-1, 1})).sum();
    return torch::autograd::grad({selected}, {input}, {}, retainGraph)[0];
}

} // namespace

torch::Tensor
SaliencyGuidedLoss::maskedInput(const std::function<torch::Tensor(const torch::Tensor &)> &forward,
                                const torch::Tensor &input, const torch::Tensor &target) const
{
    const torch::Tensor x = input.detach().requires_grad_(true);
    const torch::Tensor gradient = targetGradient(forward(x), x, target, false);
    return maskLowSaliency(input, reduceSaliency(gradient, m_config.saliency),
                           m_config.maskFraction, m_config.fill, m_background, m_generator);
}

SgtLossResult
SaliencyGuidedLoss::compute(const std::function<torch::Tensor(const torch::Tensor &)> &forward,
                            torch::nn::Module &model, const torch::Tensor &input,
                            const torch::Tensor &target, int64_t step) const
{
    if (!m_config.enabled || step < m_config.startStep) {
        const torch::Tensor logits = forward(input);
        const torch::Tensor ce = torch::nn::functional::cross_entropy(logits, target);
        return {ce, ce.detach(), torch::zeros({}, ce.options()), logits.detach()};
    }
    torch::Tensor logits, gradient;
    if (m_config.separateSaliencyPass) {
        // The reference code: an eval-mode pass of its own for the saliency.
        const bool wasTraining = model.is_training();
        model.eval();
        const torch::Tensor x = input.detach().requires_grad_(true);
        gradient = targetGradient(forward(x), x, target, false);
        model.train(wasTraining);
        logits = forward(input.detach());
    } else {
        // Reuse the training forward: differentiate with respect to the input only (no weight
        // gradients) and keep the graph for the loss's backward pass.
        const torch::Tensor x = input.detach().requires_grad_(true);
        logits = forward(x);
        gradient = targetGradient(logits, x, target, true);
    }
    const torch::Tensor masked =
        maskLowSaliency(input, reduceSaliency(gradient, m_config.saliency), m_config.maskFraction,
                        m_config.fill, m_background, m_generator);
    const torch::Tensor maskedLogits = forward(masked);
    const torch::Tensor ce = torch::nn::functional::cross_entropy(logits, target);
    const torch::Tensor kl = klDivergence(logits, maskedLogits);
    const torch::Tensor loss = ce + klWeightAt(step) * kl;
    return {loss, ce.detach(), kl.detach(), logits.detach()};
}

} // namespace ql::core
