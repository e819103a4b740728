// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/engine.h"
#include "core/train/training_config.h"

#include <QStringList>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;

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
    /// A built-in name, or "folder" (the user's own image folder in dataDir()).
    QString dataset() const;
    /// Returns false (and keeps the current choice) for an unknown name. "folder:<path>"
    /// chooses the image folder <path>.
    bool setDataset(const QString &name);
    /// Image folders: the side every image is resized to (0: no resize, all images one size).
    int imageResize() const;
    void setImageResize(int side);
    /// True while the chosen image folder is being scanned (in the background).
    bool folderScanPending() const;
    /// What the last scan found, as shown under the data folder (empty for built-in sets).
    QString folderSummary() const;
    /// Training images the scan of the chosen image folder found (0: no folder, or unknown).
    qint64 folderTrainImages() const;
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
    /// A scan of the image folder finished: `error` is empty when the folder can be used.
    void folderScanned(const QString &dir, const QString &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void browse();
    bool isFolder() const;
    void updateFolderRows();
    void scheduleFolderScan();
    void startFolderScan();
    void showFolderScan();

    void onFolderScanned(quint64 generation, const ImageFolderInfo &scan);

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
    QSpinBox *m_resize = nullptr;
    QLabel *m_folderInfo = nullptr;
    QTimer *m_scanDelay = nullptr;
    quint64 m_scanGeneration = 0;
    bool m_scanPending = false;
    ImageFolderInfo m_scan; ///< the last finished scan (m_scan.dir: of which folder)
    std::shared_ptr<std::atomic<quint64>> m_latestScan; ///< read by running scans: stop when old
};

} // namespace ql::app
