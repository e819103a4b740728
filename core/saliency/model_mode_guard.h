// SPDX-License-Identifier: MIT
#pragma once

#include <c10/core/Device.h>
#include <torch/nn/module.h>

namespace ql::core {

/// Puts a module in eval mode for its lifetime and restores the previous mode afterwards (also
/// when an exception leaves the scope).
class ModelModeGuard {
public:
    explicit ModelModeGuard(torch::nn::Module &module)
        : m_module(module), m_wasTraining(module.is_training())
    {
        m_module.eval();
    }
    ~ModelModeGuard() { m_module.train(m_wasTraining); }
    ModelModeGuard(const ModelModeGuard &) = delete;
    ModelModeGuard &operator=(const ModelModeGuard &) = delete;

private:
    torch::nn::Module &m_module;
    bool m_wasTraining;
};

/// Device of the module's first parameter (or buffer); CPU when it has neither.
inline c10::Device modelDevice(const torch::nn::Module &module)
{
    for (const auto &p : module.parameters())
        return p.device();
    for (const auto &b : module.buffers())
        return b.device();
    return c10::Device(c10::kCPU);
}

} // namespace ql::core
