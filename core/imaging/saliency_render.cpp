// SPDX-License-Identifier: MIT
#include "core/imaging/saliency_render.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace ql::imaging {

namespace {

void checkMap(const FloatImage &map, const char *what)
{
    if (map.width <= 0 || map.height <= 0 || map.channels != 1 ||
        map.data.size() != static_cast<size_t>(map.width) * map.height)
        throw std::invalid_argument(std::string(what) + ": expected a single-channel map with " +
                                    "width * height values");
}

/// Grayscale [0, 1] of an input image: luma for 3 channels, the mean otherwise; stretched by
/// its own min/max (a flat image becomes mid-grey).
std::vector<float> grayscale(const FloatImage &image)
{
    const size_t plane = static_cast<size_t>(image.width) * image.height;
    if (image.channels < 1 || image.data.size() != plane * image.channels)
        throw std::invalid_argument("input image: expected channels * width * height values");
    std::vector<float> gray(plane, 0.0f);
    for (size_t i = 0; i < plane; ++i) {
        if (image.channels == 3) {
            gray[i] = 0.299f * image.data[i] + 0.587f * image.data[plane + i] +
                      0.114f * image.data[2 * plane + i];
        } else {
            float sum = 0.0f;
            for (int c = 0; c < image.channels; ++c)
                sum += image.data[c * plane + i];
            gray[i] = sum / image.channels;
        }
    }
    const auto [lo, hi] = std::minmax_element(gray.begin(), gray.end());
    const float low = *lo;
    const float range = *hi - *lo;
    for (float &g : gray)
        g = range > 0.0f ? (g - low) / range : 0.5f;
    return gray;
}

RgbImage colourise(const FloatImage &positions, ColorMap colorMap, const FloatImage *background,
                   float opacity, int zoom)
{
    RgbImage out(positions.width, positions.height);
    std::vector<float> gray;
    if (background != nullptr) {
        if (background->width != positions.width || background->height != positions.height)
            throw std::invalid_argument(
                "background image size " + std::to_string(background->width) + "x" +
                std::to_string(background->height) + " differs from the map's " +
                std::to_string(positions.width) + "x" + std::to_string(positions.height));
        gray = grayscale(*background);
    }
    const float alpha = std::clamp(opacity, 0.0f, 1.0f);
    for (int y = 0; y < positions.height; ++y) {
        for (int x = 0; x < positions.width; ++x) {
            const size_t i = static_cast<size_t>(y) * positions.width + x;
            const auto colour = colorAt(colorMap, positions.data[i]);
            uint8_t *px = out.pixel(x, y);
            for (int c = 0; c < 3; ++c) {
                float v = colour[c];
                if (!gray.empty())
                    v = (1.0f - alpha) * gray[i] * 255.0f + alpha * v;
                px[c] = static_cast<uint8_t>(std::lround(std::clamp(v, 0.0f, 255.0f)));
            }
        }
    }
    return zoom == 1 ? out : zoomNearest(out, zoom);
}

} // namespace

float DisplayScale::position(float v) const
{
    if (std::isnan(v))
        return signedMode ? 0.5f : 0.0f;
    const float h = high > 0.0f ? high : 1.0f;
    if (signedMode)
        return 0.5f + 0.5f * std::clamp(v / h, -1.0f, 1.0f);
    return std::clamp(std::fabs(v) / h, 0.0f, 1.0f);
}

double percentile(std::vector<float> values, double p)
{
    if (values.empty())
        throw std::invalid_argument("percentile of an empty set");
    if (!(p >= 0.0 && p <= 100.0))
        throw std::invalid_argument("percentile must be within 0..100");
    std::sort(values.begin(), values.end());
    const double pos = p / 100.0 * static_cast<double>(values.size() - 1);
    const size_t lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(lo + 1, values.size() - 1);
    const double w = pos - static_cast<double>(lo);
    return values[lo] + w * (static_cast<double>(values[hi]) - values[lo]);
}

