// SPDX-License-Identifier: MIT
// The study's report: the summary over seeds and test images (intervals, paired differences,
// verdicts), and study.json / study.csv / study.md.
#include "core/study/study.h"
#include "core/study/study_internal.h"

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <sstream>

namespace ql::core {

namespace study_detail {

double meanOf(const std::vector<double> &v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return v.empty() ? 0.0 : s / double(v.size());
}

} // namespace study_detail

using study_detail::meanOf;

// --- Summary ---------------------------------------------------------------------------------

namespace {

const std::vector<double> *valuesOf(const CellResult &r, const std::string &key)
{
    if (key == "accuracy")
        return &r.correct;
    const auto it = r.perImage.find(key);
    return it == r.perImage.end() || it->second.empty() ? nullptr : &it->second;
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

std::string shownValue(const std::string &key, double v)
{
    return fmt(key == "accuracy" ? "%+.2f" : "%+.4f", shown(key, v));
}

std::string shownDifference(const std::string &key, const Interval &i)
{
    const std::string unit = key == "accuracy" ? " pp" : "";
    return shownValue(key, i.estimate) + unit + " [" + shownValue(key, i.low) + ", " +
           shownValue(key, i.high) + "]";
}

/// Every seed's difference strictly on the side of 0 that the overall estimate is on (true
/// with fewer than two seeds: there is nothing to split).
bool seedsAgreeWith(const std::vector<double> &perSeed, double estimate)
{
    if (perSeed.size() < 2)
        return true;
    return std::all_of(perSeed.begin(), perSeed.end(), [&](double v) {
        return estimate > 0 ? v > 0 : estimate < 0 ? v < 0 : false;
    });
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
            DifferenceSummary d;
            for (const auto *g : guided)
                for (const auto *st : standard)
                    if (g->cell.seed == st->cell.seed) {
                        const auto *va = valuesOf(*g, m.key);
                        const auto *vs = valuesOf(*st, m.key);
                        if (va && vs && va->size() == vs->size()) {
                            a.push_back(va);
                            s.push_back(vs);
                            d.perSeed.push_back(meanOf(*va) - meanOf(*vs));
                        }
                    }
            const std::vector<double> ga = seedAverage(a), sa = seedAverage(s);
            if (ga.empty() || ga.size() != sa.size())
                continue;
            d.difference = bootstrapPairedDifference(ga, sa, boot);
            d.verdict = verdictOf(d.difference, m.higherIsBetter);
            d.seedsAgree = seedsAgreeWith(d.perSeed, d.difference.estimate);
            if (!d.seedsAgree)
                d.verdict = Verdict::NoDetectableDifference;
            summary.differences[label][m.key] = d;
            if (!m.verdict)
                continue;
            if (!sentence.empty())
                sentence += "; ";
            sentence += m.label + ": ";
            sentence += d.verdict == Verdict::Better  ? "SGT better"
                        : d.verdict == Verdict::Worse ? "SGT worse"
                                                      : "no detectable difference";
            sentence += " (" + shownDifference(m.key, d.difference);
            if (d.perSeed.size() > 1) {
                sentence += d.seedsAgree ? "; per seed " : "; seeds split: ";
                for (size_t i = 0; i < d.perSeed.size(); ++i)
                    sentence += (i ? ", " : "") + shownValue(m.key, d.perSeed[i]);
            }
            sentence += ")";
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
                                                  {"per_seed", d.perSeed},
                                                  {"seeds_agree", d.seedsAgree},
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
          "for deletion) and, with several seeds, every seed's own difference (listed) is on "
          "the same side of 0: the interval over images does not include training randomness, "
          "so \"seeds split\" counts as no detectable difference.\n\n";
    for (const BitPair &b : displayOrder(config.bits)) {
        const auto it = s.verdicts.find(toString(b));
        if (it == s.verdicts.end())
            continue;
        md << "- **" << toString(b) << (b.isFloat() ? "" : " bits") << "**: " << it->second << "\n";
    }
    return md.str();
}

} // namespace ql::core
