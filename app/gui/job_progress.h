// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

#include <QString>

namespace ql::app {

/// Batches a run of `config` trains on `trainSamples` training images: epochs x batches per
/// epoch (the trainer drops a last batch of one sample), or the step budget
/// (TrainingConfig::maxSteps) when that is smaller. trainSamples is capped by trainLimit. 0
/// when unknown (trainSamples <= 0).
qint64 plannedSteps(const ql::core::TrainingConfig &config, qint64 trainSamples);

/// Training images of a built-in data set (mnist, fashion-mnist: 60,000; cifar10: 50,000),
/// for an estimate before the data are loaded; 0 for other data sets.
qint64 knownTrainSamples(const std::string &dataset);

/// Seconds per batch measured in an earlier run of a model like `config` (architecture, SGT,
/// quantized or not, batch size, threads), kept in QSettings; 0 when none.
double storedSecondsPerStep(const ql::core::TrainingConfig &config);
void storeSecondsPerStep(const ql::core::TrainingConfig &config, double seconds);

/// Progress and time left of a whole job (every model it trains, in order), from the batches
/// reported so far. Each model's seconds per batch is the measured rate of its recent batches,
/// or, before it starts, an estimate: the rate measured for that model in an earlier run,
/// else the rate of the model in training now (x kSgtStepCost when only one of the two uses
/// saliency-guided training). Evaluation time is not included.
class JobProgress {
public:
    /// SGT step / plain step of mnist-cnn (docs/RESULTS.md: 2.26-2.36 on 2 threads).
    static constexpr double kSgtStepCost = 2.3;

    /// `secondsPerStep`: per slot, an earlier measurement (<= 0: none).
    void start(const JobSettings &job, qint64 trainSamples,
               const double secondsPerStep[kModelSlots]);
    /// A batch of `slot` was trained (m.samplesPerSecond with the slot's batch size gives the
    /// measured seconds per batch).
    void addBatch(int slot, const ql::core::BatchMetrics &m);

    bool isActive() const { return m_total > 0; }
    qint64 totalSteps() const { return m_total; }
    qint64 doneSteps() const;
    /// Done / total in [0, 1] (0 when unknown).
    double fraction() const;
    /// Seconds left over every model of the job; < 0 when no rate is known yet.
    double etaSeconds() const;
    /// Estimated seconds of the whole job before it starts; < 0 when unknown.
    double estimatedSeconds() const { return remainingFrom(0); }
    /// The measured (or estimated) seconds per batch of `slot`; <= 0 when unknown.
    double secondsPerStep(int slot) const;
    /// Seconds per batch measured for `slot` in this job; 0 when it trained no batch.
    double measuredSecondsPerStep(int slot) const
    {
        return slot >= 0 && slot < kModelSlots ? m_measured[slot] : 0.0;
    }

private:
    double remainingFrom(int firstSlotDone) const;
    double rateFor(int slot) const;

    qint64 m_planned[kModelSlots] = {0, 0};
    qint64 m_done[kModelSlots] = {0, 0};
    double m_measured[kModelSlots] = {0, 0}; ///< smoothed seconds per batch, this job
    double m_earlier[kModelSlots] = {0, 0};  ///< from an earlier run
    int m_batchSize[kModelSlots] = {0, 0};
    bool m_sgt[kModelSlots] = {false, false};
    qint64 m_total = 0;
    int m_current = -1;
};

} // namespace ql::app
