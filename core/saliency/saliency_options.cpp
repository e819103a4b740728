// SPDX-License-Identifier: MIT
#include "core/saliency/saliency_options.h"

#include "core/registry.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

namespace ql::core {

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

template <typename Enum>
Enum parseName(const std::string &text, const std::vector<std::pair<std::string, Enum>> &names,
               const char *what, const std::string &valid)
{
    const std::string key = lower(text);
    for (const auto &[name, value] : names) {
        if (name == key)
            return value;
    }
    throw std::invalid_argument("unknown " + std::string(what) + " '" + text +
                                "'; valid: " + valid);
}

} // namespace

std::string toString(SaliencyMethod method)
{
    switch (method) {
    case SaliencyMethod::Gradient:
        return "gradient";
    case SaliencyMethod::GradientXInput:
        return "gradient-x-input";
    case SaliencyMethod::SmoothGrad:
        return "smoothgrad";
    case SaliencyMethod::IntegratedGradients:
        return "integrated-gradients";
    case SaliencyMethod::GradCam:
        return "gradcam";
    }
    return "gradient";
}

std::string toString(IgBaseline baseline)
{
    switch (baseline) {
    case IgBaseline::Zeros:
        return "zeros";
    case IgBaseline::Blurred:
        return "blurred";
    case IgBaseline::Uniform:
        return "uniform";
    }
    return "zeros";
}

std::string toString(ChannelReduction reduction)
{
    switch (reduction) {
    case ChannelReduction::Mean:
        return "mean";
    case ChannelReduction::Sum:
        return "sum";
    case ChannelReduction::MaxAbs:
        return "max-abs";
    }
    return "mean";
}

std::vector<std::string> saliencyMethodNames()
{
    return registry::saliencyMethods();
}

std::string displayName(SaliencyMethod method)
{
    switch (method) {
    case SaliencyMethod::Gradient:
        return "Gradient";
    case SaliencyMethod::GradientXInput:
        return "Gradient x Input";
    case SaliencyMethod::SmoothGrad:
        return "SmoothGrad";
    case SaliencyMethod::IntegratedGradients:
        return "Integrated Gradients";
    case SaliencyMethod::GradCam:
        return "Grad-CAM";
    }
    return "Gradient";
}

SaliencyMethod saliencyMethodFromString(const std::string &text)
{
    using M = SaliencyMethod;
    static const std::vector<std::pair<std::string, M>> names{
        {"gradient", M::Gradient},
        {"grad", M::Gradient},
        {"vanilla", M::Gradient},
        {"gradient-x-input", M::GradientXInput},
        {"gradientxinput", M::GradientXInput},
        {"gxi", M::GradientXInput},
        {"smoothgrad", M::SmoothGrad},
        {"smooth", M::SmoothGrad},
        {"integrated-gradients", M::IntegratedGradients},
        {"integratedgradients", M::IntegratedGradients},
        {"ig", M::IntegratedGradients},
        {"gradcam", M::GradCam},
        {"grad-cam", M::GradCam}};
    return parseName(text, names, "saliency method",
                     "gradient, gradient-x-input, smoothgrad, integrated-gradients, gradcam");
}

IgBaseline igBaselineFromString(const std::string &text)
{
    static const std::vector<std::pair<std::string, IgBaseline>> names{
        {"zeros", IgBaseline::Zeros},     {"zero", IgBaseline::Zeros},
        {"blurred", IgBaseline::Blurred}, {"blur", IgBaseline::Blurred},
        {"uniform", IgBaseline::Uniform}, {"random", IgBaseline::Uniform}};
    return parseName(text, names, "integrated-gradients baseline", "zeros, blurred, uniform");
}

ChannelReduction channelReductionFromString(const std::string &text)
{
    static const std::vector<std::pair<std::string, ChannelReduction>> names{
        {"mean", ChannelReduction::Mean},
        {"sum", ChannelReduction::Sum},
        {"max-abs", ChannelReduction::MaxAbs},
        {"maxabs", ChannelReduction::MaxAbs},
        {"max", ChannelReduction::MaxAbs}};
    return parseName(text, names, "channel reduction", "mean, sum, max-abs");
}

} // namespace ql::core
