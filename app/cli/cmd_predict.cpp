// SPDX-License-Identifier: MIT
// quantlens-cli predict: one or more models over image files, folders or globs, with the GUI's
// drop preprocessing (imaging::droppedImageSpec). Writes a CSV (file, known label, each
// model's top-3 classes with probabilities, error) atomically, streamed in batches so memory
// stays bounded, and prints a summary: with labels from folder names, accuracy per class and
// overall (95% Wilson intervals) and, for two or more models, their paired difference.
#include "app/cli/cli_commands.h"
#include "app/cli/deploy_cli_support.h"
#include "app/cli/progress_printer.h"
#include "app/cli/saliency_cli_support.h"
#include "app/cli/train_options.h"
#include "app/common/csv_field.h"

#include "core/deploy/int_engine.h"
#include "core/imaging/batch_predict.h"
#include "core/imaging/dataset_loader.h"
#include "core/metrics/bootstrap.h"
#include "core/quant/packed_export.h"
#include "core/runtime.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

QString className(const std::vector<std::string> &names, int64_t label)
{
    return label >= 0 && label < static_cast<int64_t>(names.size())
               ? QString::fromStdString(names[static_cast<size_t>(label)])
               : QString::number(label);
}

QString percent(double v)
{
    return QString::number(100.0 * v, 'f', 2);
}

/// "98.12% [97.85, 98.36]"
QString withInterval(const core::Interval &i)
{
    return tr("%1% [%2, %3]").arg(percent(i.estimate), percent(i.low), percent(i.high));
}

struct Models {
    std::vector<imaging::PredictionModel> list;
    std::vector<std::string> classNames;
    int64_t packedClasses = 0; ///< classes of the packed models (numbered when no checkpoint)
    std::vector<std::shared_ptr<void>> keepAlive; // the integer engines
};

imaging::PredictionModel torchModel(const LoadedModel &m, const core::Normalization &norm)
{
    imaging::PredictionModel pm;
    pm.label = m.label.toStdString();
    pm.input = imaging::droppedImageSpec(m.model->spec(), norm);
    core::ClassifierPtr model = m.model;
    model->eval();
    pm.logits = [model](const torch::Tensor &x) {
        torch::NoGradGuard noGrad;
        return model->forward(x);
    };
    return pm;
}

imaging::PredictionModel intModel(const std::string &label, const std::string &packedPath,
                                  const core::Normalization *norm, Models &models)
{
    std::shared_ptr<core::deploy::IntEngine> engine =
        norm ? core::deploy::IntEngine::load(packedPath, norm->mean, norm->std)
             : core::deploy::IntEngine::load(packedPath);
    models.keepAlive.push_back(engine);
    models.packedClasses = std::max<int64_t>(models.packedClasses, engine->spec().numClasses);
    imaging::PredictionModel pm;
    pm.label = label;
    const core::Normalization engineNorm{engine->mean(), engine->stdDev()};
    pm.input = imaging::droppedImageSpec(engine->spec(), engineNorm);
    const int64_t classes = engine->spec().numClasses;
    pm.logits = [engine, classes](const torch::Tensor &x) {
        const torch::Tensor in = x.to(torch::kFloat).contiguous();
        torch::Tensor logits = torch::empty({in.size(0), classes}, torch::kFloat);
        engine->forwardNormalized(in.data_ptr<float>(), in.size(0), logits.data_ptr<float>());
        return logits;
    };
    return pm;
}

