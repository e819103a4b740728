// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// Plain byte-level file helpers (no torch), shared by the loaders and the Qt downloader.
namespace ql::core {

/// True when the bytes start with the gzip magic 1f 8b.
bool isGzip(const uint8_t *data, size_t size);

/// Reads a whole file. Throws std::runtime_error naming the file when it cannot be read.
std::vector<uint8_t> readWholeFile(const std::string &path);

/// Decompresses a (possibly multi-member) gzip stream. Throws std::runtime_error naming
/// `nameForErrors` for a corrupt or truncated stream.
std::vector<uint8_t> gunzipBytes(const std::vector<uint8_t> &compressed,
                                 const std::string &nameForErrors);

/// Reads a file and gunzips it when it starts with the gzip magic, so callers accept both
/// `foo.gz` and an already-decompressed `foo`.
std::vector<uint8_t> readFileMaybeGzip(const std::string &path);

/// Writes `data` gzip-compressed to `path` (replacing it). Throws std::runtime_error on failure.
void writeGzipFile(const std::string &path, const std::vector<uint8_t> &data);

} // namespace ql::core
