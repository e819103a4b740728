// SPDX-License-Identifier: MIT
#pragma once

#include "core/quant/quant_config.h"

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>
#include <torch/types.h>

#include <functional>
#include <string>

namespace ql::core {

/// PACT (Choi et al. 2018) as a differentiable function: y = clamp(x, 0, alpha), then, for
/// bits in 1..8, y_q = round(y (2^k - 1) / alpha) alpha / (2^k - 1). The backward pass is the
/// paper's straight-through estimator: dy/dx = 1 for 0 <= x < alpha else 0, and
/// dy/dalpha = sum of the incoming gradient where x >= alpha. bits = kFloatBits clips without
/// rounding (exactly differentiable, used by the gradient checks). `alpha` is a 0-dim tensor.
/// When `clippedFraction` is not null it receives, detached, the fraction of x >= alpha,
/// computed from the mask the backward pass needs anyway (no extra pass, no device sync).
torch::Tensor pactFunction(const torch::Tensor &x, const torch::Tensor &alpha, int bits,
                           torch::Tensor *clippedFraction = nullptr);

/// PACT activation with one learnable clip level per layer, registered as "alpha". At
/// kFloatBits it is a plain ReLU (alpha unused, it then receives no gradient).
class PactActivationImpl : public torch::nn::Module {
public:
    explicit PactActivationImpl(int bits = kFloatBits, float alphaInit = 10.0f);

    torch::Tensor forward(const torch::Tensor &x);

    int bits() const { return m_bits; }
    /// 1..8 or kFloatBits; throws std::invalid_argument otherwise.
    void setBits(int bits);

    const torch::Tensor &alpha() const { return m_alpha; }
    float alphaValue() const;
    /// Sets alpha in place (no autograd), e.g. after calibration. Must be > 0.
    void setAlphaValue(float value);

    /// Fraction of the inputs of the last training-mode forward with x >= alpha (0 before any,
    /// and always 0 at kFloatBits). Reading it syncs with the device once.
    float clippedFraction() const;
    /// The same as a detached 0-dim float tensor on the alpha's device (zero before any
    /// training forward), for reading many layers with one synchronisation.
    torch::Tensor clippedFractionTensor() const;

    /// Called with the (detached) pre-activation in every forward while set; used by
    /// post-training calibration. Pass an empty function to stop.
    void setObserver(std::function<void(const torch::Tensor &)> observer);

    /// Name of the quantization-aware layer this activation follows ("conv1", "layer1.0.conv2").
    const std::string &layerName() const { return m_layerName; }
    void setLayerName(std::string name) { m_layerName = std::move(name); }

    void pretty_print(std::ostream &stream) const override;

private:
    int m_bits = kFloatBits;
    torch::Tensor m_alpha;
    torch::Tensor m_clipped; // 0-dim, detached; undefined before the first training forward
    std::function<void(const torch::Tensor &)> m_observer;
    std::string m_layerName;
};
TORCH_MODULE(PactActivation);

} // namespace ql::core
