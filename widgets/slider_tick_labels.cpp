// SPDX-License-Identifier: MIT
#include "widgets/slider_tick_labels.h"

#include <QPainter>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>

#include <algorithm>

namespace ql::widgets {

SliderTickLabels::SliderTickLabels(QSlider *slider, const QStringList &texts, QWidget *parent)
    : QWidget(parent), m_slider(slider), m_texts(texts)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void SliderTickLabels::setTexts(const QStringList &texts)
{
    m_texts = texts;
    updateGeometry();
    update();
}

QSize SliderTickLabels::sizeHint() const
{
    int width = 0;
    for (const QString &text : m_texts)
        width += fontMetrics().horizontalAdvance(text) + 6;
    return {width, fontMetrics().height()};
}

QSize SliderTickLabels::minimumSizeHint() const
{
    return sizeHint();
}

void SliderTickLabels::paintEvent(QPaintEvent *)
{
    QStyleOptionSlider option;
    option.initFrom(m_slider);
    option.orientation = m_slider->orientation();
    option.minimum = m_slider->minimum();
    option.maximum = m_slider->maximum();
    option.sliderPosition = m_slider->minimum();
    option.upsideDown = m_slider->invertedAppearance() != (layoutDirection() == Qt::RightToLeft);
    const QRect groove = m_slider->style()->subControlRect(QStyle::CC_Slider, &option,
                                                           QStyle::SC_SliderGroove, m_slider);
    const QRect handle = m_slider->style()->subControlRect(QStyle::CC_Slider, &option,
                                                           QStyle::SC_SliderHandle, m_slider);
    const int span = groove.width() - handle.width();
    // Map from slider coordinates into ours (the two widgets share a column of a grid).
    const int offset =
        m_slider->mapTo(window(), QPoint(0, 0)).x() - mapTo(window(), QPoint(0, 0)).x();

    QPainter painter(this);
    painter.setPen(palette().color(QPalette::WindowText));
    const int n = m_texts.size();
    for (int i = 0; i < n && i <= option.maximum - option.minimum; ++i) {
        const int pos = QStyle::sliderPositionFromValue(
            option.minimum, option.maximum, option.minimum + i, span, option.upsideDown);
        const int centre = offset + groove.x() + pos + handle.width() / 2;
        const int w = fontMetrics().horizontalAdvance(m_texts[i]);
        const int x = std::clamp(centre - w / 2, 0, std::max(width() - w, 0));
        painter.drawText(QRect(x, 0, w, height()), Qt::AlignCenter, m_texts[i]);
    }
}

} // namespace ql::widgets
