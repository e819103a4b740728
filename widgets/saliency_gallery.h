// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QImage>
#include <QListWidget>
#include <QPair>
#include <QString>
#include <QVector>

namespace ql::widgets {

/// What the gallery knows about one image's predictions (plain values; app/ fills them).
struct GalleryItemPrediction {
    QString predicted[2];           ///< each model's top class name; empty: no prediction
    double probability[2] = {0, 0}; ///< its probability
    QString known;                  ///< the class the image's folder names; empty: unknown
    QString error;                  ///< the file could not be read
};

/// The marks of an item: the two models disagree (both predicted, different classes), or a
/// known label is wrong (a model predicted a class other than the folder's).
struct GalleryMarks {
    bool disagree = false;
    bool wrongA = false;
    bool wrongB = false;
    bool wrong() const { return wrongA || wrongB; }
    bool any() const { return disagree || wrongA || wrongB; }
};
GalleryMarks galleryMarks(const GalleryItemPrediction &p);

/// Which items the gallery shows.
enum class GalleryFilter { All, Disagreements, WrongLabels, Marked };
/// How the gallery orders its items.
enum class GallerySort {
    Added,         ///< the order the images were added
    Name,          ///< file name
    MarkedFirst,   ///< items with a mark first (disagreement and wrong label before either)
    LeastConfident ///< the lowest top probability of either model first
};
bool galleryFilterAccepts(GalleryFilter filter, const GalleryMarks &marks);

/// The square thumbnail tile of an image (kThumbnailSize, transparent margins): small inputs
/// enlarged by a whole factor with nearest neighbour, large ones scaled down smoothly. Only
/// QImage work: callable on any thread.
QImage makeThumbnailImage(const QImage &image);

/// A strip of thumbnails (dropped images or picked test images); selecting one emits its id.
/// Thumbnails are scaled with nearest-neighbour sampling so small inputs stay crisp.
class SaliencyGallery : public QListWidget {
    Q_OBJECT
public:
    static constexpr int kThumbnailSize = 72;

    explicit SaliencyGallery(QWidget *parent = nullptr);

    /// Adds an entry, or replaces the thumbnail/caption of the entry with the same id. A null
    /// thumbnail gives a blank tile (e.g. until a worker has decoded the file).
    void addImage(const QString &id, const QImage &thumbnail, const QString &caption);
    /// Replaces an entry's thumbnail; false (nothing done) for an unknown id.
    bool setThumbnail(const QString &id, const QImage &thumbnail);
    /// Whether the entry shows an image (not a blank tile).
    bool hasThumbnail(const QString &id) const;
    /// A short status under the caption (e.g. "7 / 7" or "A: 3, B: 8"); empty clears it.
    void setItemStatus(const QString &id, const QString &status);
    bool containsId(const QString &id) const;
    QStringList ids() const;
    QString currentId() const;
    void selectId(const QString &id);

    /// Sets the predictions of several items at once (unknown ids are ignored), writes the
    /// status line ("A: 7  B: 3", a mark for a disagreement or a wrong label) and applies the
    /// filter and sort once.
    void setPredictions(const QVector<QPair<QString, GalleryItemPrediction>> &predictions);
    /// The item's predictions; default (empty) when it has none.
    GalleryItemPrediction prediction(const QString &id) const;
    GalleryMarks marks(const QString &id) const;
    void setFilter(GalleryFilter filter);
    GalleryFilter filter() const { return m_filter; }
    void setSort(GallerySort sort);
    GallerySort sort() const { return m_sort; }
    /// Ids shown (not filtered out), in display order.
    QStringList visibleIds() const;
    /// Model names used in the status lines ("A", "B" by default).
    void setModelNames(const QString &a, const QString &b);

Q_SIGNALS:
    void imageSelected(const QString &id);

Q_SIGNALS:
    /// Items were added, predicted, filtered or sorted.
    void contentsChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    QListWidgetItem *findItem(const QString &id) const;
    void updateItemText(QListWidgetItem *item);
    void applyFilterAndSort();

    QHash<QString, QListWidgetItem *> m_items;
    QHash<QString, GalleryItemPrediction> m_predictions;
    int m_added = 0;
    GalleryFilter m_filter = GalleryFilter::All;
    GallerySort m_sort = GallerySort::Added;
    QString m_modelNames[2];
};

} // namespace ql::widgets
