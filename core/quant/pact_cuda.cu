// SPDX-License-Identifier: MIT
// The fused PACT forward and backward on CUDA (issue 15): one pass each, against the ATen
// expression's four to six kernels per direction. No torch header here: the caller
// (pact_activation.cpp) allocates with ATen and passes pointers and its current stream.
//
// Forward, per element: region 0 (x < 0), 1 (0 <= x < alpha) or 2 (x >= alpha);
//   y = clamp(x, 0, alpha), then, quantizing, rint(y / step) * step with step = alpha / levels
//   (IEEE division and round-half-even: the same values as the ATen path).
// Backward: dx = g where region 1, else 0; dalpha = sum of g where region 2, summed per block
// into `partial` (the caller adds the partials: deterministic, no float atomics).
#include "core/quant/pact_cuda.h"

#include <cuda_runtime.h>

namespace ql::core::pact_cuda {

namespace {

constexpr int kThreads = 256;

int blocksFor(int64_t n)
{
    const int64_t blocks = (n + kThreads - 1) / kThreads;
    return static_cast<int>(blocks < kMaxBlocks ? blocks : kMaxBlocks);
}

__global__ void forwardKernel(const float *__restrict__ x, const float *__restrict__ alpha,
                              float levels, bool quantize, float *__restrict__ y,
                              unsigned char *__restrict__ region, int64_t n,
                              unsigned long long *__restrict__ clipped)
{
    const float a = *alpha;
    const float step = a / levels;
    unsigned long long count = 0;
    for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
         i += int64_t(gridDim.x) * blockDim.x) {
        const float v = x[i];
        const unsigned char r = v < 0.0f ? 0 : (v < a ? 1 : 2);
        float out = r == 0 ? 0.0f : (r == 1 ? v : a);
        if (quantize)
            out = rintf(out / step) * step;
        y[i] = out;
        region[i] = r;
        count += r == 2 ? 1 : 0;
    }
    // Integer counts: the order of the atomic additions does not change the result.
    for (int offset = 16; offset > 0; offset /= 2)
        count += __shfl_down_sync(0xffffffffu, count, offset);
    if ((threadIdx.x & 31) == 0 && count > 0)
        atomicAdd(clipped, count);
}

__global__ void backwardKernel(const float *__restrict__ g, const unsigned char *__restrict__ region,
                               float *__restrict__ dx, float *__restrict__ partial, int64_t n)
{
    __shared__ float warpSums[kThreads / 32];
    float sum = 0.0f;
    for (int64_t i = int64_t(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
         i += int64_t(gridDim.x) * blockDim.x) {
        const unsigned char r = region[i];
        const float v = g[i];
        dx[i] = r == 1 ? v : 0.0f;
        sum += r == 2 ? v : 0.0f;
    }
    for (int offset = 16; offset > 0; offset /= 2)
        sum += __shfl_down_sync(0xffffffffu, sum, offset);
    if ((threadIdx.x & 31) == 0)
        warpSums[threadIdx.x / 32] = sum;
    __syncthreads();
    if (threadIdx.x == 0) {
        float total = 0.0f;
        for (int w = 0; w < kThreads / 32; ++w)
            total += warpSums[w];
        partial[blockIdx.x] = total;
    }
}

} // namespace

int partialCount(int64_t n)
{
    return blocksFor(n);
}

int forward(const float *x, const float *alpha, float levels, bool quantize, float *y,
            unsigned char *region, int64_t n, unsigned long long *clipped, void *stream)
{
    if (n == 0)
        return 0;
    forwardKernel<<<blocksFor(n), kThreads, 0, static_cast<cudaStream_t>(stream)>>>(
        x, alpha, levels, quantize, y, region, n, clipped);
    return static_cast<int>(cudaGetLastError());
}

int backward(const float *g, const unsigned char *region, float *dx, float *partial, int64_t n,
             void *stream)
{
    if (n == 0)
        return 0;
    backwardKernel<<<blocksFor(n), kThreads, 0, static_cast<cudaStream_t>(stream)>>>(
        g, region, dx, partial, n);
    return static_cast<int>(cudaGetLastError());
}

const char *errorText(int code)
{
    return cudaGetErrorString(static_cast<cudaError_t>(code));
}

} // namespace ql::core::pact_cuda
