// SPDX-License-Identifier: MIT
#include "core/train/lr_schedule.h"

#include "core/registry.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

namespace ql::core {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Cosine interpolation from `start` (pct 0) to `end` (pct 1), as OneCycleLR's _annealing_cos.
double annealCos(double start, double end, double pct)
{
    return end + (start - end) / 2.0 * (std::cos(kPi * pct) + 1.0);
}

} // namespace

LrSchedule::LrSchedule(ScheduleConfig config, int epochs, int64_t stepsPerEpoch, int64_t maxSteps)
    : m_config(std::move(config)), m_epochs(epochs), m_stepsPerEpoch(stepsPerEpoch)
{
    const std::string &n = m_config.name;
    if (!registry::contains(registry::schedules(), n))
        throw std::invalid_argument("unknown learning-rate schedule '" + n + "' (" +
                                    registry::joined(registry::schedules(), ", ") + ")");
    if (epochs < 1 || stepsPerEpoch < 1)
        throw std::invalid_argument("a schedule needs at least one epoch of one batch");
    if (m_config.stepSize < 1)
        throw std::invalid_argument("schedule step size must be at least 1 epoch");
    if (maxSteps < 0)
        throw std::invalid_argument("a step budget cannot be negative");
    m_totalSteps = double(epochs) * double(stepsPerEpoch);
    m_totalEpochs = epochs;
    if (maxSteps > 0 && double(maxSteps) < m_totalSteps) {
        m_totalSteps = double(maxSteps);
        m_totalEpochs = double((maxSteps + stepsPerEpoch - 1) / stepsPerEpoch);
    }
}

double LrSchedule::learningRate(double baseLr, int epoch, int64_t batch) const
{
    const ScheduleConfig &c = m_config;
    if (c.name == "step")
        return baseLr * std::pow(c.gamma, epoch / c.stepSize);
    if (c.name == "multistep") {
        int passed = 0;
        for (int m : c.milestones)
            passed += epoch >= m ? 1 : 0;
        return baseLr * std::pow(c.gamma, passed);
    }
    // Position t in [0, total): batches or epochs.
    const double total = c.perBatch ? m_totalSteps : m_totalEpochs;
    const double t = c.perBatch ? double(epoch) * double(m_stepsPerEpoch) + double(batch) : epoch;
    if (c.name == "cosine")
        return c.minLr + (baseLr - c.minLr) * (1.0 + std::cos(kPi * t / total)) / 2.0;
    if (c.name == "onecycle") {
        // PyTorch OneCycleLR, two phases, cosine annealing; step t of total T.
        const double initial = baseLr / c.divFactor;
        const double minimum = initial / c.finalDivFactor;
        const double phaseEnd = c.pctStart * total - 1.0;
        if (t <= phaseEnd)
            return annealCos(initial, baseLr, phaseEnd > 0 ? t / phaseEnd : 1.0);
        const double span = (total - 1.0) - phaseEnd;
        return annealCos(baseLr, minimum, span > 0 ? std::min(1.0, (t - phaseEnd) / span) : 1.0);
    }
    return baseLr;
}

} // namespace ql::core
