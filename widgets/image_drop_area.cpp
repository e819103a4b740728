// SPDX-License-Identifier: MIT
#include "widgets/image_drop_area.h"

#include "widgets/image_drop_filter.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace ql::widgets {

ImageDropArea::ImageDropArea(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("imageDropArea"));
    m_hint = new QLabel(this);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    QPalette warning = m_message->palette();
    warning.setColor(QPalette::WindowText, QColor(192, 57, 43));
    m_message->setPalette(warning);
    m_message->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_hint);
    layout->addWidget(m_message);
    layout->addStretch(1);

    m_filter = new ImageDropFilter(this);
    m_filter->attach(this);
    connect(m_filter, &ImageDropFilter::dragActiveChanged, this, &ImageDropArea::setHighlighted);
    connect(m_filter, &ImageDropFilter::imagesDropped, this, [this](const QStringList &paths) {
        m_message->clear();
        m_message->setVisible(false);
        Q_EMIT imagesDropped(paths);
    });
    connect(m_filter, &ImageDropFilter::dropRejected, this, [this](const QString &message) {
        m_message->setText(message);
        m_message->setVisible(true);
        Q_EMIT dropRejected(message);
    });
    connect(m_filter, &ImageDropFilter::scanningChanged, this, [this](bool scanning) {
        m_scanning = scanning;
        retranslateUi();
    });
    setHighlighted(false);
    retranslateUi();
}

void ImageDropArea::retranslateUi()
{
    m_hint->setText(m_scanning ? tr("Looking for images…")
                               : tr("Drop images or folders here\n(PNG, JPEG, BMP)"));
    // The last refusal, written again in the current language.
    if (!m_message->isHidden())
        m_message->setText(ImageDropFilter::rejectionText(m_filter->lastRejection()));
}

void ImageDropArea::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

QString ImageDropArea::messageText() const
{
    return m_message->text();
}

QSize ImageDropArea::sizeHint() const
{
    return {240, 5 * fontMetrics().height()};
}

void ImageDropArea::setHighlighted(bool on)
{
    setStyleSheet(
        on ? QStringLiteral("QFrame#imageDropArea { border: 2px dashed palette(highlight);"
                            " border-radius: 6px; background: palette(alternate-base); }")
           : QStringLiteral("QFrame#imageDropArea { border: 2px dashed palette(mid);"
                            " border-radius: 6px; }"));
}

} // namespace ql::widgets
