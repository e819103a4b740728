// SPDX-License-Identifier: MIT
#include "core/imaging/image_decode.h"

#include "core/data/gzip_io.h"
#include "core/imaging/mat_buffer.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <cerrno>
#include <unistd.h>

namespace ql::imaging {

namespace {

enum class Format { Png, Jpeg, Bmp, Unknown };

Format sniff(const std::vector<uint8_t> &b)
{
    if (b.size() >= 8 && std::memcmp(b.data(), "\x89PNG\r\n\x1a\n", 8) == 0)
        return Format::Png;
    if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        return Format::Jpeg;
    if (b.size() >= 2 && b[0] == 'B' && b[1] == 'M')
        return Format::Bmp;
    return Format::Unknown;
}

std::string describeUnknown(const std::vector<uint8_t> &b)
{
    if (b.empty())
        return "the file is empty";
    if (b.size() >= 4 && std::memcmp(b.data(), "%PDF", 4) == 0)
        return "it is a PDF document, not an image";
    if (ql::core::isGzip(b.data(), b.size()))
        return "it is a gzip archive, not an image";
    return "not a PNG, JPEG or BMP image";
}

/// libjpeg fills a truncated JPEG with grey and only warns; a complete one ends with EOI.
bool jpegHasEndMarker(const std::vector<uint8_t> &b)
{
    const size_t from = b.size() > 64 ? b.size() - 64 : 0;
    for (size_t i = b.size(); i-- > from + 1;)
        if (b[i - 1] == 0xFF && b[i] == 0xD9)
            return true;
    return false;
}

uint32_t be32(const uint8_t *p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

uint32_t be16(const uint8_t *p)
{
    return (uint32_t{p[0]} << 8) | p[1];
}

int32_t le32(const uint8_t *p)
{
    return static_cast<int32_t>(uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) |
                                (uint32_t{p[3]} << 24));
}

[[noreturn]] void corrupt(const std::string &name, const std::string &why)
{
    throw std::runtime_error("cannot read image " + name + ": " + why);
}

/// Width, height and channels from a JPEG frame header (SOFn); false when the bytes end first.
bool jpegFrame(const std::vector<uint8_t> &b, const std::string &name, ImageHeader &h)
{
    size_t pos = 2; // after SOI
    while (true) {
        while (pos < b.size() && b[pos] != 0xFF)
            ++pos; // tolerate garbage between segments, as libjpeg does
        while (pos < b.size() && b[pos] == 0xFF)
            ++pos; // fill bytes
        if (pos >= b.size())
            return false;
        const uint8_t marker = b[pos];
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
            ++pos; // stand-alone markers
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA)
            corrupt(name, "corrupt JPEG (no frame header before the image data)");
        if (pos + 2 >= b.size())
            return false;
        const uint32_t length = be16(&b[pos + 1]);
        if (length < 2)
            corrupt(name, "corrupt JPEG (bad segment length)");
        const bool sof =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (pos + 8 >= b.size())
                return false;
            h.height = static_cast<int>(be16(&b[pos + 4]));
            h.width = static_cast<int>(be16(&b[pos + 6]));
            h.channels = b[pos + 8] == 1 ? 1 : 3;
            return true;
        }
        pos += 1 + length;
    }
}

} // namespace

ImageHeader probeImageHeader(const std::vector<uint8_t> &b, const std::string &name, bool complete)
{
    ImageHeader h;
    switch (sniff(b)) {
    case Format::Unknown:
        corrupt(name, describeUnknown(b));
    case Format::Png: {
        if (b.size() < 33 || std::memcmp(&b[12], "IHDR", 4) != 0)
            corrupt(name, "corrupt PNG (no image header)");
        const uint32_t w = be32(&b[16]), hgt = be32(&b[20]);
        if (w == 0 || hgt == 0 || w > 0x7FFFFFFF || hgt > 0x7FFFFFFF)
            corrupt(name, "corrupt PNG (image size " + std::to_string(w) + "x" +
                              std::to_string(hgt) + ")");
        h.width = static_cast<int>(w);
        h.height = static_cast<int>(hgt);
        const uint8_t colourType = b[25];
        h.channels = (colourType == 0 || colourType == 4) ? 1 : 3;
        break;
    }
    case Format::Jpeg:
        if (!jpegFrame(b, name, h)) {
            if (!complete)
                return {}; // the caller reads more of the file
            corrupt(name, "corrupt or truncated JPEG (no frame header)");
        }
        break;
    case Format::Bmp: {
        if (b.size() < 26)
            corrupt(name, "truncated BMP header");
        const int32_t infoSize = le32(&b[14]);
        int64_t w = 0, hgt = 0;
        if (infoSize == 12) { // OS/2 core header: 16-bit sizes
            w = b[18] | (b[19] << 8);
            hgt = b[20] | (b[21] << 8);
        } else {
            w = le32(&b[18]);
            hgt = le32(&b[22]);
            if (hgt < 0)
                hgt = -hgt; // top-down rows
        }
        if (w <= 0 || hgt <= 0 || w > 0x7FFFFFFF || hgt > 0x7FFFFFFF)
            corrupt(name, "corrupt BMP (image size " + std::to_string(w) + "x" +
                              std::to_string(hgt) + ")");
        h.width = static_cast<int>(w);
        h.height = static_cast<int>(hgt);
        h.channels = 3; // OpenCV keeps grey palettes grey; decided when decoding
        break;
    }
    }
    if (h.width <= 0 || h.height <= 0)
        corrupt(name, "corrupt image header (size " + std::to_string(h.width) + "x" +
                          std::to_string(h.height) + ")");
    const int64_t pixels = int64_t{h.width} * h.height;
    if (pixels > kMaxImagePixels)
        corrupt(name, std::to_string(h.width) + "x" + std::to_string(h.height) + " pixels (" +
                          std::to_string(pixels / 1000000) + " Mpx) is more than the limit of " +
                          std::to_string(kMaxImagePixels >> 20) + " Mpx (" +
                          std::to_string(kMaxImagePixels) + " pixels)");
    return h;
}

