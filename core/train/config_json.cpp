// SPDX-License-Identifier: MIT
#include "core/train/config_json.h"

#include "core/data/gzip_io.h"
#include "core/models/model_footprint.h"
#include "core/registry.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <set>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace ql::core {

using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string &key, const std::string &problem)
{
    throw std::invalid_argument("config: " + key + " " + problem);
}

std::string join(std::initializer_list<const char *> names)
{
    std::string out;
    for (const char *n : names)
        out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

/// Rejects keys a reader does not know, so a typo never silently keeps a default.
void checkKeys(const json &j, const std::string &prefix, std::initializer_list<const char *> known)
{
    if (!j.is_object())
        fail(prefix.empty() ? "root" : prefix, "must be a JSON object");
    const std::set<std::string> allowed(known.begin(), known.end());
    for (const auto &item : j.items()) {
        if (!allowed.count(item.key()))
            fail(prefix + item.key(), "is not a known setting (known: " + join(known) + ")");
    }
}

/// Whether the JSON integer `v` fits T (no silent wrap of 4294967297 into 1, or -1 into a
/// huge unsigned seed).
template <typename T> bool fitsInteger(const json &v)
{
    if (v.is_number_unsigned())
        return v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max());
    const int64_t i = v.get<int64_t>();
    if constexpr (std::is_signed_v<T>)
        return i >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
               i <= static_cast<int64_t>(std::numeric_limits<T>::max());
    else
        return i >= 0;
}

template <typename T> std::string rangeOf()
{
    return "[" + std::to_string(std::numeric_limits<T>::min()) + ", " +
           std::to_string(std::numeric_limits<T>::max()) + "]";
}

template <typename T> struct IsVector : std::false_type {
};
template <typename T> struct IsVector<std::vector<T>> : std::true_type {
};

template <typename T> void read(const json &j, const std::string &prefix, const char *key, T &out)
{
    const auto it = j.find(key);
    if (it == j.end())
        return;
    if constexpr (IsVector<T>::value) {
        using E = typename T::value_type;
        if (!it->is_array())
            fail(prefix + key, "has the wrong type: " + it->dump().substr(0, 80));
        T values;
        for (const auto &item : *it) {
            if (!item.is_number_integer())
                fail(prefix + key, "must hold whole numbers, not " + item.dump().substr(0, 80));
            if (!fitsInteger<E>(item))
                fail(prefix + key, "holds " + item.dump() + ", outside " + rangeOf<E>());
            values.push_back(item.get<E>());
        }
        out = std::move(values);
        return;
    } else {
        try {
            if constexpr (std::is_same_v<T, bool>) {
                if (!it->is_boolean())
                    throw std::invalid_argument("");
            } else if constexpr (std::is_arithmetic_v<T>) {
                if (!it->is_number())
                    throw std::invalid_argument("");
                if constexpr (std::is_integral_v<T>) {
                    if (!it->is_number_integer())
                        throw std::invalid_argument("");
                }
            } else if constexpr (std::is_same_v<T, std::string>) {
                if (!it->is_string())
                    throw std::invalid_argument("");
            }
        } catch (const std::exception &) {
            fail(prefix + key, "has the wrong type: " + it->dump().substr(0, 80));
        }
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
            if (!fitsInteger<T>(*it))
                fail(prefix + key, it->dump() + " is outside " + rangeOf<T>());
        } else if constexpr (std::is_same_v<T, float>) {
            // double -> float beyond float's range is undefined behaviour, not infinity.
            const double d = it->get<double>();
            if (!(std::fabs(d) <= double(std::numeric_limits<float>::max())))
                fail(prefix + key, it->dump() + " is outside the range of a float");
        }
        out = it->get<T>();
    }
}

std::string oneOf(const std::string &value, const std::vector<std::string> &names,
                  const std::string &key)
{
    if (registry::contains(names, value))
        return value;
    fail(key, "'" + value + "' is not one of " + registry::joined(names, ", "));
}

void requireFinite(double v, const std::string &key)
{
    if (!std::isfinite(v))
        fail(key, "must be a finite number");
}

} // namespace

const char *toString(SgtConfig::Saliency saliency)
{
    return saliency == SgtConfig::Saliency::Signed ? "signed" : "magnitude";
}

