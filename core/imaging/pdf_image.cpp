// SPDX-License-Identifier: MIT
#include "core/imaging/pdf_image.h"

#include "core/train/checkpoint.h"

#include <zlib.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

namespace ql::imaging {

namespace {

std::string deflate(const std::vector<uint8_t> &data)
{
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef *>(out.data()), &size, data.data(),
                  static_cast<uLong>(data.size()), Z_BEST_COMPRESSION) != Z_OK)
        throw std::runtime_error("cannot compress the PDF image stream");
    out.resize(size);
    return out;
}

} // namespace

void writeImagePdf(const RgbImage &image, const std::string &path, double dpi)
{
    if (image.isNull() || image.pixels.size() != size_t(3) * image.width * image.height)
        throw std::invalid_argument("cannot write an empty image as PDF");
    if (!(dpi > 0))
        throw std::invalid_argument("PDF resolution must be > 0");
    const double w = image.width * 72.0 / dpi;
    const double h = image.height * 72.0 / dpi;
    char page[64];
    std::snprintf(page, sizeof page, "%.2f 0 0 %.2f 0 0", w, h);
    char box[64];
    std::snprintf(box, sizeof box, "[0 0 %.2f %.2f]", w, h);
    const std::string content = std::string("q ") + page + " cm /Im0 Do Q\n";
    const std::string pixels = deflate(image.pixels);

    std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets;
    auto object = [&](const std::string &body) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
    };
    object("<< /Type /Catalog /Pages 2 0 R >>");
    object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object(std::string("<< /Type /Page /Parent 2 0 R /MediaBox ") + box +
           " /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>");
    object("<< /Type /XObject /Subtype /Image /Width " + std::to_string(image.width) + " /Height " +
           std::to_string(image.height) +
           " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length " +
           std::to_string(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream");
    object("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
           "endstream");
    const size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t offset : offsets) {
        char line[24];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(offsets.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    core::writeFileAtomically(path, pdf);
}

} // namespace ql::imaging
