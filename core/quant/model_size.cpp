// SPDX-License-Identifier: MIT
#include "core/quant/model_size.h"

namespace ql::core {
namespace {

constexpr int64_t kFloatBytes = 4;

bool isAlphaName(const std::string &name)
{
    return name == "alpha" || (name.size() > 6 && name.compare(name.size() - 6, 6, ".alpha") == 0);
}

} // namespace

ModelSize computeModelSize(const ClassifierImpl &model)
{
    ModelSize size;
    int64_t layerFloats = 0; // weights and biases of the quantization-aware layers
    const std::vector<LayerInfo> infos = model.layers();
    for (size_t i = 0; i < infos.size(); ++i) {
        const LayerInfo &info = infos[i];
        LayerSizeRow row;
        row.name = info.name;
        row.kind = info.kind;
        row.parameters = info.weightCount + info.biasCount;
        row.weightBits = info.bits.weightBits;
        row.activationBits = info.bits.activationBits;
        row.inputBits = info.inputBits;
        const bool quantized = info.bits.weightBits != kFloatBits;
        row.bytes = (info.weightCount * info.bits.weightBits + 7) / 8 +
                    (quantized ? kFloatBytes : 0) + info.biasCount * kFloatBytes +
                    (info.bits.activationBits != kFloatBits ? kFloatBytes : 0);
        row.macs = info.macs;
        row.bops = info.macs * info.bits.weightBits * info.inputBits;
        size.macs += row.macs;
        size.bops += row.bops;
        // Float reference: 32-bit weights and activations; the first layer reads the 8-bit image.
        size.floatBops += info.macs * kFloatBits * (i == 0 ? 8 : kFloatBits);
        layerFloats += row.parameters;
        size.bytes += row.bytes;
        size.layers.push_back(std::move(row));
    }
    for (const auto &item : model.named_parameters())
        size.parameters += item.value().numel();
    // Everything else the forward pass needs: batch-norm affine parameters and running
    // statistics (num_batches_tracked only matters for training).
    int64_t otherFloats = 0;
    for (const auto &item : model.named_parameters())
        if (!isAlphaName(item.key()))
            otherFloats += item.value().numel();
    otherFloats -= layerFloats;
    for (const auto &item : model.named_buffers())
        if (item.value().is_floating_point())
            otherFloats += item.value().numel();
    size.otherFloats = otherFloats;
    size.bytes += otherFloats * kFloatBytes;
    size.floatBytes = (layerFloats + otherFloats) * kFloatBytes;
    size.compressionRatio =
        size.bytes > 0 ? static_cast<double>(size.floatBytes) / static_cast<double>(size.bytes)
                       : 1.0;
    return size;
}

} // namespace ql::core
