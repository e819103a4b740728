// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/data/idx_format.h"

#include <string>
#include <vector>

namespace ql::core {

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

/// Text of `dir`/kSubsetMarkerFile, empty when absent.
std::string readSubsetNote(const std::string &dir);

} // namespace ql::core
