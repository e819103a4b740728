// SPDX-License-Identifier: MIT
#include "core/train/checkpoint.h"
#include "core/quant/quant_layers.h"

#include "core/train/config_json.h"

#include <nlohmann/json.hpp>
#include <torch/optim/optimizer.h>
#include <torch/serialize/archive.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ql::core {

namespace detail {
int64_t g_failWriteAfterBytes = -1;
} // namespace detail

namespace {

constexpr char kMagic[8] = {'Q', 'L', 'C', 'K', 'P', 'T', '0', '1'};
constexpr size_t kHeaderSize = 8 + 8 + 8 + 4; // magic, json size, archive size, CRC-32
constexpr const char *kFormat = "quantlens-checkpoint";

/// Archive keys must be identifiers (the archive is a TorchScript module), parameter names
/// contain dots: tensors are stored as p<i> / b<i>, their names in the JSON metadata.
std::string keyFor(bool isBuffer, size_t index)
{
    return (isBuffer ? "b" : "p") + std::to_string(index);
}

uint32_t crcOf(const char *data, size_t size)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    while (size > 0) {
        const uInt chunk = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
        crc = crc32(crc, reinterpret_cast<const Bytef *>(data), chunk);
        data += chunk;
        size -= chunk;
    }
    return static_cast<uint32_t>(crc);
}

std::string readWholeFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open checkpoint " + path + ": " + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

struct Parsed {
    nlohmann::json meta;
    std::string archive;
};

Parsed parse(const std::string &path, const std::string &bytes)
{
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        throw std::runtime_error(path + " is not a QuantLens checkpoint (bad magic bytes)");
    if (bytes.size() < kHeaderSize)
        throw std::runtime_error("checkpoint " + path + " is truncated (incomplete header)");
    uint64_t jsonSize = 0, archiveSize = 0;
    uint32_t crc = 0;
    std::memcpy(&jsonSize, bytes.data() + 8, 8);
    std::memcpy(&archiveSize, bytes.data() + 16, 8);
    std::memcpy(&crc, bytes.data() + 24, 4);
    const uint64_t expected = kHeaderSize + jsonSize + archiveSize;
    if (jsonSize > bytes.size() || archiveSize > bytes.size() || bytes.size() < expected)
        throw std::runtime_error("checkpoint " + path +
                                 " is truncated: " + std::to_string(bytes.size()) +
                                 " bytes, expected " + std::to_string(expected));
    if (bytes.size() > expected)
        throw std::runtime_error("checkpoint " + path + " is corrupt: " +
                                 std::to_string(bytes.size() - expected) + " unexpected bytes");
    const char *body = bytes.data() + kHeaderSize;
    if (crcOf(body, jsonSize + archiveSize) != crc)
        throw std::runtime_error("checkpoint " + path + " is corrupt (CRC-32 mismatch)");
    Parsed parsed;
    try {
        parsed.meta = nlohmann::json::parse(body, body + jsonSize);
    } catch (const nlohmann::json::exception &e) {
        throw std::runtime_error("checkpoint " + path + " has unreadable metadata: " + e.what());
    }
    if (parsed.meta.value("format", "") != kFormat || parsed.meta.value("version", 0) != 1)
        throw std::runtime_error("checkpoint " + path + " has an unknown format or version");
    parsed.archive.assign(body + jsonSize, archiveSize);
    return parsed;
}

CheckpointInfo infoFromMeta(const std::string &path, const nlohmann::json &meta)
{
    CheckpointInfo info;
    try {
        info.config = trainingConfigFromJson(meta.at("config"));
        info.history = metricsHistoryFromJson(meta.at("history"));
        info.epochsCompleted = meta.at("epochsCompleted").get<int>();
        info.stepInEpoch = meta.at("stepInEpoch").get<int64_t>();
        info.globalStep = meta.at("globalStep").get<int64_t>();
        info.bestTestAccuracy = meta.at("bestTestAccuracy").get<double>();
        info.epochLossSum = meta.at("epochLossSum").get<double>();
        info.epochCorrect = meta.at("epochCorrect").get<double>();
        info.epochSamples = meta.at("epochSamples").get<int64_t>();
    } catch (const std::exception &e) {
        throw std::runtime_error("checkpoint " + path + " has invalid metadata: " + e.what());
    }
    return info;
}

} // namespace

void writeFileAtomically(const std::string &path, const std::string &bytes)
{
    const size_t slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
    std::string tmpl = path + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        throw std::runtime_error("cannot write " + path + ": cannot create a temporary file in " +
                                 dir + ": " + std::strerror(errno));
    auto failWith = [&](const std::string &why) {
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw std::runtime_error("cannot write " + path + ": " + why);
    };
    size_t limit = bytes.size();
    if (detail::g_failWriteAfterBytes >= 0)
        limit = std::min<size_t>(limit, static_cast<size_t>(detail::g_failWriteAfterBytes));
    size_t written = 0;
    while (written < limit) {
        const ssize_t n = ::write(fd, bytes.data() + written, limit - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            failWith(std::strerror(errno));
        }
        written += static_cast<size_t>(n);
    }
    if (written < bytes.size())
        failWith("no space left on device (simulated)");
    if (::fsync(fd) != 0)
        failWith(std::string("flush failed: ") + std::strerror(errno));
    if (::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    }
    ::chmod(tmpl.c_str(), 0644);
    if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(tmpl.c_str());
        throw std::runtime_error("cannot write " + path + ": rename failed: " + why);
    }
}

