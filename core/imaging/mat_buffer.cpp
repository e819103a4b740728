// SPDX-License-Identifier: MIT
#include "core/imaging/mat_buffer.h"

#include <opencv2/imgproc.hpp>

#include <stdexcept>

namespace ql::imaging {

ImageBuffer bufferFromBgrMat(const cv::Mat &mat)
{
    cv::Mat out;
    switch (mat.channels()) {
    case 1:
        out = mat;
        break;
    case 2: // grey + alpha: keep the grey plane
        cv::extractChannel(mat, out, 0);
        break;
    case 3:
        cv::cvtColor(mat, out, cv::COLOR_BGR2RGB);
        break;
    case 4:
        cv::cvtColor(mat, out, cv::COLOR_BGRA2RGB);
        break;
    default:
        throw std::runtime_error("unsupported image with " + std::to_string(mat.channels()) +
                                 " channels");
    }
    if (!out.isContinuous())
        out = out.clone();
    ImageBuffer image;
    image.width = out.cols;
    image.height = out.rows;
    image.channels = out.channels();
    image.pixels.assign(out.datastart, out.dataend);
    return image;
}

cv::Mat borrowMat(const ImageBuffer &image)
{
    if (image.channels != 1 && image.channels != 3)
        throw std::invalid_argument("image buffers have 1 or 3 channels, not " +
                                    std::to_string(image.channels));
    if (image.pixels.size() != static_cast<size_t>(image.width) * image.height * image.channels)
        throw std::invalid_argument("image buffer size does not match its dimensions");
    return cv::Mat(image.height, image.width, CV_8UC(image.channels),
                   const_cast<uint8_t *>(image.pixels.data()));
}

cv::Mat bgrMatFromBuffer(const ImageBuffer &image)
{
    const cv::Mat rgb = borrowMat(image);
    cv::Mat out;
    if (image.channels == 3)
        cv::cvtColor(rgb, out, cv::COLOR_RGB2BGR);
    else
        out = rgb.clone();
    return out;
}

} // namespace ql::imaging
