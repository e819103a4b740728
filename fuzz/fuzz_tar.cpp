// SPDX-License-Identifier: MIT
// Tar extraction (libarchive with secure flags) into a scratch folder, removed after each input.
#include "core/data/tar_reader.h"
#include "fuzz/fuzz_support.h"

#include <exception>
#include <filesystem>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string &path = ql::fuzz::writeInput(data, size, ".tar");
    static const std::string dest = ql::fuzz::scratchPath("-out");
    try {
        ql::core::extractTar(path, dest, {}, uint64_t{64} << 20);
    } catch (const std::exception &) {
    }
    std::error_code ec;
    std::filesystem::remove_all(dest, ec);
    return 0;
}
