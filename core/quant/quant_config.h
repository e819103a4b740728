// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <string>

namespace ql::core {

/// Bit-width meaning "not quantized": float weights, plain ReLU activations.
inline constexpr int kFloatBits = 32;

/// Bit-widths of one quantization-aware layer.
struct LayerBits {
    int weightBits = kFloatBits;     ///< 1..8, or kFloatBits
    int activationBits = kFloatBits; ///< 1..8, or kFloatBits (activation that follows the layer)
    bool operator==(const LayerBits &o) const
    {
        return weightBits == o.weightBits && activationBits == o.activationBits;
    }
};

/// How the first and the last layer are quantized when the rest of the network is.
enum class EdgeLayerPolicy {
    Float,    ///< keep them at full precision
    EightBit, ///< 8-bit weights and activations (the PACT paper's choice; default)
    Same      ///< same bit-widths as the other layers
};

/// Bit-width configuration of a whole model. A model built from the project's
/// quantization-aware layers takes this as configuration: changing bits never changes classes.
struct QuantConfig {
    int weightBits = kFloatBits;
    int activationBits = kFloatBits;
    EdgeLayerPolicy edgePolicy = EdgeLayerPolicy::EightBit;
    float alphaInit = 10.0f;                ///< initial PACT clipping level
    std::map<std::string, LayerBits> perLayer; ///< overrides, by layer name

    /// True when every layer would run at full precision.
    bool isFloat() const;
    /// The bits of layer `name`, which is the network's first and/or last quantizable layer
    /// as told. Per-layer overrides win over the edge policy, which wins over the globals.
    LayerBits bitsFor(const std::string &name, bool isFirst, bool isLast) const;
    /// Throws std::invalid_argument naming the bad setting (bits outside 1..8 and 32,
    /// alphaInit <= 0 or not finite).
    void validate() const;
};

/// True for 1..8 and kFloatBits.
bool isValidBitWidth(int bits);

const char *toString(EdgeLayerPolicy policy);
/// "float", "8bit" / "8", "same"; throws std::invalid_argument otherwise.
EdgeLayerPolicy edgeLayerPolicyFromString(const std::string &text);

} // namespace ql::core
