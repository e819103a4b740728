// SPDX-License-Identifier: MIT
#include "widgets/saliency_compare_view.h"

#include "widgets/image_tile.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace ql::widgets {

namespace {
QString formatScore(double value)
{
    return std::isnan(value) ? QStringLiteral("–") : QLocale().toString(value, 'f', 3);
}

QString formatPercent(double probability)
{
    return QCoreApplication::translate("ql::widgets::SaliencyCompareView", "%1 %")
        .arg(QLocale().toString(100.0 * probability, 'f', 1));
}

void fillCombo(QComboBox *combo, const QStringList &ids, const QStringList &labels)
{
    const QString current = combo->currentData().toString();
    combo->clear();
    for (int i = 0; i < ids.size(); ++i)
        combo->addItem(i < labels.size() ? labels[i] : ids[i], ids[i]);
    const int index = combo->findData(current);
    combo->setCurrentIndex(index >= 0 ? index : 0);
}

/// Sets the display names of the items whose ids are in `ids`, in place: data and the current
/// index stay. An empty combo is filled instead.
void relabelCombo(QComboBox *combo, const QStringList &ids, const QStringList &labels)
{
    if (combo->count() == 0) {
        fillCombo(combo, ids, labels);
        return;
    }
    for (int i = 0; i < combo->count(); ++i) {
        const int k = ids.indexOf(combo->itemData(i).toString());
        if (k >= 0 && k < labels.size())
            combo->setItemText(i, labels[k]);
    }
}

const QStringList &defaultMethodIds()
{
    // The canonical ids of core::registry::saliencyMethods() (widgets cannot include core; the
    // app sets the choices from the registry itself).
    static const QStringList ids{QStringLiteral("gradient"), QStringLiteral("gradient-x-input"),
                                 QStringLiteral("smoothgrad"),
                                 QStringLiteral("integrated-gradients"), QStringLiteral("gradcam")};
    return ids;
}

const QStringList &defaultColorMapIds()
{
    static const QStringList ids{QStringLiteral("viridis"), QStringLiteral("inferno"),
                                 QStringLiteral("jet"), QStringLiteral("diverging")};
    return ids;
}

QLabel *makeTextLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

SaliencyCompareView::SaliencyCompareView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(buildContent(), 1);
    retranslateUi(); // fills the default method / colour map choices
    setRenderOptions(SaliencyRenderOptions());
    clear();
}

void SaliencyCompareView::retranslateUi()
{
    {
        const QSignalBlocker methodBlocker(m_method);
        const QSignalBlocker colorBlocker(m_colorMap);
        if (m_defaultMethodLabels)
            relabelCombo(m_method, defaultMethodIds(),
                         {tr("Vanilla gradient"), tr("Gradient × input"), tr("SmoothGrad"),
                          tr("Integrated gradients"), tr("Grad-CAM")});
        if (m_defaultColorMapLabels)
            relabelCombo(m_colorMap, defaultColorMapIds(),
                         {tr("Viridis"), tr("Inferno"), tr("Jet"), tr("Diverging (signed)")});
    }
    m_opacity->setToolTip(tr("Overlay opacity: 0 shows the input only, 100 the map only"));
    m_opacityValue->setMinimumWidth(
        m_opacityValue->fontMetrics().horizontalAdvance(formatPercent(1.0)) + 4);
    m_opacityValue->setText(tr("%1 %").arg(m_opacity->value()));
    {
        // setSuffix() does not change the value, but stay quiet regardless.
        const QSignalBlocker blocker(m_clip);
        m_clip->setSuffix(tr(" %"));
    }
    m_clip->setToolTip(tr("Values above this percentile saturate the colour map"));
    m_signed->setText(tr("Signed"));
    m_signed->setToolTip(tr("Show positive and negative saliency instead of its magnitude"));
    m_copyButton->setText(tr("Copy"));
    m_copyButton->setToolTip(tr("Copy the comparison to the clipboard"));
    m_exportButton->setText(tr("Export…"));
    m_exportButton->setToolTip(tr("Save the comparison as a PNG image"));
    m_methodLabel->setText(tr("&Method:"));
    m_colorMapLabel->setText(tr("&Colours:"));
    m_opacityLabel->setText(tr("&Opacity:"));
    m_clipLabel->setText(tr("C&lip at:"));
    m_busy->setText(tr("Computing…"));
    m_input->setCaption(tr("Input (what the models see)"));
    m_difference->setCaption(tr("Difference (A − B)"));
    // Captions, predictions, agreement and the placeholder title are built with tr().
    if (m_empty)
        clear();
    else
        setComparison(m_comparison);
}

