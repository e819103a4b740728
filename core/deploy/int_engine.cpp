// SPDX-License-Identifier: MIT
#include "core/deploy/int_engine.h"

#include "core/deploy/int_kernels.h"
#include "core/deploy/qlpack_reader.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace ql::core::deploy {
namespace {

std::atomic<bool> g_nearTieRefinement{true};

int64_t roundUp(int64_t v, int64_t to)
{
    return (v + to - 1) / to * to;
}

/// Activation after a layer: alpha, 2^k - 1, float(L / alpha), float(alpha / L) (the value of
/// one level, as the fake-quantized model computes it).
struct Pact {
    float alpha = 0.0f;
    int levels = 0;
    float up = 0.0f;
    float down = 0.0f;
};

/// Weights of one layer as int16 rows padded to kRowAlign, plus the DoReFa step s / L.
struct IntWeights {
    std::vector<int16_t> rows;
    int64_t count = 0; ///< rows
    int64_t k = 0;     ///< padded row length
    double step = 0.0; ///< s / (2^bits - 1): value of q = 1
    int bits = 0;
    /// The float32 weight the fake-quantized model computes with for level i = (q + L) / 2:
    /// float(float(i * float(s * float(2 / L))) - s) (DoReFaFn's forward), which differs from
    /// q s / L by up to about one float32 ulp of s.
    std::vector<double> modelValue;
    double maxDeviation = 0.0; ///< max_i |modelValue[i] - q_i s / L|

    double valueOf(int16_t q) const
    {
        const int levels = (1 << bits) - 1;
        return modelValue[static_cast<size_t>((q + levels) / 2)];
    }
};

/// Near-tie refinement (docs/DEPLOYMENT.md, "Agreement"). The integer path computes a layer's
/// pre-activation from the weight grid q s / L and the activation grid l alpha / L; the
/// fake-quantized model computes with float32 weights and activation values that are a few
/// ulps off these grids. Where the integer path's value lies within `tol` (in levels) of a
/// rounding boundary of the next PACT, the engine recomputes that one pre-activation in double
/// from the model's own float32 weights and inputs, so its level is the model's up to the
/// model's own float32 summation error. `tol` per output channel bounds the difference.
struct Refine {
    std::vector<double> tol;   ///< per output channel, in levels of the next PACT
    std::vector<double> gain;  ///< per output channel: batch-norm multiplier (1 without)
    std::vector<double> input; ///< the model's value of input level l (or, first layer: of
                               ///< pixel p of channel c at c * 256 + p)
};

/// PACT of the fake-quantized model on one pre-activation y: clamp to [0, alpha], times
/// float(L / alpha), round half to even (the default rounding mode of nearbyint), in double:
/// the level of the exact pre-activation (docs/DEPLOYMENT.md, "Agreement"). When y lies within
/// `tol` levels of a rounding boundary, `exact()` gives the pre-activation recomputed from the
/// model's own float32 weights and inputs, and its level is taken instead (counted in
/// `refined`).
template <typename Exact>
inline uint8_t pactLevel(double y, const Pact &act, double tol, Exact &&exact, int64_t &refined)
{
    const auto scaled = [&act](double v) {
        return (v < 0.0 ? 0.0 : (v > act.alpha ? act.alpha : v)) * static_cast<double>(act.up);
    };
    double t = scaled(y);
    double r = std::nearbyint(t);
    if (0.5 - std::fabs(t - r) <= tol) {
        t = scaled(exact());
        r = std::nearbyint(t);
        ++refined;
    }
    return static_cast<uint8_t>(std::min(static_cast<int>(r), act.levels));
}

struct Conv {
    std::string name;
    int64_t inC = 0, outC = 0, stride = 1, pad = 0;
    int64_t inH = 0, inW = 0, outH = 0, outW = 0;
    IntWeights w;
    std::vector<double> scale, bias; ///< per output channel: y = acc scale + bias
    Pact act;
    Refine refine;
    // First layer only: rows are (o, c) pairs; y = sum_c coef[o C + c] acc[o C + c] + offs[p O +
    // o].
    bool first = false;
    std::vector<double> coef, offs;
};

struct Linear {
    std::string name;
    int64_t in = 0, out = 0;
    IntWeights w;
    std::vector<double> scale, bias;
    bool hasAct = false;
    Pact act;
    Refine refine;
};

struct Block {
    Conv conv1, conv2;
    int64_t padChannels = 0;
    bool subsample = false;
    float shortcutStep = 0.0f; ///< value of one level of the block input
};

struct Scratch {
    std::vector<uint8_t> a, b, c; // activations, HWC
    std::vector<int16_t> cols;
    std::vector<int32_t> acc;
    int64_t refined = 0; ///< pre-activations recomputed near a rounding boundary
    bool refine = true;  ///< detail::setNearTieRefinement, read once per forward
};

} // namespace

struct IntEngine::Impl {
    ModelSpec spec;
    std::vector<IntLayerSummary> summaries;
    std::vector<float> mean, std;
    bool resnet = false;
    Conv conv1, conv2; // mnist-cnn: both; resnet20: conv1 only
    std::vector<Block> blocks;
    Linear fc1, fc2; // mnist-cnn: fc1 (PACT) + fc2; resnet20: fc2 = fc
    int64_t poolH = 0, poolW = 0, poolC = 0;

    void forward(const uint8_t *pixels, int64_t n, float *logits, IntTrace *trace) const;
};

