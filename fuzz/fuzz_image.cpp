// SPDX-License-Identifier: MIT
// PNG / JPEG / BMP decoding and the preprocessing to a model input (grey MNIST-style or RGB).
#include "core/data/normalization.h"
#include "core/imaging/image_decode.h"
#include "core/imaging/preprocess.h"

#include <exception>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const std::vector<uint8_t> bytes(data + 1, data + size);
    try {
        const ql::imaging::ImageBuffer image = ql::imaging::decodeImage(
            bytes, "fuzz", static_cast<ql::imaging::ColorMode>(data[0] % 3));
        ql::imaging::ModelInputSpec spec;
        if (data[0] & 4) {
            spec.channels = 3;
            spec.height = spec.width = 32;
            spec.norm = ql::core::cifar10Normalization();
        } else {
            spec.mnistStyle = true;
            spec.norm = ql::core::mnistNormalization();
        }
        ql::imaging::prepareImageForModel(image, spec);
    } catch (const std::exception &) {
    }
    return 0;
}
