// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"
#include "app/gui/study_types.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace ql::app {

class TrainingBackend;
class TrainingWorker;

/// Runs training jobs (the standard and the quantized model, one after the other) on a
/// long-lived worker that lives on a member QThread, and turns the engine's observer calls
/// into queued signals carrying small value structs. Lives on the UI thread. Shutdown follows
/// Tiled: cancel, requestInterruption(), quit(), wait().
class TrainingController : public QObject {
    Q_OBJECT
public:
    /// Busy: reading or writing checkpoints.
    enum class State { Idle, Running, Paused, Stopping, Busy };
    Q_ENUM(State)

    /// `threads`: LibTorch threads for the training thread (0: all cores).
    explicit TrainingController(std::shared_ptr<TrainingBackend> backend, int threads = 0,
                                QObject *parent = nullptr);
    ~TrainingController() override;

    State state() const { return m_state; }
    bool isBusy() const { return m_state != State::Idle; }

public Q_SLOTS:
    /// Starts a job; ignored (returns false) while one runs.
    bool start(const ql::app::JobSettings &job);
    void pause();
    void resume();
    /// Asks the running job to stop after the current batch.
    void stop();
    /// Changes the learning rate of the running optimiser without a reset.
    void setLearningRate(double learningRate);
    /// Writes both models' checkpoints into `dir` (on the worker thread, when idle).
    bool saveCheckpoints(const QString &dir);
    /// Loads checkpoints from `dir`; snapshots and data follow as signals.
    bool loadCheckpoints(const QString &dir);
    /// Runs (or resumes) a bit-width study on the worker; pause(), resume() and stop() steer
    /// it like a training job. Ignored (false) while busy. (training_controller_study.cpp)
    bool startStudy(const ql::app::StudyRequest &request);
    /// Reads a study folder's finished configurations (studyRead follows).
    bool readStudy(const QString &folder);
    /// Loads two checkpoints into the standard and quantized slots (snapshots follow).
    bool loadModelFiles(const QString &standardPath, const QString &quantizedPath);

Q_SIGNALS:
    void stateChanged(ql::app::TrainingController::State state);
    void batchReady(const ql::app::BatchUpdate &update);
    void epochReady(const ql::app::EpochUpdate &update);
    void message(const QString &text);
    void dataReady(const ql::app::DataHandle &data);
    void snapshotReady(int slot, const ql::app::ModelHandle &model);
    void modelFinished(int slot, int outcome, const QString &message);
    void jobFinished(bool ok, const QString &message);
    void checkpointsSaved(const QString &dir, const QString &error);
    void checkpointsLoaded(const QString &dir, const QString &error,
                           const ql::core::TrainingConfig &standard,
                           const ql::core::TrainingConfig &quantized);

    void studyProgress(const ql::app::StudyProgress &progress);
    void studyUpdated(const ql::app::StudyView &view);
    void studyFinished(bool ok, const QString &message);
    void studyRead(const ql::app::StudyView &view, const QString &error);
    void modelFilesLoaded(const QString &error);

    // Internal: queued into the worker's thread.
    void runRequested(const ql::app::JobSettings &job);
    void saveRequested(const QString &dir);
    void loadRequested(const QString &dir);
    void studyRequested(const ql::app::StudyRequest &request);
    void studyReadRequested(const QString &folder);
    void modelFilesRequested(const QString &standardPath, const QString &quantizedPath);

private:
    void setState(State state);
    void connectStudy(); // training_controller_study.cpp

    std::shared_ptr<TrainingBackend> m_backend;
    QThread m_thread;
    TrainingWorker *m_worker = nullptr; // lives on m_thread, deleted on its finish
    State m_state = State::Idle;
};

} // namespace ql::app
