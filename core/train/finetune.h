// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/models/classifier.h"
#include "core/train/trainer.h"

#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ql::core {

/// Quantization-aware fine-tuning from a trained model: the one mechanism behind
/// `quantlens-cli train --init`, `quantlens-cli study` and the GUI's Retrain.
///
///     ClassifierPtr start = loadModelFromCheckpoint("float/best.ckpt", cpu);
///     Trainer trainer(config, splits);            // config.model.quant: the target bits
///     CalibrationReport r = prepareCalibratedFineTune(trainer, *start, splits);
///     trainer.run();                              // QAT (with SGT when config.sgt.enabled)
///
/// Before quantization-aware training starts, the alpha of every PACT activation that is
/// quantized in the target bits and was not already trained at those activation bits in the
/// starting model is calibrated from data (calibratePactAlphas: the MSE-optimal clip level
/// among high percentiles of the observed positive pre-activations). A 2-bit run then starts
/// with levels that cover the activations instead of the fixed alphaInit (10), which rounds
/// nearly all of mnist-cnn's activations to zero (docs/RESULTS.md, issue 3).

/// Normalised calibration batches on `device`: the first `images` samples of a class-balanced
/// interleaving of `data` (balancedSubset), in batches of `batchSize`. Empty for images <= 0.
std::vector<torch::Tensor> calibrationBatches(const Dataset &data, const Normalization &norm,
                                              int64_t images, int64_t batchSize,
                                              const c10::Device &device);

/// What calibration did, per PACT activation in forward order.
struct CalibrationReport {
    std::vector<std::string> layers; ///< pactLayerNames
    std::vector<int> bits;           ///< activation bits in the fine-tuned model
    std::vector<bool> calibrated;    ///< true where the alpha was set from data
    std::vector<float> alphas;       ///< alphas the fine-tune starts from
};

/// A deep copy of `from` on `device` at `bits`, with the alphas calibrated on `batches` as
/// described above. `from` is only read. Throws std::invalid_argument for bad bits.
ClassifierPtr calibratedQuantizedCopy(const ClassifierImpl &from, const QuantConfig &bits,
                                      const std::vector<torch::Tensor> &batches,
                                      const c10::Device &device,
                                      CalibrationReport *report = nullptr);

/// Prepares `trainer` (not yet run) to fine-tune from `from` at trainer.config().model.quant:
/// calibrates on `calibrationImages` class-balanced training images of `data` and hands the
/// result to Trainer::setInitialModel (fresh optimiser, schedule and history).
CalibrationReport prepareCalibratedFineTune(Trainer &trainer, const ClassifierImpl &from,
                                            const DataSplits &data,
                                            int64_t calibrationImages = 1024);

/// One line per calibrated activation ("conv1: alpha 2.31 (4 bits)"), for logs.
std::string describeCalibration(const CalibrationReport &report);

} // namespace ql::core
