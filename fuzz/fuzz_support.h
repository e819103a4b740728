// SPDX-License-Identifier: MIT
#pragma once

// Shared by the libFuzzer targets: the loaders take paths, so each input is written to one
// file per process in /dev/shm (or TMPDIR) and read back.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <unistd.h>

namespace ql::fuzz {

inline std::string scratchPath(const char *suffix)
{
    const char *dir = std::getenv("QUANTLENS_FUZZ_DIR");
    std::string base = dir ? dir : (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    return base + "/quantlens-fuzz-" + std::to_string(getpid()) + suffix;
}

inline const std::string &writeInput(const uint8_t *data, size_t size, const char *suffix = "")
{
    static const std::string path = scratchPath(suffix);
    FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        std::abort();
    if (size > 0 && std::fwrite(data, 1, size, f) != size)
        std::abort();
    std::fclose(f);
    return path;
}

/// For formats that end in a CRC-32 trailer (QLPACK): with the mode byte's bit 0 set, the
/// input's last four bytes are replaced by the CRC-32 of the bytes before them (little
/// endian), so that mutations reach the checks behind the integrity check. The mode byte
/// itself is dropped. Returns the bytes to parse.
template <typename Crc>
std::vector<uint8_t> withModeAndTrailer(const uint8_t *data, size_t size, Crc crc)
{
    if (size == 0)
        return {};
    std::vector<uint8_t> out(data + 1, data + size);
    if ((data[0] & 1) != 0 && out.size() >= 4) {
        const uint32_t sum = crc(out.data(), out.size() - 4);
        for (size_t i = 0; i < 4; ++i)
            out[out.size() - 4 + i] = static_cast<uint8_t>(sum >> (8 * i));
    }
    return out;
}

} // namespace ql::fuzz
