// SPDX-License-Identifier: MIT
#include "app/gui/training_worker.h"

#include "app/common/session.h"

#include "app/gui/training_backend.h"
#include "core/runtime.h"

#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <exception>

namespace ql::app {

namespace {

/// Adapts core's observer (called on the training thread) to the worker's signals. Emitting
/// from the training thread to receivers on the UI thread queues a copy of each value.
class SignalObserver : public ql::core::TrainingObserver {
public:
    /// `snapshotEvery` > 0: also a snapshot every that many batches. `pending` (may be null):
    /// the configuration of a quantized fine-tune of this slot that follows in the job; its
    /// starting point (calibrated from the snapshot) is published with each snapshot, so both
    /// models have maps before the fine-tune begins.
    SignalObserver(TrainingWorker *worker, TrainingBackend *backend, int slot, int snapshotEvery,
                   const ql::core::TrainingConfig *pending = nullptr)
        : m_worker(worker), m_backend(backend), m_slot(slot), m_every(snapshotEvery),
          m_pending(pending)
    {
    }
    void onBatch(const ql::core::BatchMetrics &m) override
    {
        Q_EMIT m_worker->batchReady(BatchUpdate{m_slot, m});
        if (m_every > 0 && m.globalStep % m_every == 0 && m.step != m.stepsPerEpoch)
            publishSnapshot(); // epoch ends publish in onEpoch
    }
    void onEpoch(const ql::core::EpochMetrics &m) override
    {
        Q_EMIT m_worker->epochReady(EpochUpdate{m_slot, m});
        publishSnapshot();
    }
    void publishSnapshot()
    {
        // Between batches the model is quiescent: copy it for inference.
        Q_EMIT m_worker->snapshotReady(m_slot, m_backend->snapshot(m_slot));
        if (m_pending) {
            const ModelHandle start = m_backend->calibratedStart(m_slot, *m_pending);
            if (start.isValid())
                Q_EMIT m_worker->snapshotReady(1 - m_slot, start);
        }
    }
    void onMessage(const std::string &text) override
    {
        Q_EMIT m_worker->message(QString::fromStdString(text));
    }
    void onFinished(ql::core::RunOutcome, const std::string &) override {}

private:
    TrainingWorker *m_worker;
    TrainingBackend *m_backend;
    int m_slot;
    int m_every;
    const ql::core::TrainingConfig *m_pending;
};

QString slotName(int slot)
{
    return slot == 0 ? TrainingWorker::tr("standard model") : TrainingWorker::tr("quantized model");
}

QString checkpointPath(const QString &dir, int slot)
{
    return Session::checkpointPath(dir, slot);
}

} // namespace

TrainingWorker::TrainingWorker(std::shared_ptr<TrainingBackend> backend, int threads)
    : m_backend(std::move(backend)), m_threads(threads)
{
}

void TrainingWorker::initialiseThread()
{
    ql::core::configureThreads(m_threads);
}

void TrainingWorker::runJob(const JobSettings &job)
{
    // The controller cleared the cancel flag before queuing this job; clearing it here would
    // lose a Stop pressed before the job reached this thread.
    try {
        for (int slot = 0; slot < kModelSlots; ++slot) {
            if (!job.train[slot])
                continue;
            if (QThread::currentThread()->isInterruptionRequested()) {
                Q_EMIT jobFinished(false, tr("Training was interrupted."));
                return;
            }
            Q_EMIT dataReady(m_backend->loadData(job.config[slot]));
            Q_EMIT message(tr("Training the %1…").arg(slotName(slot)));
            // The standard model of a job whose quantized model fine-tunes from it publishes
            // that fine-tune's calibrated starting point with its snapshots.
            const bool feedsFineTune = slot == 0 && job.train[1] && job.fineTunes(1) &&
                                       job.initFrom(1) == 0 &&
                                       job.mode != JobSettings::Mode::FineTune;
            if (feedsFineTune)
                Q_EMIT message(tr("Until the quantized model's fine-tune starts, model B is the "
                                  "standard model's latest snapshot quantized after training "
                                  "(clip levels calibrated on 256 training images)."));
            SignalObserver observer(this, m_backend.get(), slot, job.snapshotEveryBatches,
                                    feedsFineTune ? &job.config[1] : nullptr);
            const auto mode = job.fineTunes(slot) ? JobSettings::Mode::FineTune : job.mode;
            if (mode == JobSettings::Mode::FineTune && job.mode != JobSettings::Mode::FineTune)
                Q_EMIT message(tr("The quantized model starts from the standard model: PACT "
                                  "clip levels calibrated from training images, then a "
                                  "quantization-aware fine-tune."));
            const auto outcome =
                m_backend->train(slot, job.config[slot], mode, job.initFrom(slot), observer);
            Q_EMIT snapshotReady(slot, m_backend->snapshot(slot));
            QString text;
            switch (outcome) {
            case ql::core::RunOutcome::Finished:
                text = tr("The %1 finished training.").arg(slotName(slot));
                break;
            case ql::core::RunOutcome::Cancelled:
                text = tr("Training of the %1 was stopped.").arg(slotName(slot));
                break;
            case ql::core::RunOutcome::Diverged:
                text = tr("Training of the %1 diverged (loss not finite); the last good "
                          "weights were kept.")
                           .arg(slotName(slot));
                break;
            case ql::core::RunOutcome::Failed:
                text = tr("Training of the %1 failed.").arg(slotName(slot));
                break;
            }
            Q_EMIT modelFinished(slot, static_cast<int>(outcome), text);
            if (outcome != ql::core::RunOutcome::Finished) {
                Q_EMIT jobFinished(false, text);
                return;
            }
        }
        Q_EMIT jobFinished(true, tr("Training finished."));
    } catch (const std::exception &e) {
        Q_EMIT jobFinished(false, tr("Training failed: %1").arg(QString::fromLocal8Bit(e.what())));
    }
}

void TrainingWorker::saveSession(const QString &dir)
{
    try {
        if (!QDir().mkpath(dir))
            throw std::runtime_error(tr("cannot create the folder %1").arg(dir).toStdString());
        for (int slot = 0; slot < kModelSlots; ++slot) {
            if (m_backend->snapshot(slot).isValid())
                m_backend->saveCheckpoint(slot, checkpointPath(dir, slot).toStdString());
        }
        Q_EMIT sessionSaved(dir, QString());
    } catch (const std::exception &e) {
        Q_EMIT sessionSaved(dir, QString::fromLocal8Bit(e.what()));
    }
}

void TrainingWorker::loadSession(const QString &dir)
{
    try {
        for (int slot = 0; slot < kModelSlots; ++slot) {
            const QString path = checkpointPath(dir, slot);
            if (!QFileInfo::exists(path))
                continue;
            m_backend->loadCheckpoint(slot, path.toStdString());
            Q_EMIT snapshotReady(slot, m_backend->snapshot(slot));
        }
        const auto standard = m_backend->config(0);
        // The models are in; data that moved or vanished must not make the session fail.
        try {
            Q_EMIT dataReady(m_backend->loadData(standard));
        } catch (const std::exception &e) {
            Q_EMIT message(tr("The session's data could not be loaded (%1); choose the data "
                              "folder and press Start.")
                               .arg(QString::fromLocal8Bit(e.what())));
        }
        Q_EMIT sessionLoaded(dir, QString(), standard, m_backend->config(1));
    } catch (const std::exception &e) {
        Q_EMIT sessionLoaded(dir, QString::fromLocal8Bit(e.what()), {}, {});
    }
}

} // namespace ql::app
