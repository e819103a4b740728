// SPDX-License-Identifier: MIT
// quantlens-cli compare: the four configurations of the paper on one data set - standard,
// standard + saliency-guided, PACT k-bit, PACT k-bit + saliency-guided - as a Markdown and a
// CSV table (test accuracy, model size, bit-operations, training time).
#include "app/cli/cli_commands.h"
#include "app/cli/progress_printer.h"
#include "app/cli/train_options.h"

#include "core/models/classifier.h"
#include "core/quant/model_size.h"
#include "core/train/config_json.h"
#include "core/train/trainer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>

#include <chrono>
#include <vector>

namespace ql::app {

namespace {

struct Variant {
    QString slug;
    QString title;
    int bits; ///< kFloatBits for the standard model
    bool sgt;
};

struct Result {
    Variant variant;
    core::RunOutcome outcome = core::RunOutcome::Failed;
    double testAccuracy = 0, bestAccuracy = 0, seconds = 0;
    double sizeBytes = 0, bops = 0;
    int64_t parameters = 0;
};

/// Deployable size and bit-operations at the trained model's bit-widths (the quant layer's
/// accounting, docs/QUANTIZATION.md).
void measureModel(const core::ClassifierImpl &model, Result &r)
{
    const core::ModelSize size = core::computeModelSize(model);
    r.sizeBytes = double(size.bytes);
    r.bops = double(size.bops);
    r.parameters = size.parameters;
}

QString kibibytes(double bytes)
{
    return QString::number(bytes / 1024.0, 'f', 1) + QStringLiteral(" KiB");
}

} // namespace

int runCompareCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli", "Train standard, standard + SGT, PACT k-bit and PACT k-bit + SGT models one "
               "after the other and tabulate accuracy, size, BOPs and training time."));
    p.addHelpOption();
    addTrainingOptions(p, false);
    p.addOption({QStringLiteral("bits"),
                 QCoreApplication::translate("Cli", "k: weight and activation bits of the PACT "
                                                    "models (default 4)"),
                 QCoreApplication::translate("Cli", "k"), QStringLiteral("4")});
    p.addOption({QStringLiteral("out"),
                 QCoreApplication::translate("Cli", "output folder (runs, compare.md, "
                                                    "compare.csv)"),
                 QCoreApplication::translate("Cli", "dir"), QStringLiteral("runs/compare")});
    QTextStream err(stderr), out(stdout);
    if (const auto exitCode = parseCommandLine(p, args))
        return *exitCode;
    core::TrainingConfig base;
    int bits = 4;
    try {
        base = applyTrainingOptions(p, base, false);
        bits = int(intOption(p, QStringLiteral("bits"), 1, 8));
    } catch (const std::invalid_argument &e) {
        err << QString::fromUtf8(e.what()) << "\n";
        return 2;
    }
    const QString dir = p.value(QStringLiteral("out"));
    if (!QDir().mkpath(dir)) {
        err << QCoreApplication::translate("Cli", "cannot create %1").arg(dir) << "\n";
        return 1;
    }
    core::DataSplits data = loadDataFor(base);
    const QString k = QString::number(bits);
    const std::vector<Variant> variants = {
        {QStringLiteral("standard"), QCoreApplication::translate("Cli", "Standard (float)"),
         core::kFloatBits, false},
        {QStringLiteral("standard-sgt"),
         QCoreApplication::translate("Cli", "Standard + saliency-guided"), core::kFloatBits, true},
        {QStringLiteral("pact%1").arg(k), QCoreApplication::translate("Cli", "PACT %1-bit").arg(k),
         bits, false},
        {QStringLiteral("pact%1-sgt").arg(k),
         QCoreApplication::translate("Cli", "PACT %1-bit + saliency-guided").arg(k), bits, true},
    };
    std::vector<Result> results;
    for (const Variant &v : variants) {
        core::TrainingConfig c = base;
        c.model.quant.weightBits = v.bits;
        c.model.quant.activationBits = v.bits;
        c.sgt.enabled = v.sgt;
        Result r;
        r.variant = v;
        core::Trainer trainer(c, data);
        trainer.setRunFolder(QDir(dir).filePath(v.slug).toStdString());
        ProgressPrinter progress(c.epochs, QStringLiteral("[%1] ").arg(v.slug));
        trainer.setObserver(&progress);
        const auto start = std::chrono::steady_clock::now();
        r.outcome = trainer.run();
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (const auto &e : trainer.history().epochs) {
            r.testAccuracy = e.testAccuracy;
            r.bestAccuracy = std::max(r.bestAccuracy, e.testAccuracy);
        }
        if (const core::ClassifierPtr model = trainer.model())
            measureModel(*model, r);
        results.push_back(r);
    }

    QString md, csv;
    QTextStream m(&md), c(&csv);
    m << "# " << QCoreApplication::translate("Cli", "QuantLens comparison") << "\n\n"
      << QCoreApplication::translate("Cli", "Data set %1, model %2, %3 epochs, batch %4, "
                                            "optimiser %5 (lr %6), seed %7.")
             .arg(QString::fromStdString(base.dataset), QString::fromStdString(base.model.arch))
             .arg(base.epochs)
             .arg(base.batchSize)
             .arg(QString::fromStdString(base.optimizer.name))
             .arg(base.optimizer.learningRate)
             .arg(base.seed)
      << "\n\n| " << QCoreApplication::translate("Cli", "Configuration") << " | "
      << QCoreApplication::translate("Cli", "Test accuracy") << " | "
      << QCoreApplication::translate("Cli", "Best") << " | "
      << QCoreApplication::translate("Cli", "Model size") << " | BOPs | "
      << QCoreApplication::translate("Cli", "Training time") << " | "
      << QCoreApplication::translate("Cli", "Outcome") << " |\n|---|---|---|---|---|---|---|\n";
    c << "configuration,test_accuracy,best_test_accuracy,size_bytes,parameters,bops,"
         "training_seconds,outcome\n";
    for (const Result &r : results) {
        m << "| " << r.variant.title << " | " << QString::number(r.testAccuracy * 100, 'f', 2)
          << "% | " << QString::number(r.bestAccuracy * 100, 'f', 2) << "% | "
          << kibibytes(r.sizeBytes) << " | " << QString::number(r.bops, 'g', 4) << " | "
          << QString::number(r.seconds, 'f', 1) << " s | " << core::toString(r.outcome) << " |\n";
        c << r.variant.slug << "," << r.testAccuracy << "," << r.bestAccuracy << ","
          << qint64(r.sizeBytes) << "," << r.parameters << "," << r.bops << "," << r.seconds << ","
          << core::toString(r.outcome) << "\n";
    }
    m.flush();
    c.flush();
    for (const auto &[name, text] : {std::pair{QStringLiteral("compare.md"), md},
                                     std::pair{QStringLiteral("compare.csv"), csv}}) {
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            err << QCoreApplication::translate("Cli", "cannot write %1").arg(f.fileName()) << "\n";
            return 1;
        }
        f.write(text.toUtf8());
    }
    out << "\n" << md;
    for (const Result &r : results) {
        if (r.outcome != core::RunOutcome::Finished)
            return 1;
    }
    return 0;
}

} // namespace ql::app
