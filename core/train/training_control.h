// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/metrics_history.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

namespace ql::core {

/// What a running Trainer shares with other threads: the pause / cancel / learning-rate
/// controls (effective between batches), the lock held while a batch updates the model, and
/// the metrics history. Every member is thread-safe.
class TrainingControl {
public:
    void pause() { m_paused = true; }
    void resume();
    void cancel();
    /// Clears a cancel request left from an earlier run.
    void arm() { m_cancel = false; }
    bool isPaused() const { return m_paused.load(); }
    bool isCancelled() const { return m_cancel.load(); }
    void setRunning(bool running);
    bool isRunning() const { return m_running.load(); }
    /// Blocks while paused; false when cancelled. `report` hears "paused" and "resumed".
    bool waitWhilePaused(const std::function<void(const std::string &)> &report);

    void requestLearningRate(double lr);
    /// The learning rate requested since the last call, or 0.
    double takeLearningRate() { return m_pendingLr.exchange(0.0); }

    /// Held while a batch updates the model (snapshots take it too).
    std::mutex &stateMutex() const { return m_stateMutex; }

    MetricsHistory history() const;
    void setHistory(MetricsHistory history);
    void addBatch(const BatchMetrics &m);
    void addEpoch(const EpochMetrics &e);
    std::string lastMessage() const;
    void setLastMessage(std::string message);

private:
    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_running{false};
    std::atomic<double> m_pendingLr{0.0}; ///< > 0: apply at the next batch
    mutable std::mutex m_controlMutex;    ///< guards the pause wait
    std::condition_variable m_controlCv;
    mutable std::mutex m_stateMutex;
    mutable std::mutex m_historyMutex; ///< guards m_history and m_lastMessage
    MetricsHistory m_history;
    std::string m_lastMessage;
};

} // namespace ql::core