void SaliencyCompareView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QWidget *SaliencyCompareView::buildControls()
{
    auto *controls = new QWidget(this);
    auto *row = new QHBoxLayout(controls);
    row->setContentsMargins(0, 0, 0, 0);
    m_method = new QComboBox(controls);
    m_colorMap = new QComboBox(controls);
    m_opacity = new QSlider(Qt::Horizontal, controls);
    m_opacity->setRange(0, 100);
    m_opacity->setMinimumWidth(80);
    m_opacityValue = new QLabel(controls);
    m_clip = new QDoubleSpinBox(controls);
    m_clip->setRange(90.0, 100.0);
    m_clip->setSingleStep(0.5);
    m_clip->setDecimals(1);
    m_signed = new QCheckBox(controls);
    auto *copy = new QToolButton(controls);
    m_copyButton = copy;
    auto *exportButton = new QToolButton(controls);
    m_exportButton = exportButton;
    connect(copy, &QToolButton::clicked, this, &SaliencyCompareView::copyToClipboard);
    connect(exportButton, &QToolButton::clicked, this, &SaliencyCompareView::exportWithDialog);

    auto addLabelled = [&](QWidget *widget) {
        auto *label = new QLabel(controls);
        label->setBuddy(widget);
        row->addWidget(label);
        row->addWidget(widget);
        return label;
    };
    m_methodLabel = addLabelled(m_method);
    m_colorMapLabel = addLabelled(m_colorMap);
    m_opacityLabel = addLabelled(m_opacity);
    row->addWidget(m_opacityValue);
    m_clipLabel = addLabelled(m_clip);
    row->addWidget(m_signed);
    row->addStretch(1);
    row->addWidget(copy);
    row->addWidget(exportButton);

    connect(m_method, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &SaliencyCompareView::onControlChanged);
    connect(m_colorMap, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &SaliencyCompareView::onControlChanged);
    connect(m_opacity, &QSlider::valueChanged, this, &SaliencyCompareView::onControlChanged);
    connect(m_clip, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
            &SaliencyCompareView::onControlChanged);
    connect(m_signed, &QCheckBox::toggled, this, &SaliencyCompareView::onControlChanged);
    return controls;
}

QWidget *SaliencyCompareView::buildContent()
{
    m_content = new QWidget(this);
    m_content->setAutoFillBackground(true);
    auto *grid = new QGridLayout(m_content);
    m_title = new QLabel(m_content);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_busy = new QLabel(m_content);
    m_busy->setVisible(false);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_busy);
    grid->addLayout(header, 0, 0, 1, 4);

    m_input = new ImageTile(QString(), m_content);
    m_mapA = new ImageTile(QString(), m_content);
    m_mapB = new ImageTile(QString(), m_content);
    m_difference = new ImageTile(QString(), m_content);
    ImageTile *const tiles[] = {m_input, m_mapA, m_mapB, m_difference};
    for (int i = 0; i < 4; ++i) {
        grid->addWidget(tiles[i], 1, i);
        grid->setColumnStretch(i, 1);
    }
    m_colorBarLabel = makeTextLabel(m_content);
    m_predictionA = makeTextLabel(m_content);
    m_predictionB = makeTextLabel(m_content);
    m_agreement = makeTextLabel(m_content);
    grid->addWidget(m_colorBarLabel, 2, 0);
    grid->addWidget(m_predictionA, 2, 1);
    grid->addWidget(m_predictionB, 2, 2);
    grid->addWidget(m_agreement, 2, 3);
    m_colorBar = new QLabel(m_content);
    m_colorBar->setScaledContents(true);
    m_colorBar->setFixedHeight(12);
    m_colorBar->setMinimumWidth(64);
    m_colorBarMin = new QLabel(m_content);
    m_colorBarMax = new QLabel(m_content);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_colorBarMin);
    bar->addWidget(m_colorBar, 1);
    bar->addWidget(m_colorBarMax);
    grid->addLayout(bar, 3, 1, 1, 2);
    grid->setRowStretch(1, 1);
    return m_content;
}

void SaliencyCompareView::setMethodChoices(const QStringList &ids, const QStringList &labels)
{
    m_defaultMethodLabels = false;
    // The app re-sets its labels on a language change: stay quiet.
    m_settingControls = true;
    const QSignalBlocker blocker(m_method);
    fillCombo(m_method, ids, labels);
    m_settingControls = false;
}

void SaliencyCompareView::setColorMapChoices(const QStringList &ids, const QStringList &labels)
{
    m_defaultColorMapLabels = false;
    // The app re-sets its labels on a language change: stay quiet.
    m_settingControls = true;
    const QSignalBlocker blocker(m_colorMap);
    fillCombo(m_colorMap, ids, labels);
    m_settingControls = false;
}

SaliencyRenderOptions SaliencyCompareView::renderOptions() const
{
    SaliencyRenderOptions options;
    options.method = m_method->currentData().toString();
    options.colorMap = m_colorMap->currentData().toString();
    options.overlayOpacity = m_opacity->value() / 100.0;
    options.clipPercentile = m_clip->value();
    options.signedMap = m_signed->isChecked();
    return options;
}

void SaliencyCompareView::setRenderOptions(const SaliencyRenderOptions &options)
{
    m_settingControls = true;
    if (const int i = m_method->findData(options.method); i >= 0)
        m_method->setCurrentIndex(i);
    if (const int i = m_colorMap->findData(options.colorMap); i >= 0)
        m_colorMap->setCurrentIndex(i);
    m_opacity->setValue(int(std::lround(options.overlayOpacity * 100)));
    m_clip->setValue(options.clipPercentile);
    m_signed->setChecked(options.signedMap);
    m_opacityValue->setText(tr("%1 %").arg(m_opacity->value()));
    m_settingControls = false;
}

