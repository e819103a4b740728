// SPDX-License-Identifier: MIT
#include "widgets/training_progress_widget.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ql::widgets {

namespace {
constexpr int kBarMax = 1000; ///< progress bar resolution: 0.1 %
}

TrainingProgressWidget::TrainingProgressWidget(QWidget *parent) : QWidget(parent)
{
    m_phase = new QLabel(this);
    QFont bold = m_phase->font();
    bold.setBold(true);
    m_phase->setFont(bold);
    m_epoch = new QLabel(this);
    m_step = new QLabel(this);
    m_rate = new QLabel(this);
    m_eta = new QLabel(this);
    m_status = new QLabel(this);
    m_bar = new QProgressBar(this);
    m_bar->setRange(0, kBarMax);
    auto *labels = new QHBoxLayout;
    labels->setContentsMargins(0, 0, 0, 0);
    for (QLabel *label : {m_phase, m_epoch, m_step, m_rate, m_eta})
        labels->addWidget(label);
    labels->addStretch(1);
    labels->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(labels);
    layout->addWidget(m_bar);
    reset();
}

double TrainingProgressWidget::fractionDone(const TrainingProgress &p)
{
    if (p.totalEpochs <= 0 || p.epoch <= 0)
        return 0.0;
    const double inEpoch =
        p.stepsPerEpoch > 0 ? std::clamp(double(p.step) / double(p.stepsPerEpoch), 0.0, 1.0) : 0.0;
    return std::clamp((p.epoch - 1 + inEpoch) / p.totalEpochs, 0.0, 1.0);
}

QString TrainingProgressWidget::formatDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("--");
    const qint64 total = qint64(std::llround(seconds));
    const qint64 h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

void TrainingProgressWidget::setProgress(const TrainingProgress &p)
{
    m_progress = p;
    m_phase->setText(p.phase);
    m_phase->setVisible(!p.phase.isEmpty());
    m_epoch->setText(
        tr("Epoch %1 / %2").arg(QLocale().toString(p.epoch), QLocale().toString(p.totalEpochs)));
    m_step->setText(p.stepsPerEpoch > 0
                        ? tr("Step %1 / %2")
                              .arg(QLocale().toString(p.step), QLocale().toString(p.stepsPerEpoch))
                        : tr("Step %1").arg(QLocale().toString(p.step)));
    m_rate->setText(tr("%1 samples/s").arg(QLocale().toString(p.samplesPerSecond, 'f', 0)));
    m_eta->setText(p.jobFraction >= 0 ? tr("Job remaining: %1").arg(formatDuration(p.etaSeconds))
                                      : tr("Remaining: %1").arg(formatDuration(p.etaSeconds)));
    const double fraction =
        p.jobFraction >= 0 ? std::clamp(p.jobFraction, 0.0, 1.0) : fractionDone(p);
    m_bar->setValue(int(std::lround(fraction * kBarMax)));
    m_bar->setFormat(tr("%1 %").arg(QLocale().toString(100.0 * fraction, 'f', 1)));
}

void TrainingProgressWidget::setStatusText(const QString &text)
{
    m_idle = false;
    m_status->setText(text);
}

void TrainingProgressWidget::reset()
{
    setProgress(TrainingProgress());
    m_idle = true;
    retranslateUi();
}

void TrainingProgressWidget::retranslateUi()
{
    setProgress(m_progress);
    if (m_idle)
        m_status->setText(tr("Idle"));
}

void TrainingProgressWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QString TrainingProgressWidget::summaryText() const
{
    QStringList parts;
    for (const QLabel *label : {m_phase, m_epoch, m_step, m_rate, m_eta})
        if (!label->text().isEmpty())
            parts << label->text();
    return parts.join(QStringLiteral(" | "));
}

int TrainingProgressWidget::progressValue() const
{
    return m_bar->value();
}

} // namespace ql::widgets
