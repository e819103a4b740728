// SPDX-License-Identifier: MIT
// DatasetFetcher against a small HTTP server on 127.0.0.1 written here, plus the offline
// fallbacks on files the test writes.
#include "app/common/dataset_fetcher.h"
#include "app/common/offline_sources.h"
#include "core/data/gzip_io.h"
#include "core/data/idx_format.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using ql::app::DatasetFetcher;
using ql::app::DatasetSource;
using ql::app::RemoteFile;

namespace {

/// Serves fixed bodies; honours "Range: bytes=N-"; can cut one response short.
class TinyHttpServer : public QObject {
public:
    struct Route {
        QByteArray body;
        int cutAfter = -1; ///< first response sends only this many body bytes, then closes
    };

    TinyHttpServer()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QString base(const QString &dir) const
    {
        return QStringLiteral("http://127.0.0.1:%1/%2/").arg(m_server.serverPort()).arg(dir);
    }
    QMap<QString, Route> routes;
    QStringList log; ///< "path range"

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &request = m_pending[socket];
        request += socket->readAll();
        if (!request.contains("\r\n\r\n"))
            return;
        const QList<QByteArray> lines = request.split('\n');
        const QString path = QString::fromLatin1(lines.first().split(' ').value(1));
        qint64 from = 0;
        for (const QByteArray &line : lines)
            if (line.toLower().startsWith("range: bytes="))
                from = line.mid(13).trimmed().chopped(1).toLongLong();
        m_pending.remove(socket);
        log << path + QLatin1Char(' ') + QString::number(from);
        QByteArray head;
        QByteArray body;
        auto it = routes.find(path);
        if (it == routes.end()) {
            body = "not found";
            head = "HTTP/1.1 404 Not Found\r\n";
        } else {
            body = it->body.mid(from);
            head = from > 0 ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " +
                                  QByteArray::number(from) + '-' +
                                  QByteArray::number(it->body.size() - 1) + '/' +
                                  QByteArray::number(it->body.size()) + "\r\n"
                            : QByteArray("HTTP/1.1 200 OK\r\n");
        }
        head +=
            "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
        socket->write(head);
        if (it != routes.end() && it->cutAfter >= 0) {
            socket->write(body.left(it->cutAfter));
            it->cutAfter = -1;
            socket->disconnectFromHost(); // the transfer ends mid-way (after what was written)
            return;
        }
        socket->write(body);
        socket->disconnectFromHost();
    }
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_pending;
};

