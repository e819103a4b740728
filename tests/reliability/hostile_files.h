// SPDX-License-Identifier: MIT
#pragma once

// Builders of small hostile files shared by the reliability tests and the fuzz seed writer:
// each is a few bytes that claims something enormous.

#include <cstdint>
#include <string>
#include <vector>

namespace ql::test {

using Bytes = std::vector<uint8_t>;

inline void putBigEndian(Bytes &out, uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(v >> shift));
}

/// An IDX image header (magic 2051) with n x h x w and `payload` bytes after it.
inline Bytes idxImagesHeader(uint32_t n, uint32_t h, uint32_t w, size_t payload = 0)
{
    Bytes out;
    putBigEndian(out, 2051);
    putBigEndian(out, n);
    putBigEndian(out, h);
    putBigEndian(out, w);
    for (size_t i = 0; i < payload; ++i)
        out.push_back(static_cast<uint8_t>(i * 7));
    return out;
}

/// PNG signature + an IHDR chunk claiming width x height RGB, then nothing (CRC left zero).
inline Bytes forgedPng(uint32_t width, uint32_t height)
{
    Bytes out = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    putBigEndian(out, 13);
    for (char c : std::string("IHDR"))
        out.push_back(static_cast<uint8_t>(c));
    putBigEndian(out, width);
    putBigEndian(out, height);
    for (uint8_t b : {8, 2, 0, 0, 0}) // 8-bit RGB, no interlace
        out.push_back(b);
    putBigEndian(out, 0); // CRC
    putBigEndian(out, 0); // an empty IDAT follows in a real file; here the data just ends
    return out;
}

/// SOI, an APP0 segment, an SOF0 frame header claiming width x height x 3, EOI.
inline Bytes forgedJpeg(uint16_t width, uint16_t height)
{
    Bytes out = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F',
                 0,    1,    1,    0,    0,    1,    0,   1,   0,   0};
    const Bytes sof = {0xFF,
                       0xC0,
                       0x00,
                       0x11,
                       0x08,
                       static_cast<uint8_t>(height >> 8),
                       static_cast<uint8_t>(height),
                       static_cast<uint8_t>(width >> 8),
                       static_cast<uint8_t>(width),
                       0x03,
                       1,
                       0x11,
                       0,
                       2,
                       0x11,
                       0,
                       3,
                       0x11,
                       0};
    out.insert(out.end(), sof.begin(), sof.end());
    out.push_back(0xFF);
    out.push_back(0xD9);
    return out;
}

/// A BMP file header + BITMAPINFOHEADER claiming width x height, 24 bits, no pixels.
inline Bytes forgedBmp(int32_t width, int32_t height)
{
    Bytes out = {'B', 'M'};
    auto le32 = [&](uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    };
    auto le16 = [&](uint16_t v) {
        out.push_back(static_cast<uint8_t>(v));
        out.push_back(static_cast<uint8_t>(v >> 8));
    };
    le32(54);
    le32(0);
    le32(54);
    le32(40);
    le32(static_cast<uint32_t>(width));
    le32(static_cast<uint32_t>(height));
    le16(1);
    le16(24);
    for (int i = 0; i < 6; ++i)
        le32(0);
    return out;
}

} // namespace ql::test
