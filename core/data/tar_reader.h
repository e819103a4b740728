// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace ql::core {

/// Extracts a ustar/GNU tar archive (gzip-compressed or raw, detected by magic bytes) into
/// `destDir`, creating folders as needed. Only regular files and folders are extracted; links
/// and devices are skipped. Entries with absolute paths or `..` are refused. Returns the
/// relative paths of the extracted files. When `onlyUnder` is set (e.g. "test/"), entries whose
/// path does not start with it are skipped (still read, since tar cannot seek). Throws
/// std::runtime_error naming the archive and the problem (corrupt gzip, bad header checksum,
/// truncated entry, unsafe path).
std::vector<std::string> extractTar(const std::string &archivePath, const std::string &destDir,
                                    const std::string &onlyUnder = {});

} // namespace ql::core