ImageHeader probeImageFile(const std::string &path)
{
    uint64_t size = 0;
    const int fd = ql::core::openRegularFile(path, size);
    std::vector<uint8_t> bytes;
    ImageHeader header;
    try {
        // Most headers sit in the first bytes; JPEG metadata segments may push the frame header
        // further, so read more until it appears.
        size_t want = 4096;
        while (true) {
            const size_t target = static_cast<size_t>(std::min<uint64_t>(want, size));
            const size_t have = bytes.size();
            bytes.resize(target);
            size_t done = have;
            while (done < target) {
                const ssize_t n = ::read(fd, bytes.data() + done, target - done);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0)
                    break;
                done += static_cast<size_t>(n);
            }
            bytes.resize(done);
            const bool complete = done >= size || done < target;
            header = probeImageHeader(bytes, path, complete);
            if (header.width > 0 || complete)
                break;
            if (want >= kMaxImageFileBytes)
                corrupt(path, "no JPEG frame header in the first " +
                                  ql::core::formatBytes(kMaxImageFileBytes));
            want *= 8;
        }
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    return header;
}

ImageBuffer decodeImage(const std::vector<uint8_t> &bytes, const std::string &nameForErrors,
                        ColorMode mode)
{
    const Format format = sniff(bytes);
    if (format == Format::Unknown)
        throw std::runtime_error("cannot read image " + nameForErrors + ": " +
                                 describeUnknown(bytes));
    if (format == Format::Jpeg && !jpegHasEndMarker(bytes))
        throw std::runtime_error("cannot read image " + nameForErrors +
                                 ": truncated JPEG (no end-of-image marker)");
    probeImageHeader(bytes, nameForErrors); // size limit before OpenCV allocates anything
    const int flag = mode == ColorMode::Grayscale ? cv::IMREAD_GRAYSCALE
                     : mode == ColorMode::Rgb     ? cv::IMREAD_COLOR
                                                  : cv::IMREAD_UNCHANGED;
    cv::Mat mat;
    try {
        const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1,
                          const_cast<uint8_t *>(bytes.data()));
        mat = cv::imdecode(raw, flag);
    } catch (const cv::Exception &e) {
        throw std::runtime_error("cannot read image " + nameForErrors + ": " + e.what());
    }
    if (mat.empty())
        throw std::runtime_error("cannot read image " + nameForErrors +
                                 ": corrupt or truncated image data");
    if (mat.depth() != CV_8U) { // 16-bit PNG: scale down to 8 bits
        cv::Mat eight;
        mat.convertTo(eight, CV_8U, mat.depth() == CV_16U ? 1.0 / 257.0 : 1.0);
        mat = eight;
    }
    return bufferFromBgrMat(mat);
}

ImageBuffer decodeImageFile(const std::string &path, ColorMode mode)
{
    return decodeImage(ql::core::readWholeFile(path, kMaxImageFileBytes), path, mode);
}

std::vector<uint8_t> encodePng(const ImageBuffer &image)
{
    std::vector<uint8_t> out;
    if (!cv::imencode(".png", bgrMatFromBuffer(image), out))
        throw std::runtime_error("PNG encoding failed");
    return out;
}

bool hasImageExtension(const std::string &path)
{
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp";
}

} // namespace ql::imaging
