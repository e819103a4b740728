// SPDX-License-Identifier: MIT
#include "core/quant/pact_activation.h"

#include "core/quant/pact_kernels.h"

#include <ATen/Parallel.h>
#include <torch/autograd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#ifdef QUANTLENS_HAVE_CUDA_KERNELS
#include "core/quant/pact_cuda.h"

#include <c10/cuda/CUDAGuard.h>
#include <c10/cuda/CUDAStream.h>
#endif

namespace ql::core {
namespace {

#ifdef QUANTLENS_HAVE_CUDA_KERNELS
/// The fused CUDA kernels take float x and a float alpha on the same GPU.
/// QUANTLENS_PACT_CUDA=0 selects the ATen expression instead (for comparisons).
bool useCudaKernels(const torch::Tensor &x, const torch::Tensor &alpha)
{
    static const bool enabled = [] {
        const char *v = std::getenv("QUANTLENS_PACT_CUDA");
        return v == nullptr || std::string(v) != "0";
    }();
    return enabled && x.is_cuda() && x.scalar_type() == at::kFloat &&
           alpha.scalar_type() == at::kFloat && alpha.device() == x.device() && alpha.numel() == 1;
}

void checkCuda(int code, const char *what)
{
    if (code != 0)
        throw std::runtime_error(std::string("PACT CUDA kernel (") + what +
                                 "): " + pact_cuda::errorText(code));
}
#endif

// Lower bound for hardtanh_backward so that x == 0 passes the gradient (0 <= x < alpha).
constexpr double kBelowZero = -std::numeric_limits<float>::denorm_min();

/// Elements per parallel task of the fused CPU kernels.
constexpr int64_t kGrain = 32768;

/// Whether the fused kernels can read x directly (the devices are checked by the caller).
bool fusedLayout(const torch::Tensor &x)
{
    return x.scalar_type() == at::kFloat && x.is_contiguous() && x.layout() == at::kStrided;
}

/// Forward of PACT in one pass over float x on the CPU: y, the region of every element, and
/// the number of clipped elements. Bit-identical to the ATen sequence of the generic path:
/// clamp to [0, alpha] in float, then (quantizing) * (L / alpha), round half to even,
/// * (alpha / L), each scalar rounded to float as ATen does.
torch::Tensor pactForwardCpu(const torch::Tensor &x, double alpha, double levels, bool quantize,
                             torch::Tensor &regions, int64_t &clippedCount)
{
    torch::Tensor y = at::empty_like(x);
    regions = at::empty(x.sizes(), x.options().dtype(at::kByte));
    const float a = static_cast<float>(alpha);
    const float up = static_cast<float>(levels / alpha);
    const float down = static_cast<float>(alpha / levels);
    const float *src = x.data_ptr<float>();
    float *dst = y.data_ptr<float>();
    uint8_t *region = regions.data_ptr<uint8_t>();
    const int64_t n = x.numel();
    std::vector<int64_t> counts(static_cast<size_t>(at::get_num_threads()) + 1, 0);
    at::parallel_for(0, n, kGrain, [&](int64_t begin, int64_t end) {
        counts[static_cast<size_t>(at::get_thread_num())] +=
            pact_kernels::forward(src, dst, region, begin, end, a, up, down, quantize);
    });
    clippedCount = 0;
    for (int64_t c : counts)
        clippedCount += c;
    return y;
}

/// Backward in one pass: dx = g where 0 <= x < alpha, and dalpha = sum of g where x >= alpha
/// (accumulated in double per task).
std::pair<torch::Tensor, double> pactBackwardCpu(const torch::Tensor &grad,
                                                 const torch::Tensor &regions)
{
    const torch::Tensor g = grad.contiguous();
    torch::Tensor gx = at::empty_like(g);
    const float *gsrc = g.data_ptr<float>();
    const uint8_t *region = regions.data_ptr<uint8_t>();
    float *dst = gx.data_ptr<float>();
    std::vector<double> sums(static_cast<size_t>(at::get_num_threads()) + 1, 0.0);
    at::parallel_for(0, g.numel(), kGrain, [&](int64_t begin, int64_t end) {
        sums[static_cast<size_t>(at::get_thread_num())] +=
            pact_kernels::backward(gsrc, region, dst, begin, end);
    });
    double total = 0.0;
    for (double v : sums)
        total += v;
    return {gx, total};
}

/// Custom autograd function, written for few element-wise passes (PACT runs on the largest
/// tensors of the network; on a CPU, bool reductions and float-by-bool products are several
/// times slower than fused kernels). Forward: one clamp, three in-place ops when quantizing,
/// and (training) one compare + count whose mask the backward reuses. Backward: one fused
/// hardtanh_backward for x, one where + sum for alpha. On the CPU alpha is read as a scalar
/// (free there); elsewhere it stays a tensor so that no step waits for the device.
struct PactFn : public torch::autograd::Function<PactFn> {
    static torch::Tensor forward(torch::autograd::AutogradContext *ctx, const torch::Tensor &x,
                                 const torch::Tensor &alpha, int64_t bits,
                                 torch::Tensor *clippedFraction)
    {
        const double levels = static_cast<double>((int64_t{1} << std::min<int64_t>(bits, 30)) - 1);
        const bool scalarAlpha = alpha.device().is_cpu() && x.device().is_cpu();
        torch::Tensor y, clipped;
#ifdef QUANTLENS_HAVE_CUDA_KERNELS
        if (useCudaKernels(x, alpha)) {
            // One pass each way (pact_cuda.cu); the region bytes replace x and the mask.
            const c10::cuda::CUDAGuard guard(x.device());
            const torch::Tensor xc = x.contiguous();
            const torch::Tensor a = alpha.detach().contiguous();
            y = at::empty_like(xc);
            torch::Tensor regions = at::empty(xc.sizes(), xc.options().dtype(at::kByte));
            torch::Tensor count = at::zeros({1}, xc.options().dtype(at::kLong));
            checkCuda(pact_cuda::forward(
                          xc.data_ptr<float>(), a.data_ptr<float>(), static_cast<float>(levels),
                          bits != kFloatBits, y.data_ptr<float>(), regions.data_ptr<uint8_t>(),
                          xc.numel(),
                          reinterpret_cast<unsigned long long *>(count.data_ptr<int64_t>()),
                          c10::cuda::getCurrentCUDAStream().stream()),
                      "forward");
            if (clippedFraction != nullptr)
                *clippedFraction = count.to(torch::kFloat).reshape({}) /
                                   static_cast<double>(std::max<int64_t>(1, xc.numel()));
            ctx->save_for_backward({regions});
            ctx->saved_data["cuda"] = true;
            ctx->saved_data["alphaDtype"] = static_cast<int64_t>(alpha.scalar_type());
            return y;
        }
#endif
        if (scalarAlpha && fusedLayout(x)) {
            // One pass forward, one pass backward (see pactForwardCpu).
            const double a = alpha.item<double>();
            torch::Tensor regions;
            int64_t clippedCount = 0;
            y = pactForwardCpu(x, a, levels, bits != kFloatBits, regions, clippedCount);
            if (clippedFraction != nullptr)
                *clippedFraction = torch::full(
                    {}, static_cast<float>(static_cast<double>(clippedCount) /
                                           static_cast<double>(std::max<int64_t>(1, x.numel()))));
            ctx->save_for_backward({regions});
            ctx->saved_data["fused"] = true;
            ctx->saved_data["alphaDtype"] = static_cast<int64_t>(alpha.scalar_type());
            return y;
        }
        if (scalarAlpha) {
            const double a = alpha.item<double>();
            y = at::clamp(x, 0.0, a);
            if (bits != kFloatBits)
                y.mul_(levels / a).round_().mul_(a / levels);
            clipped = x.ge(a);
            ctx->saved_data["alpha"] = a;
        } else {
            const torch::Tensor a = alpha.to(x.options());
            y = at::clamp(x, at::zeros({}, x.options()), a);
            if (bits != kFloatBits) {
                const torch::Tensor step = a / levels;
                y.div_(step).round_().mul_(step);
            }
            clipped = x.ge(a);
        }
        if (clippedFraction != nullptr)
            *clippedFraction = at::count_nonzero(clipped).to(torch::kFloat) /
                               static_cast<double>(std::max<int64_t>(1, x.numel()));
        ctx->save_for_backward({x, clipped});
        return y;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list gradOutputs)
    {
        const auto saved = ctx->get_saved_variables();
#ifdef QUANTLENS_HAVE_CUDA_KERNELS
        if (ctx->saved_data.find("cuda") != ctx->saved_data.end()) {
            const torch::Tensor &regions = saved[0];
            const c10::cuda::CUDAGuard guard(regions.device());
            const torch::Tensor g = gradOutputs[0].contiguous().to(torch::kFloat);
            torch::Tensor gradX = at::empty_like(g);
            torch::Tensor partial = at::empty({pact_cuda::partialCount(g.numel())}, g.options());
            checkCuda(pact_cuda::backward(g.data_ptr<float>(), regions.data_ptr<uint8_t>(),
                                          gradX.data_ptr<float>(), partial.data_ptr<float>(),
                                          g.numel(), c10::cuda::getCurrentCUDAStream().stream()),
                      "backward");
            const auto dtype = static_cast<at::ScalarType>(ctx->saved_data["alphaDtype"].toInt());
            return {gradX, partial.sum().to(dtype), torch::Tensor(), torch::Tensor()};
        }
#endif
        if (ctx->saved_data.find("fused") != ctx->saved_data.end()) {
            auto [gradX, gradAlpha] = pactBackwardCpu(gradOutputs[0], saved[0]);
            const auto dtype = static_cast<at::ScalarType>(ctx->saved_data["alphaDtype"].toInt());
            return {gradX, torch::full({}, gradAlpha, gradOutputs[0].options().dtype(dtype)),
                    torch::Tensor(), torch::Tensor()};
        }
        const torch::Tensor &x = saved[0];
        const torch::Tensor &clipped = saved[1];
        const torch::Tensor &grad = gradOutputs[0];
        const torch::Tensor gradAlpha = at::where(clipped, grad, 0.0).sum();
        torch::Tensor gradX;
        if (ctx->saved_data.find("alpha") != ctx->saved_data.end()) {
            // Passes grad where kBelowZero < x < alpha, i.e. 0 <= x < alpha.
            gradX = at::hardtanh_backward(grad, x, kBelowZero, ctx->saved_data["alpha"].toDouble());
        } else {
            // 0 <= x < alpha is (x >= 0) xor (x >= alpha), since alpha > 0.
            gradX = at::where(x.ge(0).logical_xor_(clipped), grad, 0.0);
        }
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

torch::Tensor PactActivationImpl::clippedFractionTensor() const
{
    const auto options = m_alpha.options().dtype(torch::kFloat);
    if (!m_clipped.defined())
        return torch::zeros({}, options);
    return m_clipped.detach().to(options);
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
