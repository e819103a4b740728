// SPDX-License-Identifier: MIT
#pragma once

#include "core/quant/quant_config.h"

#include <cstdint>
#include <string>

namespace ql::core {

/// What to build: architecture name plus the data's shape and the bit-widths. Plain values
/// (no torch), so Qt code may hold it.
struct ModelSpec {
    std::string arch = "mnist-cnn"; ///< mnist-cnn, lenet5, resnet20, vgg-small
    int64_t inChannels = 1;
    int64_t imageSize = 28; ///< square inputs, imageSize x imageSize
    int64_t numClasses = 10;
    QuantConfig quant;
};

} // namespace ql::core
