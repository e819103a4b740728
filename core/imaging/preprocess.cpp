// SPDX-License-Identifier: MIT
#include "core/imaging/preprocess.h"

#include "core/data/normalization.h"
#include "core/imaging/mat_buffer.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ql::imaging {

namespace {

constexpr double kMnistBoxFraction = 20.0 / 28.0; // MNIST digits fit a 20x20 box in 28x28
constexpr double kInkThreshold = 0.25;            // fraction of the max that counts as ink

cv::Mat toChannels(const cv::Mat &src, int channels)
{
    cv::Mat out;
    if (src.channels() == channels)
        out = src.clone();
    else if (channels == 1)
        cv::cvtColor(src, out, cv::COLOR_RGB2GRAY);
    else
        cv::cvtColor(src, out, cv::COLOR_GRAY2RGB);
    return out;
}

/// Mean of the one-pixel border: the background's brightness.
double borderMean(const cv::Mat &grey)
{
    const int w = grey.cols, h = grey.rows;
    double sum = cv::sum(grey.row(0))[0] + cv::sum(grey.row(h - 1))[0];
    double count = 2.0 * w;
    if (h > 2) {
        sum += cv::sum(grey.col(0).rowRange(1, h - 1))[0] +
               cv::sum(grey.col(w - 1).rowRange(1, h - 1))[0];
        count += 2.0 * (h - 2);
    }
    return sum / count;
}

cv::Mat mnistStyle(const cv::Mat &grey, int width, int height, bool &inverted)
{
    cv::Mat ink = grey.clone();
    inverted = borderMean(grey) > 127.0;
    if (inverted)
        ink = 255 - ink;
    // Background to 0, strongest ink to 255.
    const double background = borderMean(ink);
    cv::Mat f;
    ink.convertTo(f, CV_32F);
    f = cv::max(f - background, 0.0);
    double maxValue = 0.0;
    cv::minMaxLoc(f, nullptr, &maxValue);
    cv::Mat canvas = cv::Mat::zeros(height, width, CV_8UC1);
    if (maxValue <= 1.0) // blank image: nothing to centre
        return canvas;
    f *= 255.0 / maxValue;
    cv::Mat mask = f > kInkThreshold * 255.0;
    const cv::Rect box = cv::boundingRect(mask);
    const cv::Mat crop = f(box);
    const double side = kMnistBoxFraction * std::min(width, height);
    const double scale = side / std::max(box.width, box.height);
    const int w = std::max(1, static_cast<int>(std::lround(box.width * scale)));
    const int h = std::max(1, static_cast<int>(std::lround(box.height * scale)));
    cv::Mat small;
    cv::resize(crop, small, cv::Size(w, h), 0, 0, scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    const cv::Moments m = cv::moments(small);
    const double cx = m.m00 > 0 ? m.m10 / m.m00 : w / 2.0;
    const double cy = m.m00 > 0 ? m.m01 / m.m00 : h / 2.0;
    // Shift so that the centre of mass lands on the canvas centre.
    const cv::Mat shift =
        (cv::Mat_<double>(2, 3) << 1, 0, width / 2.0 - cx, 0, 1, height / 2.0 - cy);
    cv::Mat placed;
    cv::warpAffine(small, placed, shift, cv::Size(width, height), cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT, cv::Scalar(0));
    placed.convertTo(canvas, CV_8U);
    return canvas;
}

cv::Mat letterbox(const cv::Mat &src, int width, int height, const cv::Scalar &pad)
{
    const double scale =
        std::min(static_cast<double>(width) / src.cols, static_cast<double>(height) / src.rows);
    const int w = std::clamp(static_cast<int>(std::lround(src.cols * scale)), 1, width);
    const int h = std::clamp(static_cast<int>(std::lround(src.rows * scale)), 1, height);
    cv::Mat resized;
    cv::resize(src, resized, cv::Size(w, h), 0, 0, scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat canvas(height, width, src.type(), pad);
    resized.copyTo(canvas(cv::Rect((width - w) / 2, (height - h) / 2, w, h)));
    return canvas;
}

} // namespace

PreparedImage prepareImageForModel(const ImageBuffer &image, const ModelInputSpec &spec)
{
    if (image.empty() || image.width <= 0 || image.height <= 0)
        throw std::invalid_argument("cannot prepare an empty image");
    if ((spec.channels != 1 && spec.channels != 3) || spec.width <= 0 || spec.height <= 0)
        throw std::invalid_argument("invalid model input: " + std::to_string(spec.channels) +
                                    " channels of " + std::to_string(spec.width) + "x" +
                                    std::to_string(spec.height));
    if (static_cast<int>(spec.norm.mean.size()) != spec.channels ||
        static_cast<int>(spec.norm.std.size()) != spec.channels)
        throw std::invalid_argument("the model's normalisation does not match its channels");
    PreparedImage out;
    cv::Mat result;
    if (spec.mnistStyle) {
        const cv::Mat grey = toChannels(borrowMat(image), 1);
        result = toChannels(mnistStyle(grey, spec.width, spec.height, out.inverted), spec.channels);
    } else {
        cv::Mat source = toChannels(borrowMat(image), spec.channels);
        cv::Scalar pad;
        if (spec.darkBackground) {
            out.inverted = borderMean(toChannels(source, 1)) > 127.0;
            if (out.inverted)
                cv::bitwise_not(source, source);
        } else {
            for (int c = 0; c < spec.channels; ++c)
                pad[c] = std::round(255.0 * spec.norm.mean[static_cast<size_t>(c)]);
        }
        result = letterbox(source, spec.width, spec.height, pad);
    }
    out.shown.width = result.cols;
    out.shown.height = result.rows;
    out.shown.channels = result.channels();
    out.shown.pixels.assign(result.datastart, result.dataend);
    // HWC bytes -> [1, C, H, W]
    const torch::Tensor hwc = torch::from_blob(
        out.shown.pixels.data(), {spec.height, spec.width, spec.channels}, torch::kUInt8);
    out.input =
        ql::core::normalizeImages(hwc.permute({2, 0, 1}).unsqueeze(0).contiguous(), spec.norm);
    return out;
}

ModelInputSpec modelInputSpecFor(int channels, int size, const ql::core::Normalization &norm,
                                 const std::string &dataset)
{
    ModelInputSpec spec;
    spec.channels = channels;
    spec.width = size;
    spec.height = size;
    spec.norm = norm;
    spec.mnistStyle = dataset == "mnist";
    spec.darkBackground = dataset == "mnist" || dataset == "fashion-mnist";
    return spec;
}

PreparedImage prepareImageFileForModel(const std::string &path, const ModelInputSpec &spec)
{
    return prepareImageForModel(decodeImageFile(path), spec);
}

ImageBuffer imageBufferFromTensor(const torch::Tensor &image)
{
    torch::Tensor t = image.dim() == 4 ? image[0] : image;
    if (t.dim() != 3 || t.scalar_type() != torch::kUInt8)
        throw std::invalid_argument("expected a uint8 [C, H, W] or [1, C, H, W] tensor");
    t = t.to(torch::kCPU).permute({1, 2, 0}).contiguous();
    ImageBuffer out;
    out.channels = static_cast<int>(t.size(2));
    out.height = static_cast<int>(t.size(0));
    out.width = static_cast<int>(t.size(1));
    const uint8_t *p = t.data_ptr<uint8_t>();
    out.pixels.assign(p, p + t.numel());
    return out;
}

} // namespace ql::imaging
