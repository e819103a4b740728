// SPDX-License-Identifier: MIT
// The study's grid: bit-width lists, the configuration and its JSON, the cells and their
// training configs, and a cell's result as JSON.
#include "core/study/study.h"

#include "core/train/config_json.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ql::core {

// --- Bits ------------------------------------------------------------------------------------

namespace {

int parseBits(const std::string &text, const std::string &whole)
{
    if (text == "float" || text == "32" || text == "fp32")
        return kFloatBits;
    size_t used = 0;
    int bits = 0;
    try {
        bits = std::stoi(text, &used);
    } catch (const std::exception &) {
        used = 0;
    }
    if (used != text.size() || used == 0 || !isValidBitWidth(bits))
        throw std::invalid_argument("'" + whole +
                                    "' is not a bit-width (use float, 1-8, or W/A such as 4/8)");
    return bits;
}

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

} // namespace

BitPair parseBitPair(const std::string &raw)
{
    const std::string text = trim(raw);
    const auto slash = text.find('/');
    BitPair b;
    if (slash == std::string::npos) {
        b.weightBits = b.activationBits = parseBits(text, text);
    } else {
        b.weightBits = parseBits(trim(text.substr(0, slash)), text);
        b.activationBits = parseBits(trim(text.substr(slash + 1)), text);
    }
    return b;
}

std::string toString(const BitPair &b)
{
    auto one = [](int bits) {
        return bits == kFloatBits ? std::string("float") : std::to_string(bits);
    };
    if (b.weightBits == b.activationBits)
        return one(b.weightBits);
    return one(b.weightBits) + "/" + one(b.activationBits);
}

std::vector<BitPair> parseBitPairList(const std::string &text)
{
    std::vector<BitPair> out;
    std::stringstream ss(text);
    std::string part;
    while (std::getline(ss, part, ',')) {
        const BitPair b = parseBitPair(part);
        if (std::find(out.begin(), out.end(), b) != out.end())
            throw std::invalid_argument("bit-width '" + toString(b) + "' is listed twice");
        out.push_back(b);
    }
    if (out.empty())
        throw std::invalid_argument("the list of bit-widths is empty");
    return out;
}

std::vector<BitPair> displayOrder(std::vector<BitPair> bits)
{
    std::stable_sort(bits.begin(), bits.end(), [](const BitPair &a, const BitPair &b) {
        if (a.weightBits != b.weightBits)
            return a.weightBits > b.weightBits;
        return a.activationBits > b.activationBits;
    });
    return bits;
}

// --- Config ----------------------------------------------------------------------------------

void StudyConfig::validate() const
{
    if (bits.empty())
        throw std::invalid_argument("the study needs at least one bit-width");
    if (sgt.empty())
        throw std::invalid_argument("the study needs SGT off and/or on");
    if (seeds.empty())
        throw std::invalid_argument("the study needs at least one seed");
    for (size_t i = 0; i < seeds.size(); ++i)
        for (size_t j = i + 1; j < seeds.size(); ++j)
            if (seeds[i] == seeds[j])
                throw std::invalid_argument("seed " + std::to_string(seeds[i]) +
                                            " is listed twice");
    if (floatEpochs < 1 && !fromScratch)
        throw std::invalid_argument("the float model needs at least one epoch");
    if (fineTuneEpochs < 1)
        throw std::invalid_argument("each configuration needs at least one epoch");
    if (!(fineTuneLr > 0.0) || !std::isfinite(fineTuneLr))
        throw std::invalid_argument("the fine-tuning learning rate must be > 0");
    if (evalImages < 1)
        throw std::invalid_argument("the saliency metrics need at least one test image");
    if (deletionSteps < 1 || sanityImages < 0 || calibrationImages < 0)
        throw std::invalid_argument("deletion steps must be >= 1, image counts >= 0");
    if (bootstrapResamples < 100)
        throw std::invalid_argument("use at least 100 bootstrap resamples");
    TrainingConfig probe = base;
    probe.epochs = 1;
    validateTrainingConfig(probe);
}

nlohmann::json toJson(const StudyConfig &c)
{
    nlohmann::json j;
    TrainingConfig base = c.base;
    base.threads = 0; // how many cores a run used does not change the grid
    j["base"] = toJson(base);
    std::vector<std::string> bits;
    for (const auto &b : c.bits)
        bits.push_back(toString(b));
    j["bits"] = bits;
    j["sgt"] = c.sgt;
    j["seeds"] = c.seeds;
    j["float_epochs"] = c.floatEpochs;
    j["fine_tune_epochs"] = c.fineTuneEpochs;
    j["fine_tune_lr"] = c.fineTuneLr;
    j["from_scratch"] = c.fromScratch;
    j["calibration_images"] = c.calibrationImages;
    j["eval_images"] = c.evalImages;
    j["deletion_steps"] = c.deletionSteps;
    j["sanity_images"] = c.sanityImages;
    j["bootstrap_resamples"] = c.bootstrapResamples;
    j["eval_seed"] = c.evalSeed;
    return j;
}

