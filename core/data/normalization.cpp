// SPDX-License-Identifier: MIT
#include "core/data/normalization.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ql::core {

Normalization mnistNormalization()
{
    return {{0.1307f}, {0.3081f}};
}

Normalization fashionMnistNormalization()
{
    return {{0.2860f}, {0.3530f}};
}

Normalization cifar10Normalization()
{
    return {{0.4914f, 0.4822f, 0.4465f}, {0.2470f, 0.2435f, 0.2616f}};
}

Normalization computeNormalization(const Dataset &train)
{
    if (train.size() == 0)
        throw std::invalid_argument("cannot compute normalisation of the empty data set " +
                                    train.name);
    const int64_t channels = train.channels();
    std::vector<double> sum(static_cast<size_t>(channels), 0.0);
    std::vector<double> sumSq(static_cast<size_t>(channels), 0.0);
    // The temporary double copy (and its square) is bounded in bytes, whatever the image size.
    constexpr int64_t kChunkBytes = int64_t{32} << 20;
    const int64_t imageBytes =
        std::max<int64_t>(1, channels * train.height() * train.width() * int64_t(sizeof(double)));
    const int64_t chunkImages = std::max<int64_t>(1, kChunkBytes / imageBytes);
    for (int64_t start = 0; start < train.size(); start += chunkImages) {
        const torch::Tensor chunk =
            train.images.slice(0, start, std::min(start + chunkImages, train.size()))
                .to(torch::kDouble);
        const torch::Tensor s = chunk.sum({0, 2, 3});
        const torch::Tensor s2 = chunk.square().sum({0, 2, 3});
        for (int64_t c = 0; c < channels; ++c) {
            sum[static_cast<size_t>(c)] += s[c].item<double>();
            sumSq[static_cast<size_t>(c)] += s2[c].item<double>();
        }
    }
    const double count = static_cast<double>(train.size() * train.height() * train.width());
    Normalization norm;
    for (int64_t c = 0; c < channels; ++c) {
        const double mean = sum[static_cast<size_t>(c)] / count / 255.0;
        const double var = sumSq[static_cast<size_t>(c)] / count / (255.0 * 255.0) - mean * mean;
        const double std = std::sqrt(std::max(var, 0.0));
        norm.mean.push_back(static_cast<float>(mean));
        norm.std.push_back(std > 1e-6 ? static_cast<float>(std) : 1.0f);
    }
    return norm;
}

torch::Tensor normalizeImages(const torch::Tensor &uint8Images, const Normalization &norm)
{
    const int64_t channels = uint8Images.size(1);
    if (static_cast<int64_t>(norm.mean.size()) != channels ||
        static_cast<int64_t>(norm.std.size()) != channels)
        throw std::invalid_argument("normalisation has " + std::to_string(norm.mean.size()) +
                                    " channels, images have " + std::to_string(channels));
    const auto options = torch::TensorOptions().dtype(torch::kFloat32).device(uint8Images.device());
    const torch::Tensor mean =
        torch::tensor(norm.mean, torch::kFloat32).to(options.device()).view({1, channels, 1, 1});
    const torch::Tensor std =
        torch::tensor(norm.std, torch::kFloat32).to(options.device()).view({1, channels, 1, 1});
    return (uint8Images.to(options).div_(255.0f) - mean).div_(std);
}

} // namespace ql::core
