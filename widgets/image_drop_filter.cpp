// SPDX-License-Identifier: MIT
#include "widgets/image_drop_filter.h"

#include "widgets/bidi_text.h"

#include <QDirIterator>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QLocale>
#include <QMimeData>
#include <QSet>
#include <QThread>
#include <QWidget>

#include <memory>

namespace ql::widgets {

namespace {
/// Result of one scan, shared between the worker thread and the UI thread.
struct ScanResult {
    QStringList images, rejected;
    bool truncated = false;
};

bool containsFolder(const QList<QUrl> &urls)
{
    for (const QUrl &url : urls)
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir())
            return true;
    return false;
}
} // namespace

ImageDropFilter::ImageDropFilter(QObject *parent) : QObject(parent)
{
}

void ImageDropFilter::attach(QWidget *target)
{
    target->setAcceptDrops(true);
    target->installEventFilter(this);
}

QStringList ImageDropFilter::imageSuffixes()
{
    return {QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
            QStringLiteral("bmp")};
}

bool ImageDropFilter::isImageFile(const QString &path)
{
    return imageSuffixes().contains(QFileInfo(path).suffix().toLower());
}

bool ImageDropFilter::canAccept(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return false;
    // Accept any local file so a wrong one gets a readable message instead of a silent "no".
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            return true;
    return false;
}

void ImageDropFilter::collect(const QList<QUrl> &urls, QStringList &images, QStringList &rejected,
                              bool &truncated)
{
    QSet<QString> seen;
    truncated = false;
    auto addImage = [&](const QString &path) {
        if (images.size() >= kMaxFiles) {
            truncated = true;
            return;
        }
        if (!seen.contains(path)) {
            seen.insert(path);
            images << path;
        }
    };
    for (const QUrl &url : urls) {
        if (!url.isLocalFile()) {
            rejected << url.toDisplayString();
            continue;
        }
        const QFileInfo info(url.toLocalFile());
        if (info.isDir()) {
            QStringList found;
            QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::Readable,
                            QDirIterator::Subdirectories);
            while (it.hasNext() && found.size() <= kMaxFiles) {
                const QString path = it.next();
                if (isImageFile(path))
                    found << path; // non-images inside folders are skipped silently
            }
            found.sort(); // file-system order is arbitrary; sorted order is reproducible
            for (const QString &path : found)
                addImage(path);
        } else if (info.isFile() && isImageFile(info.fileName())) {
            addImage(info.absoluteFilePath());
        } else {
            rejected << info.fileName();
        }
    }
}

void ImageDropFilter::handleUrls(const QList<QUrl> &urls)
{
    if (!containsFolder(urls)) {
        // Plain files: a few stat calls, fine on the UI thread.
        QStringList images, rejected;
        bool truncated = false;
        collect(urls, images, rejected, truncated);
        finishScan(images, rejected, truncated);
        return;
    }
    // Folders may hold thousands of files (or sit on a slow network share): scan elsewhere.
    // The thread has no parent so that destroying this filter mid-scan is safe; the queued
    // finished() connection dies with this object and the thread deletes itself.
    auto result = std::make_shared<ScanResult>();
    QThread *thread = QThread::create(
        [urls, result] { collect(urls, result->images, result->rejected, result->truncated); });
    connect(thread, &QThread::finished, this, [this, result] {
        if (--m_pendingScans == 0)
            Q_EMIT scanningChanged(false);
        finishScan(result->images, result->rejected, result->truncated);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    if (m_pendingScans++ == 0)
        Q_EMIT scanningChanged(true);
    thread->start();
}

QString ImageDropFilter::rejectionText(const Rejection &r)
{
    using Kind = Rejection::Kind;
    switch (r.kind) {
    case Kind::None:
        return {};
    case Kind::OneFile:
        return tr("“%1” is not a supported image. Drop PNG, JPEG or BMP files, or a folder of "
                  "them.")
            .arg(isolateLtr(r.example));
    case Kind::ManyFiles:
        return tr("%1 dropped items are not supported images (for example “%2”). Drop PNG, "
                  "JPEG or BMP files, or a folder of them.")
            .arg(QLocale().toString(r.count), isolateLtr(r.example));
    case Kind::NoImages:
        return tr("No PNG, JPEG or BMP images were found in the dropped folder.");
    case Kind::Truncated:
        return tr("Only the first %1 images were taken.").arg(QLocale().toString(kMaxFiles));
    case Kind::NotFiles:
        return tr("Only image files (PNG, JPEG or BMP) and folders can be dropped here.");
    }
    return {};
}

void ImageDropFilter::reject(const Rejection &rejection)
{
    m_lastRejection = rejection;
    Q_EMIT dropRejected(rejectionText(rejection));
}

void ImageDropFilter::finishScan(const QStringList &images, const QStringList &rejected,
                                 bool truncated)
{
    using Kind = Rejection::Kind;
    if (!images.isEmpty())
        Q_EMIT imagesDropped(images);
    if (rejected.size() == 1)
        reject({Kind::OneFile, 1, QFileInfo(rejected.first()).fileName()});
    else if (rejected.size() > 1)
        reject({Kind::ManyFiles, static_cast<int>(rejected.size()),
                QFileInfo(rejected.first()).fileName()});
    else if (images.isEmpty())
        reject({Kind::NoImages, 0, {}});
    if (truncated)
        reject({Kind::Truncated, 0, {}});
}

bool ImageDropFilter::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (canAccept(drag->mimeData())) {
            drag->acceptProposedAction();
            if (event->type() == QEvent::DragEnter)
                Q_EMIT dragActiveChanged(true);
        } else {
            drag->ignore();
        }
        return true;
    }
    case QEvent::DragLeave:
        Q_EMIT dragActiveChanged(false);
        return true;
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        Q_EMIT dragActiveChanged(false);
        if (canAccept(drop->mimeData())) {
            drop->acceptProposedAction();
            handleUrls(drop->mimeData()->urls());
        } else {
            drop->ignore();
            reject({Rejection::Kind::NotFiles, 0, {}});
        }
        return true;
    }
    default:
        return QObject::eventFilter(watched, event);
    }
}

} // namespace ql::widgets
