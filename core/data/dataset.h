// SPDX-License-Identifier: MIT
#pragma once

#include <torch/types.h>

#include <array>
#include <string>
#include <vector>

namespace ql::core {

/// A whole split loaded once into contiguous tensors. Batches are gathered with index_select,
/// never per-sample copies.
struct Dataset {
    std::string name;                    ///< e.g. "mnist/train"
    torch::Tensor images;                ///< uint8 [N, C, H, W], contiguous, CPU
    torch::Tensor labels;                ///< int64 [N]
    std::vector<std::string> classNames; ///< index = label

    int64_t size() const { return labels.defined() ? labels.size(0) : 0; }
    int64_t channels() const { return images.size(1); }
    int64_t height() const { return images.size(2); }
    int64_t width() const { return images.size(3); }
    int64_t numClasses() const { return static_cast<int64_t>(classNames.size()); }
};

/// Per-channel normalisation applied to uint8 images scaled to [0, 1].
struct Normalization {
    std::vector<float> mean; ///< one per channel
    std::vector<float> std;  ///< one per channel
};

/// Train and test splits of one data set plus the normalisation its models use.
struct DataSplits {
    Dataset train;
    Dataset test;
    Normalization norm;
    std::string note; ///< e.g. "10,000-digit subset of MNIST"; empty for the full canonical set
};

} // namespace ql::core
