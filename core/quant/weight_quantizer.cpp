// SPDX-License-Identifier: MIT
#include "core/quant/weight_quantizer.h"

#include "core/quant/quant_config.h"

#include <ATen/ATen.h>
#include <torch/autograd.h>

#include <stdexcept>
#include <string>

namespace ql::core {
namespace {

void checkBits(int bits, bool allowFloat)
{
    if (!(bits >= 1 && bits <= 8) && !(allowFloat && bits == kFloatBits))
        throw std::invalid_argument("weight bit-width " + std::to_string(bits) +
                                    " is invalid: use 1 to 8" +
                                    (allowFloat ? ", or 32 for float" : ""));
}

// Smallest max|tanh w| we divide by: an all-zero layer stays zero instead of producing NaN.
constexpr double kMinRange = 1e-12;

} // namespace

torch::Tensor doReFaQuantize(const torch::Tensor &weight, int bits)
{
    checkBits(bits, true);
    if (bits == kFloatBits)
        return weight;
    const double levels = static_cast<double>((int64_t{1} << bits) - 1);
    const torch::Tensor t = at::tanh(weight);
    torch::Tensor range, scale;
    {
        torch::NoGradGuard noGrad;
        range = t.abs().max().clamp_min(kMinRange);
        scale = weight.abs().max();
    }
    const torch::Tensor f = t / (2.0 * range) + 0.5;
    // Straight-through rounding: forward value round(f L) / L, gradient of f.
    const torch::Tensor q = f + (at::round(f * levels) / levels - f).detach();
    return scale * (2.0 * q - 1.0);
}

DoReFaLevels doReFaLevels(const torch::Tensor &weight, int bits)
{
    checkBits(bits, false);
    torch::NoGradGuard noGrad;
    const double levels = static_cast<double>((int64_t{1} << bits) - 1);
    const torch::Tensor w = weight.detach();
    const torch::Tensor t = at::tanh(w);
    const torch::Tensor range = t.abs().max().clamp_min(kMinRange);
    const torch::Tensor f = t / (2.0 * range) + 0.5;
    DoReFaLevels out;
    out.levels = at::round(f * levels).clamp(0, levels).to(torch::kCPU).to(torch::kUInt8);
    out.scale = w.abs().max().to(torch::kCPU).to(torch::kFloat).item<float>();
    return out;
}

torch::Tensor doReFaDequantize(const torch::Tensor &levels, float scale, int bits)
{
    checkBits(bits, false);
    const double l = static_cast<double>((int64_t{1} << bits) - 1);
    return scale * (2.0 * levels.to(torch::kCPU).to(torch::kFloat) / l - 1.0);
}

void DoReFaWeightQuantizer::setBits(int bits)
{
    checkBits(bits, true);
    m_bits = bits;
}

} // namespace ql::core
