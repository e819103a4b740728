// SPDX-License-Identifier: MIT
// Training configuration JSON (train --config, run folders, checkpoint metadata).
#include "core/train/config_json.h"

#include <exception>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try {
        const ql::core::TrainingConfig config = ql::core::trainingConfigFromJsonString(
            std::string(reinterpret_cast<const char *>(data), size));
        // What was accepted must round-trip.
        const ql::core::TrainingConfig again =
            ql::core::trainingConfigFromJsonString(ql::core::toJsonString(config));
        if (ql::core::toJsonString(again) != ql::core::toJsonString(config))
            __builtin_trap();
    } catch (const std::exception &) {
    }
    return 0;
}
