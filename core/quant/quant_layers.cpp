// SPDX-License-Identifier: MIT
#include "core/quant/quant_layers.h"

#include "core/quant/quant_config.h"

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <torch/nn/init.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace ql::core {
namespace {

// PyTorch's default initialisation of Conv2d / Linear: Kaiming-uniform with a = sqrt(5) for the
// weight, U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for the bias; kept so results compare with PyTorch.
void initLikeTorch(torch::Tensor &weight, torch::Tensor &bias, int64_t fanIn)
{
    torch::NoGradGuard noGrad;
    torch::nn::init::kaiming_uniform_(weight, std::sqrt(5.0));
    if (bias.defined()) {
        const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
        bias.uniform_(-bound, bound);
    }
}

void checkPositive(int64_t value, const char *what)
{
    if (value <= 0)
        throw std::invalid_argument(std::string(what) + " must be positive, got " +
                                    std::to_string(value));
}

} // namespace

torch::Tensor QuantLayerBase::quantizedWeight() const
{
    const torch::Tensor weight = weightParameter();
    if (weightBits() == kFloatBits || torch::GradMode::is_enabled() || !m_cacheOn)
        return m_quantizer(weight);
    std::lock_guard<std::mutex> lock(m_cacheMutex);
    // data_ptr catches set_data() / to(device), the version counter in-place updates.
    if (!m_cache.value.defined() || m_cache.data != weight.data_ptr() ||
        m_cache.version != static_cast<int64_t>(weight._version()) ||
        m_cache.bits != weightBits()) {
        m_cache.value = m_quantizer(weight);
        m_cache.storage = weight.storage();
        m_cache.data = weight.data_ptr();
        m_cache.version = static_cast<int64_t>(weight._version());
        m_cache.bits = weightBits();
    }
    return m_cache.value;
}

void QuantLayerBase::setInferenceCache(bool on)
{
    std::lock_guard<std::mutex> lock(m_cacheMutex);
    m_cacheOn = on;
    if (!on)
        m_cache = Cache();
}

void setInferenceCache(torch::nn::Module &model, bool on)
{
    for (const auto &module : model.modules())
        if (auto *layer = dynamic_cast<QuantLayerBase *>(module.get()))
            layer->setInferenceCache(on);
}

QuantConv2dImpl::QuantConv2dImpl(const QuantConv2dOptions &options) : m_options(options)
{
    checkPositive(options.inChannels, "convolution input channels");
    checkPositive(options.outChannels, "convolution output channels");
    checkPositive(options.kernelSize, "convolution kernel size");
    checkPositive(options.stride, "convolution stride");
    setWeightBits(options.weightBits);
    m_weight = register_parameter("weight", torch::empty({options.outChannels, options.inChannels,
                                                          options.kernelSize, options.kernelSize}));
    if (options.bias)
        m_bias = register_parameter("bias", torch::empty({options.outChannels}));
    initLikeTorch(m_weight, m_bias, options.inChannels * options.kernelSize * options.kernelSize);
}

torch::Tensor QuantConv2dImpl::forward(const torch::Tensor &x)
{
    torch::Tensor y = at::conv2d(x, quantizedWeight(), m_bias, {m_options.stride, m_options.stride},
                                 {m_options.padding, m_options.padding});
    // Output positions x (input channels x kernel area) per sample: the layer's MACs.
    m_macs = y.size(1) * y.size(2) * y.size(3) * m_weight[0].numel();
    return y;
}

void QuantConv2dImpl::pretty_print(std::ostream &stream) const
{
    stream << "ql::core::QuantConv2d(" << m_options.inChannels << ", " << m_options.outChannels
           << ", kernel=" << m_options.kernelSize << ", stride=" << m_options.stride
           << ", padding=" << m_options.padding << ", bits=" << weightBits() << ")";
}

QuantLinearImpl::QuantLinearImpl(int64_t inFeatures, int64_t outFeatures, bool bias)
{
    checkPositive(inFeatures, "linear layer input features");
    checkPositive(outFeatures, "linear layer output features");
    m_weight = register_parameter("weight", torch::empty({outFeatures, inFeatures}));
    if (bias)
        m_bias = register_parameter("bias", torch::empty({outFeatures}));
    initLikeTorch(m_weight, m_bias, inFeatures);
}

torch::Tensor QuantLinearImpl::forward(const torch::Tensor &x)
{
    m_macs = m_weight.numel();
    return at::linear(x, quantizedWeight(), m_bias);
}

void QuantLinearImpl::pretty_print(std::ostream &stream) const
{
    stream << "ql::core::QuantLinear(" << m_weight.size(1) << ", " << m_weight.size(0)
           << ", bits=" << weightBits() << ")";
}

} // namespace ql::core
