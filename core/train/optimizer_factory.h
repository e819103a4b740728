// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>
#include <torch/serialize/archive.h>

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

/// Writes the optimiser's per-parameter state by position (parameter i of the walk over
/// param_groups in order), on the CPU: the layout does not depend on LibTorch's own optimiser
/// serialisation, whose keys changed between LibTorch 1.13 (strings of TensorImpl addresses)
/// and 2.x (the addresses as integers), so a checkpoint written by one loads in the other.
/// Covers sgd, adam, adamw and QuantLens's adadelta.
void saveOptimizerState(const torch::optim::Optimizer &optimizer,
                        torch::serialize::OutputArchive &archive);
/// Reads what saveOptimizerState wrote into an optimiser of the same kind over parameters of
/// the same shapes (any tensors, any device: the state goes to each parameter's device).
/// Throws std::runtime_error with the reason when the state does not fit.
void loadOptimizerState(torch::optim::Optimizer &optimizer,
                        torch::serialize::InputArchive &archive);

/// Throws std::runtime_error unless every per-parameter state tensor of `optimizer` has its
/// parameter's shape (after LibTorch's own load, which matches state to parameters by keys
/// that another LibTorch version may have written differently).
void checkOptimizerStateShapes(const torch::optim::Optimizer &optimizer);

/// Sets the learning rate of every parameter group.
void setLearningRate(torch::optim::Optimizer &optimizer, double lr);

} // namespace ql::core
