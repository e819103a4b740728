// SPDX-License-Identifier: MIT
// IDX (MNIST / Fashion-MNIST) reading: round trips, every malformed-file error, real MNIST.
#include "core/data/gzip_io.h"
#include "core/data/idx_reader.h"
#include "tests/support/test_support.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ql::core;
using Bytes = std::vector<uint8_t>;
Q_DECLARE_METATYPE(Bytes)

namespace {

void putBigEndian(Bytes &out, uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(v >> shift));
}

Bytes idxImages(uint32_t n, uint32_t h, uint32_t w, uint32_t magic = 2051)
{
    Bytes out;
    putBigEndian(out, magic);
    putBigEndian(out, n);
    putBigEndian(out, h);
    putBigEndian(out, w);
    for (uint32_t i = 0; i < n * h * w; ++i)
        out.push_back(static_cast<uint8_t>((i * 7) % 256));
    return out;
}

Bytes idxLabels(const Bytes &labels, uint32_t magic = 2049)
{
    Bytes out;
    putBigEndian(out, magic);
    putBigEndian(out, static_cast<uint32_t>(labels.size()));
    out.insert(out.end(), labels.begin(), labels.end());
    return out;
}

void writeFile(const QString &path, const Bytes &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(reinterpret_cast<const char *>(bytes.data()), static_cast<qint64>(bytes.size()));
}

Bytes gzipped(const QString &scratch, const Bytes &bytes)
{
    writeGzipFile(scratch.toStdString(), bytes);
    return readWholeFile(scratch.toStdString());
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

} // namespace

