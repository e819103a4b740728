// SPDX-License-Identifier: MIT
// MainWindow: session folders. session.json holds what the checkpoints do not (plot history,
// bit-width selection, data folder); the checkpoints hold models, optimisers and configs.
#include "app/gui/main_window.h"

#include "app/gui/data_model_panel.h"
#include "app/gui/log_panel.h"
#include "app/gui/plots_panel.h"
#include "widgets/bit_width_panel.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace ql::app {

namespace {
constexpr int kSessionVersion = 1;
const char kSessionFile[] = "session.json";
} // namespace

void MainWindow::saveSession(const QString &dir)
{
    if (m_controller->isBusy()) {
        showError(tr("Stop or wait for the training before saving the session."));
        Q_EMIT sessionSaved(dir, tr("busy"));
        return;
    }
    if (!QDir().mkpath(dir)) {
        showError(tr("Cannot create the session folder %1.").arg(dir));
        Q_EMIT sessionSaved(dir, tr("cannot create folder"));
        return;
    }
    const auto selection = m_bits->selection();
    QJsonObject root{{"version", kSessionVersion},
                     {"dataset", m_dataModel->dataset()},
                     {"dataDir", m_dataModel->dataDir()},
                     {"weightBits", selection.globalWeightBits},
                     {"activationBits", selection.globalActivationBits},
                     {"history", m_plots->history()}};
    QSaveFile file(QDir(dir).filePath(QString::fromLatin1(kSessionFile)));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 ||
        !file.commit()) {
        const QString error = tr("Cannot write %1: %2").arg(file.fileName(), file.errorString());
        showError(error);
        Q_EMIT sessionSaved(dir, error);
        return;
    }
    // Checkpoints are written by the worker that owns the models; the reply ends the save.
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(m_controller, &TrainingController::checkpointsSaved, this,
                    [this, conn](const QString &savedDir, const QString &error) {
                        disconnect(*conn);
                        if (error.isEmpty()) {
                            m_sessionDir = savedDir;
                            addRecentSession(savedDir);
                            m_log->append(tr("Session saved to %1.").arg(savedDir));
                            retranslateUi();
                        } else {
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
    QFile file(QDir(dir).filePath(QString::fromLatin1(kSessionFile)));
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("%1 is not a QuantLens session folder (no readable %2).")
                        .arg(dir, QString::fromLatin1(kSessionFile)));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull() || !doc.isObject())
        return fail(tr("%1 is damaged: %2").arg(file.fileName(), parseError.errorString()));
    if (doc.object().value(QStringLiteral("version")).toInt() != kSessionVersion)
        return fail(tr("%1 has an unknown version.").arg(file.fileName()));
    // Nothing changes in the window until the checkpoints have loaded without error.
    m_pendingSessionJson = QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
    m_controller->loadCheckpoints(dir);
}

void MainWindow::onCheckpointsLoaded(const QString &dir, const QString &error,
                                     const ql::core::TrainingConfig &standard,
                                     const ql::core::TrainingConfig &quantized)
{
    const QJsonObject root = QJsonDocument::fromJson(m_pendingSessionJson.toUtf8()).object();
    m_pendingSessionJson.clear();
    if (!error.isEmpty()) {
        showError(tr("Opening the session %1 failed: %2").arg(dir, error));
        Q_EMIT sessionOpened(dir, error);
        return;
    }
    m_dataModel->setFromConfigs(standard, quantized);
    m_dataModel->setDataset(root.value(QStringLiteral("dataset")).toString());
    const QString dataDir = root.value(QStringLiteral("dataDir")).toString();
    if (!dataDir.isEmpty())
        m_dataModel->setDataDir(dataDir);
    m_bits->setGlobalBits(root.value(QStringLiteral("weightBits")).toInt(4),
                          root.value(QStringLiteral("activationBits")).toInt(4));
    m_plots->restoreHistory(root.value(QStringLiteral("history")).toObject());
    m_sessionDir = dir;
    m_canResume = true;
    m_lastJob = jobSettings();
    m_lastJob.config[0] = standard;
    m_lastJob.config[1] = quantized;
    addRecentSession(dir);
    retranslateUi();
    m_log->append(tr("Session %1 opened; Start continues where it stopped.").arg(dir));
    Q_EMIT sessionOpened(dir, QString());
}

} // namespace ql::app
