// SPDX-License-Identifier: MIT
// MainWindow: session folders. The format is app/common/session.h (shared with the CLI); the
// checkpoints are written and read by the training worker, which owns the models.
#include "app/gui/main_window.h"

#include "app/common/session.h"
#include "app/gui/bit_width_coordinator.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/log_panel.h"
#include "app/gui/plots_panel.h"
#include "widgets/bidi_text.h"
#include "widgets/bit_width_panel.h"

#include <QFileInfo>
#include <QTimer>

namespace ql::app {

using ql::widgets::isolateLtr;

void MainWindow::saveSession(const QString &dir)
{
    auto fail = [this, &dir](const QString &error) {
        m_quitAfterSave = false;
        showError(error);
        Q_EMIT sessionSaved(dir, error);
    };
    if (m_controller->isBusy())
        return fail(tr("Stop or wait for the training before saving the session."));
    Session session;
    session.dataset = m_dataModel->dataset();
    session.dataDir = m_dataModel->dataDir();
    const auto selection = m_bits->selection();
    session.weightBits = selection.globalWeightBits;
    session.activationBits = selection.globalActivationBits;
    for (const auto &layer : selection.layers)
        if (!layer.followsGlobal)
            session.layerBits.insert(layer.name, {layer.weightBits, layer.activationBits});
    session.history = m_plots->history();
    if (const QString studyError = storeStudy(session, dir); !studyError.isEmpty())
        return fail(studyError);
    const QString writeError = session.write(dir);
    if (!writeError.isEmpty())
        return fail(writeError);
    // Checkpoints are written by the worker that owns the models; the reply ends the save.
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(m_controller, &TrainingController::checkpointsSaved, this,
                    [this, conn](const QString &savedDir, const QString &error) {
                        disconnect(*conn);
                        if (error.isEmpty()) {
                            m_sessionDir = savedDir;
                            m_unsaved = false;
                            addRecentSession(savedDir);
                            m_log->append(tr("Session saved to %1.").arg(isolateLtr(savedDir)));
                            setStatus([savedDir] {
                                return tr("Session saved to %1.").arg(isolateLtr(savedDir));
                            });
                            retranslateUi();
                            if (m_quitAfterSave)
                                QTimer::singleShot(0, this, &QWidget::close);
                        } else {
                            m_quitAfterSave = false;
                            showError(tr("Saving the session failed: %1").arg(error));
                        }
                        Q_EMIT sessionSaved(savedDir, error);
                    });
    m_controller->saveCheckpoints(dir);
}

void MainWindow::openSession(const QString &dir)
{
    auto fail = [this, &dir](const QString &error) {
        showError(error);
        Q_EMIT sessionOpened(dir, error);
    };
    if (m_controller->isBusy())
        return fail(tr("Stop or wait for the training before opening a session."));
    auto session = std::make_shared<Session>();
    const QString error = session->read(dir);
    if (!error.isEmpty())
        return fail(error);
    // Nothing changes in the window until the checkpoints have loaded without error.
    m_pendingSession = session;
    m_controller->loadCheckpoints(dir);
}

void MainWindow::onCheckpointsLoaded(const QString &dir, const QString &error,
                                     const ql::core::TrainingConfig &standard,
                                     const ql::core::TrainingConfig &quantized)
{
    const std::shared_ptr<Session> session = std::move(m_pendingSession);
    if (!error.isEmpty() || !session) {
        const QString why = error.isEmpty() ? tr("no session was being opened") : error;
        showError(tr("Opening the session %1 failed: %2").arg(isolateLtr(dir), why));
        Q_EMIT sessionOpened(dir, why);
        return;
    }
    m_dataModel->setFromConfigs(standard, quantized);
    m_dataModel->setDataset(session->dataset);
    if (!session->dataDir.isEmpty())
        m_dataModel->setDataDir(session->dataDir);
    m_bits->setGlobalBits(session->weightBits, session->activationBits);
    // Per-layer choices come back once the model's rows exist (after its description).
    const auto layerBits = session->layerBits;
    if (!layerBits.isEmpty()) {
        auto conn = std::make_shared<QMetaObject::Connection>();
        *conn = connect(this, &MainWindow::modelDescribed, this, [this, conn, layerBits] {
            disconnect(*conn);
            const auto rows = m_bits->layers();
            for (int row = 0; row < rows.size(); ++row)
                if (const auto it = layerBits.find(rows[row].name); it != layerBits.end())
                    m_bits->setLayerBits(row, it->first, it->second);
        });
    }
    m_plots->restoreHistory(session->history);
    restoreStudy(*session, dir);
    m_sessionDir = dir;
    m_canResume = true;
    // Start continues the quantized model's own run when the session has one; otherwise it
    // is fine-tuned from the standard model.
    m_lastBatchSlot = QFileInfo::exists(Session::checkpointPath(dir, 1)) ? 1 : 0;
    m_unsaved = false;
    m_lastJob = jobSettings();
    m_lastJob.config[0] = standard;
    m_lastJob.config[1] = quantized;
    m_bitsCoordinator->forgetTrainedQuantized(); // its accuracy is in the plots' history
    m_bitsCoordinator->requestDescription();
    addRecentSession(dir);
    retranslateUi();
    m_log->append(tr("Session %1 opened; Start continues where it stopped.").arg(isolateLtr(dir)));
    setStatus([dir] {
        return tr("Session %1 opened; Start continues where it stopped.").arg(isolateLtr(dir));
    });
    Q_EMIT sessionOpened(dir, QString());
}

} // namespace ql::app
