// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ql::imaging {

/// A plain 8-bit RGB image, rows top to bottom, pixels R, G, B, no padding (stride = 3 width).
/// Qt side: QImage(img.pixels.data(), w, h, 3 * w, QImage::Format_RGB888).copy().
struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels; ///< 3 * width * height bytes

    RgbImage() = default;
    RgbImage(int w, int h, uint8_t fill = 0)
        : width(w), height(h), pixels(static_cast<size_t>(3) * w * h, fill)
    {
    }
    bool isNull() const { return width <= 0 || height <= 0; }
    uint8_t *pixel(int x, int y)
    {
        return pixels.data() + 3 * (static_cast<size_t>(y) * width + x);
    }
    const uint8_t *pixel(int x, int y) const
    {
        return pixels.data() + 3 * (static_cast<size_t>(y) * width + x);
    }
};

/// Single-channel or multi-channel float image, planar (channel-major) [C, H, W], used for
/// saliency maps ([1, H, W]) and input images to draw under them.
struct FloatImage {
    int width = 0;
    int height = 0;
    int channels = 1;
    std::vector<float> data; ///< channels * height * width values
    float at(int x, int y, int c = 0) const
    {
        return data[(static_cast<size_t>(c) * height + y) * width + x];
    }
};

/// Writes a PNG atomically (temporary file in the same folder, then rename). Throws
/// std::runtime_error naming the file when encoding or writing fails.
void writePng(const RgbImage &image, const std::string &path);

/// Reads any image OpenCV decodes as RGB. Throws std::runtime_error naming the file.
RgbImage readRgbImage(const std::string &path);

/// Nearest-neighbour upscaling by an integer factor (zoom >= 1): each pixel becomes a
/// zoom x zoom block, no blur. Throws std::invalid_argument for zoom < 1.
RgbImage zoomNearest(const RgbImage &image, int zoom);

} // namespace ql::imaging