namespace {

std::string prefixOf(const PackedFile &file)
{
    return "'" + file.path + "' cannot run on the integer engine: ";
}

IntWeights intWeights(const PackedFile &file, const std::string &name, int64_t out, int64_t k,
                      const std::vector<int64_t> &shape)
{
    const PackedTensor &t = file.tensor(name, shape);
    if (!t.dorefa)
        throw std::runtime_error(prefixOf(file) + "layer weight '" + name +
                                 "' is float (the integer engine needs 1..8-bit weights in "
                                 "every layer: export with edge policy 8bit or same)");
    IntWeights w;
    w.bits = t.bits;
    w.count = out;
    w.k = roundUp(k, int_kernels::kRowAlign);
    const int levels = (1 << t.bits) - 1;
    w.step = static_cast<double>(t.scale) / levels;
    w.rows.assign(static_cast<size_t>(out * w.k), 0);
    const std::vector<float> values = detail::doReFaModelValues(t.scale, t.bits);
    w.modelValue.assign(values.begin(), values.end());
    for (int i = 0; i <= levels; ++i)
        w.maxDeviation = std::max(w.maxDeviation, std::fabs(w.modelValue[static_cast<size_t>(i)] -
                                                            (2 * i - levels) * w.step));
    return w;
}

int weightQ(const PackedTensor &t, int64_t index)
{
    const int levels = (1 << t.bits) - 1;
    return 2 * static_cast<int>(t.levels[static_cast<size_t>(index)]) - levels;
}

Pact pactOf(const PackedFile &file, const std::string &pactName, int bits)
{
    if (bits < 1 || bits > 8)
        throw std::runtime_error(prefixOf(file) + "the activation of '" + pactName +
                                 "' is float (the integer engine needs 1..8-bit activations)");
    const PackedTensor &t = file.tensor(pactName + ".alpha");
    if (t.dorefa || t.values.size() != 1 || !(t.values[0] > 0.0f))
        throw std::runtime_error(prefixOf(file) + "'" + pactName +
                                 ".alpha' is not a positive "
                                 "scalar");
    Pact p;
    p.alpha = t.values[0];
    p.levels = (1 << bits) - 1;
    p.up = static_cast<float>(p.levels / static_cast<double>(p.alpha));
    p.down = static_cast<float>(static_cast<double>(p.alpha) / p.levels);
    return p;
}

void checkAccumulator(const PackedFile &file, const std::string &name, int64_t k, int weightBits,
                      int64_t inputMax)
{
    const double bound = static_cast<double>(k) * ((1 << weightBits) - 1) * inputMax;
    if (bound >= 2147483647.0)
        throw std::runtime_error(prefixOf(file) + "layer '" + name +
                                 "' could overflow its int32 accumulator");
}

/// Folded batch norm g = gamma / sqrt(var + eps) and beta - mean g, or 1 and 0 without one.
/// Both are computed in float32 exactly as LibTorch's CPU batch norm does in evaluation
/// (ATen's batch_norm_cpu_collect_linear_and_constant_terms: invstd = 1 / sqrt(var + eps),
/// alpha = invstd * gamma, beta = bias - mean * alpha; the output is x * alpha + beta): the
/// engine then applies these very constants to its exact convolution sums.
void batchNorm(const PackedFile &file, const std::string &bn, int64_t channels,
               std::vector<double> &g, std::vector<double> &b)
{
    g.assign(static_cast<size_t>(channels), 1.0);
    b.assign(static_cast<size_t>(channels), 0.0);
    if (bn.empty())
        return;
    const auto &gamma = file.tensor(bn + ".weight", {channels}).values;
    const auto &beta = file.tensor(bn + ".bias", {channels}).values;
    const auto &mean = file.tensor(bn + ".running_mean", {channels}).values;
    const auto &var = file.tensor(bn + ".running_var", {channels}).values;
    for (int64_t c = 0; c < channels; ++c) {
        const auto i = static_cast<size_t>(c);
        if (!(var[i] >= 0.0f))
            throw std::runtime_error(prefixOf(file) + "'" + bn + "' has a negative variance");
        const float invstd = 1.0f / std::sqrt(var[i] + static_cast<float>(1e-5));
        const volatile float alpha = invstd * gamma[i];
        const volatile float meanTimesAlpha = mean[i] * alpha; // rounded, never fused
        const float shift = beta[i] - meanTimesAlpha;
        g[i] = static_cast<double>(alpha);
        b[i] = static_cast<double>(shift);
    }
}

/// The fake-quantized model's value of input level l = 0..255 of a layer whose input PACT has
/// the level value `step` (float(alpha / L)): the fused PACT kernel's float32 product l * step.
std::vector<double> modelLevelValues(double step)
{
    std::vector<double> v(256);
    for (int l = 0; l < 256; ++l)
        v[static_cast<size_t>(l)] =
            static_cast<double>(static_cast<float>(l) * static_cast<float>(step));
    return v;
}

/// The integer path's value of the same levels: l * step exactly.
std::vector<double> exactLevelValues(double step)
{
    std::vector<double> v(256);
    for (int l = 0; l < 256; ++l)
        v[static_cast<size_t>(l)] = l * step;
    return v;
}

/// The model's input for pixel p of channel c, at c * 256 + p: normalizeImages's float32 ops
/// (core/data/normalization.cpp), (float(p) / 255 - mean_c) / std_c.
std::vector<double> modelPixelValues(const std::vector<float> &mean, const std::vector<float> &sd)
{
    std::vector<double> v(mean.size() * 256);
    for (size_t c = 0; c < mean.size(); ++c)
        for (int p = 0; p < 256; ++p) {
            const volatile float scaled = static_cast<float>(p) / 255.0f;
            const volatile float centred = scaled - mean[c];
            v[c * 256 + static_cast<size_t>(p)] = static_cast<double>(centred / sd[c]);
        }
    return v;
}

/// The integer path's value of the same pixels: (p - 255 mean_c) / (255 std_c) exactly.
std::vector<double> exactPixelValues(const std::vector<float> &mean, const std::vector<float> &sd)
{
    std::vector<double> v(mean.size() * 256);
    for (size_t c = 0; c < mean.size(); ++c)
        for (int p = 0; p < 256; ++p)
            v[c * 256 + static_cast<size_t>(p)] =
                (p - 255.0 * static_cast<double>(mean[c])) / (255.0 * static_cast<double>(sd[c]));
    return v;
}

/// The near-tie refinement data of a layer: `model` / `exact` the model's and the integer
/// path's value of every input code, `gain` and `bias` per output channel (y = gain * sum +
/// bias). A product of the model, w_model x_model = (q s / L + dw) x_model, differs from the
/// integer path's (q s / L) x_exact by |dw x_model + (q s / L)(x_model - x_exact)|, so per
/// output channel o the two pre-activations differ by at most
///   |gain_o| sum_j (|dw_oj| max|x_model| + |q_oj| s / L max|x_model - x_exact|)
/// over the channel's weights j, plus the double-precision roundings of the integer path
/// (below 1e-12 of its terms: a margin of 1e-9 levels covers them); in levels of the next
/// PACT, times up = L / alpha.
Refine makeRefine(const IntWeights &w, const std::vector<double> &gain,
                  const std::vector<double> &bias, const Pact &act, int64_t fanIn,
                  std::vector<double> model, const std::vector<double> &exact)
{
    double inMax = 0.0, inDev = 0.0;
    for (size_t i = 0; i < model.size(); ++i) {
        inMax = std::max({inMax, std::fabs(model[i]), std::fabs(exact[i])});
        inDev = std::max(inDev, std::fabs(model[i] - exact[i]));
    }
    const double s = w.step * ((1 << w.bits) - 1); // max |q| s / L
    Refine r;
    r.input = std::move(model);
    r.gain = gain;
    r.tol.resize(gain.size());
    const int64_t rowsPerOutput = w.count / static_cast<int64_t>(gain.size());
    for (size_t o = 0; o < gain.size(); ++o) {
        double deviations = 0.0, weights = 0.0; // sum_j |dw_oj|, sum_j |q_oj| s / L
        for (int64_t row = 0; row < rowsPerOutput; ++row) {
            const int16_t *q =
                w.rows.data() + (static_cast<int64_t>(o) * rowsPerOutput + row) * w.k;
            for (int64_t j = 0; j < w.k; ++j)
                if (q[j] != 0) { // 0: padding (real q are odd)
                    deviations += std::fabs(w.valueOf(q[j]) - q[j] * w.step);
                    weights += std::abs(q[j]) * w.step;
                }
        }
        const double g = std::fabs(gain[o]);
        const double bound = g * (deviations * inMax + weights * inDev);
        const double magnitude =
            g * static_cast<double>(fanIn) * s * inMax * 300.0 + std::fabs(bias[o]);
        r.tol[o] = (bound * 1.001 + 1e-12 * magnitude) * static_cast<double>(act.up) + 1e-9;
    }
    return r;
}

/// A 3x3 convolution layer `name` of the file with its batch norm `bn` (may be empty) and the
/// PACT `pactName`; `inputStep` is the value of one input level (ignored for the first layer).
Conv makeConv(const PackedFile &file, const PackedLayer &layer, int64_t inC, int64_t outC,
              int64_t stride, int64_t pad, int64_t inH, int64_t inW, bool bias,
              const std::string &bn, const std::string &pactName, double inputStep, bool first,
              const std::vector<float> &mean, const std::vector<float> &stdDev)
{
    Conv c;
    c.name = layer.name;
    c.inC = inC;
    c.outC = outC;
    c.stride = stride;
    c.pad = pad;
    c.inH = inH;
    c.inW = inW;
    c.outH = (inH + 2 * pad - 3) / stride + 1;
    c.outW = (inW + 2 * pad - 3) / stride + 1;
    c.first = first;
    const std::string wName = layer.name + ".weight";
    const int64_t k = 9 * inC;
    const int64_t rowsPerOut = first ? inC : 1;
    c.w = intWeights(file, wName, outC * rowsPerOut, k, {outC, inC, 3, 3});
    const PackedTensor &t = file.tensor(wName);
    for (int64_t o = 0; o < outC; ++o)
        for (int64_t ci = 0; ci < inC; ++ci)
            for (int64_t tap = 0; tap < 9; ++tap) {
                const int64_t row = first ? o * inC + ci : o;
                c.w.rows[static_cast<size_t>(row * c.w.k + tap * inC + ci)] =
                    static_cast<int16_t>(weightQ(t, (o * inC + ci) * 9 + tap));
            }
    checkAccumulator(file, layer.name, k, c.w.bits, 255); // pixels and levels are <= 255
    std::vector<double> g, b;
    batchNorm(file, bn, outC, g, b);
    std::vector<double> convBias(static_cast<size_t>(outC), 0.0);
    if (bias) {
        const auto &values = file.tensor(layer.name + ".bias", {outC}).values;
        for (int64_t o = 0; o < outC; ++o)
            convBias[static_cast<size_t>(o)] = values[static_cast<size_t>(o)];
    }
    c.scale.resize(static_cast<size_t>(outC));
    c.bias.resize(static_cast<size_t>(outC));
    for (int64_t o = 0; o < outC; ++o) {
        const auto i = static_cast<size_t>(o);
        c.scale[i] = inputStep * c.w.step * g[i];
        c.bias[i] = convBias[i] * g[i] + b[i];
    }
    if (first) {
        // x = (p - 255 mean_c) / (255 std_c) inside the image, 0 in the padding: per (o, c)
        // a coefficient for the int32 sum of q p, and per (position, o) the zero-point term
        // over the taps inside the image.
        c.coef.resize(static_cast<size_t>(outC * inC));
        c.offs.resize(static_cast<size_t>(c.outH * c.outW * outC));
        for (int64_t o = 0; o < outC; ++o)
            for (int64_t ci = 0; ci < inC; ++ci)
                c.coef[static_cast<size_t>(o * inC + ci)] =
                    c.w.step * g[static_cast<size_t>(o)] /
                    (255.0 * static_cast<double>(stdDev[static_cast<size_t>(ci)]));
        for (int64_t oy = 0; oy < c.outH; ++oy)
            for (int64_t ox = 0; ox < c.outW; ++ox)
                for (int64_t o = 0; o < outC; ++o) {
                    double zero = 0.0;
                    for (int64_t ci = 0; ci < inC; ++ci) {
                        int64_t qSum = 0;
                        for (int64_t ky = 0; ky < 3; ++ky)
                            for (int64_t kx = 0; kx < 3; ++kx) {
                                const int64_t iy = oy * stride - pad + ky;
                                const int64_t ix = ox * stride - pad + kx;
                                if (iy >= 0 && iy < inH && ix >= 0 && ix < inW)
                                    qSum += weightQ(t, (o * inC + ci) * 9 + ky * 3 + kx);
                            }
                        const auto cc = static_cast<size_t>(ci);
                        zero += static_cast<double>(qSum) * static_cast<double>(mean[cc]) /
                                static_cast<double>(stdDev[cc]);
                    }
                    c.offs[static_cast<size_t>((oy * c.outW + ox) * outC + o)] =
                        c.bias[static_cast<size_t>(o)] -
                        c.w.step * g[static_cast<size_t>(o)] * zero;
                }
    }
    c.act = pactOf(file, pactName, layer.activationBits);
    if (first)
        c.refine = makeRefine(c.w, g, c.bias, c.act, k, modelPixelValues(mean, stdDev),
                              exactPixelValues(mean, stdDev));
    else
        c.refine = makeRefine(c.w, g, c.bias, c.act, k, modelLevelValues(inputStep),
                              exactLevelValues(inputStep));
    return c;
}

/// Linear layer; `permuteHwc` = {C, H, W} reorders the weight columns from the model's NCHW
/// flatten to the engine's HWC layout.
Linear makeLinear(const PackedFile &file, const PackedLayer &layer, int64_t in, int64_t out,
                  double inputStep, int64_t inputMax, const std::string &pactName,
                  const std::vector<int64_t> &permuteHwc)
{
    Linear l;
    l.name = layer.name;
    l.in = in;
    l.out = out;
    const std::string wName = layer.name + ".weight";
    l.w = intWeights(file, wName, out, in, {out, in});
    const PackedTensor &t = file.tensor(wName);
    for (int64_t o = 0; o < out; ++o)
        for (int64_t j = 0; j < in; ++j) {
            int64_t dst = j;
            if (!permuteHwc.empty()) { // j = c H W + y W + x  ->  (y W + x) C + c
                const int64_t hw = permuteHwc[1] * permuteHwc[2];
                dst = (j % hw) * permuteHwc[0] + j / hw;
            }
            l.w.rows[static_cast<size_t>(o * l.w.k + dst)] =
                static_cast<int16_t>(weightQ(t, o * in + j));
        }
    checkAccumulator(file, layer.name, in, l.w.bits, inputMax);
    const auto &bias = file.tensor(layer.name + ".bias", {out}).values;
    l.scale.assign(static_cast<size_t>(out), inputStep * l.w.step);
    l.bias.assign(bias.begin(), bias.end());
    if (!pactName.empty()) {
        l.hasAct = true;
        l.act = pactOf(file, pactName, layer.activationBits);
        l.refine = makeRefine(l.w, std::vector<double>(static_cast<size_t>(out), 1.0), l.bias,
                              l.act, in, modelLevelValues(inputStep), exactLevelValues(inputStep));
    }
    return l;
}

/// Near-tie refinement of one output: the sum of the model's float32 weights times the model's
/// values of the input levels in `row` (an im2col row or a linear layer's input), in double.
double refineSum(const IntWeights &w, const Refine &r, const int16_t *row, int64_t o)
{
    const int16_t *q = w.rows.data() + o * w.k;
    double sum = 0.0;
    for (int64_t j = 0; j < w.k; ++j)
        if (q[j] != 0 && row[j] != 0) // q = 0: row padding (real q are odd); level 0: value 0
            sum += w.valueOf(q[j]) * r.input[static_cast<size_t>(row[j])];
    return sum;
}

/// Near-tie refinement of the first layer's output channel `o` at position `p` from the HWC
/// pixels `in`: the model's float32 weights times its normalised float32 inputs, zero in the
/// padding, in double; then the batch-norm gain and the bias.
double refineFirst(const Conv &c, const uint8_t *in, int64_t p, int64_t o)
{
    const int64_t oy = p / c.outW, ox = p % c.outW;
    double sum = 0.0;
    for (int64_t ci = 0; ci < c.inC; ++ci) {
        const int16_t *q = c.w.rows.data() + (o * c.inC + ci) * c.w.k;
        for (int64_t ky = 0; ky < 3; ++ky)
            for (int64_t kx = 0; kx < 3; ++kx) {
                const int64_t iy = oy * c.stride - c.pad + ky;
                const int64_t ix = ox * c.stride - c.pad + kx;
                if (iy < 0 || iy >= c.inH || ix < 0 || ix >= c.inW)
                    continue;
                const uint8_t pixel = in[(iy * c.inW + ix) * c.inC + ci];
                sum += c.w.valueOf(q[(ky * 3 + kx) * c.inC + ci]) *
                       c.refine.input[static_cast<size_t>(ci * 256 + pixel)];
            }
    }
    return sum * c.refine.gain[static_cast<size_t>(o)] + c.bias[static_cast<size_t>(o)];
}

/// HWC uint8 input -> int16 rows of 3x3 patches (tap-major, channel-minor), zero padded.
void im2col(const uint8_t *in, const Conv &c, std::vector<int16_t> &cols)
{
    const int64_t k = c.w.k;
    cols.assign(static_cast<size_t>(c.outH * c.outW * k), 0);
    for (int64_t oy = 0; oy < c.outH; ++oy)
        for (int64_t ox = 0; ox < c.outW; ++ox) {
            int16_t *row = cols.data() + (oy * c.outW + ox) * k;
            for (int64_t ky = 0; ky < 3; ++ky) {
                const int64_t iy = oy * c.stride - c.pad + ky;
                if (iy < 0 || iy >= c.inH)
                    continue;
                for (int64_t kx = 0; kx < 3; ++kx) {
                    const int64_t ix = ox * c.stride - c.pad + kx;
                    if (ix < 0 || ix >= c.inW)
                        continue;
                    const uint8_t *src = in + (iy * c.inW + ix) * c.inC;
                    int16_t *dst = row + (ky * 3 + kx) * c.inC;
                    for (int64_t ch = 0; ch < c.inC; ++ch)
                        dst[ch] = src[ch];
                }
            }
        }
}

/// Convolution + PACT; `shortcut` (HWC levels of the block input, step `shortcutStep`) is
/// added before the PACT when not null.
void runConv(const Conv &c, const uint8_t *in, uint8_t *out, Scratch &s,
             const uint8_t *shortcut = nullptr, int64_t shortcutC = 0, float shortcutStep = 0.0f,
             int64_t padChannels = 0, bool subsample = false)
{
    im2col(in, c, s.cols);
    const int64_t positions = c.outH * c.outW;
    s.acc.resize(static_cast<size_t>(positions * c.w.count));
    int_kernels::gemm(s.cols.data(), positions, c.w.rows.data(), c.w.count, c.w.k, s.acc.data());
    for (int64_t p = 0; p < positions; ++p) {
        const int32_t *acc = s.acc.data() + p * c.w.count;
        uint8_t *dst = out + p * c.outC;
        if (c.first) {
            for (int64_t o = 0; o < c.outC; ++o) {
                double y = c.offs[static_cast<size_t>(p * c.outC + o)];
                for (int64_t ci = 0; ci < c.inC; ++ci)
                    y += static_cast<double>(acc[o * c.inC + ci]) *
                         c.coef[static_cast<size_t>(o * c.inC + ci)];
                dst[o] = pactLevel(
                    y, c.act, s.refine ? c.refine.tol[static_cast<size_t>(o)] : -1.0,
                    [&] { return refineFirst(c, in, p, o); }, s.refined);
            }
            continue;
        }
        const uint8_t *sc = nullptr;
        if (shortcut != nullptr) { // option A: (subsampled) block input, zero-padded channels
            const int64_t oy = p / c.outW, ox = p % c.outW;
            const int64_t step = subsample ? 2 : 1;
            sc = shortcut + (oy * step * (c.outW * step) + ox * step) * shortcutC;
        }
        for (int64_t o = 0; o < c.outC; ++o) {
            // The shortcut term: the block input's value as the fake-quantized model adds it,
            // level * step rounded to float32 (the same in both paths below).
            double shortcutValue = 0.0;
            if (sc != nullptr) {
                const int64_t src = o - padChannels;
                if (src >= 0 && src < shortcutC)
                    shortcutValue = static_cast<double>(static_cast<float>(sc[src]) * shortcutStep);
            }
            const auto i = static_cast<size_t>(o);
            const double y = static_cast<double>(acc[o]) * c.scale[i] + c.bias[i] + shortcutValue;
            dst[o] = pactLevel(
                y, c.act, s.refine ? c.refine.tol[i] : -1.0,
                [&] {
                    return refineSum(c.w, c.refine, s.cols.data() + p * c.w.k, o) *
                               c.refine.gain[i] +
                           c.bias[i] + shortcutValue;
                },
                s.refined);
        }
    }
}

void traceHwc(IntTrace *trace, size_t slot, const uint8_t *hwc, int64_t h, int64_t w, int64_t c)
{
    if (trace == nullptr)
        return;
    auto &dst = trace->levels[slot];
    const size_t base = dst.size();
    dst.resize(base + static_cast<size_t>(h * w * c));
    for (int64_t ch = 0; ch < c; ++ch)
        for (int64_t p = 0; p < h * w; ++p)
            dst[base + static_cast<size_t>(ch * h * w + p)] = hwc[p * c + ch];
}

/// Linear layer over rows of int16 inputs; with a PACT it writes levels, else float outputs.
void runLinear(const Linear &l, const int16_t *in, int64_t n, std::vector<int32_t> &acc,
               uint8_t *levels, float *values, int64_t &refined, bool refine)
{
    acc.resize(static_cast<size_t>(n * l.out));
    int_kernels::gemm(in, n, l.w.rows.data(), l.out, l.w.k, acc.data());
    for (int64_t i = 0; i < n; ++i)
        for (int64_t o = 0; o < l.out; ++o) {
            const auto at = static_cast<size_t>(o);
            const double y =
                static_cast<double>(acc[static_cast<size_t>(i * l.out + o)]) * l.scale[at] +
                l.bias[at];
            if (l.hasAct)
                levels[i * l.out + o] = pactLevel(
                    y, l.act, refine ? l.refine.tol[at] : -1.0,
                    [&] { return refineSum(l.w, l.refine, in + i * l.w.k, o) + l.bias[at]; },
                    refined);
            else
                values[i * l.out + o] = static_cast<float>(y);
        }
}

} // namespace

