// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <cstdint>

namespace ql::core {

/// Closed-form learning-rate schedules (the formulas of PyTorch's StepLR, MultiStepLR,
/// CosineAnnealingLR and OneCycleLR with cosine annealing), evaluated from the position in
/// training, so a resumed run gets the same rate without replaying the schedule.
class LrSchedule {
public:
    /// Throws std::invalid_argument for an unknown name or invalid parameters. `maxSteps` > 0
    /// (TrainingConfig::maxSteps) shortens the run to that many batches: cosine and one-cycle
    /// then span min(epochs x stepsPerEpoch, maxSteps) batches (per epoch: the epochs that
    /// budget touches).
    LrSchedule(ScheduleConfig config, int epochs, int64_t stepsPerEpoch, int64_t maxSteps = 0);

    /// Learning rate of batch `batch` (0-based) of epoch `epoch` (0-based) for base rate
    /// `baseLr` (one-cycle: the peak rate).
    double learningRate(double baseLr, int epoch, int64_t batch) const;

    const ScheduleConfig &config() const { return m_config; }

private:
    ScheduleConfig m_config;
    int m_epochs;
    int64_t m_stepsPerEpoch;
    double m_totalSteps;  ///< batches the cosine / one-cycle schedule spans
    double m_totalEpochs; ///< epochs it spans when not per batch
};

} // namespace ql::core
