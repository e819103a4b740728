// SPDX-License-Identifier: MIT
#pragma once

#include "core/quant/weight_quantizer.h"

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include <cstdint>
#include <mutex>
#include <string>

namespace ql::core {

/// What the models, the size accounting and the export need from a quantization-aware layer,
/// whatever its kind. Not a Module itself: QuantConv2dImpl and QuantLinearImpl derive from both.
class QuantLayerBase {
public:
    virtual ~QuantLayerBase() = default;

    int weightBits() const { return m_quantizer.bits(); }
    /// 1..8 or kFloatBits; throws std::invalid_argument otherwise.
    void setWeightBits(int bits) { m_quantizer.setBits(bits); }

    /// The float (master) weight and bias (bias undefined when the layer has none).
    virtual torch::Tensor weightParameter() const = 0;
    virtual torch::Tensor biasParameter() const = 0;
    /// "conv" or "linear".
    virtual const char *kind() const = 0;

    /// The weight as the forward pass uses it (fake-quantized at weightBits()). With the
    /// inference cache on and without grad mode (evaluation, previews of a frozen model) the
    /// result is cached until the weight, its device or dtype or the bits change, so repeated
    /// inference does not re-quantize.
    torch::Tensor quantizedWeight() const;

    /// Off by default. Turn it on only for models nobody trains (snapshots, loaded
    /// checkpoints): the cache sees in-place changes through the weight's version counter, and
    /// LibTorch's optimisers may update `p.data()`, which has a counter of its own (a
    /// trainer's SGD-trained resnet20 then evaluated with its initial weights: 10% accuracy).
    void setInferenceCache(bool on);
    bool inferenceCache() const { return m_cacheOn; }
    /// Multiply-accumulates per input sample, recorded by the last forward (0 before any).
    int64_t macsPerSample() const { return m_macs; }

protected:
    DoReFaWeightQuantizer m_quantizer;
    int64_t m_macs = 0;

private:
    bool m_cacheOn = false;
    struct Cache {
        torch::Tensor value;
        c10::Storage storage; // held so that its address cannot be reused by a new weight
        const void *data = nullptr;
        int64_t version = -1;
        int bits = 0;
    };
    mutable std::mutex m_cacheMutex;
    mutable Cache m_cache;
};

/// Options of QuantConv2dImpl (square kernels, no groups or dilation: all the models need).
struct QuantConv2dOptions {
    QuantConv2dOptions(int64_t in, int64_t out, int64_t kernel)
        : inChannels(in), outChannels(out), kernelSize(kernel)
    {
    }
    int64_t inChannels;
    int64_t outChannels;
    int64_t kernelSize;
    int64_t stride = 1;
    int64_t padding = 0;
    bool bias = true;
    int weightBits = 32;
    QuantConv2dOptions &withStride(int64_t v)
    {
        stride = v;
        return *this;
    }
    QuantConv2dOptions &withPadding(int64_t v)
    {
        padding = v;
        return *this;
    }
    QuantConv2dOptions &withBias(bool v)
    {
        bias = v;
        return *this;
    }
};

/// 2-D convolution whose weights are DoReFa-quantized on the fly in every forward (the float
/// weights stay the trained master copy). Parameters "weight" and "bias", initialised like
/// torch::nn::Conv2d.
class QuantConv2dImpl : public torch::nn::Module, public QuantLayerBase {
public:
    explicit QuantConv2dImpl(const QuantConv2dOptions &options);
    torch::Tensor forward(const torch::Tensor &x);

    torch::Tensor weightParameter() const override { return m_weight; }
    torch::Tensor biasParameter() const override { return m_bias; }
    const char *kind() const override { return "conv"; }
    const QuantConv2dOptions &options() const { return m_options; }
    void pretty_print(std::ostream &stream) const override;

private:
    QuantConv2dOptions m_options;
    torch::Tensor m_weight;
    torch::Tensor m_bias;
};
TORCH_MODULE(QuantConv2d);

/// Fully connected layer with on-the-fly DoReFa-quantized weights; parameters "weight" and
/// "bias", initialised like torch::nn::Linear.
class QuantLinearImpl : public torch::nn::Module, public QuantLayerBase {
public:
    QuantLinearImpl(int64_t inFeatures, int64_t outFeatures, bool bias = true);
    torch::Tensor forward(const torch::Tensor &x);

    torch::Tensor weightParameter() const override { return m_weight; }
    torch::Tensor biasParameter() const override { return m_bias; }
    const char *kind() const override { return "linear"; }
    void pretty_print(std::ostream &stream) const override;

private:
    torch::Tensor m_weight;
    torch::Tensor m_bias;
};
TORCH_MODULE(QuantLinear);

/// setInferenceCache on every quantization-aware layer of `model`.
void setInferenceCache(torch::nn::Module &model, bool on);

} // namespace ql::core
