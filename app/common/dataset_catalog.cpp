// SPDX-License-Identifier: MIT
#include "app/common/dataset_catalog.h"

#include "core/data/gzip_io.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>

#include <stdexcept>

namespace ql::app {

namespace {

// MD5 of the uncompressed IDX files. MNIST: the published sums (also in shared/data/README.md).
// Fashion-MNIST: computed from Debian's dataset-fashion-mnist, the canonical release.
const QVector<RemoteFile> kMnistFiles = {
    {QStringLiteral("train-images-idx3-ubyte.gz"), "6bbc9ace898e44ae57da46a324031adb", true},
    {QStringLiteral("train-labels-idx1-ubyte.gz"), "a25bea736e30d166cdddb491f175f624", true},
    {QStringLiteral("t10k-images-idx3-ubyte.gz"), "2646ac647ad5339dbf082846283269ea", true},
    {QStringLiteral("t10k-labels-idx1-ubyte.gz"), "27ae3e4e09519cfbb04c329615203637", true},
};
const QVector<RemoteFile> kFashionFiles = {
    {QStringLiteral("train-images-idx3-ubyte.gz"), "f4a8712d7a061bf5bd6d2ca38dc4d50a", true},
    {QStringLiteral("train-labels-idx1-ubyte.gz"), "9018921c3c673c538a1fc5bad174d6f9", true},
    {QStringLiteral("t10k-images-idx3-ubyte.gz"), "8181f5470baa50b63fa0f6fddb340f0a", true},
    {QStringLiteral("t10k-labels-idx1-ubyte.gz"), "15d484375f8d13e6eb1aabb0c3f46965", true},
};
const QVector<RemoteFile> kCifarFiles = {
    {QStringLiteral("cifar-10-binary.tar.gz"), "c32a1d4ab5d03f1284b67883e8d87530", false},
};

} // namespace

QStringList downloadableDatasets()
{
    return {QStringLiteral("mnist"), QStringLiteral("fashion-mnist"), QStringLiteral("cifar10")};
}

DatasetSource datasetSource(const QString &name)
{
    if (name == QLatin1String("mnist"))
        return {name,
                {QStringLiteral("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                 QStringLiteral("https://storage.googleapis.com/cvdf-datasets/mnist/"),
                 QStringLiteral("http://yann.lecun.com/exdb/mnist/")},
                kMnistFiles,
                false};
    if (name == QLatin1String("fashion-mnist"))
        return {name,
                {QStringLiteral("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")},
                kFashionFiles,
                false};
    if (name == QLatin1String("cifar10"))
        return {name, {QStringLiteral("https://www.cs.toronto.edu/~kriz/")}, kCifarFiles, true};
    throw std::invalid_argument(
        QCoreApplication::translate("DatasetFetcher",
                                    "unknown data set '%1': use mnist, fashion-mnist or cifar10")
            .arg(name)
            .toStdString());
}

QString checksumProblem(const QString &path, const RemoteFile &file)
{
    QByteArray digest;
    try {
        const std::string local = QFile::encodeName(path).toStdString();
        const std::vector<uint8_t> bytes = file.md5OfUncompressed
                                               ? ql::core::readFileMaybeGzip(local)
                                               : ql::core::readWholeFile(local);
        digest =
            QCryptographicHash::hash(QByteArrayView(reinterpret_cast<const char *>(bytes.data()),
                                                    static_cast<qsizetype>(bytes.size())),
                                     QCryptographicHash::Md5)
                .toHex();
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
    if (digest == file.md5)
        return {};
    return QCoreApplication::translate("DatasetFetcher",
                                       "checksum mismatch for %1: MD5 %2, expected %3")
        .arg(file.name, QString::fromLatin1(digest), QString::fromLatin1(file.md5));
}

} // namespace ql::app
