// SPDX-License-Identifier: MIT
#include "core/quant/weight_quantizer.h"

#include "core/quant/quant_config.h"

#include <ATen/ATen.h>
#include <torch/autograd.h>

#include <stdexcept>
#include <string>
#include <utility>

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

namespace {

/// max|w| and max|tanh w| (= tanh(max|w|): tanh is odd and increasing) from one reduction.
std::pair<torch::Tensor, torch::Tensor> scaleAndRange(const torch::Tensor &w)
{
    const auto [low, high] = at::aminmax(w.detach());
    const torch::Tensor scale = at::maximum(high, -low);
    return {scale, at::tanh(scale).clamp_min(kMinRange)};
}

/// round(L f(w)) = round(tanh(w) L / (2 max|tanh w|) + L / 2), in place on a copy of t.
torch::Tensor levelIndices(const torch::Tensor &t, const torch::Tensor &range, double levels)
{
    return t.mul((levels / 2.0) / range).add_(levels / 2.0).round_();
}

/// Custom autograd function: the forward is one tanh, one reduction and a few in-place ops;
/// the backward one fused tanh_backward and a scale, instead of differentiating through a
/// chain of element-wise ops on every step.
struct DoReFaFn : public torch::autograd::Function<DoReFaFn> {
    static torch::Tensor forward(torch::autograd::AutogradContext *ctx, const torch::Tensor &w,
                                 int64_t bits)
    {
        const double levels = static_cast<double>((int64_t{1} << bits) - 1);
        const torch::Tensor t = at::tanh(w);
        const auto [scale, range] = scaleAndRange(w);
        // w_q = s (2 i / L - 1) = i (2 s / L) - s
        torch::Tensor q = levelIndices(t, range, levels).mul_(scale * (2.0 / levels)).sub_(scale);
        ctx->save_for_backward({t, scale / range});
        return q;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list gradOutputs)
    {
        const auto saved = ctx->get_saved_variables();
        // Straight-through rounding, constant maxima: dw_q/dw = (s / max|tanh w|)(1 - tanh^2 w).
        return {at::tanh_backward(gradOutputs[0], saved[0]).mul_(saved[1]), torch::Tensor()};
    }
};

} // namespace

torch::Tensor doReFaQuantize(const torch::Tensor &weight, int bits)
{
    checkBits(bits, true);
    if (bits == kFloatBits)
        return weight;
    return DoReFaFn::apply(weight, static_cast<int64_t>(bits));
}

DoReFaLevels doReFaLevels(const torch::Tensor &weight, int bits)
{
    checkBits(bits, false);
    torch::NoGradGuard noGrad;
    const double levels = static_cast<double>((int64_t{1} << bits) - 1);
    const torch::Tensor w = weight.detach();
    const auto [scale, range] = scaleAndRange(w);
    DoReFaLevels out;
    out.levels = levelIndices(at::tanh(w), range, levels)
                     .clamp_(0, levels)
                     .to(torch::kCPU)
                     .to(torch::kUInt8);
    out.scale = scale.to(torch::kCPU).to(torch::kFloat).item<float>();
    return out;
}

torch::Tensor doReFaDequantize(const torch::Tensor &levels, float scale, int bits)
{
    checkBits(bits, false);
    const double l = static_cast<double>((int64_t{1} << bits) - 1);
    // The very ops of DoReFaFn::forward, so that dequantized weights are bit-identical.
    const torch::Tensor s = torch::full({}, scale, torch::kFloat);
    return levels.to(torch::kCPU).to(torch::kFloat).mul_(s * (2.0 / l)).sub_(s);
}

void DoReFaWeightQuantizer::setBits(int bits)
{
    checkBits(bits, true);
    m_bits = bits;
}

} // namespace ql::core
