// SPDX-License-Identifier: MIT
// TrainingController: the bit-width study, reading study folders and loading a study's models.
#include "app/gui/training_backend.h"
#include "app/gui/training_controller.h"
#include "app/gui/training_worker.h"

namespace ql::app {

void TrainingController::connectStudy()
{
    registerStudyMetaTypes();
    connect(this, &TrainingController::studyRequested, m_worker, &TrainingWorker::runStudy);
    connect(this, &TrainingController::studyReadRequested, m_worker, &TrainingWorker::readStudy);
    connect(this, &TrainingController::modelFilesRequested, m_worker,
            &TrainingWorker::loadModelFiles);
    connect(m_worker, &TrainingWorker::studyProgress, this, &TrainingController::studyProgress);
    connect(m_worker, &TrainingWorker::studyUpdated, this, &TrainingController::studyUpdated);
    connect(m_worker, &TrainingWorker::studyFinished, this, [this](bool ok, const QString &text) {
        setState(State::Idle);
        Q_EMIT studyFinished(ok, text);
    });
    connect(m_worker, &TrainingWorker::studyRead, this,
            [this](const StudyView &view, const QString &error) {
                setState(State::Idle);
                Q_EMIT studyRead(view, error);
            });
    connect(m_worker, &TrainingWorker::modelFilesLoaded, this, [this](const QString &error) {
        setState(State::Idle);
        Q_EMIT modelFilesLoaded(error);
    });
}

bool TrainingController::startStudy(const StudyRequest &request)
{
    if (isBusy())
        return false;
    m_backend->requestPause(false);
    m_backend->clearCancel();
    setState(State::Running);
    Q_EMIT studyRequested(request);
    return true;
}

bool TrainingController::readStudy(const QString &folder)
{
    if (isBusy())
        return false;
    setState(State::Busy);
    Q_EMIT studyReadRequested(folder);
    return true;
}

bool TrainingController::loadModelFiles(const QString &standardPath, const QString &quantizedPath)
{
    if (isBusy())
        return false;
    setState(State::Busy);
    Q_EMIT modelFilesRequested(standardPath, quantizedPath);
    return true;
}

} // namespace ql::app
