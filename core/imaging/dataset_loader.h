// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"

#include <functional>
#include <string>
#include <vector>

namespace ql::imaging {

/// Loads a data set by name:
///  - "mnist", "fashion-mnist": IDX files (gzip or raw) in `dir`;
///  - "cifar10": the binary batches in `dir` (or `dir`/cifar-10-batches-bin), else an image
///    folder tree `dir`/train/<class>/ and `dir`/test/<class>/ (canonical CIFAR normalisation);
///  - "folder:<path>" (or "folder" with the path in `dir`): an image-folder tree <path>/train
///    and <path>/test, or class folders directly in <path> (then every 5th image of each class,
///    in sorted order, is the test split); normalisation computed from the train split; all
///    images must share the size of the first training image unless a resize is given.
/// Throws std::invalid_argument for an unknown name, std::runtime_error for missing or
/// malformed files (naming them).
ql::core::DataSplits loadDataSplits(const std::string &dataset, const std::string &dir);

/// How a data set's images are read (TrainingConfig::resizeWidth / resizeHeight).
struct DataLoadOptions {
    /// Image folders only: resize every image (both splits) to width x height; 0 x 0: all
    /// images must share the first one's size. A resize for a built-in data set is refused
    /// (std::invalid_argument).
    int width = 0;
    int height = 0;
};

/// loadDataSplits with options (folder:<path> data sets of mixed image sizes).
ql::core::DataSplits loadDataSplits(const std::string &dataset, const std::string &dir,
                                    const DataLoadOptions &options);

/// What a folder data set holds, from the file names and the image headers (nothing is
/// decoded): for the GUI's data panel. Throws std::runtime_error with the reason for an
/// invalid folder (naming the folder or file).
struct ImageFolderSummary {
    std::vector<std::string> classes; ///< sorted class folders (of train/ when it exists)
    int64_t trainImages = 0;
    int64_t testImages = 0;
    int channels = 1;                ///< 3 when any image has colour (as loaded)
    int minWidth = 0, minHeight = 0; ///< smallest width and height over all images
    int maxWidth = 0, maxHeight = 0; ///< largest
    bool sameSize() const { return minWidth == maxWidth && minHeight == maxHeight; }
    /// true: the folder has train/ and test/; false: class folders directly under the root,
    /// of which every 5th image of a class (sorted order) is held out for testing.
    bool separateTest = false;
};
/// `cancelled` (may be empty) is polled between files: a newer scan stops this one (then the
/// result is incomplete and must be dropped).
ImageFolderSummary summarizeImageFolderSplits(const std::string &root,
                                              const std::function<bool()> &cancelled = {});

/// The class names of a data set without loading its images: MNIST's digits, Fashion-MNIST's
/// and CIFAR-10's names, a folder data set's sorted class folders of <path>/train. Throws like
/// loadDataSplits for an unknown name or a missing folder.
std::vector<std::string> datasetClassNames(const std::string &dataset, const std::string &dir);

/// The built-in names accepted by loadDataSplits (besides "folder:<path>").
std::vector<std::string> knownDatasets();

/// Loads train/ and test/ of an image-folder tree (test classes must equal train's), or a
/// folder of class folders split 4:1 (see loadDataSplits), every image resized to
/// options.width x options.height when set.
ql::core::DataSplits loadImageFolderSplits(const std::string &root, const std::string &name,
                                           const DataLoadOptions &options = {});

} // namespace ql::imaging
