// SPDX-License-Identifier: MIT
#include "core/deploy/int_kernels.h"

#include <atomic>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define QL_INT_AVX2 1
#endif

namespace ql::core::deploy::int_kernels {
namespace {

std::atomic<bool> g_forceScalar{false};

void gemmScalar(const int16_t *a, int64_t m, const int16_t *b, int64_t n, int64_t k, int32_t *c)
{
    for (int64_t i = 0; i < m; ++i) {
        const int16_t *row = a + i * k;
        for (int64_t j = 0; j < n; ++j) {
            const int16_t *col = b + j * k;
            int32_t sum = 0;
            for (int64_t t = 0; t < k; ++t)
                sum += static_cast<int32_t>(row[t]) * static_cast<int32_t>(col[t]);
            c[i * n + j] = sum;
        }
    }
}

#ifdef QL_INT_AVX2
/// Sums of the 8 lanes of four accumulators: {sum v0, sum v1, sum v2, sum v3}.
__attribute__((target("avx2"))) inline __m128i reduce4(__m256i v0, __m256i v1, __m256i v2,
                                                       __m256i v3)
{
    const __m256i s01 = _mm256_hadd_epi32(v0, v1);
    const __m256i s23 = _mm256_hadd_epi32(v2, v3);
    const __m256i s = _mm256_hadd_epi32(s01, s23); // per 128-bit half: v0 v1 v2 v3
    return _mm_add_epi32(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
}

__attribute__((target("avx2"))) inline __m256i load(const int16_t *p)
{
    return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
}

/// Two rows of a against four rows of b: 8 accumulators, 6 loads per 8 vpmaddwd.
__attribute__((target("avx2"))) void block2x4(const int16_t *a0, const int16_t *a1,
                                              const int16_t *b, int64_t k, int32_t *c0, int32_t *c1)
{
    __m256i acc[8];
    for (auto &v : acc)
        v = _mm256_setzero_si256();
    const int16_t *b0 = b, *b1 = b + k, *b2 = b + 2 * k, *b3 = b + 3 * k;
    for (int64_t t = 0; t < k; t += 16) {
        const __m256i x0 = load(a0 + t);
        const __m256i x1 = load(a1 + t);
        __m256i w = load(b0 + t);
        acc[0] = _mm256_add_epi32(acc[0], _mm256_madd_epi16(x0, w));
        acc[4] = _mm256_add_epi32(acc[4], _mm256_madd_epi16(x1, w));
        w = load(b1 + t);
        acc[1] = _mm256_add_epi32(acc[1], _mm256_madd_epi16(x0, w));
        acc[5] = _mm256_add_epi32(acc[5], _mm256_madd_epi16(x1, w));
        w = load(b2 + t);
        acc[2] = _mm256_add_epi32(acc[2], _mm256_madd_epi16(x0, w));
        acc[6] = _mm256_add_epi32(acc[6], _mm256_madd_epi16(x1, w));
        w = load(b3 + t);
        acc[3] = _mm256_add_epi32(acc[3], _mm256_madd_epi16(x0, w));
        acc[7] = _mm256_add_epi32(acc[7], _mm256_madd_epi16(x1, w));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i *>(c0), reduce4(acc[0], acc[1], acc[2], acc[3]));
    _mm_storeu_si128(reinterpret_cast<__m128i *>(c1), reduce4(acc[4], acc[5], acc[6], acc[7]));
}

/// One row of a against four rows of b (single images through linear layers).
__attribute__((target("avx2"))) void block1x4(const int16_t *a0, const int16_t *b, int64_t k,
                                              int32_t *c0)
{
    __m256i acc0 = _mm256_setzero_si256(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
    const int16_t *b0 = b, *b1 = b + k, *b2 = b + 2 * k, *b3 = b + 3 * k;
    for (int64_t t = 0; t < k; t += 16) {
        const __m256i x0 = load(a0 + t);
        acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(x0, load(b0 + t)));
        acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(x0, load(b1 + t)));
        acc2 = _mm256_add_epi32(acc2, _mm256_madd_epi16(x0, load(b2 + t)));
        acc3 = _mm256_add_epi32(acc3, _mm256_madd_epi16(x0, load(b3 + t)));
    }
    _mm_storeu_si128(reinterpret_cast<__m128i *>(c0), reduce4(acc0, acc1, acc2, acc3));
}

__attribute__((target("avx2"))) int32_t dot1(const int16_t *a0, const int16_t *b0, int64_t k)
{
    __m256i acc = _mm256_setzero_si256();
    for (int64_t t = 0; t < k; t += 16)
        acc = _mm256_add_epi32(acc, _mm256_madd_epi16(load(a0 + t), load(b0 + t)));
    const __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    const __m128i h = _mm_hadd_epi32(s, s);
    return _mm_cvtsi128_si32(_mm_hadd_epi32(h, h));
}

__attribute__((target("avx2"))) void gemmAvx2(const int16_t *a, int64_t m, const int16_t *b,
                                              int64_t n, int64_t k, int32_t *c)
{
    const int64_t n4 = n - n % 4;
    int32_t tmp0[4], tmp1[4];
    int64_t i = 0;
    for (; i + 2 <= m; i += 2) {
        const int16_t *a0 = a + i * k, *a1 = a0 + k;
        int32_t *c0 = c + i * n, *c1 = c0 + n;
        for (int64_t j = 0; j < n4; j += 4) {
            block2x4(a0, a1, b + j * k, k, tmp0, tmp1);
            for (int q = 0; q < 4; ++q) {
                c0[j + q] = tmp0[q];
                c1[j + q] = tmp1[q];
            }
        }
        for (int64_t j = n4; j < n; ++j) {
            c0[j] = dot1(a0, b + j * k, k);
            c1[j] = dot1(a1, b + j * k, k);
        }
    }
    for (; i < m; ++i) {
        const int16_t *a0 = a + i * k;
        int32_t *c0 = c + i * n;
        for (int64_t j = 0; j < n4; j += 4) {
            block1x4(a0, b + j * k, k, tmp0);
            for (int q = 0; q < 4; ++q)
                c0[j + q] = tmp0[q];
        }
        for (int64_t j = n4; j < n; ++j)
            c0[j] = dot1(a0, b + j * k, k);
    }
}

bool detectAvx2()
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#endif

} // namespace

Isa activeIsa()
{
#ifdef QL_INT_AVX2
    static const bool avx2 = detectAvx2();
    if (avx2 && !g_forceScalar.load(std::memory_order_relaxed))
        return Isa::Avx2;
#endif
    return Isa::Scalar;
}

const char *isaName(Isa isa)
{
    return isa == Isa::Avx2 ? "avx2" : "scalar";
}

void forceScalar(bool on)
{
    g_forceScalar.store(on, std::memory_order_relaxed);
}

void gemm(const int16_t *a, int64_t m, const int16_t *b, int64_t n, int64_t k, int32_t *c)
{
#ifdef QL_INT_AVX2
    if (activeIsa() == Isa::Avx2) {
        gemmAvx2(a, m, b, n, k, c);
        return;
    }
#endif
    gemmScalar(a, m, b, n, k, c);
}

} // namespace ql::core::deploy::int_kernels
