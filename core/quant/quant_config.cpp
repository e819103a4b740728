// SPDX-License-Identifier: MIT
#include "core/quant/quant_config.h"

#include <cmath>
#include <stdexcept>

namespace ql::core {

bool isValidBitWidth(int bits)
{
    return (bits >= 1 && bits <= 8) || bits == kFloatBits;
}

bool QuantConfig::isFloat() const
{
    if (weightBits != kFloatBits || activationBits != kFloatBits)
        return false;
    for (const auto &[name, bits] : perLayer)
        if (bits.weightBits != kFloatBits || bits.activationBits != kFloatBits)
            return false;
    return true;
}

LayerBits QuantConfig::bitsFor(const std::string &name, bool isFirst, bool isLast) const
{
    if (const auto it = perLayer.find(name); it != perLayer.end())
        return it->second;
    LayerBits bits{weightBits, activationBits};
    if ((isFirst || isLast) && !(weightBits == kFloatBits && activationBits == kFloatBits)) {
        switch (edgePolicy) {
        case EdgeLayerPolicy::Float:
            bits = {kFloatBits, kFloatBits};
            break;
        case EdgeLayerPolicy::EightBit:
            // Never raise precision above what the user asked for globally.
            bits = {weightBits == kFloatBits ? kFloatBits : 8,
                    activationBits == kFloatBits ? kFloatBits : 8};
            break;
        case EdgeLayerPolicy::Same:
            break;
        }
    }
    return bits;
}

void QuantConfig::validate() const
{
    auto check = [](int bits, const std::string &what) {
        if (!isValidBitWidth(bits))
            throw std::invalid_argument(what + " is " + std::to_string(bits) +
                                        " bits: use 1 to 8, or 32 for float");
    };
    check(weightBits, "weight bit-width");
    check(activationBits, "activation bit-width");
    for (const auto &[name, bits] : perLayer) {
        check(bits.weightBits, "weight bit-width of layer '" + name + "'");
        check(bits.activationBits, "activation bit-width of layer '" + name + "'");
    }
    if (!std::isfinite(alphaInit) || alphaInit <= 0.0f)
        throw std::invalid_argument("initial PACT alpha must be a positive number, got " +
                                    std::to_string(alphaInit));
}

const char *toString(EdgeLayerPolicy policy)
{
    switch (policy) {
    case EdgeLayerPolicy::Float:
        return "float";
    case EdgeLayerPolicy::EightBit:
        return "8bit";
    case EdgeLayerPolicy::Same:
        return "same";
    }
    return "8bit";
}

EdgeLayerPolicy edgeLayerPolicyFromString(const std::string &text)
{
    if (text == "float" || text == "fp32")
        return EdgeLayerPolicy::Float;
    if (text == "8bit" || text == "8")
        return EdgeLayerPolicy::EightBit;
    if (text == "same")
        return EdgeLayerPolicy::Same;
    throw std::invalid_argument("unknown edge-layer policy '" + text + "': use float, 8bit or same");
}

} // namespace ql::core
