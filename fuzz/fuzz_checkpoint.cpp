// SPDX-License-Identifier: MIT
// Checkpoint files: header, CRC, JSON metadata, spec-against-file check, tensor archive, and
// (when the model loads) the optimiser-state reader: the optimiser the file names (sgd, adam,
// adamw, adadelta) is built over the model and the file's state is loaded into it, as a resume
// does.
#include "core/train/checkpoint.h"
#include "core/train/optimizer_factory.h"
#include "fuzz/fuzz_support.h"

#include <torch/optim/optimizer.h>

#include <exception>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string &path = ql::fuzz::writeInput(data, size, ".ckpt");
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
