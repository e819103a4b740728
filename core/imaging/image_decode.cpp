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

} // namespace

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
    return decodeImage(ql::core::readWholeFile(path), path, mode);
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
