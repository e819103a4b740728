// SPDX-License-Identifier: MIT
#pragma once

#include <torch/types.h>

namespace ql::core {

/// Scaled DoReFa weight quantizer.
///
/// DoReFa: f(w) = tanh(w) / (2 max|tanh w|) + 1/2 in [0, 1], quantized to k bits,
/// q = round((2^k - 1) f) / (2^k - 1), then 2q - 1 in [-1, 1]. Plain DoReFa stops there, which
/// makes every layer's weights O(1): without normalisation layers (mnist-cnn, lenet5) the
/// activations then grow by a factor ~1/|w| per layer and training diverges (a reference script
/// stayed at 10% on MNIST at 4 bits). We multiply by the layer's scale s = max|w|:
///     w_q = s (2 q - 1).
/// For the small weights of a CNN tanh(w) ~ w, so w_q ~ w up to rounding: the quantizer keeps
/// the float layer's range, 8 bits is nearly the float model (instant post-training preview),
/// and the largest weight maps onto itself. s and max|tanh w| are constants for the gradient
/// (a gradient through a max would hit a single weight); the rounding is straight-through, so
/// dw_q/dw = (s / max|tanh w|) (1 - tanh^2 w), ~1 for small weights.
/// Exactly 2^k levels s (2i / (2^k - 1) - 1), i = 0..2^k - 1. bits = kFloatBits returns w.
torch::Tensor doReFaQuantize(const torch::Tensor &weight, int bits);

/// The integer levels i in [0, 2^k - 1] (uint8) and the scale s of doReFaQuantize, for packed
/// export: w_q = s (2 i / (2^k - 1) - 1). bits must be 1..8.
struct DoReFaLevels {
    torch::Tensor levels; ///< uint8, same shape as the weight, on the CPU
    float scale = 0.0f;
};
DoReFaLevels doReFaLevels(const torch::Tensor &weight, int bits);

/// Dequantizes levels produced by doReFaLevels (float32, CPU).
torch::Tensor doReFaDequantize(const torch::Tensor &levels, float scale, int bits);

/// Holds the bit-width of one layer's weights and applies doReFaQuantize.
class DoReFaWeightQuantizer {
public:
    explicit DoReFaWeightQuantizer(int bits = 32) { setBits(bits); }
    int bits() const { return m_bits; }
    /// 1..8 or kFloatBits; throws std::invalid_argument otherwise.
    void setBits(int bits);
    torch::Tensor operator()(const torch::Tensor &weight) const
    {
        return doReFaQuantize(weight, m_bits);
    }

private:
    int m_bits = 32;
};

} // namespace ql::core
