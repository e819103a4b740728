// SPDX-License-Identifier: MIT
// Element-wise kernels of the fused CPU PACT path. Scalar code for every CPU, and an AVX2
// version chosen at run time on x86-64 (the project builds for the baseline ISA). Neither
// uses FMA: results stay bit-identical to ATen's separate multiply and round.
#include "core/quant/pact_kernels.h"

#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define QL_PACT_AVX2 1
#endif

namespace ql::core::pact_kernels {
namespace {

constexpr float kShift = 8388608.0f; // 2^23

/// Round half to even for 0 <= v < 2^23 or NaN: adding 2^23 leaves no fraction bits, so the
/// addition rounds in the default mode (nearest, ties to even); subtracting is exact.
inline float roundHalfEven(float v)
{
    const float shifted = v + kShift; // not folded away: no -ffast-math in this project
    return shifted - kShift;
}

int64_t forwardScalar(const float *x, float *y, uint8_t *region, int64_t begin, int64_t end,
                      float alpha, float up, float down, bool quantize)
{
    int64_t clipped = 0;
    for (int64_t i = begin; i < end; ++i) {
        const float v = x[i];
        const int below = v < 0.0f;
        const int over = v >= alpha;
        float c = alpha < v ? alpha : v;
        c = 0.0f > c ? 0.0f : c; // NaN stays NaN, as in at::clamp
        if (quantize)
            c = roundHalfEven(c * up) * down;
        y[i] = c;
        region[i] = static_cast<uint8_t>(kPass + over - below); // NaN: kPass
        clipped += over;
    }
    return clipped;
}

double backwardScalar(const float *g, const uint8_t *region, float *gx, int64_t begin, int64_t end)
{
    double sum = 0.0;
    for (int64_t i = begin; i < end; ++i) {
        const uint8_t r = region[i];
        gx[i] = r == kPass ? g[i] : 0.0f;
        sum += r == kClipped ? static_cast<double>(g[i]) : 0.0;
    }
    return sum;
}

#ifdef QL_PACT_AVX2
/// Byte k of kSpread[m] is bit k of m: turns an 8-lane movemask into 8 bytes of 0/1.
struct SpreadTable {
    uint64_t v[256];
    constexpr SpreadTable() : v()
    {
        for (int m = 0; m < 256; ++m) {
            uint64_t bytes = 0;
            for (int k = 0; k < 8; ++k)
                bytes |= static_cast<uint64_t>((m >> k) & 1) << (8 * k);
            v[m] = bytes;
        }
    }
};
constexpr SpreadTable kSpread;

__attribute__((target("avx2"))) int64_t forwardAvx2(const float *x, float *y, uint8_t *region,
                                                    int64_t begin, int64_t end, float alpha,
                                                    float up, float down, bool quantize)
{
    const __m256 va = _mm256_set1_ps(alpha);
    const __m256 zero = _mm256_setzero_ps();
    const __m256 vup = _mm256_set1_ps(up);
    const __m256 vdown = _mm256_set1_ps(down);
    const __m256 shift = _mm256_set1_ps(kShift);
    int64_t clipped = 0;
    int64_t i = begin;
    for (; i + 8 <= end; i += 8) {
        const __m256 v = _mm256_loadu_ps(x + i);
        const int below = _mm256_movemask_ps(_mm256_cmp_ps(v, zero, _CMP_LT_OQ));
        const int over = _mm256_movemask_ps(_mm256_cmp_ps(v, va, _CMP_GE_OQ));
        // min_ps(a, b) = a < b ? a : b and max_ps(a, b) = a > b ? a : b: with the input as the
        // second operand a NaN passes through, as in the scalar code.
        __m256 c = _mm256_max_ps(zero, _mm256_min_ps(va, v));
        if (quantize)
            c = _mm256_mul_ps(_mm256_sub_ps(_mm256_add_ps(_mm256_mul_ps(c, vup), shift), shift),
                              vdown);
        _mm256_storeu_ps(y + i, c);
        // 1 + over - below per byte: never both (alpha > 0), so no borrow crosses bytes.
        const uint64_t bytes = 0x0101010101010101ULL + kSpread.v[over] - kSpread.v[below];
        std::memcpy(region + i, &bytes, sizeof bytes);
        clipped += __builtin_popcount(static_cast<unsigned>(over));
    }
    return clipped + forwardScalar(x, y, region, i, end, alpha, up, down, quantize);
}

__attribute__((target("avx2"))) double backwardAvx2(const float *g, const uint8_t *region,
                                                    float *gx, int64_t begin, int64_t end)
{
    const __m256i pass = _mm256_set1_epi32(kPass);
    const __m256i clip = _mm256_set1_epi32(kClipped);
    __m256d sumLow = _mm256_setzero_pd();
    __m256d sumHigh = _mm256_setzero_pd();
    int64_t i = begin;
    for (; i + 8 <= end; i += 8) {
        const __m256 vg = _mm256_loadu_ps(g + i);
        const __m256i r =
            _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(region + i)));
        const __m256 passMask = _mm256_castsi256_ps(_mm256_cmpeq_epi32(r, pass));
        const __m256 clipMask = _mm256_castsi256_ps(_mm256_cmpeq_epi32(r, clip));
        _mm256_storeu_ps(gx + i, _mm256_and_ps(passMask, vg));
        const __m256 clipped = _mm256_and_ps(clipMask, vg);
        sumLow = _mm256_add_pd(sumLow, _mm256_cvtps_pd(_mm256_castps256_ps128(clipped)));
        sumHigh = _mm256_add_pd(sumHigh, _mm256_cvtps_pd(_mm256_extractf128_ps(clipped, 1)));
    }
    alignas(32) double lanes[4];
    _mm256_store_pd(lanes, _mm256_add_pd(sumLow, sumHigh));
    return lanes[0] + lanes[1] + lanes[2] + lanes[3] + backwardScalar(g, region, gx, i, end);
}

bool detectAvx2()
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#endif

} // namespace

bool usesAvx2()
{
#ifdef QL_PACT_AVX2
    static const bool avx2 = detectAvx2();
    return avx2;
#else
    return false;
#endif
}

int64_t forward(const float *x, float *y, uint8_t *region, int64_t begin, int64_t end, float alpha,
                float up, float down, bool quantize)
{
#ifdef QL_PACT_AVX2
    if (usesAvx2())
        return forwardAvx2(x, y, region, begin, end, alpha, up, down, quantize);
#endif
    return forwardScalar(x, y, region, begin, end, alpha, up, down, quantize);
}

double backward(const float *g, const uint8_t *region, float *gx, int64_t begin, int64_t end)
{
#ifdef QL_PACT_AVX2
    if (usesAvx2())
        return backwardAvx2(g, region, gx, begin, end);
#endif
    return backwardScalar(g, region, gx, begin, end);
}

} // namespace ql::core::pact_kernels
