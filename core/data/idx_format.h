// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

// Torch-free constants of the IDX format and our data folders (used by Qt code too).
namespace ql::core {

/// IDX magic numbers (big-endian): 0x00000803 for uint8 3-D images, 0x00000801 for labels.
constexpr uint32_t kIdxImagesMagic = 2051;
constexpr uint32_t kIdxLabelsMagic = 2049;

/// Name of the file a downloader writes next to data that is not the full canonical set; its
/// text says what the data is.
constexpr const char *kSubsetMarkerFile = "QUANTLENS_SUBSET.txt";

} // namespace ql::core
