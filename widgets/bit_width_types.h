// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>
#include <QVector>

namespace ql::widgets {

/// Bits meaning "not quantized" (float32), as in core's QuantConfig.
constexpr int kFloatBits = 32;

/// One row of the per-layer bit-width table, filled from plain values by the app.
struct LayerBitsRow {
    QString name; ///< e.g. "conv1"
    QString kind; ///< e.g. "conv 3x3", "linear"
    int weightBits = kFloatBits;
    int activationBits = kFloatBits;
    qint64 parameters = 0;
    bool followsGlobal = true; ///< global sliders overwrite this row; cleared by a per-row edit
    double sizeBytes = -1;     ///< deployable bytes at these bits (from the app); < 0: unknown
    double bops = -1;          ///< bit-operations per inference (from the app); < 0: unknown
};

/// One layer's chosen bit-widths, as emitted by BitWidthPanel.
struct LayerBitsChoice {
    QString name;
    int weightBits = kFloatBits;
    int activationBits = kFloatBits;
    /// true: the row follows the sliders (the model's rules, e.g. 8-bit first and last layers,
    /// decide its bits); false: the user chose these bits for this layer.
    bool followsGlobal = true;
    bool operator==(const LayerBitsChoice &o) const
    {
        return name == o.name && weightBits == o.weightBits && activationBits == o.activationBits &&
               followsGlobal == o.followsGlobal;
    }
};

/// The whole choice: global slider positions plus every layer's resolved bits.
struct BitWidthSelection {
    int globalWeightBits = kFloatBits;
    int globalActivationBits = kFloatBits;
    QVector<LayerBitsChoice> layers;
};

/// Numbers the app computes (core's size/BOPs accounting) and the panel only displays.
struct ModelSizeStats {
    qint64 parameters = 0;
    double sizeBytes = 0;      ///< at the chosen bit-widths
    double floatSizeBytes = 0; ///< same model in float32 (for the compression ratio)
    double bops = 0;           ///< bit-operations per inference
    double testAccuracy = -1;  ///< in [0, 1]; < 0: unknown / not evaluated yet
    /// Where testAccuracy comes from: a post-training preview of the standard model at the
    /// chosen bits, or the trained quantized model.
    /// InTraining: a snapshot of the quantized model while it trains (Retrain), at
    /// trainingStep. TrainingEnded: the last such snapshot after its run finished or was
    /// stopped without a test of its own.
    enum class AccuracySource { Preview, Trained, InTraining, TrainingEnded };
    AccuracySource accuracySource = AccuracySource::Preview;
    qint64 trainingStep = 0;
    int accuracyImages = 0; ///< test images behind testAccuracy
    /// A preview's first estimate: more test images are being evaluated in the background.
    bool accuracyRefining = false;
    double packedBytes = 0; ///< the model's exported QLPACK file (0: unknown)
};

} // namespace ql::widgets

Q_DECLARE_METATYPE(ql::widgets::LayerBitsRow)
Q_DECLARE_METATYPE(ql::widgets::BitWidthSelection)
Q_DECLARE_METATYPE(ql::widgets::ModelSizeStats)
