// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <QString>

#include <chrono>
#include <cstdio>
#include <optional>

namespace ql::app {

/// Progress of a training run on stdout (or `out`). On a terminal: a one-line bar (epoch, step,
/// loss, accuracy, samples/s, ETA) redrawn in place at most ten times a second. Written to a
/// file or a pipe (not a terminal): no carriage returns, one plain line at every 10% of the job
/// instead. Both add one line per epoch and the outcome.
class ProgressPrinter : public core::TrainingObserver {
public:
    /// `interactive` defaults to whether `out` is a terminal.
    explicit ProgressPrinter(int epochs, QString label = {}, std::FILE *out = stdout,
                             std::optional<bool> interactive = std::nullopt);
    void onBatch(const core::BatchMetrics &m) override;
    void onEpoch(const core::EpochMetrics &m) override;
    void onMessage(const std::string &text) override;
    void onFinished(core::RunOutcome outcome, const std::string &message) override;

    double lastTestAccuracy() const { return m_lastTestAccuracy; }
    /// A step budget (TrainingConfig::maxSteps; 0: none): progress and ETA count up to it.
    void setStepBudget(int64_t maxSteps) { m_maxSteps = maxSteps; }

    /// Progress of a job counted in items (e.g. `predict`'s images) instead of epochs and
    /// steps: the same bar, rate and ETA, throttled the same way; `done == total` ends the line.
    void onItems(int64_t done, int64_t total, const QString &unit);

private:
    int m_epochs;
    int64_t m_maxSteps = 0;
    QString m_label;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point m_lastDraw{};
    int64_t m_firstGlobalStep = -1;
    double m_lastTestAccuracy = 0;
    bool m_lineOpen = false;
    std::FILE *m_out;
    bool m_interactive;
    int m_lastDecile = 0; ///< non-interactive: last 10% mark printed
};

} // namespace ql::app