DisplayScale sharedScale(const std::vector<const FloatImage *> &maps, bool signedMode,
                         double clipPercentile)
{
    std::vector<float> magnitudes;
    for (const FloatImage *map : maps) {
        if (map == nullptr)
            continue;
        for (float v : map->data) {
            if (std::isfinite(v))
                magnitudes.push_back(std::fabs(v));
        }
    }
    DisplayScale scale;
    scale.signedMode = signedMode;
    if (magnitudes.empty())
        return scale;
    float high = static_cast<float>(percentile(magnitudes, clipPercentile));
    if (!(high > 0.0f))
        high = *std::max_element(magnitudes.begin(), magnitudes.end());
    scale.high = high > 0.0f ? high : 1.0f;
    return scale;
}

RgbImage renderMap(const FloatImage &map, const DisplayScale &scale, const RenderOptions &options,
                   const FloatImage *background)
{
    checkMap(map, "renderMap");
    if (options.zoom < 1)
        throw std::invalid_argument("zoom must be >= 1");
    FloatImage positions = map;
    for (float &v : positions.data)
        v = scale.position(v);
    return colourise(positions, options.colorMap, background, options.opacity, options.zoom);
}

RgbImage renderDifference(const FloatImage &a, const FloatImage &b, const DisplayScale &scale,
                          int zoom, const FloatImage *background, float opacity)
{
    checkMap(a, "renderDifference");
    checkMap(b, "renderDifference");
    if (a.width != b.width || a.height != b.height)
        throw std::invalid_argument("renderDifference: the two maps differ in size");
    if (zoom < 1)
        throw std::invalid_argument("zoom must be >= 1");
    DisplayScale signedScale = scale;
    signedScale.signedMode = true;
    FloatImage positions = a;
    for (size_t i = 0; i < a.data.size(); ++i) {
        const float d =
            scale.signedMode ? a.data[i] - b.data[i] : std::fabs(a.data[i]) - std::fabs(b.data[i]);
        positions.data[i] = signedScale.position(d);
    }
    return colourise(positions, ColorMap::Diverging, background, opacity, zoom);
}

RgbImage renderInput(const FloatImage &image, int zoom)
{
    const size_t plane = static_cast<size_t>(image.width) * image.height;
    if (image.width <= 0 || image.height <= 0 || image.channels < 1 ||
        image.data.size() != plane * image.channels)
        throw std::invalid_argument("renderInput: expected channels * width * height values");
    const auto [lo, hi] = std::minmax_element(image.data.begin(), image.data.end());
    const float low = *lo;
    const float range = *hi - *lo;
    RgbImage out(image.width, image.height);
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            uint8_t *px = out.pixel(x, y);
            for (int c = 0; c < 3; ++c) {
                const float v = image.at(x, y, image.channels == 3 ? c : 0);
                const float t = range > 0.0f ? (v - low) / range : 0.5f;
                px[c] = static_cast<uint8_t>(std::lround(t * 255.0f));
            }
        }
    }
    return zoom == 1 ? out : zoomNearest(out, zoom);
}

RgbImage composeGrid(const std::vector<std::vector<RgbImage>> &cells, int gap, uint8_t background)
{
    size_t columns = 0;
    for (const auto &row : cells)
        columns = std::max(columns, row.size());
    std::vector<int> colWidth(columns, 0);
    std::vector<int> rowHeight(cells.size(), 0);
    for (size_t r = 0; r < cells.size(); ++r) {
        for (size_t c = 0; c < cells[r].size(); ++c) {
            colWidth[c] = std::max(colWidth[c], cells[r][c].width);
            rowHeight[r] = std::max(rowHeight[r], cells[r][c].height);
        }
    }
    int width = gap;
    for (int w : colWidth)
        width += w + gap;
    int height = gap;
    for (int h : rowHeight)
        height += h + gap;
    RgbImage out(width, height, background);
    int top = gap;
    for (size_t r = 0; r < cells.size(); ++r) {
        int left = gap;
        for (size_t c = 0; c < cells[r].size(); ++c) {
            const RgbImage &cell = cells[r][c];
            for (int y = 0; y < cell.height; ++y)
                std::copy_n(cell.pixel(0, y), 3 * cell.width, out.pixel(left, top + y));
            left += colWidth[c] + gap;
        }
        top += rowHeight[r] + gap;
    }
    return out;
}

} // namespace ql::imaging
