// SPDX-License-Identifier: MIT
// Packed models read by the integer engine (core/deploy: readPackedFile, IntEngine), which
// has its own reader next to core/quant's loadPackedModel (fuzz_packed): a file that loads
// also runs one forward pass on a blank image, so that shapes taken from the file are used.
#include "core/deploy/int_engine.h"
#include "core/deploy/qlpack_reader.h"
#include "fuzz/fuzz_support.h"

#include <exception>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // First byte: bit 0 = recompute the CRC-32 trailer (fuzz_support.h).
    const auto bytes = ql::fuzz::withModeAndTrailer(
        data, size, [](const uint8_t *p, size_t n) { return ql::core::deploy::crc32Of(p, n); });
    const std::string &path = ql::fuzz::writeInput(bytes.data(), bytes.size(), ".qlpack");
    try {
        const auto engine = ql::core::deploy::IntEngine::load(path); // the file's normalisation
        const auto &spec = engine->spec();
        const int64_t pixels = int64_t{spec.inChannels} * spec.imageSize * spec.imageSize;
        if (pixels > 0 && pixels <= (1 << 16)) {
            std::vector<uint8_t> image(static_cast<size_t>(pixels), 128);
            std::vector<float> logits(static_cast<size_t>(spec.numClasses));
            engine->forwardPixels(image.data(), 1, logits.data());
        }
    } catch (const std::exception &) {
    }
    return 0;
}
