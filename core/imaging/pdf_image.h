// SPDX-License-Identifier: MIT
#pragma once

#include "core/imaging/rgb_image.h"

#include <string>

namespace ql::imaging {

/// Writes `image` as a one-page PDF 1.4 (the image as a Flate-compressed RGB XObject filling
/// the page; page size = pixels at `dpi`), atomically. A raster figure in a document format,
/// for readers who want a PDF; no Qt needed (works in the headless CLI). Throws
/// std::runtime_error naming the file on failure, std::invalid_argument for a null image.
void writeImagePdf(const RgbImage &image, const std::string &path, double dpi = 150.0);

} // namespace ql::imaging
