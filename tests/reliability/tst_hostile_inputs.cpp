// SPDX-License-Identifier: MIT
// Hostile inputs (issue 12): small files that claim enormous sizes, numbers that would wrap,
// special files, forged metadata. Each must be refused with a message naming the file and the
// limit, before the claimed memory is allocated (checked with the peak RSS of this process).
#include "core/data/cifar_reader.h"
#include "core/data/gzip_io.h"
#include "core/data/idx_reader.h"
#include "core/data/tar_reader.h"
#include "core/imaging/dataset_loader.h"
#include "core/imaging/image_decode.h"
#include "core/imaging/image_folder.h"
#include "core/imaging/rgb_image.h"
#include "core/models/model_footprint.h"
#include "core/quant/packed_export.h"
#include "core/runtime.h"
#include "core/train/checkpoint.h"
#include "core/train/config_json.h"
#include "tests/reliability/hostile_files.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <c10/util/Exception.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <cstring>
#include <functional>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace ql;
using test::Bytes;

namespace {

void writeBytes(const QString &path, const Bytes &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(reinterpret_cast<const char *>(bytes.data()), static_cast<qint64>(bytes.size()));
}

QString errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("<no error>");
}

/// Peak resident set of this process in MiB (monotonic).
double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

/// Runs f, expects an error containing every `parts`, and a peak RSS growth below `maxMiB`.
void expectRefused(const std::function<void()> &f, const QStringList &parts, double maxMiB = 64)
{
    const double before = peakRssMiB();
    const QString error = errorOf(f);
    const double grown = peakRssMiB() - before;
    for (const QString &part : parts)
        QVERIFY2(error.contains(part),
                 qPrintable(error + QStringLiteral("  [missing: ") + part + QStringLiteral("]")));
    QVERIFY2(grown < maxMiB,
             qPrintable(QStringLiteral("peak RSS grew by %1 MiB: ").arg(grown) + error));
}

Bytes gzipOf(const Bytes &data)
{
    uLongf size = compressBound(static_cast<uLong>(data.size())) + 64;
    Bytes out(size);
    z_stream zs{};
    deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    zs.next_in = const_cast<Bytef *>(data.data());
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

/// `n` zero bytes, gzip-compressed in a streaming way (never holds n bytes).
Bytes gzipZeros(const Bytes &prefix, size_t n)
{
    Bytes out(size_t{1} << 20);
    z_stream zs{};
    deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    const Bytes zeros(size_t{1} << 20, 0);
    size_t done = 0;
    Bytes result;
    auto pump = [&](const uint8_t *data, size_t size, int flush) {
        zs.next_in = const_cast<Bytef *>(data);
        zs.avail_in = static_cast<uInt>(size);
        do {
            zs.next_out = out.data();
            zs.avail_out = static_cast<uInt>(out.size());
            deflate(&zs, flush);
            result.insert(result.end(), out.data(), out.data() + (out.size() - zs.avail_out));
        } while (zs.avail_out == 0);
    };
    pump(prefix.data(), prefix.size(), Z_NO_FLUSH);
    while (done < n) {
        const size_t chunk = std::min(zeros.size(), n - done);
        pump(zeros.data(), chunk, Z_NO_FLUSH);
        done += chunk;
    }
    pump(nullptr, 0, Z_FINISH);
    deflateEnd(&zs);
    return result;
}

/// Rewrites a checkpoint's JSON metadata (and its CRC) with `edit`.
void forgeCheckpoint(const std::string &path, const std::function<void(nlohmann::json &)> &edit)
{
    QFile f(QString::fromStdString(path));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    f.close();
    uint64_t jsonSize = 0, archiveSize = 0;
    std::memcpy(&jsonSize, bytes.constData() + 8, 8);
    std::memcpy(&archiveSize, bytes.constData() + 16, 8);
    nlohmann::json meta =
        nlohmann::json::parse(bytes.constData() + 28, bytes.constData() + 28 + jsonSize);
    edit(meta);
    const std::string json = meta.dump();
    const std::string body =
        json + std::string(bytes.constData() + 28 + jsonSize, static_cast<size_t>(archiveSize));
    const uint64_t newJsonSize = json.size();
    const uint32_t crc = static_cast<uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef *>(body.data()), static_cast<uInt>(body.size())));
    std::string out(28, '\0');
    std::memcpy(out.data(), bytes.constData(), 8);
    std::memcpy(out.data() + 8, &newJsonSize, 8);
    std::memcpy(out.data() + 16, &archiveSize, 8);
    std::memcpy(out.data() + 24, &crc, 4);
    out += body;
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(out.data(), static_cast<qint64>(out.size()));
}

