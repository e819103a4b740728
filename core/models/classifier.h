// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/model_spec.h"

#include <torch/nn/module.h>
#include <torch/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ql::core {

class PactActivationImpl;

/// One quantization-aware layer as the size accounting and the GUI's per-layer table see it.
struct LayerInfo {
    std::string name;        ///< stable name, e.g. "conv1", "layer2.0.conv1", "fc2"
    std::string kind;        ///< "conv" or "linear"
    LayerBits bits;          ///< bits in effect now
    int64_t weightCount = 0; ///< weights (without bias)
    int64_t biasCount = 0;
    int64_t macs = 0;   ///< multiply-accumulates per inference of one input
    float alpha = 0.0f; ///< PACT clip level of the activation after it; 0 when none
    /// Bits of this layer's input: the activation bits of the PACT feeding it, 8 for the
    /// image (the first layer), used for bit-operations (BOPs = MACs x weight x input bits).
    int inputBits = 8;
};

/// Base of every QuantLens classifier. Models are `FooImpl : ClassifierImpl` built from the
/// quantization-aware layers, so a bit-width change is a call to applyQuantConfig().
class ClassifierImpl : public torch::nn::Module {
public:
    explicit ClassifierImpl(ModelSpec spec) : m_spec(std::move(spec)) {}
    ~ClassifierImpl() override = default;

    /// Logits [N, numClasses] for a normalised float input [N, C, H, W].
    virtual torch::Tensor forward(torch::Tensor x) = 0;
    /// Logits plus the output of the last convolutional block (the Grad-CAM target).
    virtual std::pair<torch::Tensor, torch::Tensor> forwardWithFeatures(torch::Tensor x) = 0;
    /// Sets every layer's bits from `config` (validated first). Weights and alphas stay.
    virtual void applyQuantConfig(const QuantConfig &config) = 0;
    /// The quantization-aware layers in forward order.
    virtual std::vector<LayerInfo> layers() const = 0;

    const ModelSpec &spec() const { return m_spec; }

protected:
    ModelSpec m_spec;
};

using ClassifierPtr = std::shared_ptr<ClassifierImpl>;

/// Builds a fresh model; throws std::invalid_argument for an unknown arch or a bad spec.
ClassifierPtr makeClassifier(const ModelSpec &spec);
/// Names accepted by makeClassifier.
std::vector<std::string> classifierNames();
/// A deep copy (parameters and buffers) on `device`, for snapshots: inference on the copy
/// never touches the original that may be training.
ClassifierPtr cloneClassifier(const ClassifierImpl &model, const c10::Device &device);

/// Every PACT clip level ("...alpha" parameters): the trainer gives them their own optimiser
/// group with their own L2 decay.
std::vector<torch::Tensor> alphaParameters(const torch::nn::Module &model);
/// Every other parameter (weights, biases, batch-norm affine parameters).
std::vector<torch::Tensor> nonAlphaParameters(const torch::nn::Module &model);
/// Every PACT activation of `model`, in forward order (the order of pactAlphas).
std::vector<std::shared_ptr<PactActivationImpl>> pactModules(const torch::nn::Module &model);
/// Current PACT alphas, in forward order (one per activation, including float ReLUs whose
/// alpha is unused), read with one device synchronisation.
std::vector<float> pactAlphas(const torch::nn::Module &model);
/// Fraction of inputs clipped (x >= alpha) by each PACT in the last training forward, in the
/// same order as pactAlphas (0 for float ReLUs).
std::vector<float> clippedFractions(const torch::nn::Module &model);
/// clippedFractions as a float tensor [layers] on the PACT layers' device (no
/// synchronisation); empty for a model without PACT activations.
torch::Tensor pactClippedFractions(const torch::nn::Module &model);
/// Names of the layers each PACT follows, in the same order as pactAlphas ("conv1", "fc1").
std::vector<std::string> pactLayerNames(const torch::nn::Module &model);

} // namespace ql::core
