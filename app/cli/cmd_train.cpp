// SPDX-License-Identifier: MIT
// quantlens-cli train: one model, one run folder.
#include "app/cli/cli_commands.h"
#include "app/cli/distributed_options.h"
#include "app/cli/progress_printer.h"
#include "app/cli/train_options.h"

#include "core/dist/communicator.h"
#include "core/train/checkpoint.h"
#include "core/train/config_json.h"
#include "core/train/finetune.h"
#include "core/train/trainer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <chrono>
#include <memory>
#include <optional>

namespace ql::app {

int runTrainCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli", "Train one classifier (optionally saliency-guided, optionally PACT-quantized) "
               "and write a run folder: config.json, metrics.csv, batches.csv, last.ckpt, "
               "best.ckpt."));
    p.addHelpOption();
    addTrainingOptions(p, true);
    p.addOption({QStringLiteral("config"),
                 QCoreApplication::translate("Cli", "start from this JSON config (options given "
                                                    "on the command line override it)"),
                 QCoreApplication::translate("Cli", "file")});
    p.addOption({QStringLiteral("resume"),
                 QCoreApplication::translate("Cli", "continue the run of this checkpoint (its "
                                                    "config; --epochs may extend it)"),
                 QCoreApplication::translate("Cli", "checkpoint")});
    p.addOption({QStringLiteral("init"),
                 QCoreApplication::translate(
                     "Cli", "quantization-aware fine-tune from this checkpoint's weights at the "
                            "bits given, PACT alphas calibrated from training data first (data "
                            "set and model default to the checkpoint's)"),
                 QCoreApplication::translate("Cli", "checkpoint")});
    p.addOption({QStringLiteral("out"),
                 QCoreApplication::translate("Cli", "run folder (default: runs/<name>-<time>)"),
                 QCoreApplication::translate("Cli", "dir")});
    addDistributedOptions(p);
    QTextStream err(stderr);
    if (const auto exitCode = parseCommandLine(p, args))
        return *exitCode;
    if (!p.positionalArguments().isEmpty()) {
        err << QCoreApplication::translate("Cli", "unexpected argument '%1'")
                   .arg(p.positionalArguments().first())
            << "\n";
        return 2;
    }

    core::TrainingConfig config;
    core::useRecommendedRecipe(config); // Adam + one-cycle, unless a config or --resume says
    const QString resume = p.value(QStringLiteral("resume"));
    if (!resume.isEmpty())
        config = core::readCheckpointInfo(resume.toStdString()).config;
    else if (p.isSet(QStringLiteral("config")))
        config = core::loadTrainingConfig(p.value(QStringLiteral("config")).toStdString());
    const QString init = resume.isEmpty() ? p.value(QStringLiteral("init")) : QString();
    core::ClassifierPtr initModel;
    if (!init.isEmpty()) {
        core::CheckpointInfo initInfo;
        initModel = core::loadModelFromCheckpoint(init.toStdString(), torch::Device(torch::kCPU),
                                                  &initInfo);
        if (!p.isSet(QStringLiteral("config"))) {
            config.dataset = initInfo.config.dataset;
            config.dataDir = initInfo.config.dataDir;
            config.model.arch = initInfo.config.model.arch;
        }
    }
    try {
        config = applyTrainingOptions(p, config);
    } catch (const std::invalid_argument &e) {
        err << QString::fromUtf8(e.what()) << "\n";
        return 2;
    }
    if (!init.isEmpty())
        config.initFrom = init.toStdString();
    int nproc = 0;
    std::optional<core::DistributedOptions> dist;
    try {
        nproc = localProcessCount(p);
        dist = distributedOptions(p, config.device);
    } catch (const std::invalid_argument &e) {
        err << QString::fromUtf8(e.what()) << "\n";
        return 2;
    }
    const bool rankZero = !dist || dist->rank == 0;

    QString out = p.value(QStringLiteral("out"));
    if (out.isEmpty() && !resume.isEmpty())
        out = QFileInfo(resume).absolutePath();
    if (out.isEmpty()) {
        const QString bits = config.model.quant.isFloat()
                                 ? QStringLiteral("float")
                                 : QStringLiteral("w%1a%2")
                                       .arg(config.model.quant.weightBits)
                                       .arg(config.model.quant.activationBits);
        out = QStringLiteral("runs/%1-%2-%3%4-%5")
                  .arg(QString::fromStdString(config.dataset)
                           .replace(QLatin1Char(':'), QLatin1Char('_')),
                       QString::fromStdString(config.model.arch), bits,
                       config.sgt.enabled ? QStringLiteral("-sgt") : QString(),
                       QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    }
    if (nproc > 0) {
        // This process only starts and watches the ranks; they get the same run folder.
        QStringList workerArgs;
        for (int i = 1; i < args.size(); ++i) {
            if (args[i] == QLatin1String("--nproc")) {
                ++i;
                continue;
            }
            if (args[i].startsWith(QLatin1String("--nproc=")))
                continue;
            workerArgs << args[i];
        }
        if (!p.isSet(QStringLiteral("out")))
            workerArgs << QStringLiteral("--out") << out;
        const double timeout = p.isSet(QStringLiteral("timeout"))
                                   ? p.value(QStringLiteral("timeout")).toDouble()
                                   : core::DistributedOptions().timeoutSeconds;
        return runLocalWorkers(nproc, workerArgs, timeout);
    }
    core::DataSplits data = loadDataFor(config);
    std::shared_ptr<core::Communicator> comm;
    if (dist) {
        try {
            comm = core::connectRanks(*dist);
        } catch (const std::exception &e) {
            err << QString::fromUtf8(e.what()) << "\n";
            return 1;
        }
    }
    if (!rankZero) {
        // Ranks other than 0 write nothing; they report only how they ended.
        core::Trainer trainer(config, std::move(data));
        trainer.setCommunicator(comm);
        if (!resume.isEmpty())
            trainer.resumeFrom(resume.toStdString());
        const core::RunOutcome outcome = trainer.run();
        if (outcome == core::RunOutcome::Finished)
            return 0;
        err << QStringLiteral("rank %1: %2: %3")
                   .arg(dist->rank)
                   .arg(QString::fromLatin1(core::toString(outcome)),
                        QString::fromStdString(trainer.lastMessage()))
            << "\n";
        return outcome == core::RunOutcome::Cancelled  ? 4
               : outcome == core::RunOutcome::Diverged ? 5
                                                       : 1;
    }
    if (!QDir().mkpath(out)) {
        err << QCoreApplication::translate("Cli", "cannot create the run folder %1").arg(out)
            << "\n";
        return 1;
    }

    core::Trainer trainer(config, data); // tensors are shared, not copied
    trainer.setRunFolder(out.toStdString());
    trainer.setCommunicator(comm);
    if (initModel) {
        if (initModel->spec().arch != config.model.arch) {
            err << QCoreApplication::translate("Cli", "--init: the checkpoint holds a %1, not a %2")
                       .arg(QString::fromStdString(initModel->spec().arch),
                            QString::fromStdString(config.model.arch))
                << "\n";
            return 2;
        }
        const core::CalibrationReport calibration =
            core::prepareCalibratedFineTune(trainer, *initModel, data);
        const std::string text = core::describeCalibration(calibration);
        if (!text.empty())
            QTextStream(stdout) << QCoreApplication::translate("Cli", "Calibrated PACT alphas:")
                                << "\n"
                                << QString::fromStdString(text);
    }
    if (!resume.isEmpty())
        trainer.resumeFrom(resume.toStdString());
    ProgressPrinter progress(config.epochs);
    progress.setStepBudget(config.maxSteps);
    trainer.setObserver(&progress);
    QTextStream(stdout) << QCoreApplication::translate("Cli", "Run folder: %1").arg(out) << "\n";
    const auto start = std::chrono::steady_clock::now();
    const core::RunOutcome outcome = trainer.run();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const core::MetricsHistory history = trainer.history();
    if (!history.epochs.empty()) {
        double best = 0;
        for (const auto &e : history.epochs)
            best = std::max(best, e.testAccuracy);
        QTextStream(stdout) << QCoreApplication::translate(
                                   "Cli", "Summary: %1 epochs, final test accuracy %2%, best "
                                          "%3%, %4 s; checkpoints in %5")
                                   .arg(history.epochs.size())
                                   .arg(history.epochs.back().testAccuracy * 100.0, 0, 'f', 2)
                                   .arg(best * 100.0, 0, 'f', 2)
                                   .arg(seconds, 0, 'f', 1)
                                   .arg(out)
                            << "\n";
    }
    switch (outcome) {
    case core::RunOutcome::Finished:
        return 0;
    case core::RunOutcome::Cancelled:
        return 4;
    case core::RunOutcome::Diverged:
        return 5;
    case core::RunOutcome::Failed:
        break;
    }
    return 1;
}

} // namespace ql::app
