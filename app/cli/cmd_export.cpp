// SPDX-License-Identifier: MIT
// quantlens-cli export: writes a trained checkpoint in a deployable form and prints what was
// written (size on disk against the float checkpoint, bits per layer). Formats: packed (QLPACK,
// docs/QLPACK.md), torchscript, onnx. The writing and checking is core::deploy::exportModel,
// shared with the GUI's File > Export Model...
#include "app/cli/cli_commands.h"
#include "app/cli/deploy_cli_support.h"

#include "core/deploy/model_export.h"
#include "core/train/checkpoint.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <stdexcept>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

QString bytesText(qint64 bytes)
{
    if (bytes >= 10 * 1024 * 1024)
        return tr("%1 MiB").arg(static_cast<double>(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
    if (bytes >= 10 * 1024)
        return tr("%1 KiB").arg(static_cast<double>(bytes) / 1024.0, 0, 'f', 1);
    return tr("%1 bytes").arg(bytes);
}

QString bitsText(int bits)
{
    return bits == core::kFloatBits ? tr("float") : QString::number(bits);
}

} // namespace

int runExportCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Export a trained checkpoint for deployment and print what was written. Formats: "
           "packed (QLPACK: weights bit-packed at their DoReFa levels, readable by the integer "
           "engine; layout in docs/QLPACK.md), torchscript (a module for torch.jit.load in "
           "Python or LibTorch, computing what the checkpoint's model computes: fake-quantized "
           "or float), onnx (QuantizeLinear / DequantizeLinear around the quantized weights and "
           "PACT activations; the encoding is described in the model's metadata)."));
    p.addHelpOption();
    p.addOption({QStringLiteral("checkpoint"), tr("the trained model (.ckpt)"), tr("file")});
    p.addOption({QStringLiteral("format"), tr("packed, torchscript or onnx (default packed)"),
                 tr("name"), QStringLiteral("packed")});
    p.addOption({QStringLiteral("out"), tr("the file to write"), tr("file")});
    p.addOption({QStringLiteral("data-dir"),
                 tr("folder of an image-folder data set, to compute its normalisation (default: "
                    "the one recorded in the checkpoint)"),
                 tr("dir")});
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (const auto exitCode = parseCommandLine(p, args))
        return *exitCode;
    if (!p.isSet(QStringLiteral("checkpoint")) || !p.isSet(QStringLiteral("out"))) {
        err << tr("quantlens-cli export: --checkpoint FILE and --out FILE are required") << "\n";
        return 2;
    }
    const QString format = p.value(QStringLiteral("format"));
    const auto chosen = core::deploy::exportFormatFromString(format.toStdString());
    if (!chosen) {
        err << tr("quantlens-cli export: unknown format '%1' (packed, torchscript, onnx)")
                   .arg(format)
            << "\n";
        return 2;
    }
    const QString checkpoint = p.value(QStringLiteral("checkpoint"));
    const QString target = p.value(QStringLiteral("out"));
    const QFileInfo targetInfo(target);
    if (!targetInfo.absoluteDir().exists()) {
        err << tr("quantlens-cli export: the folder of '%1' does not exist").arg(target) << "\n";
        return 2;
    }
    if (targetInfo.isDir()) {
        err << tr("quantlens-cli export: '%1' is a folder; give a file name").arg(target) << "\n";
        return 2;
    }

    core::CheckpointInfo info;
    const core::ClassifierPtr model =
        core::loadModelFromCheckpoint(checkpoint.toStdString(), torch::kCPU, &info);
    core::Normalization norm;
    if (*chosen == core::deploy::ExportFormat::Packed)
        norm = normalizationFor(info.config, p.value(QStringLiteral("data-dir")).toStdString());
    // The same export as the GUI's File > Export Model...: written, read back, then renamed.
    const core::deploy::ExportSummary summary =
        core::deploy::exportModel(*model, *chosen, target.toStdString(),
                                  *chosen == core::deploy::ExportFormat::Packed ? &norm : nullptr);

    const qint64 written = static_cast<qint64>(summary.bytes);
    const qint64 checkpointBytes = QFileInfo(checkpoint).size();
    out << tr("Wrote %1 (%2, %3 %4)")
               .arg(target, format, QString::fromStdString(info.config.model.arch),
                    QString::fromStdString(info.config.dataset))
        << "\n";
    out << tr("  size on disk:        %1").arg(bytesText(written)) << "\n";
    out << tr("  float checkpoint:    %1 (with optimiser state; %2x the export)")
               .arg(bytesText(checkpointBytes))
               .arg(static_cast<double>(checkpointBytes) / static_cast<double>(written), 0, 'f', 1)
        << "\n";
    out << tr("  float32 parameters:  %1 (%2x the export)")
               .arg(bytesText(static_cast<qint64>(summary.floatParameterBytes)))
               .arg(static_cast<double>(summary.floatParameterBytes) / static_cast<double>(written),
                    0, 'f', 1)
        << "\n";
    if (summary.checkedWithIntEngine)
        out << tr("  integer engine:      %1")
                   .arg(summary.intEngineRuns
                            ? tr("yes")
                            : tr("no (%1)").arg(QString::fromStdString(summary.intEngineNote)))
            << "\n";
    out << tr("  layer                 kind    weight bits  activation bits  weights") << "\n";
    for (const core::deploy::ExportedLayer &layer : summary.layers)
        out << "  " << QString::fromStdString(layer.name).leftJustified(22)
            << QString::fromStdString(layer.kind).leftJustified(8)
            << bitsText(layer.weightBits).leftJustified(13)
            << (layer.logits ? tr("logits") : bitsText(layer.activationBits)).leftJustified(17)
            << layer.weights << "\n";
    return 0;
}

} // namespace ql::app
