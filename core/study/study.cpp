// SPDX-License-Identifier: MIT
#include "core/study/study.h"

#include "core/data/batch.h"
#include "core/metrics/dataset_scores.h"
#include "core/metrics/deletion_insertion.h"
#include "core/metrics/feature_removal.h"
#include "core/metrics/modification_eval.h"
#include "core/metrics/randomization_check.h"
#include "core/quant/model_size.h"
#include "core/runtime.h"
#include "core/saliency/saliency.h"
#include "core/train/checkpoint.h"
#include "core/train/config_json.h"
#include "core/train/finetune.h"
#include "core/train/trainer.h"

#include <torch/types.h>
#include <torch/utils.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace ql::core {

namespace fs = std::filesystem;

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

// --- Summary ---------------------------------------------------------------------------------

namespace {

const std::vector<double> *valuesOf(const CellResult &r, const std::string &key)
{
    if (key == "accuracy")
        return &r.correct;
    const auto it = r.perImage.find(key);
    return it == r.perImage.end() || it->second.empty() ? nullptr : &it->second;
}

double meanOf(const std::vector<double> &v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return v.empty() ? 0.0 : s / double(v.size());
}

/// Element-wise mean over seeds; empty when the sizes differ or nothing is there.
std::vector<double> seedAverage(const std::vector<const std::vector<double> *> &perSeed)
{
    if (perSeed.empty())
        return {};
    const size_t n = perSeed.front()->size();
    std::vector<double> out(n, 0.0);
    for (const auto *v : perSeed) {
        if (v->size() != n)
            return {};
        for (size_t i = 0; i < n; ++i)
            out[i] += (*v)[i] / double(perSeed.size());
    }
    return out;
}

std::string fmt(const char *format, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

/// Values as shown: accuracy in percent, the rest as is.
double shown(const std::string &key, double v)
{
    return key == "accuracy" ? 100.0 * v : v;
}

std::string shownInterval(const std::string &key, const Interval &i)
{
    const char *f = key == "accuracy" ? "%.2f" : "%.4f";
    return fmt(f, shown(key, i.estimate)) + " [" + fmt(f, shown(key, i.low)) + ", " +
           fmt(f, shown(key, i.high)) + "]";
}

std::string shownDifference(const std::string &key, const Interval &i)
{
    const char *f = key == "accuracy" ? "%+.2f" : "%+.4f";
    const std::string unit = key == "accuracy" ? " pp" : "";
    return fmt(f, shown(key, i.estimate)) + unit + " [" + fmt(f, shown(key, i.low)) + ", " +
           fmt(f, shown(key, i.high)) + "]";
}

} // namespace

StudySummary summarizeStudy(const StudyConfig &config, const std::vector<CellResult> &results)
{
    StudySummary summary;
    BootstrapOptions boot;
    boot.resamples = config.bootstrapResamples;
    boot.seed = config.evalSeed + 0x5EED;
    // Per (bits, sgt): the results of each seed.
    auto resultsOf = [&](const BitPair &b, bool sgt) {
        std::vector<const CellResult *> out;
        for (uint64_t seed : config.seeds)
            for (const auto &r : results)
                if (r.cell.bits == b && r.cell.sgt == sgt && r.cell.seed == seed)
                    out.push_back(&r);
        return out;
    };
    for (const BitPair &b : displayOrder(config.bits)) {
        for (bool sgt : config.sgt) {
            const auto rs = resultsOf(b, sgt);
            if (rs.empty())
                continue;
            PointSummary p;
            p.bits = b;
            p.sgt = sgt;
            p.seeds = int(rs.size());
            p.modelBytes = double(rs.front()->modelBytes);
            p.bops = double(rs.front()->bops);
            std::vector<double> rho;
            for (const auto *r : rs)
                rho.push_back(r->randomizationFinalSpearman);
            p.randomizationFinalSpearman = spreadOf(rho);
            for (const auto &m : studyMetrics()) {
                std::vector<const std::vector<double> *> perSeed;
                std::vector<double> seedMeans;
                for (const auto *r : rs)
                    if (const auto *v = valuesOf(*r, m.key)) {
                        perSeed.push_back(v);
                        seedMeans.push_back(meanOf(*v));
                    }
                const std::vector<double> avg = seedAverage(perSeed);
                if (avg.empty())
                    continue;
                MetricSummary s;
                s.overSeeds = spreadOf(seedMeans);
                s.overImages = bootstrapMean(avg, boot);
                p.metrics[m.key] = s;
            }
            summary.points.push_back(p);
        }
        // SGT minus standard, paired over images, on the seeds both have.
        const auto standard = resultsOf(b, false);
        const auto guided = resultsOf(b, true);
        if (standard.empty() || guided.empty())
            continue;
        const std::string label = toString(b);
        std::string sentence;
        for (const auto &m : studyMetrics()) {
            std::vector<const std::vector<double> *> a, s;
            for (const auto *g : guided)
                for (const auto *st : standard)
                    if (g->cell.seed == st->cell.seed) {
                        const auto *va = valuesOf(*g, m.key);
                        const auto *vs = valuesOf(*st, m.key);
                        if (va && vs && va->size() == vs->size()) {
                            a.push_back(va);
                            s.push_back(vs);
                        }
                    }
            const std::vector<double> ga = seedAverage(a), sa = seedAverage(s);
            if (ga.empty() || ga.size() != sa.size())
                continue;
            DifferenceSummary d;
            d.difference = bootstrapPairedDifference(ga, sa, boot);
            d.verdict = verdictOf(d.difference, m.higherIsBetter);
            summary.differences[label][m.key] = d;
            if (!m.verdict)
                continue;
            if (!sentence.empty())
                sentence += "; ";
            sentence += m.label + ": ";
            sentence += d.verdict == Verdict::Better  ? "SGT better"
                        : d.verdict == Verdict::Worse ? "SGT worse"
                                                      : "no detectable difference";
            sentence += " (" + shownDifference(m.key, d.difference) + ")";
        }
        summary.verdicts[label] = sentence;
    }
    return summary;
}

nlohmann::json toJson(const StudySummary &s)
{
    nlohmann::json j;
    j["points"] = nlohmann::json::array();
    for (const auto &p : s.points) {
        nlohmann::json pj;
        pj["bits"] = toString(p.bits);
        pj["sgt"] = p.sgt;
        pj["seeds"] = p.seeds;
        pj["model_bytes"] = p.modelBytes;
        pj["bops"] = p.bops;
        pj["randomization_final_spearman"] = {{"mean", p.randomizationFinalSpearman.mean},
                                              {"sd", p.randomizationFinalSpearman.sd}};
        for (const auto &[key, m] : p.metrics)
            pj["metrics"][key] = {{"mean", m.overImages.estimate},
                                  {"ci95", {m.overImages.low, m.overImages.high}},
                                  {"seed_mean", m.overSeeds.mean},
                                  {"seed_sd", m.overSeeds.sd}};
        j["points"].push_back(pj);
    }
    for (const auto &[bits, metrics] : s.differences)
        for (const auto &[key, d] : metrics)
            j["sgt_minus_standard"][bits][key] = {{"mean", d.difference.estimate},
                                                  {"ci95", {d.difference.low, d.difference.high}},
                                                  {"verdict", toString(d.verdict)}};
    j["verdicts"] = s.verdicts;
    return j;
}

std::string studyCsv(const StudySummary &s)
{
    std::ostringstream csv;
    csv << "bits,sgt,seeds,model_bytes,bops,randomization_final_spearman";
    for (const auto &m : studyMetrics())
        csv << ',' << m.key << ',' << m.key << "_ci_low," << m.key << "_ci_high," << m.key
            << "_seed_sd";
    for (const auto &m : studyMetrics())
        csv << ",sgt_minus_standard_" << m.key << ",sgt_minus_standard_" << m.key
            << "_ci_low,sgt_minus_standard_" << m.key << "_ci_high";
    csv << '\n';
    csv.precision(6);
    for (const auto &p : s.points) {
        csv << toString(p.bits) << ',' << (p.sgt ? "on" : "off") << ',' << p.seeds << ','
            << std::fixed << std::setprecision(0) << p.modelBytes << ',' << p.bops
            << std::defaultfloat << std::setprecision(6) << ','
            << p.randomizationFinalSpearman.mean;
        for (const auto &m : studyMetrics()) {
            const auto it = p.metrics.find(m.key);
            if (it == p.metrics.end())
                csv << ",,,,";
            else
                csv << ',' << it->second.overImages.estimate << ',' << it->second.overImages.low
                    << ',' << it->second.overImages.high << ',' << it->second.overSeeds.sd;
        }
        const auto diffs = s.differences.find(toString(p.bits));
        for (const auto &m : studyMetrics()) {
            if (!p.sgt || diffs == s.differences.end() || !diffs->second.count(m.key)) {
                csv << ",,,";
                continue;
            }
            const Interval &d = diffs->second.at(m.key).difference;
            csv << ',' << d.estimate << ',' << d.low << ',' << d.high;
        }
        csv << '\n';
    }
    return csv.str();
}

std::string studyMarkdown(const StudyConfig &config, const StudySummary &s,
                          const std::string &command, double seconds)
{
    std::ostringstream md;
    md << "# Bit-width study: " << config.base.dataset << ", " << config.base.model.arch << "\n\n";
    if (!command.empty())
        md << "    " << command << "\n\n";
    md << "Seeds: " << config.seeds.size() << "; ";
    if (config.fromScratch)
        md << "every configuration trained from scratch for "
           << config.floatEpochs + config.fineTuneEpochs << " epochs";
    else
        md << "float model trained for " << config.floatEpochs
           << " epochs per seed, every configuration fine-tuned from it for "
           << config.fineTuneEpochs << " epoch(s) at peak learning rate " << config.fineTuneLr
           << " with PACT alphas calibrated on " << config.calibrationImages << " training images";
    md << ". Saliency metrics on a class-balanced subset of " << config.evalImages
       << " test images (gradient maps, absolute); test accuracy on "
       << (config.base.testLimit > 0 ? std::to_string(config.base.testLimit) + " test images"
                                     : std::string("the whole test split"))
       << ".";
    if (seconds > 0)
        md << " Wall-clock time of this invocation: " << fmt("%.0f", seconds) << " s.";
    md << "\n\nEach cell: mean [95% percentile-bootstrap interval over test images, "
       << config.bootstrapResamples
       << " resamples, of the per-image values averaged over seeds]; with several seeds, "
          "+- the standard deviation of the seed means follows.\n\n";
    md << "| bits | SGT |";
    for (const auto &m : studyMetrics())
        md << ' ' << m.label << (m.key == "accuracy" ? " (%)" : "") << " |";
    md << " randomisation rho (final) | size (KiB) | BOPs |\n|---|---|";
    for (size_t i = 0; i < studyMetrics().size() + 3; ++i)
        md << "---|";
    md << '\n';
    for (const auto &p : s.points) {
        md << "| " << toString(p.bits) << " | " << (p.sgt ? "on" : "off") << " |";
        for (const auto &m : studyMetrics()) {
            const auto it = p.metrics.find(m.key);
            if (it == p.metrics.end()) {
                md << " - |";
                continue;
            }
            md << ' ' << shownInterval(m.key, it->second.overImages);
            if (p.seeds > 1)
                md << " +- "
                   << fmt(m.key == "accuracy" ? "%.2f" : "%.4f",
                          shown(m.key, it->second.overSeeds.sd));
            md << " |";
        }
        md << ' ' << fmt("%.3f", p.randomizationFinalSpearman.mean) << " | "
           << fmt("%.1f", p.modelBytes / 1024.0) << " | " << fmt("%.3e", p.bops) << " |\n";
    }
    md << "\n## SGT minus standard, per bit-width\n\n"
          "Paired over the same test images; \"better\" / \"worse\" only where the 95% interval "
          "excludes 0 (higher is better for accuracy, the modification gap and insertion; lower "
          "for deletion).\n\n";
    for (const BitPair &b : displayOrder(config.bits)) {
        const auto it = s.verdicts.find(toString(b));
        if (it == s.verdicts.end())
            continue;
        md << "- **" << toString(b) << (b.isFloat() ? "" : " bits") << "**: " << it->second << "\n";
    }
    return md.str();
}

// --- Runner ----------------------------------------------------------------------------------

namespace {

/// Relative cost of runs for the progress estimate: SGT steps cost about 2.3 plain ones, one
/// evaluation about a third of an epoch of mnist-cnn.
constexpr double kSgtCost = 2.3;
constexpr double kEvalCost = 0.35;

double runCost(int epochs, bool sgt)
{
    return epochs * (sgt ? kSgtCost : 1.0);
}

void writeJsonAtomically(const std::string &path, const nlohmann::json &j)
{
    writeFileAtomically(path, j.dump(1) + "\n");
}

nlohmann::json readJson(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read '" + path + "'");
    nlohmann::json j;
    try {
        in >> j;
    } catch (const std::exception &e) {
        throw std::runtime_error("'" + path + "' is not valid JSON: " + e.what());
    }
    return j;
}

/// Forwards a trainer's batches as study progress and cancels it on request.
class RunProgress : public TrainingObserver {
public:
    RunProgress(StudyObserver *observer, Trainer *trainer, const std::atomic<bool> *cancel,
                const StudyRunner *runner)
        : m_observer(observer), m_trainer(trainer), m_cancel(cancel), m_runner(runner)
    {
    }
    void onBatch(const BatchMetrics &m) override
    {
        // Between batches the model is quiescent: a pause holds the study here.
        if (!m_runner->waitWhilePaused(m_cancel) || (m_cancel && m_cancel->load()))
            m_trainer->cancel();
        if (m_observer && m.stepsPerEpoch > 0) {
            const double epochs = m_trainer->config().epochs;
            m_observer->onRunProgress(((m.epoch - 1) + double(m.step) / double(m.stepsPerEpoch)) /
                                      epochs);
        }
    }
    void onMessage(const std::string &text) override
    {
        if (m_observer)
            m_observer->onMessage(text);
    }

private:
    StudyObserver *m_observer;
    Trainer *m_trainer;
    const std::atomic<bool> *m_cancel;
    const StudyRunner *m_runner;
};

} // namespace

StudyRunner::StudyRunner(StudyConfig config, DataSplits data, std::string folder)
    : m_config(std::move(config)), m_data(std::move(data)), m_folder(std::move(folder))
{
    m_config.validate();
}

std::string StudyRunner::cellFolder(const StudyCell &cell) const
{
    return (fs::path(m_folder) / "cells" / cell.id()).string();
}

std::string StudyRunner::floatFolder(uint64_t seed) const
{
    return (fs::path(m_folder) / ("float-s" + std::to_string(seed))).string();
}

void StudyRunner::pause()
{
    std::lock_guard<std::mutex> lock(m_pauseMutex);
    m_paused = true;
}

void StudyRunner::resume()
{
    {
        std::lock_guard<std::mutex> lock(m_pauseMutex);
        m_paused = false;
    }
    m_pauseChanged.notify_all();
}

bool StudyRunner::isPaused() const
{
    std::lock_guard<std::mutex> lock(m_pauseMutex);
    return m_paused;
}

bool StudyRunner::waitWhilePaused(const std::atomic<bool> *cancel) const
{
    std::unique_lock<std::mutex> lock(m_pauseMutex);
    while (m_paused) {
        if (cancel && cancel->load())
            return false;
        m_pauseChanged.wait_for(lock, std::chrono::milliseconds(50));
    }
    return !(cancel && cancel->load());
}

int StudyRunner::totalRuns() const
{
    const int cells = int(expandGrid(m_config).size());
    return cells + (m_config.fromScratch ? 0 : int(m_config.seeds.size()));
}

std::vector<CellResult> StudyRunner::finishedResults() const
{
    std::vector<CellResult> out;
    for (const StudyCell &cell : expandGrid(m_config)) {
        const fs::path path = fs::path(cellFolder(cell)) / "result.json";
        if (fs::exists(path))
            out.push_back(cellResultFromJson(readJson(path.string())));
    }
    return out;
}

CellResult StudyRunner::evaluateCell(const StudyCell &cell, const std::string &checkpoint,
                                     const std::string &floatCheckpoint, double trainSeconds,
                                     const std::atomic<bool> *cancel)
{
    const auto start = std::chrono::steady_clock::now();
    const c10::Device device = parseDevice(m_config.base.device);
    ClassifierPtr model = loadModelFromCheckpoint(checkpoint, device);
    CellResult r;
    r.cell = cell;
    r.checkpoint = checkpoint;
    const ModelSize size = computeModelSize(*model);
    r.modelBytes = size.bytes;
    r.bops = size.bops;

    // Accuracy on the test split (all of it unless base.testLimit), per image.
    {
        torch::NoGradGuard noGrad;
        model->eval();
        const Dataset test = balancedSubset(m_data.test, m_config.base.testLimit);
        for (int64_t s = 0; s < test.size(); s += 128) {
            const int64_t len = std::min<int64_t>(128, test.size() - s);
            const auto x = toModelInput(test.images.narrow(0, s, len), m_data.norm, device);
            const auto ok = model->forward(x)
                                .argmax(1)
                                .eq(test.labels.narrow(0, s, len).to(device))
                                .to(torch::kDouble)
                                .cpu()
                                .contiguous();
            r.correct.insert(r.correct.end(), ok.data_ptr<double>(),
                             ok.data_ptr<double>() + ok.numel());
        }
        r.testAccuracy = meanOf(r.correct);
    }

    // The saliency metrics of `quantlens-cli evaluate`, per image, on a balanced subset.
    const Dataset subset = balancedSubset(m_data.test, m_config.evalImages);
    SaliencyOptions saliency;
    const MapQuality quality = mapQuality(*model, subset, m_data.norm, saliency, 0, 250, cancel);
    r.perImage["gini"] = quality.perImageGini;
    ModificationOptions mod;
    mod.saliency = saliency;
    mod.seed = m_config.evalSeed;
    const ModificationResult modification =
        modificationEvaluation(*model, subset, m_data.norm, mod, cancel);
    r.perImage["modification_auc"] = modification.salient.perImage;
    r.perImage["random_auc"] = modification.random.perImage;
    std::vector<double> gap(modification.salient.perImage.size());
    for (size_t i = 0; i < gap.size(); ++i)
        gap[i] = modification.random.perImage[i] - modification.salient.perImage[i];
    r.perImage["modification_gap"] = gap;
    DeletionInsertionOptions del;
    del.saliency = saliency;
    del.steps = m_config.deletionSteps;
    del.seed = m_config.evalSeed;
    const DeletionInsertionResult di = deletionInsertion(*model, subset, m_data.norm, del, cancel);
    r.perImage["deletion_auc"] = di.deletion.perImage;
    r.perImage["insertion_auc"] = di.insertion.perImage;
    const int64_t sanity = std::min<int64_t>(m_config.sanityImages, subset.size());
    if (sanity > 0) {
        const auto inputs = toModelInput(subset.images.slice(0, 0, sanity), m_data.norm, device);
        const RandomizationResult rr =
            randomizationCheck(*model, inputs, saliency, m_config.evalSeed, cancel);
        if (!rr.spearman.empty())
            r.randomizationFinalSpearman = rr.spearman.back();
    }
    if (!floatCheckpoint.empty() && fs::exists(floatCheckpoint)) {
        ClassifierPtr reference = loadModelFromCheckpoint(floatCheckpoint, device);
        std::vector<double> rho;
        datasetAgreement(*reference, *model, subset, m_data.norm, saliency, 0, 0.1, 250, cancel,
                         &rho);
        r.perImage["agreement_spearman"] = rho;
    }
    r.seconds = trainSeconds +
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

std::vector<CellResult> StudyRunner::run(const std::atomic<bool> *cancel)
{
    fs::create_directories(fs::path(m_folder) / "cells");
    // The grid of this folder: a rerun must ask for the same one (threads may differ).
    const std::string configPath = (fs::path(m_folder) / "study_config.json").string();
    const nlohmann::json wanted = toJson(m_config);
    if (fs::exists(configPath)) {
        const nlohmann::json existing = readJson(configPath);
        if (existing != wanted)
            throw std::invalid_argument(
                "the folder '" + m_folder +
                "' holds a study with other settings (study_config.json); use another --out, or "
                "the same options to continue it");
    } else {
        writeJsonAtomically(configPath, wanted);
    }

    // Work units for the progress estimate.
    const auto cells = expandGrid(m_config);
    double total = 0.0;
    if (!m_config.fromScratch)
        total += double(m_config.seeds.size()) * runCost(m_config.floatEpochs, false);
    for (const auto &c : cells)
        total += runCost(m_config.fromScratch ? m_config.floatEpochs + m_config.fineTuneEpochs
                                              : m_config.fineTuneEpochs,
                         c.sgt) +
                 kEvalCost;
    double done = 0.0;
    int runsDone = 0;
    const int runsTotal = totalRuns();

    // A pause holds the study before its next training or evaluation; cancelled() also waits.
    auto cancelled = [&] { return !waitWhilePaused(cancel); };
    auto train = [&](const TrainingConfig &config, const std::string &folder,
                     const ClassifierImpl *from, double cost, const std::string &what) {
        if (m_observer)
            m_observer->onRunStarted(what, runsDone, runsTotal);
        fs::create_directories(folder);
        Trainer trainer(config, m_data);
        trainer.setRunFolder(folder);
        if (from) {
            const CalibrationReport report =
                prepareCalibratedFineTune(trainer, *from, m_data, m_config.calibrationImages);
            const std::string text = describeCalibration(report);
            if (m_observer && !text.empty())
                m_observer->onMessage("calibrated PACT alphas:\n" + text);
        }
        struct Scaled : StudyObserver {
            StudyObserver *inner = nullptr;
            double done = 0, cost = 0, total = 1;
            void onRunProgress(double f) override
            {
                if (inner)
                    inner->onRunProgress((done + f * cost) / total);
            }
            void onMessage(const std::string &t) override
            {
                if (inner)
                    inner->onMessage(t);
            }
        } scaled;
        scaled.inner = m_observer;
        scaled.done = done;
        scaled.cost = cost;
        scaled.total = total;
        RunProgress progress(&scaled, &trainer, cancel, this);
        trainer.setObserver(&progress);
        const auto start = std::chrono::steady_clock::now();
        const RunOutcome outcome = trainer.run();
        if (outcome == RunOutcome::Cancelled)
            return -1.0;
        if (outcome != RunOutcome::Finished)
            throw std::runtime_error(what + ": training " + toString(outcome) + ": " +
                                     trainer.lastMessage());
        done += cost;
        ++runsDone;
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };

    std::vector<CellResult> results;
    for (uint64_t seed : m_config.seeds) {
        std::vector<StudyCell> mine;
        for (const auto &c : cells)
            if (c.seed == seed)
                mine.push_back(c);
        bool allDone = true;
        for (const auto &c : mine)
            allDone = allDone && fs::exists(fs::path(cellFolder(c)) / "result.json");

        // The float model of this seed (fine-tune mode), trained once.
        std::string floatCheckpoint;
        ClassifierPtr floatModel;
        if (!m_config.fromScratch) {
            const std::string folder = floatFolder(seed);
            floatCheckpoint = (fs::path(folder) / "last.ckpt").string();
            const std::string marker = (fs::path(folder) / "done.json").string();
            const double cost = runCost(m_config.floatEpochs, false);
            if (!fs::exists(marker) && !allDone) {
                if (cancelled())
                    return finishedResults();
                const double seconds = train(floatTrainingConfig(m_config, seed), folder, nullptr,
                                             cost, "float model, seed " + std::to_string(seed));
                if (seconds < 0)
                    return finishedResults();
                writeJsonAtomically(marker,
                                    {{"seconds", seconds}, {"checkpoint", floatCheckpoint}});
            } else {
                done += cost;
                ++runsDone;
            }
            if (!allDone)
                floatModel = loadModelFromCheckpoint(floatCheckpoint, torch::Device(torch::kCPU));
        } else {
            // From scratch: the standard float configuration of the seed is the reference.
            StudyCell reference{BitPair{}, false, seed};
            floatCheckpoint = (fs::path(cellFolder(reference)) / "last.ckpt").string();
        }

        for (const StudyCell &cell : mine) {
            const std::string folder = cellFolder(cell);
            const std::string resultPath = (fs::path(folder) / "result.json").string();
            const double cost =
                runCost(m_config.fromScratch ? m_config.floatEpochs + m_config.fineTuneEpochs
                                             : m_config.fineTuneEpochs,
                        cell.sgt) +
                kEvalCost;
            if (fs::exists(resultPath)) {
                CellResult r = cellResultFromJson(readJson(resultPath));
                done += cost;
                ++runsDone;
                if (m_observer)
                    m_observer->onMessage(cell.id() + ": done earlier, skipped");
                results.push_back(r);
                continue;
            }
            if (cancelled())
                return finishedResults();
            const double seconds = train(cellTrainingConfig(m_config, cell), folder,
                                         floatModel.get(), cost - kEvalCost, cell.id());
            if (seconds < 0)
                return finishedResults();
            if (m_observer)
                m_observer->onRunProgress(done / total);
            if (cancelled())
                return finishedResults();
            CellResult r;
            try {
                r = evaluateCell(cell, (fs::path(folder) / "last.ckpt").string(), floatCheckpoint,
                                 seconds, cancel);
            } catch (const Cancelled &) {
                return finishedResults();
            }
            writeJsonAtomically(resultPath, toJson(r));
            done += kEvalCost;
            if (m_observer) {
                m_observer->onRunProgress(done / total);
                m_observer->onCellFinished(r);
            }
            results.push_back(r);
        }
    }
    return results;
}

} // namespace ql::core
