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
        width += fontMetrics().horizontalAdvance(text) + kGap;
    return {width, fontMetrics().height()};
}

QSize SliderTickLabels::minimumSizeHint() const
{
    return sizeHint();
}

int SliderTickLabels::tickCentre(int i) const
{
    QStyleOptionSlider option;
    option.initFrom(m_slider);
    option.orientation = m_slider->orientation();
    option.minimum = m_slider->minimum();
    option.maximum = m_slider->maximum();
    option.sliderPosition = m_slider->minimum();
    option.upsideDown =
        m_slider->invertedAppearance() != (m_slider->layoutDirection() == Qt::RightToLeft);
    const QRect groove = m_slider->style()->subControlRect(QStyle::CC_Slider, &option,
                                                           QStyle::SC_SliderGroove, m_slider);
    const QRect handle = m_slider->style()->subControlRect(QStyle::CC_Slider, &option,
                                                           QStyle::SC_SliderHandle, m_slider);
    const int span = groove.width() - handle.width();
    const int pos = QStyle::sliderPositionFromValue(option.minimum, option.maximum,
                                                    option.minimum + i, span, option.upsideDown);
    // Map from slider coordinates into ours (both are children of the same window).
    const int offset =
        m_slider->mapTo(window(), QPoint(0, 0)).x() - mapTo(window(), QPoint(0, 0)).x();
    return offset + groove.x() + pos + handle.width() / 2;
}

QVector<SliderTickLabels::Placement> SliderTickLabels::placements() const
{
    const int n = std::min<int>(m_texts.size(), m_slider->maximum() - m_slider->minimum() + 1);
    QVector<Placement> out(std::max(n, 0));
    if (n <= 0)
        return out;
    const QFontMetrics metrics = fontMetrics();
    QVector<int> left(n);
    QVector<int> widths(n);
    for (int i = 0; i < n; ++i) {
        out[i].text = m_texts[i];
        widths[i] = metrics.horizontalAdvance(m_texts[i]);
        left[i] = tickCentre(i) - widths[i] / 2;
    }
    // Texts run in increasing x (left to right) or decreasing x (right to left, or an inverted
    // slider). Work in "outward" coordinates u, growing from the first tick towards the last, so
    // one algorithm serves both: u = x for increasing, u = W - (x + w) for decreasing.
    const bool increasing = n < 2 || tickCentre(n - 1) >= tickCentre(0);
    const int total = width();
    auto toU = [&](int i) { return increasing ? left[i] : total - (left[i] + widths[i]); };
    auto fromU = [&](int i, int u) { left[i] = increasing ? u : total - (u + widths[i]); };

    // Pass 1, outwards: each text starts at least kGap after the previous one ends.
    for (int i = 1; i < n; ++i)
        fromU(i, std::max(toU(i), toU(i - 1) + widths[i - 1] + kGap));
    // Pass 2, inwards: nothing beyond the widget's far edge or into the next text. A text that
    // does not fit is elided where it stands (texts under their ticks matter more than the whole
    // of a long word); only when not even one letter fits is it pushed back inwards.
    for (int i = n - 1; i >= 0; --i) {
        const int limit = i == n - 1 ? total : toU(i + 1) - kGap;
        if (toU(i) + widths[i] <= limit)
            continue;
        const int room = limit - toU(i);
        const QString shortest = m_texts[i].left(1) + QChar(0x2026);
        if (room >= metrics.horizontalAdvance(shortest)) {
            out[i].text = metrics.elidedText(m_texts[i], Qt::ElideRight, room);
            const int u = toU(i);
            widths[i] = metrics.horizontalAdvance(out[i].text);
            fromU(i, u);
        } else {
            fromU(i, std::max(limit - widths[i], 0));
        }
    }
    // Still overlapping (the widget is narrower than its minimum): elide each text into the room
    // it has between its neighbours.
    for (int i = 0; i < n; ++i) {
        const int lo = i == 0 ? 0 : toU(i - 1) + widths[i - 1] + kGap;
        const int hi = i == n - 1 ? total : toU(i + 1) - kGap;
        if (toU(i) < lo || toU(i) + widths[i] > hi) {
            const int room = std::max(hi - lo, 0);
            out[i].text = metrics.elidedText(out[i].text, Qt::ElideRight, room);
            widths[i] = std::min(metrics.horizontalAdvance(out[i].text), room);
            fromU(i, lo);
        }
    }
    for (int i = 0; i < n; ++i)
        out[i].rect = QRect(left[i], 0, widths[i], height());
    return out;
}

void SliderTickLabels::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(palette().color(QPalette::WindowText));
    for (const Placement &placement : placements())
        painter.drawText(placement.rect, Qt::AlignCenter, placement.text);
}

} // namespace ql::widgets
