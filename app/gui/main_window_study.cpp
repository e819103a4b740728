// SPDX-License-Identifier: MIT
// MainWindow: the Study panel (study_panel.h). The study runs on the training worker
// (TrainingController::startStudy); a clicked point's model and its float reference are
// loaded into the two model slots, so the saliency view compares them.
#include "app/gui/main_window.h"

#include "app/common/session.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/log_panel.h"
#include "app/gui/saliency_panel.h"
#include "app/gui/study_panel.h"
#include "widgets/bidi_text.h"

#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>

namespace ql::app {

using ql::widgets::isolateLtr;

namespace {

/// Copies the files of `from` into `to` (created), keeping the sub-folders. A file that
/// exists in `to` is replaced. Returns an error message or empty.
QString copyFolder(const QString &from, const QString &to)
{
    const QDir source(from);
    QDirIterator it(from, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = QDir(to).filePath(source.relativeFilePath(file));
        if (!QDir().mkpath(QFileInfo(target).absolutePath()))
            return MainWindow::tr("Cannot create the folder %1.")
                .arg(isolateLtr(QFileInfo(target).absolutePath()));
        QFile::remove(target);
        if (!QFile::copy(file, target))
            return MainWindow::tr("Cannot copy %1 to %2.")
                .arg(isolateLtr(file), isolateLtr(target));
    }
    return {};
}

} // namespace

void MainWindow::createStudyDock()
{
    m_study = new StudyPanel(this);
    // Next to the bit-widths (the saliency maps below stay visible for a clicked point);
    // scrollable, so that the panel never raises the dock's minimum height.
    m_studyDock = addPanelDock("studyDock", m_study, Qt::RightDockWidgetArea, true);
    tabifyDockWidget(m_bitsDock, m_studyDock);
    m_bitsDock->raise();
}

void MainWindow::retranslateStudy()
{
    m_studyDock->setWindowTitle(tr("Bit-width study"));
}

void MainWindow::connectStudy()
{
    auto *c = m_controller;
    connect(m_study, &StudyPanel::startRequested, this, &MainWindow::startStudy);
    connect(m_study, &StudyPanel::pauseRequested, c, &TrainingController::pause);
    connect(m_study, &StudyPanel::resumeRequested, c, &TrainingController::resume);
    connect(m_study, &StudyPanel::stopRequested, c, &TrainingController::stop);
    connect(c, &TrainingController::stateChanged, this,
            [this](TrainingController::State s) { m_study->setState(s, m_studyRunning); });
    connect(c, &TrainingController::studyProgress, m_study, &StudyPanel::showProgress);
    connect(c, &TrainingController::studyUpdated, m_study, &StudyPanel::showView);
    connect(c, &TrainingController::studyFinished, this, [this](bool ok, const QString &text) {
        m_studyRunning = false;
        m_study->showFinished(ok, text);
        m_study->setState(m_controller->state(), false);
        if (ok)
            m_log->append(text);
        else
            m_log->appendError(text);
        setStatus([text] { return text; });
    });
    connect(c, &TrainingController::studyRead, this,
            [this](const StudyView &view, const QString &error) {
                m_study->setState(m_controller->state(), false);
                if (error.isEmpty())
                    m_study->showView(view);
                else
                    m_log->appendError(tr("The session's study could not be read: %1").arg(error));
            });
    connect(m_study, &StudyPanel::modelRequested, this,
            [this](const QString &reference, const QString &checkpoint, const QString &what) {
                if (!m_controller->loadModelFiles(reference, checkpoint)) {
                    showError(tr("Stop or wait for the running job before loading a model of "
                                 "the study."));
                    return;
                }
                m_log->append(tr("Loading the study's model (%1) as the quantized model, and its "
                                 "float model as the standard one…")
                                  .arg(what));
            });
    connect(c, &TrainingController::modelFilesLoaded, this, [this](const QString &error) {
        if (!error.isEmpty()) {
            showError(tr("Loading the study's model failed: %1").arg(error));
            return;
        }
        m_canResume = false; // Start trains new models; it does not continue the study's
        m_log->append(tr("The saliency view now compares the study's model with its float "
                         "model."));
        m_saliency->refresh();
    });
}

void MainWindow::startStudy(const StudyRequest &panelRequest)
{
    StudyRequest request = panelRequest;
    if (!request.resume) {
        const QString problem = m_dataModel->validationError();
        if (!problem.isEmpty()) {
            showError(problem);
            return;
        }
    }
    request.base = m_dataModel->baseConfig();
    m_studyRunning = true;
    if (!m_controller->startStudy(request)) {
        m_studyRunning = false;
        showError(tr("A job is already running."));
        return;
    }
    m_study->setState(m_controller->state(), true);
    m_log->append(request.resume ? tr("Continuing the study in %1.").arg(isolateLtr(request.folder))
                                 : tr("Starting a bit-width study (%1 bits)…").arg(request.bits));
}

QString MainWindow::storeStudy(Session &session, const QString &dir)
{
    const StudyView &view = m_study->view();
    session.studyOptions = m_study->request().toJson();
    if (view.folder.isEmpty())
        return {};
    if (!view.temporaryFolder) {
        // Inside the session folder: stored relative, so that the folder can move.
        const QString relative = QDir(dir).relativeFilePath(view.folder);
        session.studyFolder = relative.startsWith(QLatin1String("..")) ? view.folder : relative;
        return {};
    }
    // A study in the work folder would vanish with it: the session keeps a copy.
    const QString target = QDir(dir).filePath(QStringLiteral("study"));
    if (const QString error = copyFolder(view.folder, target); !error.isEmpty())
        return tr("Saving the study failed: %1").arg(error);
    session.studyFolder = QStringLiteral("study");
    m_study->relocate(QDir(target).absolutePath());
    return {};
}

void MainWindow::restoreStudy(const Session &session, const QString &dir)
{
    StudyRequest request;
    if (const QString error = request.fromJson(session.studyOptions); !error.isEmpty())
        m_log->appendError(tr("The session's study options were not restored: %1").arg(error));
    else
        m_study->setRequest(request);
    if (session.studyFolder.isEmpty())
        return;
    const QString folder = QDir(dir).filePath(session.studyFolder);
    // Idle once the checkpoints are in: read the study's finished points on the worker.
    if (!m_controller->readStudy(folder))
        m_log->appendError(tr("The session's study could not be read: the worker is busy."));
}

} // namespace ql::app
