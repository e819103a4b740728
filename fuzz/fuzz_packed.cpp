// SPDX-License-Identifier: MIT
// Bit-packed model exports (core/quant/packed_export).
#include "core/deploy/qlpack_reader.h"
#include "core/quant/packed_export.h"
#include "fuzz/fuzz_support.h"

#include <exception>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // First byte: bit 0 = recompute the CRC-32 trailer (fuzz_support.h).
    const auto bytes = ql::fuzz::withModeAndTrailer(
        data, size, [](const uint8_t *p, size_t n) { return ql::core::deploy::crc32Of(p, n); });
    const std::string &path = ql::fuzz::writeInput(bytes.data(), bytes.size(), ".qlpack");
    try {
        ql::core::loadPackedModel(path, c10::Device("cpu"));
    } catch (const std::exception &) {
    }
    return 0;
}
