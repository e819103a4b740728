// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"

#include <torch/types.h>

namespace ql::core {

/// What replaces a removed feature (a pixel position, all channels at once). Values are in
/// raw pixel units [0, 1] before normalisation, so 0 is black on every data set.
enum class FillMode {
    Constant,     ///< FillSpec::value (default 0: the MNIST background)
    ImageMean,    ///< each image's per-channel mean
    UniformRandom ///< uniform in each image's per-channel [min, max] (the SGT masking values)
};

struct FillSpec {
    FillMode mode = FillMode::Constant;
    float value = 0.0f;
};

/// uint8 [N, C, H, W] (any device) -> normalised float on `device`: (x / 255 - mean_c) / std_c.
/// Empty mean/std means no normalisation. Throws std::invalid_argument on a channel mismatch.
torch::Tensor toModelInput(const torch::Tensor &images, const Normalization &norm,
                           const c10::Device &device);

/// Fill values for normalised images x [N, C, H, W] as a tensor broadcastable to x
/// ([N, C, 1, 1] or [N, C, H, W] for random fill). `generator` seeds UniformRandom.
torch::Tensor fillValues(const torch::Tensor &x, const FillSpec &fill, const Normalization &norm,
                         const at::Generator &generator);

/// Per-row ranks of saliency (0 = most salient) for maps [N, H, W]: int64 [N, H * W].
torch::Tensor saliencyRanks(const torch::Tensor &maps);

/// Random ranks (a random permutation per row) with the same shape, for the random baseline.
torch::Tensor randomRanks(int64_t rows, int64_t features, const at::Generator &generator,
                          const c10::Device &device);

/// x with the features whose rank < count replaced by fill: count is int64 [N] or a scalar.
torch::Tensor removeTopRanked(const torch::Tensor &x, const torch::Tensor &ranks,
                              const torch::Tensor &count, const torch::Tensor &fill);

} // namespace ql::core
