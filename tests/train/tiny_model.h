// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/models/classifier.h"

#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>

#include <limits>

namespace ql::test {

/// A tiny classifier for training tests: flatten -> fc(16) -> min(relu, alpha) -> dropout ->
/// fc(classes). `alpha` is a PACT-like clip level, so the trainer's alpha group is exercised.
class TinyNetImpl : public core::ClassifierImpl {
public:
    explicit TinyNetImpl(core::ModelSpec spec, double dropout = 0.0)
        : ClassifierImpl(spec),
          m_fc1(register_module(
              "fc1", torch::nn::Linear(spec.inChannels * spec.imageSize * spec.imageSize, 16))),
          m_fc2(register_module("fc2", torch::nn::Linear(16, spec.numClasses))),
          m_dropout(register_module("drop", torch::nn::Dropout(dropout))),
          m_alpha(register_parameter("alpha", torch::full({1}, 4.0f)))
    {
    }
    torch::Tensor forward(torch::Tensor x) override { return forwardWithFeatures(x).first; }
    std::pair<torch::Tensor, torch::Tensor> forwardWithFeatures(torch::Tensor x) override
    {
        const torch::Tensor h = torch::min(torch::relu(m_fc1(x.flatten(1))), m_alpha);
        const torch::Tensor logits = m_fc2(m_dropout(h));
        return {poisoned ? logits * std::numeric_limits<float>::quiet_NaN() : logits, h};
    }
    void applyQuantConfig(const core::QuantConfig &) override {}
    std::vector<core::LayerInfo> layers() const override { return {}; }
    bool poisoned = false; ///< divergence tests: forward returns NaN logits

private:
    torch::nn::Linear m_fc1, m_fc2;
    torch::nn::Dropout m_dropout;
    torch::Tensor m_alpha;
};
TORCH_MODULE(TinyNet);

inline core::ModelSpec tinySpec(int64_t channels = 1, int64_t size = 4, int64_t classes = 2)
{
    core::ModelSpec spec;
    spec.arch = "tiny";
    spec.inChannels = channels;
    spec.imageSize = size;
    spec.numClasses = classes;
    return spec;
}

/// Two separable classes of 4x4 images: class 0 bright in the top half, class 1 in the
/// bottom half, plus noise. Deterministic for a seed.
inline core::Dataset separableData(int64_t n, uint64_t seed)
{
    torch::manual_seed(seed);
    const torch::Tensor labels = torch::randint(0, 2, {n}, torch::kLong);
    torch::Tensor images = torch::randint(0, 80, {n, 1, 4, 4}, torch::kLong);
    const torch::Tensor top = (labels == 0).view({n, 1, 1, 1});
    torch::Tensor bright = torch::zeros({n, 1, 4, 4}, torch::kLong);
    bright.narrow(2, 0, 2).masked_fill_(top.expand({n, 1, 2, 4}), 150);
    bright.narrow(2, 2, 2).masked_fill_(top.logical_not().expand({n, 1, 2, 4}), 150);
    core::Dataset d;
    d.name = "separable";
    d.images = (images + bright).clamp(0, 255).to(torch::kByte).contiguous();
    d.labels = labels;
    d.classNames = {"top", "bottom"};
    return d;
}

} // namespace ql::test
