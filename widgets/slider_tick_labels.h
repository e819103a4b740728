// SPDX-License-Identifier: MIT
#pragma once

#include <QRect>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QSlider;

namespace ql::widgets {

/// Draws one text under each tick of a horizontal slider, aligned with the handle's centre at
/// that value (QSlider itself draws unlabelled ticks only).
///
/// Texts never overlap: a text wider than the tick spacing (a translated "float" at the end of a
/// bit-width slider, say) is pushed outwards, away from the first tick, into any free space of
/// this widget, which may therefore span more than the slider's column; only when the widget is
/// too narrow for all texts is the widest one elided. Works left-to-right and right-to-left.
class SliderTickLabels : public QWidget {
    Q_OBJECT
public:
    SliderTickLabels(QSlider *slider, const QStringList &texts, QWidget *parent = nullptr);
    /// Replaces the texts (e.g. after a language change) and repaints.
    void setTexts(const QStringList &texts);
    QStringList texts() const { return m_texts; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// Where each text is drawn, in this widget's coordinates (index i: the slider's minimum + i),
    /// and the text drawn there (elided when there is no room for the whole of it).
    struct Placement {
        QRect rect;
        QString text;
    };
    QVector<Placement> placements() const;
    /// Centre of the slider handle at minimum + i, in this widget's x coordinates.
    int tickCentre(int i) const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    static constexpr int kGap = 6; ///< minimum free pixels between two texts
    QSlider *m_slider;
    QStringList m_texts;
};

} // namespace ql::widgets
