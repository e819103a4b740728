// SPDX-License-Identifier: MIT
#include "core/data/cifar_reader.h"

#include "core/data/gzip_io.h"
#include "core/data/normalization.h"

#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>

namespace ql::core {

namespace {

namespace fs = std::filesystem;
constexpr int64_t kSide = 32;
constexpr int64_t kPixels = 3 * kSide * kSide;
constexpr int64_t kRecord = 1 + kPixels;
constexpr int64_t kClasses = 10;
constexpr int kTrainBatches = 5;
/// A real batch holds 10,000 records (30 MiB); refuse files claiming more than 10x that.
constexpr int64_t kMaxRecords = 100000;

} // namespace

LabelledImages readCifar10Batch(const std::string &path)
{
    // Streamed record by record: the record count is known before allocating for raw files;
    // gzip data grows the tensors only as records arrive, up to kMaxRecords.
    MaybeGzipReader in(path);
    int64_t n = 0;
    if (!in.compressed()) {
        const auto size = static_cast<int64_t>(in.fileSize());
        if (size == 0)
            throw std::runtime_error(path + " is empty, expected CIFAR-10 records of 3073 bytes");
        if (size % kRecord != 0)
            throw std::runtime_error(
                path + " is truncated or not a CIFAR-10 batch: " + std::to_string(size) +
                " bytes is not a whole number of " + std::to_string(kRecord) +
                "-byte records (last record has " + std::to_string(size % kRecord) + " bytes)");
        n = size / kRecord;
    }
    if (n > kMaxRecords)
        throw std::runtime_error(path + " holds " + std::to_string(n) +
                                 " records, more than the limit of " + std::to_string(kMaxRecords) +
                                 " per batch file");
    std::vector<uint8_t> pixels;
    std::vector<int64_t> labels;
    if (n > 0) {
        pixels.reserve(static_cast<size_t>(n * kPixels));
        labels.reserve(static_cast<size_t>(n));
    }
    uint8_t record[kRecord];
    for (int64_t i = 0;; ++i) {
        const size_t got = in.read(record, kRecord);
        if (got == 0)
            break;
        if (got < static_cast<size_t>(kRecord))
            throw std::runtime_error(path + " is truncated or not a CIFAR-10 batch: " +
                                     std::to_string(i * kRecord + static_cast<int64_t>(got)) +
                                     " bytes is not a whole number of " + std::to_string(kRecord) +
                                     "-byte records (last record has " + std::to_string(got) +
                                     " bytes)");
        if (i >= kMaxRecords)
            throw std::runtime_error(path + " holds more than the limit of " +
                                     std::to_string(kMaxRecords) + " records per batch file");
        if (record[0] >= kClasses)
            throw std::runtime_error(path + ": label " + std::to_string(record[0]) + " of record " +
                                     std::to_string(i) + " is out of range [0, 10)");
        labels.push_back(record[0]);
        pixels.insert(pixels.end(), record + 1, record + kRecord); // already channel-planar
    }
    if (labels.empty())
        throw std::runtime_error(path + " is empty, expected CIFAR-10 records of 3073 bytes");
    n = static_cast<int64_t>(labels.size());
    LabelledImages out{torch::empty({n, 3, kSide, kSide}, torch::kUInt8),
                       torch::empty({n}, torch::kInt64)};
    std::memcpy(out.images.data_ptr<uint8_t>(), pixels.data(), pixels.size());
    std::memcpy(out.labels.data_ptr<int64_t>(), labels.data(), labels.size() * sizeof(int64_t));
    return out;
}

std::vector<std::string> cifar10ClassNames(const std::string &dir)
{
    std::vector<std::string> names = {"airplane", "automobile", "bird",  "cat",  "deer",
                                      "dog",      "frog",       "horse", "ship", "truck"};
    if (dir.empty())
        return names;
    const fs::path metaPath = fs::path(dir) / "batches.meta.txt";
    std::error_code ec;
    if (!fs::is_regular_file(metaPath, ec))
        return names;
    std::istringstream meta;
    try {
        const std::vector<uint8_t> bytes = readWholeFile(metaPath.string(), 64 << 10);
        meta.str(std::string(bytes.begin(), bytes.end()));
    } catch (const std::runtime_error &) {
        return names; // unreadable or oversized: the canonical names
    }
    std::vector<std::string> fromFile;
    for (std::string line; std::getline(meta, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (!line.empty())
            fromFile.push_back(line);
    }
    return fromFile.size() == names.size() ? fromFile : names;
}

std::string findCifar10BinaryDir(const std::string &dir)
{
    for (const fs::path &candidate : {fs::path(dir), fs::path(dir) / "cifar-10-batches-bin"})
        if (fs::is_regular_file(candidate / "test_batch.bin"))
            return candidate.string();
    return {};
}

DataSplits loadCifar10Binary(const std::string &dir)
{
    const std::string root = findCifar10BinaryDir(dir);
    if (root.empty())
        throw std::runtime_error("no CIFAR-10 binary batches (test_batch.bin) in " + dir +
                                 " or its cifar-10-batches-bin folder");
    const auto names = cifar10ClassNames(root);
    std::vector<torch::Tensor> images;
    std::vector<torch::Tensor> labels;
    for (int b = 1; b <= kTrainBatches; ++b) {
        const fs::path path = fs::path(root) / ("data_batch_" + std::to_string(b) + ".bin");
        if (!fs::is_regular_file(path))
            throw std::runtime_error("missing CIFAR-10 training batch " + path.string());
        LabelledImages batch = readCifar10Batch(path.string());
        images.push_back(batch.images);
        labels.push_back(batch.labels);
    }
    DataSplits splits;
    splits.train = {"cifar10/train", torch::cat(images), torch::cat(labels), names};
    LabelledImages test = readCifar10Batch((fs::path(root) / "test_batch.bin").string());
    splits.test = {"cifar10/test", test.images, test.labels, names};
    splits.norm = cifar10Normalization();
    return splits;
}

} // namespace ql::core
