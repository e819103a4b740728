// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

#include <QDialog>
#include <QObject>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ql::app {

class InferenceWorker;

/// File > Export Model...: which model of the comparison, which format, which file.
class ExportModelDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportModelDialog(QWidget *parent = nullptr);
    /// The choice (id 0); `slot` 1 is the quantized model as the comparison shows it.
    ExportRequest request() const;
    void setRequest(const ExportRequest &request);
    /// Whether a quantized model exists; without one only the standard model is offered.
    void setQuantizedAvailable(bool available);

private:
    void browse();
    void updateSuffix();
    void updateOk();

    QComboBox *m_model = nullptr;
    QComboBox *m_format = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_ok = nullptr;
};

/// The export flow: the action, the dialog, the request to the inference thread (the UI thread
/// never writes the file) and the summary or the error when it is done.
class ModelExporter : public QObject {
    Q_OBJECT
public:
    ModelExporter(InferenceWorker *inference, QWidget *dialogParent);

    /// "Export &Model…", disabled until a model exists.
    QAction *action() const { return m_action; }
    void retranslate();
    void setModelsAvailable(bool standard, bool quantized);

    /// Asks the inference thread to export (no dialog); the result comes as finished().
    quint64 exportTo(const ExportRequest &request);
    /// The summary a finished export shows: what was written, its size against the float
    /// model's checkpoint and parameters, the integer engine check, and the bits per layer.
    static QString summaryText(const ExportResult &result);
    /// The message a failed export shows.
    static QString errorText(const ExportResult &result);
    /// Whether finished exports open a dialog (tests switch it off).
    void setInteractive(bool interactive) { m_interactive = interactive; }

Q_SIGNALS:
    void finished(const ql::app::ExportResult &result);
    /// A line for the log.
    void logMessage(const QString &line);

private:
    void chooseAndExport();
    void onFinished(const ExportResult &result);

    InferenceWorker *m_inference;
    QWidget *m_dialogParent;
    QAction *m_action = nullptr;
    quint64 m_pendingId = 0;
    ExportRequest m_last; // the dialog opens with the last choice
    bool m_haveStandard = false;
    bool m_haveQuantized = false;
    bool m_interactive = true;
};

} // namespace ql::app
