// SPDX-License-Identifier: MIT
#include "widgets/bit_width_panel.h"

#include "widgets/bidi_text.h"
#include "widgets/slider_tick_labels.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ql::widgets {

namespace {
enum Column {
    ColName,
    ColKind,
    ColWeights,
    ColActivations,
    ColGlobal,
    ColParams,
    ColSize,
    ColCount
};

QSlider *makeBitSlider(QWidget *parent)
{
    auto *slider = new QSlider(Qt::Horizontal, parent);
    slider->setRange(0, BitWidthPanel::bitChoices().size() - 1);
    slider->setPageStep(1);
    slider->setTickPosition(QSlider::TicksBelow);
    slider->setTickInterval(1);
    return slider;
}

QComboBox *makeBitCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    for (int bits : BitWidthPanel::bitChoices())
        combo->addItem(BitWidthPanel::bitsLabel(bits), bits);
    combo->setFrame(false);
    return combo;
}

QString formatBytes(double bytes)
{
    if (bytes < 0)
        return QStringLiteral("…"); // the app has not measured these bits yet
    return QLocale()
        .formattedDataSize(qint64(std::llround(bytes)), 1, QLocale::DataSizeSIFormat)
        .replace(QLatin1Char(' '), QChar(0x00a0));
}

/// Layer kinds from the model description, translated.
QString kindLabel(const QString &kind)
{
    if (kind == QLatin1String("conv"))
        return BitWidthPanel::tr("conv");
    if (kind == QLatin1String("linear"))
        return BitWidthPanel::tr("linear");
    return kind;
}

/// 1234567 -> "1.23 G" style, for BOPs (huge numbers, a unitless count).
QString formatCount(double value)
{
    // Non-breaking spaces keep a number and its unit on one line when the label wraps.
    const char16_t *suffixes[] = {u"", u"\u00a0k", u"\u00a0M", u"\u00a0G", u"\u00a0T", u"\u00a0P"};
    int i = 0;
    while (std::abs(value) >= 1000 && i < 5) {
        value /= 1000;
        ++i;
    }
    return QLocale().toString(value, 'f', i == 0 ? 0 : 2) + QString::fromUtf16(suffixes[i]);
}
} // namespace

BitWidthPanel::BitWidthPanel(QWidget *parent) : QWidget(parent)
{
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDefaultDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &BitWidthPanel::emitNow);

    auto *global = new QGroupBox(this);
    m_globalBox = global;
    auto *grid = new QGridLayout(global);
    m_weightSlider = makeBitSlider(global);
    m_activationSlider = makeBitSlider(global);
    m_weightValue = new QLabel(global);
    m_activationValue = new QLabel(global);
    for (QLabel *value : {m_weightValue, m_activationValue})
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_weightCaption = new QLabel(global);
    m_activationCaption = new QLabel(global);
    m_weightTicks = new SliderTickLabels(m_weightSlider, {}, global);
    m_activationTicks = new SliderTickLabels(m_activationSlider, {}, global);
    grid->addWidget(m_weightCaption, 0, 0);
    grid->addWidget(m_weightSlider, 0, 1);
    grid->addWidget(m_weightValue, 0, 2);
    // The tick texts may use the free cell under the value label: a long "float" fits there.
    grid->addWidget(m_weightTicks, 1, 1, 1, 2);
    grid->addWidget(m_activationCaption, 2, 0);
    grid->addWidget(m_activationSlider, 2, 1);
    grid->addWidget(m_activationValue, 2, 2);
    grid->addWidget(m_activationTicks, 3, 1, 1, 2);
    grid->setColumnStretch(1, 1);
    connect(m_weightSlider, &QSlider::valueChanged, this, &BitWidthPanel::onGlobalSliderMoved);
    connect(m_activationSlider, &QSlider::valueChanged, this, &BitWidthPanel::onGlobalSliderMoved);

    m_table = new QTableWidget(0, ColCount, this);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Every column fits its contents (layer names are never cut); spare width goes to the last
    // column, and a narrow dock scrolls horizontally instead of eliding.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_filling || item->column() != ColGlobal)
            return;
        const int row = item->row();
        m_rows[row].followsGlobal = item->checkState() == Qt::Checked;
        if (m_rows[row].followsGlobal) {
            setRowBits(row, globalWeightBits(), globalActivationBits());
            fillRow(row, m_rows[row]);
        }
        m_debounce->start();
    });

    m_statsLabel = new QLabel(this);
    m_statsLabel->setWordWrap(true);
    m_statsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busyLabel = new QLabel(this);
    m_busyLabel->setVisible(false);
    m_retrainButton = new QPushButton(this);
    connect(m_retrainButton, &QPushButton::clicked, this,
            [this] { Q_EMIT retrainRequested(selection()); });

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_statsLabel, 1);
    bottom->addWidget(m_busyLabel);
    bottom->addWidget(m_retrainButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(global);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    retranslateUi();
    setGlobalBits(kFloatBits, kFloatBits);
    setModelStats(ModelSizeStats());
}

