// SPDX-License-Identifier: MIT
#include "core/train/optimizer_factory.h"

#include "core/train/adadelta.h"

#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>

#include <sstream>
#include <stdexcept>
#include <type_traits>

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

namespace {

/// The key LibTorch's optimisers file a parameter's state under: a string of the TensorImpl
/// address in 1.13 (c10::guts::to_string, an ostream of the pointer), the address itself in 2.x.
template <typename StateMap>
typename StateMap::key_type stateKey(const StateMap & /*state*/, const torch::Tensor &p)
{
    using Key = typename StateMap::key_type;
    if constexpr (std::is_same_v<Key, std::string>) {
        std::ostringstream s;
        s << p.unsafeGetTensorImpl();
        return s.str();
    } else {
        return Key(p.unsafeGetTensorImpl());
    }
}

template <typename StateMap>
const torch::optim::OptimizerParamState *findState(const StateMap &state, const torch::Tensor &p)
{
    const auto it = state.find(stateKey(state, p));
    return it == state.end() ? nullptr : it->second.get();
}

/// 0 sgd, 1 adam, 2 adamw, 3 adadelta; -1 for any other optimiser.
int64_t kindOf(const torch::optim::Optimizer &optimizer)
{
    if (dynamic_cast<const torch::optim::SGD *>(&optimizer) != nullptr)
        return 0;
    if (dynamic_cast<const torch::optim::Adam *>(&optimizer) != nullptr)
        return 1;
    if (dynamic_cast<const torch::optim::AdamW *>(&optimizer) != nullptr)
        return 2;
    if (dynamic_cast<const Adadelta *>(&optimizer) != nullptr)
        return 3;
    return -1;
}

const char *kindName(int64_t kind)
{
    static const char *const names[] = {"sgd", "adam", "adamw", "adadelta"};
    return kind >= 0 && kind < 4 ? names[kind] : "an unknown optimiser";
}

std::vector<torch::Tensor> allParameters(const torch::optim::Optimizer &optimizer)
{
    std::vector<torch::Tensor> out;
    for (const auto &group : optimizer.param_groups())
        for (const auto &p : group.params())
            out.push_back(p);
    return out;
}

/// The state tensors of one parameter by field name (undefined ones left out).
std::vector<std::pair<std::string, torch::Tensor>>
stateTensors(const torch::optim::OptimizerParamState &state)
{
    std::vector<std::pair<std::string, torch::Tensor>> out;
    auto add = [&out](const char *name, const torch::Tensor &t) {
        if (t.defined())
            out.emplace_back(name, t);
    };
    if (const auto *adam = dynamic_cast<const torch::optim::AdamParamState *>(&state)) {
        add("exp_avg", adam->exp_avg());
        add("exp_avg_sq", adam->exp_avg_sq());
        add("max_exp_avg_sq", adam->max_exp_avg_sq());
    } else if (const auto *adamw = dynamic_cast<const torch::optim::AdamWParamState *>(&state)) {
        add("exp_avg", adamw->exp_avg());
        add("exp_avg_sq", adamw->exp_avg_sq());
        add("max_exp_avg_sq", adamw->max_exp_avg_sq());
    } else if (const auto *sgd = dynamic_cast<const torch::optim::SGDParamState *>(&state)) {
        add("momentum_buffer", sgd->momentum_buffer());
    }
    return out;
}

int64_t stepOf(const torch::optim::OptimizerParamState &state)
{
    if (const auto *adam = dynamic_cast<const torch::optim::AdamParamState *>(&state))
        return adam->step();
    if (const auto *adamw = dynamic_cast<const torch::optim::AdamWParamState *>(&state))
        return adamw->step();
    return 0;
}

std::string slot(size_t index, const std::string &field)
{
    return "p" + std::to_string(index) + "." + field;
}

} // namespace

