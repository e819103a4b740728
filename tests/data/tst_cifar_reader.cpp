// SPDX-License-Identifier: MIT
// CIFAR-10 binary batches and the tar extraction of the archive they ship in.
#include "core/data/cifar_reader.h"
#include "core/data/tar_reader.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ql::core;

namespace {

constexpr int kRecord = 3073;

/// n records; record i has label labels[i] and pixel (c, y, x) = (i + 3c + y + x) % 256.
QByteArray batchBytes(const std::vector<int> &labels)
{
    QByteArray out;
    for (size_t i = 0; i < labels.size(); ++i) {
        out.append(static_cast<char>(labels[i]));
        for (int c = 0; c < 3; ++c)
            for (int y = 0; y < 32; ++y)
                for (int x = 0; x < 32; ++x)
                    out.append(static_cast<char>((int(i) + 3 * c + y + x) % 256));
    }
    return out;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QString errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const std::runtime_error &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

/// Builds the layout of cifar-10-binary.tar.gz with small batches under root.
void writeBatches(const QString &root)
{
    for (int b = 1; b <= 5; ++b)
        writeFile(root + QStringLiteral("/cifar-10-batches-bin/data_batch_%1.bin").arg(b),
                  batchBytes({b, (b + 1) % 10}));
    writeFile(root + QStringLiteral("/cifar-10-batches-bin/test_batch.bin"), batchBytes({9, 8, 7}));
    writeFile(root + QStringLiteral("/cifar-10-batches-bin/batches.meta.txt"),
              "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
}

} // namespace

class TestCifarReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("data_batch_1.bin"));
        writeFile(path, batchBytes({3, 0, 9}));
        const LabelledImages b = readCifar10Batch(path.toStdString());
        QCOMPARE(b.images.sizes().vec(), (std::vector<int64_t>{3, 3, 32, 32}));
        QCOMPARE(b.labels[0].item<int64_t>(), 3);
        QCOMPARE(b.labels[2].item<int64_t>(), 9);
        // Channel-planar: record 2, channel 1 (green), y 5, x 7 -> (2 + 3 + 5 + 7) = 17
        QCOMPARE(b.images[2][1][5][7].item<int>(), 17);
        QCOMPARE(b.images[1][2][31][31].item<int>(), (1 + 6 + 62) % 256);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "is empty";
        QTest::newRow("truncated record")
            << batchBytes({1, 2}).left(2 * kRecord - 100) << "is truncated or not a CIFAR-10 batch";
        QTest::newRow("label out of range")
            << batchBytes({1, 10}) << "label 10 of record 1 is out of range";
    }
    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("test_batch.bin"));
        writeFile(path, bytes);
        const QString error = errorOf([&] { readCifar10Batch(path.toStdString()); });
        QVERIFY2(error.contains(expected) && error.contains(path), qPrintable(error));
    }

    void loadFromExtractedArchive()
    {
        // The system tar builds the archive: an independent implementation of the format.
        QTemporaryDir src, dst;
        writeBatches(src.path());
        const QString archive = src.filePath(QStringLiteral("cifar-10-binary.tar.gz"));
        QCOMPARE(QProcess::execute(QStringLiteral("tar"),
                                   {QStringLiteral("czf"), archive, QStringLiteral("-C"),
                                    src.path(), QStringLiteral("cifar-10-batches-bin")}),
                 0);
        const auto files = extractTar(archive.toStdString(), dst.path().toStdString());
        QCOMPARE(files.size(), size_t(7));
        const DataSplits s = loadCifar10Binary(dst.path().toStdString());
        QCOMPARE(s.train.size(), 10);
        QCOMPARE(s.test.size(), 3);
        QCOMPARE(s.train.labels[2].item<int64_t>(), 2); // batch 2's first record
        QCOMPARE(s.test.labels[0].item<int64_t>(), 9);
        QCOMPARE(s.train.classNames.at(9), std::string("j")); // from batches.meta.txt
        QCOMPARE(s.norm.mean.at(2), 0.4465f);
        QCOMPARE(s.norm.std.at(0), 0.2470f);

        // Only a sub-tree
        QTemporaryDir part;
        const auto some = extractTar(archive.toStdString(), part.path().toStdString(),
                                     "cifar-10-batches-bin/test");
        QCOMPARE(some.size(), size_t(1));
        QCOMPARE(QString::fromStdString(some.front()),
                 QStringLiteral("cifar-10-batches-bin/test_batch.bin"));

        QFile::remove(dst.filePath(QStringLiteral("cifar-10-batches-bin/data_batch_4.bin")));
        const QString error = errorOf([&] { loadCifar10Binary(dst.path().toStdString()); });
        QVERIFY2(error.contains(QStringLiteral("data_batch_4.bin")), qPrintable(error));
        QVERIFY(errorOf([&] {
                    loadCifar10Binary(src.filePath(QStringLiteral("none")).toStdString());
                }).contains(QStringLiteral("no CIFAR-10 binary batches")));
    }

    void brokenArchives_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated gzip") << 0 << "corrupt or truncated archive";
        // libarchive does not recognise a first header whose checksum is wrong.
        QTest::newRow("bad header checksum") << 1 << "Unrecognized archive format";
        QTest::newRow("truncated entry") << 2 << "ends early";
    }
    void brokenArchives()
    {
        QFETCH(int, damage);
        QFETCH(QString, expected);
        QTemporaryDir src, dst;
        writeBatches(src.path());
        const QString archive =
            src.filePath(damage == 0 ? QStringLiteral("a.tar.gz") : QStringLiteral("a.tar"));
        QCOMPARE(QProcess::execute(QStringLiteral("tar"),
                                   {damage == 0 ? QStringLiteral("czf") : QStringLiteral("cf"),
                                    archive, QStringLiteral("-C"), src.path(),
                                    QStringLiteral("cifar-10-batches-bin")}),
                 0);
        QFile f(archive);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        if (damage == 0)
            bytes.truncate(bytes.size() / 2);
        else if (damage == 1)
            bytes[3] = 'Z'; // inside the first entry's name: the header checksum no longer adds up
        else
            bytes.truncate(512 * 4); // a few blocks: some entry's data is cut
        f.resize(0);
        f.write(bytes);
        f.close();
        const QString error =
            errorOf([&] { extractTar(archive.toStdString(), dst.path().toStdString()); });
        QVERIFY2(error.contains(expected) && error.contains(archive), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestCifarReader)
#include "tst_cifar_reader.moc"
