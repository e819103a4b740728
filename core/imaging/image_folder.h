// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ql::imaging {

/// Largest data set an image folder may produce (uint8 pixels): 4 GiB, checked from the image
/// headers before anything is decoded.
constexpr uint64_t kMaxImageFolderBytes = uint64_t{4} << 30;

/// How an image folder is read.
struct ImageFolderOptions {
    /// 0 x 0 (default): every image must have the size of the first one (in sorted order); a
    /// different size is an error that names the file. Otherwise every image is resized
    /// (area interpolation) to width x height.
    int width = 0;
    int height = 0;
    /// When set, the sub-folders must be exactly these classes in this order (so the test
    /// split's labels match the train split's).
    std::vector<std::string> expectedClasses;
    /// Decoding threads; 0 = all hardware threads.
    int threads = 0;
};

/// Loads `splitDir`/<class>/*.{png,jpg,jpeg,bmp} into one Dataset. The class index is the
/// position of the folder name in sorted (byte-wise) order, files are read in sorted order.
/// Colour: if any image has colour, all become RGB (3 channels); otherwise grey (1 channel).
/// Throws std::runtime_error naming the file for a corrupt or unsupported image, the wrong
/// size (read from the headers before decoding), an image above kMaxImagePixels, or naming the
/// folder when it has no classes, no images, a class folder without images (allowed only with
/// expectedClasses, i.e. for a test split), or more than kMaxImageFolderBytes of pixels.
ql::core::Dataset loadImageFolder(const std::string &splitDir, const std::string &name,
                                  const ImageFolderOptions &options = {});

/// Sorted names of the non-hidden sub-folders of `dir`.
std::vector<std::string> listClassFolders(const std::string &dir);

} // namespace ql::imaging
