// SPDX-License-Identifier: MIT
#include "core/data/idx_reader.h"

#include "core/data/gzip_io.h"
#include "core/data/normalization.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ql::core {

namespace {

namespace fs = std::filesystem;

uint32_t readBigEndian(const std::vector<uint8_t> &bytes, size_t offset)
{
    return (uint32_t{bytes[offset]} << 24) | (uint32_t{bytes[offset + 1]} << 16) |
           (uint32_t{bytes[offset + 2]} << 8) | uint32_t{bytes[offset + 3]};
}

std::string hex8(uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", value);
    return text;
}

void checkHeader(const std::vector<uint8_t> &bytes, const std::string &path, uint32_t magic,
                 size_t headerBytes, const char *what)
{
    if (bytes.size() < 4)
        throw std::runtime_error(path + " is truncated: " + std::to_string(bytes.size()) +
                                 " bytes, too short for an IDX header");
    const uint32_t found = readBigEndian(bytes, 0);
    if (found != magic)
        throw std::runtime_error(path + " is not an IDX " + what + " file: magic number " +
                                 hex8(found) + " (" + std::to_string(found) + "), expected " +
                                 hex8(magic) + " (" + std::to_string(magic) + ")");
    if (bytes.size() < headerBytes)
        throw std::runtime_error(path + " is truncated: the IDX header needs " +
                                 std::to_string(headerBytes) + " bytes, the file has " +
                                 std::to_string(bytes.size()));
}

/// First existing file among the usual spellings (`.gz` or not, '-' or '.' before idx).
std::string findIdxFile(const std::string &dir, const std::string &stem, const std::string &kind)
{
    const std::string dotted = stem + "." + kind; // e.g. train-images.idx3-ubyte
    for (const std::string &name :
         {stem + "-" + kind + ".gz", stem + "-" + kind, dotted + ".gz", dotted}) {
        const fs::path candidate = fs::path(dir) / name;
        if (fs::is_regular_file(candidate))
            return candidate.string();
    }
    throw std::runtime_error("missing " + stem + "-" + kind + "[.gz] in " + dir +
                             " (fetch the data set first, e.g. 'quantlens-cli data fetch mnist')");
}

Dataset loadSplit(const std::string &dir, const std::string &stem, const std::string &name,
                  MnistFlavor flavor)
{
    const std::string imagesPath = findIdxFile(dir, stem + "-images", "idx3-ubyte");
    const std::string labelsPath = findIdxFile(dir, stem + "-labels", "idx1-ubyte");
    Dataset set;
    set.name = name;
    set.classNames = mnistClassNames(flavor);
    set.images = readIdxImages(imagesPath);
    set.labels = readIdxLabels(labelsPath, set.numClasses());
    if (set.images.size(0) != set.labels.size(0))
        throw std::runtime_error("count mismatch: " + imagesPath + " holds " +
                                 std::to_string(set.images.size(0)) + " images but " + labelsPath +
                                 " holds " + std::to_string(set.labels.size(0)) + " labels");
    return set;
}

} // namespace

torch::Tensor readIdxImages(const std::string &path)
{
    const std::vector<uint8_t> bytes = readFileMaybeGzip(path);
    constexpr size_t kHeader = 16;
    checkHeader(bytes, path, kIdxImagesMagic, kHeader, "image");
    const uint32_t n = readBigEndian(bytes, 4);
    const uint32_t h = readBigEndian(bytes, 8);
    const uint32_t w = readBigEndian(bytes, 12);
    if (h == 0 || w == 0 || h > 4096 || w > 4096)
        throw std::runtime_error(path + " has implausible image dimensions " + std::to_string(h) +
                                 "x" + std::to_string(w));
    const uint64_t expected = uint64_t{n} * h * w;
    const uint64_t available = bytes.size() - kHeader;
    if (available < expected)
        throw std::runtime_error(path + " is truncated: the header promises " + std::to_string(n) +
                                 " images of " + std::to_string(h) + "x" + std::to_string(w) +
                                 " (" + std::to_string(expected) + " bytes) but only " +
                                 std::to_string(available) + " bytes follow");
    if (available > expected)
        throw std::runtime_error(path + " has " + std::to_string(available - expected) +
                                 " unexpected bytes after " + std::to_string(n) + " images");
    torch::Tensor images = torch::empty({int64_t{n}, 1, int64_t{h}, int64_t{w}}, torch::kUInt8);
    if (expected > 0)
        std::memcpy(images.data_ptr<uint8_t>(), bytes.data() + kHeader, expected);
    return images;
}

torch::Tensor readIdxLabels(const std::string &path, int64_t numClasses)
{
    const std::vector<uint8_t> bytes = readFileMaybeGzip(path);
    constexpr size_t kHeader = 8;
    checkHeader(bytes, path, kIdxLabelsMagic, kHeader, "label");
    const uint32_t n = readBigEndian(bytes, 4);
    const uint64_t available = bytes.size() - kHeader;
    if (available != n)
        throw std::runtime_error(path + (available < n ? " is truncated" : " has trailing bytes") +
                                 ": the header promises " + std::to_string(n) + " labels but " +
                                 std::to_string(available) + " bytes follow");
    torch::Tensor labels = torch::empty({int64_t{n}}, torch::kInt64);
    int64_t *out = labels.data_ptr<int64_t>();
    for (uint32_t i = 0; i < n; ++i) {
        const uint8_t label = bytes[kHeader + i];
        if (label >= numClasses)
            throw std::runtime_error(path + ": label " + std::to_string(label) + " of item " +
                                     std::to_string(i) + " is out of range [0, " +
                                     std::to_string(numClasses) + ")");
        out[i] = label;
    }
    return labels;
}

std::vector<std::string> mnistClassNames(MnistFlavor flavor)
{
    if (flavor == MnistFlavor::Fashion)
        return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
}

std::string readSubsetNote(const std::string &dir)
{
    std::ifstream in(fs::path(dir) / kSubsetMarkerFile);
    if (!in)
        return {};
    std::ostringstream text;
    text << in.rdbuf();
    std::string note = text.str();
    while (!note.empty() && (note.back() == '\n' || note.back() == '\r' || note.back() == ' '))
        note.pop_back();
    return note;
}

DataSplits loadMnistStyle(const std::string &dir, MnistFlavor flavor)
{
    if (!fs::is_directory(dir))
        throw std::runtime_error("data folder " + dir + " does not exist");
    const std::string base = flavor == MnistFlavor::Fashion ? "fashion-mnist" : "mnist";
    DataSplits splits;
    splits.train = loadSplit(dir, "train", base + "/train", flavor);
    splits.test = loadSplit(dir, "t10k", base + "/test", flavor);
    if (splits.train.height() != splits.test.height() ||
        splits.train.width() != splits.test.width())
        throw std::runtime_error("train and test images in " + dir + " differ in size");
    splits.norm =
        flavor == MnistFlavor::Fashion ? fashionMnistNormalization() : mnistNormalization();
    splits.note = readSubsetNote(dir);
    return splits;
}

} // namespace ql::core
