// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"
#include "core/quant/pact_activation.h"
#include "core/quant/quant_layers.h"

#include <memory>
#include <string>
#include <vector>

namespace ql::core {

/// The quantization-aware layers of one model in forward order, each with the PACT that
/// follows it (none for the last) and the index of the layer whose PACT feeds it (-1: the
/// image). The models fill it in their constructors; it implements applyQuantConfig() and
/// layers() once for all of them.
class QuantLayerTable {
public:
    struct Entry {
        std::string name;
        std::shared_ptr<QuantLayerBase> layer;
        std::shared_ptr<PactActivationImpl> pact; // null for the last layer
        int inputFrom = -1;
    };

    /// Registers a layer; `inputFrom` defaults to the previous layer (-1 for the first).
    void add(std::string name, std::shared_ptr<QuantLayerBase> layer,
             std::shared_ptr<PactActivationImpl> pact, int inputFrom = kPrevious);

    /// Validates `config`, then sets every weight and activation bit-width from
    /// config.bitsFor(name, isFirst, isLast). The last layer's logits are never quantized.
    void apply(const QuantConfig &config);
    std::vector<LayerInfo> infos() const;
    const std::vector<Entry> &entries() const { return m_entries; }

    static constexpr int kPrevious = -2;

private:
    std::vector<Entry> m_entries;
};

/// Runs one forward of a zero image in eval mode without gradients, so every layer records its
/// MACs and a too-small input fails at construction with a clear message.
void dryRun(ClassifierImpl &model);

} // namespace ql::core
