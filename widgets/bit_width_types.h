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
    QString name;             ///< e.g. "conv1"
    QString kind;             ///< e.g. "conv 3x3", "linear"
    int weightBits = kFloatBits;
    int activationBits = kFloatBits;
    qint64 parameters = 0;
    bool followsGlobal = true; ///< global sliders overwrite this row; cleared by a per-row edit
};

/// One layer's chosen bit-widths, as emitted by BitWidthPanel.
struct LayerBitsChoice {
    QString name;
    int weightBits = kFloatBits;
    int activationBits = kFloatBits;
    bool operator==(const LayerBitsChoice &o) const
    {
        return name == o.name && weightBits == o.weightBits && activationBits == o.activationBits;
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
};

} // namespace ql::widgets

Q_DECLARE_METATYPE(ql::widgets::LayerBitsRow)
Q_DECLARE_METATYPE(ql::widgets::BitWidthSelection)
Q_DECLARE_METATYPE(ql::widgets::ModelSizeStats)
