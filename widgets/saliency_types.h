// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <limits>

namespace ql::widgets {

/// How the app should render saliency maps; chosen in SaliencyCompareView.
struct SaliencyRenderOptions {
    QString method = QStringLiteral("gradient");  ///< id, see SaliencyCompareView::setMethodChoices
    QString colorMap = QStringLiteral("inferno"); ///< id, see setColorMapChoices
    double overlayOpacity = 0.5;                  ///< 0: input only, 1: map only
    double clipPercentile = 99.0;                 ///< values above it saturate
    bool signedMap = false;                       ///< diverging signed map instead of |map|
    bool operator==(const SaliencyRenderOptions &o) const
    {
        return method == o.method && colorMap == o.colorMap && overlayOpacity == o.overlayOpacity &&
               clipPercentile == o.clipPercentile && signedMap == o.signedMap;
    }
    bool operator!=(const SaliencyRenderOptions &o) const { return !(*this == o); }
};

struct ClassProbability {
    QString label;
    double probability = 0;
};

/// One model's prediction for the shown input.
struct ModelPrediction {
    QString modelName;             ///< e.g. "float" or "PACT 4-bit + SGT"
    QVector<ClassProbability> top; ///< best first; the first is the predicted class
    /// One more caption line (plain text), e.g. the integer engine's prediction; empty: none.
    QString extraLine;
};

/// Agreement between the two models' maps; NaN means "not computed".
struct AgreementScores {
    double spearman = std::numeric_limits<double>::quiet_NaN();
    double topKIoU = std::numeric_limits<double>::quiet_NaN();
    double ssim = std::numeric_limits<double>::quiet_NaN();
    double topKPercent = 10; ///< the k of top-k IoU, in percent
};

/// Everything one comparison shows; images are rendered by the app on a shared scale.
struct SaliencyComparison {
    QString title;     ///< e.g. the file name or "test #123 (label 7)"
    QImage input;      ///< preprocessed input: what the models see
    QImage mapA, mapB; ///< rendered maps (overlay already applied)
    QImage difference; ///< rendered A - B
    QImage colorBar;   ///< optional horizontal colour bar of the shared scale
    double scaleMax = std::numeric_limits<double>::quiet_NaN(); ///< value at the bar's top end
    ModelPrediction a, b;
    AgreementScores agreement;
    QString trueLabel; ///< empty when unknown (dropped images)
};

} // namespace ql::widgets

Q_DECLARE_METATYPE(ql::widgets::SaliencyRenderOptions)
Q_DECLARE_METATYPE(ql::widgets::SaliencyComparison)
