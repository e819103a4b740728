// SPDX-License-Identifier: MIT
#pragma once

// Integer GEMM of the integer inference engine: plain C++, no LibTorch. Scalar code for every
// CPU and an AVX2 version (vpmaddwd: 16 int16 products per instruction, summed in pairs into
// int32, exact) chosen at run time, like core/quant/pact_kernels.

#include <cstdint>

namespace ql::core::deploy::int_kernels {

/// Rows are padded with zeros to a multiple of this many int16 values.
inline constexpr int64_t kRowAlign = 16;

/// c[i * n + j] = sum_k a[i * k + t] * b[j * k + t] for i < m, j < n, in exact int32 (the
/// caller guarantees no overflow). k must be a multiple of kRowAlign.
void gemm(const int16_t *a, int64_t m, const int16_t *b, int64_t n, int64_t k, int32_t *c);

enum class Isa { Scalar, Avx2 };
/// The code path gemm() takes: AVX2 where the CPU has it, unless forced to scalar.
Isa activeIsa();
const char *isaName(Isa isa);
/// Test and benchmark hook: force the scalar path (true) or go back to detection (false).
void forceScalar(bool on);

} // namespace ql::core::deploy::int_kernels
