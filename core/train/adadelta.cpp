// SPDX-License-Identifier: MIT
#include "core/train/adadelta.h"

#include <torch/serialize/archive.h>

#include <stdexcept>

namespace ql::core {

Adadelta::Adadelta(std::vector<torch::optim::OptimizerParamGroup> groups, AdadeltaOptions defaults)
    : Optimizer(std::move(groups), std::make_unique<AdadeltaOptions>(defaults))
{
}

torch::Tensor Adadelta::step(LossClosure closure)
{
    torch::Tensor loss;
    if (closure) {
        at::AutoGradMode enable(true);
        loss = closure();
    }
    torch::NoGradGuard noGrad;
    for (auto &group : param_groups_) {
        const auto &o = static_cast<const AdadeltaOptions &>(group.options());
        for (auto &p : group.params()) {
            if (!p.grad().defined())
                continue;
            torch::Tensor grad = p.grad();
            if (o.weight_decay() != 0.0)
                grad = grad.add(p, o.weight_decay());
            State &s = m_state[p.unsafeGetTensorImpl()];
            if (!s.squareAvg.defined()) {
                s.squareAvg = torch::zeros_like(p, at::MemoryFormat::Preserve);
                s.accDelta = torch::zeros_like(p, at::MemoryFormat::Preserve);
            }
            s.squareAvg.mul_(o.rho()).addcmul_(grad, grad, 1.0 - o.rho());
            const torch::Tensor std = s.squareAvg.add(o.eps()).sqrt_();
            const torch::Tensor delta = s.accDelta.add(o.eps()).sqrt_().div_(std).mul_(grad);
            s.accDelta.mul_(o.rho()).addcmul_(delta, delta, 1.0 - o.rho());
            p.add_(delta, -o.lr());
        }
    }
    return loss;
}

void Adadelta::save(torch::serialize::OutputArchive &archive) const
{
    int64_t index = 0;
    for (const auto &group : param_groups_) {
        for (const auto &p : group.params()) {
            const auto it = m_state.find(p.unsafeGetTensorImpl());
            if (it != m_state.end()) {
                archive.write("square_avg." + std::to_string(index), it->second.squareAvg, true);
                archive.write("acc_delta." + std::to_string(index), it->second.accDelta, true);
            }
            ++index;
        }
    }
    archive.write("count", torch::tensor(index), true);
}

void Adadelta::load(torch::serialize::InputArchive &archive)
{
    torch::Tensor count;
    archive.read("count", count, true);
    int64_t index = 0;
    for (auto &group : param_groups_)
        index += static_cast<int64_t>(group.params().size());
    if (count.item<int64_t>() != index)
        throw std::runtime_error("optimiser state is for " + std::to_string(count.item<int64_t>()) +
                                 " parameters, the model has " + std::to_string(index));
    m_state.clear();
    index = 0;
    for (auto &group : param_groups_) {
        for (auto &p : group.params()) {
            State s;
            if (archive.try_read("square_avg." + std::to_string(index), s.squareAvg, true) &&
                archive.try_read("acc_delta." + std::to_string(index), s.accDelta, true)) {
                if (s.squareAvg.sizes() != p.sizes() || s.accDelta.sizes() != p.sizes())
                    throw std::runtime_error("optimiser state of parameter " +
                                             std::to_string(index) +
                                             " has another shape than the parameter");
                s.squareAvg = s.squareAvg.to(p.device());
                s.accDelta = s.accDelta.to(p.device());
                m_state[p.unsafeGetTensorImpl()] = s;
            }
            ++index;
        }
    }
}

} // namespace ql::core
