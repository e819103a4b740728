// SPDX-License-Identifier: MIT
#include "widgets/saliency_gallery.h"

#include <QEvent>
#include <QFileInfo>
#include <QPainter>

#include <QSignalBlocker>

#include <algorithm>
#include <vector>

namespace ql::widgets {

namespace {
constexpr int kIdRole = Qt::UserRole;
constexpr int kCaptionRole = Qt::UserRole + 1;
constexpr int kStatusRole = Qt::UserRole + 2;
constexpr int kOrderRole = Qt::UserRole + 3;
constexpr int kHasThumbnailRole = Qt::UserRole + 4;

} // namespace

QImage makeThumbnailImage(const QImage &image)
{
    QImage canvas(SaliencyGallery::kThumbnailSize, SaliencyGallery::kThumbnailSize,
                  QImage::Format_ARGB32_Premultiplied);
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

namespace {
QPixmap makeThumbnail(const QImage &image)
{
    // A finished thumbnail (makeThumbnailImage, e.g. from a worker) is used as it is.
    const int side = SaliencyGallery::kThumbnailSize;
    return QPixmap::fromImage(
        image.width() == side && image.height() == side ? image : makeThumbnailImage(image));
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

GalleryMarks galleryMarks(const GalleryItemPrediction &p)
{
    GalleryMarks m;
    if (!p.error.isEmpty())
        return m;
    m.disagree =
        !p.predicted[0].isEmpty() && !p.predicted[1].isEmpty() && p.predicted[0] != p.predicted[1];
    if (!p.known.isEmpty()) {
        m.wrongA = !p.predicted[0].isEmpty() && p.predicted[0] != p.known;
        m.wrongB = !p.predicted[1].isEmpty() && p.predicted[1] != p.known;
    }
    return m;
}

bool galleryFilterAccepts(GalleryFilter filter, const GalleryMarks &marks)
{
    switch (filter) {
    case GalleryFilter::All:
        return true;
    case GalleryFilter::Disagreements:
        return marks.disagree;
    case GalleryFilter::WrongLabels:
        return marks.wrong();
    case GalleryFilter::Marked:
        return marks.any();
    }
    return true;
}

QListWidgetItem *SaliencyGallery::findItem(const QString &id) const
{
    return m_items.value(id, nullptr);
}

void SaliencyGallery::addImage(const QString &id, const QImage &thumbnail, const QString &caption)
{
    QListWidgetItem *entry = findItem(id);
    if (!entry) {
        entry = new QListWidgetItem(this);
        entry->setData(kIdRole, id);
        entry->setData(kOrderRole, m_added++);
        m_items.insert(id, entry);
    }
    entry->setIcon(QIcon(makeThumbnail(thumbnail)));
    entry->setData(kHasThumbnailRole, !thumbnail.isNull());
    entry->setData(kCaptionRole, caption);
    entry->setToolTip(id);
    updateItemText(entry);
    // A new item may not pass the filter; sorting waits for its predictions.
    entry->setHidden(!galleryFilterAccepts(m_filter, marks(id)));
    Q_EMIT contentsChanged();
}

bool SaliencyGallery::setThumbnail(const QString &id, const QImage &thumbnail)
{
    QListWidgetItem *entry = findItem(id);
    if (!entry)
        return false;
    entry->setIcon(QIcon(makeThumbnail(thumbnail)));
    entry->setData(kHasThumbnailRole, !thumbnail.isNull());
    return true;
}

bool SaliencyGallery::hasThumbnail(const QString &id) const
{
    const QListWidgetItem *entry = findItem(id);
    return entry && entry->data(kHasThumbnailRole).toBool();
}

void SaliencyGallery::setItemStatus(const QString &id, const QString &status)
{
    QListWidgetItem *entry = findItem(id);
    if (!entry)
        return;
    entry->setData(kStatusRole, status);
    updateItemText(entry);
}

void SaliencyGallery::setModelNames(const QString &a, const QString &b)
{
    m_modelNames[0] = a;
    m_modelNames[1] = b;
    for (QListWidgetItem *entry : std::as_const(m_items))
        updateItemText(entry);
}

void SaliencyGallery::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        for (QListWidgetItem *entry : std::as_const(m_items))
            updateItemText(entry);
    QListWidget::changeEvent(event);
}

void SaliencyGallery::updateItemText(QListWidgetItem *entry)
{
    const QString id = entry->data(kIdRole).toString();
    QStringList lines{entry->data(kCaptionRole).toString()};
    const auto it = m_predictions.constFind(id);
    QString tip = id;
    if (it != m_predictions.constEnd()) {
        const GalleryItemPrediction &p = *it;
        const GalleryMarks m = galleryMarks(p);
        const QString a = m_modelNames[0].isEmpty() ? tr("A") : m_modelNames[0];
        const QString b = m_modelNames[1].isEmpty() ? tr("B") : m_modelNames[1];
        if (!p.error.isEmpty()) {
            lines << tr("unreadable");
            tip += QLatin1Char('\n') + p.error;
        } else {
            QStringList parts;
            if (!p.predicted[0].isEmpty())
                parts << tr("%1: %2").arg(a, p.predicted[0]);
            if (!p.predicted[1].isEmpty())
                parts << tr("%1: %2").arg(b, p.predicted[1]);
            QString line = parts.join(QStringLiteral("  "));
            // Marks: a disagreement (≠) and a wrong known label (✗).
            if (m.disagree)
                line = QStringLiteral("≠ ") + line;
            if (m.wrong())
                line = QStringLiteral("✗ ") + line;
            lines << line;
            for (int slot = 0; slot < 2; ++slot)
                if (!p.predicted[slot].isEmpty())
                    tip += QLatin1Char('\n') + tr("%1 predicts %2 (%3%)")
                                                   .arg(slot == 0 ? a : b, p.predicted[slot])
                                                   .arg(100.0 * p.probability[slot], 0, 'f', 1);
            if (!p.known.isEmpty())
                tip += QLatin1Char('\n') + tr("label from the folder: %1").arg(p.known);
            if (m.disagree)
                tip += QLatin1Char('\n') + tr("The two models disagree.");
            if (m.wrong())
                tip += QLatin1Char('\n') + tr("A model contradicts the folder's label.");
        }
        entry->setForeground(m.wrong()    ? QBrush(QColor(0xb0, 0x00, 0x20))
                             : m.disagree ? QBrush(QColor(0xa0, 0x50, 0x00))
                                          : QBrush());
        entry->setBackground(m.any() ? QBrush(QColor(0xff, 0xe8, 0xd0)) : QBrush());
    }
    const QString status = entry->data(kStatusRole).toString();
    if (!status.isEmpty())
        lines << status;
    entry->setText(lines.join(QLatin1Char('\n')));
    entry->setToolTip(tip);
}

void SaliencyGallery::setPredictions(
    const QVector<QPair<QString, GalleryItemPrediction>> &predictions)
{
    for (const auto &[id, prediction] : predictions) {
        QListWidgetItem *entry = findItem(id);
        if (!entry)
            continue;
        m_predictions.insert(id, prediction);
        updateItemText(entry);
    }
    applyFilterAndSort();
}

GalleryItemPrediction SaliencyGallery::prediction(const QString &id) const
{
    return m_predictions.value(id);
}

GalleryMarks SaliencyGallery::marks(const QString &id) const
{
    const auto it = m_predictions.constFind(id);
    return it == m_predictions.constEnd() ? GalleryMarks{} : galleryMarks(*it);
}

void SaliencyGallery::setFilter(GalleryFilter filter)
{
    m_filter = filter;
    applyFilterAndSort();
}

void SaliencyGallery::setSort(GallerySort sort)
{
    m_sort = sort;
    applyFilterAndSort();
}

QStringList SaliencyGallery::visibleIds() const
{
    QStringList result;
    for (int i = 0; i < count(); ++i)
        if (!item(i)->isHidden())
            result << item(i)->data(kIdRole).toString();
    return result;
}

void SaliencyGallery::applyFilterAndSort()
{
    const QString current = currentId();
    // Sort keys, then a stable reorder by taking every item out and inserting it back.
    struct Key {
        QListWidgetItem *item;
        int order;
        int markRank;
        double confidence;
        QString name;
    };
    std::vector<Key> keys;
    keys.reserve(static_cast<size_t>(count()));
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem *entry = item(i);
        const QString id = entry->data(kIdRole).toString();
        const GalleryMarks m = marks(id);
        const auto it = m_predictions.constFind(id);
        double confidence = 2.0; // no prediction: last
        if (it != m_predictions.constEnd() && it->error.isEmpty())
            for (int slot = 0; slot < 2; ++slot)
                if (!it->predicted[slot].isEmpty())
                    confidence = std::min(confidence, it->probability[slot]);
        keys.push_back({entry, entry->data(kOrderRole).toInt(),
                        m.disagree && m.wrong() ? 0
                        : m.any()               ? 1
                                                : 2,
                        confidence, QFileInfo(id).fileName()});
    }
    auto less = [this](const Key &x, const Key &y) {
        switch (m_sort) {
        case GallerySort::Added:
            break;
        case GallerySort::Name:
            if (const int c = QString::localeAwareCompare(x.name, y.name); c != 0)
                return c < 0;
            break;
        case GallerySort::MarkedFirst:
            if (x.markRank != y.markRank)
                return x.markRank < y.markRank;
            break;
        case GallerySort::LeastConfident:
            if (x.confidence != y.confidence)
                return x.confidence < y.confidence;
            break;
        }
        return x.order < y.order;
    };
    bool sorted = true;
    for (size_t i = 1; i < keys.size() && sorted; ++i)
        sorted = !less(keys[i], keys[i - 1]);
    {
        const QSignalBlocker block(this); // no imageSelected while items move
        if (!sorted) {
            std::stable_sort(keys.begin(), keys.end(), less);
            while (count() > 0)
                takeItem(0);
            for (const Key &k : keys)
                addItem(k.item);
        }
        for (const Key &k : keys)
            k.item->setHidden(
                !galleryFilterAccepts(m_filter, marks(k.item->data(kIdRole).toString())));
        if (QListWidgetItem *entry = findItem(current))
            setCurrentItem(entry);
    }
    Q_EMIT contentsChanged();
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
