// SPDX-License-Identifier: MIT
#include "core/imaging/colormap.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

namespace ql::imaging {

namespace {

using Table = std::array<std::array<uint8_t, 3>, 256>;

/// OpenCV ships matplotlib's viridis and inferno tables; read them through a 0..255 ramp.
Table fromOpenCv(int cvMap)
{
    cv::Mat ramp(1, 256, CV_8UC1);
    for (int i = 0; i < 256; ++i)
        ramp.at<uint8_t>(0, i) = static_cast<uint8_t>(i);
    cv::Mat bgr;
    cv::applyColorMap(ramp, bgr, cvMap);
    Table table{};
    for (int i = 0; i < 256; ++i) {
        const auto px = bgr.at<cv::Vec3b>(0, i);
        table[i] = {px[2], px[1], px[0]};
    }
    return table;
}

/// matplotlib's piecewise-linear segment data: (x, value) anchors per channel.
using Segments = std::vector<std::pair<double, double>>;

double interpolate(const Segments &s, double x)
{
    for (size_t i = 1; i < s.size(); ++i) {
        if (x <= s[i].first) {
            const double w = (x - s[i - 1].first) / (s[i].first - s[i - 1].first);
            return s[i - 1].second + w * (s[i].second - s[i - 1].second);
        }
    }
    return s.back().second;
}

uint8_t toByte(double v)
{
    return static_cast<uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0));
}

/// matplotlib's jet (_jet_data), sampled at i / 255 like its 256-entry LUT.
Table makeJet()
{
    const Segments red{{0.0, 0.0}, {0.35, 0.0}, {0.66, 1.0}, {0.89, 1.0}, {1.0, 0.5}};
    const Segments green{{0.0, 0.0},  {0.125, 0.0}, {0.375, 1.0},
                         {0.64, 1.0}, {0.91, 0.0},  {1.0, 0.0}};
    const Segments blue{{0.0, 0.5}, {0.11, 1.0}, {0.34, 1.0}, {0.65, 0.0}, {1.0, 0.0}};
    Table table{};
    for (int i = 0; i < 256; ++i) {
        const double x = i / 255.0;
        table[i] = {toByte(interpolate(red, x)), toByte(interpolate(green, x)),
                    toByte(interpolate(blue, x))};
    }
    return table;
}

/// matplotlib's RdBu_r: the 11 ColorBrewer RdBu colours, reversed (blue low, red high),
/// linearly interpolated at equal spacing.
Table makeDiverging()
{
    static const uint8_t kAnchors[11][3] = {{5, 48, 97},     {33, 102, 172},  {67, 147, 195},
                                            {146, 197, 222}, {209, 229, 240}, {247, 247, 247},
                                            {253, 219, 199}, {244, 165, 130}, {214, 96, 77},
                                            {178, 24, 43},   {103, 0, 31}};
    Table table{};
    for (int i = 0; i < 256; ++i) {
        const double pos = i / 255.0 * 10.0;
        const int k = std::min(9, static_cast<int>(pos));
        const double w = pos - k;
        for (int c = 0; c < 3; ++c)
            table[i][c] = static_cast<uint8_t>(
                std::lround(kAnchors[k][c] + w * (kAnchors[k + 1][c] - kAnchors[k][c])));
    }
    return table;
}

} // namespace

const Table &colorTable(ColorMap map)
{
    static const Table viridis = fromOpenCv(cv::COLORMAP_VIRIDIS);
    static const Table inferno = fromOpenCv(cv::COLORMAP_INFERNO);
    static const Table jet = makeJet();
    static const Table diverging = makeDiverging();
    switch (map) {
    case ColorMap::Viridis:
        return viridis;
    case ColorMap::Inferno:
        return inferno;
    case ColorMap::Jet:
        return jet;
    case ColorMap::Diverging:
        return diverging;
    }
    return viridis;
}

std::array<uint8_t, 3> colorAt(ColorMap map, float t)
{
    if (std::isnan(t))
        t = 0.0f;
    const int index = static_cast<int>(std::lround(std::clamp(t, 0.0f, 1.0f) * 255.0f));
    return colorTable(map)[index];
}

std::string toString(ColorMap map)
{
    switch (map) {
    case ColorMap::Viridis:
        return "viridis";
    case ColorMap::Inferno:
        return "inferno";
    case ColorMap::Jet:
        return "jet";
    case ColorMap::Diverging:
        return "diverging";
    }
    return "viridis";
}

ColorMap colorMapFromString(const std::string &text)
{
    std::string key = text;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (key == "viridis")
        return ColorMap::Viridis;
    if (key == "inferno")
        return ColorMap::Inferno;
    if (key == "jet")
        return ColorMap::Jet;
    if (key == "diverging" || key == "rdbu" || key == "rdbu_r")
        return ColorMap::Diverging;
    throw std::invalid_argument("unknown colour map '" + text +
                                "'; valid: viridis, inferno, jet, diverging");
}

std::vector<std::string> colorMapNames()
{
    return {"viridis", "inferno", "jet", "diverging"};
}

bool isDiverging(ColorMap map)
{
    return map == ColorMap::Diverging;
}

} // namespace ql::imaging
