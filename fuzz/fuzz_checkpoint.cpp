// SPDX-License-Identifier: MIT
// Checkpoint files: header, CRC, JSON metadata, spec-against-file check, tensor archive.
#include "core/train/checkpoint.h"
#include "fuzz/fuzz_support.h"

#include <exception>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string &path = ql::fuzz::writeInput(data, size, ".ckpt");
    try {
        ql::core::loadModelFromCheckpoint(path, c10::Device("cpu"));
    } catch (const std::exception &) {
    }
    return 0;
}
