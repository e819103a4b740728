// SPDX-License-Identifier: MIT
// quantlens-cli export: writes a trained checkpoint in a deployable form and prints what was
// written (size on disk against the float checkpoint, bits per layer). Formats: packed (QLPACK,
// docs/QLPACK.md), checked afterwards by reading it back and, where the model fits, by loading
// it into the integer engine.
#include "app/cli/cli_commands.h"
#include "app/cli/deploy_cli_support.h"

#include "core/deploy/int_engine.h"
#include "core/deploy/onnx_export.h"
#include "core/deploy/qlpack_reader.h"
#include "core/deploy/torchscript_export.h"
#include "core/quant/model_size.h"
#include "core/quant/packed_export.h"
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
    if (format != QLatin1String("packed") && format != QLatin1String("torchscript") &&
        format != QLatin1String("onnx")) {
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
    QString engineNote;
    if (format == QLatin1String("torchscript")) {
        core::deploy::exportTorchScript(*model, target.toStdString());
    } else if (format == QLatin1String("onnx")) {
        core::deploy::exportOnnx(*model, target.toStdString());
        core::deploy::checkOnnxFile(target.toStdString()); // read back, as a consumer would
    } else {
        const core::Normalization norm =
            normalizationFor(info.config, p.value(QStringLiteral("data-dir")).toStdString());
        core::exportPackedModel(*model, target.toStdString(), &norm);
        // Read it back with the strict reader: a file we cannot read is not reported as written.
        const core::deploy::PackedFile packed = core::deploy::readPackedFile(target.toStdString());
        try {
            core::deploy::IntEngine::fromFile(packed);
            engineNote = tr("yes");
        } catch (const std::exception &e) {
            engineNote = tr("no (%1)").arg(QString::fromUtf8(e.what()));
        }
    }

    const core::ModelSize size = core::computeModelSize(*model);
    const qint64 written = QFileInfo(target).size();
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
               .arg(bytesText(size.floatBytes))
               .arg(static_cast<double>(size.floatBytes) / static_cast<double>(written), 0, 'f', 1)
        << "\n";
    if (!engineNote.isEmpty())
        out << tr("  integer engine:      %1").arg(engineNote) << "\n";
    out << tr("  layer                 kind    weight bits  activation bits  weights") << "\n";
    for (const core::LayerInfo &layer : model->layers())
        out << "  " << QString::fromStdString(layer.name).leftJustified(22)
            << QString::fromStdString(layer.kind).leftJustified(8)
            << bitsText(layer.bits.weightBits).leftJustified(13)
            << (layer.name == model->layers().back().name ? tr("logits")
                                                          : bitsText(layer.bits.activationBits))
                   .leftJustified(17)
            << layer.weightCount << "\n";
    return 0;
}

} // namespace ql::app
