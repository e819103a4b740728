// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"
#include "core/models/quant_layer_table.h"

namespace ql::core {

/// The network of the saliency-guided-training reference code (Ismail et al. 2021):
/// conv 1-32 3x3, PACT, conv 32-64 3x3, PACT, max-pool 2, dropout 0.25, fc 9216-128, PACT,
/// dropout 0.5, fc 128-10. The fc input size follows the input size (9216 for 28x28).
/// Layers: conv1, conv2, fc1, fc2. Grad-CAM features: conv2's activation (before pooling).
class MnistCnnImpl : public ClassifierImpl {
public:
    explicit MnistCnnImpl(const ModelSpec &spec);

    torch::Tensor forward(torch::Tensor x) override;
    std::pair<torch::Tensor, torch::Tensor> forwardWithFeatures(torch::Tensor x) override;
    void applyQuantConfig(const QuantConfig &config) override;
    std::vector<LayerInfo> layers() const override { return m_table.infos(); }

private:
    QuantConv2d m_conv1{nullptr}, m_conv2{nullptr};
    QuantLinear m_fc1{nullptr}, m_fc2{nullptr};
    PactActivation m_act1{nullptr}, m_act2{nullptr}, m_act3{nullptr};
    QuantLayerTable m_table;
};
TORCH_MODULE(MnistCnn);

} // namespace ql::core
