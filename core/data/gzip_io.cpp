// SPDX-License-Identifier: MIT
#include "core/data/gzip_io.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace ql::core {

namespace {

constexpr size_t kChunk = size_t{1} << 20;
// The gzip trailer's size field is only a hint (mod 2^32, one member); never trust it beyond this.
constexpr size_t kMaxReserve = size_t{1} << 30;

} // namespace

bool isGzip(const uint8_t *data, size_t size)
{
    return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

std::vector<uint8_t> readWholeFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    const std::streamoff size = in.tellg();
    if (size < 0)
        throw std::runtime_error("cannot read " + path + ": not a regular file");
    std::vector<uint8_t> bytes(static_cast<size_t>(size));
    in.seekg(0);
    if (size > 0 && !in.read(reinterpret_cast<char *>(bytes.data()), size))
        throw std::runtime_error("cannot read " + path + ": read error");
    return bytes;
}

std::vector<uint8_t> gunzipBytes(const std::vector<uint8_t> &compressed,
                                 const std::string &nameForErrors)
{
    if (!isGzip(compressed.data(), compressed.size()))
        throw std::runtime_error(nameForErrors + " is not a gzip file (bad magic bytes)");
    std::vector<uint8_t> out;
    if (compressed.size() >= 18) {
        uint32_t hint = 0;
        std::memcpy(&hint, compressed.data() + compressed.size() - 4, 4); // little-endian ISIZE
        out.reserve(std::min<size_t>(hint, kMaxReserve));
    }
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        throw std::runtime_error("zlib initialisation failed for " + nameForErrors);
    zs.next_in = const_cast<Bytef *>(compressed.data());
    size_t remaining = compressed.size();
    std::vector<uint8_t> buffer(kChunk);
    int rc = Z_OK;
    while (true) {
        const uInt feed = static_cast<uInt>(std::min<size_t>(remaining, 1u << 30));
        zs.avail_in = feed;
        zs.next_out = buffer.data();
        zs.avail_out = static_cast<uInt>(buffer.size());
        rc = inflate(&zs, Z_NO_FLUSH);
        remaining -= feed - zs.avail_in;
        out.insert(out.end(), buffer.data(), buffer.data() + (buffer.size() - zs.avail_out));
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members are legal; anything else after the end is ignored.
            if (remaining >= 2 && isGzip(zs.next_in, remaining)) {
                inflateReset(&zs);
                continue;
            }
            break;
        }
        if (rc == Z_OK)
            continue;
        if (rc == Z_BUF_ERROR && remaining == 0) {
            inflateEnd(&zs);
            throw std::runtime_error(nameForErrors +
                                     " is truncated: the gzip stream ends before its end marker");
        }
        const std::string detail = zs.msg ? zs.msg : "error " + std::to_string(rc);
        inflateEnd(&zs);
        throw std::runtime_error(nameForErrors + " is a corrupt gzip file: " + detail);
    }
    inflateEnd(&zs);
    return out;
}

std::vector<uint8_t> readFileMaybeGzip(const std::string &path)
{
    std::vector<uint8_t> bytes = readWholeFile(path);
    if (isGzip(bytes.data(), bytes.size()))
        return gunzipBytes(bytes, path);
    return bytes;
}

void writeGzipFile(const std::string &path, const std::vector<uint8_t> &data)
{
    gzFile file = gzopen(path.c_str(), "wb6");
    if (!file)
        throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
    size_t written = 0;
    while (written < data.size()) {
        const unsigned int n = static_cast<unsigned int>(std::min(data.size() - written, kChunk));
        if (gzwrite(file, data.data() + written, n) != static_cast<int>(n)) {
            gzclose(file);
            throw std::runtime_error("cannot write " + path + ": compression or disk error");
        }
        written += n;
    }
    if (gzclose(file) != Z_OK)
        throw std::runtime_error("cannot write " + path + ": close failed (disk full?)");
}

} // namespace ql::core
