// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"

#include <string>
#include <vector>

namespace ql::imaging {

/// Loads a data set by name:
///  - "mnist", "fashion-mnist": IDX files (gzip or raw) in `dir`;
///  - "cifar10": the binary batches in `dir` (or `dir`/cifar-10-batches-bin), else an image
///    folder tree `dir`/train/<class>/ and `dir`/test/<class>/ (canonical CIFAR normalisation);
///  - "folder:<path>" (or "folder" with the path in `dir`): an image-folder tree <path>/train
///    and <path>/test; normalisation computed from the train split; all images must share the
///    size of the first training image.
/// Throws std::invalid_argument for an unknown name, std::runtime_error for missing or
/// malformed files (naming them).
ql::core::DataSplits loadDataSplits(const std::string &dataset, const std::string &dir);

/// The class names of a data set without loading its images: MNIST's digits, Fashion-MNIST's
/// and CIFAR-10's names, a folder data set's sorted class folders of <path>/train. Throws like
/// loadDataSplits for an unknown name or a missing folder.
std::vector<std::string> datasetClassNames(const std::string &dataset, const std::string &dir);

/// The built-in names accepted by loadDataSplits (besides "folder:<path>").
std::vector<std::string> knownDatasets();

/// Loads train/ and test/ of an image-folder tree (test classes must equal train's).
ql::core::DataSplits loadImageFolderSplits(const std::string &root, const std::string &name);

} // namespace ql::imaging
