// SPDX-License-Identifier: MIT
#include "core/models/quant_layer_table.h"

#include <stdexcept>

namespace ql::core {

void QuantLayerTable::add(std::string name, std::shared_ptr<QuantLayerBase> layer,
                          std::shared_ptr<PactActivationImpl> pact, int inputFrom)
{
    if (inputFrom == kPrevious)
        inputFrom = static_cast<int>(m_entries.size()) - 1;
    if (pact)
        pact->setLayerName(name);
    m_entries.push_back({std::move(name), std::move(layer), std::move(pact), inputFrom});
}

void QuantLayerTable::apply(const QuantConfig &config)
{
    config.validate();
    const size_t count = m_entries.size();
    for (size_t i = 0; i < count; ++i) {
        Entry &entry = m_entries[i];
        const LayerBits bits = config.bitsFor(entry.name, i == 0, i + 1 == count);
        entry.layer->setWeightBits(bits.weightBits);
        if (entry.pact)
            entry.pact->setBits(bits.activationBits);
    }
}

std::vector<LayerInfo> QuantLayerTable::infos() const
{
    std::vector<LayerInfo> out;
    out.reserve(m_entries.size());
    for (const Entry &entry : m_entries) {
        LayerInfo info;
        info.name = entry.name;
        info.kind = entry.layer->kind();
        info.bits.weightBits = entry.layer->weightBits();
        info.bits.activationBits = entry.pact ? entry.pact->bits() : kFloatBits;
        info.weightCount = entry.layer->weightParameter().numel();
        const torch::Tensor bias = entry.layer->biasParameter();
        info.biasCount = bias.defined() ? bias.numel() : 0;
        info.macs = entry.layer->macsPerSample();
        info.alpha = entry.pact ? entry.pact->alphaValue() : 0.0f;
        info.inputBits = 8;
        if (entry.inputFrom >= 0) {
            const Entry &source = m_entries[static_cast<size_t>(entry.inputFrom)];
            info.inputBits = source.pact ? source.pact->bits() : kFloatBits;
        }
        out.push_back(std::move(info));
    }
    return out;
}

void dryRun(ClassifierImpl &model)
{
    const ModelSpec &spec = model.spec();
    const bool wasTraining = model.is_training();
    torch::NoGradGuard noGrad;
    model.eval();
    try {
        model.forward(torch::zeros({1, spec.inChannels, spec.imageSize, spec.imageSize}));
    } catch (const std::exception &error) {
        model.train(wasTraining);
        throw std::invalid_argument("model '" + spec.arch + "' cannot take " +
                                    std::to_string(spec.inChannels) + "x" +
                                    std::to_string(spec.imageSize) + "x" +
                                    std::to_string(spec.imageSize) + " inputs: " + error.what());
    }
    model.train(wasTraining);
}

} // namespace ql::core
