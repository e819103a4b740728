// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>

#include <memory>
#include <vector>

namespace ql::core {

/// Parameters split for the optimiser: PACT clip levels get their own group and decay.
struct ParameterGroups {
    std::vector<torch::Tensor> weights; ///< everything but the alphas
    std::vector<torch::Tensor> alphas;  ///< PACT clip levels (parameters named "...alpha")
};

ParameterGroups splitParameters(const torch::nn::Module &model);

/// sgd (momentum, Nesterov, weight decay), adam, adamw, adadelta; group 0 = weights with
/// config.weightDecay, group 1 (when there are alphas) = alphas with config.alphaDecay.
/// Throws std::invalid_argument for an unknown name.
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerConfig &config,
                                                       const ParameterGroups &groups);

/// Moves the optimiser's per-parameter state (Adam / AdamW moments, SGD momentum) to the
/// device of the parameters: after loading a checkpoint, whose tensors are read onto the CPU,
/// or written on another device. The parameters must all be on one device. (QuantLens's own
/// Adadelta moves its state in load().)
void moveStateToParameterDevice(torch::optim::Optimizer &optimizer);

/// Sets the learning rate of every parameter group.
void setLearningRate(torch::optim::Optimizer &optimizer, double lr);

} // namespace ql::core