void SaliencyCompareView::onControlChanged()
{
    m_opacityValue->setText(tr("%1 %").arg(m_opacity->value()));
    if (m_settingControls)
        return;
    Q_EMIT renderOptionsChanged(renderOptions());
}

QString SaliencyCompareView::predictionText(const ModelPrediction &prediction,
                                            const QString &trueLabel)
{
    if (prediction.top.isEmpty())
        return tr("No prediction");
    QStringList lines;
    const ClassProbability &best = prediction.top.first();
    QString first = tr("Predicted: <b>%1</b> (%2)")
                        .arg(best.label.toHtmlEscaped(), formatPercent(best.probability));
    if (!trueLabel.isEmpty())
        first = best.label == trueLabel ? tr("%1 <span style='color:#2c8a2c'>✓</span>").arg(first)
                                        : tr("%1 <span style='color:#c0392b'>✗ (true: %2)</span>")
                                              .arg(first, trueLabel.toHtmlEscaped());
    lines << first;
    for (int i = 1; i < prediction.top.size() && i < 3; ++i)
        lines << tr("%1: %2").arg(prediction.top[i].label.toHtmlEscaped(),
                                  formatPercent(prediction.top[i].probability));
    if (!prediction.extraLine.isEmpty())
        lines << prediction.extraLine.toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}

QString SaliencyCompareView::agreementText(const AgreementScores &scores)
{
    return tr("Agreement of A and B<br>Spearman ρ: %1<br>Top-%2 % IoU: %3<br>SSIM: %4")
        .arg(formatScore(scores.spearman), QLocale().toString(scores.topKPercent, 'g', 3),
             formatScore(scores.topKIoU), formatScore(scores.ssim));
}

void SaliencyCompareView::setComparison(const SaliencyComparison &comparison)
{
    m_comparison = comparison;
    m_empty = false;
    m_title->setText(comparison.title);
    m_input->setImage(comparison.input);
    m_mapA->setImage(comparison.mapA);
    m_mapB->setImage(comparison.mapB);
    m_difference->setImage(comparison.difference);
    m_mapA->setCaption(comparison.a.modelName.isEmpty() ? tr("Model A")
                                                        : tr("A: %1").arg(comparison.a.modelName));
    m_mapB->setCaption(comparison.b.modelName.isEmpty() ? tr("Model B")
                                                        : tr("B: %1").arg(comparison.b.modelName));
    m_predictionA->setText(predictionText(comparison.a, comparison.trueLabel));
    m_predictionB->setText(predictionText(comparison.b, comparison.trueLabel));
    m_agreement->setText(agreementText(comparison.agreement));
    m_colorBarLabel->setText(
        comparison.trueLabel.isEmpty()
            ? QString()
            : tr("True class: <b>%1</b>").arg(comparison.trueLabel.toHtmlEscaped()));
    m_colorBar->setPixmap(QPixmap::fromImage(comparison.colorBar));
    const bool hasBar = !comparison.colorBar.isNull();
    m_colorBar->setVisible(hasBar);
    m_colorBarMin->setVisible(hasBar);
    m_colorBarMax->setVisible(hasBar);
    // Both maps share this scale, so a weaker map really looks weaker.
    m_colorBarMin->setText(tr("0"));
    m_colorBarMax->setText(std::isnan(comparison.scaleMax)
                               ? tr("max")
                               : QLocale().toString(comparison.scaleMax, 'g', 3));
    m_colorBar->setToolTip(tr("Shared colour scale of both maps"));
}

void SaliencyCompareView::clear()
{
    SaliencyComparison empty;
    setComparison(empty);
    m_title->setText(tr("Drop an image or pick a test image to compare the two models."));
    m_predictionA->clear();
    m_predictionB->clear();
    m_agreement->clear();
    m_empty = true;
}

void SaliencyCompareView::setBusy(bool busy)
{
    m_busy->setVisible(busy);
}

QImage SaliencyCompareView::renderToImage() const
{
    // The "computing" note is transient UI state, not part of the exported picture.
    const bool busy = m_busy->isVisible();
    m_busy->setVisible(false);
    const QImage image = m_content->grab().toImage();
    m_busy->setVisible(busy);
    return image;
}

bool SaliencyCompareView::exportPng(const QString &path) const
{
    return renderToImage().save(path, "PNG");
}

void SaliencyCompareView::copyToClipboard()
{
    QApplication::clipboard()->setImage(renderToImage());
}

void SaliencyCompareView::exportWithDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export comparison"), QString(),
                                                tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        path += QLatin1String(".png");
    if (exportPng(path))
        Q_EMIT exported(path);
    else
        Q_EMIT exportFailed(tr("Could not write the image “%1”.").arg(path));
}

} // namespace ql::widgets
