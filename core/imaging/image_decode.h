// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ql::imaging {

/// A plain 8-bit image: row-major, channels interleaved (RGB order for colour). Plain bytes so
/// that Qt code can wrap it in a QImage without OpenCV or torch.
struct ImageBuffer {
    int width = 0;
    int height = 0;
    int channels = 0; ///< 1 (grey) or 3 (RGB)
    std::vector<uint8_t> pixels;

    bool empty() const { return pixels.empty(); }
};

/// How decodeImage treats colour: keep the file's (grey stays 1 channel, colour and alpha
/// become RGB), or force grey / RGB.
enum class ColorMode { Keep, Grayscale, Rgb };

/// Decodes PNG / JPEG / BMP bytes. Throws std::runtime_error naming `nameForErrors` for an
/// unsupported format (e.g. a PDF), a corrupt or a truncated file.
ImageBuffer decodeImage(const std::vector<uint8_t> &bytes, const std::string &nameForErrors,
                        ColorMode mode = ColorMode::Keep);

/// Reads and decodes an image file (see decodeImage).
ImageBuffer decodeImageFile(const std::string &path, ColorMode mode = ColorMode::Keep);

/// Encodes to PNG (for tests, exports and image-folder writers); throws on failure.
std::vector<uint8_t> encodePng(const ImageBuffer &image);

/// True for the file extensions the image-folder loader reads (png, jpg, jpeg, bmp; any case).
bool hasImageExtension(const std::string &path);

} // namespace ql::imaging
