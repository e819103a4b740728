// SPDX-License-Identifier: MIT
#include "core/data/gzip_io.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ql::core {

namespace {

constexpr size_t kChunk = size_t{1} << 20;
constexpr size_t kInputBuffer = size_t{256} << 10;

std::string describeMode(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a named pipe (FIFO)";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    return "a special file";
}

} // namespace

bool isGzip(const uint8_t *data, size_t size)
{
    return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

std::string formatBytes(uint64_t bytes)
{
    char text[32];
    if (bytes >= (uint64_t{1} << 30))
        std::snprintf(text, sizeof text, "%.1f GiB", double(bytes) / double(uint64_t{1} << 30));
    else if (bytes >= (uint64_t{1} << 20))
        std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / double(uint64_t{1} << 20));
    else if (bytes >= (uint64_t{1} << 10))
        std::snprintf(text, sizeof text, "%.1f KiB", double(bytes) / 1024.0);
    else
        std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
    return text;
}

int openRegularFile(const std::string &path, uint64_t &size)
{
    // O_NONBLOCK: opening a FIFO without a writer would otherwise block forever.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        if (error == EISDIR)
            throw std::runtime_error("cannot read " + path + ": it is a directory, not a file");
        throw std::runtime_error("cannot open " + path + ": " + std::strerror(error));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int error = errno;
        ::close(fd);
        throw std::runtime_error("cannot read " + path + ": " + std::strerror(error));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        throw std::runtime_error("cannot read " + path + ": it is " + describeMode(st.st_mode) +
                                 ", not a regular file");
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0)
        ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    size = static_cast<uint64_t>(st.st_size);
    return fd;
}

std::vector<uint8_t> readWholeFile(const std::string &path, uint64_t maxBytes)
{
    uint64_t size = 0;
    const int fd = openRegularFile(path, size);
    if (size > maxBytes) {
        ::close(fd);
        throw std::runtime_error("cannot read " + path + ": the file has " + formatBytes(size) +
                                 ", more than the limit of " + formatBytes(maxBytes));
    }
    std::vector<uint8_t> bytes(static_cast<size_t>(size));
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const std::string why = n < 0 ? std::strerror(errno) : "the file shrank while reading";
            ::close(fd);
            throw std::runtime_error("cannot read " + path + ": " + why);
        }
        done += static_cast<size_t>(n);
    }
    ::close(fd);
    return bytes;
}

