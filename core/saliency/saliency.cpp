// SPDX-License-Identifier: MIT
#include "core/saliency/saliency.h"

#include "core/saliency/gaussian_blur.h"
#include "core/saliency/model_mode_guard.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <torch/autograd.h>

#include <algorithm>
#include <string>

namespace ql::core {

namespace {

void checkCancel(const std::atomic<bool> *cancel)
{
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed))
        throw Cancelled();
}

/// d(sum_n logit_n[target_n]) / d x: per-sample input gradients (samples are independent in
/// eval mode). Also returns the logits.
std::pair<torch::Tensor, torch::Tensor> inputGradient(ClassifierImpl &model, const torch::Tensor &x,
                                                      const torch::Tensor &targets)
{
    auto in = x.detach().requires_grad_(true);
    auto logits = model.forward(in);
    auto selected = logits.gather(1, targets.view({-1, 1})).sum();
    auto grads = torch::autograd::grad({selected}, {in}, /*grad_outputs=*/{},
                                       /*retain_graph=*/false, /*create_graph=*/false,
                                       /*allow_unused=*/true);
    auto g = grads[0].defined() ? grads[0] : at::zeros_like(x);
    return {g.detach(), logits.detach()};
}

/// Per-sample [min, max] range as [N, 1, 1, 1] tensors.
std::pair<torch::Tensor, torch::Tensor> sampleRange(const torch::Tensor &x)
{
    auto flat = x.flatten(1);
    return {std::get<0>(flat.min(1)).view({-1, 1, 1, 1}),
            std::get<0>(flat.max(1)).view({-1, 1, 1, 1})};
}

/// Runs `rowsPerInput` gradient evaluations per input in chunks of at most maxChunk samples and
/// returns the mean gradient per input. makeRows(inputIndex, rowIndexWithinInput) builds the
/// samples of one chunk.
template <typename MakeRows>
torch::Tensor chunkedMeanGradient(ClassifierImpl &model, const torch::Tensor &x,
                                  const torch::Tensor &targets, int64_t rowsPerInput,
                                  int64_t maxChunk, const std::atomic<bool> *cancel,
                                  MakeRows makeRows)
{
    const int64_t total = x.size(0) * rowsPerInput;
    auto sum = at::zeros_like(x);
    auto longOpts = at::TensorOptions().dtype(at::kLong).device(x.device());
    for (int64_t start = 0; start < total; start += maxChunk) {
        checkCancel(cancel);
        const int64_t end = std::min(total, start + maxChunk);
        auto rows = at::arange(start, end, longOpts);
        auto inputIndex = at::floor_divide(rows, rowsPerInput);
        auto within = rows - inputIndex * rowsPerInput;
        auto samples = makeRows(inputIndex, within);
        auto g = inputGradient(model, samples, targets.index_select(0, inputIndex)).first;
        sum.index_add_(0, inputIndex, g);
    }
    return sum / static_cast<double>(rowsPerInput);
}

torch::Tensor makeBaseline(const torch::Tensor &x, const SaliencyOptions &options,
                           const at::Generator &generator)
{
    switch (options.baseline) {
    case IgBaseline::Zeros:
        return at::zeros_like(x);
    case IgBaseline::Blurred:
        return gaussianBlur(x, options.blurSigma);
    case IgBaseline::Uniform: {
        auto [lo, hi] = sampleRange(x);
        auto u =
            at::rand(x.sizes(), generator, at::TensorOptions().dtype(at::kFloat)).to(x.device());
        return lo + u * (hi - lo);
    }
    }
    return at::zeros_like(x);
}

