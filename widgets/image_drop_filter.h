// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QStringList>
#include <QUrl>

class QWidget;
class QMimeData;

namespace ql::widgets {

/// Makes any widget (an ImageDropArea, or the whole main window) accept drops of image files:
/// PNG, JPEG and BMP files, several at once, and folders (searched recursively). Folders are
/// scanned on a short-lived background thread so a huge tree never blocks the UI; the result
/// arrives as imagesDropped(). Anything else (a PDF, a web link) is reported through
/// dropRejected() with a message a user can read.
class ImageDropFilter : public QObject {
    Q_OBJECT
public:
    /// Why a drop was (partly) refused, kept so the message can be written again in another
    /// language.
    struct Rejection {
        enum class Kind { None, OneFile, ManyFiles, NoImages, Truncated, NotFiles };
        Kind kind = Kind::None;
        int count = 0;   ///< rejected items (ManyFiles)
        QString example; ///< a rejected file's name (OneFile, ManyFiles)
    };
    /// The message for `rejection` in the current language (empty for Kind::None).
    static QString rejectionText(const Rejection &rejection);
    Rejection lastRejection() const { return m_lastRejection; }

    static constexpr int kMaxFiles = 10000; ///< cap per drop, so a drop of "/" stays sane

    explicit ImageDropFilter(QObject *parent = nullptr);

    /// Installs the filter on a widget and enables drops on it.
    void attach(QWidget *target);

    /// Lower-case suffixes accepted: png, jpg, jpeg, bmp.
    static QStringList imageSuffixes();
    static bool isImageFile(const QString &path);
    /// Whether a drag carries anything worth accepting (local files or folders).
    static bool canAccept(const QMimeData *mime);
    /// Blocking scan used by the worker: expands folders (sorted, recursive) and splits the
    /// dropped paths into images and rejected (non-image) files.
    static void collect(const QList<QUrl> &urls, QStringList &images, QStringList &rejected,
                        bool &truncated);
    /// True while a folder scan runs.
    bool isScanning() const { return m_pendingScans > 0; }

    /// Handles a drop's URLs as a real drop would (also used by tests and paste actions).
    void handleUrls(const QList<QUrl> &urls);

Q_SIGNALS:
    void imagesDropped(const QStringList &paths);
    void dropRejected(const QString &message);
    void scanningChanged(bool scanning);
    /// Drag entered / left the target: lets the target highlight itself.
    void dragActiveChanged(bool active);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void finishScan(const QStringList &images, const QStringList &rejected, bool truncated);
    void reject(const Rejection &rejection);

    Rejection m_lastRejection;

    int m_pendingScans = 0;
};

} // namespace ql::widgets
