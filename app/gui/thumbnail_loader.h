// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace ql::app {

/// Decodes the gallery's thumbnails off the UI thread. `request` returns at once; a pool of
/// one thread (the other cores stay with training and inference) decodes the files in
/// order and hands each finished thumbnail (widgets::makeThumbnailImage, a QImage: no
/// QPixmap off the UI thread) back through the queued thumbnailReady signal. A file that
/// cannot be read gets a null image (the gallery keeps its blank tile; the prediction says
/// why). Requests are never dropped (each file is one gallery item), and the destructor
/// stops the decoding at the next file and waits for it.
class ThumbnailLoader : public QObject {
    Q_OBJECT
public:
    /// Reads an image file for a thumbnail (large images decoded at a reduced size).
    using Decoder = std::function<QImage(const QString &path)>;
    explicit ThumbnailLoader(QObject *parent = nullptr, Decoder decoder = {});
    ~ThumbnailLoader() override;

    void request(const QStringList &paths);
    /// Waits until every requested file is decoded (tests); the signals are still queued.
    void waitForDone();
    /// The default decoder: QImageReader with a reduced decode size for large images.
    static QImage decodeForThumbnail(const QString &path);

Q_SIGNALS:
    void thumbnailReady(const QString &path, const QImage &thumbnail);

private:
    Decoder m_decoder;
    std::shared_ptr<std::atomic<bool>> m_stop;
    QThreadPool m_pool;
};

} // namespace ql::app
