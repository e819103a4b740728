// SPDX-License-Identifier: MIT
#include "core/train/finetune.h"
#include "core/train/finetune_schedule.h"

#include "core/data/batch.h"
#include "core/metrics/feature_removal.h"
#include "core/quant/pact_activation.h"
#include "core/quant/post_training.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace ql::core {

namespace {

std::vector<int> activationBits(const torch::nn::Module &model)
{
    std::vector<int> out;
    for (const auto &module : model.modules())
        if (auto pact = std::dynamic_pointer_cast<PactActivationImpl>(module))
            out.push_back(pact->bits());
    return out;
}

} // namespace

std::vector<torch::Tensor> calibrationBatches(const Dataset &data, const Normalization &norm,
                                              int64_t images, int64_t batchSize,
                                              const c10::Device &device)
{
    std::vector<torch::Tensor> batches;
    if (images <= 0 || data.size() == 0)
        return batches;
    if (batchSize < 1)
        throw std::invalid_argument("calibration batch size must be >= 1");
    const Dataset subset = balancedSubset(data, images);
    for (int64_t start = 0; start < subset.size(); start += batchSize) {
        const int64_t len = std::min(batchSize, subset.size() - start);
        batches.push_back(toModelInput(subset.images.narrow(0, start, len), norm, device));
    }
    return batches;
}

ClassifierPtr calibratedQuantizedCopy(const ClassifierImpl &from, const QuantConfig &bits,
                                      const std::vector<torch::Tensor> &batches,
                                      const c10::Device &device, CalibrationReport *report)
{
    bits.validate();
    const std::vector<int> before = activationBits(from);
    ClassifierPtr model = cloneClassifier(from, device);
    model->applyQuantConfig(bits);
    const std::vector<int> after = activationBits(*model);
    // Calibrate every quantized activation whose alpha was not trained at these bits: float
    // ReLUs of the starting model, and activations whose bit-width changes (the MSE-optimal
    // clip level depends on the number of levels).
    std::vector<bool> calibrate(after.size(), false);
    for (size_t i = 0; i < after.size(); ++i)
        calibrate[i] = after[i] != kFloatBits && (i >= before.size() || before[i] != after[i]);
    calibratePactAlphas(*model, batches, calibrate);
    if (report) {
        report->layers = pactLayerNames(*model);
        report->bits = after;
        report->calibrated = calibrate;
        if (batches.empty())
            std::fill(report->calibrated.begin(), report->calibrated.end(), false);
        report->alphas = pactAlphas(*model);
    }
    return model;
}

CalibrationReport prepareCalibratedFineTune(Trainer &trainer, const ClassifierImpl &from,
                                            const DataSplits &data, int64_t calibrationImages)
{
    const TrainingConfig &config = trainer.config();
    // Calibrate on the CPU: a few batches of inference; the trainer moves the copy itself.
    const c10::Device cpu(torch::kCPU);
    const auto batches = calibrationBatches(data.train, data.norm, calibrationImages,
                                            std::max(1, config.testBatchSize), cpu);
    CalibrationReport report;
    ClassifierPtr start = calibratedQuantizedCopy(from, config.model.quant, batches, cpu, &report);
    trainer.setInitialModel(*start);
    return report;
}

std::string describeCalibration(const CalibrationReport &report)
{
    std::string text;
    for (size_t i = 0; i < report.alphas.size(); ++i) {
        if (i >= report.calibrated.size() || !report.calibrated[i])
            continue;
        char line[160];
        std::snprintf(line, sizeof line, "%s: alpha %.3f (%d bits)\n",
                      i < report.layers.size() ? report.layers[i].c_str() : "?",
                      double(report.alphas[i]), report.bits[i]);
        text += line;
    }
    return text;
}

void useDelayedSgtStart(SgtConfig &sgt, int64_t budgetSteps)
{
    if (!sgt.enabled)
        return;
    sgt.startStep = std::min<int64_t>(kFineTuneSgtStart, std::max<int64_t>(0, budgetSteps) / 8);
    sgt.rampSteps = sgt.startStep;
}

} // namespace ql::core
