// SPDX-License-Identifier: MIT
#include "core/quant/post_training.h"

#include "core/quant/pact_activation.h"

#include <ATen/ATen.h>

#include <limits>
#include <stdexcept>

namespace ql::core {
namespace {

// Values kept per layer and batch: enough for stable percentiles up to 99.99%, small enough
// that a preview stays instant even for 9216-wide layers at batch 512.
constexpr int64_t kSamplesPerBatch = 65536;

std::vector<std::shared_ptr<PactActivationImpl>> pactsOf(const torch::nn::Module &model)
{
    std::vector<std::shared_ptr<PactActivationImpl>> out;
    for (const auto &module : model.modules())
        if (auto pact = std::dynamic_pointer_cast<PactActivationImpl>(module))
            out.push_back(pact);
    return out;
}

} // namespace

float mseOptimalAlpha(const torch::Tensor &positives, int bits)
{
    if (bits < 1 || bits > 8)
        throw std::invalid_argument("calibration needs 1 to 8 bits, got " + std::to_string(bits));
    torch::Tensor x = positives.to(torch::kCPU).to(torch::kFloat).flatten();
    if (x.numel() == 0)
        throw std::invalid_argument("calibration needs at least one positive activation");
    // at::quantile's input limit is 16M elements; 4M evenly strided values are plenty.
    if (x.numel() > (int64_t{1} << 22))
        x = x.slice(0, 0, c10::nullopt, x.numel() / (int64_t{1} << 22) + 1);
    const torch::Tensor q =
        torch::tensor({0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9995, 0.9999, 1.0}, torch::kFloat);
    const torch::Tensor candidates = at::quantile(x, q);
    float best = candidates[-1].item<float>();
    double bestError = std::numeric_limits<double>::infinity();
    for (int64_t i = 0; i < candidates.numel(); ++i) {
        const float alpha = candidates[i].item<float>();
        if (!(alpha > 0.0f))
            continue;
        const torch::Tensor y = pactFunction(x, torch::full({}, alpha), bits);
        const double error = (y - x).pow(2).mean().item<double>();
        if (error < bestError) {
            bestError = error;
            best = alpha;
        }
    }
    return best;
}

void calibratePactAlphas(ClassifierImpl &model, const std::vector<torch::Tensor> &batches,
                         const std::vector<bool> &only)
{
    const auto pacts = pactsOf(model);
    if (!only.empty() && only.size() != pacts.size())
        throw std::invalid_argument("calibratePactAlphas: mask has " + std::to_string(only.size()) +
                                    " entries for " + std::to_string(pacts.size()) +
                                    " activations");
    std::vector<size_t> chosen;
    for (size_t i = 0; i < pacts.size(); ++i)
        if (pacts[i]->bits() != kFloatBits && (only.empty() || only[i]))
            chosen.push_back(i);
    if (chosen.empty() || batches.empty())
        return;

    // Record with the chosen activations as ReLU (their alphas are meaningless until now).
    std::vector<std::vector<torch::Tensor>> samples(pacts.size());
    std::vector<int> bits(pacts.size(), kFloatBits);
    for (size_t i : chosen) {
        bits[i] = pacts[i]->bits();
        pacts[i]->setBits(kFloatBits);
        pacts[i]->setObserver([&samples, i](const torch::Tensor &x) {
            torch::Tensor flat = x.flatten();
            const int64_t stride = std::max<int64_t>(1, flat.numel() / kSamplesPerBatch);
            flat = flat.slice(0, 0, c10::nullopt, stride);
            samples[i].push_back(flat.masked_select(flat > 0).to(torch::kCPU));
        });
    }
    const bool wasTraining = model.is_training();
    const c10::Device device = model.parameters().front().device();
    try {
        torch::NoGradGuard noGrad;
        model.eval();
        for (const torch::Tensor &batch : batches)
            model.forward(batch.to(device, torch::kFloat));
    } catch (...) {
        for (size_t i : chosen) {
            pacts[i]->setObserver({});
            pacts[i]->setBits(bits[i]);
        }
        model.train(wasTraining);
        throw;
    }
    model.train(wasTraining);
    for (size_t i : chosen) {
        pacts[i]->setObserver({});
        pacts[i]->setBits(bits[i]);
        const torch::Tensor all = at::cat(samples[i]);
        if (all.numel() > 0)
            pacts[i]->setAlphaValue(mseOptimalAlpha(all, bits[i]));
    }
}

ClassifierPtr quantizePostTraining(const ClassifierImpl &trained, const QuantConfig &bits,
                                   const std::vector<torch::Tensor> &calibrationBatches,
                                   c10::Device device)
{
    bits.validate();
    // Which activations were float ReLUs in the trained model: their alphas never trained.
    std::vector<bool> untrained;
    for (const auto &pact : pactsOf(trained))
        untrained.push_back(pact->bits() == kFloatBits);
    ClassifierPtr model = cloneClassifier(trained, device);
    model->applyQuantConfig(bits);
    calibratePactAlphas(*model, calibrationBatches, untrained);
    model->eval();
    return model;
}

} // namespace ql::core
