// SPDX-License-Identifier: MIT
#include "app/gui/training_controller.h"

#include "app/gui/training_backend.h"
#include "app/gui/training_worker.h"

namespace ql::app {

TrainingController::TrainingController(std::shared_ptr<TrainingBackend> backend, int threads,
                                       QObject *parent)
    : QObject(parent), m_backend(std::move(backend))
{
    registerGuiMetaTypes();
    m_thread.setObjectName(QStringLiteral("QuantLens training"));
    m_worker = new TrainingWorker(m_backend, threads);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_worker, &TrainingWorker::initialiseThread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    connect(this, &TrainingController::runRequested, m_worker, &TrainingWorker::runJob);
    connect(this, &TrainingController::saveRequested, m_worker, &TrainingWorker::saveSession);
    connect(this, &TrainingController::loadRequested, m_worker, &TrainingWorker::loadSession);

    connect(m_worker, &TrainingWorker::batchReady, this, &TrainingController::batchReady);
    connect(m_worker, &TrainingWorker::epochReady, this, &TrainingController::epochReady);
    connect(m_worker, &TrainingWorker::message, this, &TrainingController::message);
    connect(m_worker, &TrainingWorker::dataReady, this, &TrainingController::dataReady);
    connect(m_worker, &TrainingWorker::snapshotReady, this, &TrainingController::snapshotReady);
    connect(m_worker, &TrainingWorker::modelFinished, this, &TrainingController::modelFinished);
    connect(m_worker, &TrainingWorker::jobFinished, this, [this](bool ok, const QString &text) {
        setState(State::Idle);
        Q_EMIT jobFinished(ok, text);
    });
    connect(m_worker, &TrainingWorker::sessionSaved, this,
            [this](const QString &dir, const QString &error) {
                setState(State::Idle);
                Q_EMIT checkpointsSaved(dir, error);
            });
    connect(m_worker, &TrainingWorker::sessionLoaded, this,
            [this](const QString &dir, const QString &error, const ql::core::TrainingConfig &a,
                   const ql::core::TrainingConfig &b) {
                setState(State::Idle);
                Q_EMIT checkpointsLoaded(dir, error, a, b);
            });
    connectStudy();
    m_thread.start();
}

TrainingController::~TrainingController()
{
    // Unblock a paused or running job first, then stop the thread's event loop.
    m_backend->requestCancel();
    m_backend->requestPause(false);
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
}

bool TrainingController::start(const JobSettings &job)
{
    if (isBusy())
        return false;
    m_backend->requestPause(false);
    m_backend->clearCancel();
    setState(State::Running);
    Q_EMIT runRequested(job);
    return true;
}

void TrainingController::pause()
{
    if (m_state != State::Running)
        return;
    m_backend->requestPause(true);
    setState(State::Paused);
}

void TrainingController::resume()
{
    if (m_state != State::Paused)
        return;
    m_backend->requestPause(false);
    setState(State::Running);
}

void TrainingController::stop()
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    m_backend->requestCancel();
    m_backend->requestPause(false); // a paused job must wake up to see the cancel
    setState(State::Stopping);
}

void TrainingController::setLearningRate(double learningRate)
{
    if (learningRate > 0)
        m_backend->setLearningRate(learningRate);
}

bool TrainingController::saveCheckpoints(const QString &dir)
{
    if (isBusy())
        return false;
    setState(State::Busy); // back to Idle on the worker's reply
    Q_EMIT saveRequested(dir);
    return true;
}

bool TrainingController::loadCheckpoints(const QString &dir)
{
    if (isBusy())
        return false;
    setState(State::Busy);
    Q_EMIT loadRequested(dir);
    return true;
}

void TrainingController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace ql::app