void IntEngine::Impl::forward(const uint8_t *pixels, int64_t n, float *logits,
                              IntTrace *trace) const
{
    thread_local Scratch s;
    s.refined = 0;
    s.refine = g_nearTieRefinement.load(std::memory_order_relaxed);
    const int64_t C = spec.inChannels, H = spec.imageSize, W = spec.imageSize;
    const int64_t fcK = resnet ? fc2.w.k : fc1.w.k;
    std::vector<int16_t> fcIn(static_cast<size_t>(n * fcK), 0);
    std::vector<int64_t> pooledSums; // resnet20: per image and channel, sum of levels
    if (trace != nullptr) {
        trace->names.clear();
        trace->levels.clear();
        trace->lastInput.clear();
        trace->names.push_back(conv1.name);
        if (resnet) {
            for (const Block &b : blocks) {
                trace->names.push_back(b.conv1.name);
                trace->names.push_back(b.conv2.name);
            }
        } else {
            trace->names.push_back(conv2.name);
            trace->names.push_back(fc1.name);
        }
        trace->levels.resize(trace->names.size());
    }
    for (int64_t img = 0; img < n; ++img) {
        const uint8_t *src = pixels + img * C * H * W;
        s.a.resize(static_cast<size_t>(C * H * W));
        for (int64_t ch = 0; ch < C; ++ch) // NCHW -> HWC
            for (int64_t p = 0; p < H * W; ++p)
                s.a[static_cast<size_t>(p * C + ch)] = src[ch * H * W + p];
        s.b.resize(static_cast<size_t>(conv1.outH * conv1.outW * conv1.outC));
        runConv(conv1, s.a.data(), s.b.data(), s);
        traceHwc(trace, 0, s.b.data(), conv1.outH, conv1.outW, conv1.outC);
        if (!resnet) {
            s.c.resize(static_cast<size_t>(conv2.outH * conv2.outW * conv2.outC));
            runConv(conv2, s.b.data(), s.c.data(), s);
            traceHwc(trace, 1, s.c.data(), conv2.outH, conv2.outW, conv2.outC);
            // 2x2 max pool (floor), straight into the fc1 input row (HWC order).
            int16_t *row = fcIn.data() + img * fcK;
            for (int64_t py = 0; py < poolH; ++py)
                for (int64_t px = 0; px < poolW; ++px)
                    for (int64_t ch = 0; ch < poolC; ++ch) {
                        const auto at = [&](int64_t y, int64_t x) {
                            return s.c[static_cast<size_t>((y * conv2.outW + x) * poolC + ch)];
                        };
                        const uint8_t m =
                            std::max(std::max(at(2 * py, 2 * px), at(2 * py, 2 * px + 1)),
                                     std::max(at(2 * py + 1, 2 * px), at(2 * py + 1, 2 * px + 1)));
                        row[(py * poolW + px) * poolC + ch] = m;
                    }
            continue;
        }
        // resnet20: s.b holds the current block input.
        size_t slot = 1;
        for (const Block &b : blocks) {
            s.a.resize(static_cast<size_t>(b.conv1.outH * b.conv1.outW * b.conv1.outC));
            runConv(b.conv1, s.b.data(), s.a.data(), s);
            traceHwc(trace, slot++, s.a.data(), b.conv1.outH, b.conv1.outW, b.conv1.outC);
            s.c.resize(static_cast<size_t>(b.conv2.outH * b.conv2.outW * b.conv2.outC));
            runConv(b.conv2, s.a.data(), s.c.data(), s, s.b.data(), b.conv1.inC, b.shortcutStep,
                    b.padChannels, b.subsample);
            traceHwc(trace, slot++, s.c.data(), b.conv2.outH, b.conv2.outW, b.conv2.outC);
            std::swap(s.b, s.c);
        }
        const Block &last = blocks.back();
        const int64_t positions = last.conv2.outH * last.conv2.outW;
        for (int64_t ch = 0; ch < poolC; ++ch) {
            int64_t sum = 0;
            for (int64_t p = 0; p < positions; ++p)
                sum += s.b[static_cast<size_t>(p * poolC + ch)];
            pooledSums.push_back(sum);
        }
    }
    if (!resnet) {
        std::vector<uint8_t> hidden(static_cast<size_t>(n * fc1.out));
        runLinear(fc1, fcIn.data(), n, s.acc, hidden.data(), nullptr, s.refined, s.refine);
        std::vector<int16_t> fc2In(static_cast<size_t>(n * fc2.w.k), 0);
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j < fc1.out; ++j)
                fc2In[static_cast<size_t>(i * fc2.w.k + j)] =
                    hidden[static_cast<size_t>(i * fc1.out + j)];
        if (trace != nullptr) {
            auto &dst = trace->levels[2];
            dst.insert(dst.end(), hidden.begin(), hidden.end());
            for (uint8_t v : hidden)
                trace->lastInput.push_back(static_cast<float>(v) * fc1.act.down);
        }
        runLinear(fc2, fc2In.data(), n, s.acc, nullptr, logits, s.refined, s.refine);
        if (trace != nullptr)
            trace->refined = s.refined;
        return;
    }
    // resnet20: average pool folded into the fc scale; sums of levels can exceed int16, so
    // this small layer (64 x classes) accumulates in int64 directly.
    const Block &last = blocks.back();
    const double positions = static_cast<double>(last.conv2.outH * last.conv2.outW);
    const double pooledScale = static_cast<double>(last.conv2.act.down) * fc2.w.step / positions;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t *sums = pooledSums.data() + i * poolC;
        if (trace != nullptr)
            for (int64_t ch = 0; ch < poolC; ++ch)
                trace->lastInput.push_back(static_cast<float>(static_cast<double>(sums[ch]) *
                                                              last.conv2.act.down / positions));
        for (int64_t o = 0; o < fc2.out; ++o) {
            int64_t acc = 0;
            const int16_t *w = fc2.w.rows.data() + o * fc2.w.k;
            for (int64_t ch = 0; ch < poolC; ++ch)
                acc += static_cast<int64_t>(w[ch]) * sums[ch];
            logits[i * fc2.out + o] = static_cast<float>(static_cast<double>(acc) * pooledScale +
                                                         fc2.bias[static_cast<size_t>(o)]);
        }
    }
    if (trace != nullptr)
        trace->refined = s.refined;
}

