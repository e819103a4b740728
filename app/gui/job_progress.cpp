// SPDX-License-Identifier: MIT
#include "app/gui/job_progress.h"

#include <QSettings>

#include <algorithm>

namespace ql::app {

qint64 plannedSteps(const ql::core::TrainingConfig &config, qint64 trainSamples)
{
    if (trainSamples <= 0 || config.batchSize <= 0)
        return 0;
    const qint64 n =
        config.trainLimit > 0 ? std::min<qint64>(config.trainLimit, trainSamples) : trainSamples;
    const qint64 b = config.batchSize;
    qint64 perEpoch = (n + b - 1) / b;
    if (n % b == 1 && perEpoch > 1) // the trainer drops a last batch of one sample
        --perEpoch;
    const qint64 all = perEpoch * std::max(1, config.epochs);
    return config.maxSteps > 0 ? std::min<qint64>(all, config.maxSteps) : all;
}

qint64 knownTrainSamples(const std::string &dataset)
{
    if (dataset == "mnist" || dataset == "fashion-mnist")
        return 60000;
    if (dataset == "cifar10")
        return 50000;
    return 0;
}

namespace {
QString speedKey(const ql::core::TrainingConfig &c)
{
    return QStringLiteral("speed/%1-%2-%3-b%4-t%5")
        .arg(QString::fromStdString(c.model.arch),
             c.sgt.enabled ? QStringLiteral("sgt") : QStringLiteral("plain"),
             c.model.quant.isFloat() ? QStringLiteral("float") : QStringLiteral("quant"))
        .arg(c.batchSize)
        .arg(c.threads);
}
} // namespace

double storedSecondsPerStep(const ql::core::TrainingConfig &config)
{
    return QSettings().value(speedKey(config), 0.0).toDouble();
}

void storeSecondsPerStep(const ql::core::TrainingConfig &config, double seconds)
{
    if (seconds > 0)
        QSettings().setValue(speedKey(config), seconds);
}

void JobProgress::start(const JobSettings &job, qint64 trainSamples,
                        const double secondsPerStep[kModelSlots])
{
    *this = JobProgress{};
    m_current = -1;
    for (int slot = 0; slot < kModelSlots; ++slot) {
        m_planned[slot] = job.train[slot] ? plannedSteps(job.config[slot], trainSamples) : 0;
        m_earlier[slot] = secondsPerStep ? secondsPerStep[slot] : 0.0;
        m_batchSize[slot] = job.config[slot].batchSize;
        m_sgt[slot] = job.config[slot].sgt.enabled;
        m_total += m_planned[slot];
    }
}

void JobProgress::addBatch(int slot, const ql::core::BatchMetrics &m)
{
    if (slot < 0 || slot >= kModelSlots)
        return;
    m_current = slot;
    // Steps of a resumed run count from where it resumed: its global step.
    m_done[slot] = std::min<qint64>(m.globalStep, m_planned[slot]);
    for (int earlier = 0; earlier < slot; ++earlier)
        m_done[earlier] = m_planned[earlier];
    if (m.samplesPerSecond > 0 && m_batchSize[slot] > 0) {
        const double seconds = m_batchSize[slot] / m.samplesPerSecond;
        // An exponential average over about 20 batches: steady, yet follows a change of load.
        m_measured[slot] =
            m_measured[slot] > 0 ? 0.95 * m_measured[slot] + 0.05 * seconds : seconds;
    }
}

qint64 JobProgress::doneSteps() const
{
    return m_done[0] + m_done[1];
}

double JobProgress::fraction() const
{
    return m_total > 0 ? std::clamp(double(doneSteps()) / double(m_total), 0.0, 1.0) : 0.0;
}

double JobProgress::rateFor(int slot) const
{
    if (m_measured[slot] > 0)
        return m_measured[slot];
    if (m_earlier[slot] > 0)
        return m_earlier[slot];
    // Not measured yet: the rate of the model in training now, for the other loss.
    if (m_current < 0 || m_measured[m_current] <= 0)
        return 0.0;
    const double r = m_measured[m_current];
    return m_sgt[slot] == m_sgt[m_current] ? r : m_sgt[slot] ? r * kSgtStepCost : r / kSgtStepCost;
}

double JobProgress::secondsPerStep(int slot) const
{
    return slot >= 0 && slot < kModelSlots ? rateFor(slot) : 0.0;
}

double JobProgress::remainingFrom(int) const
{
    if (m_total <= 0)
        return -1.0;
    double seconds = 0;
    for (int slot = 0; slot < kModelSlots; ++slot) {
        const qint64 left = m_planned[slot] - m_done[slot];
        if (left <= 0)
            continue;
        const double rate = rateFor(slot);
        if (rate <= 0)
            return -1.0;
        seconds += double(left) * rate;
    }
    return seconds;
}

double JobProgress::etaSeconds() const
{
    return remainingFrom(0);
}

} // namespace ql::app
