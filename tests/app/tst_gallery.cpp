// SPDX-License-Identifier: MIT
// The prediction gallery: marks (models disagree, a folder's label is wrong), filter and sort,
// the CSV export, and File > Open Images… / Open Image Folder… through the window with fake
// backends (the dialog's answer injected), predictions computed on the inference thread.
#include "app/gui/gallery_controls.h"
#include "app/gui/inference_worker.h"
#include "app/gui/main_window.h"
#include "app/gui/open_images.h"
#include "app/gui/saliency_panel.h"
#include "app/gui/thumbnail_loader.h"
#include "tests/app/fake_backends.h"
#include "widgets/saliency_gallery.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <mutex>

using namespace ql::app;
using ql::widgets::GalleryFilter;
using ql::widgets::GalleryItemPrediction;
using ql::widgets::GallerySort;
using ql::widgets::SaliencyGallery;

namespace {

GalleryItemPrediction item(const QString &a, const QString &b, const QString &known = {},
                           double pa = 0.9, double pb = 0.9)
{
    GalleryItemPrediction p;
    p.predicted[0] = a;
    p.predicted[1] = b;
    p.probability[0] = pa;
    p.probability[1] = pb;
    p.known = known;
    return p;
}

void writeImage(const QString &path)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImage image(28, 28, QImage::Format_Grayscale8);
    image.fill(0);
    QVERIFY(image.save(path));
}

