// SPDX-License-Identifier: MIT
#include "app/gui/training_panel.h"

#include "widgets/training_progress_widget.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ql::app {

namespace {
constexpr int kProgressRefreshMs = 100; // the labels need no more than ten updates a second
}

TrainingPanel::TrainingPanel(QWidget *parent) : QWidget(parent)
{
    m_start = new QPushButton(QIcon(QStringLiteral(":/icons/start.svg")), QString(), this);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_pause = new QPushButton(QIcon(QStringLiteral(":/icons/pause.svg")), QString(), this);
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_stop = new QPushButton(QIcon(QStringLiteral(":/icons/stop.svg")), QString(), this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_progress = new ql::widgets::TrainingProgressWidget(this);
    // The progress widget lays its labels out in one row, which would widen the dock and push
    // the plots aside; show its summary (and status) in one wrapping label instead.
    for (QLabel *label : m_progress->findChildren<QLabel *>())
        label->hide();
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("progressSummary"));
    m_summary->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_stop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addStretch(1);

    connect(m_start, &QPushButton::clicked, this, &TrainingPanel::startRequested);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_state == TrainingController::State::Paused)
            Q_EMIT resumeRequested();
        else
            Q_EMIT pauseRequested();
    });
    connect(m_stop, &QPushButton::clicked, this, &TrainingPanel::stopRequested);
    retranslateUi();
    setState(TrainingController::State::Idle);
}

void TrainingPanel::retranslateUi()
{
    m_start->setText(tr("Start"));
    m_start->setToolTip(tr("Train the standard model, then the quantized one"));
    m_pause->setText(m_state == TrainingController::State::Paused ? tr("Resume") : tr("Pause"));
    m_stop->setText(tr("Stop"));
}

void TrainingPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        setState(m_state); // the status texts it sets
        if (m_haveBatch) { // the progress line in the new language and number format
            m_progressThrottle.invalidate();
            showBatch(m_lastBatch, m_totalEpochs, m_batchSize);
        }
    }
    QWidget::changeEvent(event);
}

void TrainingPanel::setState(TrainingController::State state)
{
    using State = TrainingController::State;
    m_state = state;
    m_start->setEnabled(state == State::Idle);
    m_pause->setEnabled(state == State::Running || state == State::Paused);
    m_pause->setIcon(QIcon(state == State::Paused ? QStringLiteral(":/icons/start.svg")
                                                  : QStringLiteral(":/icons/pause.svg")));
    m_stop->setEnabled(state == State::Running || state == State::Paused);
    retranslateUi();
    if (state == State::Paused)
        setStatusText(tr("Paused"));
    else if (state == State::Stopping)
        setStatusText(tr("Stopping after this batch…"));
    else if (state == State::Running)
        setStatusText(QString());
}

void TrainingPanel::startJob(const JobSettings &job, qint64 trainSamples,
                             const double secondsPerStep[kModelSlots])
{
    m_job.start(job, trainSamples, secondsPerStep);
    m_haveBatch = false;
    m_estimate = -1;
    updateSummary();
}

void TrainingPanel::setEstimate(double seconds)
{
    m_estimate = seconds;
    updateSummary();
}

void TrainingPanel::showBatch(const BatchUpdate &update, int totalEpochs, int batchSize)
{
    if (!m_haveBatch || m_lastBatch.slot != update.slot ||
        m_lastBatch.metrics.globalStep != update.metrics.globalStep)
        m_job.addBatch(update.slot, update.metrics); // not again on a language change
    m_lastBatch = update;
    m_totalEpochs = totalEpochs;
    m_batchSize = batchSize;
    m_haveBatch = true;
    const auto &m = update.metrics;
    const bool last = m.step == m.stepsPerEpoch;
    if (m_progressThrottle.isValid() && m_progressThrottle.elapsed() < kProgressRefreshMs && !last)
        return;
    m_progressThrottle.start();
    ql::widgets::TrainingProgress p;
    p.phase = update.slot == 0 ? tr("Standard model") : tr("Quantized model");
    p.epoch = m.epoch;
    p.totalEpochs = totalEpochs;
    p.step = m.step;
    p.stepsPerEpoch = m.stepsPerEpoch;
    p.samplesPerSecond = m.samplesPerSecond;
    if (m_job.isActive()) { // the whole job: every model it trains
        p.jobFraction = m_job.fraction();
        p.etaSeconds = m_job.etaSeconds();
    } else {
        const double stepsLeft = static_cast<double>(totalEpochs - m.epoch) * m.stepsPerEpoch +
                                 (m.stepsPerEpoch - m.step);
        p.etaSeconds = m.samplesPerSecond > 0 ? stepsLeft * batchSize / m.samplesPerSecond : -1.0;
    }
    m_progress->setProgress(p);
    updateSummary();
}

void TrainingPanel::setStatusText(const QString &text)
{
    m_status = text;
    m_progress->setStatusText(text);
    updateSummary();
}

void TrainingPanel::updateSummary()
{
    QString summary = m_progress->summaryText();
    if (m_estimate >= 0 && m_state == TrainingController::State::Idle) {
        const QString estimate =
            tr("Estimated time of the next job: about %1 (from the speed of earlier runs; "
               "evaluation not included)")
                .arg(ql::widgets::TrainingProgressWidget::formatDuration(m_estimate));
        summary = summary.isEmpty() ? estimate : summary + QStringLiteral("\n") + estimate;
    }
    m_summary->setText(m_status.isEmpty()  ? summary
                       : summary.isEmpty() ? m_status
                                           : summary + QStringLiteral("\n") + m_status);
}

} // namespace ql::app
