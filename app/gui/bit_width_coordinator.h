// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

#include <QObject>

#include <functional>

namespace ql::widgets {
class BitWidthPanel;
struct BitWidthSelection;
} // namespace ql::widgets

namespace ql::app {

class InferenceWorker;

/// Keeps the bit-width panel truthful. On every change of model or bits it asks the inference
/// thread to describe the chosen model (core's accounting: the bits that run, bytes, BOPs) and
/// hands the rows back to the panel; with a trained standard model it also asks for a
/// post-training preview. The panel shows an accuracy only for exactly the selected bits, and
/// says whose it is: the trained quantized model's, or the preview's.
class BitWidthCoordinator : public QObject {
    Q_OBJECT
public:
    /// A slider's progressive test: a first estimate on this many class-balanced test images
    /// (20 per class on a 10-class set: about 0.2 s for mnist-cnn on 2 cores, so that the
    /// figure and the maps follow a slider move within half a second), refined to the second
    /// count and then to the whole test split.
    static constexpr int kPreviewFirstStage = 200;
    static constexpr int kPreviewSecondStage = 2000;
    /// A training snapshot's single test (Retrain, the default job's fine-tune): 500
    /// class-balanced images, about half a second per snapshot.
    static constexpr int kSnapshotTestImages = 500;

    /// `modelSpec` gives the chosen architecture and input shape (bits are ignored).
    BitWidthCoordinator(ql::widgets::BitWidthPanel *panel, InferenceWorker *inference,
                        std::function<ql::core::ModelSpec()> modelSpec, QObject *parent = nullptr);

    /// The quantized model's configuration for a selection: a row the user set is an
    /// override (`perLayer`) even at the global bits; the other rows get the core's rules.
    static ql::core::QuantConfig quantFromSelection(const ql::widgets::BitWidthSelection &s);
    /// The panel's current choice as a QuantConfig.
    ql::core::QuantConfig quant() const;
    /// "4/4-bit", "float/8-bit" in the current language.
    static QString bitsText(const ql::core::QuantConfig &quant);

    /// Whether a trained standard model exists (previews need one).
    void setStandardAvailable(bool available) { m_haveStandard = available; }
    /// The trained quantized model's bits and its last test accuracy on `images` images.
    void setTrainedQuantized(const ql::core::QuantConfig &quant, double accuracy, int images);
    void forgetTrainedQuantized()
    {
        m_haveTrained = false;
        m_haveInTraining = false;
    }
    /// A snapshot of the quantized model in training (Retrain, the default job's fine-tune)
    /// reached the inference thread: test it on kSnapshotTestImages class-balanced test images
    /// (the whole split is the run's own test at its end) and show the figure as the model
    /// in training's, at `step`. A newer request (snapshot or slider) supersedes it.
    void measureTrainingSnapshot(const ql::core::QuantConfig &quant, qint64 step);
    /// The run that trained the quantized model ended (finished, stopped or failed): a figure
    /// of its last snapshot no longer says "in training".
    void trainingEnded();

public Q_SLOTS:
    /// Builds and describes the chosen model at the chosen bits (newest request wins).
    void requestDescription();
    /// Size, BOPs and the accuracy that belongs to the current bits, in the panel (also after
    /// a language change: the numbers are formatted again).
    void refreshStats();

Q_SIGNALS:
    /// A description reached the panel.
    void described();
    /// A preview was measured (for the status line).
    void previewMeasured(const ql::app::PreviewResult &result);
    /// A stage of the test of a model in training was measured.
    void snapshotMeasured(const ql::app::PreviewResult &result);
    void error(const QString &message);

private:
    void onBitsChanged(const ql::widgets::BitWidthSelection &selection);
    void onDescription(const ModelDescription &description);
    void onPreview(const PreviewResult &result);

    ql::widgets::BitWidthPanel *m_panel;
    InferenceWorker *m_inference;
    std::function<ql::core::ModelSpec()> m_modelSpec;
    quint64 m_descriptionId = 0;
    ModelDescription m_description;
    PreviewResult m_preview; // the last post-training preview (its latest stage)
    quint64 m_previewId = 0;
    bool m_havePreview = false;
    bool m_haveStandard = false;
    bool m_haveTrained = false;
    ql::core::QuantConfig m_trainedQuant;
    bool m_haveInTraining = false;
    bool m_trainingRunning = false; ///< a run is producing the snapshots being measured
    PreviewResult m_inTraining;     // the latest stage of the newest snapshot's test
    double m_trainedAccuracy = -1;
    int m_trainedImages = 0;
};

} // namespace ql::app
