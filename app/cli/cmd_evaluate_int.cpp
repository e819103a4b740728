// SPDX-License-Identifier: MIT
// quantlens-cli evaluate-int: the integer engine (core/deploy) on a data set's test split, next
// to the fake-quantized LibTorch model it was exported from: accuracy of both (95% Wilson
// intervals), top-1 agreement, the discordant images and the largest logit difference.
#include "app/cli/cli_commands.h"
#include "app/cli/deploy_cli_support.h"
#include "app/cli/train_options.h"

#include "core/data/batch.h"
#include "core/data/normalization.h"
#include "core/deploy/int_engine.h"
#include "core/imaging/dataset_loader.h"
#include "core/quant/packed_export.h"
#include "core/runtime.h"
#include "core/train/checkpoint.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <cmath>
#include <stdexcept>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

/// "98.12% [97.85, 98.36]": the 95% Wilson score interval of k successes in n.
QString accuracyText(int64_t k, int64_t n)
{
    const double z = 1.959964, nn = static_cast<double>(n), p = static_cast<double>(k) / nn;
    const double centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
    const double half = z * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn)) / (1 + z * z / nn);
    return tr("%1% [%2, %3]")
        .arg(100.0 * p, 0, 'f', 2)
        .arg(100.0 * (centre - half), 0, 'f', 2)
        .arg(100.0 * (centre + half), 0, 'f', 2);
}

} // namespace

int runEvaluateIntCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Run the integer inference engine on the test split of a checkpoint's data set and "
           "print its accuracy next to the fake-quantized LibTorch model's, with their top-1 "
           "agreement. Without --model the checkpoint is exported to a temporary packed file."));
    p.addHelpOption();
    p.addOption({QStringLiteral("checkpoint"), tr("the trained model (.ckpt)"), tr("file")});
    p.addOption({QStringLiteral("model"),
                 tr("a packed model (.qlpack) exported from that checkpoint"), tr("file")});
    p.addOption({QStringLiteral("data-dir"),
                 tr("folder of the data set (default: the one recorded in the checkpoint)"),
                 tr("dir")});
    p.addOption({QStringLiteral("limit"),
                 tr("use N test images, balanced over the classes (default 0 = all)"), tr("n"),
                 QStringLiteral("0")});
    p.addOption({QStringLiteral("threads"), tr("LibTorch threads (default 1)"), tr("n"),
                 QStringLiteral("1")});
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (const auto exitCode = parseCommandLine(p, args))
        return *exitCode;
    if (!p.isSet(QStringLiteral("checkpoint"))) {
        err << tr("quantlens-cli evaluate-int: --checkpoint FILE is required") << "\n";
        return 2;
    }
    int threads = 1;
    int64_t limit = 0;
    try { // every number is checked before any work starts
        threads = int(intOption(p, QStringLiteral("threads"), 0, kMaxCliThreads));
        limit = intOption(p, QStringLiteral("limit"), 0, kMaxCliImages);
    } catch (const std::invalid_argument &e) {
        err << tr("quantlens-cli evaluate-int: %1").arg(QString::fromUtf8(e.what())) << "\n";
        return 2;
    }
    core::configureThreads(threads);
    const std::string checkpoint = p.value(QStringLiteral("checkpoint")).toStdString();
    core::CheckpointInfo info;
    const core::ClassifierPtr model = core::loadModelFromCheckpoint(checkpoint, torch::kCPU, &info);
    const std::string dataDir = p.isSet(QStringLiteral("data-dir"))
                                    ? p.value(QStringLiteral("data-dir")).toStdString()
                                    : info.config.dataDir;
    core::DataSplits data = imaging::loadDataSplits(
        info.config.dataset, dataDir,
        imaging::DataLoadOptions{info.config.resizeWidth, info.config.resizeHeight});
    data.test = core::balancedSubset(data.test, limit);

    QTemporaryDir temp;
    std::string packedPath = p.value(QStringLiteral("model")).toStdString();
    if (packedPath.empty()) {
        if (!temp.isValid())
            throw std::runtime_error(tr("cannot create a temporary folder").toStdString());
        packedPath = temp.filePath(QStringLiteral("model.qlpack")).toStdString();
        core::exportPackedModel(*model, packedPath, &data.norm);
    }
    // The data set's normalisation wins over the file's (they are the same for exports of
    // this checkpoint).
    const auto engine = core::deploy::IntEngine::load(packedPath, data.norm.mean, data.norm.std);
    if (engine->spec().arch != model->spec().arch ||
        engine->spec().imageSize != model->spec().imageSize ||
        engine->spec().inChannels != model->spec().inChannels ||
        engine->spec().numClasses != model->spec().numClasses)
        throw std::runtime_error(
            tr("'%1' does not hold the model of '%2' (different "
               "architecture or shape)")
                .arg(QString::fromStdString(packedPath), QString::fromStdString(checkpoint))
                .toStdString());

    const int64_t n = data.test.size();
    const int64_t classes = model->spec().numClasses;
    const torch::Tensor images = data.test.images.contiguous();
    torch::Tensor fakeLogits = torch::empty({n, classes});
    torch::Tensor intLogits = torch::empty({n, classes});
    QElapsedTimer timer;
    timer.start();
    {
        torch::NoGradGuard noGrad;
        for (int64_t start = 0; start < n; start += 128) {
            const int64_t count = std::min<int64_t>(128, n - start);
            fakeLogits.narrow(0, start, count)
                .copy_(model->forward(
                    core::normalizeImages(images.narrow(0, start, count), data.norm)));
        }
    }
    const double fakeMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    engine->forwardPixels(images.data_ptr<uint8_t>(), n, intLogits.data_ptr<float>());
    const double intMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

    const torch::Tensor labels = data.test.labels;
    const torch::Tensor fakePred = fakeLogits.argmax(1);
    const torch::Tensor intPred = intLogits.argmax(1);
    const int64_t fakeRight = fakePred.eq(labels).sum().item<int64_t>();
    const int64_t intRight = intPred.eq(labels).sum().item<int64_t>();
    const int64_t agree = fakePred.eq(intPred).sum().item<int64_t>();
    const int64_t onlyInt = (intPred.eq(labels) & fakePred.ne(labels)).sum().item<int64_t>();
    const int64_t onlyFake = (fakePred.eq(labels) & intPred.ne(labels)).sum().item<int64_t>();
    const double maxDiff = (fakeLogits - intLogits).abs().max().item<double>();

    out << tr("%1 test images of %2 (%3, %4 / %5 bits)")
               .arg(n)
               .arg(QString::fromStdString(info.config.dataset),
                    QString::fromStdString(model->spec().arch))
               .arg(model->spec().quant.weightBits)
               .arg(model->spec().quant.activationBits)
        << "\n";
    out << tr("  fake-quantized LibTorch: accuracy %1  (%2 ms/image, batches of 128)")
               .arg(accuracyText(fakeRight, n))
               .arg(fakeMs / static_cast<double>(n), 0, 'f', 3)
        << "\n";
    out << tr("  integer engine:          accuracy %1  (%2 ms/image, one thread)")
               .arg(accuracyText(intRight, n))
               .arg(intMs / static_cast<double>(n), 0, 'f', 3)
        << "\n";
    out << tr("  top-1 agreement: %1 / %2 (%3%); discordant: %4 right only with the integer "
              "engine, %5 right only with LibTorch; max |logit difference| %6")
               .arg(agree)
               .arg(n)
               .arg(100.0 * static_cast<double>(agree) / static_cast<double>(n), 0, 'f', 3)
               .arg(onlyInt)
               .arg(onlyFake)
               .arg(maxDiff, 0, 'g', 3)
        << "\n";
    return 0;
}

} // namespace ql::app
