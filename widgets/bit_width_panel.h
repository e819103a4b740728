// SPDX-License-Identifier: MIT
#pragma once

#include "widgets/bit_width_types.h"

#include <QWidget>

class QSlider;
class QLabel;
class QTableWidget;
class QPushButton;
class QTimer;
class QGroupBox;

namespace ql::widgets {

class SliderTickLabels;

/// Global weight / activation bit sliders (1..8 and float) plus a per-layer table.
///
/// Every change (slider move or table edit) restarts a debounce timer; bitsChanged() fires once,
/// kDefaultDebounceMs after the last change, carrying every layer's resolved bits. Moving a
/// global slider rewrites the rows that still follow the global setting; editing a row detaches
/// it. Rows show the bits that run: the app describes the model (edge-layer policy, overrides)
/// and hands the result back with updateLayers(); until then a changed row's size shows "…".
/// Sizes, compression ratio, BOPs and accuracy are plain numbers handed in by the app.
class BitWidthPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDefaultDebounceMs = 150;

    explicit BitWidthPanel(QWidget *parent = nullptr);

    /// Bit choices in slider order: 1..8 then kFloatBits.
    static QVector<int> bitChoices();
    /// "4-bit" or "float" (translated).
    static QString bitsLabel(int bits);
    /// Slider position of a bit-width (bits not in bitChoices() map to the nearest choice).
    static int sliderPosition(int bits);

    /// Fills the table; does not emit bitsChanged().
    void setLayers(const QVector<LayerBitsRow> &rows);
    QVector<LayerBitsRow> layers() const;
    /// The app's description of the model at the current choice: the bits that run in rows
    /// that follow the sliders, and every row's parameters, size and BOPs. Rows are matched by
    /// name; another set of names replaces the table (as setLayers). Does not emit.
    void updateLayers(const QVector<LayerBitsRow> &described);
    /// Sets the sliders (and following rows) without emitting bitsChanged().
    void setGlobalBits(int weightBits, int activationBits);
    int globalWeightBits() const;
    int globalActivationBits() const;
    /// Per-layer edit as if the user had changed the row's combos (detaches the row, debounced
    /// signal). Returns false when the row does not exist.
    bool setLayerBits(int row, int weightBits, int activationBits);
    BitWidthSelection selection() const;

    void setModelStats(const ModelSizeStats &stats);
    ModelSizeStats modelStats() const { return m_stats; }
    /// The statistics line as shown.
    QString statsText() const;
    void setDebounceInterval(int ms);
    /// Shows "re-quantizing..." while the app works on the last selection.
    void setBusy(bool busy);
    void setRetrainEnabled(bool enabled);

protected:
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    /// Debounced: once after a burst of slider moves / table edits.
    void bitsChanged(const ql::widgets::BitWidthSelection &selection);
    void retrainRequested(const ql::widgets::BitWidthSelection &selection);

private:
    /// Sets every translatable text; called at construction and on QEvent::LanguageChange.
    /// Combo items keep their data (bits) and current index; no signal is emitted.
    void retranslateUi();
    void onGlobalSliderMoved();
    void onRowEdited(int row);
    void fillRow(int row, const LayerBitsRow &layer);
    void updateRowSize(int row);
    /// Sets a row's bits; a change makes its size unknown until the app describes it again.
    void setRowBits(int row, int weightBits, int activationBits);
    void updateSliderLabels();
    void emitNow();

    QSlider *m_weightSlider = nullptr;
    QSlider *m_activationSlider = nullptr;
    QLabel *m_weightValue = nullptr;
    QLabel *m_activationValue = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_statsLabel = nullptr;
    QLabel *m_busyLabel = nullptr;
    QPushButton *m_retrainButton = nullptr;
    QTimer *m_debounce = nullptr;
    QGroupBox *m_globalBox = nullptr;
    QLabel *m_weightCaption = nullptr;
    QLabel *m_activationCaption = nullptr;
    SliderTickLabels *m_weightTicks = nullptr;
    SliderTickLabels *m_activationTicks = nullptr;
    ModelSizeStats m_stats;
    QVector<LayerBitsRow> m_rows;
    bool m_filling = false; ///< suppresses signals while the panel itself updates widgets
};

} // namespace ql::widgets
