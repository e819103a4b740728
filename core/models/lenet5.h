// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"
#include "core/models/quant_layer_table.h"

namespace ql::core {

/// LeNet-5 (LeCun et al. 1998) with PACT activations and max-pooling: conv C-6 5x5 (padding 2,
/// so 28x28 inputs keep the classic 32x32 geometry), pool 2, conv 6-16 5x5, pool 2, fc -120,
/// fc 120-84, fc 84-classes. Layers: conv1, conv2, fc1, fc2, fc3. Grad-CAM features: conv2's
/// activation (before pooling).
class LeNet5Impl : public ClassifierImpl {
public:
    explicit LeNet5Impl(const ModelSpec &spec);

    torch::Tensor forward(torch::Tensor x) override;
    std::pair<torch::Tensor, torch::Tensor> forwardWithFeatures(torch::Tensor x) override;
    void applyQuantConfig(const QuantConfig &config) override;
    std::vector<LayerInfo> layers() const override { return m_table.infos(); }

private:
    QuantConv2d m_conv1{nullptr}, m_conv2{nullptr};
    QuantLinear m_fc1{nullptr}, m_fc2{nullptr}, m_fc3{nullptr};
    PactActivation m_act1{nullptr}, m_act2{nullptr}, m_act3{nullptr}, m_act4{nullptr};
    QuantLayerTable m_table;
};
TORCH_MODULE(LeNet5);

} // namespace ql::core
