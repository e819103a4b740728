// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"

#include <string>
#include <vector>

namespace ql::core {

/// IDX magic numbers (big-endian): 0x00000803 for uint8 3-D images, 0x00000801 for labels.
constexpr uint32_t kIdxImagesMagic = 2051;
constexpr uint32_t kIdxLabelsMagic = 2049;

/// Reads an IDX image file (gzip or raw) into a contiguous uint8 tensor [N, 1, H, W].
torch::Tensor readIdxImages(const std::string &path);

/// Reads an IDX label file (gzip or raw) into an int64 tensor [N]; every label must be in
/// [0, numClasses).
torch::Tensor readIdxLabels(const std::string &path, int64_t numClasses = 10);

enum class MnistFlavor { Digits, Fashion };

/// Class names "0".."9" for digits, the ten Fashion-MNIST article names otherwise.
std::vector<std::string> mnistClassNames(MnistFlavor flavor);

/// Loads train-images-idx3-ubyte[.gz] / train-labels-idx1-ubyte[.gz] / t10k-* from `dir`
/// with the flavour's canonical normalisation. DataSplits::note carries the text of a subset
/// marker file (kSubsetMarkerFile) when the folder holds one.
DataSplits loadMnistStyle(const std::string &dir, MnistFlavor flavor = MnistFlavor::Digits);

/// Name of the file a downloader writes next to data that is not the full canonical set; its
/// text says what the data is.
constexpr const char *kSubsetMarkerFile = "QUANTLENS_SUBSET.txt";

/// Text of `dir`/kSubsetMarkerFile, empty when absent.
std::string readSubsetNote(const std::string &dir);

} // namespace ql::core