const char *toString(SgtConfig::Fill fill)
{
    switch (fill) {
    case SgtConfig::Fill::Background:
        return "background";
    case SgtConfig::Fill::ChannelMean:
        return "channel-mean";
    case SgtConfig::Fill::UniformRange:
        break;
    }
    return "uniform";
}

const char *toString(RunOutcome outcome)
{
    switch (outcome) {
    case RunOutcome::Finished:
        return "finished";
    case RunOutcome::Cancelled:
        return "cancelled";
    case RunOutcome::Diverged:
        return "diverged";
    case RunOutcome::Failed:
        break;
    }
    return "failed";
}

SgtConfig::Saliency saliencyModeFromString(const std::string &text)
{
    if (text == "magnitude")
        return SgtConfig::Saliency::Magnitude;
    if (text == "signed")
        return SgtConfig::Saliency::Signed;
    throw std::invalid_argument("saliency mode '" + text + "' is not one of magnitude, signed");
}

SgtConfig::Fill fillModeFromString(const std::string &text)
{
    if (text == "uniform")
        return SgtConfig::Fill::UniformRange;
    if (text == "background")
        return SgtConfig::Fill::Background;
    if (text == "channel-mean")
        return SgtConfig::Fill::ChannelMean;
    throw std::invalid_argument("mask fill '" + text +
                                "' is not one of uniform, background, channel-mean");
}

// --- Writers ---------------------------------------------------------------------------------

json toJson(const QuantConfig &q)
{
    json perLayer = json::object();
    for (const auto &[name, bits] : q.perLayer)
        perLayer[name] = {{"weightBits", bits.weightBits}, {"activationBits", bits.activationBits}};
    return {{"weightBits", q.weightBits},
            {"activationBits", q.activationBits},
            {"edgePolicy", toString(q.edgePolicy)},
            {"alphaInit", q.alphaInit},
            {"perLayer", perLayer}};
}

json toJson(const ModelSpec &s)
{
    return {{"arch", s.arch},
            {"inChannels", s.inChannels},
            {"imageSize", s.imageSize},
            {"numClasses", s.numClasses},
            {"quant", toJson(s.quant)}};
}

json toJson(const SgtConfig &s)
{
    json j = {{"enabled", s.enabled},     {"maskFraction", s.maskFraction},
              {"klWeight", s.klWeight},   {"saliency", toString(s.saliency)},
              {"fill", toString(s.fill)}, {"separateSaliencyPass", s.separateSaliencyPass}};
    // Written only when set, so configs without a delayed start read and write as before.
    if (s.startStep != 0)
        j["startStep"] = s.startStep;
    if (s.rampSteps != 0)
        j["rampSteps"] = s.rampSteps;
    return j;
}

json toJson(const OptimizerConfig &o)
{
    return {
        {"name", o.name},         {"learningRate", o.learningRate}, {"momentum", o.momentum},
        {"nesterov", o.nesterov}, {"weightDecay", o.weightDecay},   {"alphaDecay", o.alphaDecay}};
}

json toJson(const ScheduleConfig &s)
{
    return {
        {"name", s.name},         {"stepSize", s.stepSize},   {"milestones", s.milestones},
        {"gamma", s.gamma},       {"perBatch", s.perBatch},   {"minLr", s.minLr},
        {"pctStart", s.pctStart}, {"divFactor", s.divFactor}, {"finalDivFactor", s.finalDivFactor}};
}

json toJson(const TrainingConfig &c)
{
    json j = {{"dataset", c.dataset},
              {"dataDir", c.dataDir},
              {"model", toJson(c.model)},
              {"sgt", toJson(c.sgt)},
              {"optimizer", toJson(c.optimizer)},
              {"schedule", toJson(c.schedule)},
              {"epochs", c.epochs},
              {"maxSteps", c.maxSteps},
              {"batchSize", c.batchSize},
              {"testBatchSize", c.testBatchSize},
              {"augment", c.augment},
              {"seed", c.seed},
              {"threads", c.threads},
              {"device", c.device},
              {"trainLimit", c.trainLimit},
              {"testLimit", c.testLimit},
              {"batchLogEvery", c.batchLogEvery},
              {"initFrom", c.initFrom}};
    if (c.resizeWidth > 0 || c.resizeHeight > 0) { // absent when unset: older readers agree
        j["resizeWidth"] = c.resizeWidth;
        j["resizeHeight"] = c.resizeHeight;
    }
    return j;
}