std::string saveLenet(const QString &dir)
{
    core::CheckpointInfo info;
    info.config.model.arch = "lenet5";
    const auto model = core::makeClassifier(info.config.model);
    const std::string path = QDir(dir).filePath(QStringLiteral("m.ckpt")).toStdString();
    core::saveCheckpoint(path, info, *model);
    return path;
}

QString makeFifo(const QTemporaryDir &dir, const char *name)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    if (::mkfifo(QFile::encodeName(path).constData(), 0600) != 0)
        return {};
    return path;
}

} // namespace

class TestHostileInputs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // --- IDX and gzip -------------------------------------------------------------------
    void idxGzipOfZerosStopsAtTheHeader()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("train-images-idx3-ubyte.gz"));
        writeBytes(path, gzipZeros({}, size_t{512} << 20)); // 512 MiB of zeros, ~0.5 MiB file
        expectRefused([&] { core::readIdxImages(path.toStdString()); },
                      {path, QStringLiteral("magic number 0x00000000")});
    }
    void idxClaimsChecked_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<Bytes>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("raw: 60000 x 4096 x 4096 in 16 bytes")
            << false << test::idxImagesHeader(60000, 4096, 4096) << "limit of 1.0 GiB";
        QTest::newRow("raw: 600 MB promised, 100 bytes there")
            << false << test::idxImagesHeader(600, 1000, 1000, 100) << "is truncated";
        QTest::newRow("gz: 2 GiB promised")
            << true << test::idxImagesHeader(2048, 1024, 1024, 10) << "limit of 1.0 GiB";
        QTest::newRow("gz: 900 MB promised in a tiny file")
            << true << test::idxImagesHeader(900, 1000, 1000, 10) << "cannot hold that much";
        QTest::newRow("gz: 10 MB promised, 10 bytes there")
            << true << test::idxImagesHeader(10, 1000, 1000, 10) << "is truncated";
    }
    void idxClaimsChecked()
    {
        QFETCH(bool, gzip);
        QFETCH(Bytes, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("images"));
        writeBytes(path, gzip ? gzipOf(bytes) : bytes);
        expectRefused([&] { core::readIdxImages(path.toStdString()); }, {path, expected});
    }
    void idxTrailingGzipData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("images.gz"));
        Bytes bytes = test::idxImagesHeader(2, 3, 3, 18 + 5);
        writeBytes(path, gzipOf(bytes));
        expectRefused([&] { core::readIdxImages(path.toStdString()); },
                      {path, QStringLiteral("5 unexpected bytes after 2 images")});
        // Exactly right: accepted, values intact.
        bytes.resize(16 + 18);
        writeBytes(path, gzipOf(bytes));
        const torch::Tensor images = core::readIdxImages(path.toStdString());
        QCOMPARE(images.sizes().vec(), (std::vector<int64_t>{2, 1, 3, 3}));
        QCOMPARE(images[1][0][2][2].item<int>(), int(uint8_t(17 * 7)));
    }
    // --- special files -------------------------------------------------------------------
    void specialFilesAreRefused()
    {
        QTemporaryDir dir;
        const QString fifo = makeFifo(dir, "pipe");
        if (fifo.isEmpty())
            QSKIP("mkfifo is not available here");
        const QString folder = dir.filePath(QStringLiteral("folder"));
        QDir().mkpath(folder);
        // Each would block forever on a FIFO or report bad_alloc for a directory before.
        for (const QString &path : {fifo, folder}) {
            const QString what =
                path == fifo ? QStringLiteral("named pipe") : QStringLiteral("directory");
            const std::string p = path.toStdString();
            expectRefused([&] { core::readIdxImages(p); }, {path, what});
            expectRefused([&] { core::readCifar10Batch(p); }, {path, what});
            expectRefused([&] { imaging::decodeImageFile(p); }, {path, what});
            expectRefused([&] { core::readCheckpointInfo(p); }, {path, what});
            expectRefused([&] { core::loadModelFromCheckpoint(p, c10::Device("cpu")); },
                          {path, what});
            expectRefused([&] { core::loadTrainingConfig(p); }, {path, what});
            expectRefused([&] { core::loadPackedModel(p, c10::Device("cpu")); }, {path, what});
            expectRefused([&] { core::extractTar(p, dir.filePath("x").toStdString()); },
                          {path, what});
        }
    }

    // --- images ---------------------------------------------------------------------------
    void imageHeadersAreCheckedFirst_data()
    {
        QTest::addColumn<Bytes>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("PNG 20000x20000") << test::forgedPng(20000, 20000) << "20000x20000 pixels";
        QTest::newRow("PNG 2^31-1 wide") << test::forgedPng(0x7FFFFFFF, 1) << "limit of 64 Mpx";
        QTest::newRow("PNG 0 wide") << test::forgedPng(0, 10) << "corrupt PNG";
        QTest::newRow("JPEG 65535x65535") << test::forgedJpeg(65535, 65535) << "limit of 64 Mpx";
        QTest::newRow("BMP 30000x-30000") << test::forgedBmp(30000, -30000) << "limit of 64 Mpx";
        QTest::newRow("BMP negative width") << test::forgedBmp(-5, 5) << "corrupt BMP";
    }
    void imageHeadersAreCheckedFirst()
    {
        QFETCH(Bytes, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.png"));
        writeBytes(path, bytes);
        expectRefused([&] { imaging::decodeImage(bytes, path.toStdString()); }, {path, expected});
        expectRefused([&] { imaging::decodeImageFile(path.toStdString()); }, {path, expected});
        expectRefused([&] { imaging::probeImageFile(path.toStdString()); }, {path, expected});
        expectRefused([&] { imaging::readRgbImage(path.toStdString()); }, {path, expected});
    }
    void probeMatchesDecoder()
    {
        for (const int channels : {1, 3}) {
            imaging::ImageBuffer img{7, 5, channels,
                                     std::vector<uint8_t>(size_t(7 * 5 * channels), 90)};
            const Bytes png = imaging::encodePng(img);
            const imaging::ImageHeader h = imaging::probeImageHeader(png, "x.png");
            QCOMPARE(h.width, 7);
            QCOMPARE(h.height, 5);
            QCOMPARE(h.channels, channels);
            const imaging::ImageBuffer back = imaging::decodeImage(png, "x.png");
            QCOMPARE(back.width, h.width);
            QCOMPARE(back.channels, h.channels);
        }
        // A JPEG whose frame header comes after a large metadata segment.
        Bytes jpeg = {0xFF, 0xD8};
        for (int s = 0; s < 3; ++s) {
            jpeg.insert(jpeg.end(), {0xFF, 0xE1, 0xFF, 0xFF});
            jpeg.insert(jpeg.end(), 0xFFFD, uint8_t(0x20));
        }
        const Bytes frame = test::forgedJpeg(640, 480);
        jpeg.insert(jpeg.end(), frame.begin() + 2, frame.end());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("exif.jpg"));
        writeBytes(path, jpeg);
        const imaging::ImageHeader h = imaging::probeImageFile(path.toStdString());
        QCOMPARE(h.width, 640);
        QCOMPARE(h.height, 480);
    }

    // --- image folders --------------------------------------------------------------------
    void folderHugeImageRefusedBeforeDecoding()
    {
        QTemporaryDir dir;
        const imaging::ImageBuffer small{8, 8, 1, std::vector<uint8_t>(64, 7)};
        for (const char *name : {"a/1.png", "a/2.png", "b/1.png"})
            writeBytes(dir.filePath(QString::fromLatin1(name)), imaging::encodePng(small));
        const QString big = dir.filePath(QStringLiteral("b/2.png"));
        writeBytes(big, test::forgedPng(20000, 20000));
        expectRefused([&] { imaging::loadImageFolder(dir.path().toStdString(), "t"); },
                      {big, QStringLiteral("limit of 64 Mpx")});
        // Under the pixel limit but of another size: named from its header, nothing decoded.
        writeBytes(big, test::forgedPng(8000, 8000));
        expectRefused([&] { imaging::loadImageFolder(dir.path().toStdString(), "t"); },
                      {big, QStringLiteral("is 8000x8000, expected 8x8")});
    }
    void folderAcceptedNonsense()
    {
        QTemporaryDir dir;
        const imaging::ImageBuffer grey{8, 8, 1, std::vector<uint8_t>(64, 7)};
        const imaging::ImageBuffer rgb{8, 8, 3, std::vector<uint8_t>(192, 7)};
        const QString root = dir.path();
        writeBytes(root + QStringLiteral("/train/cat/1.png"), imaging::encodePng(grey));
        writeBytes(root + QStringLiteral("/test/cat/1.png"), imaging::encodePng(grey));
        // One class: named with the folder, not a config-level "numClasses >= 2".
        expectRefused(
            [&] { imaging::loadDataSplits("folder:" + root.toStdString(), ""); },
            {root + QStringLiteral("/train"), QStringLiteral("only one class folder ('cat')")});
        // An empty class folder in the training split is not a class.
        QDir().mkpath(root + QStringLiteral("/train/dog"));
        QDir().mkpath(root + QStringLiteral("/test/dog"));
        expectRefused([&] { imaging::loadDataSplits("folder:" + root.toStdString(), ""); },
                      {root + QStringLiteral("/train/dog"), QStringLiteral("contains no")});
        // Grey training images, colour test images: both channel counts in the message.
        writeBytes(root + QStringLiteral("/train/dog/1.png"), imaging::encodePng(grey));
        writeBytes(root + QStringLiteral("/test/dog/1.png"), imaging::encodePng(rgb));
        expectRefused(
            [&] { imaging::loadDataSplits("folder:" + root.toStdString(), ""); },
            {QStringLiteral("8x8 with 3 channels"), QStringLiteral("8x8 with 1 channel")});
        // Consistent: loads (an empty test class folder is allowed).
        writeBytes(root + QStringLiteral("/test/dog/1.png"), imaging::encodePng(grey));
        QDir().mkpath(root + QStringLiteral("/test/dog/sub"));
        const core::DataSplits ok = imaging::loadDataSplits("folder:" + root.toStdString(), "");
        QCOMPARE(ok.train.numClasses(), 2);
    }
    void emptyTestSplitRefused()
    {
        QTemporaryDir dir;
        auto labels = [](uint32_t n) {
            Bytes out;
            test::putBigEndian(out, 2049);
            test::putBigEndian(out, n);
            for (uint32_t i = 0; i < n; ++i)
                out.push_back(uint8_t(i % 10));
            return out;
        };
        writeBytes(dir.filePath(QStringLiteral("train-images-idx3-ubyte")),
                   test::idxImagesHeader(4, 28, 28, 4 * 784));
        writeBytes(dir.filePath(QStringLiteral("train-labels-idx1-ubyte")), labels(4));
        writeBytes(dir.filePath(QStringLiteral("t10k-images-idx3-ubyte")),
                   test::idxImagesHeader(0, 28, 28));
        writeBytes(dir.filePath(QStringLiteral("t10k-labels-idx1-ubyte")), labels(0));
        expectRefused([&] { imaging::loadDataSplits("mnist", dir.path().toStdString()); },
                      {QStringLiteral("test split"), QStringLiteral("holds no images")});
    }

    // --- checkpoints and packed models ----------------------------------------------------
    void forgedCheckpointMetadata_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("10^5 classes") << "config.model.numClasses"
                                      << "100000"
                                      << "file holds only";
        QTest::newRow("10^7 classes") << "config.model.numClasses"
                                      << "10000000"
                                      << "between 2 and 100000";
        QTest::newRow("600-pixel images") << "config.model.imageSize"
                                          << "600"
                                          << "file holds only";
        QTest::newRow("negative step") << "stepInEpoch"
                                       << "-5"
                                       << "stepInEpoch -5 is outside";
        QTest::newRow("epochs wrap") << "epochsCompleted"
                                     << "4294967297"
                                     << "is outside";
        QTest::newRow("NaN accuracy") << "bestTestAccuracy"
                                      << "\"nan\""
                                      << "not a number";
    }
    void forgedCheckpointMetadata()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const std::string path = saveLenet(dir.path());
        forgeCheckpoint(path, [&](nlohmann::json &meta) {
            nlohmann::json *at = &meta;
            for (const QString &part : key.split(QLatin1Char('.')))
                at = &(*at)[part.toStdString()];
            *at = nlohmann::json::parse(value.toStdString());
        });
        expectRefused([&] { core::loadModelFromCheckpoint(path, c10::Device("cpu")); },
                      {QString::fromStdString(path), expected});
    }
    void forgedPackedModel()
    {
        QTemporaryDir dir;
        core::ModelSpec spec;
        spec.arch = "lenet5";
        const auto model = core::makeClassifier(spec);
        const std::string path = dir.filePath(QStringLiteral("m.qlpack")).toStdString();
        core::exportPackedModel(*model, path);
        QVERIFY(core::loadPackedModel(path, c10::Device("cpu")) != nullptr);
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        f.close();
        uint64_t length = 0;
        std::memcpy(&length, bytes.constData() + 8, 8);
        nlohmann::json header =
            nlohmann::json::parse(bytes.constData() + 16, bytes.constData() + 16 + length);
        auto rewrite = [&](const nlohmann::json &h) {
            const std::string text = h.dump();
            const uint64_t n = text.size();
            QByteArray out = bytes.left(8);
            out.append(reinterpret_cast<const char *>(&n), 8);
            out.append(text.data(), static_cast<qsizetype>(text.size()));
            out.append(bytes.mid(static_cast<qsizetype>(16 + length)));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(out);
            f.close();
        };
        nlohmann::json big = header;
        big["spec"]["imageSize"] = 1024; // lenet5's fc1 would take 124 M floats (495 MB)
        rewrite(big);
        // Refused before the model is built (a file with an integrity check may already
        // refuse the edited header; either way nothing is allocated).
        expectRefused([&] { core::loadPackedModel(path, c10::Device("cpu")); },
                      {QString::fromStdString(path), QStringLiteral("not a valid")});
        nlohmann::json far = header;
        far["tensors"][0]["offset"] = std::numeric_limits<uint64_t>::max() - 3;
        rewrite(far);
        expectRefused([&] { core::loadPackedModel(path, c10::Device("cpu")); },
                      {QString::fromStdString(path), QStringLiteral("not a valid")});
    }
    void staleTemporariesRemoved()
    {
        QTemporaryDir dir;
        QProcess done;
        done.start(QStringLiteral("true"));
        QVERIFY(done.waitForFinished());
        const qint64 deadPid = done.processId() > 0 ? done.processId() : 999999999;
        const QString own = QString::number(::getpid());
        const QStringList stale = {QStringLiteral("last.ckpt.tmp-Ab12Cd"),
                                   QStringLiteral("best.ckpt.tmp-%1-xY34zW").arg(999999)};
        const QStringList kept = {QStringLiteral("last.ckpt.tmp-%1-Ab12Cd").arg(own),
                                  QStringLiteral("notes.tmp-x"), QStringLiteral("last.ckpt")};
        for (const QString &name : stale + kept)
            writeBytes(dir.filePath(name), Bytes(16, 1));
        Q_UNUSED(deadPid);
        QCOMPARE(core::removeStaleTemporaries(dir.path().toStdString()), 2);
        for (const QString &name : stale)
            QVERIFY2(!QFile::exists(dir.filePath(name)), qPrintable(name));
        for (const QString &name : kept)
            QVERIFY2(QFile::exists(dir.filePath(name)), qPrintable(name));
        QCOMPARE(core::removeStaleTemporaries(dir.filePath("missing").toStdString()), 0);
    }

    // --- numbers in config JSON --------------------------------------------------------------
    void configNumbersNeverWrap_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("epochs 2^32+1") << R"({"epochs": 4294967297})"
                                       << "epochs 4294967297 is outside [-2147483648, 2147483647]";
        QTest::newRow("batch 2^32+128") << R"({"batchSize": 4294967424})"
                                        << "batchSize";
        QTest::newRow("seed -1") << R"({"seed": -1})"
                                 << "seed -1 is outside [0, 18446744073709551615]";
        QTest::newRow("bits wrap") << R"({"model": {"quant": {"weightBits": 4294967300}}})"
                                   << "weightBits";
        QTest::newRow("milestone wrap") << R"({"schedule": {"milestones": [4294967297]}})"
                                        << "milestones holds 4294967297";
        QTest::newRow("threads 1000") << R"({"threads": 1000})"
                                      << "between 0 and 256";
        QTest::newRow("lr 1e300") << R"({"optimizer": {"learningRate": 1e300}})"
                                  << "(0, 100]";
        QTest::newRow("imageSize 10^6") << R"({"model": {"imageSize": 1000000}})"
                                        << "model.imageSize must be between 1 and 1024";
        QTest::newRow("trainLimit -1") << R"({"trainLimit": -1})"
                                       << "trainLimit";
    }
    void configNumbersNeverWrap()
    {
        QFETCH(QString, json);
        QFETCH(QString, expected);
        expectRefused([&] { core::trainingConfigFromJsonString(json.toStdString()); }, {expected});
    }

    // --- LibTorch errors at the boundary ----------------------------------------------------
    void torchErrorsAreShortened()
    {
        std::string shortMessage, verbose;
        try {
            torch::ones({2, 3}).matmul(torch::ones({4, 5}));
            QFAIL("no LibTorch error");
        } catch (const c10::Error &e) {
            shortMessage = core::describeException(e);
            core::setVerboseErrors(true);
            verbose = core::describeException(e);
            core::setVerboseErrors(false);
        }
        QVERIFY2(QString::fromStdString(shortMessage).contains(QStringLiteral("--verbose")),
                 shortMessage.c_str());
        QVERIFY2(shortMessage.find('\n') == std::string::npos, shortMessage.c_str());
        QVERIFY(verbose.size() > shortMessage.size() / 2);
    }

    // --- tar -------------------------------------------------------------------------------
    void tarSecurity()
    {
        QTemporaryDir src, dst, outside;
        QDir().mkpath(src.filePath(QStringLiteral("data")));
        writeBytes(src.filePath(QStringLiteral("data/a.bin")), Bytes(100, 5));
        const QString archive = src.filePath(QStringLiteral("a.tar.gz"));
        QCOMPARE(QProcess::execute(QStringLiteral("tar"),
                                   {QStringLiteral("czf"), archive, QStringLiteral("-C"),
                                    src.path(), QStringLiteral("data")}),
                 0);
        // A symlink already in the destination must not be written through.
        QVERIFY(QFile::link(outside.path(), dst.filePath(QStringLiteral("data"))));
        // libarchive either refuses or replaces the link by a real folder (ARCHIVE_EXTRACT_UNLINK);
        // either way nothing lands outside.
        const QString error =
            errorOf([&] { core::extractTar(archive.toStdString(), dst.path().toStdString()); });
        QVERIFY2(!QFile::exists(outside.filePath(QStringLiteral("a.bin"))), qPrintable(error));
        QVERIFY2(QDir(outside.path()).isEmpty(), qPrintable(error));
        // Traversal in an entry name.
        const QString evil = src.filePath(QStringLiteral("evil.tar"));
        QCOMPARE(QProcess::execute(QStringLiteral("tar"),
                                   {QStringLiteral("cf"), evil, QStringLiteral("-P"),
                                    QStringLiteral("--transform=s,^data,../escape,"),
                                    QStringLiteral("-C"), src.path(), QStringLiteral("data")}),
                 0);
        QTemporaryDir clean;
        expectRefused([&] { core::extractTar(evil.toStdString(), clean.path().toStdString()); },
                      {evil, QStringLiteral("unsafe entry path")});
        // Size limit.
        expectRefused(
            [&] { core::extractTar(archive.toStdString(), clean.path().toStdString(), {}, 50); },
            {archive, QStringLiteral("limit of 50 bytes")});
    }
    void tarHugeLongNameIsBounded()
    {
        // A GNU long-name entry whose header claims 1 GB of name: refused, not allocated.
        Bytes header(512, 0);
        const std::string name = "././@LongLink";
        std::memcpy(header.data(), name.data(), name.size());
        std::memcpy(header.data() + 100, "0000644", 7);
        std::memcpy(header.data() + 108, "0000000", 7);
        std::memcpy(header.data() + 116, "0000000", 7);
        std::memcpy(header.data() + 124, "07346545000", 11); // 1e9 bytes
        std::memcpy(header.data() + 136, "00000000000", 11);
        header[156] = 'L';
        std::memcpy(header.data() + 257, "ustar  ", 8);
        std::memset(header.data() + 148, ' ', 8);
        unsigned sum = 0;
        for (uint8_t b : header)
            sum += b;
        std::snprintf(reinterpret_cast<char *>(header.data() + 148), 8, "%06o", sum);
        header[155] = ' ';
        header.resize(1024, 'x');
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("longname.tar"));
        writeBytes(path, header);
        expectRefused(
            [&] { core::extractTar(path.toStdString(), dir.filePath("o").toStdString()); }, {path});
    }

    void footprintMatchesModels()
    {
        for (const char *arch : {"mnist-cnn", "lenet5", "resnet20", "vgg-small"})
            for (const auto &[channels, size, classes] :
                 std::vector<std::tuple<int64_t, int64_t, int64_t>>{{1, 28, 10}, {3, 32, 7}}) {
                core::ModelSpec spec;
                spec.arch = arch;
                spec.inChannels = channels;
                spec.imageSize = size;
                spec.numClasses = classes;
                const auto model = core::makeClassifier(spec);
                int64_t elements = 0;
                for (const auto &p : model->parameters())
                    elements += p.numel();
                for (const auto &b : model->buffers())
                    elements += b.numel();
                QCOMPARE(core::modelTensorElements(spec), elements);
            }
        core::ModelSpec absurd;
        absurd.arch = "vgg-small";
        absurd.imageSize = int64_t{1} << 40;
        absurd.numClasses = int64_t{1} << 40;
        QCOMPARE(core::modelTensorElements(absurd), std::numeric_limits<int64_t>::max());
    }
    // --- last: these legitimately raise the peak RSS, which would mask the checks above ----
    void gunzipIsBounded()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bomb.gz"));
        writeBytes(path, gzipZeros({}, size_t{64} << 20));
        expectRefused([&] { core::readFileMaybeGzip(path.toStdString(), size_t{1} << 20); },
                      {path, QStringLiteral("decompresses to more than the limit of 1.0 MiB")});
        const Bytes compressed = core::readWholeFile(path.toStdString());
        expectRefused([&] { core::gunzipBytes(compressed, "bomb", size_t{1} << 20); },
                      {QStringLiteral("bomb decompresses to more than the limit of 1.0 MiB")});
        QCOMPARE(core::readFileMaybeGzip(path.toStdString(), size_t{64} << 20).size(),
                 size_t{64} << 20);
    }
    void cifarGzipIsBounded()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("data_batch_1.bin"));
        // 110,000 zero records (label 0, black): more than the per-file limit.
        writeBytes(path, gzipZeros({}, size_t{110000} * 3073));
        expectRefused([&] { core::readCifar10Batch(path.toStdString()); },
                      {path, QStringLiteral("limit of 100000 records")}, 800);
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "tst_hostile_inputs.moc"