torch::Tensor gradCam(ClassifierImpl &model, const torch::Tensor &x, const torch::Tensor &targets,
                      const SaliencyOptions &options, const std::atomic<bool> *cancel)
{
    std::vector<torch::Tensor> parts;
    for (int64_t start = 0; start < x.size(0); start += options.maxChunk) {
        checkCancel(cancel);
        auto chunk = x.slice(0, start, std::min(x.size(0), start + options.maxChunk));
        // The input requires grad so the features are part of a graph even for frozen models.
        auto in = chunk.detach().requires_grad_(true);
        auto [logits, features] = model.forwardWithFeatures(in);
        if (!features.defined() || features.dim() != 4)
            throw std::invalid_argument("Grad-CAM needs a model with a convolutional block "
                                        "(forwardWithFeatures returned no [N, K, h, w] features)");
        auto t = targets.slice(0, start, start + chunk.size(0));
        auto selected = logits.gather(1, t.view({-1, 1})).sum();
        auto g = torch::autograd::grad({selected}, {features}, {}, false, false, true)[0];
        if (!g.defined())
            g = at::zeros_like(features);
        auto weights = g.mean({2, 3}, /*keepdim=*/true);
        auto cam = (weights * features.detach()).sum(1, /*keepdim=*/true);
        if (options.absolute)
            cam = at::relu(cam);
        cam = at::upsample_bilinear2d(cam, {x.size(2), x.size(3)}, /*align_corners=*/false);
        parts.push_back(cam.squeeze(1));
    }
    return at::cat(parts, 0);
}

} // namespace

void validateSaliencyOptions(const SaliencyOptions &o)
{
    if (o.smoothGradSamples < 1)
        throw std::invalid_argument("SmoothGrad needs at least 1 sample (got " +
                                    std::to_string(o.smoothGradSamples) + ")");
    if (!(o.noiseLevel >= 0.0f))
        throw std::invalid_argument("SmoothGrad noise level must be >= 0");
    if (o.igSteps < 1)
        throw std::invalid_argument("Integrated gradients needs at least 1 step (got " +
                                    std::to_string(o.igSteps) + ")");
    if (o.maxChunk < 1)
        throw std::invalid_argument("saliency chunk size must be >= 1");
    if (o.baseline == IgBaseline::Blurred && !(o.blurSigma > 0.0f))
        throw std::invalid_argument("blurred baseline needs a blur sigma > 0");
}

torch::Tensor reduceChannels(const torch::Tensor &a, bool absolute, ChannelReduction reduction)
{
    if (a.dim() != 4)
        throw std::invalid_argument("reduceChannels expects [N, C, H, W] attributions");
    if (absolute) {
        auto m = a.abs();
        switch (reduction) {
        case ChannelReduction::Mean:
            return m.mean(1);
        case ChannelReduction::Sum:
            return m.sum(1);
        case ChannelReduction::MaxAbs:
            return m.amax(1);
        }
    }
    switch (reduction) {
    case ChannelReduction::Mean:
        return a.mean(1);
    case ChannelReduction::Sum:
        return a.sum(1);
    case ChannelReduction::MaxAbs:
        return a.gather(1, a.abs().argmax(1, /*keepdim=*/true)).squeeze(1);
    }
    return a.mean(1);
}

