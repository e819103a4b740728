// SPDX-License-Identifier: MIT
// Bit-packed model exports (core/quant/packed_export).
#include "core/quant/packed_export.h"
#include "fuzz/fuzz_support.h"

#include <exception>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string &path = ql::fuzz::writeInput(data, size, ".qlpack");
    try {
        ql::core::loadPackedModel(path, c10::Device("cpu"));
    } catch (const std::exception &) {
    }
    return 0;
}