void saveOptimizerState(const torch::optim::Optimizer &optimizer,
                        torch::serialize::OutputArchive &archive)
{
    const int64_t kind = kindOf(optimizer);
    if (kind < 0)
        throw std::invalid_argument("saveOptimizerState: unsupported optimiser");
    const std::vector<torch::Tensor> params = allParameters(optimizer);
    archive.write("layout", torch::tensor(int64_t{1}), true);
    archive.write("kind", torch::tensor(kind), true);
    archive.write("count", torch::tensor(static_cast<int64_t>(params.size())), true);
    if (kind == 3) { // Adadelta keeps its own state, already by position
        torch::serialize::OutputArchive own;
        optimizer.save(own);
        archive.write("adadelta", own);
        return;
    }
    for (size_t i = 0; i < params.size(); ++i) {
        const torch::optim::OptimizerParamState *state = findState(optimizer.state(), params[i]);
        if (state == nullptr)
            continue; // no step taken for this parameter yet
        archive.write(slot(i, "step"), torch::tensor(stepOf(*state)), true);
        for (const auto &[field, t] : stateTensors(*state))
            archive.write(slot(i, field), t.detach().cpu(), true);
    }
}

void loadOptimizerState(torch::optim::Optimizer &optimizer, torch::serialize::InputArchive &archive)
{
    torch::Tensor layout, kindTensor, count;
    if (!archive.try_read("layout", layout, true) || layout.item<int64_t>() != 1 ||
        !archive.try_read("kind", kindTensor, true) || !archive.try_read("count", count, true))
        throw std::runtime_error("optimiser state in an unknown layout");
    const int64_t kind = kindTensor.item<int64_t>();
    if (kind != kindOf(optimizer))
        throw std::runtime_error(std::string("optimiser state is for ") + kindName(kind) +
                                 ", this run uses " + kindName(kindOf(optimizer)));
    const std::vector<torch::Tensor> params = allParameters(optimizer);
    if (count.item<int64_t>() != static_cast<int64_t>(params.size()))
        throw std::runtime_error("optimiser state is for " + std::to_string(count.item<int64_t>()) +
                                 " parameters, the model has " + std::to_string(params.size()));
    if (kind == 3) {
        torch::serialize::InputArchive own;
        if (!archive.try_read("adadelta", own))
            throw std::runtime_error("optimiser state lacks its Adadelta section");
        optimizer.load(own);
        return;
    }
    auto &state = optimizer.state();
    state.clear();
    for (size_t i = 0; i < params.size(); ++i) {
        const torch::Tensor &p = params[i];
        torch::Tensor step;
        if (!archive.try_read(slot(i, "step"), step, true))
            continue; // this parameter had no state yet
        auto read = [&](const char *field, bool required) {
            torch::Tensor t;
            if (!archive.try_read(slot(i, field), t, true)) {
                if (required)
                    throw std::runtime_error("optimiser state of parameter " + std::to_string(i) +
                                             " lacks " + field);
                return torch::Tensor();
            }
            if (t.sizes() != p.sizes())
                throw std::runtime_error("optimiser state of parameter " + std::to_string(i) +
                                         " has another shape than the parameter");
            return t.to(p.device(), p.scalar_type());
        };
        if (kind == 0) {
            auto s = std::make_unique<torch::optim::SGDParamState>();
            s->momentum_buffer(read("momentum_buffer", false));
            state[stateKey(state, p)] = std::move(s);
        } else { // Adam and AdamW keep the same fields in two classes
            auto moments = [&](auto s) {
                s->step(step.item<int64_t>());
                s->exp_avg(read("exp_avg", true));
                s->exp_avg_sq(read("exp_avg_sq", true));
                s->max_exp_avg_sq(read("max_exp_avg_sq", false));
                state[stateKey(state, p)] = std::move(s);
            };
            if (kind == 1)
                moments(std::make_unique<torch::optim::AdamParamState>());
            else
                moments(std::make_unique<torch::optim::AdamWParamState>());
        }
    }
}

void checkOptimizerStateShapes(const torch::optim::Optimizer &optimizer)
{
    const std::vector<torch::Tensor> params = allParameters(optimizer);
    size_t found = 0;
    for (size_t i = 0; i < params.size(); ++i) {
        const torch::optim::OptimizerParamState *state = findState(optimizer.state(), params[i]);
        if (state == nullptr)
            continue;
        ++found;
        for (const auto &[field, t] : stateTensors(*state))
            if (t.sizes() != params[i].sizes())
                throw std::runtime_error("optimiser state (" + field + ") of parameter " +
                                         std::to_string(i) +
                                         " does not match its shape: written by another LibTorch "
                                         "version in its own layout");
    }
    if (found != optimizer.state().size())
        throw std::runtime_error("optimiser state does not match the parameters: written by "
                                 "another LibTorch version in its own layout");
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
