// SPDX-License-Identifier: MIT
#include "core/models/resnet20.h"

#include <ATen/ATen.h>
#include <torch/nn/init.h>

#include <stdexcept>

namespace ql::core {
namespace {

// He-normal initialisation (fan-in), as in the reference CIFAR ResNet implementations.
void heInit(const torch::Tensor &weight)
{
    torch::NoGradGuard noGrad;
    torch::nn::init::kaiming_normal_(weight);
}

} // namespace

ResidualBlockImpl::ResidualBlockImpl(int64_t inPlanes, int64_t planes, int64_t stride,
                                     float alphaInit)
{
    conv1 = register_module("conv1", QuantConv2d(QuantConv2dOptions(inPlanes, planes, 3)
                                                     .withStride(stride)
                                                     .withPadding(1)
                                                     .withBias(false)));
    bn1 = register_module("bn1", torch::nn::BatchNorm2d(planes));
    act1 = register_module("conv1_pact", PactActivation(kFloatBits, alphaInit));
    conv2 = register_module(
        "conv2", QuantConv2d(QuantConv2dOptions(planes, planes, 3).withPadding(1).withBias(false)));
    bn2 = register_module("bn2", torch::nn::BatchNorm2d(planes));
    act2 = register_module("conv2_pact", PactActivation(kFloatBits, alphaInit));
    heInit(conv1->weightParameter());
    heInit(conv2->weightParameter());
    m_subsample = stride != 1;
    if (planes != inPlanes) {
        if ((planes - inPlanes) % 2 != 0)
            throw std::invalid_argument("option-A shortcut needs an even channel increase");
        m_padChannels = (planes - inPlanes) / 2;
    }
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor &x)
{
    torch::Tensor out = act1(bn1(conv1(x)));
    out = bn2(conv2(out));
    torch::Tensor shortcut = x;
    if (m_subsample)
        shortcut = shortcut.slice(2, 0, c10::nullopt, 2).slice(3, 0, c10::nullopt, 2);
    if (m_padChannels > 0)
        shortcut = at::constant_pad_nd(shortcut, {0, 0, 0, 0, m_padChannels, m_padChannels});
    return act2(out + shortcut);
}

ResNet20Impl::ResNet20Impl(const ModelSpec &spec) : ClassifierImpl(spec)
{
    spec.quant.validate();
    if (spec.imageSize < 4)
        throw std::invalid_argument("resnet20 needs inputs of at least 4x4 pixels, got " +
                                    std::to_string(spec.imageSize));
    const float alpha = spec.quant.alphaInit;
    m_conv1 = register_module(
        "conv1",
        QuantConv2d(QuantConv2dOptions(spec.inChannels, 16, 3).withPadding(1).withBias(false)));
    m_bn1 = register_module("bn1", torch::nn::BatchNorm2d(16));
    m_act1 = register_module("conv1_pact", PactActivation(kFloatBits, alpha));
    heInit(m_conv1->weightParameter());
    m_table.add("conv1", m_conv1.ptr(), m_act1.ptr());

    int64_t inPlanes = 16;
    const int64_t widths[3] = {16, 32, 64};
    for (int stage = 0; stage < 3; ++stage) {
        const std::string stageName = "layer" + std::to_string(stage + 1);
        auto list = register_module(stageName, torch::nn::ModuleList());
        for (int b = 0; b < 3; ++b) {
            const int64_t stride = (stage > 0 && b == 0) ? 2 : 1;
            ResidualBlock block(inPlanes, widths[stage], stride, alpha);
            list->push_back(block);
            const std::string prefix = stageName + "." + std::to_string(b) + ".";
            m_table.add(prefix + "conv1", block->conv1.ptr(), block->act1.ptr());
            m_table.add(prefix + "conv2", block->conv2.ptr(), block->act2.ptr());
            inPlanes = widths[stage];
        }
        m_stages.push_back(list);
    }
    m_fc = register_module("fc", QuantLinear(64, spec.numClasses));
    heInit(m_fc->weightParameter());
    m_table.add("fc", m_fc.ptr(), nullptr);
    m_table.apply(spec.quant);
    dryRun(*this);
}

std::pair<torch::Tensor, torch::Tensor> ResNet20Impl::forwardWithFeatures(torch::Tensor x)
{
    x = m_act1(m_bn1(m_conv1(x)));
    for (auto &stage : m_stages)
        for (const auto &block : *stage)
            x = block->as<ResidualBlockImpl>()->forward(x);
    const torch::Tensor features = x;
    x = at::adaptive_avg_pool2d(features, {1, 1}).flatten(1);
    return {m_fc(x), features};
}

torch::Tensor ResNet20Impl::forward(torch::Tensor x)
{
    return forwardWithFeatures(std::move(x)).first;
}

void ResNet20Impl::applyQuantConfig(const QuantConfig &config)
{
    m_table.apply(config);
    m_spec.quant = config;
}

} // namespace ql::core