std::vector<uint8_t> gunzipBytes(const std::vector<uint8_t> &compressed,
                                 const std::string &nameForErrors, uint64_t maxOutput)
{
    if (!isGzip(compressed.data(), compressed.size()))
        throw std::runtime_error(nameForErrors + " is not a gzip file (bad magic bytes)");
    std::vector<uint8_t> out;
    if (compressed.size() >= 18) {
        uint32_t hint = 0;
        std::memcpy(&hint, compressed.data() + compressed.size() - 4, 4); // little-endian ISIZE
        // Only a hint (mod 2^32, one member): never reserve beyond what the data can hold.
        out.reserve(static_cast<size_t>(
            std::min<uint64_t>({hint, maxOutput, kMaxDeflateRatio * compressed.size()})));
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
        const size_t produced = buffer.size() - zs.avail_out;
        if (out.size() + produced > maxOutput) {
            inflateEnd(&zs);
            throw std::runtime_error(nameForErrors + " decompresses to more than the limit of " +
                                     formatBytes(maxOutput));
        }
        out.insert(out.end(), buffer.data(), buffer.data() + produced);
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

MaybeGzipReader::MaybeGzipReader(const std::string &path) : m_path(path)
{
    m_fd = openRegularFile(path, m_fileSize);
    m_in.resize(kInputBuffer);
    try {
        while (m_inLen < 2 && fillInput()) {
        }
    } catch (...) {
        ::close(m_fd);
        throw;
    }
    m_gzip = isGzip(m_in.data(), m_inLen);
    if (m_gzip) {
        if (inflateInit2(&m_zs, 16 + MAX_WBITS) != Z_OK) {
            ::close(m_fd);
            throw std::runtime_error("zlib initialisation failed for " + path);
        }
        m_zInit = true;
    }
}

MaybeGzipReader::~MaybeGzipReader()
{
    if (m_zInit)
        inflateEnd(&m_zs);
    if (m_fd >= 0)
        ::close(m_fd);
}

uint64_t MaybeGzipReader::maxDataBytes() const
{
    return m_gzip ? kMaxDeflateRatio * m_fileSize + 1024 : m_fileSize;
}

void MaybeGzipReader::fail(const std::string &why) const
{
    throw std::runtime_error(m_path + why);
}

bool MaybeGzipReader::fillInput()
{
    if (m_inputEof)
        return false;
    if (m_inPos > 0) {
        std::memmove(m_in.data(), m_in.data() + m_inPos, m_inLen - m_inPos);
        m_inLen -= m_inPos;
        m_inPos = 0;
    }
    while (true) {
        const ssize_t n = ::read(m_fd, m_in.data() + m_inLen, m_in.size() - m_inLen);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            fail(std::string(": read error: ") + std::strerror(errno));
        if (n == 0) {
            m_inputEof = true;
            return false;
        }
        m_inLen += static_cast<size_t>(n);
        return true;
    }
}

size_t MaybeGzipReader::readRaw(uint8_t *dst, size_t n)
{
    size_t done = 0;
    while (done < n) {
        if (m_inPos == m_inLen && !fillInput())
            break;
        const size_t take = std::min(n - done, m_inLen - m_inPos);
        std::memcpy(dst + done, m_in.data() + m_inPos, take);
        m_inPos += take;
        done += take;
    }
    return done;
}

size_t MaybeGzipReader::read(uint8_t *dst, size_t n)
{
    if (!m_gzip)
        return readRaw(dst, n);
    size_t done = 0;
    while (done < n && !m_dataEnd) {
        if (m_inPos == m_inLen)
            fillInput();
        m_zs.next_in = m_in.data() + m_inPos;
        m_zs.avail_in = static_cast<uInt>(m_inLen - m_inPos);
        m_zs.next_out = dst + done;
        m_zs.avail_out = static_cast<uInt>(std::min<size_t>(n - done, 1u << 30));
        const uInt before = m_zs.avail_out;
        const int rc = inflate(&m_zs, Z_NO_FLUSH);
        done += before - m_zs.avail_out;
        m_inPos = m_inLen - m_zs.avail_in;
        if (rc == Z_STREAM_END) {
            // Concatenated gzip members are legal; anything else after the end is ignored.
            while (m_inLen - m_inPos < 2 && fillInput()) {
            }
            if (isGzip(m_in.data() + m_inPos, m_inLen - m_inPos))
                inflateReset(&m_zs);
            else
                m_dataEnd = true;
            continue;
        }
        if (rc == Z_OK)
            continue;
        if (rc == Z_BUF_ERROR) {
            if (m_inPos == m_inLen && m_inputEof)
                fail(" is truncated: the gzip stream ends before its end marker");
            continue; // needs more input or more output space
        }
        fail(" is a corrupt gzip file: " +
             std::string(m_zs.msg ? m_zs.msg : "error " + std::to_string(rc)));
    }
    return done;
}

uint64_t MaybeGzipReader::skip(uint64_t limit)
{
    std::vector<uint8_t> sink(static_cast<size_t>(std::min<uint64_t>(limit, kChunk)));
    uint64_t total = 0;
    while (total < limit) {
        const size_t got =
            read(sink.data(), static_cast<size_t>(std::min<uint64_t>(limit - total, sink.size())));
        if (got == 0)
            break;
        total += got;
    }
    return total;
}

std::vector<uint8_t> readFileMaybeGzip(const std::string &path, uint64_t maxOutput)
{
    MaybeGzipReader in(path);
    if (!in.compressed() && in.fileSize() > maxOutput)
        throw std::runtime_error("cannot read " + path + ": the file has " +
                                 formatBytes(in.fileSize()) + ", more than the limit of " +
                                 formatBytes(maxOutput));
    std::vector<uint8_t> out;
    if (!in.compressed()) {
        out.resize(static_cast<size_t>(in.fileSize()));
        out.resize(in.read(out.data(), out.size()));
        return out;
    }
    std::vector<uint8_t> buffer(kChunk);
    while (true) {
        const size_t got = in.read(buffer.data(), buffer.size());
        if (got == 0)
            break;
        if (out.size() + got > maxOutput)
            throw std::runtime_error(path + " decompresses to more than the limit of " +
                                     formatBytes(maxOutput));
        out.insert(out.end(), buffer.data(), buffer.data() + got);
    }
    return out;
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
