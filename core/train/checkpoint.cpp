// SPDX-License-Identifier: MIT
#include "core/train/checkpoint.h"
#include "core/quant/quant_layers.h"

#include "core/data/gzip_io.h"
#include "core/models/model_footprint.h"
#include "core/train/config_json.h"

#include "core/train/optimizer_factory.h"

#include <nlohmann/json.hpp>
#include <torch/optim/optimizer.h>
#include <torch/serialize/archive.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include <fcntl.h>
#include <signal.h>
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

/// Largest checkpoint read (2 GiB: vgg-small at 32x32 is about 60 MiB with its optimiser).
constexpr uint64_t kMaxCheckpointBytes = uint64_t{2} << 30;

std::vector<uint8_t> readCheckpointFile(const std::string &path)
{
    try {
        return ql::core::readWholeFile(path, kMaxCheckpointBytes);
    } catch (const std::runtime_error &e) {
        throw std::runtime_error(std::string("checkpoint: ") + e.what());
    }
}

struct Parsed {
    nlohmann::json meta;
    std::string archive;
};

Parsed parse(const std::string &path, const std::vector<uint8_t> &file)
{
    const std::string_view bytes(reinterpret_cast<const char *>(file.data()), file.size());
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

/// An integer of the metadata in [lo, hi] of its full type: never a silent wrap.
template <typename T> T boundedInt(const nlohmann::json &meta, const char *key, T lo, T hi)
{
    const nlohmann::json &v = meta.at(key);
    if (!v.is_number_integer())
        throw std::invalid_argument(std::string(key) + " is not a whole number");
    bool fits = false;
    if (v.is_number_unsigned()) {
        const uint64_t u = v.get<uint64_t>();
        fits = hi >= 0 && u <= static_cast<uint64_t>(hi) &&
               (lo <= 0 || u >= static_cast<uint64_t>(lo));
    } else {
        const int64_t i = v.get<int64_t>();
        fits = i >= static_cast<int64_t>(lo) && i <= static_cast<int64_t>(hi);
    }
    if (!fits)
        throw std::invalid_argument(std::string(key) + " " + v.dump() + " is outside [" +
                                    std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v.is_number_unsigned() ? static_cast<T>(v.get<uint64_t>())
                                  : static_cast<T>(v.get<int64_t>());
}

double finiteNumber(const nlohmann::json &meta, const char *key, double lo, double hi)
{
    const nlohmann::json &v = meta.at(key);
    if (!v.is_number())
        throw std::invalid_argument(std::string(key) + " is not a number");
    const double d = v.get<double>();
    if (!std::isfinite(d) || d < lo || d > hi)
        throw std::invalid_argument(std::string(key) + " " + v.dump() + " is outside [" +
                                    std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return d;
}

CheckpointInfo infoFromMeta(const std::string &path, const nlohmann::json &meta)
{
    CheckpointInfo info;
    try {
        constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
        info.config = trainingConfigFromJson(meta.at("config"));
        info.history = metricsHistoryFromJson(meta.at("history"));
        info.epochsCompleted = boundedInt<int>(meta, "epochsCompleted", 0, 100000);
        info.stepInEpoch = boundedInt<int64_t>(meta, "stepInEpoch", 0, kMax);
        info.globalStep = boundedInt<int64_t>(meta, "globalStep", 0, kMax);
        if (info.stepInEpoch > info.globalStep)
            throw std::invalid_argument("stepInEpoch is larger than globalStep");
        info.bestTestAccuracy = finiteNumber(meta, "bestTestAccuracy", 0.0, 1.0);
        info.epochLossSum = finiteNumber(meta, "epochLossSum", 0.0, 1e300);
        info.epochCorrect = finiteNumber(meta, "epochCorrect", 0.0, 1e300);
        info.epochSamples = boundedInt<int64_t>(meta, "epochSamples", 0, kMax);
    } catch (const std::exception &e) {
        throw std::runtime_error("checkpoint " + path + " has invalid metadata: " + e.what());
    }
    return info;
}

/// Refuses metadata describing a model larger than the tensors the file holds, before the
/// model is built (a forged header must not allocate gigabytes).
void checkSpecAgainstFile(const std::string &path, const ModelSpec &spec, uint64_t archiveBytes)
{
    const int64_t elements = modelTensorElements(spec);
    if (elements < 0)
        return; // unknown architecture: makeClassifier names it
    const uint64_t need = static_cast<uint64_t>(elements) > UINT64_MAX / 4
                              ? UINT64_MAX
                              : static_cast<uint64_t>(elements) * 4;
    if (need > archiveBytes)
        throw std::runtime_error(
            "checkpoint " + path + " is corrupt: its metadata describes a " + spec.arch + " for " +
            std::to_string(spec.inChannels) + "x" + std::to_string(spec.imageSize) + "x" +
            std::to_string(spec.imageSize) + " inputs and " + std::to_string(spec.numClasses) +
            " classes (" + std::to_string(elements) + " tensor values, " + formatBytes(need) +
            "), but the file holds only " + formatBytes(archiveBytes) + " of tensors");
}

/// Removes `name.tmp-<pid>-XXXXXX` files whose writer process is gone, and the older
/// `name.tmp-XXXXXX` of versions that did not record the writer.
bool isStaleTemporary(const std::string &fileName)
{
    const size_t at = fileName.rfind(".tmp-");
    if (at == std::string::npos || at == 0)
        return false;
    const std::string tail = fileName.substr(at + 5);
    auto isSuffix = [](const std::string &t) {
        return t.size() == 6 &&
               std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isalnum(c); });
    };
    if (isSuffix(tail))
        return true; // legacy name without the writer's pid
    const size_t dash = tail.find('-');
    if (dash == std::string::npos || dash == 0 || !isSuffix(tail.substr(dash + 1)))
        return false;
    const std::string pidText = tail.substr(0, dash);
    if (!std::all_of(pidText.begin(), pidText.end(),
                     [](unsigned char c) { return std::isdigit(c); }) ||
        pidText.size() > 9)
        return false;
    const pid_t pid = static_cast<pid_t>(std::stol(pidText));
    if (pid == ::getpid())
        return false; // this process may be writing it right now
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

} // namespace

void writeFileAtomically(const std::string &path, const std::string &bytes)
{
    const size_t slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
    // The writer's pid in the name lets removeStaleTemporaries tell a dead writer's leftover
    // from a save in progress.
    std::string tmpl = path + ".tmp-" + std::to_string(::getpid()) + "-XXXXXX";
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
        saveOptimizerState(*state.optimizer, opt); // by position: any LibTorch version reads it
        archive.write("optimizer_state", opt);
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
    const Parsed parsed = parse(path, readCheckpointFile(path));
    return infoFromMeta(path, parsed.meta);
}

namespace {

CheckpointInfo loadParsed(const std::string &path, const Parsed &parsed, ClassifierImpl &model,
                          CheckpointState *state);

} // namespace

CheckpointInfo loadCheckpoint(const std::string &path, ClassifierImpl &model,
                              CheckpointState *state)
{
    return loadParsed(path, parse(path, readCheckpointFile(path)), model, state);
}

namespace {

CheckpointInfo loadParsed(const std::string &path, const Parsed &parsed, ClassifierImpl &model,
                          CheckpointState *state)
{
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
            torch::serialize::InputArchive opt, legacy;
            const bool byPosition = archive.try_read("optimizer_state", opt);
            if (!byPosition && !archive.try_read("optimizer", legacy))
                throw std::runtime_error("checkpoint " + path + " holds no optimiser state");
            try {
                if (byPosition) {
                    loadOptimizerState(*state->optimizer, opt);
                } else { // written before the layout by position: LibTorch's own serialisation
                    state->optimizer->load(legacy);
                    moveStateToParameterDevice(*state->optimizer);
                    checkOptimizerStateShapes(*state->optimizer);
                }
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

} // namespace

ClassifierPtr loadModelFromCheckpoint(const std::string &path, const c10::Device &device,
                                      CheckpointInfo *info)
{
    const Parsed parsed = parse(path, readCheckpointFile(path));
    const CheckpointInfo meta = infoFromMeta(path, parsed.meta);
    checkSpecAgainstFile(path, meta.config.model, parsed.archive.size());
    ClassifierPtr model = makeClassifier(meta.config.model);
    loadParsed(path, parsed, *model, nullptr);
    model->to(device);
    model->eval();
    setInferenceCache(*model, true); // a frozen model: repeated inference skips re-quantizing
    if (info)
        *info = meta;
    return model;
}

int removeStaleTemporaries(const std::string &dir)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    int removed = 0;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code typeError;
        if (!it->is_regular_file(typeError) || !isStaleTemporary(it->path().filename().string()))
            continue;
        std::error_code removeError;
        if (fs::remove(it->path(), removeError))
            ++removed;
    }
    return removed;
}

} // namespace ql::core
