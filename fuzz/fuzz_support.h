// SPDX-License-Identifier: MIT
#pragma once

// Shared by the libFuzzer targets: the loaders take paths, so each input is written to one
// file per process in /dev/shm (or TMPDIR) and read back.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

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

} // namespace ql::fuzz
