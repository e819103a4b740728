// SPDX-License-Identifier: MIT
#include "core/quant/pact_activation.h"

#include <torch/autograd.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace ql::core {
namespace {

/// Custom autograd function: the forward saves two boolean masks (1 byte per element instead
/// of the 4 of x) from which the backward builds both gradients.
struct PactFn : public torch::autograd::Function<PactFn> {
    static torch::Tensor forward(torch::autograd::AutogradContext *ctx, const torch::Tensor &x,
                                 const torch::Tensor &alpha, int64_t bits,
                                 torch::Tensor *clippedFraction)
    {
        const torch::Tensor a = alpha.to(x.scalar_type());
        const torch::Tensor clipped = x >= a;
        const torch::Tensor pass = (x >= 0).logical_and_(clipped.logical_not());
        ctx->save_for_backward({pass, clipped});
        if (clippedFraction != nullptr)
            *clippedFraction = clipped.sum().to(torch::kFloat) /
                               static_cast<double>(std::max<int64_t>(1, x.numel()));
        torch::Tensor y = at::minimum(at::relu(x), a);
        if (bits != kFloatBits) {
            const double levels = static_cast<double>((int64_t{1} << bits) - 1);
            const torch::Tensor step = a / levels;
            y = at::round(y / step) * step;
        }
        return y;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list gradOutputs)
    {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor &grad = gradOutputs[0];
        const torch::Tensor gradX = grad * saved[0].to(grad.scalar_type());
        const torch::Tensor gradAlpha = (grad * saved[1].to(grad.scalar_type())).sum();
        return {gradX, gradAlpha, torch::Tensor(), torch::Tensor()};
    }
};

} // namespace

torch::Tensor pactFunction(const torch::Tensor &x, const torch::Tensor &alpha, int bits,
                           torch::Tensor *clippedFraction)
{
    if (!isValidBitWidth(bits))
        throw std::invalid_argument("PACT bit-width " + std::to_string(bits) +
                                    " is invalid: use 1 to 8, or 32 for float");
    return PactFn::apply(x, alpha, static_cast<int64_t>(bits), clippedFraction);
}

PactActivationImpl::PactActivationImpl(int bits, float alphaInit)
{
    setBits(bits);
    if (!std::isfinite(alphaInit) || alphaInit <= 0.0f)
        throw std::invalid_argument("initial PACT alpha must be a positive number, got " +
                                    std::to_string(alphaInit));
    m_alpha = register_parameter("alpha", torch::full({}, alphaInit));
}

torch::Tensor PactActivationImpl::forward(const torch::Tensor &x)
{
    if (m_observer)
        m_observer(x.detach());
    if (m_bits == kFloatBits)
        return at::relu(x);
    if (!is_training())
        return pactFunction(x, m_alpha, m_bits);
    torch::Tensor fraction;
    torch::Tensor y = pactFunction(x, m_alpha, m_bits, &fraction);
    m_clipped = fraction;
    return y;
}

void PactActivationImpl::setBits(int bits)
{
    if (!isValidBitWidth(bits))
        throw std::invalid_argument("PACT activation bit-width " + std::to_string(bits) +
                                    " is invalid: use 1 to 8, or 32 for float");
    m_bits = bits;
    if (bits == kFloatBits)
        m_clipped = torch::Tensor();
}

float PactActivationImpl::alphaValue() const
{
    return m_alpha.detach().to(torch::kCPU).to(torch::kFloat).item<float>();
}

void PactActivationImpl::setAlphaValue(float value)
{
    if (!std::isfinite(value) || value <= 0.0f)
        throw std::invalid_argument("PACT alpha must be a positive number, got " +
                                    std::to_string(value));
    torch::NoGradGuard noGrad;
    m_alpha.fill_(value);
}

float PactActivationImpl::clippedFraction() const
{
    if (!m_clipped.defined())
        return 0.0f;
    return m_clipped.to(torch::kCPU).item<float>();
}

void PactActivationImpl::setObserver(std::function<void(const torch::Tensor &)> observer)
{
    m_observer = std::move(observer);
}

void PactActivationImpl::pretty_print(std::ostream &stream) const
{
    stream << "ql::core::PactActivation(bits=" << m_bits << ")";
}

} // namespace ql::core
