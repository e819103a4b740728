// SPDX-License-Identifier: MIT
#pragma once

// The integer inference engine: runs a QLPACK file (core/quant/packed_export) without
// LibTorch. Activations are uint8 PACT levels (value = level * alpha / (2^k - 1)), weights the
// signed odd integers q = 2 i - (2^k - 1) of their DoReFa levels i (value = q * s / (2^k - 1)),
// unpacked once at load; convolutions and linear layers accumulate q * level in exact int32,
// then one float multiply-add per output channel (weight scale x input step, batch norm folded)
// gives the pre-activation that PACT turns into the next layer's levels. The image enters as
// its uint8 pixels: the normalisation (p / 255 - mean) / std is folded into the first layer
// (per input channel scale, zero point 255 mean handled exactly at the padded borders).
// Supported: mnist-cnn and resnet20 with every layer's weights and activations at 1..8 bits
// (edge policy 8bit or same). Docs: docs/DEPLOYMENT.md.

#include "core/models/model_spec.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ql::core::deploy {

struct PackedFile;

/// One layer of the engine, for summaries.
struct IntLayerSummary {
    std::string name;
    std::string kind; ///< "conv" or "linear"
    int weightBits = 0;
    int activationBits = 0; ///< 0 for the last layer (float logits)
    int64_t macs = 0;       ///< multiply-accumulates per image
};

/// Activation levels the engine produced, for tests: one entry per PACT in forward order
/// (names like "conv1", "layer1.0.conv2"), each holding [images x C x H x W] levels in NCHW
/// order (the LibTorch models' layout).
struct IntTrace {
    std::vector<std::string> names;
    std::vector<std::vector<uint8_t>> levels;
    /// The last layer's float input per image ([images x features], already dequantized:
    /// PACT values, or resnet20's average-pooled values).
    std::vector<float> lastInput;
    /// Pre-activations the near-tie refinement recomputed from the model's float32 weights
    /// (those within the derived bound of a PACT rounding boundary; docs/DEPLOYMENT.md).
    int64_t refined = 0;
};

class IntEngine {
public:
    /// Loads and checks `path` (see readPackedFile) and prepares the integer layers. `mean` /
    /// `std` (one per channel) override the file's input normalisation, and are required when
    /// the file has none. Throws std::runtime_error naming the file and the problem, e.g. an
    /// unsupported architecture or a float layer.
    static std::unique_ptr<IntEngine> load(const std::string &path,
                                           const std::vector<float> &mean = {},
                                           const std::vector<float> &std = {});
    /// Same from an already-read file.
    static std::unique_ptr<IntEngine> fromFile(const PackedFile &file,
                                               const std::vector<float> &mean = {},
                                               const std::vector<float> &std = {});
    ~IntEngine();

    const ModelSpec &spec() const;
    const std::vector<IntLayerSummary> &layers() const;
    const std::vector<float> &mean() const;
    const std::vector<float> &stdDev() const;

    /// Logits [n x classes] of n uint8 images [n x C x H x W] (NCHW, as the data sets hold
    /// them). Single-threaded; const and thread-safe.
    void forwardPixels(const uint8_t *pixels, int64_t n, float *logits,
                       IntTrace *trace = nullptr) const;
    /// Same for normalised float images [n x C x H x W]: each value is first mapped back to
    /// the nearest pixel, round((x std + mean) 255) clamped to 0..255 (exact for images that
    /// came from uint8 pixels, an 8-bit input quantization otherwise).
    void forwardNormalized(const float *x, int64_t n, float *logits,
                           IntTrace *trace = nullptr) const;

    struct Impl;

private:
    explicit IntEngine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

namespace detail {
/// The engine's 3x3 convolution accumulator on its own, for tests: `hwc` is an h x w x c
/// uint8 image, `weights` [outC x c x 3 x 3] integers; returns [outH x outW x outC] int32
/// sums (im2col + the integer GEMM the engine uses).
std::vector<int32_t> convAccumulate(const uint8_t *hwc, int64_t h, int64_t w, int64_t c,
                                    const std::vector<int16_t> &weights, int64_t outC,
                                    int64_t stride, int64_t pad);
/// The float32 weight the fake-quantized model computes with for each DoReFa level i = 0..L of
/// a layer with scale s (L = 2^bits - 1): float(float(i * float(s * float(2 / L))) - s), the
/// ops of DoReFaFn's forward. The near-tie refinement uses these values.
std::vector<float> doReFaModelValues(float scale, int bits);
/// For tests and benchmarks only: turns the near-tie refinement off (process-wide; on by
/// default), so that its effect and its cost can be measured.
void setNearTieRefinement(bool on);
} // namespace detail

} // namespace ql::core::deploy
