// SPDX-License-Identifier: MIT
#include "core/data/idx_reader.h"

#include "core/data/gzip_io.h"
#include "core/data/normalization.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace ql::core {

namespace {

namespace fs = std::filesystem;

/// Largest image payload an IDX file may declare (1 GiB: about 1.3 million 28x28 images).
constexpr uint64_t kMaxIdxBytes = uint64_t{1} << 30;

uint32_t readBigEndian(const uint8_t *bytes)
{
    return (uint32_t{bytes[0]} << 24) | (uint32_t{bytes[1]} << 16) | (uint32_t{bytes[2]} << 8) |
           uint32_t{bytes[3]};
}

std::string hex8(uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", value);
    return text;
}

/// Reads and checks the header before anything else is read or allocated.
void readHeader(MaybeGzipReader &in, uint8_t *header, uint32_t magic, size_t headerBytes,
                const char *what)
{
    const std::string &path = in.path();
    const size_t got = in.read(header, headerBytes);
    if (got < 4)
        throw std::runtime_error(path + " is truncated: " + std::to_string(got) +
                                 " bytes, too short for an IDX header");
    const uint32_t found = readBigEndian(header);
    if (found != magic)
        throw std::runtime_error(path + " is not an IDX " + what + " file: magic number " +
                                 hex8(found) + " (" + std::to_string(found) + "), expected " +
                                 hex8(magic) + " (" + std::to_string(magic) + ")");
    if (got < headerBytes)
        throw std::runtime_error(path + " is truncated: the IDX header needs " +
                                 std::to_string(headerBytes) + " bytes, the file has " +
                                 std::to_string(got));
}

/// Reads exactly `expected` payload bytes into `dst` and checks that nothing follows.
/// `declared` describes the header's promise for messages ("3 images of 28x28").
void readPayload(MaybeGzipReader &in, uint8_t *dst, uint64_t expected, const std::string &declared)
{
    const uint64_t got = expected > 0 ? in.read(dst, static_cast<size_t>(expected)) : 0;
    if (got < expected)
        throw std::runtime_error(in.path() + " is truncated: the header promises " + declared +
                                 " (" + std::to_string(expected) + " bytes) but only " +
                                 std::to_string(got) + " bytes follow");
    const uint64_t extra = in.skip(uint64_t{1} << 20);
    if (extra > 0)
        throw std::runtime_error(in.path() + " has " + std::to_string(extra) +
                                 (extra >= (uint64_t{1} << 20) ? " or more" : "") +
                                 " unexpected bytes after " + declared);
}

/// Refuses a declared payload the file cannot hold or that exceeds the limit, before any
/// allocation.
void checkDeclaredSize(const MaybeGzipReader &in, size_t headerBytes, uint64_t expected,
                       const std::string &declared)
{
    if (expected > kMaxIdxBytes)
        throw std::runtime_error(in.path() + " declares " + declared + " (" +
                                 formatBytes(expected) + "), more than the limit of " +
                                 formatBytes(kMaxIdxBytes));
    if (!in.compressed()) {
        const uint64_t available = in.fileSize() - headerBytes;
        if (available < expected)
            throw std::runtime_error(in.path() + " is truncated: the header promises " + declared +
                                     " (" + std::to_string(expected) + " bytes) but only " +
                                     std::to_string(available) + " bytes follow");
        if (available > expected)
            throw std::runtime_error(in.path() + " has " + std::to_string(available - expected) +
                                     " unexpected bytes after " + declared);
    } else if (expected > in.maxDataBytes()) {
        throw std::runtime_error(in.path() + " is truncated: the header promises " + declared +
                                 " (" + formatBytes(expected) + ") but a gzip file of " +
                                 formatBytes(in.fileSize()) + " cannot hold that much");
    }
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
    MaybeGzipReader in(path);
    constexpr size_t kHeader = 16;
    uint8_t header[kHeader];
    readHeader(in, header, kIdxImagesMagic, kHeader, "image");
    const uint32_t n = readBigEndian(header + 4);
    const uint32_t h = readBigEndian(header + 8);
    const uint32_t w = readBigEndian(header + 12);
    if (h == 0 || w == 0 || h > 4096 || w > 4096)
        throw std::runtime_error(path + " has implausible image dimensions " + std::to_string(h) +
                                 "x" + std::to_string(w));
    const uint64_t expected = uint64_t{n} * h * w;
    const std::string declared =
        std::to_string(n) + " images of " + std::to_string(h) + "x" + std::to_string(w);
    checkDeclaredSize(in, kHeader, expected, declared);
    torch::Tensor images = torch::empty({int64_t{n}, 1, int64_t{h}, int64_t{w}}, torch::kUInt8);
    readPayload(in, images.data_ptr<uint8_t>(), expected, declared);
    return images;
}

torch::Tensor readIdxLabels(const std::string &path, int64_t numClasses)
{
    MaybeGzipReader in(path);
    constexpr size_t kHeader = 8;
    uint8_t header[kHeader];
    readHeader(in, header, kIdxLabelsMagic, kHeader, "label");
    const uint32_t n = readBigEndian(header + 4);
    const std::string declared = std::to_string(n) + " labels";
    checkDeclaredSize(in, kHeader, n, declared);
    std::vector<uint8_t> bytes(n);
    readPayload(in, bytes.data(), n, declared);
    torch::Tensor labels = torch::empty({int64_t{n}}, torch::kInt64);
    int64_t *out = labels.data_ptr<int64_t>();
    for (uint32_t i = 0; i < n; ++i) {
        const uint8_t label = bytes[i];
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
    const fs::path path = fs::path(dir) / kSubsetMarkerFile;
    std::error_code ec;
    if (!fs::exists(path, ec))
        return {};
    const std::vector<uint8_t> bytes = readWholeFile(path.string(), 64 << 10); // a short note
    std::string note(bytes.begin(), bytes.end());
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
