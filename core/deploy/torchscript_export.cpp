// SPDX-License-Identifier: MIT
#include "core/deploy/torchscript_export.h"

#include "core/quant/pact_activation.h"
#include "core/quant/quant_layers.h"

#include <torch/csrc/jit/api/module.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>

namespace ql::core::deploy {
namespace {

std::string scriptName(std::string name)
{
    for (char &c : name)
        if (c == '.' || c == '-')
            c = '_';
    return name;
}

/// Builds the module's attributes and the source of its activations.
class ScriptBuilder {
public:
    explicit ScriptBuilder(ClassifierImpl &model)
        : m_module("QuantLens_" + scriptName(model.spec().arch))
    {
        torch::NoGradGuard noGrad;
        std::map<std::string, std::shared_ptr<QuantLayerBase>> layers;
        for (const auto &item : model.named_modules()) {
            if (auto layer = std::dynamic_pointer_cast<QuantLayerBase>(item.value()))
                layers[item.key()] = layer;
            if (auto pact = std::dynamic_pointer_cast<PactActivationImpl>(item.value()))
                m_pacts[item.key()] = pact;
        }
        for (const auto &item : model.named_parameters()) {
            torch::Tensor value = item.value().detach();
            const std::string &key = item.key();
            const auto dot = key.rfind('.');
            if (dot != std::string::npos && key.substr(dot + 1) == "weight")
                if (const auto it = layers.find(key.substr(0, dot)); it != layers.end())
                    value = it->second->quantizedWeight().detach();
            m_module.register_parameter(scriptName(key), value.to(torch::kCPU).clone(), false);
        }
        for (const auto &item : model.named_buffers())
            if (item.value().is_floating_point())
                m_module.register_buffer(scriptName(item.key()),
                                         item.value().detach().to(torch::kCPU).clone());
        for (const auto &[name, pact] : m_pacts) {
            if (pact->bits() == kFloatBits)
                continue;
            const double levels = static_cast<double>((1 << pact->bits()) - 1);
            const double alpha = pact->alphaValue();
            m_module.register_buffer(scriptName(name) + "_up",
                                     torch::full({}, static_cast<float>(levels / alpha)));
            m_module.register_buffer(scriptName(name) + "_down",
                                     torch::full({}, static_cast<float>(alpha / levels)));
        }
    }

    /// The activation `pactName` applied to the expression `x`.
    std::string act(const std::string &pactName, const std::string &x) const
    {
        const auto it = m_pacts.find(pactName);
        if (it == m_pacts.end())
            throw std::logic_error("no PACT named " + pactName);
        if (it->second->bits() == kFloatBits)
            return "torch.relu(" + x + ")";
        const std::string n = "self." + scriptName(pactName);
        return "torch.round(torch.minimum(torch.relu(" + x + "), " + n + "_alpha) * " + n +
               "_up) * " + n + "_down";
    }

    torch::jit::Module &module() { return m_module; }

private:
    torch::jit::Module m_module;
    std::map<std::string, std::shared_ptr<PactActivationImpl>> m_pacts;
};

std::string mnistCnnSource(const ScriptBuilder &b)
{
    std::ostringstream s;
    s << "def forward(self, x):\n"
      << "    x = " << b.act("conv1_pact", "torch.conv2d(x, self.conv1_weight, self.conv1_bias)")
      << "\n"
      << "    x = " << b.act("conv2_pact", "torch.conv2d(x, self.conv2_weight, self.conv2_bias)")
      << "\n"
      << "    x = torch.flatten(torch.max_pool2d(x, [2, 2]), 1)\n"
      << "    x = " << b.act("fc1_pact", "torch.addmm(self.fc1_bias, x, self.fc1_weight.t())")
      << "\n"
      << "    return torch.addmm(self.fc2_bias, x, self.fc2_weight.t())\n";
    return s.str();
}

std::string resNet20Source(const ScriptBuilder &b)
{
    const auto conv = [](const std::string &x, const std::string &name, int stride) {
        return "torch.conv2d(" + x + ", self." + scriptName(name) + "_weight, None, [" +
               std::to_string(stride) + ", " + std::to_string(stride) + "], [1, 1])";
    };
    const auto bn = [](const std::string &x, const std::string &name) {
        const std::string n = "self." + scriptName(name);
        return "torch.batch_norm(" + x + ", " + n + "_weight, " + n + "_bias, " + n +
               "_running_mean, " + n + "_running_var, False, 0.1, 1e-05, False)";
    };
    std::ostringstream s;
    s << "def forward(self, x):\n"
      << "    x = " << b.act("conv1_pact", bn(conv("x", "conv1", 1), "bn1")) << "\n";
    int64_t inPlanes = 16;
    const int64_t widths[3] = {16, 32, 64};
    for (int stage = 0; stage < 3; ++stage)
        for (int block = 0; block < 3; ++block) {
            const int stride = (stage > 0 && block == 0) ? 2 : 1;
            const std::string p =
                "layer" + std::to_string(stage + 1) + "." + std::to_string(block) + ".";
            s << "    o = "
              << b.act(p + "conv1_pact", bn(conv("x", p + "conv1", stride), p + "bn1")) << "\n"
              << "    o = " << bn(conv("o", p + "conv2", 1), p + "bn2") << "\n";
            std::string shortcut = stride == 2 ? "x[:, :, ::2, ::2]" : "x";
            const int64_t pad = (widths[stage] - inPlanes) / 2;
            if (pad > 0)
                shortcut = "torch.constant_pad_nd(" + shortcut + ", [0, 0, 0, 0, " +
                           std::to_string(pad) + ", " + std::to_string(pad) + "], 0.0)";
            s << "    x = " << b.act(p + "conv2_pact", "o + " + shortcut) << "\n";
            inPlanes = widths[stage];
        }
    s << "    x = torch.flatten(torch.adaptive_avg_pool1d(torch.flatten(x, 2), 1), 1)\n"
      << "    return torch.addmm(self.fc_bias, x, self.fc_weight.t())\n";
    return s.str();
}

} // namespace

void exportTorchScript(ClassifierImpl &model, const std::string &path)
{
    const std::string arch = model.spec().arch;
    if (arch != "mnist-cnn" && arch != "resnet20")
        throw std::invalid_argument("TorchScript export supports mnist-cnn and resnet20, not '" +
                                    arch + "'");
    ScriptBuilder builder(model);
    builder.module().define(arch == "mnist-cnn" ? mnistCnnSource(builder)
                                                : resNet20Source(builder));
    builder.module().eval();
    const std::string temp = path + ".tmp";
    try {
        builder.module().save(temp);
    } catch (const std::exception &e) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        throw std::runtime_error("cannot write '" + path + "': " + e.what());
    }
    std::error_code error;
    std::filesystem::rename(temp, path, error);
    if (error) {
        std::filesystem::remove(temp, error);
        throw std::runtime_error("cannot replace '" + path + "': " + error.message());
    }
}

} // namespace ql::core::deploy
