// SPDX-License-Identifier: MIT
#include "core/models/vgg_small.h"

#include <ATen/ATen.h>
#include <torch/nn/init.h>

#include <stdexcept>

namespace ql::core {

VggSmallImpl::VggSmallImpl(const ModelSpec &spec) : ClassifierImpl(spec)
{
    spec.quant.validate();
    if (spec.imageSize < 8)
        throw std::invalid_argument("vgg-small needs inputs of at least 8x8 pixels, got " +
                                    std::to_string(spec.imageSize));
    const float alpha = spec.quant.alphaInit;
    const int64_t widths[6] = {128, 128, 256, 256, 512, 512};
    int64_t in = spec.inChannels;
    for (int i = 0; i < 6; ++i) {
        const std::string name = "conv" + std::to_string(i + 1);
        auto conv = register_module(
            name, QuantConv2d(QuantConv2dOptions(in, widths[i], 3).withPadding(1).withBias(false)));
        {
            torch::NoGradGuard noGrad;
            torch::nn::init::kaiming_normal_(conv->weightParameter());
        }
        auto bn = register_module("bn" + std::to_string(i + 1), torch::nn::BatchNorm2d(widths[i]));
        auto act = register_module(name + "_pact", PactActivation(kFloatBits, alpha));
        m_convs.emplace_back(conv);
        m_bns.emplace_back(bn);
        m_acts.emplace_back(act);
        m_table.add(name, conv, act);
        in = widths[i];
    }
    const int64_t side = spec.imageSize / 8;
    m_fc = register_module("fc", QuantLinear(512 * side * side, spec.numClasses));
    m_table.add("fc", m_fc.ptr(), nullptr);
    m_table.apply(spec.quant);
    dryRun(*this);
}

std::pair<torch::Tensor, torch::Tensor> VggSmallImpl::forwardWithFeatures(torch::Tensor x)
{
    torch::Tensor features;
    for (size_t i = 0; i < m_convs.size(); ++i) {
        x = m_acts[i](m_bns[i](m_convs[i](x)));
        if (i + 1 == m_convs.size())
            features = x;
        if (i % 2 == 1)
            x = at::max_pool2d(x, {2, 2});
    }
    return {m_fc(x.flatten(1)), features};
}

torch::Tensor VggSmallImpl::forward(torch::Tensor x)
{
    return forwardWithFeatures(std::move(x)).first;
}

void VggSmallImpl::applyQuantConfig(const QuantConfig &config)
{
    m_table.apply(config);
    m_spec.quant = config;
}

} // namespace ql::core
