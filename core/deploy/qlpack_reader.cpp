// SPDX-License-Identifier: MIT
#include "core/deploy/qlpack_reader.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <stdexcept>

namespace ql::core::deploy {

const char kPackedMagic[8] = {'Q', 'L', 'P', 'A', 'C', 'K', '\0', '\1'};

namespace {

/// Largest tensor we accept (elements): far above any model here, far below what would let a
/// forged shape overflow the byte arithmetic.
constexpr int64_t kMaxElements = int64_t{1} << 32;

std::vector<uint8_t> unpackLevels(const uint8_t *data, int64_t count, int bits)
{
    std::vector<uint8_t> out(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) {
        unsigned value = 0;
        const int64_t position = i * bits;
        for (int b = 0; b < bits; ++b)
            if ((data[(position + b) / 8] >> ((position + b) % 8)) & 1)
                value |= 1u << b;
        out[static_cast<size_t>(i)] = static_cast<uint8_t>(value);
    }
    return out;
}

} // namespace

ModelSpec modelSpecFromPackedJson(const nlohmann::json &j)
{
    ModelSpec spec;
    spec.arch = j.at("arch").get<std::string>();
    spec.inChannels = j.at("inChannels").get<int64_t>();
    spec.imageSize = j.at("imageSize").get<int64_t>();
    spec.numClasses = j.at("numClasses").get<int64_t>();
    spec.quant.weightBits = j.at("weightBits").get<int>();
    spec.quant.activationBits = j.at("activationBits").get<int>();
    spec.quant.edgePolicy = edgeLayerPolicyFromString(j.at("edgePolicy").get<std::string>());
    const double alphaInit = j.at("alphaInit").get<double>(); // float overflow would be UB
    if (!(alphaInit > 0.0 && alphaInit <= 1e6))
        throw std::invalid_argument("alphaInit outside (0, 1e6]");
    spec.quant.alphaInit = static_cast<float>(alphaInit);
    for (const auto &[name, bits] : j.at("perLayer").items())
        spec.quant.perLayer[name] = LayerBits{bits.at(0).get<int>(), bits.at(1).get<int>()};
    return spec;
}

int64_t PackedTensor::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

uint32_t crc32Of(const void *data, size_t size, uint32_t crcIn)
{
    uLong crc = crcIn;
    const auto *bytes = static_cast<const Bytef *>(data);
    while (size > 0) {
        const uInt chunk = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
        crc = crc32(crc, bytes, chunk);
        bytes += chunk;
        size -= chunk;
    }
    return static_cast<uint32_t>(crc);
}

void markIntegrity(nlohmann::json &header)
{
    header["integrity"] = "crc32-trailer";
}

size_t checkIntegrity(const nlohmann::json &header, const uint8_t *file, size_t size,
                      const std::string &prefix)
{
    if (!header.contains("integrity"))
        return 0;
    if (header.at("integrity") != "crc32-trailer")
        throw std::runtime_error(prefix + "unknown integrity scheme " +
                                 header.at("integrity").dump());
    if (size < 20)
        throw std::runtime_error(prefix + "the CRC-32 trailer is missing (truncated?)");
    uint32_t stored = 0;
    for (int i = 0; i < 4; ++i)
        stored |= static_cast<uint32_t>(file[size - 4 + static_cast<size_t>(i)]) << (8 * i);
    if (crc32Of(file, size - 4) != stored)
        throw std::runtime_error(prefix + "CRC-32 mismatch: the file is truncated, damaged or "
                                          "altered");
    return 4;
}

const PackedTensor &PackedFile::tensor(const std::string &name,
                                       const std::vector<int64_t> &shape) const
{
    const auto it = tensors.find(name);
    const std::string prefix = "'" + path + "' is not a valid QuantLens packed model: ";
    if (it == tensors.end())
        throw std::runtime_error(prefix + "tensor '" + name + "' is missing");
    if (!shape.empty() && it->second.shape != shape)
        throw std::runtime_error(prefix + "tensor '" + name + "' has an unexpected shape");
    return it->second;
}

PackedFile readPackedFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open packed model '" + path + "'");
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
    const std::string prefix = "'" + path + "' is not a valid QuantLens packed model: ";
    const auto fail = [&](const std::string &why) { return std::runtime_error(prefix + why); };
    if (bytes.size() < 16 || std::memcmp(bytes.data(), kPackedMagic, sizeof kPackedMagic) != 0)
        throw fail("wrong magic (not a QLPACK file)");
    uint64_t length = 0;
    for (int i = 0; i < 8; ++i)
        length |= static_cast<uint64_t>(bytes[static_cast<size_t>(8 + i)]) << (8 * i);
    if (length > bytes.size() - 16)
        throw fail("header length beyond the end of the file (truncated?)");
    const size_t dataStart = 16 + static_cast<size_t>(length);
    const uint8_t *data = bytes.data() + dataStart;
    size_t dataSize = bytes.size() - dataStart;