// --- Readers ---------------------------------------------------------------------------------

QuantConfig quantConfigFromJson(const json &j)
{
    const std::string p = "model.quant.";
    checkKeys(j, p, {"weightBits", "activationBits", "edgePolicy", "alphaInit", "perLayer"});
    QuantConfig q;
    read(j, p, "weightBits", q.weightBits);
    read(j, p, "activationBits", q.activationBits);
    std::string edge = toString(q.edgePolicy);
    read(j, p, "edgePolicy", edge);
    try {
        q.edgePolicy = edgeLayerPolicyFromString(edge);
    } catch (const std::invalid_argument &e) {
        fail(p + "edgePolicy", e.what());
    }
    read(j, p, "alphaInit", q.alphaInit);
    if (const auto it = j.find("perLayer"); it != j.end()) {
        if (!it->is_object())
            fail(p + "perLayer", "must be an object of layer name -> bits");
        for (const auto &item : it->items()) {
            const std::string lp = p + "perLayer." + item.key() + ".";
            checkKeys(item.value(), lp, {"weightBits", "activationBits"});
            LayerBits bits;
            read(item.value(), lp, "weightBits", bits.weightBits);
            read(item.value(), lp, "activationBits", bits.activationBits);
            q.perLayer[item.key()] = bits;
        }
    }
    try {
        q.validate();
    } catch (const std::invalid_argument &e) {
        fail("model.quant", std::string("is invalid: ") + e.what());
    }
    return q;
}

ModelSpec modelSpecFromJson(const json &j)
{
    const std::string p = "model.";
    checkKeys(j, p, {"arch", "inChannels", "imageSize", "numClasses", "quant"});
    ModelSpec s;
    read(j, p, "arch", s.arch);
    read(j, p, "inChannels", s.inChannels);
    read(j, p, "imageSize", s.imageSize);
    read(j, p, "numClasses", s.numClasses);
    if (const auto it = j.find("quant"); it != j.end())
        s.quant = quantConfigFromJson(*it);
    return s;
}

