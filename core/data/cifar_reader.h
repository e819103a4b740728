// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"

#include <string>
#include <vector>

namespace ql::core {

/// One CIFAR-10 binary batch: records of 1 label byte + 3072 pixel bytes (R, G, B planes of
/// 32x32), read into images uint8 [N, 3, 32, 32] and labels int64 [N].
struct LabelledImages {
    torch::Tensor images;
    torch::Tensor labels;
};

/// Reads one batch file (e.g. data_batch_1.bin). Throws std::runtime_error naming the file for
/// an empty or truncated file or a label outside [0, 10).
LabelledImages readCifar10Batch(const std::string &path);

/// airplane, automobile, ..., truck (from batches.meta.txt when present in `dir`).
std::vector<std::string> cifar10ClassNames(const std::string &dir = {});

/// Loads data_batch_1..5.bin + test_batch.bin from `dir` or from `dir`/cifar-10-batches-bin
/// (the layout of the extracted archive), with the canonical CIFAR-10 normalisation.
DataSplits loadCifar10Binary(const std::string &dir);

/// The folder that holds the batch files (dir itself or its cifar-10-batches-bin), empty when
/// neither does.
std::string findCifar10BinaryDir(const std::string &dir);

} // namespace ql::core