    PackedFile file;
    file.path = path;
    file.fileBytes = bytes.size();
    try {
        const nlohmann::json header = nlohmann::json::parse(
            bytes.begin() + 16, bytes.begin() + static_cast<std::ptrdiff_t>(dataStart));
        if (header.at("format").get<std::string>() != "quantlens-packed")
            throw fail("format is not quantlens-packed");
        if (header.at("version").get<int>() != 1)
            throw fail("unsupported version " + header.at("version").dump());
        const size_t trailer = checkIntegrity(header, bytes.data(), bytes.size(), prefix);
        if (trailer > dataSize)
            throw fail("the CRC-32 trailer overlaps the header");
        dataSize -= trailer;
        file.hasIntegrity = trailer > 0;
        file.spec = modelSpecFromPackedJson(header.at("spec"));
        if (header.contains("input")) {
            // Read as double and range-check before narrowing (a double beyond float's range
            // converted to float is undefined behaviour).
            const auto mean = header.at("input").at("mean").get<std::vector<double>>();
            const auto std = header.at("input").at("std").get<std::vector<double>>();
            if (mean.size() != static_cast<size_t>(file.spec.inChannels) ||
                std.size() != mean.size())
                throw fail("input normalisation does not have one value per channel");
            for (size_t c = 0; c < std.size(); ++c) {
                if (!(std::fabs(mean[c]) <= 1e6) || !(std[c] > 0.0 && std[c] <= 1e6))
                    throw fail("input normalisation has a non-finite, non-positive or huge value");
                file.mean.push_back(static_cast<float>(mean[c]));
                file.std.push_back(static_cast<float>(std[c]));
            }
        }
        for (const auto &layer : header.at("layers")) {
            PackedLayer l;
            l.name = layer.at("name").get<std::string>();
            l.kind = layer.at("kind").get<std::string>();
            l.weightBits = layer.at("weightBits").get<int>();
            l.activationBits = layer.at("activationBits").get<int>();
            const double alpha = layer.at("alpha").get<double>(); // narrowed once checked
            if (!(std::fabs(alpha) <= 1e6))
                throw fail("layer '" + l.name + "' has a non-finite or huge alpha");
            l.alpha = static_cast<float>(alpha);
            if (!isValidBitWidth(l.weightBits) || !isValidBitWidth(l.activationBits))
                throw fail("layer '" + l.name + "' has an invalid bit-width");
            file.layers.push_back(l);
        }
        std::vector<std::pair<uint64_t, uint64_t>> ranges;
        for (const auto &entry : header.at("tensors")) {
            PackedTensor t;
            t.name = entry.at("name").get<std::string>();
            t.shape = entry.at("shape").get<std::vector<int64_t>>();
            int64_t numel = 1;
            for (int64_t d : t.shape) {
                if (d <= 0 || d > kMaxElements || numel > kMaxElements / d)
                    throw fail("tensor '" + t.name + "' has an invalid shape");
                numel *= d;
            }
            const uint64_t offset = entry.at("offset").get<uint64_t>();
            const uint64_t count = entry.at("bytes").get<uint64_t>();
            const std::string encoding = entry.at("encoding").get<std::string>();
            uint64_t expected = 0;
            if (encoding == "dorefa") {
                t.dorefa = true;
                t.bits = entry.at("bits").get<int>();
                t.scale = entry.at("scale").get<float>();
                if (t.bits < 1 || t.bits > 8)
                    throw fail("tensor '" + t.name + "' has " + std::to_string(t.bits) +
                               " bits (1..8 allowed)");
                if (!std::isfinite(t.scale) || t.scale < 0.0f)
                    throw fail("tensor '" + t.name + "' has an invalid scale");
                expected = (static_cast<uint64_t>(numel) * static_cast<uint64_t>(t.bits) + 7) / 8;
            } else if (encoding == "float32") {
                expected = static_cast<uint64_t>(numel) * sizeof(float);
            } else {
                throw fail("tensor '" + t.name + "' has the unknown encoding '" + encoding + "'");
            }
            if (count != expected)
                throw fail("tensor '" + t.name + "' has " + std::to_string(count) +
                           " bytes, its shape needs " + std::to_string(expected));
            if (offset > dataSize || count > dataSize - offset)
                throw fail("tensor '" + t.name + "' lies beyond the end of the file (truncated?)");
            const uint8_t *at = data + offset;
            if (t.dorefa) {
                t.levels = unpackLevels(at, numel, t.bits);
            } else {
                t.values.resize(static_cast<size_t>(numel));
                std::memcpy(t.values.data(), at, static_cast<size_t>(count));
                for (float v : t.values)
                    if (!std::isfinite(v))
                        throw fail("tensor '" + t.name + "' holds a non-finite value");
            }
            ranges.emplace_back(offset, count);
            const std::string name = t.name;
            if (!file.tensors.emplace(name, std::move(t)).second)
                throw fail("tensor '" + name + "' appears twice");
        }
        std::sort(ranges.begin(), ranges.end());
        for (size_t i = 1; i < ranges.size(); ++i)
            if (ranges[i - 1].first + ranges[i - 1].second > ranges[i].first)
                throw fail("two tensors overlap in the data area");
    } catch (const nlohmann::json::exception &error) {
        throw fail(std::string("bad header: ") + error.what());
    } catch (const std::invalid_argument &error) {
        throw fail(std::string("bad header: ") + error.what());
    }
    return file;
}

} // namespace ql::core::deploy
