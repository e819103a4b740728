// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ql::core {

/// Largest total of extracted file bytes (8 GiB) and of entries (1,000,000) per archive.
constexpr uint64_t kMaxExtractBytes = uint64_t{8} << 30;
constexpr uint64_t kMaxExtractEntries = 1000000;

/// Extracts a tar archive (ustar, GNU, pax; gzip-compressed or raw, detected by magic bytes)
/// into `destDir` with Debian's libarchive, creating folders as needed. Only regular files and
/// folders are extracted; links and devices are skipped. Entries with absolute paths or `..`
/// are refused, and nothing is written through a symbolic link already in the destination
/// (libarchive's secure-extraction flags). Returns the relative paths of the extracted files.
/// When `onlyUnder` is set (e.g. "test/"), entries whose path does not start with it are
/// skipped. Extraction stops with an error beyond `maxBytes` of file data or
/// kMaxExtractEntries entries. Throws std::runtime_error naming the archive and the problem
/// (not a regular file, corrupt or truncated data, unsafe path, limit exceeded).
std::vector<std::string> extractTar(const std::string &archivePath, const std::string &destDir,
                                    const std::string &onlyUnder = {},
                                    uint64_t maxBytes = kMaxExtractBytes);

} // namespace ql::core
