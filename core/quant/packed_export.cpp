// SPDX-License-Identifier: MIT
#include "core/quant/packed_export.h"

#include "core/data/gzip_io.h"
#include "core/deploy/qlpack_reader.h"
#include "core/models/model_footprint.h"
#include "core/quant/weight_quantizer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace ql::core {
namespace {

constexpr char kMagic[8] = {'Q', 'L', 'P', 'A', 'C', 'K', '\0', '\1'};

std::vector<uint8_t> packBits(const torch::Tensor &levels, int bits)
{
    const torch::Tensor flat = levels.contiguous().flatten();
    const uint8_t *values = flat.data_ptr<uint8_t>();
    const int64_t count = flat.numel();
    std::vector<uint8_t> out(static_cast<size_t>((count * bits + 7) / 8), 0);
    for (int64_t i = 0; i < count; ++i) {
        const int64_t position = i * bits;
        for (int b = 0; b < bits; ++b)
            if ((values[i] >> b) & 1)
                out[static_cast<size_t>((position + b) / 8)] |=
                    static_cast<uint8_t>(1u << ((position + b) % 8));
    }
    return out;
}

torch::Tensor unpackBits(const uint8_t *data, int64_t count, int bits)
{
    torch::Tensor levels = torch::empty({count}, torch::kUInt8);
    uint8_t *out = levels.data_ptr<uint8_t>();
    for (int64_t i = 0; i < count; ++i) {
        uint8_t value = 0;
        const int64_t position = i * bits;
        for (int b = 0; b < bits; ++b)
            if ((data[(position + b) / 8] >> ((position + b) % 8)) & 1)
                value = static_cast<uint8_t>(value | (1u << b));
        out[i] = value;
    }
    return levels;
}

nlohmann::json specToJson(const ModelSpec &spec)
{
    nlohmann::json perLayer = nlohmann::json::object();
    for (const auto &[name, bits] : spec.quant.perLayer)
        perLayer[name] = {bits.weightBits, bits.activationBits};
    return {{"arch", spec.arch},
            {"inChannels", spec.inChannels},
            {"imageSize", spec.imageSize},
            {"numClasses", spec.numClasses},
            {"weightBits", spec.quant.weightBits},
            {"activationBits", spec.quant.activationBits},
            {"edgePolicy", toString(spec.quant.edgePolicy)},
            {"alphaInit", spec.quant.alphaInit},
            {"perLayer", perLayer}};
}

void appendFloats(std::vector<uint8_t> &blob, const torch::Tensor &tensor)
{
    const torch::Tensor t = tensor.detach().to(torch::kCPU).to(torch::kFloat).contiguous();
    const auto *bytes = reinterpret_cast<const uint8_t *>(t.data_ptr<float>());
    blob.insert(blob.end(), bytes, bytes + t.numel() * sizeof(float));
}

} // namespace

std::string packedModelBytes(const ClassifierImpl &model, const Normalization *input)
{
    torch::NoGradGuard noGrad;
    nlohmann::json header;
    header["format"] = "quantlens-packed";
    header["version"] = 1;
    header["spec"] = specToJson(model.spec());
    std::map<std::string, int> packedWeights; // parameter name -> bits
    nlohmann::json layers = nlohmann::json::array();
    for (const LayerInfo &info : model.layers()) {
        layers.push_back({{"name", info.name},
                          {"kind", info.kind},
                          {"weightBits", info.bits.weightBits},
                          {"activationBits", info.bits.activationBits},
                          {"alpha", info.alpha}});
        if (info.bits.weightBits != kFloatBits)
            packedWeights[info.name + ".weight"] = info.bits.weightBits;
    }
    header["layers"] = layers;

    std::vector<uint8_t> blob;
    nlohmann::json tensors = nlohmann::json::array();
    auto add = [&](const std::string &name, const torch::Tensor &value) {
        nlohmann::json entry{{"name", name}, {"shape", value.sizes().vec()}};
        entry["offset"] = blob.size();
        if (const auto it = packedWeights.find(name); it != packedWeights.end()) {
            const DoReFaLevels levels = doReFaLevels(value, it->second);
            const std::vector<uint8_t> packed = packBits(levels.levels, it->second);
            blob.insert(blob.end(), packed.begin(), packed.end());
            entry["encoding"] = "dorefa";
            entry["bits"] = it->second;
            entry["scale"] = levels.scale;
        } else {
            appendFloats(blob, value);
            entry["encoding"] = "float32";
        }
        entry["bytes"] = blob.size() - entry["offset"].get<size_t>();
        tensors.push_back(entry);
    };
    for (const auto &item : model.named_parameters())
        add(item.key(), item.value());
    for (const auto &item : model.named_buffers())
        if (item.value().is_floating_point()) // num_batches_tracked only matters for training
            add(item.key(), item.value());
    header["tensors"] = tensors;
    if (input != nullptr)
        header["input"] = {{"mean", input->mean}, {"std", input->std}};
    deploy::markIntegrity(header);

    const std::string text = header.dump();
    const uint64_t length = text.size();
    uint8_t lengthBytes[8];
    for (int i = 0; i < 8; ++i)
        lengthBytes[i] = static_cast<uint8_t>(length >> (8 * i));

    std::string bytes;
    bytes.reserve(sizeof kMagic + sizeof lengthBytes + text.size() + blob.size() + 4);
    bytes.append(kMagic, sizeof kMagic);
    bytes.append(reinterpret_cast<const char *>(lengthBytes), sizeof lengthBytes);
    bytes.append(text);
    bytes.append(reinterpret_cast<const char *>(blob.data()), blob.size());
    const uint32_t crc = deploy::crc32Of(bytes.data(), bytes.size());
    for (int i = 0; i < 4; ++i)
        bytes.push_back(static_cast<char>(static_cast<uint8_t>(crc >> (8 * i))));
    return bytes;
}

