// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/models/classifier.h"
#include "core/train/metrics_history.h"
#include "core/train/training_config.h"
#include "core/train/training_control.h"

#include <memory>
#include <string>

namespace ql::core {

class Communicator;

/// Trains one classifier on one data set with plain or saliency-guided loss, PACT alphas in
/// their own parameter group, a learning-rate schedule, checkpoints and a run folder.
///
/// run() blocks and belongs on a worker thread; pause(), resume(), cancel(),
/// setLearningRate(), snapshot() and history() are thread-safe and take effect between
/// batches. Progress goes to the TrainingObserver on the training thread.
///
///     Trainer trainer(config, splits);       // splits: ql::imaging::loadDataSplits(...)
///     trainer.setObserver(&observer);
///     trainer.setRunFolder("runs/mnist-4bit"); // optional
///     RunOutcome outcome = trainer.run();     // Finished, Cancelled, Diverged or Failed
class Trainer {
public:
    /// Validates `config` (std::invalid_argument). The data stay on the CPU; batches are
    /// gathered by index and moved to config.device.
    Trainer(TrainingConfig config, DataSplits data);
    ~Trainer();
    Trainer(const Trainer &) = delete;
    Trainer &operator=(const Trainer &) = delete;

    /// Not owned; must outlive run(). Set before run().
    void setObserver(TrainingObserver *observer);
    /// Writes config.json, metrics.csv, batches.csv, last.ckpt and best.ckpt there (created).
    /// Removes stale temporaries of killed saves there (removeStaleTemporaries).
    void setRunFolder(const std::string &dir);
    /// Train this model object itself (any ClassifierImpl, e.g. a custom one) instead of
    /// makeClassifier(config.model). Set before run().
    void setModel(ClassifierPtr model);
    /// Fine-tuning ("retrain"): start from a copy of `model`'s weights and alphas, at the
    /// bit-widths of config.model.quant, with a fresh optimiser. Set before run().
    void setInitialModel(const ClassifierImpl &model);
    /// Continue a run from a checkpoint (model, optimiser, position, RNG, history). With the
    /// same config and seed the continuation is bit-exact on CPU. Set before run().
    void resumeFrom(const std::string &checkpointPath);
    /// Data-parallel training: this process is one rank of `communicator`'s group (see
    /// connectRanks). Every rank starts from rank 0's weights, trains on its shard of each
    /// global batch of config.batchSize x world size samples, and averages gradients before
    /// each step; only rank 0 writes the run folder. Pause is not available then; cancel()
    /// on any rank stops all ranks after the current batch. Set before run().
    void setCommunicator(std::shared_ptr<Communicator> communicator);

    /// Trains until config.epochs are done, cancel(), divergence or an error. Calls
    /// configureThreads(config.threads) first. Reports onFinished() with the outcome and a
    /// message; exceptions are caught and reported as Failed.
    RunOutcome run();

    // --- Thread-safe controls, effective between batches -----------------------------------
    void pause();
    void resume();
    /// Stops after the current batch (also wakes a paused run). With a run folder, last.ckpt
    /// then holds the exact position so that resumeFrom() continues there.
    void cancel();
    bool isPaused() const { return m_control.isPaused(); }
    bool isRunning() const { return m_control.isRunning(); }
    /// New base learning rate (the schedule keeps scaling it), applied at the next batch.
    void setLearningRate(double lr);

    /// A deep copy of the model on `device`, taken between batches (never a half-updated
    /// model). Null before the model exists.
    ClassifierPtr snapshot(const c10::Device &device) const;
    /// Copy of the metrics so far.
    MetricsHistory history() const;
    /// The final message of the last run (divergence / error explanation).
    std::string lastMessage() const;

    const TrainingConfig &config() const { return m_config; }
    /// The model being trained; only touch it while no run() is in progress.
    ClassifierPtr model() const;

private:
    TrainingConfig m_config;
    DataSplits m_data;
    TrainingObserver *m_observer = nullptr;
    std::string m_runFolder;
    std::string m_resumePath;
    ClassifierPtr m_initialModel;
    ClassifierPtr m_model; ///< guarded by m_control.stateMutex()
    std::shared_ptr<Communicator> m_communicator;
    TrainingControl m_control;
};

} // namespace ql::core
