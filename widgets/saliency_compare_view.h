// SPDX-License-Identifier: MIT
#pragma once

#include "widgets/saliency_types.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QSlider;
class QDoubleSpinBox;
class QCheckBox;
class QLabel;
class QToolButton;

namespace ql::widgets {

class ImageTile;

/// One input, two models: the preprocessed input, map A, map B, the difference map, both
/// predictions (top-3) and the agreement scores. The controls (method, colour map, opacity,
/// clipping, signed) only emit renderOptionsChanged(); the app renders and calls
/// setComparison() with new images, so this widget never computes anything.
class SaliencyCompareView : public QWidget {
    Q_OBJECT
public:
    explicit SaliencyCompareView(QWidget *parent = nullptr);

    /// Method ids and their display names (defaults: gradient, gradient-x-input, smoothgrad,
    /// integrated-gradients, gradcam). Labels given here are kept as given on a language
    /// change (the caller re-sets them); the default labels are retranslated.
    void setMethodChoices(const QStringList &ids, const QStringList &labels);
    /// Colour map ids and display names (defaults: viridis, inferno, jet, diverging).
    void setColorMapChoices(const QStringList &ids, const QStringList &labels);

    SaliencyRenderOptions renderOptions() const;
    /// Sets the controls without emitting renderOptionsChanged().
    void setRenderOptions(const SaliencyRenderOptions &options);

    void setComparison(const SaliencyComparison &comparison);
    SaliencyComparison comparison() const { return m_comparison; }
    /// Shows a "computing..." note (the app is rendering the newest request).
    void setBusy(bool busy);

    /// The whole comparison (images + texts, no controls) as an image, e.g. for export.
    QImage renderToImage() const;
    bool exportPng(const QString &path) const;

    /// Text shown for the agreement scores (public so tests and the CLI-like export agree).
    static QString agreementText(const AgreementScores &scores);
    static QString predictionText(const ModelPrediction &prediction, const QString &trueLabel);

public Q_SLOTS:
    void clear();
    void copyToClipboard();
    void exportWithDialog();

Q_SIGNALS:
    /// Emitted on every user change of a control (the app coalesces; newest request wins).
    void renderOptionsChanged(const ql::widgets::SaliencyRenderOptions &options);
    void exported(const QString &path);
    void exportFailed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    /// Sets every translatable text; at construction and on QEvent::LanguageChange. Combo
    /// items keep their ids and the current selection; renderOptionsChanged() is not emitted.
    void retranslateUi();
    void onControlChanged();
    QWidget *buildControls();
    QWidget *buildContent();

    SaliencyComparison m_comparison;
    QWidget *m_content = nullptr; ///< grabbed for export
    QComboBox *m_method = nullptr;
    QComboBox *m_colorMap = nullptr;
    QSlider *m_opacity = nullptr;
    QLabel *m_opacityValue = nullptr;
    QDoubleSpinBox *m_clip = nullptr;
    QCheckBox *m_signed = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_busy = nullptr;
    ImageTile *m_input = nullptr;
    ImageTile *m_mapA = nullptr;
    ImageTile *m_mapB = nullptr;
    ImageTile *m_difference = nullptr;
    QLabel *m_predictionA = nullptr;
    QLabel *m_predictionB = nullptr;
    QLabel *m_agreement = nullptr;
    QLabel *m_colorBar = nullptr;
    QLabel *m_colorBarLabel = nullptr;
    QLabel *m_colorBarMin = nullptr;
    QLabel *m_colorBarMax = nullptr;
    QLabel *m_methodLabel = nullptr;
    QLabel *m_colorMapLabel = nullptr;
    QLabel *m_opacityLabel = nullptr;
    QLabel *m_clipLabel = nullptr;
    QToolButton *m_copyButton = nullptr;
    QToolButton *m_exportButton = nullptr;
    bool m_settingControls = false;
    bool m_defaultMethodLabels = true;   ///< false once the app set its own labels
    bool m_defaultColorMapLabels = true; ///< likewise
    bool m_empty = true;                 ///< showing the placeholder set by clear()
};

} // namespace ql::widgets
