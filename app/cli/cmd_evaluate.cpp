// SPDX-License-Identifier: MIT
// quantlens-cli evaluate: saliency-quality metrics of one or more checkpoints on their test set:
// accuracy, modification-based curves (salient vs random), deletion / insertion, sparseness,
// complexity, the randomisation sanity check and agreement with the first checkpoint. Writes
// metrics.json, metrics.csv and PNG plots of the curves.
#include "app/cli/cli_commands.h"
#include "app/cli/saliency_cli_support.h"
#include "app/cli/train_options.h"

#include "core/data/batch.h"
#include "core/imaging/line_plot.h"
#include "core/metrics/dataset_scores.h"
#include "core/metrics/deletion_insertion.h"
#include "core/metrics/feature_removal.h"
#include "core/metrics/modification_eval.h"
#include "core/metrics/randomization_check.h"
#include "core/runtime.h"
#include "core/saliency/saliency.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <fstream>
#include <limits>
#include <sstream>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

struct ModelReport {
    core::MapQuality quality;
    core::ModificationResult modification;
    core::DeletionInsertionResult deletionInsertion;
    core::RandomizationResult randomization;
    core::AgreementScores agreementWithFirst;
};

nlohmann::json curveJson(const core::Curve &c)
{
    return {{"x", c.x}, {"y", c.y}, {"area", c.area}};
}

void writeText(const QString &path, const std::string &text)
{
    std::ofstream out(path.toStdString(), std::ios::trunc);
    out << text;
    if (!out)
        throw std::runtime_error(tr("cannot write '%1'").arg(path).toStdString());
}

void plotCurves(const QString &path, const QString &title, const QString &xLabel,
                const QString &yLabel, const std::vector<imaging::PlotSeries> &series)
{
    imaging::PlotOptions o;
    o.title = title.toStdString();
    o.xLabel = xLabel.toStdString();
    o.yLabel = yLabel.toStdString();
    imaging::writePng(imaging::drawLinePlot(series, o), path.toStdString());
}

imaging::PlotSeries series(const std::string &name, const core::Curve &c, int colour, bool dashed)
{
    imaging::PlotSeries s;
    s.name = name;
    s.x = c.x;
    s.y = c.y;
    s.color = imaging::paletteColor(colour);
    s.dashed = dashed;
    return s;
}

} // namespace

int runEvaluateCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(tr(
        "Compute saliency-quality metrics for one or more checkpoints on their test set and "
        "write metrics.json, metrics.csv and PNG plots of the curves. Formulas: docs/METRICS.md."));
    p.addHelpOption();
    addCommonSaliencyOptions(p);
    p.addOption({QStringLiteral("limit"),
                 tr("use N test images, balanced over the classes (default 1000; 0 = all)"),
                 tr("n"), QStringLiteral("1000")});
    p.addOption({QStringLiteral("deletion-steps"), tr("deletion/insertion steps (default 28)"),
                 tr("n"), QStringLiteral("28")});
    p.addOption({QStringLiteral("sanity-images"),
                 tr("images for the randomisation check (default 32)"), tr("n"),
                 QStringLiteral("32")});
    p.addOption({QStringLiteral("fill"),
                 tr("value of removed features: black, mean or uniform (default black)"),
                 tr("name"), QStringLiteral("black")});
    p.addOption(
        {QStringLiteral("seed"), tr("random seed (default 0)"), tr("n"), QStringLiteral("0")});
    p.addOption({QStringLiteral("out"), tr("output folder"), tr("dir")});
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (const auto exitCode = parseCommandLine(p, args))
        return *exitCode;
    if (!p.isSet(QStringLiteral("out"))) {
        err << tr("quantlens-cli evaluate: --out DIR is required") << "\n";
        return 2;
    }
    try {
        // Every number is checked before any work starts.
        const int threads = int(intOption(p, QStringLiteral("threads"), 0, kMaxCliThreads));
        const int64_t limit = intOption(p, QStringLiteral("limit"), 0, kMaxCliImages);
        const uint64_t seed = uint64_t(
            intOption(p, QStringLiteral("seed"), 0, std::numeric_limits<long long>::max()));
        const int deletionSteps =
            int(intOption(p, QStringLiteral("deletion-steps"), 1, kMaxCliSamples));
        const int64_t sanityImages =
            intOption(p, QStringLiteral("sanity-images"), 0, kMaxCliImages);
        core::configureThreads(threads);
        const c10::Device device =
            core::parseDevice(p.value(QStringLiteral("device")).toStdString());
        core::SaliencyOptions saliency = saliencyOptionsFrom(p); // checked before loading
        auto models = loadCheckpoints(p, device);
        const auto methods = methodsFrom(p.value(QStringLiteral("method")));
        saliency.method = methods.front();
        core::FillSpec fill;
        const QString fillName = p.value(QStringLiteral("fill"));
        if (fillName == QLatin1String("mean"))
            fill.mode = core::FillMode::ImageMean;
        else if (fillName == QLatin1String("uniform"))
            fill.mode = core::FillMode::UniformRandom;
        else if (fillName != QLatin1String("black"))
            throw std::invalid_argument(tr("--fill must be black, mean or uniform").toStdString());

        const QString outDir = p.value(QStringLiteral("out"));
        if (!QDir().mkpath(outDir))
            throw std::runtime_error(tr("cannot create the folder '%1'").arg(outDir).toStdString());
        core::DataSplits data = loadDataFor(p, models.front());
        // A class-balanced subset: image folders list one class after another.
        data.test = core::balancedSubset(data.test, limit);

        std::vector<ModelReport> reports;
        QElapsedTimer timer;
        for (size_t i = 0; i < models.size(); ++i) {
            auto &model = *models[i].model;
            timer.start();
            out << tr("[%1/%2] %3: ").arg(i + 1).arg(models.size()).arg(models[i].label);
            out.flush();
            ModelReport r;
            r.quality = core::mapQuality(model, data.test, data.norm, saliency, limit);
            core::ModificationOptions mod;
            mod.saliency = saliency;
            mod.limit = limit;
            mod.fill = fill;
            mod.seed = seed;
            r.modification = core::modificationEvaluation(model, data.test, data.norm, mod);
            core::DeletionInsertionOptions del;
            del.saliency = saliency;
            del.limit = limit;
            del.steps = deletionSteps;
            del.deletionFill = fill;
            del.seed = seed;
            r.deletionInsertion = core::deletionInsertion(model, data.test, data.norm, del);
            const int64_t sanity = std::min<int64_t>(sanityImages, data.test.size());
            if (sanity > 0) {
                const auto inputs =
                    core::toModelInput(data.test.images.slice(0, 0, sanity), data.norm, device);
                r.randomization = core::randomizationCheck(model, inputs, saliency, seed);
            }
            if (i > 0)
                r.agreementWithFirst = core::datasetAgreement(
                    *models.front().model, model, data.test, data.norm, saliency, limit);
            reports.push_back(r);
            out << tr("accuracy %1, modification AUC %2 (random %3), deletion AUC %4, insertion "
                      "AUC %5, Gini %6 (%7 s)")
                       .arg(r.quality.accuracy, 0, 'f', 4)
                       .arg(r.modification.salient.area, 0, 'f', 4)
                       .arg(r.modification.random.area, 0, 'f', 4)
                       .arg(r.deletionInsertion.deletion.area, 0, 'f', 4)
                       .arg(r.deletionInsertion.insertion.area, 0, 'f', 4)
                       .arg(r.quality.gini, 0, 'f', 3)
                       .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
                << "\n";
            out.flush();
        }

        // metrics.json: everything, curves included.
        nlohmann::json json;
        json["method"] = core::toString(saliency.method);
        json["absolute"] = saliency.absolute;
        json["images"] = reports.front().quality.images;
        json["dataset"] = models.front().config.dataset;
        for (size_t i = 0; i < models.size(); ++i) {
            const auto &r = reports[i];
            nlohmann::json m;
            m["checkpoint"] = models[i].path.toStdString();
            m["label"] = models[i].label.toStdString();
            m["accuracy"] = r.quality.accuracy;
            m["gini"] = r.quality.gini;
            m["entropy"] = r.quality.entropy;
            m["modification"] = {{"salient", curveJson(r.modification.salient)},
                                 {"random", curveJson(r.modification.random)}};
            m["deletion"] = curveJson(r.deletionInsertion.deletion);
            m["insertion"] = curveJson(r.deletionInsertion.insertion);
            m["randomization"] = {{"layers", r.randomization.layers},
                                  {"spearman", r.randomization.spearman},
                                  {"ssim", r.randomization.ssim}};
            if (i > 0)
                m["agreement_with_first"] = {{"spearman", r.agreementWithFirst.spearman},
                                             {"top10_iou", r.agreementWithFirst.topKIou},
                                             {"ssim", r.agreementWithFirst.ssim}};
            json["models"].push_back(m);
        }
        writeText(QDir(outDir).filePath(QStringLiteral("metrics.json")), json.dump(2) + "\n");

        // metrics.csv: one row per checkpoint, the scalar scores.
        std::ostringstream csv;
        csv << "label,checkpoint,accuracy,modification_auc,random_auc,auc_gap,deletion_auc,"
               "insertion_auc,gini,entropy,randomization_final_spearman,agreement_spearman,"
               "agreement_top10_iou,agreement_ssim\n";
        for (size_t i = 0; i < models.size(); ++i) {
            const auto &r = reports[i];
            const double finalRho =
                r.randomization.spearman.empty() ? 0.0 : r.randomization.spearman.back();
            csv << models[i].label.toStdString() << ',' << models[i].path.toStdString() << ','
                << r.quality.accuracy << ',' << r.modification.salient.area << ','
                << r.modification.random.area << ','
                << r.modification.random.area - r.modification.salient.area << ','
                << r.deletionInsertion.deletion.area << ',' << r.deletionInsertion.insertion.area
                << ',' << r.quality.gini << ',' << r.quality.entropy << ',' << finalRho << ',';
            if (i > 0)
                csv << r.agreementWithFirst.spearman << ',' << r.agreementWithFirst.topKIou << ','
                    << r.agreementWithFirst.ssim;
            else
                csv << ",,";
            csv << '\n';
        }
        writeText(QDir(outDir).filePath(QStringLiteral("metrics.csv")), csv.str());

        // Plots.
        std::vector<imaging::PlotSeries> mod;
        std::vector<imaging::PlotSeries> del;
        std::vector<imaging::PlotSeries> ins;
        std::vector<imaging::PlotSeries> sanity;
        for (size_t i = 0; i < models.size(); ++i) {
            const std::string label = models[i].label.toStdString();
            const int colour = static_cast<int>(i);
            mod.push_back(
                series(label + " salient", reports[i].modification.salient, colour, false));
            mod.push_back(series(label + " random", reports[i].modification.random, colour, true));
            del.push_back(series(label, reports[i].deletionInsertion.deletion, colour, false));
            ins.push_back(series(label, reports[i].deletionInsertion.insertion, colour, false));
            core::Curve rho;
            for (size_t s = 0; s < reports[i].randomization.spearman.size(); ++s) {
                rho.x.push_back(static_cast<double>(s + 1));
                rho.y.push_back(reports[i].randomization.spearman[s]);
            }
            sanity.push_back(series(label, rho, colour, false));
        }
        const QDir dir(outDir);
        plotCurves(dir.filePath(QStringLiteral("modification.png")),
                   tr("Accuracy after removing the most salient / random features"),
                   tr("fraction of features removed"), tr("test accuracy"), mod);
        plotCurves(dir.filePath(QStringLiteral("deletion.png")), tr("Deletion (lower is better)"),
                   tr("fraction of features deleted"), tr("class probability"), del);
        plotCurves(dir.filePath(QStringLiteral("insertion.png")),
                   tr("Insertion (higher is better)"), tr("fraction of features inserted"),
                   tr("class probability"), ins);
        plotCurves(dir.filePath(QStringLiteral("randomization.png")),
                   tr("Cascading randomisation from the top layer"), tr("layers randomised"),
                   tr("Spearman rho to the original maps"), sanity);
        out << tr("wrote metrics.json, metrics.csv, modification.png, deletion.png, insertion.png, "
                  "randomization.png to %1")
                   .arg(outDir)
            << "\n";
        return 0;
    } catch (const std::invalid_argument &e) {
        err << tr("quantlens-cli evaluate: %1").arg(QString::fromUtf8(e.what())) << "\n";
        return 2;
    } catch (const std::exception &e) {
        err << tr("quantlens-cli evaluate: %1")
                   .arg(QString::fromStdString(core::describeException(e)))
            << "\n";
        return 1;
    }
}

} // namespace ql::app
