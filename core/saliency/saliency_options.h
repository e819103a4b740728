// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ql::core {

/// Attribution methods QuantLens computes (all through the model's straight-through graph, so
/// fake-quantized models are differentiable).
enum class SaliencyMethod {
    Gradient,            ///< d logit_target / d x (the saliency-guided-training paper's map)
    GradientXInput,      ///< gradient * x
    SmoothGrad,          ///< mean gradient over noisy copies (Smilkov et al. 2017)
    IntegratedGradients, ///< (x - x') * mean gradient along the straight path (Sundararajan 2017)
    GradCam              ///< Grad-CAM on the last convolutional block (Selvaraju et al. 2017)
};

/// Integrated-gradients baseline x'.
enum class IgBaseline {
    Zeros,   ///< all zeros in model-input (normalised) space
    Blurred, ///< the input blurred with a Gaussian (sigma = SaliencyOptions::blurSigma)
    Uniform  ///< uniform random values in [min, max] of each input
};

/// How a signed [N, C, H, W] attribution becomes a [N, H, W] map.
enum class ChannelReduction {
    Mean,  ///< mean over channels (of |a| in absolute mode; the paper's choice)
    Sum,   ///< sum over channels
    MaxAbs ///< the channel value with the largest magnitude (its magnitude in absolute mode)
};

/// Everything that selects and tunes a saliency computation. Plain values: Qt code may hold it.
struct SaliencyOptions {
    SaliencyMethod method = SaliencyMethod::Gradient;
    bool absolute = true; ///< |map| (sequential colour map) or signed (diverging colour map)
    ChannelReduction reduction = ChannelReduction::Mean;
    int smoothGradSamples = 25; ///< SmoothGrad: noisy copies per input
    float noiseLevel = 0.15f;   ///< SmoothGrad: sigma as a fraction of each input's max - min
    int igSteps = 32;           ///< Integrated gradients: Riemann midpoint steps
    IgBaseline baseline = IgBaseline::Zeros;
    float blurSigma = 4.0f; ///< sigma (pixels) of the blurred baseline
    int64_t maxChunk = 256; ///< memory bound: most samples in one forward/backward pass
    uint64_t seed = 0;      ///< seeds SmoothGrad noise and the uniform baseline
};

std::string toString(SaliencyMethod method);      ///< "gradient", "gradient-x-input", ...
std::string toString(IgBaseline baseline);        ///< "zeros", "blurred", "uniform"
std::string toString(ChannelReduction reduction); ///< "mean", "sum", "max-abs"
/// Parses the names above (case-insensitive; also "grad", "gxi", "ig", "gradcam", "smooth").
/// Throws std::invalid_argument listing the valid names.
SaliencyMethod saliencyMethodFromString(const std::string &text);
IgBaseline igBaselineFromString(const std::string &text);
ChannelReduction channelReductionFromString(const std::string &text);
/// Canonical method names, in enum order (for combo boxes and --help).
std::vector<std::string> saliencyMethodNames();
/// Human-readable label ("Integrated Gradients"); not translated (the GUI translates).
std::string displayName(SaliencyMethod method);

} // namespace ql::core
