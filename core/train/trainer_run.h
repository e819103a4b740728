// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/checkpoint.h"
#include "core/train/lr_schedule.h"
#include "core/train/saliency_guided_loss.h"
#include "core/train/trainer.h"

#include <torch/optim/optimizer.h>

#include <memory>
#include <optional>
#include <string>

namespace ql::core {

/// One execution of Trainer::run(): the training loop and its state (internal).
class TrainerRun {
public:
    explicit TrainerRun(Trainer &trainer);
    RunOutcome execute(std::string &message);

private:
    void prepareData();
    void prepareModel();
    void restore();
    torch::Tensor normalise(const torch::Tensor &images) const;
    /// Waits while paused; false when cancelled.
    bool waitWhilePaused();
    /// Mean test loss and accuracy under NoGradGuard + eval().
    std::pair<double, double> evaluate();
    CheckpointInfo positionInfo(int epochsCompleted, int64_t stepInEpoch) const;
    void saveTo(const std::string &name, const CheckpointInfo &info);
    void writeRunFiles(bool fresh);
    void appendBatchRow(const BatchMetrics &m);
    std::string runPath(const std::string &name) const;
    void report(const std::string &text);

    Trainer &m_t;
    TrainingConfig m_config;
    c10::Device m_device{torch::kCPU};
    Dataset m_train, m_test;
    torch::Tensor m_mean, m_std; ///< [1, C, 1, 1] on the device
    std::vector<float> m_background;
    ClassifierPtr m_model;
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    std::vector<torch::Tensor> m_parameters;
    std::optional<at::Generator> m_generator; ///< shuffling seeds are derived; this one augments
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
};

} // namespace ql::core