SaliencyResult computeSaliency(ClassifierImpl &model, const torch::Tensor &inputs,
                               const SaliencyOptions &options, const torch::Tensor &targetsIn,
                               const std::atomic<bool> *cancel)
{
    validateSaliencyOptions(options);
    if (!inputs.defined() || inputs.dim() != 4 || inputs.size(0) == 0)
        throw std::invalid_argument("saliency expects a non-empty [N, C, H, W] input batch");
    const int64_t n = inputs.size(0);
    if (targetsIn.defined() && (targetsIn.dim() != 1 || targetsIn.size(0) != n))
        throw std::invalid_argument("saliency targets must be [N] with N = " + std::to_string(n));

    ModelModeGuard modeGuard(model);
    torch::AutoGradMode gradEnabled(true);
    const c10::Device device = modelDevice(model);
    const auto x = inputs.detach().to(device, at::kFloat);

    auto checkTargets = [&](const torch::Tensor &t, int64_t classes) {
        if (t.numel() > 0 && (t.min().item<int64_t>() < 0 || t.max().item<int64_t>() >= classes))
            throw std::invalid_argument("saliency target class out of range 0.." +
                                        std::to_string(classes - 1));
    };
    if (options.method == SaliencyMethod::Gradient ||
        options.method == SaliencyMethod::GradientXInput) {
        // One forward per chunk gives the logits, the predicted classes and the gradient (a
        // separate no-grad forward would cost a third more for single images).
        std::vector<torch::Tensor> grads;
        std::vector<torch::Tensor> logitParts;
        std::vector<torch::Tensor> targetParts;
        for (int64_t s = 0; s < n; s += options.maxChunk) {
            checkCancel(cancel);
            const int64_t e = std::min(n, s + options.maxChunk);
            auto in = x.slice(0, s, e).detach().requires_grad_(true);
            auto chunkLogits = model.forward(in);
            auto t = targetsIn.defined() ? targetsIn.slice(0, s, e).to(device, at::kLong)
                                         : chunkLogits.detach().argmax(1);
            checkTargets(t, chunkLogits.size(1));
            auto selected = chunkLogits.gather(1, t.view({-1, 1})).sum();
            auto g = torch::autograd::grad({selected}, {in}, {}, false, false, true)[0];
            grads.push_back(g.defined() ? g.detach() : at::zeros_like(in));
            logitParts.push_back(chunkLogits.detach());
            targetParts.push_back(t);
        }
        auto attributions = at::cat(grads, 0);
        if (options.method == SaliencyMethod::GradientXInput)
            attributions = attributions * x;
        SaliencyResult result;
        const auto outDevice = inputs.device();
        result.maps =
            reduceChannels(attributions, options.absolute, options.reduction).to(outDevice);
        result.attributions = attributions.to(outDevice);
        result.targets = at::cat(targetParts, 0).to(outDevice);
        result.logits = at::cat(logitParts, 0).to(outDevice);
        return result;
    }

    // Logits of the clean inputs (and the predicted classes when no target is given).
    torch::Tensor logits;
    {
        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> parts;
        for (int64_t s = 0; s < n; s += options.maxChunk)
            parts.push_back(model.forward(x.slice(0, s, std::min(n, s + options.maxChunk))));
        logits = at::cat(parts, 0);
    }
    auto targets = targetsIn.defined() ? targetsIn.to(device, at::kLong) : logits.argmax(1);
    checkTargets(targets, logits.size(1));

    auto generator = at::make_generator<at::CPUGeneratorImpl>(options.seed);
    torch::Tensor attributions;
    torch::Tensor maps;
    switch (options.method) {
    case SaliencyMethod::Gradient:
    case SaliencyMethod::GradientXInput:
        attributions = chunkedMeanGradient(model, x, targets, 1, options.maxChunk, cancel,
                                           [&](const torch::Tensor &idx, const torch::Tensor &) {
                                               return x.index_select(0, idx);
                                           });
        if (options.method == SaliencyMethod::GradientXInput)
            attributions = attributions * x;
        break;
    case SaliencyMethod::SmoothGrad: {
        auto [lo, hi] = sampleRange(x);
        const auto sigma = (hi - lo) * options.noiseLevel;
        attributions =
            chunkedMeanGradient(model, x, targets, options.smoothGradSamples, options.maxChunk,
                                cancel, [&](const torch::Tensor &idx, const torch::Tensor &) {
                                    auto base = x.index_select(0, idx);
                                    // Noise is drawn on the CPU generator so results do not depend
                                    // on the device.
                                    auto noise = at::randn(base.sizes(), generator,
                                                           at::TensorOptions().dtype(at::kFloat));
                                    return base + noise.to(device) * sigma.index_select(0, idx);
                                });
        break;
    }
    case SaliencyMethod::IntegratedGradients: {
        const auto baseline = makeBaseline(x, options, generator);
        const int64_t steps = options.igSteps;
        auto meanGrad =
            chunkedMeanGradient(model, x, targets, steps, options.maxChunk, cancel,
                                [&](const torch::Tensor &idx, const torch::Tensor &within) {
                                    // Riemann midpoint rule: alpha_k = (k + 1/2) / steps.
                                    auto alpha =
                                        ((within.to(at::kFloat) + 0.5) / static_cast<double>(steps))
                                            .view({-1, 1, 1, 1});
                                    auto b = baseline.index_select(0, idx);
                                    return b + alpha * (x.index_select(0, idx) - b);
                                });
        attributions = (x - baseline) * meanGrad;
        break;
    }
    case SaliencyMethod::GradCam:
        maps = gradCam(model, x, targets, options, cancel);
        break;
    }
    if (attributions.defined())
        maps = reduceChannels(attributions, options.absolute, options.reduction);

    SaliencyResult result;
    const auto outDevice = inputs.device();
    result.maps = maps.detach().to(outDevice);
    if (attributions.defined())
        result.attributions = attributions.detach().to(outDevice);
    result.targets = targets.to(outDevice);
    result.logits = logits.detach().to(outDevice);
    return result;
}

} // namespace ql::core
