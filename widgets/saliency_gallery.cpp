// SPDX-License-Identifier: MIT
#include "widgets/saliency_gallery.h"

#include <QPainter>

#include <algorithm>

namespace ql::widgets {

namespace {
constexpr int kIdRole = Qt::UserRole;
constexpr int kCaptionRole = Qt::UserRole + 1;
constexpr int kStatusRole = Qt::UserRole + 2;

/// Square thumbnail; small inputs are enlarged by a whole factor with nearest neighbour.
QPixmap makeThumbnail(const QImage &image)
{
    QPixmap canvas(SaliencyGallery::kThumbnailSize, SaliencyGallery::kThumbnailSize);
    canvas.fill(Qt::transparent);
    if (image.isNull())
        return canvas;
    const int side = SaliencyGallery::kThumbnailSize;
    QImage scaled;
    if (image.width() <= side && image.height() <= side) {
        const int factor = std::max(1, std::min(side / image.width(), side / image.height()));
        scaled = image.scaled(image.size() * factor, Qt::KeepAspectRatio, Qt::FastTransformation);
    } else {
        scaled = image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    QPainter painter(&canvas);
    painter.drawImage((side - scaled.width()) / 2, (side - scaled.height()) / 2, scaled);
    return canvas;
}
} // namespace

SaliencyGallery::SaliencyGallery(QWidget *parent) : QListWidget(parent)
{
    setViewMode(QListView::IconMode);
    setIconSize(QSize(kThumbnailSize, kThumbnailSize));
    // Room for the caption and a status line under the thumbnail.
    setGridSize(QSize(kThumbnailSize + 48, kThumbnailSize + 3 * fontMetrics().height() + 16));
    setMovement(QListView::Static);
    setResizeMode(QListView::Adjust);
    setWrapping(true);
    setWordWrap(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    connect(this, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            Q_EMIT imageSelected(item->data(kIdRole).toString());
    });
}

QListWidgetItem *SaliencyGallery::findItem(const QString &id) const
{
    for (int i = 0; i < count(); ++i)
        if (item(i)->data(kIdRole).toString() == id)
            return item(i);
    return nullptr;
}

void SaliencyGallery::addImage(const QString &id, const QImage &thumbnail, const QString &caption)
{
    QListWidgetItem *entry = findItem(id);
    if (!entry) {
        entry = new QListWidgetItem(this);
        entry->setData(kIdRole, id);
    }
    entry->setIcon(QIcon(makeThumbnail(thumbnail)));
    entry->setData(kCaptionRole, caption);
    entry->setText(caption);
    entry->setToolTip(id);
    const QString status = entry->data(kStatusRole).toString();
    if (!status.isEmpty())
        setItemStatus(id, status);
}

void SaliencyGallery::setItemStatus(const QString &id, const QString &status)
{
    QListWidgetItem *entry = findItem(id);
    if (!entry)
        return;
    entry->setData(kStatusRole, status);
    const QString caption = entry->data(kCaptionRole).toString();
    entry->setText(status.isEmpty() ? caption : tr("%1\n%2").arg(caption, status));
}

bool SaliencyGallery::containsId(const QString &id) const
{
    return findItem(id) != nullptr;
}

QStringList SaliencyGallery::ids() const
{
    QStringList result;
    for (int i = 0; i < count(); ++i)
        result << item(i)->data(kIdRole).toString();
    return result;
}

QString SaliencyGallery::currentId() const
{
    return currentItem() ? currentItem()->data(kIdRole).toString() : QString();
}

void SaliencyGallery::selectId(const QString &id)
{
    if (QListWidgetItem *entry = findItem(id))
        setCurrentItem(entry);
}

} // namespace ql::widgets