QStringList csvLines(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestGallery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("QuantLensTest"));
    }
    void cleanup() { setImagePicker({}); }

    void marks()
    {
        using ql::widgets::galleryMarks;
        QVERIFY(!galleryMarks(item("7", "7")).any());
        QVERIFY(galleryMarks(item("7", "1")).disagree);
        QVERIFY(!galleryMarks(item("7", "1")).wrong());
        // Only one model: nothing to disagree with.
        QVERIFY(!galleryMarks(item("7", "")).disagree);
        auto m = galleryMarks(item("7", "1", "7"));
        QVERIFY(m.disagree && !m.wrongA && m.wrongB);
        m = galleryMarks(item("3", "3", "7"));
        QVERIFY(!m.disagree && m.wrongA && m.wrongB);
        m = galleryMarks(item("3", "", "7"));
        QVERIFY(m.wrongA && !m.wrongB);
        auto unreadable = item("3", "5", "7");
        unreadable.error = QStringLiteral("cannot decode");
        QVERIFY(!galleryMarks(unreadable).any());

        using ql::widgets::galleryFilterAccepts;
        ql::widgets::GalleryMarks none, disagree, wrong, both;
        disagree.disagree = true;
        wrong.wrongB = true;
        both.disagree = both.wrongA = true;
        QVERIFY(galleryFilterAccepts(GalleryFilter::All, none));
        QVERIFY(!galleryFilterAccepts(GalleryFilter::Disagreements, none));
        QVERIFY(galleryFilterAccepts(GalleryFilter::Disagreements, disagree));
        QVERIFY(!galleryFilterAccepts(GalleryFilter::Disagreements, wrong));
        QVERIFY(galleryFilterAccepts(GalleryFilter::WrongLabels, wrong));
        QVERIFY(!galleryFilterAccepts(GalleryFilter::WrongLabels, disagree));
        QVERIFY(galleryFilterAccepts(GalleryFilter::Marked, disagree));
        QVERIFY(galleryFilterAccepts(GalleryFilter::Marked, wrong));
        QVERIFY(!galleryFilterAccepts(GalleryFilter::Marked, none));
    }

    void filterAndSort()
    {
        SaliencyGallery gallery;
        const QStringList ids = {"/d/c.png", "/d/a.png", "/d/b.png", "/d/e.png"};
        for (const QString &id : ids)
            gallery.addImage(id, QImage(), QFileInfo(id).fileName());
        gallery.setPredictions({{"/d/c.png", item("7", "7", "", 0.95, 0.99)},
                                {"/d/a.png", item("7", "1", "", 0.6, 0.8)},
                                {"/d/b.png", item("3", "5", "3", 0.9, 0.4)},
                                {"/d/e.png", item("2", "2", "4", 0.99, 0.97)}});
        QVERIFY(gallery.marks("/d/a.png").disagree);
        QVERIFY(gallery.marks("/d/b.png").disagree && gallery.marks("/d/b.png").wrongB);
        QVERIFY(gallery.marks("/d/e.png").wrong());
        QCOMPARE(gallery.visibleIds(), ids);
        gallery.setFilter(GalleryFilter::Disagreements);
        QCOMPARE(gallery.visibleIds(), QStringList({"/d/a.png", "/d/b.png"}));
        gallery.setFilter(GalleryFilter::WrongLabels);
        QCOMPARE(gallery.visibleIds(), QStringList({"/d/b.png", "/d/e.png"}));
        gallery.setFilter(GalleryFilter::Marked);
        QCOMPARE(gallery.visibleIds(), QStringList({"/d/a.png", "/d/b.png", "/d/e.png"}));
        gallery.setFilter(GalleryFilter::All);
        gallery.setSort(GallerySort::Name);
        QCOMPARE(gallery.visibleIds(),
                 QStringList({"/d/a.png", "/d/b.png", "/d/c.png", "/d/e.png"}));
        // Disagreement and wrong label first, then one mark, then none (ties: order added).
        gallery.setSort(GallerySort::MarkedFirst);
        QCOMPARE(gallery.visibleIds(),
                 QStringList({"/d/b.png", "/d/a.png", "/d/e.png", "/d/c.png"}));
        // Lowest probability of either model first: b 0.4, a 0.6, c 0.95, e 0.97.
        gallery.setSort(GallerySort::LeastConfident);
        QCOMPARE(gallery.visibleIds(),
                 QStringList({"/d/b.png", "/d/a.png", "/d/c.png", "/d/e.png"}));
        gallery.setSort(GallerySort::Added);
        QCOMPARE(gallery.visibleIds(), ids);
        // The status line carries both classes and the marks.
        const auto *entry =
            gallery.findItems(QStringLiteral("b.png"), Qt::MatchStartsWith).value(0);
        QVERIFY(entry);
        QVERIFY2(entry->text().contains(QStringLiteral("A: 3")) &&
                     entry->text().contains(QStringLiteral("B: 5")) &&
                     entry->text().contains(QStringLiteral("≠")) &&
                     entry->text().contains(QStringLiteral("✗")),
                 qPrintable(entry->text()));
        // Selection survives sorting and emits nothing.
        gallery.selectId("/d/e.png");
        QSignalSpy selected(&gallery, &SaliencyGallery::imageSelected);
        gallery.setSort(GallerySort::Name);
        QCOMPARE(gallery.currentId(), QStringLiteral("/d/e.png"));
        QCOMPARE(selected.count(), 0);
    }

    void csvExport()
    {
        QTemporaryDir dir;
        GalleryPrediction p;
        p.file = QStringLiteral("/x/7/a,b.png");
        p.knownLabel = 7;
        p.knownName = QStringLiteral("7");
        p.top[0] = {{7, "7", 0.75}, {1, "1", 0.2}};
        p.top[1] = {{1, "1", 0.5}};
        GalleryPrediction bad;
        bad.file = QStringLiteral("/x/bad.png");
        bad.error = QStringLiteral("cannot decode");
        QHash<QString, GalleryPrediction> predictions{{p.file, p}, {bad.file, bad}};
        const QString names[2] = {"standard", "quantized"};
        const QString path = dir.filePath("g.csv");
        QCOMPARE(writeGalleryCsv(path, {p.file, bad.file, "/x/new.png"}, predictions, names),
                 QString());
        const QStringList lines = csvLines(path);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0],
                 QStringLiteral("file,label,standard top1,standard p1,standard top2,standard p2,"
                                "standard top3,standard p3,quantized top1,quantized p1,quantized "
                                "top2,quantized p2,quantized top3,quantized p3,disagree,"
                                "wrong_label,error"));
        QCOMPARE(lines[1], QStringLiteral("\"/x/7/a,b.png\",7,7,0.750000,1,0.200000,,,1,0.500000,"
                                          ",,,,1,1,"));
        QCOMPARE(lines[2].split(',').size(), 17);
        QVERIFY(lines[2].endsWith(",0,0,cannot decode"));
        QVERIFY(lines[3].endsWith(",not predicted"));
        QCOMPARE(lines[3].split(',').size(), 17);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
        // An unwritable path: a message, no file.
        QVERIFY(!writeGalleryCsv(dir.filePath("no/such/dir/g.csv"), {p.file}, predictions, names)
                     .isEmpty());
    }

    void predictionsComeInChunksAndYieldToMaps()
    {
        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 0;
        backend->predictMs = 150;
        InferenceWorker worker(backend, 1);
        worker.setModel(0, ql::test::fakeModelHandle());
        worker.setModel(1, ql::test::fakeModelHandle());
        QStringList files;
        for (int i = 0; i < 600; ++i)
            files << QStringLiteral("/x/77_%1.png").arg(i);
        QStringList events;
        QStringList predicted;
        connect(&worker, &InferenceWorker::predictionsReady, this,
                [&](const GalleryPredictionResult &r) {
                    events << QStringLiteral("chunk");
                    QVERIFY(r.items.size() <= InferenceWorker::kPredictionChunk);
                    for (const auto &item : r.items)
                        predicted << item.file;
                });
        connect(&worker, &InferenceWorker::saliencyReady, this,
                [&](const SaliencyResult &) { events << QStringLiteral("maps"); });
        const quint64 id = worker.requestPredictions(files);
        QVERIFY(id > 0);
        SaliencyRequest r;
        r.filePath = QStringLiteral("/x/7.png");
        worker.requestSaliency(r);
        QTRY_COMPARE_WITH_TIMEOUT(predicted.size(), 600, 10000);
        QCOMPARE(predicted, files); // every file once, in order
        // 600 files: chunks of 256, 256, 88; the maps did not wait for the last chunk.
        QCOMPARE(events.count(QStringLiteral("chunk")), 3);
        QVERIFY2(events.indexOf(QStringLiteral("maps")) >= 0 &&
                     events.indexOf(QStringLiteral("maps")) < 2,
                 qPrintable(events.join(',')));
        QCOMPARE(backend->predictCalls.load(), 3);
    }

    void openImagesWithFilesAndAFolder()
    {
        QTemporaryDir dir;
        // File names give the fake's predictions: "<A><B>…": 77 agree, 71 disagree; the
        // folder "7" is the known label.
        writeImage(dir.filePath("loose/77_one.png"));
        writeImage(dir.filePath("loose/71_two.png"));
        writeImage(dir.filePath("set/7/77_a.png"));
        writeImage(dir.filePath("set/7/33_b.png"));
        writeImage(dir.filePath("set/1/11_c.png"));
        QFile notes(dir.filePath("set/notes.txt"));
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.close();

        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 0;
        MainWindow w(std::make_shared<ql::test::FakeTrainingBackend>(), backend, 1);
        w.setProperty("quietErrors", true);
        auto *gallery = w.saliencyPanel()->gallery();
        // Both models present (handles only fakes see).
        w.inferenceWorker()->setModel(0, ql::test::fakeModelHandle());
        w.inferenceWorker()->setModel(1, ql::test::fakeModelHandle());

        bool askedForFolder = true;
        setImagePicker([&](QWidget *, bool folder) {
            askedForFolder = folder;
            return QStringList{dir.filePath("loose/77_one.png"), dir.filePath("loose/71_two.png")};
        });
        auto *openImages = w.findChild<QAction *>(QStringLiteral("openImagesAction"));
        auto *openFolder = w.findChild<QAction *>(QStringLiteral("openImageFolderAction"));
        QVERIFY(openImages && openFolder);
        QVERIFY(!openImages->text().isEmpty());
        openImages->trigger();
        QVERIFY(!askedForFolder);
        QCOMPARE(gallery->count(), 2);
        QTRY_VERIFY(!gallery->prediction(dir.filePath("loose/71_two.png")).predicted[1].isEmpty());
        QCOMPARE(gallery->prediction(dir.filePath("loose/71_two.png")).predicted[0],
                 QStringLiteral("7"));
        QVERIFY(gallery->marks(dir.filePath("loose/71_two.png")).disagree);
        QVERIFY(!gallery->marks(dir.filePath("loose/77_one.png")).any());

        // A folder: scanned off the UI thread like a dropped one; non-images skipped.
        setImagePicker([&](QWidget *, bool folder) {
            askedForFolder = folder;
            return QStringList{dir.filePath("set")};
        });
        openFolder->trigger();
        QVERIFY(askedForFolder);
        QTRY_COMPARE(gallery->count(), 5);
        QTRY_VERIFY(!gallery->prediction(dir.filePath("set/1/11_c.png")).predicted[0].isEmpty());
        QCOMPARE(gallery->prediction(dir.filePath("set/7/33_b.png")).known, QStringLiteral("7"));
        QVERIFY(gallery->marks(dir.filePath("set/7/33_b.png")).wrong());
        QVERIFY(!gallery->marks(dir.filePath("set/7/77_a.png")).any());
        QVERIFY(!gallery->marks(dir.filePath("set/1/11_c.png")).any());

        // The filter box: only the two marked images; the count says so.
        auto *controls = w.saliencyPanel()->galleryControls();
        controls->filterBox()->setCurrentIndex(int(GalleryFilter::Marked));
        QCOMPARE(gallery->visibleIds(),
                 QStringList({dir.filePath("loose/71_two.png"), dir.filePath("set/7/33_b.png")}));
        QVERIFY2(controls->countLabel()->text().startsWith(QStringLiteral("2 of 5")),
                 qPrintable(controls->countLabel()->text()));
        // Export of the shown items.
        QString error;
        QVERIFY(controls->exportCsv(dir.filePath("gallery.csv"), &error));
        const QStringList lines = csvLines(dir.filePath("gallery.csv"));
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[2].startsWith(dir.filePath("set/7/33_b.png") + QStringLiteral(",7,3,")));

        // Cancelled dialog: nothing changes.
        setImagePicker([](QWidget *, bool) { return QStringList(); });
        openImages->trigger();
        QCOMPARE(gallery->count(), 5);
    }

    void thumbnailsAreDecodedOffTheUiThread()
    {
        // The loader alone: every file decoded on its pool thread, in order, answered by a
        // queued signal; an unreadable file gives a null image; a big image is decoded small.
        QTemporaryDir dir;
        QStringList paths;
        for (int i = 0; i < 3; ++i) {
            paths << dir.filePath(QStringLiteral("d%1.png").arg(i));
            writeImage(paths.last());
        }
        const QString broken = dir.filePath(QStringLiteral("broken.png"));
        {
            QFile f(broken);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a png");
        }
        QThread *const ui = QThread::currentThread();
        std::mutex mutex;
        QVector<QThread *> decodedOn;
        ThumbnailLoader loader(nullptr, [&](const QString &path) {
            {
                std::lock_guard<std::mutex> lock(mutex);
                decodedOn << QThread::currentThread();
            }
            return ThumbnailLoader::decodeForThumbnail(path);
        });
        QSignalSpy ready(&loader, &ThumbnailLoader::thumbnailReady); // records on the emitter
        QObject receiver; // lives on this (the UI) thread
        QVector<QThread *> deliveredOn;
        connect(&loader, &ThumbnailLoader::thumbnailReady, &receiver,
                [&] { deliveredOn << QThread::currentThread(); });
        loader.request(paths + QStringList{broken});
        loader.waitForDone();
        QCOMPARE(ready.count(), 4);
        QVERIFY(deliveredOn.isEmpty()); // queued: nothing delivered before the event loop runs
        QTRY_COMPARE(deliveredOn.size(), 4);
        for (QThread *t : deliveredOn)
            QCOMPARE(t, ui);
        {
            std::lock_guard<std::mutex> lock(mutex);
            QCOMPARE(decodedOn.size(), 4);
            for (QThread *t : decodedOn)
                QVERIFY(t != ui);
        }
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(ready.at(i).at(0).toString(), paths[i]);
            const auto image = ready.at(i).at(1).value<QImage>();
            QCOMPARE(image.size(),
                     QSize(SaliencyGallery::kThumbnailSize, SaliencyGallery::kThumbnailSize));
        }
        QVERIFY(ready.at(3).at(1).value<QImage>().isNull());
        const QString big = dir.filePath(QStringLiteral("big.png"));
        QImage large(1200, 600, QImage::Format_RGB32);
        large.fill(Qt::red);
        QVERIFY(large.save(big));
        const QImage decoded = ThumbnailLoader::decodeForThumbnail(big);
        QCOMPARE(decoded.size(),
                 QSize(4 * SaliencyGallery::kThumbnailSize, 2 * SaliencyGallery::kThumbnailSize));

        // Through the panel: blank tiles at once (nothing decoded on the UI thread), the
        // images once the worker delivers them.
        SaliencyPanel panel;
        panel.addImages(paths);
        for (const QString &path : paths)
            QVERIFY(!panel.gallery()->hasThumbnail(path));
        QTRY_VERIFY(panel.gallery()->hasThumbnail(paths[0]) &&
                    panel.gallery()->hasThumbnail(paths[2]));
    }
};

QTEST_MAIN(TestGallery)
#include "tst_gallery.moc"