void saveCheckpoint(const std::string &path, const CheckpointInfo &info,
                    const ClassifierImpl &model, const CheckpointState &state)
{
    torch::serialize::OutputArchive archive;
    std::vector<std::string> parameterNames, bufferNames;
    {
        torch::serialize::OutputArchive params;
        for (const auto &item : model.named_parameters(true)) {
            params.write(keyFor(false, parameterNames.size()), item.value().detach().cpu());
            parameterNames.push_back(item.key());
        }
        for (const auto &item : model.named_buffers(true)) {
            params.write(keyFor(true, bufferNames.size()), item.value().detach().cpu(), true);
            bufferNames.push_back(item.key());
        }
        archive.write("model", params);
    }
    if (state.optimizer) {
        torch::serialize::OutputArchive opt;
        state.optimizer->save(opt);
        archive.write("optimizer", opt);
    }
    if (state.defaultGeneratorState.defined())
        archive.write("rng_default", state.defaultGeneratorState, true);
    if (state.trainerGeneratorState.defined())
        archive.write("rng_trainer", state.trainerGeneratorState, true);
    std::ostringstream archiveBytes;
    archive.save_to(archiveBytes);

    const nlohmann::json meta = {{"format", kFormat},
                                 {"version", 1},
                                 {"config", toJson(info.config)},
                                 {"history", toJson(info.history)},
                                 {"epochsCompleted", info.epochsCompleted},
                                 {"stepInEpoch", info.stepInEpoch},
                                 {"globalStep", info.globalStep},
                                 {"bestTestAccuracy", info.bestTestAccuracy},
                                 {"epochLossSum", info.epochLossSum},
                                 {"epochCorrect", info.epochCorrect},
                                 {"epochSamples", info.epochSamples},
                                 {"hasOptimizer", state.optimizer != nullptr},
                                 {"parameterNames", parameterNames},
                                 {"bufferNames", bufferNames}};
    const std::string json = meta.dump();
    const std::string blob = archiveBytes.str();
    std::string body = json + blob;
    const uint64_t jsonSize = json.size(), archiveSize = blob.size();
    const uint32_t crc = crcOf(body.data(), body.size());
    std::string bytes(kHeaderSize, '\0');
    std::memcpy(bytes.data(), kMagic, 8);
    std::memcpy(bytes.data() + 8, &jsonSize, 8);
    std::memcpy(bytes.data() + 16, &archiveSize, 8);
    std::memcpy(bytes.data() + 24, &crc, 4);
    bytes += body;
    writeFileAtomically(path, bytes);
}

CheckpointInfo readCheckpointInfo(const std::string &path)
{
    const Parsed parsed = parse(path, readWholeFile(path));
    return infoFromMeta(path, parsed.meta);
}

CheckpointInfo loadCheckpoint(const std::string &path, ClassifierImpl &model,
                              CheckpointState *state)
{
    const Parsed parsed = parse(path, readWholeFile(path));
    CheckpointInfo info = infoFromMeta(path, parsed.meta);
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(parsed.archive.data(), parsed.archive.size(), torch::Device("cpu"));
    } catch (const std::exception &e) {
        throw std::runtime_error("checkpoint " + path + " has an unreadable tensor archive");
    }
    torch::serialize::InputArchive params;
    if (!archive.try_read("model", params))
        throw std::runtime_error("checkpoint " + path + " holds no model");
    std::vector<std::string> parameterNames, bufferNames;
    try {
        parameterNames = parsed.meta.at("parameterNames").get<std::vector<std::string>>();
        bufferNames = parsed.meta.at("bufferNames").get<std::vector<std::string>>();
    } catch (const std::exception &) {
        throw std::runtime_error("checkpoint " + path + " lists no tensor names");
    }
    auto copyInto = [&](const std::string &name, torch::Tensor target, bool isBuffer) {
        const auto &names = isBuffer ? bufferNames : parameterNames;
        const auto found = std::find(names.begin(), names.end(), name);
        torch::Tensor value;
        if (found == names.end() ||
            !params.try_read(keyFor(isBuffer, size_t(found - names.begin())), value, isBuffer))
            throw std::runtime_error("checkpoint " + path + " does not fit the model: no '" + name +
                                     "' (model " + model.spec().arch + ")");
        if (value.sizes() != target.sizes())
            throw std::runtime_error("checkpoint " + path + " does not fit the model: '" + name +
                                     "' has another shape");
        torch::NoGradGuard noGrad;
        target.copy_(value);
    };
    for (const auto &item : model.named_parameters(true))
        copyInto(item.key(), item.value(), false);
    for (const auto &item : model.named_buffers(true))
        copyInto(item.key(), item.value(), true);
    if (state) {
        if (state->optimizer) {
            torch::serialize::InputArchive opt;
            if (!archive.try_read("optimizer", opt))
                throw std::runtime_error("checkpoint " + path + " holds no optimiser state");
            try {
                state->optimizer->load(opt);
            } catch (const std::exception &e) {
                throw std::runtime_error("checkpoint " + path +
                                         ": optimiser state does not fit: " + e.what());
            }
        }
        torch::Tensor t;
        state->defaultGeneratorState =
            archive.try_read("rng_default", t, true) ? t : torch::Tensor();
        torch::Tensor u;
        state->trainerGeneratorState =
            archive.try_read("rng_trainer", u, true) ? u : torch::Tensor();
    }
    return info;
}

ClassifierPtr loadModelFromCheckpoint(const std::string &path, const c10::Device &device,
                                      CheckpointInfo *info)
{
    const CheckpointInfo meta = readCheckpointInfo(path);
    ClassifierPtr model = makeClassifier(meta.config.model);
    loadCheckpoint(path, *model);
    model->to(device);
    model->eval();
    setInferenceCache(*model, true); // a frozen model: repeated inference skips re-quantizing
    if (info)
        *info = meta;
    return model;
}

} // namespace ql::core
