// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ql::imaging {

/// Colour maps for saliency. Sequential ones for |map|, the diverging one for signed maps.
enum class ColorMap {
    Viridis,  ///< matplotlib viridis (sequential, perceptually uniform)
    Inferno,  ///< matplotlib inferno (sequential)
    Jet,      ///< matplotlib jet (classic rainbow; not perceptually uniform)
    Diverging ///< matplotlib RdBu_r: blue (negative) - white (0) - red (positive)
};

/// 256-entry RGB lookup table of `map` (index 0 = lowest value).
const std::array<std::array<uint8_t, 3>, 256> &colorTable(ColorMap map);

/// Colour of t in [0, 1] (clamped; NaN maps to 0): colorTable(map)[round(255 t)].
std::array<uint8_t, 3> colorAt(ColorMap map, float t);

std::string toString(ColorMap map); ///< "viridis", "inferno", "jet", "diverging"
/// Parses the names above (case-insensitive; "rdbu" also means diverging). Throws
/// std::invalid_argument listing the valid names.
ColorMap colorMapFromString(const std::string &text);
std::vector<std::string> colorMapNames();
/// True for maps meant for signed data.
bool isDiverging(ColorMap map);

} // namespace ql::imaging
