// SPDX-License-Identifier: MIT
#include "core/models/lenet5.h"

#include <ATen/ATen.h>

#include <stdexcept>

namespace ql::core {

LeNet5Impl::LeNet5Impl(const ModelSpec &spec) : ClassifierImpl(spec)
{
    spec.quant.validate();
    if (spec.imageSize < 12)
        throw std::invalid_argument("lenet5 needs inputs of at least 12x12 pixels, got " +
                                    std::to_string(spec.imageSize));
    const float alpha = spec.quant.alphaInit;
    m_conv1 = register_module(
        "conv1", QuantConv2d(QuantConv2dOptions(spec.inChannels, 6, 5).withPadding(2)));
    m_act1 = register_module("conv1_pact", PactActivation(kFloatBits, alpha));
    m_conv2 = register_module("conv2", QuantConv2d(QuantConv2dOptions(6, 16, 5)));
    m_act2 = register_module("conv2_pact", PactActivation(kFloatBits, alpha));
    const int64_t side = (spec.imageSize / 2 - 4) / 2;
    m_fc1 = register_module("fc1", QuantLinear(16 * side * side, 120));
    m_act3 = register_module("fc1_pact", PactActivation(kFloatBits, alpha));
    m_fc2 = register_module("fc2", QuantLinear(120, 84));
    m_act4 = register_module("fc2_pact", PactActivation(kFloatBits, alpha));
    m_fc3 = register_module("fc3", QuantLinear(84, spec.numClasses));
    m_table.add("conv1", m_conv1.ptr(), m_act1.ptr());
    m_table.add("conv2", m_conv2.ptr(), m_act2.ptr());
    m_table.add("fc1", m_fc1.ptr(), m_act3.ptr());
    m_table.add("fc2", m_fc2.ptr(), m_act4.ptr());
    m_table.add("fc3", m_fc3.ptr(), nullptr);
    m_table.apply(spec.quant);
    dryRun(*this);
}

std::pair<torch::Tensor, torch::Tensor> LeNet5Impl::forwardWithFeatures(torch::Tensor x)
{
    x = at::max_pool2d(m_act1(m_conv1(x)), {2, 2});
    const torch::Tensor features = m_act2(m_conv2(x));
    x = at::max_pool2d(features, {2, 2}).flatten(1);
    x = m_act3(m_fc1(x));
    x = m_act4(m_fc2(x));
    return {m_fc3(x), features};
}

torch::Tensor LeNet5Impl::forward(torch::Tensor x)
{
    return forwardWithFeatures(std::move(x)).first;
}

void LeNet5Impl::applyQuantConfig(const QuantConfig &config)
{
    m_table.apply(config);
    m_spec.quant = config;
}

} // namespace ql::core
