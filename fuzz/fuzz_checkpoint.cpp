// SPDX-License-Identifier: MIT
// Checkpoint files: header, CRC, JSON metadata, spec-against-file check, tensor archive, and
// (when the model loads) the optimiser-state reader: the optimiser the file names (sgd, adam,
// adamw, adadelta) is built over the model and the file's state is loaded into it, as a resume
// does.
//
// First byte: the mode. Bit 0 recomputes the header's CRC-32 over the mutated body and bit 1
// sets the archive size to what follows the JSON, so that mutations reach the metadata and
// archive readers instead of stopping at the integrity checks (which bit 0 = 0 still fuzzes).
#include "core/deploy/qlpack_reader.h"
#include "core/train/checkpoint.h"
#include "core/train/optimizer_factory.h"
#include "fuzz/fuzz_support.h"

#include <torch/optim/optimizer.h>

#include <cstring>
#include <exception>
#include <vector>

namespace {
constexpr size_t kHeaderSize = 8 + 8 + 8 + 4; // magic, JSON size, archive size, CRC-32 (LE)

std::vector<uint8_t> repaired(const uint8_t *data, size_t size)
{
    if (size == 0)
        return {};
    std::vector<uint8_t> out(data + 1, data + size);
    if (out.size() < kHeaderSize)
        return out;
    if ((data[0] & 2) != 0) {
        uint64_t jsonSize = 0;
        std::memcpy(&jsonSize, out.data() + 8, 8);
        const uint64_t body = out.size() - kHeaderSize;
        const uint64_t archiveSize = jsonSize <= body ? body - jsonSize : 0;
        std::memcpy(out.data() + 16, &archiveSize, 8);
    }
    if ((data[0] & 1) != 0) {
        const uint32_t crc =
            ql::core::deploy::crc32Of(out.data() + kHeaderSize, out.size() - kHeaderSize);
        std::memcpy(out.data() + 24, &crc, 4);
    }
    return out;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::vector<uint8_t> bytes = repaired(data, size);
    const std::string &path = ql::fuzz::writeInput(bytes.data(), bytes.size(), ".ckpt");
    try {
        ql::core::CheckpointInfo info;
        const auto model = ql::core::loadModelFromCheckpoint(path, c10::Device("cpu"), &info);
        const auto optimizer =
            ql::core::makeOptimizer(info.config.optimizer, ql::core::splitParameters(*model));
        ql::core::CheckpointState state;
        state.optimizer = optimizer.get();
        ql::core::loadCheckpoint(path, *model, &state);
    } catch (const std::exception &) {
    }
    return 0;
}