Models loadModels(const QCommandLineParser &p, bool integerEngine, QTemporaryDir &temp)
{
    Models models;
    const QString dataDir = p.value(QStringLiteral("data-dir"));
    if (p.isSet(QStringLiteral("checkpoint"))) {
        const std::vector<LoadedModel> loaded = loadCheckpoints(p, torch::kCPU);
        const auto &first = loaded.front();
        models.classNames = imaging::datasetClassNames(
            first.config.dataset, dataDir.isEmpty() ? first.config.dataDir : dataDir.toStdString());
        for (size_t i = 0; i < loaded.size(); ++i) {
            const LoadedModel &m = loaded[i];
            const core::Normalization norm = normalizationFor(m.config, dataDir.toStdString());
            if (!integerEngine) {
                models.list.push_back(torchModel(m, norm));
                continue;
            }
            // The checkpoint exported to a packed file, run on the integer engine.
            if (!temp.isValid())
                throw std::runtime_error(tr("cannot create a temporary folder").toStdString());
            const std::string packed =
                temp.filePath(QStringLiteral("model%1.qlpack").arg(i)).toStdString();
            core::exportPackedModel(*m.model, packed, &norm);
            models.list.push_back(
                intModel((m.label + tr(" (int)")).toStdString(), packed, &norm, models));
        }
    }
    for (const QString &path : p.values(QStringLiteral("model"))) {
        const QString label = QFileInfo(path).completeBaseName() + tr(" (int)");
        models.list.push_back(intModel(label.toStdString(), path.toStdString(), nullptr, models));
    }
    if (models.list.empty())
        throw std::invalid_argument(
            tr("give at least one --checkpoint FILE.ckpt or --model FILE.qlpack").toStdString());
    // Packed models without a checkpoint: classes are numbered.
    if (models.classNames.empty())
        for (int64_t c = 0; c < models.packedClasses; ++c)
            models.classNames.push_back(std::to_string(c));
    return models;
}

/// Tallies for the summary (one entry per labelled image per model: bounded by the file list).
struct Tally {
    int64_t files = 0, unreadable = 0, labelled = 0, inverted = 0;
    std::vector<std::vector<double>> correct;                       // [model][labelled image] 0/1
    std::vector<std::vector<std::pair<int64_t, int64_t>>> perClass; // [model][class] (k, n)
    std::vector<int64_t> agreeWithFirst; // [model] top-1 equal to model 0
    std::vector<std::string> firstErrors;
};

} // namespace

int runPredictCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Predict the classes of image files with one or more models, with the GUI's drop "
           "preprocessing. Inputs are files, folders (searched recursively) or glob patterns. "
           "Writes a CSV (file, label from the folder name, each model's top-3 classes with "
           "probabilities) and prints a summary; when the folders are named after the classes "
           "(digits/7/a.png, or the data set's class names), also the accuracy per class and "
           "overall with 95% intervals."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("inputs"), tr("image files, folders or globs"),
                            tr("inputs..."));
    p.addOption(
        {QStringLiteral("checkpoint"), tr("a trained model (.ckpt); repeatable"), tr("file")});
    p.addOption({QStringLiteral("model"),
                 tr("a packed model (.qlpack), run on the integer engine; repeatable"),
                 tr("file")});
    p.addOption({QStringLiteral("engine"),
                 tr("torch (default) or int: run the checkpoints on the integer engine "
                    "(exported to a temporary packed file)"),
                 tr("name"), QStringLiteral("torch")});
    p.addOption({QStringLiteral("out"), tr("the CSV to write"), tr("file")});
    p.addOption({QStringLiteral("data-dir"),
                 tr("folder of the checkpoints' data set, for folder data sets' normalisation "
                    "and class names (default: the one recorded in the checkpoint)"),
                 tr("dir")});
    p.addOption({QStringLiteral("batch-size"), tr("images per forward pass (default 64)"), tr("n"),
                 QStringLiteral("64")});
    p.addOption({QStringLiteral("threads"), tr("LibTorch threads (default 0 = all cores)"), tr("n"),
                 QStringLiteral("0")});
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (const auto exitCode = parseCommandLine(p, args))
        return *exitCode;
    const QString engineName = p.value(QStringLiteral("engine"));
    if (engineName != QLatin1String("torch") && engineName != QLatin1String("int")) {
        err << tr("quantlens-cli predict: --engine must be torch or int, not '%1'").arg(engineName)
            << "\n";
        return 2;
    }
    if (!p.isSet(QStringLiteral("out"))) {
        err << tr("quantlens-cli predict: --out FILE.csv is required") << "\n";
        return 2;
    }
    if (p.positionalArguments().isEmpty()) {
        err << tr("quantlens-cli predict: give image files, folders or globs") << "\n";
        return 2;
    }
    const int batchSize = static_cast<int>(intOption(p, QStringLiteral("batch-size"), 1, 4096));
    core::configureThreads(
        static_cast<int>(intOption(p, QStringLiteral("threads"), 0, kMaxCliThreads)));

    QTemporaryDir temp;
    Models models = loadModels(p, engineName == QLatin1String("int"), temp);
    std::vector<std::string> inputs, problems;
    for (const QString &input : p.positionalArguments())
        inputs.push_back(input.toStdString());
    const std::vector<std::string> paths = imaging::collectImagePaths(inputs, problems);
    for (const std::string &problem : problems)
        err << tr("warning: %1").arg(QString::fromStdString(problem)) << "\n";
    if (paths.empty()) {
        err << tr("quantlens-cli predict: no image files to predict") << "\n";
        return 1;
    }

    const QString outPath = p.value(QStringLiteral("out"));
    QSaveFile file(outPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        throw std::runtime_error(
            tr("cannot write %1: %2").arg(outPath, file.errorString()).toStdString());
    QTextStream csv(&file);
    csv << "file,label";
    for (const auto &m : models.list)
        for (int k = 1; k <= 3; ++k)
            csv << ','
                << csvField(QString::fromStdString(m.label) + QStringLiteral(" top%1").arg(k))
                << ',' << csvField(QString::fromStdString(m.label) + QStringLiteral(" p%1").arg(k));
    csv << ",error\n";

    const size_t modelCount = models.list.size();
    const auto classCount = static_cast<int64_t>(models.classNames.size());
    Tally tally;
    tally.correct.resize(modelCount);
    tally.perClass.assign(modelCount, std::vector<std::pair<int64_t, int64_t>>(
                                          static_cast<size_t>(classCount), {0, 0}));
    tally.agreeWithFirst.assign(modelCount, 0);
    ProgressPrinter progress(1, QString(), stderr);
    const auto total = static_cast<int64_t>(paths.size());
    imaging::PredictOptions options;
    options.batchSize = batchSize;
    imaging::predictImageFiles(
        paths, models.list, options, [&](const std::vector<imaging::ImagePrediction> &batch) {
            for (const auto &entry : batch) {
                ++tally.files;
                const int64_t label = imaging::labelFromFolder(entry.path, models.classNames);
                csv << csvField(QString::fromStdString(entry.path)) << ','
                    << (label >= 0 ? csvField(className(models.classNames, label)) : QString());
                if (!entry.error.empty()) {
                    ++tally.unreadable;
                    if (tally.firstErrors.size() < 5)
                        tally.firstErrors.push_back(entry.error);
                    for (size_t m = 0; m < modelCount; ++m)
                        csv << ",,,,,,";
                    csv << ',' << csvField(QString::fromStdString(entry.error)) << '\n';
                    continue;
                }
                if (entry.inverted)
                    ++tally.inverted;
                if (label >= 0)
                    ++tally.labelled;
                for (size_t m = 0; m < modelCount; ++m) {
                    const auto &top = entry.top[m];
                    for (size_t k = 0; k < 3; ++k) {
                        if (k < top.size())
                            csv << ',' << csvField(className(models.classNames, top[k].label))
                                << ',' << QString::number(top[k].probability, 'f', 6);
                        else
                            csv << ",,";
                    }
                    if (top.front().label == entry.top[0].front().label)
                        ++tally.agreeWithFirst[m];
                    if (label >= 0) {
                        const bool right = top.front().label == label;
                        tally.correct[m].push_back(right ? 1.0 : 0.0);
                        auto &cell = tally.perClass[m][static_cast<size_t>(label)];
                        cell.first += right ? 1 : 0;
                        ++cell.second;
                    }
                }
                csv << ",\n";
            }
            progress.onItems(tally.files, total, tr("images"));
        });
    csv.flush();
    if (csv.status() != QTextStream::Ok || !file.commit())
        throw std::runtime_error(
            tr("cannot write %1: %2").arg(outPath, file.errorString()).toStdString());

    out << tr("Predicted %1 images with %2 model(s); wrote %3")
               .arg(tally.files - tally.unreadable)
               .arg(modelCount)
               .arg(QDir::toNativeSeparators(outPath))
        << "\n";
    if (tally.inverted > 0)
        out << tr("%1 images had a light background and were inverted (dark-background models)")
                   .arg(tally.inverted)
            << "\n";
    if (tally.unreadable > 0) {
        out << tr("%1 files could not be read (their rows give the reason), e.g.:")
                   .arg(tally.unreadable)
            << "\n";
        for (const auto &e : tally.firstErrors)
            out << "  " << QString::fromStdString(e) << "\n";
    }
    const int64_t readable = tally.files - tally.unreadable;
    for (size_t m = 1; m < modelCount && readable > 0; ++m)
        out << tr("%1 and %2 agree on the top class of %3 of %4 images (%5%)")
                   .arg(QString::fromStdString(models.list[0].label),
                        QString::fromStdString(models.list[m].label))
                   .arg(tally.agreeWithFirst[m])
                   .arg(readable)
                   .arg(percent(double(tally.agreeWithFirst[m]) / double(readable)))
            << "\n";
    if (tally.labelled == 0) {
        out << tr("No labels: no image lies in a folder named after a class (e.g. digits/7/).")
            << "\n";
        return 0;
    }
    out << "\n"
        << tr("Accuracy on %1 images labelled by their folder (95% Wilson intervals):")
               .arg(tally.labelled)
        << "\n";
    out << QString(tr("class")).leftJustified(14) << QString(tr("images")).rightJustified(8);
    for (const auto &m : models.list)
        out << "  " << QString::fromStdString(m.label).leftJustified(28);
    out << "\n";
    for (int64_t c = 0; c < classCount; ++c) {
        const int64_t n = tally.perClass[0][static_cast<size_t>(c)].second;
        if (n == 0)
            continue;
        out << className(models.classNames, c).leftJustified(14)
            << QString::number(n).rightJustified(8);
        for (size_t m = 0; m < modelCount; ++m) {
            const auto &cell = tally.perClass[m][static_cast<size_t>(c)];
            out << "  "
                << withInterval(core::wilsonInterval(cell.first, cell.second)).leftJustified(28);
        }
        out << "\n";
    }
    out << QString(tr("overall")).leftJustified(14)
        << QString::number(tally.labelled).rightJustified(8);
    for (size_t m = 0; m < modelCount; ++m) {
        int64_t k = 0;
        for (double v : tally.correct[m])
            k += v > 0.5 ? 1 : 0;
        out << "  " << withInterval(core::wilsonInterval(k, tally.labelled)).leftJustified(28);
    }
    out << "\n";
    for (size_t m = 1; m < modelCount; ++m) {
        const core::Interval d =
            core::bootstrapPairedDifference(tally.correct[m], tally.correct[0]);
        out << tr("%1 minus %2: %3 points [%4, %5] (paired bootstrap, 95%): %6")
                   .arg(QString::fromStdString(models.list[m].label),
                        QString::fromStdString(models.list[0].label))
                   .arg(100.0 * d.estimate, 0, 'f', 2)
                   .arg(100.0 * d.low, 0, 'f', 2)
                   .arg(100.0 * d.high, 0, 'f', 2)
                   .arg(QString::fromLatin1(core::toString(core::verdictOf(d, true))))
            << "\n";
    }
    return 0;
}

} // namespace ql::app
