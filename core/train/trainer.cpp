// SPDX-License-Identifier: MIT
#include "core/train/trainer.h"
#include "core/quant/quant_layers.h"

#include "core/dist/communicator.h"
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
    std::lock_guard<std::mutex> lock(m_control.stateMutex());
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

void Trainer::setCommunicator(std::shared_ptr<Communicator> communicator)
{
    m_communicator = std::move(communicator);
}

RunOutcome Trainer::run()
{
    m_control.arm();
    m_control.setRunning(true);
    RunOutcome outcome = RunOutcome::Failed;
    std::string message;
    try {
        TrainerRun::Inputs inputs{m_config,     &m_data,        m_observer,    m_runFolder,
                                  m_resumePath, m_initialModel, m_communicator};
        TrainerRun runner(inputs, m_model, m_control);
        outcome = runner.execute(message);
    } catch (const std::exception &e) {
        outcome = RunOutcome::Failed;
        message = describeException(e); // LibTorch's traces only with verbose errors
    }
    m_control.setLastMessage(message);
    m_control.setRunning(false);
    if (m_observer)
        m_observer->onFinished(outcome, message);
    return outcome;
}

void Trainer::pause()
{
    m_control.pause();
}

void Trainer::resume()
{
    m_control.resume();
}

void Trainer::cancel()
{
    m_control.cancel();
}

void Trainer::setLearningRate(double lr)
{
    m_control.requestLearningRate(lr);
}

ClassifierPtr Trainer::snapshot(const c10::Device &device) const
{
    std::lock_guard<std::mutex> lock(m_control.stateMutex());
    if (!m_model)
        return nullptr;
    ClassifierPtr copy = cloneClassifier(*m_model, device);
    setInferenceCache(*copy, true); // a frozen copy; the trained model itself never caches
    return copy;
}

MetricsHistory Trainer::history() const
{
    return m_control.history();
}

std::string Trainer::lastMessage() const
{
    return m_control.lastMessage();
}

ClassifierPtr Trainer::model() const
{
    std::lock_guard<std::mutex> lock(m_control.stateMutex());
    return m_model;
}

} // namespace ql::core