TrainingConfig trainingConfigFromJson(const json &j)
{
    checkKeys(j, "", {"dataset",   "dataDir",       "model",    "sgt",         "optimizer",
                      "schedule",  "epochs",        "maxSteps", "batchSize",   "testBatchSize",
                      "augment",   "seed",          "threads",  "device",      "trainLimit",
                      "testLimit", "batchLogEvery", "initFrom", "resizeWidth", "resizeHeight"});
    TrainingConfig c;
    read(j, "", "dataset", c.dataset);
    read(j, "", "dataDir", c.dataDir);
    read(j, "", "resizeWidth", c.resizeWidth); // absent in configs before the resize option
    read(j, "", "resizeHeight", c.resizeHeight);
    if (const auto it = j.find("model"); it != j.end())
        c.model = modelSpecFromJson(*it);
    if (const auto it = j.find("sgt"); it != j.end()) {
        const std::string p = "sgt.";
        checkKeys(*it, p,
                  {"enabled", "maskFraction", "klWeight", "saliency", "fill",
                   "separateSaliencyPass", "startStep", "rampSteps"});
        read(*it, p, "enabled", c.sgt.enabled);
        read(*it, p, "maskFraction", c.sgt.maskFraction);
        read(*it, p, "klWeight", c.sgt.klWeight);
        std::string saliency = toString(c.sgt.saliency), fill = toString(c.sgt.fill);
        read(*it, p, "saliency", saliency);
        read(*it, p, "fill", fill);
        try {
            c.sgt.saliency = saliencyModeFromString(saliency);
            c.sgt.fill = fillModeFromString(fill);
        } catch (const std::invalid_argument &e) {
            fail("sgt", e.what());
        }
        read(*it, p, "separateSaliencyPass", c.sgt.separateSaliencyPass);
        read(*it, p, "startStep", c.sgt.startStep);
        read(*it, p, "rampSteps", c.sgt.rampSteps);
        if (c.sgt.startStep < 0 || c.sgt.rampSteps < 0)
            fail("sgt", "startStep and rampSteps must be >= 0");
    }
    if (const auto it = j.find("optimizer"); it != j.end()) {
        const std::string p = "optimizer.";
        checkKeys(*it, p,
                  {"name", "learningRate", "momentum", "nesterov", "weightDecay", "alphaDecay"});
        read(*it, p, "name", c.optimizer.name);
        read(*it, p, "learningRate", c.optimizer.learningRate);
        read(*it, p, "momentum", c.optimizer.momentum);
        read(*it, p, "nesterov", c.optimizer.nesterov);
        read(*it, p, "weightDecay", c.optimizer.weightDecay);
        read(*it, p, "alphaDecay", c.optimizer.alphaDecay);
    }
    if (const auto it = j.find("schedule"); it != j.end()) {
        const std::string p = "schedule.";
        checkKeys(*it, p,
                  {"name", "stepSize", "milestones", "gamma", "perBatch", "minLr", "pctStart",
                   "divFactor", "finalDivFactor"});
        read(*it, p, "name", c.schedule.name);
        read(*it, p, "stepSize", c.schedule.stepSize);
        read(*it, p, "milestones", c.schedule.milestones);
        read(*it, p, "gamma", c.schedule.gamma);
        read(*it, p, "perBatch", c.schedule.perBatch);
        read(*it, p, "minLr", c.schedule.minLr);
        read(*it, p, "pctStart", c.schedule.pctStart);
        read(*it, p, "divFactor", c.schedule.divFactor);
        read(*it, p, "finalDivFactor", c.schedule.finalDivFactor);
    }
    read(j, "", "epochs", c.epochs);
    read(j, "", "maxSteps", c.maxSteps);
    read(j, "", "batchSize", c.batchSize);
    read(j, "", "testBatchSize", c.testBatchSize);
    read(j, "", "augment", c.augment);
    read(j, "", "seed", c.seed);
    read(j, "", "threads", c.threads);
    read(j, "", "device", c.device);
    read(j, "", "trainLimit", c.trainLimit);
    read(j, "", "testLimit", c.testLimit);
    read(j, "", "batchLogEvery", c.batchLogEvery);
    read(j, "", "initFrom", c.initFrom);
    validateTrainingConfig(c);
    return c;
}

std::string toJsonString(const TrainingConfig &config)
{
    return toJson(config).dump(2);
}

TrainingConfig trainingConfigFromJsonString(const std::string &text)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error &e) {
        throw std::invalid_argument(std::string("config: not valid JSON: ") + e.what());
    }
    return trainingConfigFromJson(j);
}

TrainingConfig loadTrainingConfig(const std::string &path)
{
    std::vector<uint8_t> bytes;
    try {
        bytes = readWholeFile(path, kMaxConfigBytes); // regular files only: a FIFO never blocks
    } catch (const std::runtime_error &e) {
        throw std::runtime_error(std::string("cannot read config file: ") + e.what());
    }
    try {
        return trainingConfigFromJsonString(std::string(bytes.begin(), bytes.end()));
    } catch (const std::invalid_argument &e) {
        throw std::invalid_argument(path + ": " + e.what());
    }
}

