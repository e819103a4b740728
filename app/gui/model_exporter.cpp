// SPDX-License-Identifier: MIT
#include "app/gui/model_exporter.h"

#include "app/gui/inference_worker.h"
#include "widgets/bidi_text.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace ql::app {

namespace {

struct FormatInfo {
    const char *id;
    const char *suffix;
};
const FormatInfo kFormats[] = {{"packed", ".qlpack"}, {"torchscript", ".pt"}, {"onnx", ".onnx"}};

QString bytesText(double bytes)
{
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1,
                                       QLocale::DataSizeTraditionalFormat);
}

QString bitsText(int bits)
{
    return bits == ql::core::kFloatBits ? ModelExporter::tr("float") : QLocale().toString(bits);
}

} // namespace

ExportModelDialog::ExportModelDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Export Model"));
    auto *form = new QFormLayout;
    m_model = new QComboBox(this);
    m_model->addItem(tr("Quantized model (as the comparison shows it)"), 1);
    m_model->addItem(tr("Standard model (float)"), 0);
    form->addRow(tr("Model:"), m_model);
    m_format = new QComboBox(this);
    m_format->addItem(tr("Packed (QLPACK: bit-packed weights, runs on the integer engine)"),
                      QString::fromLatin1(kFormats[0].id));
    m_format->addItem(tr("TorchScript (torch.jit.load in Python or LibTorch)"),
                      QString::fromLatin1(kFormats[1].id));
    m_format->addItem(tr("ONNX (QuantizeLinear / DequantizeLinear)"),
                      QString::fromLatin1(kFormats[2].id));
    form->addRow(tr("Format:"), m_format);
    auto *pathRow = new QHBoxLayout;
    m_path = new QLineEdit(this);
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    form->addRow(tr("File:"), pathRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Export"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(browseButton, &QPushButton::clicked, this, &ExportModelDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportModelDialog::updateSuffix);
    connect(m_path, &QLineEdit::textChanged, this, &ExportModelDialog::updateOk);
    m_path->setText(QDir::home().filePath(QStringLiteral("model.qlpack")));
    m_path->setMinimumWidth(360);
}

ExportRequest ExportModelDialog::request() const
{
    ExportRequest r;
    r.slot = m_model->currentData().toInt();
    r.format = m_format->currentData().toString();
    r.path = m_path->text().trimmed();
    return r;
}

void ExportModelDialog::setRequest(const ExportRequest &request)
{
    if (const int i = m_model->findData(request.slot); i >= 0)
        m_model->setCurrentIndex(i);
    if (const int i = m_format->findData(request.format); i >= 0)
        m_format->setCurrentIndex(i);
    if (!request.path.isEmpty())
        m_path->setText(request.path);
}

void ExportModelDialog::setQuantizedAvailable(bool available)
{
    const int i = m_model->findData(1);
    if (!available && i >= 0) {
        m_model->removeItem(i);
    }
}

void ExportModelDialog::browse()
{
    const int f = std::max(0, m_format->currentIndex());
    const QString suffix = QString::fromLatin1(kFormats[f].suffix);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Model"), m_path->text(),
        tr("%1 files (*%2);;All files (*)").arg(m_format->currentData().toString(), suffix));
    if (!path.isEmpty())
        m_path->setText(path);
}

void ExportModelDialog::updateSuffix()
{
    // Keep the file name, change a known suffix to the chosen format's.
    QString path = m_path->text();
    for (const FormatInfo &f : kFormats)
        if (path.endsWith(QLatin1String(f.suffix))) {
            path.chop(static_cast<int>(qstrlen(f.suffix)));
            path += QLatin1String(kFormats[std::max(0, m_format->currentIndex())].suffix);
            m_path->setText(path);
            break;
        }
}

void ExportModelDialog::updateOk()
{
    m_ok->setEnabled(!m_path->text().trimmed().isEmpty());
}

ModelExporter::ModelExporter(InferenceWorker *inference, QWidget *dialogParent)
    : QObject(dialogParent), m_inference(inference), m_dialogParent(dialogParent)
{
    m_action = new QAction(this);
    m_action->setEnabled(false);
    connect(m_action, &QAction::triggered, this, &ModelExporter::chooseAndExport);
    connect(m_inference, &InferenceWorker::exportFinished, this, &ModelExporter::onFinished);
    m_last.format = QStringLiteral("packed");
    retranslate();
}

