// SPDX-License-Identifier: MIT
#include "core/train/optimizer_factory.h"

#include "core/train/adadelta.h"

#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>

#include <stdexcept>

namespace ql::core {

namespace {

bool isAlphaName(const std::string &name)
{
    const std::string suffix = "alpha";
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// One group per non-empty parameter list, each with its own copy of `options` and decay.
template <typename Options>
std::vector<torch::optim::OptimizerParamGroup>
makeGroups(const ParameterGroups &groups, Options options, double weightDecay, double alphaDecay)
{
    std::vector<torch::optim::OptimizerParamGroup> out;
    out.emplace_back(groups.weights,
                     std::make_unique<Options>(Options(options).weight_decay(weightDecay)));
    if (!groups.alphas.empty())
        out.emplace_back(groups.alphas,
                         std::make_unique<Options>(Options(options).weight_decay(alphaDecay)));
    return out;
}

} // namespace

ParameterGroups splitParameters(const torch::nn::Module &model)
{
    ParameterGroups groups;
    for (const auto &item : model.named_parameters(true)) {
        if (!item.value().requires_grad())
            continue;
        (isAlphaName(item.key()) ? groups.alphas : groups.weights).push_back(item.value());
    }
    return groups;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const OptimizerConfig &c,
                                                       const ParameterGroups &groups)
{
    const double lr = c.learningRate;
    if (c.name == "sgd") {
        auto o = torch::optim::SGDOptions(lr).momentum(c.momentum).nesterov(c.nesterov);
        return std::make_unique<torch::optim::SGD>(
            makeGroups(groups, o, c.weightDecay, c.alphaDecay), o);
    }
    if (c.name == "adam") {
        auto o = torch::optim::AdamOptions(lr);
        return std::make_unique<torch::optim::Adam>(
            makeGroups(groups, o, c.weightDecay, c.alphaDecay), o);
    }
    if (c.name == "adamw") {
        auto o = torch::optim::AdamWOptions(lr);
        return std::make_unique<torch::optim::AdamW>(
            makeGroups(groups, o, c.weightDecay, c.alphaDecay), o);
    }
    if (c.name == "adadelta") {
        AdadeltaOptions o(lr);
        return std::make_unique<Adadelta>(makeGroups(groups, o, c.weightDecay, c.alphaDecay), o);
    }
    throw std::invalid_argument("unknown optimiser '" + c.name + "' (sgd, adam, adamw, adadelta)");
}

void setLearningRate(torch::optim::Optimizer &optimizer, double lr)
{
    for (auto &group : optimizer.param_groups())
        group.options().set_lr(lr);
}

void moveStateToParameterDevice(torch::optim::Optimizer &optimizer)
{
    c10::optional<c10::Device> device;
    for (const auto &group : optimizer.param_groups())
        for (const auto &p : group.params())
            if (!device)
                device = p.device();
    if (!device)
        return;
    const c10::Device to = *device;
    auto move = [&to](const torch::Tensor &t) { return t.defined() ? t.to(to) : t; };
    for (auto &entry : optimizer.state()) {
        torch::optim::OptimizerParamState *state = entry.second.get();
        if (auto *adam = dynamic_cast<torch::optim::AdamParamState *>(state)) {
            adam->exp_avg(move(adam->exp_avg()));
            adam->exp_avg_sq(move(adam->exp_avg_sq()));
            adam->max_exp_avg_sq(move(adam->max_exp_avg_sq()));
        } else if (auto *adamw = dynamic_cast<torch::optim::AdamWParamState *>(state)) {
            adamw->exp_avg(move(adamw->exp_avg()));
            adamw->exp_avg_sq(move(adamw->exp_avg_sq()));
            adamw->max_exp_avg_sq(move(adamw->max_exp_avg_sq()));
        } else if (auto *sgd = dynamic_cast<torch::optim::SGDParamState *>(state)) {
            sgd->momentum_buffer(move(sgd->momentum_buffer()));
        }
    }
}

} // namespace ql::core
