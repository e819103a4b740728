// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"
#include "core/models/quant_layer_table.h"

#include <torch/nn/modules/batchnorm.h>

namespace ql::core {

/// VGG-Small for CIFAR (the 6-conv network of the LQ-Nets / quantization literature):
/// [conv 128, conv 128, pool] [conv 256, conv 256, pool] [conv 512, conv 512, pool], all 3x3
/// with padding 1, batch norm and PACT after each conv, then fc 512*(s/8)^2 - classes.
/// Layers: conv1..conv6, fc. Grad-CAM features: conv6's activation (before the last pooling).
/// About 0.6 GMAC per 32x32 image: much slower than resnet20 on a CPU.
class VggSmallImpl : public ClassifierImpl {
public:
    explicit VggSmallImpl(const ModelSpec &spec);

    torch::Tensor forward(torch::Tensor x) override;
    std::pair<torch::Tensor, torch::Tensor> forwardWithFeatures(torch::Tensor x) override;
    void applyQuantConfig(const QuantConfig &config) override;
    std::vector<LayerInfo> layers() const override { return m_table.infos(); }

private:
    std::vector<QuantConv2d> m_convs;
    std::vector<torch::nn::BatchNorm2d> m_bns;
    std::vector<PactActivation> m_acts;
    QuantLinear m_fc{nullptr};
    QuantLayerTable m_table;
};
TORCH_MODULE(VggSmall);

} // namespace ql::core