IntEngine::IntEngine(std::unique_ptr<Impl> impl) : m_impl(std::move(impl))
{
}
IntEngine::~IntEngine() = default;

const ModelSpec &IntEngine::spec() const
{
    return m_impl->spec;
}
const std::vector<IntLayerSummary> &IntEngine::layers() const
{
    return m_impl->summaries;
}
const std::vector<float> &IntEngine::mean() const
{
    return m_impl->mean;
}
const std::vector<float> &IntEngine::stdDev() const
{
    return m_impl->std;
}

std::unique_ptr<IntEngine> IntEngine::load(const std::string &path, const std::vector<float> &mean,
                                           const std::vector<float> &std)
{
    return fromFile(readPackedFile(path), mean, std);
}

std::unique_ptr<IntEngine> IntEngine::fromFile(const PackedFile &file,
                                               const std::vector<float> &meanIn,
                                               const std::vector<float> &stdIn)
{
    auto impl = std::make_unique<Impl>();
    const std::string prefix = prefixOf(file);
    impl->spec = file.spec;
    const ModelSpec &spec = impl->spec;
    impl->mean = meanIn.empty() ? file.mean : meanIn;
    impl->std = stdIn.empty() ? file.std : stdIn;
    if (impl->mean.size() != static_cast<size_t>(spec.inChannels) ||
        impl->std.size() != impl->mean.size())
        throw std::runtime_error(prefix + "the file has no input normalisation (mean and std "
                                          "per channel): re-export it, or give them");
    for (size_t c = 0; c < impl->std.size(); ++c)
        if (!(impl->std[c] > 0.0f) || !std::isfinite(impl->mean[c]))
            throw std::runtime_error(prefix + "invalid input normalisation");
    if (spec.inChannels <= 0 || spec.inChannels > 16 || spec.imageSize <= 0 ||
        spec.imageSize > 4096 || spec.numClasses <= 0)
        throw std::runtime_error(prefix + "implausible input shape or class count");
    std::map<std::string, PackedLayer> layers;
    for (const PackedLayer &l : file.layers)
        layers[l.name] = l;
    const auto layer = [&](const std::string &name) -> const PackedLayer & {
        const auto it = layers.find(name);
        if (it == layers.end())
            throw std::runtime_error(prefix + "layer '" + name + "' is missing from the header");
        return it->second;
    };
    const int64_t C = spec.inChannels, S = spec.imageSize, K = spec.numClasses;
    const auto &mean = impl->mean;
    const auto &stdDev = impl->std;
    const auto summary = [&](const Conv &c) {
        impl->summaries.push_back({c.name, "conv", c.w.bits,
                                   c.act.levels > 0 ? layer(c.name).activationBits : 0,
                                   c.outH * c.outW * c.outC * 9 * c.inC});
    };
    if (spec.arch == "mnist-cnn") {
        if (S < 6)
            throw std::runtime_error(prefix + "mnist-cnn needs at least 6x6 inputs");
        impl->conv1 = makeConv(file, layer("conv1"), C, 32, 1, 0, S, S, true, "", "conv1_pact", 0.0,
                               true, mean, stdDev);
        impl->conv2 = makeConv(file, layer("conv2"), 32, 64, 1, 0, S - 2, S - 2, true, "",
                               "conv2_pact", impl->conv1.act.down, false, mean, stdDev);
        impl->poolH = impl->poolW = (S - 4) / 2;
        impl->poolC = 64;
        const int64_t features = 64 * impl->poolH * impl->poolW;
        impl->fc1 = makeLinear(file, layer("fc1"), features, 128, impl->conv2.act.down,
                               impl->conv2.act.levels, "fc1_pact", {64, impl->poolH, impl->poolW});
        impl->fc2 = makeLinear(file, layer("fc2"), 128, K, impl->fc1.act.down, impl->fc1.act.levels,
                               "", {});
        summary(impl->conv1);
        summary(impl->conv2);
        impl->summaries.push_back(
            {"fc1", "linear", impl->fc1.w.bits, layer("fc1").activationBits, features * 128});
        impl->summaries.push_back({"fc2", "linear", impl->fc2.w.bits, 0, 128 * K});
    } else if (spec.arch == "resnet20") {
        impl->resnet = true;
        impl->conv1 = makeConv(file, layer("conv1"), C, 16, 1, 1, S, S, false, "bn1", "conv1_pact",
                               0.0, true, mean, stdDev);
        summary(impl->conv1);
        int64_t inPlanes = 16, side = impl->conv1.outH;
        double step = impl->conv1.act.down;
        const int64_t widths[3] = {16, 32, 64};
        for (int stage = 0; stage < 3; ++stage)
            for (int bIndex = 0; bIndex < 3; ++bIndex) {
                const int64_t stride = (stage > 0 && bIndex == 0) ? 2 : 1;
                const std::string p =
                    "layer" + std::to_string(stage + 1) + "." + std::to_string(bIndex) + ".";
                Block b;
                b.conv1 =
                    makeConv(file, layer(p + "conv1"), inPlanes, widths[stage], stride, 1, side,
                             side, false, p + "bn1", p + "conv1_pact", step, false, mean, stdDev);
                b.conv2 = makeConv(file, layer(p + "conv2"), widths[stage], widths[stage], 1, 1,
                                   b.conv1.outH, b.conv1.outW, false, p + "bn2", p + "conv2_pact",
                                   b.conv1.act.down, false, mean, stdDev);
                b.subsample = stride != 1;
                b.shortcutStep = static_cast<float>(step);
                b.padChannels = (widths[stage] - inPlanes) / 2;
                if (b.subsample && (side % 2 != 0))
                    throw std::runtime_error(prefix + "resnet20 needs an image size divisible "
                                                      "by 4 for the integer engine");
                summary(b.conv1);
                summary(b.conv2);
                step = b.conv2.act.down;
                side = b.conv1.outH;
                inPlanes = widths[stage];
                impl->blocks.push_back(std::move(b));
            }
        impl->poolC = 64;
        impl->fc2 = makeLinear(file, layer("fc"), 64, K, 0.0, 0, "", {});
        impl->summaries.push_back({"fc", "linear", impl->fc2.w.bits, 0, 64 * K});
    } else {
        throw std::runtime_error(prefix + "architecture '" + spec.arch +
                                 "' is not supported (mnist-cnn and resnet20 are)");
    }
    return std::unique_ptr<IntEngine>(new IntEngine(std::move(impl)));
}

