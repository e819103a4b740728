// SPDX-License-Identifier: MIT
#include "core/models/fused_ops.h"
#include "core/models/sample_keys.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/autograd.h>

#include <cmath>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>

namespace ql::core {
namespace {

/// Elements per parallel task: large enough that a task outweighs its scheduling.
constexpr int64_t kGrain = 32768;

bool fusedCpuPath(const at::Tensor &x)
{
    return x.device().is_cpu() && x.scalar_type() == at::kFloat && x.is_contiguous() &&
           !x.is_mkldnn() && x.layout() == at::kStrided;
}

// ---------------------------------------------------------------------------------------------
// Dropout

/// SplitMix64 (Steele, Lea, Flood 2014): element k of the sequence started at `seed`.
inline uint64_t splitMix64(uint64_t seed, uint64_t k)
{
    uint64_t z = seed + (k + 1) * 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t drawSeed()
{
    at::Generator generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get<at::CPUGeneratorImpl>()->random64();
}

struct DropoutFn : public torch::autograd::Function<DropoutFn> {
    static at::Tensor forward(torch::autograd::AutogradContext *ctx, const at::Tensor &x, double p)
    {
        const int64_t count = x.numel();
        at::Tensor out = at::empty_like(x);
        at::Tensor keep = at::empty(x.sizes(), x.options().dtype(at::kByte));
        const float scale = static_cast<float>(1.0 / (1.0 - p));
        // Keep when a 24-bit uniform integer u satisfies u < (1 - p) 2^24.
        const auto threshold = static_cast<uint32_t>(std::llround((1.0 - p) * 16777216.0));
        const uint64_t seed = drawSeed();
        const float *src = x.data_ptr<float>();
        float *dst = out.data_ptr<float>();
        uint8_t *mask = keep.data_ptr<uint8_t>();
        if (const SampleKeys *keys = currentSampleKeys(x.dim() > 0 ? x.size(0) : 0)) {
            // Data-parallel shard: element j of row i is element keys[i] * perRow + j of the
            // global batch, and draws what one process would draw for it (same seed, same
            // counter, same 24-bit field).
            const int64_t perRow = count / x.size(0);
            const int64_t *key = keys->keys.data();
            at::parallel_for(0, count, kGrain, [&](int64_t begin, int64_t end) {
                for (int64_t i = begin; i < end; ++i) {
                    const auto g = static_cast<uint64_t>(key[i / perRow] * perRow + i % perRow);
                    const uint64_t r = splitMix64(seed, g >> 1);
                    const auto u =
                        static_cast<uint32_t>((g & 1) == 0 ? (r >> 40) : ((r >> 8) & 0xffffffU));
                    const bool kept = u < threshold;
                    mask[i] = kept ? 1 : 0;
                    dst[i] = kept ? src[i] * scale : 0.0f;
                }
            });
            ctx->save_for_backward({keep});
            ctx->saved_data["scale"] = static_cast<double>(scale);
            return out;
        }
        // Tasks start at even indices: elements 2k and 2k + 1 share draw k (two 24-bit fields).
        const int64_t pairs = (count + 1) / 2;
        at::parallel_for(0, pairs, kGrain / 2, [&](int64_t begin, int64_t end) {
            for (int64_t k = begin; k < end; ++k) {
                const uint64_t r = splitMix64(seed, static_cast<uint64_t>(k));
                const uint32_t u[2] = {static_cast<uint32_t>(r >> 40),
                                       static_cast<uint32_t>((r >> 8) & 0xffffffU)};
                for (int64_t e = 0; e < 2; ++e) {
                    const int64_t i = 2 * k + e;
                    if (i >= count)
                        break;
                    const bool kept = u[e] < threshold;
                    mask[i] = kept ? 1 : 0;
                    dst[i] = kept ? src[i] * scale : 0.0f;
                }
            }
        });
        ctx->save_for_backward({keep});
        ctx->saved_data["scale"] = static_cast<double>(scale);
        return out;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext *ctx,
                                                   torch::autograd::variable_list gradOutputs)
    {
        const at::Tensor keep = ctx->get_saved_variables()[0];
        const auto scale = static_cast<float>(ctx->saved_data["scale"].toDouble());
        const at::Tensor g = gradOutputs[0].contiguous();
        at::Tensor gradIn = at::empty_like(g);
        const float *gsrc = g.data_ptr<float>();
        const uint8_t *mask = keep.data_ptr<uint8_t>();
        float *dst = gradIn.data_ptr<float>();
        at::parallel_for(0, g.numel(), kGrain, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i)
                dst[i] = mask[i] != 0 ? gsrc[i] * scale : 0.0f;
        });
        return {gradIn, at::Tensor()};
    }
};

} // namespace

at::Tensor fastDropout(const at::Tensor &x, double p, bool train)
{
    if (!(p >= 0.0 && p <= 1.0))
        throw std::invalid_argument("dropout probability has to be between 0 and 1, but got " +
                                    std::to_string(p));
    if (!train || p == 0.0)
        return x;
    if (p == 1.0 || !fusedCpuPath(x) || x.numel() == 0)
        return at::dropout(x, p, train);
    return DropoutFn::apply(x, p);
}

} // namespace ql::core
