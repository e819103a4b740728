// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/model_spec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ql::core {

/// Saliency-guided training (Ismail et al. 2021) settings.
struct SgtConfig {
    enum class Saliency { Magnitude, Signed }; ///< Signed reproduces the reference code
    enum class Fill { UniformRange, Background, ChannelMean }; ///< value of masked features
    bool enabled = false;
    double maskFraction = 0.5; ///< k: fraction of features masked per sample, in [0, 1)
    double klWeight = 1.0;     ///< lambda
    Saliency saliency = Saliency::Magnitude;
    Fill fill = Fill::UniformRange;
    /// false (default, faster): the saliency gradient reuses the training forward pass (train
    /// mode, dropout active) and differentiates with respect to the input only. true: a
    /// separate eval-mode forward + backward as in the reference code (one forward more).
    bool separateSaliencyPass = false;
    /// Optimiser steps (counted over the whole run, resumes included) of plain cross-entropy
    /// before SGT begins: no saliency pass, no masking, no KL. A quantization-aware fine-tune
    /// from a model trained without SGT first recovers the accuracy that quantization cost,
    /// instead of dipping while the KL term reshapes the model (docs/RESULTS.md, issue 10).
    int64_t startStep = 0;
    /// Steps after startStep over which the KL weight rises linearly to klWeight (0: at once).
    int64_t rampSteps = 0;
};

struct OptimizerConfig {
    std::string name = "adadelta"; ///< sgd, adam, adamw, adadelta
    double learningRate = 1.0;
    double momentum = 0.9; ///< sgd
    bool nesterov = false; ///< sgd
    double weightDecay = 0.0;
    double alphaDecay = 2e-4; ///< L2 on PACT alphas, own parameter group
};

/// Learning-rate schedule; the optimiser's learningRate is the base (one-cycle: the peak).
/// step / multistep count epochs; cosine and onecycle count batches when perBatch, else epochs.
struct ScheduleConfig {
    std::string name = "none";   ///< none, step, multistep, cosine, onecycle
    int stepSize = 1;            ///< step: epochs between decays
    std::vector<int> milestones; ///< multistep: epochs at which lr *= gamma
    double gamma = 0.7;
    bool perBatch = true;        ///< cosine / onecycle: update every batch (else every epoch)
    double minLr = 0.0;          ///< cosine: eta_min
    double pctStart = 0.3;       ///< onecycle: fraction of the steps spent increasing
    double divFactor = 25.0;     ///< onecycle: initial lr = max / divFactor
    double finalDivFactor = 1e4; ///< onecycle: final lr = initial / finalDivFactor
};

/// Everything that defines a training run; serialised into run folders and checkpoints.
struct TrainingConfig {
    std::string dataset = "mnist"; ///< mnist, fashion-mnist, cifar10, or folder:<path>
    std::string dataDir;           ///< where the data set's files are
    /// Image folders (folder:<path>) only: resize every image to resizeWidth x resizeHeight
    /// (area interpolation) so that folders of mixed sizes can be loaded. 0 x 0 (default):
    /// every image must have the size of the first one. Written to JSON only when set, so
    /// configs without it read as 0 x 0.
    int resizeWidth = 0;
    int resizeHeight = 0;
    ModelSpec model;
    SgtConfig sgt;
    OptimizerConfig optimizer;
    ScheduleConfig schedule;
    int epochs = 10;
    /// Step budget: stop after this many batches in total (counted over all epochs, a resumed
    /// run's earlier batches included), or at the end of `epochs`, whichever comes first; a
    /// budget that ends inside an epoch evaluates and checkpoints there. The schedule spans the
    /// budget. 0: no budget (epochs alone).
    int64_t maxSteps = 0;
    int batchSize = 128;
    int testBatchSize = 128; ///< CPU inference is fastest per image in small batches (cache)
    bool augment = false;    ///< pad-4 random crop + horizontal flip (CIFAR)
    uint64_t seed = 1;
    int threads = 0; ///< 0: all cores
    std::string device = "cpu";
    int64_t trainLimit = 0; ///< use only N training samples, class-balanced (0: all)
    int64_t testLimit = 0;  ///< likewise for the test split
    int batchLogEvery = 10; ///< keep every n-th batch in the metrics history / batches.csv
    /// Fine-tuning ("retrain"): start from this checkpoint's weights (and alphas) at this
    /// config's bit-widths, with a fresh optimiser. Empty: random initialisation.
    std::string initFrom;
};

/// The best measured recipe (docs/RESULTS.md, issue 3: it reached the accuracy targets in
/// fewer epochs than Adadelta): Adam, a one-cycle schedule updated every batch, peak learning
/// rate 0.003. The CLI's `train` and the GUI start from it.
inline void useRecommendedRecipe(TrainingConfig &config)
{
    config.optimizer.name = "adam";
    config.optimizer.learningRate = 0.003;
    config.schedule.name = "onecycle";
    config.schedule.perBatch = true;
}

/// Reported after every batch. Plain values: the GUI gets copies through queued signals.
struct BatchMetrics {
    int epoch = 0;    ///< 1-based
    int64_t step = 0; ///< batch index within the epoch, 1-based
    int64_t stepsPerEpoch = 0;
    int64_t globalStep = 0;
    double loss = 0, ce = 0, kl = 0, accuracy = 0;
    double learningRate = 0;
    double samplesPerSecond = 0;
    std::vector<float> alphas;           ///< per PACT layer, forward order
    std::vector<float> clippedFractions; ///< per PACT layer: fraction of inputs >= alpha
};

/// Reported after every epoch.
struct EpochMetrics {
    int epoch = 0;
    double trainLoss = 0, trainAccuracy = 0;
    double testLoss = 0, testAccuracy = 0;
    double seconds = 0; ///< wall-clock of the epoch, evaluation included
};

/// How a run ended.
enum class RunOutcome { Finished, Cancelled, Diverged, Failed };

/// Receives progress from a training run, on the training thread. Implementations must be
/// cheap and thread-safe (the Qt controller turns each call into a queued signal).
class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    virtual void onBatch(const BatchMetrics &) {}
    virtual void onEpoch(const EpochMetrics &) {}
    virtual void onMessage(const std::string &) {}
    virtual void onFinished(RunOutcome, const std::string & /*message*/) {}
};

} // namespace ql::core