void BitWidthPanel::retranslateUi()
{
    m_globalBox->setTitle(tr("Global bit-widths"));
    m_weightSlider->setAccessibleName(tr("Weight bits"));
    m_activationSlider->setAccessibleName(tr("Activation bits"));
    QStringList tickTexts;
    for (int bits : bitChoices())
        tickTexts << (bits == kFloatBits ? tr("float") : QLocale().toString(bits));
    // The value column fits the widest value, and the tick text of "float" beneath it.
    int valueWidth = 0;
    for (int bits : bitChoices())
        valueWidth =
            std::max(valueWidth, m_weightValue->fontMetrics().horizontalAdvance(bitsLabel(bits)));
    valueWidth =
        std::max(valueWidth, m_weightValue->fontMetrics().horizontalAdvance(tickTexts.last()));
    for (QLabel *value : {m_weightValue, m_activationValue})
        value->setMinimumWidth(valueWidth + 8);
    m_weightTicks->setTexts(tickTexts);
    m_activationTicks->setTexts(tickTexts);
    m_weightCaption->setText(tr("Weights"));
    m_activationCaption->setText(tr("Activations"));
    {
        const QSignalBlocker blocker(m_table);
        m_table->setHorizontalHeaderLabels({tr("Layer"), tr("Kind"), tr("Weights"),
                                            tr("Activations"), tr("Global"), tr("Parameters"),
                                            tr("Size")});
        m_table->horizontalHeaderItem(ColGlobal)->setToolTip(
            tr("Checked rows follow the global sliders; editing a row unchecks it"));
    }
    // Numbers and kinds in the current locale (a language switch changes digits and separators).
    for (int row = 0; row < m_table->rowCount() && row < m_rows.size(); ++row) {
        if (auto *item = m_table->item(row, ColKind))
            item->setText(kindLabel(m_rows[row].kind));
        if (auto *item = m_table->item(row, ColParams))
            item->setText(QLocale().toString(m_rows[row].parameters));
        if (auto *item = m_table->item(row, ColSize))
            item->setText(formatBytes(m_rows[row].sizeBytes));
    }
    // Relabel the per-layer combos in place: item data (the bits) and the current index stay.
    for (int row = 0; row < m_table->rowCount(); ++row)
        for (int column : {ColWeights, ColActivations})
            if (auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(row, column))) {
                const QSignalBlocker blocker(combo);
                for (int i = 0; i < combo->count(); ++i)
                    combo->setItemText(i, bitsLabel(combo->itemData(i).toInt()));
            }
    m_busyLabel->setText(tr("Re-quantizing…"));
    m_retrainButton->setText(tr("Retrain"));
    m_retrainButton->setToolTip(
        tr("Quantization-aware fine-tuning from the current weights at these bit-widths"));
    updateSliderLabels();
    setModelStats(m_stats); // the stats line is built from translated pieces
}

void BitWidthPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QVector<int> BitWidthPanel::bitChoices()
{
    return {1, 2, 3, 4, 5, 6, 7, 8, kFloatBits};
}

QString BitWidthPanel::bitsLabel(int bits)
{
    if (bits >= kFloatBits)
        return tr("float");
    return tr("%1-bit").arg(QLocale().toString(bits));
}

int BitWidthPanel::sliderPosition(int bits)
{
    if (bits >= kFloatBits)
        return bitChoices().size() - 1;
    return std::clamp(bits, 1, 8) - 1;
}

void BitWidthPanel::setLayers(const QVector<LayerBitsRow> &rows)
{
    m_filling = true;
    m_rows = rows;
    m_table->setRowCount(rows.size());
    for (int row = 0; row < rows.size(); ++row) {
        auto *name = new QTableWidgetItem(isolateLtr(rows[row].name));
        auto *kind = new QTableWidgetItem(kindLabel(rows[row].kind));
        auto *global = new QTableWidgetItem;
        global->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        auto *params = new QTableWidgetItem(QLocale().toString(rows[row].parameters));
        params->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *size = new QTableWidgetItem;
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, ColName, name);
        m_table->setItem(row, ColKind, kind);
        m_table->setItem(row, ColGlobal, global);
        m_table->setItem(row, ColParams, params);
        m_table->setItem(row, ColSize, size);
        for (int column : {ColWeights, ColActivations}) {
            QComboBox *combo = makeBitCombo(m_table);
            m_table->setCellWidget(row, column, combo);
            connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [this, combo] {
                // Rows move when the table is refilled: find the combo's row now.
                for (int r = 0; r < m_table->rowCount(); ++r)
                    if (m_table->cellWidget(r, ColWeights) == combo ||
                        m_table->cellWidget(r, ColActivations) == combo) {
                        onRowEdited(r);
                        return;
                    }
            });
        }
        fillRow(row, rows[row]);
    }
    m_filling = false;
}

