// SPDX-License-Identifier: MIT
#pragma once

// A LibTorch-free reader of the QLPACK files of core/quant/packed_export (byte layout:
// docs/QLPACK.md). Validates everything before anything is used: magic, header length, JSON
// schema, every tensor's encoding, shape, offset and byte count against the data area, no
// overlapping tensors, finite floats, and the CRC-32 of header and data when the file has them.

#include "core/models/model_spec.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ql::core::deploy {

/// The "spec" object of a QLPACK header (shared by this reader and core/quant/packed_export's
/// LibTorch loader). Throws nlohmann::json errors or std::invalid_argument (alphaInit outside
/// (0, 1e6], which a float cannot hold safely).
ModelSpec modelSpecFromPackedJson(const nlohmann::json &j);

/// One tensor of a packed file, decoded: float32 values, or the DoReFa levels (one byte each,
/// 0..2^bits-1, unpacked) and the layer scale s (weight = s (2 level / (2^bits - 1) - 1)).
struct PackedTensor {
    std::string name;
    std::vector<int64_t> shape;
    bool dorefa = false;
    int bits = 32;
    float scale = 0.0f;
    std::vector<float> values;   ///< float32 tensors
    std::vector<uint8_t> levels; ///< dorefa tensors
    int64_t numel() const;
};

/// One quantization-aware layer as the header lists it.
struct PackedLayer {
    std::string name;
    std::string kind; ///< "conv" or "linear"
    int weightBits = 32;
    int activationBits = 32;
    float alpha = 0.0f;
};

/// The whole file, decoded.
struct PackedFile {
    std::string path;
    ModelSpec spec;
    std::vector<PackedLayer> layers;
    std::map<std::string, PackedTensor> tensors;
    /// Input normalisation (pixels / 255 - mean) / std, one value per channel; empty when the
    /// file predates it (then the caller must supply it).
    std::vector<float> mean, std;
    bool hasIntegrity = false; ///< the file carries a CRC-32 trailer (and it matched)
    uint64_t fileBytes = 0;

    /// The tensor `name`; throws std::runtime_error naming the file when it is missing or its
    /// shape differs from `shape` (when given).
    const PackedTensor &tensor(const std::string &name,
                               const std::vector<int64_t> &shape = {}) const;
};

/// Reads and validates `path`. Throws std::runtime_error "'<path>' is not a valid QuantLens
/// packed model: <problem>" (or "cannot open ...").
PackedFile readPackedFile(const std::string &path);

/// CRC-32 (zlib's polynomial, as in gzip and PNG) of a byte range, continuing from `crc`
/// (start with 0).
uint32_t crc32Of(const void *data, size_t size, uint32_t crc = 0);

/// Marks a header as followed by a CRC-32 trailer ("integrity": "crc32-trailer"): the file
/// then ends with 4 bytes, little-endian, the CRC-32 of every byte before them.
void markIntegrity(nlohmann::json &header);

/// For a parsed header and the whole file: when the header is marked, checks the trailer and
/// returns 4 (the trailer's size, to exclude from the data area); returns 0 for files without
/// one. Throws std::runtime_error(prefix + problem) on a mismatch.
size_t checkIntegrity(const nlohmann::json &header, const uint8_t *file, size_t size,
                      const std::string &prefix);

/// The 8-byte magic "QLPACK\0\1".
extern const char kPackedMagic[8];

} // namespace ql::core::deploy
