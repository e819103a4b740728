// SPDX-License-Identifier: MIT
#include "core/train/training_control.h"

#include <utility>

namespace ql::core {

void TrainingControl::resume()
{
    {
        std::lock_guard<std::mutex> lock(m_controlMutex);
        m_paused = false;
    }
    m_controlCv.notify_all();
}

void TrainingControl::cancel()
{
    {
        std::lock_guard<std::mutex> lock(m_controlMutex);
        m_cancel = true;
    }
    m_controlCv.notify_all();
}

void TrainingControl::setRunning(bool running)
{
    m_running = running;
    if (!running)
        m_paused = false;
}

bool TrainingControl::waitWhilePaused(const std::function<void(const std::string &)> &report)
{
    if (m_paused && !m_cancel) {
        report("paused");
        std::unique_lock<std::mutex> lock(m_controlMutex);
        m_controlCv.wait(lock, [&] { return !m_paused || m_cancel; });
        if (!m_cancel)
            report("resumed");
    }
    return !m_cancel;
}

void TrainingControl::requestLearningRate(double lr)
{
    if (lr > 0.0)
        m_pendingLr = lr;
}

MetricsHistory TrainingControl::history() const
{
    std::lock_guard<std::mutex> lock(m_historyMutex);
    return m_history;
}

void TrainingControl::setHistory(MetricsHistory history)
{
    std::lock_guard<std::mutex> lock(m_historyMutex);
    m_history = std::move(history);
}

void TrainingControl::addBatch(const BatchMetrics &m)
{
    std::lock_guard<std::mutex> lock(m_historyMutex);
    m_history.batches.push_back(m);
}

void TrainingControl::addEpoch(const EpochMetrics &e)
{
    std::lock_guard<std::mutex> lock(m_historyMutex);
    m_history.epochs.push_back(e);
}

std::string TrainingControl::lastMessage() const
{
    std::lock_guard<std::mutex> lock(m_historyMutex);
    return m_lastMessage;
}

void TrainingControl::setLastMessage(std::string message)
{
    std::lock_guard<std::mutex> lock(m_historyMutex);
    m_lastMessage = std::move(message);
}

} // namespace ql::core
