// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <QString>

#include <chrono>

namespace ql::app {

/// A one-line progress bar on stdout (epoch, step, loss, accuracy, samples/s, ETA), redrawn at
/// most ten times a second, plus one line per epoch and the outcome.
class ProgressPrinter : public core::TrainingObserver {
public:
    explicit ProgressPrinter(int epochs, QString label = {});
    void onBatch(const core::BatchMetrics &m) override;
    void onEpoch(const core::EpochMetrics &m) override;
    void onMessage(const std::string &text) override;
    void onFinished(core::RunOutcome outcome, const std::string &message) override;

    double lastTestAccuracy() const { return m_lastTestAccuracy; }

private:
    int m_epochs;
    QString m_label;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point m_lastDraw{};
    int64_t m_firstGlobalStep = -1;
    double m_lastTestAccuracy = 0;
    bool m_lineOpen = false;
};

} // namespace ql::app
