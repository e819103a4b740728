// SPDX-License-Identifier: MIT
#pragma once

#include <torch/optim/optimizer.h>

#include <unordered_map>
#include <vector>

namespace ql::core {

/// Options of Adadelta (PyTorch's defaults: lr 1, rho 0.9, eps 1e-6).
struct AdadeltaOptions : public torch::optim::OptimizerCloneableOptions<AdadeltaOptions> {
    explicit AdadeltaOptions(double learningRate = 1.0) { lr(learningRate); }
    TORCH_ARG(double, lr) = 1.0;
    TORCH_ARG(double, rho) = 0.9;
    TORCH_ARG(double, eps) = 1e-6;
    TORCH_ARG(double, weight_decay) = 0.0; ///< L2 added to the gradient

public:
    double get_lr() const override { return lr(); }
    void set_lr(const double value) override { lr(value); }
};

/// Adadelta (Zeiler 2012) with PyTorch's update rule; LibTorch's C++ API has none. Its state
/// lives in its own map (keyed by parameter), saved and loaded by position.
class Adadelta : public torch::optim::Optimizer {
public:
    explicit Adadelta(std::vector<torch::optim::OptimizerParamGroup> groups,
                      AdadeltaOptions defaults = AdadeltaOptions());

    torch::Tensor step(LossClosure closure = nullptr) override;
    void save(torch::serialize::OutputArchive &archive) const override;
    void load(torch::serialize::InputArchive &archive) override;

private:
    struct State {
        torch::Tensor squareAvg;
        torch::Tensor accDelta;
    };
    std::unordered_map<const void *, State> m_state;
};

} // namespace ql::core
