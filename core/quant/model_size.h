// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ql::core {

/// Storage and compute of one quantization-aware layer at its current bit-widths.
struct LayerSizeRow {
    std::string name;
    std::string kind;       ///< "conv" or "linear"
    int64_t parameters = 0; ///< weights + bias
    int weightBits = 32;
    int activationBits = 32; ///< of the PACT after the layer (32: ReLU or logits)
    int inputBits = 8;       ///< of the layer's input (8 for the image)
    /// Weights packed at weightBits (+ a float32 scale when quantized), float32 bias, float32
    /// alpha when the activation after it is quantized.
    int64_t bytes = 0;
    int64_t macs = 0; ///< multiply-accumulates per inference of one input
    int64_t bops = 0; ///< macs x weightBits x inputBits
};

/// Size and compute of a whole model at its current bit-widths (see docs/QUANTIZATION.md).
struct ModelSize {
    std::vector<LayerSizeRow> layers;
    int64_t parameters = 0;        ///< every trainable parameter (weights, biases, BN, alphas)
    int64_t otherFloats = 0;       ///< batch-norm parameters and running statistics (float32)
    int64_t bytes = 0;             ///< deployable size at the chosen bit-widths
    int64_t floatBytes = 0;        ///< the same model in float32 (no alphas: it uses ReLU)
    double compressionRatio = 1.0; ///< floatBytes / bytes
    int64_t macs = 0;              ///< per inference of one input
    int64_t bops = 0;              ///< bit-operations per inference at the chosen bit-widths
    int64_t floatBops = 0;         ///< the same at 32-bit weights and activations (8-bit image)
};

/// Counts `model` at its current bit-widths. MACs come from the construction-time dry run
/// (one input of the spec's size). The first layer reads the image, counted as 8 bits.
ModelSize computeModelSize(const ClassifierImpl &model);

} // namespace ql::core
