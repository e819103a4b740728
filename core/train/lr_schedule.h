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
    /// Throws std::invalid_argument for an unknown name or invalid parameters.
    LrSchedule(ScheduleConfig config, int epochs, int64_t stepsPerEpoch);

    /// Learning rate of batch `batch` (0-based) of epoch `epoch` (0-based) for base rate
    /// `baseLr` (one-cycle: the peak rate).
    double learningRate(double baseLr, int epoch, int64_t batch) const;

    const ScheduleConfig &config() const { return m_config; }

private:
    ScheduleConfig m_config;
    int m_epochs;
    int64_t m_stepsPerEpoch;
};

} // namespace ql::core
