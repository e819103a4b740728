// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QWidget>

class QSlider;

namespace ql::widgets {

/// Draws one text under each tick of a horizontal slider, aligned with the handle's centre at
/// that value (QSlider itself draws unlabelled ticks only).
class SliderTickLabels : public QWidget {
    Q_OBJECT
public:
    SliderTickLabels(QSlider *slider, const QStringList &texts, QWidget *parent = nullptr);
    /// Replaces the texts (e.g. after a language change) and repaints.
    void setTexts(const QStringList &texts);
    QStringList texts() const { return m_texts; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QSlider *m_slider;
    QStringList m_texts;
};

} // namespace ql::widgets
