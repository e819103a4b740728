// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ql::app {

/// Data set, data folder, model architecture and training hyper-parameters. Produces the
/// TrainingConfig both models share; only bits and saliency-guided training differ per model.
class DataModelPanel : public QWidget {
    Q_OBJECT
public:
    explicit DataModelPanel(QWidget *parent = nullptr);

    /// The shared configuration (float bits; the caller sets the quantized model's bits).
    ql::core::TrainingConfig baseConfig() const;
    bool sgtFor(int slot) const;
    void setFromConfigs(const ql::core::TrainingConfig &standard,
                        const ql::core::TrainingConfig &quantized);

    QString dataDir() const;
    void setDataDir(const QString &dir);
    QString dataset() const;
    /// Returns false (and keeps the current choice) for an unknown name.
    bool setDataset(const QString &name);
    /// Tiny runs for demos and tests: limit training samples (0: all).
    void setTrainLimit(qint64 samples);
    /// Problems a user must fix before training, empty when none.
    QString validationError() const;
    /// While a job runs, every setting is read-only except the learning rate, which then
    /// changes the running optimiser (learningRateChanged).
    void setTrainingActive(bool active);
    double learningRate() const;
    void setLearningRate(double lr);
    /// Step budget of a quantization-aware fine-tune (the default job's quantized model and
    /// Retrain), in batches.
    int fineTuneSteps() const;
    void setFineTuneSteps(int steps);
    /// True: the default job trains the quantized model from scratch (epochs) instead of
    /// fine-tuning it from the standard model.
    bool quantizedFromScratch() const;

Q_SIGNALS:
    void fetchRequested(const QString &dataset, const QString &dir);
    /// The learning rate was edited (while training: apply it to the running optimiser).
    void learningRateChanged(double lr);
    /// The data set or the architecture changed: the model to build is another one.
    void modelChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void browse();

    QFormLayout *m_form = nullptr;
    QComboBox *m_dataset = nullptr;
    QLineEdit *m_dataDir = nullptr;
    QPushButton *m_browse = nullptr;
    QPushButton *m_fetch = nullptr;
    QComboBox *m_arch = nullptr;
    QCheckBox *m_sgtStandard = nullptr;
    QCheckBox *m_sgtQuantized = nullptr;
    QDoubleSpinBox *m_maskFraction = nullptr;
    QDoubleSpinBox *m_klWeight = nullptr;
    QSpinBox *m_epochs = nullptr;
    QSpinBox *m_batch = nullptr;
    QComboBox *m_optimizer = nullptr;
    QDoubleSpinBox *m_lr = nullptr;
    QSpinBox *m_trainLimit = nullptr;
    QComboBox *m_schedule = nullptr;
    QSpinBox *m_fineTuneSteps = nullptr;
    QCheckBox *m_fromScratch = nullptr;
    QLabel *m_labels[11] = {};
};

} // namespace ql::app
