// SPDX-License-Identifier: MIT
#include "core/imaging/rgb_image.h"

#include "core/imaging/image_decode.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace ql::imaging {

void writePng(const RgbImage &image, const std::string &path)
{
    if (image.isNull() ||
        image.pixels.size() != static_cast<size_t>(3) * image.width * image.height)
        throw std::invalid_argument("cannot write '" + path + "': the image is empty or malformed");
    // OpenCV wants BGR; wrap the pixels without copying and convert once.
    const cv::Mat rgb(image.height, image.width, CV_8UC3,
                      const_cast<uint8_t *>(image.pixels.data()));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<uint8_t> encoded;
    if (!cv::imencode(".png", bgr, encoded))
        throw std::runtime_error("cannot encode a PNG for '" + path + "'");

    namespace fs = std::filesystem;
    const fs::path target(path);
    fs::path temp = target;
    temp += ".tmp-" + std::to_string(std::random_device{}());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char *>(encoded.data()),
                  static_cast<std::streamsize>(encoded.size()));
        out.close();
        if (!out) {
            std::error_code ignored;
            fs::remove(temp, ignored);
            throw std::runtime_error("cannot write '" + path +
                                     "': the folder is missing or not writable");
        }
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw std::runtime_error("cannot write '" + path + "': " + ec.message());
    }
}

RgbImage readRgbImage(const std::string &path)
{
    // decodeImageFile: regular files only, size checked from the header before decoding.
    const ImageBuffer decoded = decodeImageFile(path, ColorMode::Rgb);
    RgbImage image(decoded.width, decoded.height);
    std::copy(decoded.pixels.begin(), decoded.pixels.end(), image.pixel(0, 0));
    return image;
}

RgbImage zoomNearest(const RgbImage &image, int zoom)
{
    if (zoom < 1)
        throw std::invalid_argument("zoom must be >= 1 (got " + std::to_string(zoom) + ")");
    RgbImage out(image.width * zoom, image.height * zoom);
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x)
            std::copy_n(image.pixel(x / zoom, y / zoom), 3, out.pixel(x, y));
    }
    return out;
}

} // namespace ql::imaging
