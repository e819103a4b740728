// SPDX-License-Identifier: MIT
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// Plain byte-level file helpers (no torch), shared by the loaders and the Qt downloader.
// Every reader here opens regular files only (a FIFO never blocks, a directory gets a message)
// and bounds what it allocates by a limit named in its error message.
namespace ql::core {

/// Default largest file readWholeFile reads (2 GiB); larger files are refused before reading.
constexpr uint64_t kMaxFileBytes = uint64_t{2} << 30;
/// Default largest output of gunzipBytes / readFileMaybeGzip (1 GiB).
constexpr uint64_t kMaxInflatedBytes = uint64_t{1} << 30;
/// deflate cannot expand better than about 1032:1, so a gzip file of n bytes holds at most
/// this many times n bytes of data (plus a little for headers).
constexpr uint64_t kMaxDeflateRatio = 1032;

/// True when the bytes start with the gzip magic 1f 8b.
bool isGzip(const uint8_t *data, size_t size);

/// "1.0 GiB", "12.5 MiB", "812 bytes": sizes in messages.
std::string formatBytes(uint64_t bytes);

/// Opens `path` read-only without blocking (O_NONBLOCK is cleared after the check) and only
/// when it is a regular file: a directory, a FIFO, a socket or a device gets a
/// std::runtime_error naming the path and what it is. Returns the descriptor (O_CLOEXEC), the
/// caller closes it; `size` receives the file's size.
int openRegularFile(const std::string &path, uint64_t &size);

/// Reads a whole regular file of at most `maxBytes`. Throws std::runtime_error naming the file
/// when it cannot be read, is not a regular file or is larger than the limit.
std::vector<uint8_t> readWholeFile(const std::string &path, uint64_t maxBytes = kMaxFileBytes);

/// Decompresses a (possibly multi-member) gzip stream. Throws std::runtime_error naming
/// `nameForErrors` for a corrupt or truncated stream, or when the output would exceed
/// `maxOutput` bytes (checked while inflating, so a gzip bomb stops at the limit).
std::vector<uint8_t> gunzipBytes(const std::vector<uint8_t> &compressed,
                                 const std::string &nameForErrors,
                                 uint64_t maxOutput = kMaxInflatedBytes);

/// Reads a file and gunzips it when it starts with the gzip magic, so callers accept both
/// `foo.gz` and an already-decompressed `foo`. At most `maxOutput` bytes of data (streamed:
/// the compressed file is never held whole).
std::vector<uint8_t> readFileMaybeGzip(const std::string &path,
                                       uint64_t maxOutput = kMaxInflatedBytes);

/// Streams the data of a regular file that may be gzip-compressed (detected by its magic):
/// header-first parsers read a few bytes, check them, then read exactly what the header
/// declares. Nothing beyond the requested bytes is ever inflated.
class MaybeGzipReader {
public:
    explicit MaybeGzipReader(const std::string &path);
    ~MaybeGzipReader();
    MaybeGzipReader(const MaybeGzipReader &) = delete;
    MaybeGzipReader &operator=(const MaybeGzipReader &) = delete;

    /// Reads up to `n` bytes; fewer only at the end of the data. Throws std::runtime_error
    /// naming the file for corrupt or truncated gzip data or a read error.
    size_t read(uint8_t *dst, size_t n);
    /// Reads and discards up to `limit` bytes; returns how many there were.
    uint64_t skip(uint64_t limit);

    bool compressed() const { return m_gzip; }
    uint64_t fileSize() const { return m_fileSize; }
    const std::string &path() const { return m_path; }
    /// Upper bound of the data this file can hold: its size, or kMaxDeflateRatio times it
    /// when compressed.
    uint64_t maxDataBytes() const;

private:
    bool fillInput();
    size_t readRaw(uint8_t *dst, size_t n);
    [[noreturn]] void fail(const std::string &why) const;

    std::string m_path;
    int m_fd = -1;
    uint64_t m_fileSize = 0;
    bool m_gzip = false;
    bool m_inputEof = false;
    bool m_dataEnd = false;
    bool m_zInit = false;
    z_stream m_zs{};
    std::vector<uint8_t> m_in;
    size_t m_inPos = 0, m_inLen = 0;
};

/// Writes `data` gzip-compressed to `path` (replacing it). Throws std::runtime_error on failure.
void writeGzipFile(const std::string &path, const std::vector<uint8_t> &data);

} // namespace ql::core
