// SPDX-License-Identifier: MIT
#include "core/models/mnist_cnn.h"

#include "core/models/fused_ops.h"

#include <ATen/ATen.h>

#include <stdexcept>

namespace ql::core {

MnistCnnImpl::MnistCnnImpl(const ModelSpec &spec) : ClassifierImpl(spec)
{
    spec.quant.validate();
    if (spec.imageSize < 6)
        throw std::invalid_argument("mnist-cnn needs inputs of at least 6x6 pixels, got " +
                                    std::to_string(spec.imageSize));
    const float alpha = spec.quant.alphaInit;
    m_conv1 = register_module("conv1", QuantConv2d(QuantConv2dOptions(spec.inChannels, 32, 3)));
    m_act1 = register_module("conv1_pact", PactActivation(kFloatBits, alpha));
    m_conv2 = register_module("conv2", QuantConv2d(QuantConv2dOptions(32, 64, 3)));
    m_act2 = register_module("conv2_pact", PactActivation(kFloatBits, alpha));
    const int64_t side = (spec.imageSize - 4) / 2; // two valid 3x3 convolutions, then pool 2
    m_fc1 = register_module("fc1", QuantLinear(64 * side * side, 128));
    m_act3 = register_module("fc1_pact", PactActivation(kFloatBits, alpha));
    m_fc2 = register_module("fc2", QuantLinear(128, spec.numClasses));
    m_table.add("conv1", m_conv1.ptr(), m_act1.ptr());
    m_table.add("conv2", m_conv2.ptr(), m_act2.ptr());
    m_table.add("fc1", m_fc1.ptr(), m_act3.ptr());
    m_table.add("fc2", m_fc2.ptr(), nullptr);
    m_table.apply(spec.quant);
    dryRun(*this);
}

std::pair<torch::Tensor, torch::Tensor> MnistCnnImpl::forwardWithFeatures(torch::Tensor x)
{
    x = m_act1(m_conv1(x));
    const torch::Tensor features = m_act2(m_conv2(x));
    x = at::max_pool2d(features, {2, 2});
    x = fastDropout(x, 0.25, is_training());
    x = m_act3(m_fc1(x.flatten(1)));
    x = fastDropout(x, 0.5, is_training());
    return {m_fc2(x), features};
}

torch::Tensor MnistCnnImpl::forward(torch::Tensor x)
{
    return forwardWithFeatures(std::move(x)).first;
}

void MnistCnnImpl::applyQuantConfig(const QuantConfig &config)
{
    m_table.apply(config);
    m_spec.quant = config;
}

} // namespace ql::core
