// SPDX-License-Identifier: MIT
#include "app/gui/thumbnail_loader.h"

#include "widgets/saliency_gallery.h"

#include <QImageReader>

namespace ql::app {

ThumbnailLoader::ThumbnailLoader(QObject *parent, Decoder decoder)
    : QObject(parent), m_decoder(decoder ? std::move(decoder) : Decoder(&decodeForThumbnail)),
      m_stop(std::make_shared<std::atomic<bool>>(false))
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("thumbnails"));
}

ThumbnailLoader::~ThumbnailLoader()
{
    m_stop->store(true);
    m_pool.waitForDone();
}

void ThumbnailLoader::request(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    const Decoder decoder = m_decoder;
    const std::shared_ptr<std::atomic<bool>> stop = m_stop;
    m_pool.start([this, paths, decoder, stop] {
        for (const QString &path : paths) {
            if (stop->load())
                return;
            const QImage decoded = decoder(path);
            const QImage thumbnail =
                decoded.isNull() ? QImage() : ql::widgets::makeThumbnailImage(decoded);
            // Emitted on the pool's thread: queued to receivers on the UI thread.
            Q_EMIT thumbnailReady(path, thumbnail);
        }
    });
}

void ThumbnailLoader::waitForDone()
{
    m_pool.waitForDone();
}

QImage ThumbnailLoader::decodeForThumbnail(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    // A big photo is decoded at a reduced size (JPEG scales while decoding): a thumbnail
    // needs at most a few times its own size.
    const QSize size = reader.size();
    const int limit = 4 * ql::widgets::SaliencyGallery::kThumbnailSize;
    if (size.isValid() && (size.width() > limit || size.height() > limit))
        reader.setScaledSize(size.scaled(limit, limit, Qt::KeepAspectRatio));
    return reader.read();
}

} // namespace ql::app
