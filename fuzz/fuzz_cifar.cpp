// SPDX-License-Identifier: MIT
// CIFAR-10 binary batches, raw or gzip.
#include "core/data/cifar_reader.h"
#include "fuzz/fuzz_support.h"

#include <exception>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string &path = ql::fuzz::writeInput(data, size);
    try {
        ql::core::readCifar10Batch(path);
    } catch (const std::exception &) {
    }
    return 0;
}
