// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"
#include "app/gui/study_types.h"

#include <QObject>

#include <memory>

namespace ql::app {

class TrainingBackend;

/// Long-lived worker that lives on TrainingController's member QThread (the Tiled pattern).
/// Its slots run on that thread; a job blocks the thread's event loop while it trains, so the
/// controller steers a running job through the backend's thread-safe control methods. The
/// worker emits plain value structs; connections to the UI are queued.
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    explicit TrainingWorker(std::shared_ptr<TrainingBackend> backend, int threads);

public Q_SLOTS:
    /// Called once when the thread starts: sets LibTorch's thread count for this thread.
    void initialiseThread();
    void runJob(const ql::app::JobSettings &job);
    void saveSession(const QString &dir);
    void loadSession(const QString &dir);
    // The bit-width study (training_worker_study.cpp).
    void runStudy(const ql::app::StudyRequest &request);
    void readStudy(const QString &folder);
    /// Loads a study configuration's model into the quantized slot and its float reference
    /// into the standard slot (either path may be empty: that slot stays as it is).
    void loadModelFiles(const QString &standardPath, const QString &quantizedPath);

Q_SIGNALS:
    void batchReady(const ql::app::BatchUpdate &update);
    void epochReady(const ql::app::EpochUpdate &update);
    void message(const QString &text);
    void dataReady(const ql::app::DataHandle &data);
    void snapshotReady(int slot, const ql::app::ModelHandle &model);
    void modelFinished(int slot, int outcome, const QString &message);
    /// ok is false when the job failed or was cancelled.
    void jobFinished(bool ok, const QString &message);
    /// error is empty on success.
    void sessionSaved(const QString &dir, const QString &error);
    void sessionLoaded(const QString &dir, const QString &error,
                       const ql::core::TrainingConfig &standard,
                       const ql::core::TrainingConfig &quantized);
    void studyProgress(const ql::app::StudyProgress &progress);
    void studyUpdated(const ql::app::StudyView &view);
    /// ok: the grid is complete (false: stopped, failed or nothing to read).
    void studyFinished(bool ok, const QString &message);
    void studyRead(const ql::app::StudyView &view, const QString &error);
    void modelFilesLoaded(const QString &error);

private:
    std::shared_ptr<TrainingBackend> m_backend;
    int m_threads = 0;
};

} // namespace ql::app
