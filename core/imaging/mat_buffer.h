// SPDX-License-Identifier: MIT
#pragma once

#include "core/imaging/image_decode.h"

#include <opencv2/core/mat.hpp>

// Conversions between OpenCV's BGR matrices and our RGB ImageBuffer (internal to imaging).
namespace ql::imaging {

/// Copies a 1-, 3- or 4-channel 8-bit BGR(A) matrix into an ImageBuffer (grey or RGB).
ImageBuffer bufferFromBgrMat(const cv::Mat &mat);

/// A BGR (or grey) matrix that owns a copy of the buffer's pixels.
cv::Mat bgrMatFromBuffer(const ImageBuffer &image);

/// A matrix that borrows the buffer's pixels in its own (RGB / grey) channel order.
cv::Mat borrowMat(const ImageBuffer &image);

} // namespace ql::imaging
