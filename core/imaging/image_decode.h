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

/// Largest image decoded: 64 Mpx (64 x 2^20 pixels), checked from the file's header before
/// anything is decoded or allocated (about 200 MiB of RGB pixels).
constexpr int64_t kMaxImagePixels = int64_t{64} << 20;
/// Largest image file read (256 MiB).
constexpr uint64_t kMaxImageFileBytes = uint64_t{256} << 20;

/// What a PNG / JPEG / BMP header says, without decoding.
struct ImageHeader {
    int width = 0;
    int height = 0;
    int channels = 0; ///< 1 (grey) or 3 (colour, palette or alpha), as decodeImage keeps them
};

/// Reads the size from the header bytes (PNG IHDR, JPEG SOF, BMP info header) and checks it
/// against kMaxImagePixels. Throws std::runtime_error naming `nameForErrors` for an unknown
/// format, a header that is cut short or corrupt, or an image above the limit. `complete`
/// tells whether `bytes` is the whole file (else a missing JPEG frame header may come later:
/// the caller reads more).
ImageHeader probeImageHeader(const std::vector<uint8_t> &bytes, const std::string &nameForErrors,
                             bool complete = true);

/// Reads only as much of the file as its header needs (regular files only).
ImageHeader probeImageFile(const std::string &path);

/// Decodes PNG / JPEG / BMP bytes, after probeImageHeader has accepted the size. Throws
/// std::runtime_error naming `nameForErrors` for an unsupported format (e.g. a PDF), a corrupt or a
/// truncated file, or more than kMaxImagePixels pixels.
ImageBuffer decodeImage(const std::vector<uint8_t> &bytes, const std::string &nameForErrors,
                        ColorMode mode = ColorMode::Keep);

/// Reads and decodes an image file (see decodeImage): a regular file of at most
/// kMaxImageFileBytes.
ImageBuffer decodeImageFile(const std::string &path, ColorMode mode = ColorMode::Keep);

/// Encodes to PNG (for tests, exports and image-folder writers); throws on failure.
std::vector<uint8_t> encodePng(const ImageBuffer &image);

/// True for the file extensions the image-folder loader reads (png, jpg, jpeg, bmp; any case).
bool hasImageExtension(const std::string &path);

} // namespace ql::imaging