void IntEngine::forwardPixels(const uint8_t *pixels, int64_t n, float *logits,
                              IntTrace *trace) const
{
    m_impl->forward(pixels, n, logits, trace);
}

void IntEngine::forwardNormalized(const float *x, int64_t n, float *logits, IntTrace *trace) const
{
    const int64_t C = m_impl->spec.inChannels, hw = m_impl->spec.imageSize * m_impl->spec.imageSize;
    std::vector<uint8_t> pixels(static_cast<size_t>(n * C * hw));
    for (int64_t i = 0; i < n; ++i)
        for (int64_t c = 0; c < C; ++c) {
            const float m = m_impl->mean[static_cast<size_t>(c)];
            const float sd = m_impl->std[static_cast<size_t>(c)];
            for (int64_t p = 0; p < hw; ++p) {
                const size_t at = static_cast<size_t>((i * C + c) * hw + p);
                const float v = std::nearbyint((x[at] * sd + m) * 255.0f);
                pixels[at] = static_cast<uint8_t>(v < 0.0f ? 0.0f : (v > 255.0f ? 255.0f : v));
            }
        }
    m_impl->forward(pixels.data(), n, logits, trace);
}

namespace detail {

void setNearTieRefinement(bool on)
{
    g_nearTieRefinement.store(on);
}

std::vector<float> doReFaModelValues(float scale, int bits)
{
    // The ops of DoReFaFn::forward (core/quant/weight_quantizer.cpp) in float32: the level
    // times float(s * float(2 / L)), minus s. (volatile: each operation rounds to float32 on
    // its own, never fused into an FMA.)
    const int levels = (1 << bits) - 1;
    const volatile float twoStep = scale * static_cast<float>(2.0 / levels);
    std::vector<float> values(static_cast<size_t>(levels + 1));
    for (int i = 0; i <= levels; ++i) {
        const volatile float scaled = static_cast<float>(i) * twoStep;
        values[static_cast<size_t>(i)] = scaled - scale;
    }
    return values;
}

std::vector<int32_t> convAccumulate(const uint8_t *hwc, int64_t h, int64_t w, int64_t c,
                                    const std::vector<int16_t> &weights, int64_t outC,
                                    int64_t stride, int64_t pad)
{
    if (static_cast<int64_t>(weights.size()) != outC * c * 9)
        throw std::invalid_argument("convAccumulate: weights must be outC x c x 3 x 3");
    Conv conv;
    conv.inC = c;
    conv.outC = outC;
    conv.stride = stride;
    conv.pad = pad;
    conv.inH = h;
    conv.inW = w;
    conv.outH = (h + 2 * pad - 3) / stride + 1;
    conv.outW = (w + 2 * pad - 3) / stride + 1;
    conv.w.count = outC;
    conv.w.k = roundUp(9 * c, int_kernels::kRowAlign);
    conv.w.rows.assign(static_cast<size_t>(outC * conv.w.k), 0);
    for (int64_t o = 0; o < outC; ++o)
        for (int64_t ci = 0; ci < c; ++ci)
            for (int64_t tap = 0; tap < 9; ++tap)
                conv.w.rows[static_cast<size_t>(o * conv.w.k + tap * c + ci)] =
                    weights[static_cast<size_t>((o * c + ci) * 9 + tap)];
    std::vector<int16_t> cols;
    im2col(hwc, conv, cols);
    std::vector<int32_t> out(static_cast<size_t>(conv.outH * conv.outW * outC));
    int_kernels::gemm(cols.data(), conv.outH * conv.outW, conv.w.rows.data(), outC, conv.w.k,
                      out.data());
    return out;
}

} // namespace detail

} // namespace ql::core::deploy