QByteArray payload(int size, int seed)
{
    QByteArray out(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        out[i] = static_cast<char>((i * 31 + seed) % 251);
    return out;
}

QByteArray md5(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Runs a fetch to the end; returns (ok, message).
std::pair<bool, QString> runFetch(DatasetFetcher &fetcher, const DatasetSource &source,
                                  const QString &dir)
{
    QSignalSpy done(&fetcher, &DatasetFetcher::finished);
    fetcher.startSource(source, dir);
    if (!done.wait(30000))
        return {false, QStringLiteral("timeout")};
    return {done.first().at(0).toBool(), done.first().at(1).toString()};
}

DatasetFetcher *quickFetcher(QObject *parent)
{
    auto *fetcher = new DatasetFetcher(parent);
    fetcher->setRetryPolicy(3, 20);
    fetcher->setOfflineFallbackEnabled(false);
    fetcher->setTransferTimeout(5000);
    return fetcher;
}

} // namespace

class TestDatasetFetcher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void goodTransfer()
    {
        TinyHttpServer server;
        const QByteArray a = payload(200000, 1), b = payload(1000, 2);
        server.routes[QStringLiteral("/m/a.bin")] = {a};
        server.routes[QStringLiteral("/m/b.bin")] = {b};
        QTemporaryDir dir;
        DatasetFetcher *fetcher = quickFetcher(this);
        QSignalSpy progress(fetcher, &DatasetFetcher::progress);
        const DatasetSource source{
            QStringLiteral("test"),
            {server.base(QStringLiteral("m"))},
            {{QStringLiteral("a.bin"), md5(a), false}, {QStringLiteral("b.bin"), md5(b), false}}};
        const auto [ok, message] = runFetch(*fetcher, source, dir.path());
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(readAll(dir.filePath(QStringLiteral("a.bin"))), a);
        QCOMPARE(readAll(dir.filePath(QStringLiteral("b.bin"))), b);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("a.bin.part"))));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(1).toLongLong(), qint64(b.size()));

        // A second run finds verified files and downloads nothing.
        server.log.clear();
        const auto again = runFetch(*fetcher, source, dir.path());
        QVERIFY(again.first);
        QVERIFY(server.log.isEmpty());
    }

    void truncatedTransferIsResumed()
    {
        TinyHttpServer server;
        const QByteArray a = payload(300000, 3);
        server.routes[QStringLiteral("/m/a.bin")] = {a, 120000};
        QTemporaryDir dir;
        DatasetFetcher *fetcher = quickFetcher(this);
        QSignalSpy messages(fetcher, &DatasetFetcher::statusMessage);
        const DatasetSource source{QStringLiteral("test"),
                                   {server.base(QStringLiteral("m"))},
                                   {{QStringLiteral("a.bin"), md5(a), false}}};
        const auto [ok, message] = runFetch(*fetcher, source, dir.path());
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(readAll(dir.filePath(QStringLiteral("a.bin"))), a);
        // Qt itself may re-send the first request on the closed connection; what matters is that
        // the fetcher's retry asked for the missing tail only.
        QCOMPARE(server.log.last(), QStringLiteral("/m/a.bin 120000"));
        // Depending on timing Qt reports the cut either as a clean end after 120000 of 300000
        // bytes or as a closed connection; either way the fetcher must say so and retry.
        bool reportedCut = false;
        bool retried = false;
        for (const auto &m : messages) {
            const QString text = m.first().toString();
            reportedCut = reportedCut || (text.contains(QStringLiteral("/m/a.bin: ")) &&
                                          !text.startsWith(QStringLiteral("Downloading")) &&
                                          !text.startsWith(QStringLiteral("Resuming")));
            retried = retried || text.contains(QStringLiteral("attempt 2 of"));
        }
        QVERIFY(reportedCut);
        QVERIFY(retried);
    }

    void wrongChecksumIsRejected()
    {
        TinyHttpServer server;
        const QByteArray a = payload(5000, 4);
        server.routes[QStringLiteral("/m/a.bin")] = {a};
        QTemporaryDir dir;
        DatasetFetcher *fetcher = quickFetcher(this);
        const DatasetSource source{QStringLiteral("test"),
                                   {server.base(QStringLiteral("m"))},
                                   {{QStringLiteral("a.bin"), md5("something else"), false}}};
        const auto [ok, message] = runFetch(*fetcher, source, dir.path());
        QVERIFY(!ok);
        QVERIFY2(message.contains(QStringLiteral("checksum mismatch")), qPrintable(message));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty()); // neither file nor .part
    }

    void notFoundFallsBackToNextMirror()
    {
        TinyHttpServer server;
        const QByteArray a = payload(7000, 5), b = payload(300, 6);
        server.routes[QStringLiteral("/good/a.bin")] = {a};
        server.routes[QStringLiteral("/good/b.bin")] = {b};
        QTemporaryDir dir;
        DatasetFetcher *fetcher = quickFetcher(this);
        const DatasetSource source{
            QStringLiteral("test"),
            {server.base(QStringLiteral("gone")), server.base(QStringLiteral("good"))},
            {{QStringLiteral("a.bin"), md5(a), false}, {QStringLiteral("b.bin"), md5(b), false}}};
        const auto [ok, message] = runFetch(*fetcher, source, dir.path());
        QVERIFY2(ok, qPrintable(message));
        // b.bin goes straight to the mirror that worked for a.bin.
        QCOMPARE(server.log,
                 (QStringList{QStringLiteral("/gone/a.bin 0"), QStringLiteral("/good/a.bin 0"),
                              QStringLiteral("/good/b.bin 0")}));
        QCOMPARE(readAll(dir.filePath(QStringLiteral("a.bin"))), a);
    }

    void checksumOfUncompressedContent()
    {
        QTemporaryDir dir;
        const std::vector<uint8_t> raw(10000, 42);
        const QString gz = dir.filePath(QStringLiteral("x.gz"));
        ql::core::writeGzipFile(gz.toStdString(), raw);
        const QByteArray rawMd5 = md5(QByteArray(10000, 42));
        QVERIFY(ql::app::checksumProblem(gz, {QStringLiteral("x.gz"), rawMd5, true}).isEmpty());
        QVERIFY(
            !ql::app::checksumProblem(gz, {QStringLiteral("x.gz"), md5(readAll(gz)) + "0", true})
                 .isEmpty());
        QVERIFY(ql::app::checksumProblem(gz, {QStringLiteral("x.gz"), md5(readAll(gz)), false})
                    .isEmpty());
    }

    void allMirrorsFailWithoutFallback()
    {
        TinyHttpServer server;
        QTemporaryDir dir;
        DatasetFetcher fetcher;
        fetcher.setOfflineFallbackEnabled(false);
        fetcher.setBaseUrls({server.base(QStringLiteral("nothing"))});
        QSignalSpy done(&fetcher, &DatasetFetcher::finished);
        fetcher.start(QStringLiteral("cifar10"), dir.path());
        QVERIFY(done.wait(10000));
        QVERIFY(!done.first().at(0).toBool());
        QVERIFY(done.first().at(1).toString().contains(QStringLiteral("HTTP 404")));
        fetcher.start(QStringLiteral("no-such-set"), dir.path());
        QVERIFY(done.wait(5000));
        QVERIFY(done.last().at(1).toString().contains(QStringLiteral("unknown data set")));
    }

    void cifarHasNoOfflineFallback()
    {
        QTemporaryDir dir;
        DatasetFetcher fetcher;
        fetcher.setOfflineOnly(true);
        QSignalSpy done(&fetcher, &DatasetFetcher::finished);
        fetcher.start(QStringLiteral("cifar10"), dir.path());
        QVERIFY(done.wait(5000));
        QVERIFY(!done.first().at(0).toBool());
        QVERIFY(done.first().at(1).toString().contains(QStringLiteral("no offline fallback")));
        QVERIFY(done.first().at(1).toString().contains(QStringLiteral("image folder")));
    }

    void mnistNpmConversion()
    {
        // A fake package: digit d has 7 images whose pixels are all (d + 1) / 10.
        QTemporaryDir pkg, out;
        QDir().mkpath(pkg.filePath(QStringLiteral("src/digits")));
        for (int d = 0; d < 10; ++d) {
            QJsonArray data;
            for (int i = 0; i < 7 * 784; ++i)
                data.append((d + 1) / 10.0);
            QFile f(pkg.filePath(QStringLiteral("src/digits/%1.json").arg(d)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(QJsonObject{{QStringLiteral("data"), data}})
                        .toJson(QJsonDocument::Compact));
        }
        const auto result = ql::app::convertMnistNpmPackage(pkg.path(), out.path());
        QVERIFY2(result.ok, qPrintable(result.message));
        QVERIFY(result.message.contains(QStringLiteral("10,000-digit subset")));
        QVERIFY(result.message.contains(QStringLiteral("60 train / 10 test")));
        const auto labels = ql::core::readFileMaybeGzip(
            out.filePath(QStringLiteral("t10k-labels-idx1-ubyte.gz")).toStdString());
        QCOMPARE(labels.size(), size_t(8 + 10));
        QCOMPARE(int(labels[8]), 0); // interleaved by digit
        QCOMPARE(int(labels[9]), 1);
        const auto images = ql::core::readFileMaybeGzip(
            out.filePath(QStringLiteral("train-images-idx3-ubyte.gz")).toStdString());
        QCOMPARE(images.size(), size_t(16 + 60 * 784));
        QCOMPARE(int(images[3]), 3);         // magic 0x00000803
        QCOMPARE(int(images[16 + 784]), 51); // second image is a 1: round(0.2 * 255)
        QVERIFY(QFile::exists(out.filePath(QString::fromLatin1(ql::core::kSubsetMarkerFile))));

        QFile::remove(pkg.filePath(QStringLiteral("src/digits/4.json")));
        QVERIFY(!ql::app::convertMnistNpmPackage(pkg.path(), out.path()).ok);
    }

    void fashionFromDebian()
    {
        const QString system = ql::app::defaultFashionMnistSystemDir();
        if (!QFile::exists(system + QStringLiteral("/t10k-labels-idx1-ubyte.gz")))
            QSKIP("Debian's dataset-fashion-mnist is not installed");
        QTemporaryDir dir;
        DatasetFetcher fetcher;
        fetcher.setOfflineOnly(true);
        QSignalSpy done(&fetcher, &DatasetFetcher::finished);
        fetcher.start(QStringLiteral("fashion-mnist"), dir.path());
        QVERIFY(done.wait(30000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("train-images-idx3-ubyte.gz"))));

        // A damaged copy of the system files is refused.
        QTemporaryDir fake, target;
        for (const QString &name : QDir(system).entryList(QDir::Files))
            QFile::copy(QDir(system).filePath(name), fake.filePath(name));
        QFile f(fake.filePath(QStringLiteral("t10k-labels-idx1-ubyte.gz")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QByteArray(100, 'x'));
        f.close();
        const auto result = ql::app::copyFashionMnist(fake.path(), target.path());
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(QStringLiteral("checksum mismatch")),
                 qPrintable(result.message));
    }
};

QTEST_GUILESS_MAIN(TestDatasetFetcher)
#include "tst_dataset_fetcher.moc"