QVector<LayerBitsRow> BitWidthPanel::layers() const
{
    return m_rows;
}

void BitWidthPanel::updateLayers(const QVector<LayerBitsRow> &described)
{
    bool same = described.size() == m_rows.size();
    for (int i = 0; same && i < described.size(); ++i)
        same = described[i].name == m_rows[i].name;
    if (!same) {
        QVector<LayerBitsRow> rows = described;
        for (LayerBitsRow &row : rows)
            row.followsGlobal = true; // a new model: every row follows the sliders
        setLayers(rows);
        return;
    }
    const bool wasFilling = m_filling;
    m_filling = true;
    for (int row = 0; row < m_rows.size(); ++row) {
        LayerBitsRow &mine = m_rows[row];
        const LayerBitsRow &d = described[row];
        // A detached row keeps the user's bits; if the description disagrees, it described
        // an older choice and its size does not apply.
        const bool matches = mine.followsGlobal || (mine.weightBits == d.weightBits &&
                                                    mine.activationBits == d.activationBits);
        if (mine.followsGlobal) {
            mine.weightBits = d.weightBits;
            mine.activationBits = d.activationBits;
        }
        mine.parameters = d.parameters;
        mine.kind = d.kind;
        mine.sizeBytes = matches ? d.sizeBytes : -1;
        mine.bops = matches ? d.bops : -1;
        m_table->item(row, ColParams)->setText(QLocale().toString(mine.parameters));
        fillRow(row, mine);
    }
    m_filling = wasFilling;
}

void BitWidthPanel::fillRow(int row, const LayerBitsRow &layer)
{
    const bool wasFilling = m_filling;
    m_filling = true;
    auto *weights = static_cast<QComboBox *>(m_table->cellWidget(row, ColWeights));
    auto *activations = static_cast<QComboBox *>(m_table->cellWidget(row, ColActivations));
    weights->setCurrentIndex(sliderPosition(layer.weightBits));
    activations->setCurrentIndex(sliderPosition(layer.activationBits));
    m_table->item(row, ColGlobal)->setCheckState(layer.followsGlobal ? Qt::Checked : Qt::Unchecked);
    updateRowSize(row);
    m_filling = wasFilling;
}

void BitWidthPanel::setRowBits(int row, int weightBits, int activationBits)
{
    LayerBitsRow &layer = m_rows[row];
    if (layer.weightBits == weightBits && layer.activationBits == activationBits)
        return;
    layer.weightBits = weightBits;
    layer.activationBits = activationBits;
    layer.sizeBytes = -1; // measured again by the app (updateLayers)
    layer.bops = -1;
}

void BitWidthPanel::updateRowSize(int row)
{
    m_table->item(row, ColSize)->setText(formatBytes(m_rows[row].sizeBytes));
}

void BitWidthPanel::setGlobalBits(int weightBits, int activationBits)
{
    m_filling = true;
    m_weightSlider->setValue(sliderPosition(weightBits));
    m_activationSlider->setValue(sliderPosition(activationBits));
    m_filling = false;
    updateSliderLabels();
    m_filling = true;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (!m_rows[row].followsGlobal)
            continue;
        setRowBits(row, globalWeightBits(), globalActivationBits());
        fillRow(row, m_rows[row]);
    }
    m_filling = false;
}

int BitWidthPanel::globalWeightBits() const
{
    return bitChoices().value(m_weightSlider->value(), kFloatBits);
}

int BitWidthPanel::globalActivationBits() const
{
    return bitChoices().value(m_activationSlider->value(), kFloatBits);
}

void BitWidthPanel::updateSliderLabels()
{
    m_weightValue->setText(bitsLabel(globalWeightBits()));
    m_activationValue->setText(bitsLabel(globalActivationBits()));
}

void BitWidthPanel::onGlobalSliderMoved()
{
    updateSliderLabels();
    if (m_filling)
        return;
    m_filling = true;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (!m_rows[row].followsGlobal)
            continue;
        setRowBits(row, globalWeightBits(), globalActivationBits());
        fillRow(row, m_rows[row]);
    }
    m_filling = false;
    m_debounce->start(); // restart: one signal after the burst
}