StudyConfig studyConfigFromJson(const nlohmann::json &j)
{
    StudyConfig c;
    c.base = trainingConfigFromJson(j.at("base"));
    c.bits.clear();
    for (const auto &b : j.at("bits"))
        c.bits.push_back(parseBitPair(b.get<std::string>()));
    c.sgt = j.at("sgt").get<std::vector<bool>>();
    c.seeds = j.at("seeds").get<std::vector<uint64_t>>();
    c.floatEpochs = j.at("float_epochs").get<int>();
    c.fineTuneEpochs = j.at("fine_tune_epochs").get<int>();
    c.fineTuneLr = j.at("fine_tune_lr").get<double>();
    c.fromScratch = j.at("from_scratch").get<bool>();
    c.calibrationImages = j.at("calibration_images").get<int64_t>();
    c.evalImages = j.at("eval_images").get<int64_t>();
    c.deletionSteps = j.at("deletion_steps").get<int>();
    c.sanityImages = j.at("sanity_images").get<int64_t>();
    c.bootstrapResamples = j.at("bootstrap_resamples").get<int>();
    c.evalSeed = j.at("eval_seed").get<uint64_t>();
    return c;
}

// --- Grid ------------------------------------------------------------------------------------

std::string StudyCell::id() const
{
    std::string s = "s" + std::to_string(seed) + "-";
    if (bits.isFloat())
        s += "float";
    else
        s += "w" +
             (bits.weightBits == kFloatBits ? std::string("f") : std::to_string(bits.weightBits)) +
             "a" +
             (bits.activationBits == kFloatBits ? std::string("f")
                                                : std::to_string(bits.activationBits));
    if (sgt)
        s += "-sgt";
    return s;
}

std::vector<StudyCell> expandGrid(const StudyConfig &config)
{
    std::vector<StudyCell> cells;
    for (uint64_t seed : config.seeds)
        for (const BitPair &b : config.bits)
            for (bool sgt : config.sgt)
                cells.push_back({b, sgt, seed});
    return cells;
}

TrainingConfig floatTrainingConfig(const StudyConfig &config, uint64_t seed)
{
    TrainingConfig t = config.base;
    t.model.quant.weightBits = kFloatBits;
    t.model.quant.activationBits = kFloatBits;
    t.sgt.enabled = false;
    t.seed = seed;
    t.epochs = config.floatEpochs;
    t.initFrom.clear();
    return t;
}

TrainingConfig cellTrainingConfig(const StudyConfig &config, const StudyCell &cell)
{
    TrainingConfig t = config.base;
    t.model.quant.weightBits = cell.bits.weightBits;
    t.model.quant.activationBits = cell.bits.activationBits;
    t.sgt.enabled = cell.sgt;
    t.seed = cell.seed;
    t.initFrom.clear();
    if (config.fromScratch) {
        t.epochs = config.floatEpochs + config.fineTuneEpochs;
    } else {
        t.epochs = config.fineTuneEpochs;
        t.optimizer.learningRate = config.fineTuneLr;
    }
    return t;
}

// --- Results ---------------------------------------------------------------------------------

const std::vector<StudyMetric> &studyMetrics()
{
    static const std::vector<StudyMetric> metrics{
        {"accuracy", "test accuracy", true, true},
        {"modification_gap", "modification gap (random - salient AUC)", true, true},
        {"modification_auc", "modification AUC, salient", false, false},
        {"random_auc", "modification AUC, random", true, false},
        {"deletion_auc", "deletion AUC", false, true},
        {"insertion_auc", "insertion AUC", true, true},
        {"gini", "Gini (sparseness)", true, false},
        {"agreement_spearman", "agreement with float (Spearman)", true, false},
    };
    return metrics;
}

nlohmann::json toJson(const CellResult &r)
{
    nlohmann::json j;
    j["id"] = r.cell.id();
    j["bits"] = toString(r.cell.bits);
    j["sgt"] = r.cell.sgt;
    j["seed"] = r.cell.seed;
    j["seconds"] = r.seconds;
    j["train_seconds"] = r.trainSeconds;
    j["test_accuracy"] = r.testAccuracy;
    std::vector<int> correct;
    for (double v : r.correct)
        correct.push_back(v > 0.5 ? 1 : 0);
    j["correct"] = correct;
    j["model_bytes"] = r.modelBytes;
    j["bops"] = r.bops;
    j["randomization_final_spearman"] = r.randomizationFinalSpearman;
    j["checkpoint"] = r.checkpoint;
    nlohmann::json per;
    for (const auto &[key, values] : r.perImage) {
        double mean = 0;
        for (double v : values)
            mean += v / double(values.size());
        j["mean"][key] = mean;
        per[key] = values;
    }
    j["per_image"] = per;
    return j;
}

CellResult cellResultFromJson(const nlohmann::json &j)
{
    CellResult r;
    r.cell.bits = parseBitPair(j.at("bits").get<std::string>());
    r.cell.sgt = j.at("sgt").get<bool>();
    r.cell.seed = j.at("seed").get<uint64_t>();
    r.seconds = j.at("seconds").get<double>();
    r.trainSeconds = j.value("train_seconds", 0.0); // absent before the seventh session
    r.testAccuracy = j.at("test_accuracy").get<double>();
    for (const auto &v : j.at("correct"))
        r.correct.push_back(v.get<double>());
    r.modelBytes = j.at("model_bytes").get<int64_t>();
    r.bops = j.at("bops").get<int64_t>();
    r.randomizationFinalSpearman = j.at("randomization_final_spearman").get<double>();
    r.checkpoint = j.at("checkpoint").get<std::string>();
    for (const auto &[key, values] : j.at("per_image").items())
        r.perImage[key] = values.get<std::vector<double>>();
    return r;
}

} // namespace ql::core
