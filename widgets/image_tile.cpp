// SPDX-License-Identifier: MIT
#include "widgets/image_tile.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ql::widgets {

namespace {
constexpr int kPadding = 4;    ///< around the image area
constexpr int kMinSide = 96;   ///< smallest useful image area (28x28 at 3x)
constexpr int kHintSide = 196; ///< 28x28 at 7x
} // namespace

ImageTile::ImageTile(const QString &caption, QWidget *parent)
    : QWidget(parent), m_caption(caption), m_placeholder(tr("No image"))
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageTile::setImage(const QImage &image)
{
    m_image = image;
    update();
}

void ImageTile::setCaption(const QString &caption)
{
    m_caption = caption;
    update();
}

void ImageTile::setPlaceholderText(const QString &text)
{
    m_customPlaceholder = true;
    m_placeholder = text;
    update();
}

void ImageTile::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && !m_customPlaceholder) {
        m_placeholder = tr("No image");
        update();
    }
    QWidget::changeEvent(event);
}

QSize ImageTile::sizeHint() const
{
    return {kHintSide + 2 * kPadding, kHintSide + 2 * kPadding + fontMetrics().height()};
}

QSize ImageTile::minimumSizeHint() const
{
    return {kMinSide + 2 * kPadding, kMinSide + 2 * kPadding + fontMetrics().height()};
}

QRect ImageTile::contentRect() const
{
    return rect().adjusted(kPadding, fontMetrics().height() + kPadding, -kPadding, -kPadding);
}

QRect ImageTile::imageRect() const
{
    const QRect area = contentRect();
    if (m_image.isNull() || area.width() <= 0 || area.height() <= 0)
        return {};
    double scale =
        std::min(double(area.width()) / m_image.width(), double(area.height()) / m_image.height());
    // Whole-number zoom when enlarging: every input pixel becomes an equal square block.
    if (scale >= 1.0)
        scale = std::floor(scale);
    const QSize size(std::max(1, int(m_image.width() * scale)),
                     std::max(1, int(m_image.height() * scale)));
    return QRect(QPoint(area.x() + (area.width() - size.width()) / 2,
                        area.y() + (area.height() - size.height()) / 2),
                 size);
}

void ImageTile::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    QFont captionFont = font();
    captionFont.setBold(true);
    painter.setFont(captionFont);
    painter.setPen(palette().color(QPalette::WindowText));
    const QRect captionRect(kPadding, 0, width() - 2 * kPadding, fontMetrics().height() + 2);
    painter.drawText(
        captionRect, Qt::AlignHCenter | Qt::AlignBottom,
        QFontMetrics(captionFont).elidedText(m_caption, Qt::ElideRight, captionRect.width()));
    const QRect area = contentRect();
    painter.fillRect(area, palette().color(QPalette::Base).darker(106));
    if (m_image.isNull()) {
        painter.setFont(font());
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    // Nearest neighbour on purpose: smoothing would invent detail the model never saw.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(imageRect(), m_image);
}

} // namespace ql::widgets
