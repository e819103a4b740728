// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/models/classifier.h"

#include <string>

namespace ql::core {

/// Writes `model` with its quantized weights really bit-packed, so that a 4-bit export is about
/// 8x smaller than float. Layout (little-endian): 8-byte magic "QLPACK\0\1", uint64 length of a
/// UTF-8 JSON header, the header, then the data. The header holds the model spec (arch, input
/// shape, classes, bits), per layer the bits and alpha, and per tensor its name, shape, offset
/// and byte count, with encoding "float32" (biases, batch norm, alphas, float layers) or
/// "dorefa" (bits, scale s: level i of a packed weight is s (2 i / (2^k - 1) - 1), levels packed
/// LSB-first, k bits each, no padding between values). Written to a temporary file renamed over
/// `path`, so a reader never sees half a file. Throws std::runtime_error naming the path.
/// With `input`, the header also records the input normalisation ("input": mean, std), which
/// the integer engine (core/deploy) needs. The file ends with a CRC-32 of all bytes before it
/// (announced in the header as "integrity": "crc32-trailer"); readers reject a file whose CRC
/// does not match. Byte-level description: docs/QLPACK.md.
void exportPackedModel(const ClassifierImpl &model, const std::string &path,
                       const Normalization *input = nullptr);

/// The bytes exportPackedModel writes (the whole file, CRC trailer included): its size is
/// the true exported size the GUI's bit-width panel shows.
std::string packedModelBytes(const ClassifierImpl &model, const Normalization *input = nullptr);

/// Reads a file of exportPackedModel. The quantized layers get the dequantized weights and run
/// with weight quantization off (per-layer override to float weights, activation bits kept):
/// the weights are already on their grid, and DoReFa is not idempotent. Outputs equal those of
/// the exported model. Throws std::runtime_error naming the path and the problem.
ClassifierPtr loadPackedModel(const std::string &path, c10::Device device);

} // namespace ql::core
