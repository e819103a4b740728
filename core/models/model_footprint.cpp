// SPDX-License-Identifier: MIT
#include "core/models/model_footprint.h"

#include <limits>

namespace ql::core {

namespace {

/// Saturating arithmetic: a hostile spec must not wrap into a small count.
struct Count {
    int64_t value = 0;
    static int64_t mul(int64_t a, int64_t b)
    {
        int64_t out = 0;
        return __builtin_mul_overflow(a, b, &out) ? std::numeric_limits<int64_t>::max() : out;
    }
    Count &add(int64_t n)
    {
        if (__builtin_add_overflow(value, n, &value))
            value = std::numeric_limits<int64_t>::max();
        return *this;
    }
    Count &conv(int64_t in, int64_t out, int64_t k, bool bias = true)
    {
        return add(mul(mul(out, in), k * k)).add(bias ? out : 0);
    }
    Count &linear(int64_t in, int64_t out) { return add(mul(in, out)).add(out); }
    Count &batchNorm(int64_t c) { return add(mul(c, 4)).add(1); } // weight, bias, mean, var, count
    Count &pact() { return add(1); }
};

} // namespace

int64_t modelTensorElements(const ModelSpec &spec)
{
    const int64_t c = spec.inChannels, s = spec.imageSize, k = spec.numClasses;
    Count n;
    if (spec.arch == "mnist-cnn") {
        const int64_t side = (s - 4) / 2;
        n.conv(c, 32, 3).pact().conv(32, 64, 3).pact();
        n.linear(Count::mul(64, Count::mul(side, side)), 128).pact().linear(128, k);
    } else if (spec.arch == "lenet5") {
        const int64_t side = (s / 2 - 4) / 2;
        n.conv(c, 6, 5).pact().conv(6, 16, 5).pact();
        n.linear(Count::mul(16, Count::mul(side, side)), 120).pact().linear(120, 84).pact();
        n.linear(84, k);
    } else if (spec.arch == "resnet20") {
        n.conv(c, 16, 3, false).batchNorm(16).pact();
        int64_t in = 16;
        for (const int64_t width : {16, 32, 64})
            for (int b = 0; b < 3; ++b) {
                n.conv(in, width, 3, false).batchNorm(width).pact();
                n.conv(width, width, 3, false).batchNorm(width).pact();
                in = width;
            }
        n.linear(64, k);
    } else if (spec.arch == "vgg-small") {
        int64_t in = c;
        for (const int64_t width : {128, 128, 256, 256, 512, 512}) {
            n.conv(in, width, 3, false).batchNorm(width).pact();
            in = width;
        }
        const int64_t side = s / 8;
        n.linear(Count::mul(512, Count::mul(side, side)), k);
    } else {
        return -1;
    }
    return n.value;
}

} // namespace ql::core
