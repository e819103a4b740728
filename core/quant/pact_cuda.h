// SPDX-License-Identifier: MIT
#pragma once

// The fused CUDA PACT kernels (pact_cuda.cu), built only with -DQUANTLENS_CUDA_KERNELS=ON
// against a CUDA LibTorch. Plain pointers, no torch types: the .cu file never sees torch
// headers. `stream` is a cudaStream_t; every function returns a cudaError_t (0: success).

#include <cstdint>

namespace ql::core::pact_cuda {

/// The most blocks a launch uses (grid-stride loops beyond).
constexpr int kMaxBlocks = 1024;

/// y, region (uint8: 0 below zero, 1 passed, 2 clipped) and *clipped += count of region 2.
/// `alpha` points to one float on the device; `levels` = 2^bits - 1.
int forward(const float *x, const float *alpha, float levels, bool quantize, float *y,
            unsigned char *region, int64_t n, unsigned long long *clipped, void *stream);

/// Number of partial sums backward() writes for n elements (<= kMaxBlocks).
int partialCount(int64_t n);

/// dx = g where region is 1; partial[b] = sum over block b of g where region is 2.
int backward(const float *g, const unsigned char *region, float *dx, float *partial, int64_t n,
             void *stream);

const char *errorText(int code);

} // namespace ql::core::pact_cuda
