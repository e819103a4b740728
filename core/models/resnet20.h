// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"
#include "core/models/quant_layer_table.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/modulelist.h>

namespace ql::core {

/// Basic residual block of the CIFAR ResNets (He et al. 2016): conv 3x3, BN, PACT, conv 3x3,
/// BN, + shortcut, PACT. Option A shortcut (identity; when the shape changes, stride-2
/// subsampling and zero-padded channels): parameter-free, as in He et al.'s CIFAR ResNet-20,
/// so every weight of the network is in a quantized convolution.
class ResidualBlockImpl : public torch::nn::Module {
public:
    ResidualBlockImpl(int64_t inPlanes, int64_t planes, int64_t stride, float alphaInit);
    torch::Tensor forward(const torch::Tensor &x);

    QuantConv2d conv1{nullptr}, conv2{nullptr};
    torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr};
    PactActivation act1{nullptr}, act2{nullptr};

private:
    int64_t m_padChannels = 0; // zero channels added on each side by the option-A shortcut
    bool m_subsample = false;
};
TORCH_MODULE(ResidualBlock);

/// CIFAR ResNet-20 (3 stages of 3 basic blocks, 16/32/64 channels, global average pooling,
/// fc 64-classes), batch norm, PACT after every BN and after every residual addition.
/// Layers: conv1, layer1.0.conv1, layer1.0.conv2, ..., layer3.2.conv2, fc. Grad-CAM features:
/// the output of layer3 (before pooling).
class ResNet20Impl : public ClassifierImpl {
public:
    explicit ResNet20Impl(const ModelSpec &spec);

    torch::Tensor forward(torch::Tensor x) override;
    std::pair<torch::Tensor, torch::Tensor> forwardWithFeatures(torch::Tensor x) override;
    void applyQuantConfig(const QuantConfig &config) override;
    std::vector<LayerInfo> layers() const override { return m_table.infos(); }

private:
    QuantConv2d m_conv1{nullptr};
    torch::nn::BatchNorm2d m_bn1{nullptr};
    PactActivation m_act1{nullptr};
    std::vector<torch::nn::ModuleList> m_stages;
    QuantLinear m_fc{nullptr};
    QuantLayerTable m_table;
};
TORCH_MODULE(ResNet20);

} // namespace ql::core