void ModelExporter::retranslate()
{
    m_action->setText(tr("Export &Model…"));
    m_action->setStatusTip(tr("Write a model of the comparison as a packed (QLPACK), "
                              "TorchScript or ONNX file"));
}

void ModelExporter::setModelsAvailable(bool standard, bool quantized)
{
    m_haveStandard = standard;
    m_haveQuantized = quantized;
    m_action->setEnabled(standard || quantized);
}

quint64 ModelExporter::exportTo(const ExportRequest &request)
{
    m_last = request;
    m_pendingId = m_inference->requestExport(request);
    return m_pendingId;
}

void ModelExporter::chooseAndExport()
{
    ExportModelDialog dialog(m_dialogParent);
    dialog.setQuantizedAvailable(m_haveQuantized);
    dialog.setRequest(m_last);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ExportRequest r = dialog.request();
    const QFileInfo info(r.path);
    if (info.exists() && !info.isDir() &&
        QMessageBox::question(
            m_dialogParent, tr("Export Model"),
            tr("%1 exists. Replace it?").arg(ql::widgets::isolateLtr(info.fileName()))) !=
            QMessageBox::Yes)
        return;
    m_action->setEnabled(false); // one export at a time; back when it is done
    Q_EMIT logMessage(tr("Exporting to %1…").arg(ql::widgets::isolateLtr(r.path)));
    exportTo(r);
}

QString ModelExporter::summaryText(const ExportResult &r)
{
    QStringList lines;
    lines << tr("Wrote %1 (%2, %3%4).")
                 .arg(ql::widgets::isolateLtr(r.path), r.format, r.arch,
                      r.quantizedIsPreview ? tr(", post-training preview") : QString());
    lines << tr("Size on disk: %1").arg(bytesText(static_cast<double>(r.bytes)));
    if (r.floatCheckpointBytes > 0 && r.bytes > 0)
        lines << tr("Float model's checkpoint: %1 (%2× the export)")
                     .arg(bytesText(static_cast<double>(r.floatCheckpointBytes)),
                          QLocale().toString(static_cast<double>(r.floatCheckpointBytes) /
                                                 static_cast<double>(r.bytes),
                                             'f', 1));
    if (r.floatParameterBytes > 0 && r.bytes > 0)
        lines << tr("This model's parameters in float32: %1 (%2× the export)")
                     .arg(bytesText(static_cast<double>(r.floatParameterBytes)),
                          QLocale().toString(static_cast<double>(r.floatParameterBytes) /
                                                 static_cast<double>(r.bytes),
                                             'f', 1));
    if (r.checkedWithIntEngine)
        lines << (r.intEngineRuns
                      ? tr("Integer engine: runs this file")
                      : tr("Integer engine: cannot run this file (%1)").arg(r.intEngineNote));
    lines << tr("Bits per layer (weights / activation after it):");
    for (const ExportedLayerRow &layer : r.layers)
        lines << tr("  %1 (%2): %3 / %4, %5 weights")
                     .arg(ql::widgets::isolateLtr(layer.name), layer.kind,
                          bitsText(layer.weightBits),
                          layer.logits ? tr("logits") : bitsText(layer.activationBits),
                          QLocale().toString(layer.weights));
    return lines.join(QLatin1Char('\n'));
}

QString ModelExporter::errorText(const ExportResult &r)
{
    return tr("The model was not exported to %1: %2").arg(ql::widgets::isolateLtr(r.path), r.error);
}

void ModelExporter::onFinished(const ExportResult &result)
{
    if (result.id != m_pendingId)
        return; // another exporter's, or an older one
    m_action->setEnabled(m_haveStandard || m_haveQuantized);
    if (!result.error.isEmpty()) {
        Q_EMIT logMessage(errorText(result));
        if (m_interactive)
            QMessageBox::warning(m_dialogParent, tr("Export Model"), errorText(result));
    } else {
        Q_EMIT logMessage(tr("Exported %1 (%2)")
                              .arg(ql::widgets::isolateLtr(result.path),
                                   bytesText(static_cast<double>(result.bytes))));
        if (m_interactive) {
            QMessageBox box(QMessageBox::Information, tr("Model exported"),
                            summaryText(result).section(QLatin1Char('\n'), 0, 0), QMessageBox::Ok,
                            m_dialogParent);
            box.setInformativeText(summaryText(result).section(QLatin1Char('\n'), 1));
            box.exec();
        }
    }
    Q_EMIT finished(result);
}

} // namespace ql::app