void BitWidthPanel::onRowEdited(int row)
{
    if (m_filling || row < 0 || row >= m_rows.size())
        return;
    auto *weights = static_cast<QComboBox *>(m_table->cellWidget(row, ColWeights));
    auto *activations = static_cast<QComboBox *>(m_table->cellWidget(row, ColActivations));
    setRowBits(row, weights->currentData().toInt(), activations->currentData().toInt());
    m_rows[row].followsGlobal = false;
    fillRow(row, m_rows[row]);
    m_debounce->start();
}

bool BitWidthPanel::setLayerBits(int row, int weightBits, int activationBits)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    m_filling = true;
    static_cast<QComboBox *>(m_table->cellWidget(row, ColWeights))
        ->setCurrentIndex(sliderPosition(weightBits));
    static_cast<QComboBox *>(m_table->cellWidget(row, ColActivations))
        ->setCurrentIndex(sliderPosition(activationBits));
    m_filling = false;
    onRowEdited(row);
    return true;
}

BitWidthSelection BitWidthPanel::selection() const
{
    BitWidthSelection result;
    result.globalWeightBits = globalWeightBits();
    result.globalActivationBits = globalActivationBits();
    for (const LayerBitsRow &row : m_rows)
        result.layers.append({row.name, row.weightBits, row.activationBits, row.followsGlobal});
    return result;
}

void BitWidthPanel::setModelStats(const ModelSizeStats &stats)
{
    m_stats = stats;
    QStringList parts, second; // two lines: size, then cost and accuracy
    parts << tr("Parameters: %1")
                 .arg(stats.parameters > 0 ? QLocale().toString(stats.parameters)
                                           : QStringLiteral("–"));
    if (stats.sizeBytes > 0 && stats.floatSizeBytes > 0)
        parts << tr("Size: %1 (float: %2, %3× smaller)")
                     .arg(formatBytes(stats.sizeBytes), formatBytes(stats.floatSizeBytes),
                          QLocale().toString(stats.floatSizeBytes / stats.sizeBytes, 'f', 1));
    else if (stats.sizeBytes > 0)
        parts << tr("Size: %1").arg(formatBytes(stats.sizeBytes));
    // What an exported file really takes (File > Export Model..., packed format).
    if (stats.packedBytes > 0)
        parts << tr("Exported file: %1").arg(formatBytes(stats.packedBytes));
    if (stats.bops > 0)
        second << tr("BOPs: %1").arg(formatCount(stats.bops));
    if (stats.testAccuracy >= 0) {
        // Say which model and which data the figure belongs to: a preview of the standard
        // model re-quantized at these bits, or the trained quantized model.
        const QString percent = QLocale().toString(100 * stats.testAccuracy, 'f', 2);
        const QString images = QLocale().toString(stats.accuracyImages);
        const QString step = QLocale().toString(stats.trainingStep);
        if (stats.accuracySource == ModelSizeStats::AccuracySource::Trained)
            second << tr("Trained quantized model: %1 % on %2 test images").arg(percent, images);
        else if (stats.accuracySource == ModelSizeStats::AccuracySource::InTraining &&
                 stats.accuracyRefining)
            second << tr("Quantized model in training, step %3: %1 % on %2 test images "
                         "(refining…)")
                          .arg(percent, images, step);
        else if (stats.accuracySource == ModelSizeStats::AccuracySource::InTraining)
            second << tr("Quantized model in training, step %3: %1 % on %2 test images")
                          .arg(percent, images, step);
        else if (stats.accuracySource == ModelSizeStats::AccuracySource::TrainingEnded)
            second << tr("Quantized model, step %3 (training ended): %1 % on %2 test images")
                          .arg(percent, images, step);
        else if (stats.accuracyRefining)
            second << tr("Post-training preview: %1 % on %2 test images (refining…)")
                          .arg(percent, images);
        else
            second << tr("Post-training preview: %1 % on %2 test images").arg(percent, images);
    }
    const QString separator = QStringLiteral("  ·  ");
    m_statsLabel->setText(second.isEmpty()
                              ? parts.join(separator)
                              : tr("%1\n%2").arg(parts.join(separator), second.join(separator)));
}

QString BitWidthPanel::statsText() const
{
    return m_statsLabel->text();
}

void BitWidthPanel::setDebounceInterval(int ms)
{
    m_debounce->setInterval(std::max(ms, 0));
}

void BitWidthPanel::setBusy(bool busy)
{
    m_busyLabel->setVisible(busy);
}

void BitWidthPanel::setRetrainEnabled(bool enabled)
{
    m_retrainButton->setEnabled(enabled);
}

void BitWidthPanel::emitNow()
{
    Q_EMIT bitsChanged(selection());
}

} // namespace ql::widgets
