// SPDX-License-Identifier: MIT
// TrainingWorker: the bit-width study on the training thread (the backend runs core/study).
#include "app/gui/training_backend.h"
#include "app/gui/training_worker.h"

#include <QFileInfo>

#include <exception>

namespace ql::app {

namespace {

/// Turns the study's events (on this thread) into the worker's queued signals.
class WorkerStudySink : public StudySink {
public:
    explicit WorkerStudySink(TrainingWorker *worker) : m_worker(worker) {}
    void studyProgress(const StudyProgress &progress) override
    {
        Q_EMIT m_worker->studyProgress(progress);
    }
    void studyView(const StudyView &view) override { Q_EMIT m_worker->studyUpdated(view); }
    void studyMessage(const QString &text) override { Q_EMIT m_worker->message(text); }

private:
    TrainingWorker *m_worker;
};

} // namespace

void TrainingWorker::runStudy(const StudyRequest &request)
{
    try {
        WorkerStudySink sink(this);
        const StudyView view = m_backend->runStudy(request, sink);
        Q_EMIT studyUpdated(view);
        if (view.totalCells > 0 && view.finishedCells >= view.totalCells)
            Q_EMIT studyFinished(
                true, tr("The study finished: %n configuration(s) in %1.", "", view.totalCells)
                          .arg(view.folder));
        else
            Q_EMIT studyFinished(false, tr("The study stopped after %1 of %2 configurations; "
                                           "Continue picks it up from there.")
                                            .arg(view.finishedCells)
                                            .arg(view.totalCells));
    } catch (const std::exception &e) {
        Q_EMIT studyFinished(false,
                             tr("The study failed: %1").arg(QString::fromLocal8Bit(e.what())));
    }
}

void TrainingWorker::readStudy(const QString &folder)
{
    try {
        Q_EMIT studyRead(m_backend->readStudy(folder), QString());
    } catch (const std::exception &e) {
        Q_EMIT studyRead(StudyView{}, QString::fromLocal8Bit(e.what()));
    }
}

void TrainingWorker::loadModelFiles(const QString &standardPath, const QString &quantizedPath)
{
    try {
        const QString paths[kModelSlots] = {standardPath, quantizedPath};
        // Check both files first, so that a missing one changes neither slot.
        for (const QString &path : paths)
            if (!path.isEmpty() && !QFileInfo(path).isFile())
                throw std::runtime_error(
                    tr("the model file %1 does not exist").arg(path).toStdString());
        for (int slot = 0; slot < kModelSlots; ++slot) {
            if (paths[slot].isEmpty())
                continue;
            m_backend->loadCheckpoint(slot, paths[slot].toStdString());
            Q_EMIT snapshotReady(slot, m_backend->snapshot(slot));
        }
        Q_EMIT modelFilesLoaded(QString());
    } catch (const std::exception &e) {
        Q_EMIT modelFilesLoaded(QString::fromLocal8Bit(e.what()));
    }
}

} // namespace ql::app
