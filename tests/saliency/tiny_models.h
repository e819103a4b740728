// SPDX-License-Identifier: MIT
#pragma once

// Tiny classifiers whose input gradients and Grad-CAM maps can be computed by hand.

#include "core/models/classifier.h"

#include <torch/nn/modules/linear.h>
#include <torch/types.h>

namespace ql::test {

inline core::ModelSpec tinySpec(int64_t c, int64_t size, int64_t classes)
{
    core::ModelSpec spec;
    spec.arch = "tiny";
    spec.inChannels = c;
    spec.imageSize = size;
    spec.numClasses = classes;
    return spec;
}

/// Base with the abstract parts the tests do not need.
class TinyBase : public core::ClassifierImpl {
public:
    using core::ClassifierImpl::ClassifierImpl;
    std::pair<torch::Tensor, torch::Tensor> forwardWithFeatures(torch::Tensor x) override
    {
        return {forward(x), torch::Tensor()};
    }
    void applyQuantConfig(const core::QuantConfig &) override {}
    std::vector<core::LayerInfo> layers() const override { return {}; }
    bool sawTraining = false; ///< true when forward ran in training mode
};

/// logits = W flatten(x) + b: d logit_t / dx = W[t] (reshaped), whatever x is.
class LinearModel : public TinyBase {
public:
    LinearModel(int64_t c, int64_t size, int64_t classes) : TinyBase(tinySpec(c, size, classes))
    {
        weight = register_parameter("weight", torch::randn({classes, c * size * size}));
        bias = register_parameter("bias", torch::randn({classes}));
    }
    torch::Tensor forward(torch::Tensor x) override
    {
        sawTraining = sawTraining || is_training();
        return torch::matmul(x.flatten(1), weight.t()) + bias;
    }
    torch::Tensor weight;
    torch::Tensor bias;
};

/// logit_t = 1/2 sum_j w_tj x_j^2: d logit_t / dx = w_t x; IG from zeros = 1/2 w_t x^2 exactly
/// with the midpoint rule (the mean of the midpoints alpha_k is 1/2).
class QuadraticModel : public TinyBase {
public:
    QuadraticModel(int64_t c, int64_t size, int64_t classes) : TinyBase(tinySpec(c, size, classes))
    {
        weight = register_parameter("weight", torch::randn({classes, c * size * size}));
    }
    torch::Tensor forward(torch::Tensor x) override
    {
        auto f = x.flatten(1);
        return 0.5 * torch::matmul(f * f, weight.t());
    }
    torch::Tensor weight;
};

/// Features A_k = s_k x (one "1x1 conv" channel per k, single-channel input), logits
/// y_t = sum_k v_tk mean_hw(A_k). Grad-CAM: alpha_k = v_tk / (h w), so
/// cam_t = relu(x sum_k v_tk s_k / (h w)).
class CamModel : public TinyBase {
public:
    CamModel(int64_t size, int64_t features, int64_t classes) : TinyBase(tinySpec(1, size, classes))
    {
        scale = register_parameter("scale", torch::randn({features}));
        head = register_parameter("head", torch::randn({classes, features}));
    }
    std::pair<torch::Tensor, torch::Tensor> forwardWithFeatures(torch::Tensor x) override
    {
        auto features = x * scale.view({1, -1, 1, 1}); // [N, K, H, W] from [N, 1, H, W]
        auto pooled = features.mean({2, 3});
        return {torch::matmul(pooled, head.t()), features};
    }
    torch::Tensor forward(torch::Tensor x) override { return forwardWithFeatures(x).first; }
    torch::Tensor scale;
    torch::Tensor head;
};

/// logit = a (w . x) for one class with a Linear(1,1) "top layer" a and a Linear(d,1) w. With
/// absolute maps, re-initialising a only rescales the map (Spearman 1); re-initialising w
/// replaces it.
class TwoLayerModel : public TinyBase {
public:
    TwoLayerModel(int64_t size) : TinyBase(tinySpec(1, size, 1))
    {
        lower = register_module(
            "lower", torch::nn::Linear(torch::nn::LinearOptions(size * size, 1).bias(false)));
        top = register_module("top", torch::nn::Linear(torch::nn::LinearOptions(1, 1).bias(false)));
    }
    torch::Tensor forward(torch::Tensor x) override { return top(lower(x.flatten(1))); }
    torch::nn::Linear lower{nullptr};
    torch::nn::Linear top{nullptr};
};

} // namespace ql::test
