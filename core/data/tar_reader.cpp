// SPDX-License-Identifier: MIT
#include "core/data/tar_reader.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace ql::core {

namespace {

namespace fs = std::filesystem;
constexpr size_t kBlock = 512;
using Block = std::array<char, kBlock>;

/// gzread reads gzip and, transparently, raw files: one streaming path for .tar and .tar.gz.
class ArchiveStream {
public:
    explicit ArchiveStream(const std::string &path) : m_path(path)
    {
        m_file = gzopen(path.c_str(), "rb");
        if (!m_file)
            throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
        gzbuffer(m_file, 1 << 20);
    }
    ~ArchiveStream() { gzclose(m_file); }
    ArchiveStream(const ArchiveStream &) = delete;
    ArchiveStream &operator=(const ArchiveStream &) = delete;

    /// Reads exactly n bytes or returns the number read before the end; throws on corruption.
    size_t read(char *dst, size_t n)
    {
        size_t done = 0;
        while (done < n) {
            const int got = gzread(m_file, dst + done, static_cast<unsigned>(n - done));
            if (got < 0 || (got == 0 && !gzeof(m_file)))
                fail();
            if (got == 0)
                break;
            done += static_cast<size_t>(got);
        }
        int err = Z_OK;
        gzerror(m_file, &err);
        if (err != Z_OK && err != Z_STREAM_END)
            fail();
        return done;
    }

private:
    [[noreturn]] void fail()
    {
        int err = Z_OK;
        const char *msg = gzerror(m_file, &err);
        throw std::runtime_error(
            m_path + " is a corrupt or truncated archive: " + (msg ? msg : "read error"));
    }
    std::string m_path;
    gzFile m_file = nullptr;
};

uint64_t parseOctal(const char *field, size_t width)
{
    uint64_t value = 0;
    for (size_t i = 0; i < width && field[i] != '\0' && field[i] != ' '; ++i) {
        if (field[i] < '0' || field[i] > '7')
            throw std::invalid_argument("non-octal digit");
        value = value * 8 + static_cast<uint64_t>(field[i] - '0');
    }
    return value;
}

std::string fieldString(const char *field, size_t width)
{
    return std::string(field, strnlen(field, width));
}

bool headerChecksumOk(const Block &header)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < kBlock; ++i)
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
    return sum == parseOctal(header.data() + 148, 8);
}

/// Normalises an entry path and refuses anything that would land outside the destination.
fs::path safeRelativePath(const std::string &name, const std::string &archive)
{
    const fs::path p = fs::path(name).lexically_normal();
    if (p.is_absolute() || p.empty())
        throw std::runtime_error(archive + " contains an unsafe entry path '" + name + "'");
    for (const auto &part : p)
        if (part == "..")
            throw std::runtime_error(archive + " contains an unsafe entry path '" + name + "'");
    return p;
}

} // namespace

std::vector<std::string> extractTar(const std::string &archivePath, const std::string &destDir,
                                    const std::string &onlyUnder)
{
    ArchiveStream in(archivePath);
    const fs::path dest(destDir);
    fs::create_directories(dest);
    std::vector<std::string> extracted;
    std::string longName; // GNU 'L' / pax 'path' entries name the next header's file
    std::vector<char> buffer(1 << 20);
    int zeroBlocks = 0;
    bool sawHeader = false;
    Block header{};
    while (true) {
        const size_t got = in.read(header.data(), kBlock);
        if (got == 0 && sawHeader)
            break; // some writers omit the two zero end blocks
        if (got != kBlock)
            throw std::runtime_error(archivePath + " is truncated: incomplete tar header");
        if (std::all_of(header.begin(), header.end(), [](char c) { return c == 0; })) {
            if (++zeroBlocks == 2)
                break;
            continue;
        }
        zeroBlocks = 0;
        uint64_t size = 0;
        try {
            if (!headerChecksumOk(header))
                throw std::invalid_argument("checksum");
            size = parseOctal(header.data() + 124, 12);
        } catch (const std::invalid_argument &) {
            throw std::runtime_error(archivePath +
                                     " is not a tar archive or is corrupt: bad header " +
                                     "checksum at entry " + std::to_string(extracted.size() + 1));
        }
        sawHeader = true;
        const char type = header[156];
        std::string name = fieldString(header.data(), 100);
        if (std::memcmp(header.data() + 257, "ustar", 5) == 0) {
            const std::string prefix = fieldString(header.data() + 345, 155);
            if (!prefix.empty())
                name = prefix + "/" + name;
        }
        if (!longName.empty()) {
            name = longName;
            longName.clear();
        }
        const uint64_t padded = (size + kBlock - 1) / kBlock * kBlock;
        if (type == 'L' || type == 'x') {
            std::string data(padded, '\0');
            if (in.read(data.data(), padded) != padded)
                throw std::runtime_error(archivePath + " is truncated inside a long-name entry");
            data.resize(size);
            if (type == 'L') {
                longName = std::string(data.c_str());
            } else { // pax records: "<len> key=value\n"
                const auto pos = data.find(" path=");
                if (pos != std::string::npos)
                    longName = data.substr(pos + 6, data.find('\n', pos) - pos - 6);
            }
            continue;
        }
        const bool wanted = onlyUnder.empty() || name.rfind(onlyUnder, 0) == 0;
        const bool isFile = wanted && (type == '0' || type == '\0' || type == '7');
        const bool isDir = wanted && type == '5';
        fs::path target;
        if (isFile || isDir)
            target = dest / safeRelativePath(name, archivePath);
        if (isDir)
            fs::create_directories(target);
        std::ofstream out;
        if (isFile) {
            fs::create_directories(target.parent_path());
            out.open(target, std::ios::binary | std::ios::trunc);
            if (!out)
                throw std::runtime_error("cannot create " + target.string() + " while extracting " +
                                         archivePath);
        }
        uint64_t left = padded;
        uint64_t payload = size;
        while (left > 0) {
            const size_t n = static_cast<size_t>(std::min<uint64_t>(left, buffer.size()));
            if (in.read(buffer.data(), n) != n)
                throw std::runtime_error(archivePath + " is truncated: entry '" + name +
                                         "' ends early");
            const size_t keep = static_cast<size_t>(std::min<uint64_t>(payload, n));
            if (isFile && keep > 0)
                out.write(buffer.data(), static_cast<std::streamsize>(keep));
            payload -= keep;
            left -= n;
        }
        if (isFile) {
            out.close();
            if (!out)
                throw std::runtime_error("cannot write " + target.string() + " (disk full?)");
            extracted.push_back(safeRelativePath(name, archivePath).generic_string());
        }
    }
    return extracted;
}

} // namespace ql::core
