// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/sample_keys.h"
#include "core/train/checkpoint.h"
#include "core/train/data_parallel.h"
#include "core/train/lr_schedule.h"
#include "core/train/saliency_guided_loss.h"
#include "core/train/trainer.h"

#include <torch/optim/optimizer.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace ql::core {

/// One execution of Trainer::run(): the training loop and its state (internal).
///
///     execute()
///       setUp()            seeds, data, model, resume, ranks agree (config check, broadcast)
///       runEpoch()         per epoch: the shuffled order, then per batch:
///         trainStep()        forward (SGT loss), backward,
///           synchronise()      the one data-parallel call: averaged gradients + reduced sums
///           optimizer step
///         recordBatch()      observer, history, batches.csv
///       finishEpoch()      sharded test evaluation, epoch metrics, run files, checkpoints
///       diverged() / cancelled()   the two ways out, each written once
class TrainerRun {
public:
    /// What Trainer hands to a run (copied; the data are shared tensors).
    struct Inputs {
        TrainingConfig config;
        const DataSplits *data = nullptr;
        TrainingObserver *observer = nullptr;
        std::string runFolder;
        std::string resumePath;
        ClassifierPtr initialModel;
        std::shared_ptr<Communicator> comm; ///< null: one process
    };

    /// `modelSlot` is Trainer's model pointer (read and set under control.stateMutex()).
    TrainerRun(Inputs inputs, ClassifierPtr &modelSlot, TrainingControl &control);
    RunOutcome execute(std::string &message);

private:
    /// One global batch, as this rank sees it.
    struct Batch {
        torch::Tensor x, y;     ///< this rank's rows, on the device
        int64_t globalSize = 0; ///< samples in the global batch (all ranks)
        SampleKeys keys;        ///< this rank's positions in the global batch
    };
    /// Per-batch figures: means over the batch and its size; global after synchronise().
    struct StepStats {
        double loss = 0, ce = 0, kl = 0, accuracy = 0;
        double samples = 0;
        bool stop = false; ///< some rank asked to cancel
    };

    // Set-up.
    void setUp();
    void prepareData();
    void prepareModel();
    void restore();
    void joinRanks();

    // The loop.
    std::optional<RunOutcome> runEpoch(int epoch, std::string &message);
    Batch takeBatch(const torch::Tensor &order, int64_t step);
    /// Forward, backward, synchronise, step. Empty when the loss is not finite.
    std::optional<BatchMetrics> trainStep(const Batch &batch, std::string &message);
    /// Averages the gradients over the ranks (weighted by shard size) and sums the batch
    /// figures; nothing to do in one process.
    StepStats synchronise(const Batch &batch, const StepStats &local);
    void recordBatch(BatchMetrics &m, int epoch, int64_t step, double lr, int64_t len,
                     double seconds);
    /// `stepsDone` < stepsPerEpoch: the step budget ended the epoch early.
    std::optional<RunOutcome> finishEpoch(int epoch, int64_t stepsDone,
                                          std::chrono::steady_clock::time_point start,
                                          std::string &message);
    /// True once TrainingConfig::maxSteps batches have been trained (0: never).
    bool budgetSpent() const;
    /// False when the run is to stop before the next batch (cancel, on any rank).
    bool keepGoing();
    double applyLearningRate(int epoch, int64_t step);

    // Ways out.
    RunOutcome cancelled(int epoch, int64_t step, std::string &message);
    /// Restores the last good checkpoint (when there is one) and explains.
    RunOutcome diverged(std::string what, std::string &message);

    // Evaluation, checkpoints and run files.
    /// Mean test loss and accuracy under NoGradGuard + eval(); sharded and reduced.
    std::pair<double, double> evaluate();
    torch::Tensor normalise(const torch::Tensor &images) const;
    CheckpointInfo positionInfo(int epochsCompleted, int64_t stepInEpoch) const;
    void saveTo(const std::string &name, const CheckpointInfo &info);
    void writeRunFiles(bool fresh);
    void appendBatchRow(const BatchMetrics &m);
    std::string runPath(const std::string &name) const;
    bool writesRunFolder() const { return !m_in.runFolder.empty(); }
    void report(const std::string &text);
    int rank() const;
    int worldSize() const;

    Inputs m_in;
    ClassifierPtr &m_modelSlot;
    TrainingControl &m_control;
    TrainingConfig &m_config; ///< m_in.config; the learning rate changes during the run
    c10::Device m_device{torch::kCPU};
    Dataset m_train, m_test;
    torch::Tensor m_mean, m_std; ///< [1, C, 1, 1] on the device
    std::vector<float> m_background;
    ClassifierPtr m_model;
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    std::vector<torch::Tensor> m_parameters;
    std::optional<at::Generator> m_generator; ///< shuffling seeds are derived; this one augments
    std::unique_ptr<LrSchedule> m_schedule;
    std::unique_ptr<SaliencyGuidedLoss> m_sgt;
    std::unique_ptr<GradientAverager> m_averager; ///< data-parallel runs only
    int64_t m_globalBatch = 0;                    ///< config.batchSize x world size
    int64_t m_stepsPerEpoch = 0;
    int64_t m_trainCount = 0;

    // Position and running sums.
    int m_startEpoch = 0;
    int64_t m_startStep = 0;
    int64_t m_globalStep = 0;
    double m_bestAccuracy = -1;
    double m_lossSum = 0, m_correct = 0;
    int64_t m_samples = 0;
    bool m_haveGoodCheckpoint = false;
    bool m_stopAgreed = false; ///< data-parallel cancel, agreed in the last synchronise()
};

} // namespace ql::core