class TestIdxReader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<bool>("compressed");
        QTest::newRow("raw") << false;
        QTest::newRow("gzip") << true;
    }
    void roundTrip()
    {
        QFETCH(bool, compressed);
        QTemporaryDir dir;
        const Bytes images = idxImages(3, 4, 5);
        const Bytes labels = idxLabels({7, 0, 9});
        const QString ip = dir.filePath(QStringLiteral("i")),
                      lp = dir.filePath(QStringLiteral("l"));
        writeFile(ip, compressed ? gzipped(dir.filePath(QStringLiteral("s")), images) : images);
        writeFile(lp, compressed ? gzipped(dir.filePath(QStringLiteral("s")), labels) : labels);
        const torch::Tensor t = readIdxImages(ip.toStdString());
        QCOMPARE(t.sizes().vec(), (std::vector<int64_t>{3, 1, 4, 5}));
        QCOMPARE(t.scalar_type(), torch::kUInt8);
        QVERIFY(t.is_contiguous());
        QVERIFY(std::equal(images.begin() + 16, images.end(), t.data_ptr<uint8_t>()));
        // item 1, row 2, column 3 is byte 20 + 2*5 + 3 = 33 -> 33*7 % 256
        QCOMPARE(t[1][0][2][3].item<int>(), (33 * 7) % 256);
        const torch::Tensor l = readIdxLabels(lp.toStdString());
        QCOMPARE(l.scalar_type(), torch::kInt64);
        QCOMPARE(l[0].item<int64_t>(), 7);
        QCOMPARE(l[2].item<int64_t>(), 9);
    }

    void malformed_data()
    {
        QTest::addColumn<bool>("isImages");
        QTest::addColumn<Bytes>("bytes");
        QTest::addColumn<QString>("expected");
        Bytes truncatedData = idxImages(3, 4, 5);
        truncatedData.resize(truncatedData.size() - 1);
        Bytes trailing = idxImages(1, 2, 2);
        trailing.push_back(0);
        QTest::newRow("bad magic (labels in images)")
            << true << idxLabels({1, 2})
            << "magic number 0x00000801 (2049), expected 0x00000803 (2051)";
        QTest::newRow("bad magic (images in labels)")
            << false << idxImages(1, 2, 2)
            << "magic number 0x00000803 (2051), expected 0x00000801 (2049)";
        QTest::newRow("empty file") << true << Bytes{} << "truncated";
        const Bytes small = idxImages(1, 2, 2);
        QTest::newRow("truncated header")
            << true << Bytes(small.begin(), small.begin() + 10) << "IDX header needs 16 bytes";
        QTest::newRow("truncated data")
            << true << truncatedData << "is truncated: the header promises 3 images";
        QTest::newRow("trailing bytes") << true << trailing << "unexpected bytes";
        QTest::newRow("zero height")
            << true << idxImages(1, 0, 4) << "implausible image dimensions";
        QTest::newRow("truncated labels")
            << false << Bytes{0, 0, 8, 1, 0, 0, 0, 3, 1, 2} << "is truncated";
        QTest::newRow("label out of range")
            << false << idxLabels({1, 10, 2}) << "label 10 of item 1 is out of range";
    }
    void malformed()
    {
        QFETCH(bool, isImages);
        QFETCH(Bytes, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken-file"));
        writeFile(path, bytes);
        const QString error = errorOf([&] {
            if (isImages)
                readIdxImages(path.toStdString());
            else
                readIdxLabels(path.toStdString());
        });
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.contains(path), qPrintable(error));
    }

    void corruptGzip_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("flipped bytes") << 0;
        QTest::newRow("cut short") << 1;
    }
    void corruptGzip()
    {
        QFETCH(int, mode);
        QTemporaryDir dir;
        Bytes gz = gzipped(dir.filePath(QStringLiteral("s")), idxImages(50, 28, 28));
        if (mode == 0)
            for (size_t i = 20; i < 60; ++i)
                gz[i] ^= 0x5A;
        else
            gz.resize(gz.size() / 2);
        const QString path = dir.filePath(QStringLiteral("images.gz"));
        writeFile(path, gz);
        const QString error = errorOf([&] { readIdxImages(path.toStdString()); });
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(error.contains(mode == 0 ? QStringLiteral("corrupt gzip")
                                          : QStringLiteral("truncated")),
                 qPrintable(error));
    }

    void loadFolder()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("train-images-idx3-ubyte")), idxImages(3, 28, 28));
        writeFile(dir.filePath(QStringLiteral("train-labels-idx1-ubyte.gz")),
                  gzipped(dir.filePath(QStringLiteral("s")), idxLabels({0, 1, 2})));
        writeFile(dir.filePath(QStringLiteral("t10k-images-idx3-ubyte.gz")),
                  gzipped(dir.filePath(QStringLiteral("s")), idxImages(2, 28, 28)));
        writeFile(dir.filePath(QStringLiteral("t10k-labels-idx1-ubyte")), idxLabels({3, 4}));
        DataSplits s = loadMnistStyle(dir.path().toStdString(), MnistFlavor::Fashion);
        QCOMPARE(s.train.size(), 3);
        QCOMPARE(s.test.size(), 2);
        QCOMPARE(s.train.classNames.at(9), std::string("Ankle boot"));
        QCOMPARE(s.norm.mean.at(0), 0.2860f);
        QVERIFY(s.note.empty());

        QFile marker(dir.filePath(QString::fromLatin1(kSubsetMarkerFile)));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("a 10,000-digit subset\n");
        marker.close();
        s = loadMnistStyle(dir.path().toStdString());
        QCOMPARE(s.note, std::string("a 10,000-digit subset"));
        QCOMPARE(s.norm.std.at(0), 0.3081f);

        // Count mismatch between images and labels
        writeFile(dir.filePath(QStringLiteral("t10k-labels-idx1-ubyte")), idxLabels({3, 4, 5}));
        QString error = errorOf([&] { loadMnistStyle(dir.path().toStdString()); });
        QVERIFY2(error.contains(QStringLiteral("count mismatch")) &&
                     error.contains(QStringLiteral("2 images but")) &&
                     error.contains(QStringLiteral("3 labels")),
                 qPrintable(error));

        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("t10k-labels-idx1-ubyte"))));
        error = errorOf([&] { loadMnistStyle(dir.path().toStdString()); });
        QVERIFY2(error.contains(QStringLiteral("missing t10k-labels-idx1-ubyte")),
                 qPrintable(error));
        error =
            errorOf([&] { loadMnistStyle(dir.filePath(QStringLiteral("nope")).toStdString()); });
        QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
    }

    void realMnist()
    {
        const QString dir = ql::test::sharedDataPath(QStringLiteral("mnist"));
        if (dir.isEmpty())
            QSKIP("QUANTLENS_SHARED_DATA/mnist not available");
        const DataSplits s = loadMnistStyle(dir.toStdString());
        QCOMPARE(s.train.size(), 60000);
        QCOMPARE(s.test.size(), 10000);
        QCOMPARE(s.train.images.sizes().vec(), (std::vector<int64_t>{60000, 1, 28, 28}));
        // Rebuild the uncompressed files from the tensors; their MD5s are the published ones.
        const auto md5 = [](uint32_t magic, const torch::Tensor &t, bool images) {
            Bytes header;
            putBigEndian(header, magic);
            putBigEndian(header, static_cast<uint32_t>(t.size(0)));
            if (images) {
                putBigEndian(header, 28);
                putBigEndian(header, 28);
            }
            const torch::Tensor bytes = t.to(torch::kUInt8).contiguous();
            QCryptographicHash hash(QCryptographicHash::Md5);
            hash.addData(QByteArrayView(reinterpret_cast<const char *>(header.data()),
                                        qsizetype(header.size())));
            hash.addData(QByteArrayView(reinterpret_cast<const char *>(bytes.data_ptr<uint8_t>()),
                                        qsizetype(bytes.numel())));
            return hash.result().toHex();
        };
        QCOMPARE(md5(2051, s.train.images, true), QByteArray("6bbc9ace898e44ae57da46a324031adb"));
        QCOMPARE(md5(2049, s.train.labels, false), QByteArray("a25bea736e30d166cdddb491f175f624"));
        QCOMPARE(md5(2051, s.test.images, true), QByteArray("2646ac647ad5339dbf082846283269ea"));
        QCOMPARE(md5(2049, s.test.labels, false), QByteArray("27ae3e4e09519cfbb04c329615203637"));
    }
};

QTEST_GUILESS_MAIN(TestIdxReader)
#include "tst_idx_reader.moc"
