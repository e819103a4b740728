// SPDX-License-Identifier: MIT
#include "core/train/trainer.h"
#include "core/quant/quant_layers.h"

#include "core/runtime.h"
#include "core/train/checkpoint.h"
#include "core/train/config_json.h"
#include "core/train/trainer_run.h"

#include <exception>
#include <utility>

namespace ql::core {

Trainer::Trainer(TrainingConfig config, DataSplits data)
    : m_config(std::move(config)), m_data(std::move(data))
{
    validateTrainingConfig(m_config);
}

Trainer::~Trainer() = default;

void Trainer::setObserver(TrainingObserver *observer)
{
    m_observer = observer;
}

void Trainer::setRunFolder(const std::string &dir)
{
    m_runFolder = dir;
    // A save killed mid-write (power loss, SIGKILL) leaves its temporary file behind.
    if (!dir.empty())
        removeStaleTemporaries(dir);
}

void Trainer::setModel(ClassifierPtr model)
{
    std::lock_guard<std::mutex> lock(m_stateMutex);
    m_model = std::move(model);
}

void Trainer::setInitialModel(const ClassifierImpl &model)
{
    m_initialModel = cloneClassifier(model, torch::Device(torch::kCPU));
}

void Trainer::resumeFrom(const std::string &checkpointPath)
{
    m_resumePath = checkpointPath;
}

RunOutcome Trainer::run()
{
    m_cancel = false;
    m_running = true;
    RunOutcome outcome = RunOutcome::Failed;
    std::string message;
    try {
        TrainerRun runner(*this);
        outcome = runner.execute(message);
    } catch (const std::exception &e) {
        outcome = RunOutcome::Failed;
        message = describeException(e); // LibTorch's traces only with verbose errors
    }
    {
        std::lock_guard<std::mutex> lock(m_historyMutex);
        m_lastMessage = message;
    }
    m_running = false;
    m_paused = false;
    if (m_observer)
        m_observer->onFinished(outcome, message);
    return outcome;
}

void Trainer::pause()
{
    m_paused = true;
}

void Trainer::resume()
{
    {
        std::lock_guard<std::mutex> lock(m_controlMutex);
        m_paused = false;
    }
    m_controlCv.notify_all();
}

void Trainer::cancel()
{
    {
        std::lock_guard<std::mutex> lock(m_controlMutex);
        m_cancel = true;
    }
    m_controlCv.notify_all();
}

void Trainer::setLearningRate(double lr)
{
    if (lr > 0.0)
        m_pendingLr = lr;
}

ClassifierPtr Trainer::snapshot(const c10::Device &device) const
{
    std::lock_guard<std::mutex> lock(m_stateMutex);
    if (!m_model)
        return nullptr;
    ClassifierPtr copy = cloneClassifier(*m_model, device);
    setInferenceCache(*copy, true); // a frozen copy; the trained model itself never caches
    return copy;
}

MetricsHistory Trainer::history() const
{
    std::lock_guard<std::mutex> lock(m_historyMutex);
    return m_history;
}

std::string Trainer::lastMessage() const
{
    std::lock_guard<std::mutex> lock(m_historyMutex);
    return m_lastMessage;
}

ClassifierPtr Trainer::model() const
{
    std::lock_guard<std::mutex> lock(m_stateMutex);
    return m_model;
}

} // namespace ql::core
