// SPDX-License-Identifier: MIT
// IDX images and labels, raw or gzip (the first byte picks which reader).
#include "core/data/idx_reader.h"
#include "fuzz/fuzz_support.h"

#include <exception>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const std::string &path = ql::fuzz::writeInput(data + 1, size - 1);
    try {
        if (data[0] & 1)
            ql::core::readIdxLabels(path, 10);
        else
            ql::core::readIdxImages(path);
    } catch (const std::exception &) {
    }
    return 0;
}
