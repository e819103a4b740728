// SPDX-License-Identifier: MIT
// Image-folder trees: class order, sizes, colour, broken files, dispatch, real CIFAR-10.
#include "core/data/normalization.h"
#include "core/data/tar_reader.h"
#include "core/imaging/dataset_loader.h"
#include "core/imaging/image_decode.h"
#include "core/imaging/image_folder.h"
#include "tests/support/test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ql::imaging;

namespace {

void writeBytes(const QString &path, const std::vector<uint8_t> &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size()));
}

/// A flat image of the given value (grey) or colour.
void writePng(const QString &path, int w, int h, int channels, uint8_t value)
{
    ImageBuffer img{w, h, channels, std::vector<uint8_t>(size_t(w * h * channels), value)};
    if (channels == 3)
        for (size_t i = 0; i < img.pixels.size(); i += 3)
            img.pixels[i] = 255; // red channel full
    writeBytes(path, encodePng(img));
}

QString errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestImageFolder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sortedClassesAndFiles()
    {
        QTemporaryDir dir;
        const QString r = dir.path();
        writePng(r + QStringLiteral("/zebra/b.png"), 4, 3, 1, 20);
        writePng(r + QStringLiteral("/zebra/a.png"), 4, 3, 1, 10);
        writePng(r + QStringLiteral("/ant/x.png"), 4, 3, 1, 30);
        writeBytes(r + QStringLiteral("/ant/notes.txt"), {'h', 'i'}); // ignored: not an image
        QDir().mkpath(r + QStringLiteral("/.hidden"));
        const auto d = loadImageFolder(r.toStdString(), "t");
        QCOMPARE(d.classNames, (std::vector<std::string>{"ant", "zebra"}));
        QCOMPARE(d.size(), 3);
        QCOMPARE(d.images.sizes().vec(), (std::vector<int64_t>{3, 1, 3, 4}));
        QCOMPARE(d.labels[0].item<int64_t>(), 0);
        QCOMPARE(d.labels[1].item<int64_t>(), 1);
        QCOMPARE(d.images[0][0][0][0].item<int>(), 30);
        QCOMPARE(d.images[1][0][2][3].item<int>(), 10); // zebra/a before zebra/b
        QCOMPARE(d.images[2][0][1][1].item<int>(), 20);
    }

    void colourAndResize()
    {
        QTemporaryDir dir;
        const QString r = dir.path();
        writePng(r + QStringLiteral("/a/1.png"), 8, 8, 1, 40);
        writePng(r + QStringLiteral("/b/2.png"), 8, 8, 3, 60);
        auto d = loadImageFolder(r.toStdString(), "t");
        QCOMPARE(d.channels(), 3);                      // one colour image makes the set colour
        QCOMPARE(d.images[0][2][5][5].item<int>(), 40); // grey repeated in every plane
        QCOMPARE(d.images[1][0][5][5].item<int>(), 255);
        QCOMPARE(d.images[1][1][5][5].item<int>(), 60);

        writePng(r + QStringLiteral("/b/3.png"), 10, 6, 3, 60);
        const QString error = errorOf([&] { loadImageFolder(r.toStdString(), "t"); });
        QVERIFY2(error.contains(QStringLiteral("3.png is 10x6, expected 8x8")), qPrintable(error));
        ImageFolderOptions resize;
        resize.width = 5;
        resize.height = 4;
        d = loadImageFolder(r.toStdString(), "t", resize);
        QCOMPARE(d.images.sizes().vec(), (std::vector<int64_t>{3, 3, 4, 5}));
        QCOMPARE(d.images[2][1][2][2].item<int>(), 60);
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("PDF named .png") << QByteArray("%PDF-1.5\n...") << "PDF document";
        QTest::newRow("garbage .png") << QByteArray("\x89PNG\r\n\x1a\nbroken", 14) << "corrupt";
    }
    void brokenFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        writePng(dir.filePath(QStringLiteral("a/ok.png")), 4, 4, 1, 1);
        const QString bad = dir.filePath(QStringLiteral("a/bad.png"));
        writeBytes(bad, std::vector<uint8_t>(bytes.begin(), bytes.end()));
        const QString error = errorOf([&] { loadImageFolder(dir.path().toStdString(), "t"); });
        QVERIFY2(error.contains(bad) && error.contains(expected), qPrintable(error));
    }

    void emptyOrMissing()
    {
        QTemporaryDir dir;
        QVERIFY(errorOf([&] {
                    loadImageFolder(dir.path().toStdString(), "t");
                }).contains(QStringLiteral("no class sub-folders")));
        QDir().mkpath(dir.filePath(QStringLiteral("a")));
        QVERIFY(errorOf([&] {
                    loadImageFolder(dir.path().toStdString(), "t");
                }).contains(QStringLiteral("no .png")));
        QVERIFY(errorOf([&] {
                    loadImageFolder(dir.filePath(QStringLiteral("x")).toStdString(), "t");
                }).contains(QStringLiteral("does not exist")));
    }

    void dispatch()
    {
        QTemporaryDir dir;
        const QString r = dir.path();
        for (const char *split : {"train", "test"}) {
            writePng(r + QStringLiteral("/%1/cat/1.png").arg(QLatin1String(split)), 6, 6, 1, 0);
            writePng(r + QStringLiteral("/%1/dog/1.png").arg(QLatin1String(split)), 6, 6, 1, 255);
        }
        auto s = loadDataSplits("folder:" + r.toStdString(), "");
        QCOMPARE(s.train.size(), 2);
        QCOMPARE(s.test.classNames, s.train.classNames);
        // pixels half 0, half 255: mean 0.5, std 0.5
        QVERIFY(std::abs(s.norm.mean[0] - 0.5f) < 1e-6f);
        QVERIFY(std::abs(s.norm.std[0] - 0.5f) < 1e-6f);
        s = loadDataSplits("folder", r.toStdString());
        QCOMPARE(s.test.size(), 2);

        writePng(r + QStringLiteral("/test/emu/1.png"), 6, 6, 1, 9);
        QVERIFY(errorOf([&] {
                    loadDataSplits("folder:" + r.toStdString(), "");
                }).contains(QStringLiteral("differ from those of the training split")));
        QVERIFY(errorOf([&] {
                    loadDataSplits("cifar10", r.toStdString());
                }).contains(QStringLiteral("is not CIFAR-10")) ||
                errorOf([&] {
                    loadDataSplits("cifar10", r.toStdString());
                }).contains(QStringLiteral("differ")));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 loadDataSplits("imagenet", r.toStdString()));
        QVERIFY(errorOf([&] {
                    loadDataSplits("mnist", r.toStdString());
                }).contains(QStringLiteral("missing train-images")));
    }

    void resizeMixedSizes()
    {
        // train/ and test/ of mixed sizes: refused without a resize (naming the file), loaded
        // at the chosen size with one. Constant images stay constant under area resizing; a
        // 4x4 image of four 2x2 blocks becomes those four values at 2x2.
        QTemporaryDir dir;
        const QString r = dir.path();
        writePng(r + QStringLiteral("/train/cat/a.png"), 4, 4, 1, 40);
        writePng(r + QStringLiteral("/train/cat/b.png"), 10, 6, 1, 60);
        writePng(r + QStringLiteral("/train/dog/a.png"), 2, 2, 1, 200);
        ImageBuffer blocks{4, 4, 1, std::vector<uint8_t>(16)};
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x)
                blocks.pixels[size_t(y * 4 + x)] = uint8_t((y / 2) * 100 + (x / 2) * 20 + 10);
        writeBytes(r + QStringLiteral("/train/dog/b.png"), encodePng(blocks));
        writePng(r + QStringLiteral("/test/cat/a.png"), 7, 3, 1, 80);
        writePng(r + QStringLiteral("/test/dog/a.png"), 2, 2, 1, 90);
        const std::string root = "folder:" + r.toStdString();
        QVERIFY(errorOf([&] { loadDataSplits(root, ""); }).contains(QStringLiteral("b.png")));
        const auto s = loadDataSplits(root, "", DataLoadOptions{2, 2});
        QCOMPARE(s.train.images.sizes().vec(), (std::vector<int64_t>{4, 1, 2, 2}));
        QCOMPARE(s.test.images.sizes().vec(), (std::vector<int64_t>{2, 1, 2, 2}));
        auto px = [](const ql::core::Dataset &d, int i) {
            const auto t = d.images[i].flatten();
            return std::vector<int>(t.data_ptr<uint8_t>(), t.data_ptr<uint8_t>() + t.numel());
        };
        QCOMPARE(px(s.train, 0), (std::vector<int>{40, 40, 40, 40}));     // cat/a 4x4 -> 2x2
        QCOMPARE(px(s.train, 1), (std::vector<int>{60, 60, 60, 60}));     // cat/b 10x6 -> 2x2
        QCOMPARE(px(s.train, 2), (std::vector<int>{200, 200, 200, 200})); // dog/a kept
        QCOMPARE(px(s.train, 3), (std::vector<int>{10, 30, 110, 130}));   // block means
        QCOMPARE(px(s.test, 0), (std::vector<int>{80, 80, 80, 80}));
        // A resize for a built-in data set is refused, not ignored.
        QVERIFY(errorOf([&] {
                    loadDataSplits("mnist", r.toStdString(), DataLoadOptions{28, 28});
                }).contains(QStringLiteral("image folder data sets")));
        // The summary reads the headers only: counts and the size range.
        const ImageFolderSummary sum = summarizeImageFolderSplits(r.toStdString());
        QVERIFY(sum.separateTest);
        QCOMPARE(sum.classes, (std::vector<std::string>{"cat", "dog"}));
        QCOMPARE(sum.trainImages, int64_t{4});
        QCOMPARE(sum.testImages, int64_t{2});
        QCOMPARE(sum.channels, 1);
        QCOMPARE(sum.minWidth, 2);
        QCOMPARE(sum.maxWidth, 10);
        QCOMPARE(sum.minHeight, 2);
        QCOMPARE(sum.maxHeight, 6);
        QVERIFY(!sum.sameSize());
    }

    void flatFolderHoldsOutEveryFifth()
    {
        // Class folders directly in the root: per class, sorted positions 4, 9, ... are the
        // test split (a: 7 images -> test a4; b: 10 images -> test b4, b9).
        QTemporaryDir dir;
        const QString r = dir.path();
        for (int i = 0; i < 7; ++i)
            writePng(r + QStringLiteral("/a/a%1.png").arg(i), 3, 3, 1, uint8_t(i));
        for (int i = 0; i < 10; ++i)
            writePng(r + QStringLiteral("/b/b%1.png").arg(i), 3, 3, 1, uint8_t(100 + i));
        const auto s = loadDataSplits("folder:" + r.toStdString(), "");
        QCOMPARE(s.train.size(), int64_t{14});
        QCOMPARE(s.test.size(), int64_t{3});
        QCOMPARE(s.test.classNames, (std::vector<std::string>{"a", "b"}));
        const auto first = s.test.images.reshape({3, -1}).select(1, 0).contiguous();
        QCOMPARE((std::vector<int>(first.data_ptr<uint8_t>(), first.data_ptr<uint8_t>() + 3)),
                 (std::vector<int>{4, 104, 109}));
        QCOMPARE(s.test.labels[0].item<int64_t>(), int64_t{0});
        QCOMPARE(s.test.labels[2].item<int64_t>(), int64_t{1});
        const ImageFolderSummary sum = summarizeImageFolderSplits(r.toStdString());
        QVERIFY(!sum.separateTest);
        QCOMPARE(sum.trainImages, int64_t{14});
        QCOMPARE(sum.testImages, int64_t{3});
        QCOMPARE(datasetClassNames("folder:" + r.toStdString(), ""),
                 (std::vector<std::string>{"a", "b"}));
        // Too few images to hold any out, an empty folder, a missing one: clear reasons.
        QTemporaryDir small;
        writePng(small.path() + QStringLiteral("/a/1.png"), 3, 3, 1, 0);
        writePng(small.path() + QStringLiteral("/b/1.png"), 3, 3, 1, 0);
        QVERIFY(errorOf([&] {
                    loadDataSplits("folder:" + small.path().toStdString(), "");
                }).contains(QStringLiteral("too few images")));
        QTemporaryDir empty;
        QVERIFY(errorOf([&] {
                    summarizeImageFolderSplits(empty.path().toStdString());
                }).contains(QStringLiteral("no class sub-folders")));
        QVERIFY(errorOf([&] {
                    summarizeImageFolderSplits(empty.path().toStdString() + "/nope");
                }).contains(QStringLiteral("does not exist")));
    }

    void realCifarTestSplit()
    {
        const QString archive = ql::test::sharedDataPath(QStringLiteral("cifar10-jpeg.tar.gz"));
        if (archive.isEmpty())
            QSKIP("QUANTLENS_SHARED_DATA/cifar10-jpeg.tar.gz not available");
        QTemporaryDir dir;
        QElapsedTimer clock;
        clock.start();
        const auto files =
            ql::core::extractTar(archive.toStdString(), dir.path().toStdString(), "test/");
        const qint64 extractMs = clock.restart();
        QCOMPARE(files.size(), size_t(10000));
        const auto d =
            loadImageFolder(dir.filePath(QStringLiteral("test")).toStdString(), "cifar10/test");
        qInfo("CIFAR-10 test split: extract %lld ms, load %lld ms", extractMs, clock.elapsed());
        QCOMPARE(d.size(), 10000);
        QCOMPARE(d.images.sizes().vec(), (std::vector<int64_t>{10000, 3, 32, 32}));
        QCOMPARE(d.classNames,
                 (std::vector<std::string>{"airplane", "automobile", "bird", "cat", "deer", "dog",
                                           "frog", "horse", "ship", "truck"}));
        QCOMPARE(torch::bincount(d.labels).eq(1000).all().item<bool>(), true);
        // Pixel statistics close to the canonical CIFAR-10 constants (JPEG re-encoding, test
        // split).
        const auto norm = ql::core::computeNormalization(d);
        const auto canonical = ql::core::cifar10Normalization();
        for (int c = 0; c < 3; ++c) {
            QVERIFY(std::abs(norm.mean[c] - canonical.mean[c]) < 0.01f);
            QVERIFY(std::abs(norm.std[c] - canonical.std[c]) < 0.01f);
        }
    }
};

QTEST_GUILESS_MAIN(TestImageFolder)
#include "tst_image_folder.moc"
