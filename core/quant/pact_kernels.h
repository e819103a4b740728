// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

namespace ql::core::pact_kernels {

/// Region of each PACT input, one byte per element, kept for the backward pass.
enum Region : uint8_t { kBelow = 0, kPass = 1, kClipped = 2 };

/// PACT forward over [begin, end) of float arrays: y = clamp(x, 0, alpha) and, when
/// `quantize`, y = round(y * up) * down (round half to even; up = float(L / alpha),
/// down = float(alpha / L)), bit-identical to the ATen sequence clamp, mul_, round_, mul_ in
/// float. NaN stays NaN. region[i] = kBelow (x < 0), kPass (0 <= x < alpha, and NaN, whose
/// gradient passes as in ATen's hardtanh_backward) or kClipped (x >= alpha; alpha must be
/// > 0). Returns the number of clipped elements. Uses AVX2 where the CPU has it.
int64_t forward(const float *x, float *y, uint8_t *region, int64_t begin, int64_t end, float alpha,
                float up, float down, bool quantize);

/// PACT backward over [begin, end): gx = g where region is kPass, else 0. Returns the sum of
/// g where region is kClipped (the alpha gradient of this range).
double backward(const float *g, const uint8_t *region, float *gx, int64_t begin, int64_t end);

/// Whether the AVX2 code path is in use (for tests and benchmarks).
bool usesAvx2();

} // namespace ql::core::pact_kernels