void exportPackedModel(const ClassifierImpl &model, const std::string &path,
                       const Normalization *input)
{
    const std::string bytes = packedModelBytes(model, input);
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw std::runtime_error("cannot write '" + temp +
                                     "': check that the folder exists "
                                     "and is writable");
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            out.close();
            std::filesystem::remove(temp);
            throw std::runtime_error("writing '" + temp + "' failed (disk full?)");
        }
    }
    std::error_code error;
    std::filesystem::rename(temp, path, error);
    if (error) {
        std::filesystem::remove(temp);
        throw std::runtime_error("cannot replace '" + path + "': " + error.message());
    }
}

ClassifierPtr loadPackedModel(const std::string &path, c10::Device device)
{
    std::vector<uint8_t> bytes; // regular files only (a FIFO never blocks), at most 2 GiB
    try {
        bytes = readWholeFile(path);
    } catch (const std::runtime_error &e) {
        throw std::runtime_error("cannot open packed model: " + std::string(e.what()));
    }
    const auto fail = [&](const std::string &why) {
        return std::runtime_error("'" + path + "' is not a valid QuantLens packed model: " + why);
    };
    if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw fail("wrong magic");
    uint64_t length = 0;
    for (int i = 0; i < 8; ++i)
        length |= static_cast<uint64_t>(static_cast<uint8_t>(bytes[8 + i])) << (8 * i);
    if (length > bytes.size() - 16)
        throw fail("header length beyond the end of the file");
    const size_t dataStart = 16 + length;
    try {
        const nlohmann::json header =
            nlohmann::json::parse(bytes.begin() + 16, bytes.begin() + static_cast<long>(dataStart));
        deploy::checkIntegrity(header, reinterpret_cast<const uint8_t *>(bytes.data()),
                               bytes.size(),
                               "'" + path + "' is not a valid QuantLens packed model: ");
        ModelSpec spec = deploy::modelSpecFromPackedJson(header.at("spec"));
        // Bound what the header may make us build by what the file holds: every value takes at
        // least one bit, so a spec needing more than 8 values per file byte is forged.
        if (spec.inChannels < 1 || spec.inChannels > kMaxModelChannels || spec.imageSize < 1 ||
            spec.imageSize > kMaxModelImageSize || spec.numClasses < 2 ||
            spec.numClasses > kMaxModelClasses)
            throw fail("implausible model shape in the header");
        const int64_t elements = modelTensorElements(spec);
        if (elements < 0 || static_cast<uint64_t>(elements) / 8 > bytes.size())
            throw fail("the header describes a model larger than the file (" +
                       std::to_string(elements) + " values in " + std::to_string(bytes.size()) +
                       " bytes)");
        // Already-quantized weights run as they are; activation bits stay.
        for (const auto &layer : header.at("layers"))
            if (layer.at("weightBits").get<int>() != kFloatBits)
                spec.quant.perLayer[layer.at("name").get<std::string>()] =
                    LayerBits{kFloatBits, layer.at("activationBits").get<int>()};
        ClassifierPtr model = makeClassifier(spec);
        auto params = model->named_parameters();
        auto buffers = model->named_buffers();
        torch::NoGradGuard noGrad;
        for (const auto &entry : header.at("tensors")) {
            const std::string name = entry.at("name").get<std::string>();
            torch::Tensor *target = params.find(name);
            if (target == nullptr)
                target = buffers.find(name);
            if (target == nullptr)
                throw fail("unknown tensor '" + name + "'");
            const auto shape = entry.at("shape").get<std::vector<int64_t>>();
            const uint64_t relative = entry.at("offset").get<uint64_t>();
            const uint64_t count = entry.at("bytes").get<uint64_t>();
            if (target->sizes().vec() != shape || relative > bytes.size() - dataStart ||
                count > bytes.size() - dataStart - relative)
                throw fail("tensor '" + name + "' has a wrong shape or size");
            const size_t offset = dataStart + static_cast<size_t>(relative);
            const auto *data = reinterpret_cast<const uint8_t *>(bytes.data() + offset);
            torch::Tensor value;
            if (entry.at("encoding") == "dorefa") {
                const int64_t bits = entry.at("bits").get<int64_t>();
                if (bits < 1 || bits > 8 ||
                    count < static_cast<uint64_t>((target->numel() * bits + 7) / 8))
                    throw fail("tensor '" + name + "' has a wrong bit width or size");
                const double scaleValue = entry.at("scale").get<double>();
                if (!(std::fabs(scaleValue) <= 1e30)) // also keeps the float cast defined
                    throw fail("tensor '" + name + "' has a non-finite scale");
                const float scale = static_cast<float>(scaleValue);
                if (!std::isfinite(scale))
                    throw fail("tensor '" + name + "' has a non-finite scale");
                const torch::Tensor levels = unpackBits(data, target->numel(), int(bits));
                value = doReFaDequantize(levels, scale, int(bits));
            } else {
                if (count != static_cast<size_t>(target->numel()) * sizeof(float))
                    throw fail("tensor '" + name + "' has a wrong size");
                value = torch::empty({target->numel()}, torch::kFloat);
                std::memcpy(value.data_ptr<float>(), data, count);
            }
            target->copy_(value.view(shape));
        }
        model->to(device);
        model->eval();
        return model;
    } catch (const nlohmann::json::exception &error) {
        throw fail(error.what());
    } catch (const std::invalid_argument &error) { // a spec makeClassifier refuses
        throw fail(error.what());
    }
}

} // namespace ql::core