void validateTrainingConfig(const TrainingConfig &c)
{
    auto range = [](const char *key, int64_t v, int64_t lo, int64_t hi, const char *extra = "") {
        if (v < lo || v > hi)
            fail(key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                          extra + " (got " + std::to_string(v) + ")");
    };
    range("epochs", c.epochs, 1, kMaxEpochs);
    range("maxSteps", c.maxSteps, 0, kMaxSteps, " (0: no budget)");
    range("batchSize", c.batchSize, 1, kMaxBatchSize);
    range("testBatchSize", c.testBatchSize, 1, kMaxBatchSize);
    range("threads", c.threads, 0, kMaxThreads, " (0: all cores)");
    range("trainLimit", c.trainLimit, 0, kMaxSampleLimit, " (0: all)");
    range("testLimit", c.testLimit, 0, kMaxSampleLimit, " (0: all)");
    range("batchLogEvery", c.batchLogEvery, 1, 1000000);
    if (c.dataset.empty())
        fail("dataset", "must not be empty");
    range("resizeWidth", c.resizeWidth, 0, kMaxModelImageSize, " (0: no resize)");
    range("resizeHeight", c.resizeHeight, 0, kMaxModelImageSize, " (0: no resize)");
    if ((c.resizeWidth > 0) != (c.resizeHeight > 0))
        fail("resizeWidth", "and resizeHeight must both be set (or both 0)");
    if (c.resizeWidth != c.resizeHeight)
        fail("resizeWidth", "must equal resizeHeight: the models take square images (got " +
                                std::to_string(c.resizeWidth) + "x" +
                                std::to_string(c.resizeHeight) + ")");
    if (c.resizeWidth > 0 && c.dataset != "folder" && c.dataset.rfind("folder:", 0) != 0)
        fail("resizeWidth",
             "applies to image folder data sets (folder:<path>) only, not to " + c.dataset);
    range("model.inChannels", c.model.inChannels, 1, kMaxModelChannels);
    range("model.imageSize", c.model.imageSize, 1, kMaxModelImageSize);
    range("model.numClasses", c.model.numClasses, 2, kMaxModelClasses);
    try {
        c.model.quant.validate();
    } catch (const std::invalid_argument &e) {
        fail("model.quant", std::string("is invalid: ") + e.what());
    }
    const auto &s = c.sgt;
    requireFinite(s.maskFraction, "sgt.maskFraction");
    if (s.maskFraction < 0.0 || s.maskFraction >= 1.0)
        fail("sgt.maskFraction", "must be in [0, 1) (got " + std::to_string(s.maskFraction) + ")");
    requireFinite(s.klWeight, "sgt.klWeight");
    if (s.klWeight < 0.0 || s.klWeight > 1e6)
        fail("sgt.klWeight", "must be in [0, 1e6]");
    const auto &o = c.optimizer;
    oneOf(o.name, registry::optimizers(), "optimizer.name");
    requireFinite(o.learningRate, "optimizer.learningRate");
    if (o.learningRate <= 0.0 || o.learningRate > kMaxLearningRate)
        fail("optimizer.learningRate", "must be in (0, " + std::to_string(int(kMaxLearningRate)) +
                                           "] (got " + std::to_string(o.learningRate) + ")");
    requireFinite(o.momentum, "optimizer.momentum");
    if (o.momentum < 0.0 || o.momentum >= 1.0)
        fail("optimizer.momentum", "must be in [0, 1)");
    if (o.nesterov && o.momentum <= 0.0)
        fail("optimizer.nesterov", "needs momentum > 0");
    requireFinite(o.weightDecay, "optimizer.weightDecay");
    requireFinite(o.alphaDecay, "optimizer.alphaDecay");
    if (o.weightDecay < 0.0 || o.alphaDecay < 0.0 || o.weightDecay > 1.0 || o.alphaDecay > 1.0)
        fail("optimizer.weightDecay/alphaDecay", "must be in [0, 1]");
    const auto &sc = c.schedule;
    oneOf(sc.name, registry::schedules(), "schedule.name");
    range("schedule.stepSize", sc.stepSize, 1, kMaxEpochs);
    for (size_t i = 0; i < sc.milestones.size(); ++i) {
        if (sc.milestones[i] < 1 || sc.milestones[i] > kMaxEpochs ||
            (i > 0 && sc.milestones[i] <= sc.milestones[i - 1]))
            fail("schedule.milestones",
                 "must be increasing epochs between 1 and " + std::to_string(kMaxEpochs));
    }
    requireFinite(sc.gamma, "schedule.gamma");
    if (sc.gamma <= 0.0 || sc.gamma > 1.0)
        fail("schedule.gamma", "must be in (0, 1]");
    requireFinite(sc.minLr, "schedule.minLr");
    if (sc.minLr < 0.0 || sc.minLr > kMaxLearningRate)
        fail("schedule.minLr", "must be in [0, " + std::to_string(int(kMaxLearningRate)) + "]");
    if (!(sc.pctStart > 0.0 && sc.pctStart < 1.0))
        fail("schedule.pctStart", "must be in (0, 1)");
    if (!(sc.divFactor >= 1.0) || !(sc.finalDivFactor >= 1.0) || !(sc.divFactor <= 1e12) ||
        !(sc.finalDivFactor <= 1e12))
        fail("schedule.divFactor/finalDivFactor", "must be in [1, 1e12]");
}

} // namespace ql::core
