// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QListWidget>
#include <QString>

namespace ql::widgets {

/// A strip of thumbnails (dropped images or picked test images); selecting one emits its id.
/// Thumbnails are scaled with nearest-neighbour sampling so small inputs stay crisp.
class SaliencyGallery : public QListWidget {
    Q_OBJECT
public:
    static constexpr int kThumbnailSize = 72;

    explicit SaliencyGallery(QWidget *parent = nullptr);

    /// Adds an entry, or replaces the thumbnail/caption of the entry with the same id.
    void addImage(const QString &id, const QImage &thumbnail, const QString &caption);
    /// A short status under the caption (e.g. "7 / 7" or "A: 3, B: 8"); empty clears it.
    void setItemStatus(const QString &id, const QString &status);
    bool containsId(const QString &id) const;
    QStringList ids() const;
    QString currentId() const;
    void selectId(const QString &id);

Q_SIGNALS:
    void imageSelected(const QString &id);

private:
    QListWidgetItem *findItem(const QString &id) const;
};

} // namespace ql::widgets
