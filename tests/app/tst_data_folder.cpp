// SPDX-License-Identifier: MIT
// The data panel's folder:<path> data sets (issue 10): the user's own labelled image folder is
// scanned off the UI thread (classes, counts, sizes shown), a folder of mixed sizes is refused
// until a resize is chosen, an empty folder gets a clear error, and the configuration the
// panel produces trains a few steps through the controller on the real engine.
#include "app/gui/data_model_panel.h"
#include "app/gui/engine.h"
#include "app/gui/training_backend.h"
#include "app/gui/training_controller.h"

#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace ql::app;

namespace {

/// A grey PNG of w x h: "light" images bright on the left half, "dark" images dark all over.
void writeImage(const QString &path, int w, int h, bool light, int seed)
{
    QDir().mkpath(QFileInfo(path).path());
    QImage image(w, h, QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int noise = (x * 7 + y * 13 + seed * 31) % 40;
            const int v = (light && x < w / 2) ? 200 + noise : noise;
            image.scanLine(y)[x] = static_cast<uchar>(v);
        }
    QVERIFY(image.save(path, "PNG"));
}

/// Two classes of 10 images each in three sizes, class folders directly in the root.
void writeMixedFolder(const QString &root)
{
    const QSize sizes[] = {{20, 20}, {30, 24}, {16, 18}};
    for (int i = 0; i < 10; ++i) {
        const QSize s = sizes[i % 3];
        writeImage(root + QStringLiteral("/dark/%1.png").arg(i), s.width(), s.height(), false, i);
        writeImage(root + QStringLiteral("/light/%1.png").arg(i), s.width(), s.height(), true, i);
    }
}

} // namespace

class TestDataFolder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scanShowsClassesAndNeedsResize()
    {
        QTemporaryDir data;
        writeMixedFolder(data.path());
        DataModelPanel panel;
        QSignalSpy scanned(&panel, &DataModelPanel::folderScanned);
        QVERIFY(panel.setDataset(QStringLiteral("folder")));
        panel.setDataDir(data.path());
        // The scan is queued (and runs on a pool thread): the panel says so meanwhile and a
        // job is refused until it is done.
        QVERIFY(panel.folderScanPending());
        QVERIFY(panel.folderSummary().contains(QStringLiteral("Scanning")));
        QVERIFY(panel.validationError().contains(QStringLiteral("still being scanned")));
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 20000);
        QVERIFY2(scanned.at(0).at(1).toString().isEmpty(),
                 qPrintable(scanned.at(0).at(1).toString()));
        QVERIFY(!panel.folderScanPending());
        const QString summary = panel.folderSummary();
        QVERIFY2(summary.contains(QStringLiteral("2 classes (dark, light)")), qPrintable(summary));
        // 10 per class, every 5th held out: 8 + 2 per class.
        QVERIFY2(summary.contains(QStringLiteral("16 training and 4 test images")),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("16x18 to 30x24")), qPrintable(summary));
        QVERIFY(panel.validationError().contains(QStringLiteral("different sizes")));
        panel.setImageResize(16);
        QVERIFY2(panel.validationError().isEmpty(), qPrintable(panel.validationError()));
        QVERIFY(panel.folderSummary().contains(QStringLiteral("Resized to 16x16")));
        const ql::core::TrainingConfig c = panel.baseConfig();
        QCOMPARE(QString::fromStdString(c.dataset),
                 QStringLiteral("folder:") + QDir::cleanPath(data.path()));
        QCOMPARE(c.resizeWidth, 16);
        QCOMPARE(c.resizeHeight, 16);
        QCOMPARE(c.model.inChannels, 1);
        QCOMPARE(c.model.imageSize, 16);
        QCOMPARE(c.model.numClasses, 2);
        // A session's config brings the folder and the resize back.
        DataModelPanel reopened;
        reopened.setFromConfigs(c, c);
        QCOMPARE(reopened.dataset(), QStringLiteral("folder"));
        QCOMPARE(reopened.dataDir(), QDir::cleanPath(data.path()));
        QCOMPARE(reopened.imageResize(), 16);
        // The resize row is shown for image folders only.
        panel.setDataset(QStringLiteral("mnist"));
        QCOMPARE(panel.baseConfig().resizeWidth, 0);
        QVERIFY(panel.folderSummary().isEmpty());
    }

    void emptyOrInvalidFolderIsExplained()
    {
        QTemporaryDir data;
        DataModelPanel panel;
        QSignalSpy scanned(&panel, &DataModelPanel::folderScanned);
        panel.setDataset(QStringLiteral("folder"));
        panel.setDataDir(data.path());
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 20000);
        QVERIFY(scanned.at(0).at(1).toString().contains(QStringLiteral("no class sub-folders")));
        QVERIFY(panel.folderSummary().contains(QStringLiteral("cannot be used")));
        QVERIFY(panel.validationError().contains(QStringLiteral("cannot be used")));
        // One class only: a classifier needs two.
        writeImage(data.path() + QStringLiteral("/cat/1.png"), 8, 8, false, 1);
        panel.setDataDir(data.path() + QStringLiteral("/"));
        panel.setDataDir(data.path());
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 2, 20000);
        QVERIFY2(scanned.at(1).at(1).toString().contains(QStringLiteral("only one class")),
                 qPrintable(scanned.at(1).at(1).toString()));
    }

    void mixedSizeFolderTrainsAFewSteps()
    {
        QTemporaryDir data;
        QTemporaryDir work;
        writeMixedFolder(data.path());
        DataModelPanel panel;
        QSignalSpy scanned(&panel, &DataModelPanel::folderScanned);
        panel.setDataset(QStringLiteral("folder"));
        panel.setDataDir(data.path());
        panel.setImageResize(16);
        QTRY_COMPARE_WITH_TIMEOUT(scanned.count(), 1, 20000);
        QVERIFY2(panel.validationError().isEmpty(), qPrintable(panel.validationError()));
        JobSettings job;
        for (int slot = 0; slot < kModelSlots; ++slot) {
            auto &c = job.config[slot];
            c = panel.baseConfig();
            c.epochs = 1;
            c.maxSteps = 3;
            c.batchSize = 4;
            c.testBatchSize = 8;
            c.threads = 1;
        }
        job.train[1] = false;
        TrainingController controller(makeEngineTrainingBackend(work.path()), 1);
        QSignalSpy batches(&controller, &TrainingController::batchReady);
        QSignalSpy loaded(&controller, &TrainingController::dataReady);
        QSignalSpy finished(&controller, &TrainingController::jobFinished);
        QVERIFY(controller.start(job));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(batches.count(), 3);
        QVERIFY(loaded.count() >= 1);
        const auto handle = loaded.at(0).at(0).value<DataHandle>();
        QCOMPARE(trainImageCount(handle), 16);
        QCOMPARE(testImageCount(handle), 4);
        QCOMPARE(classNames(handle),
                 (QStringList{QStringLiteral("dark"), QStringLiteral("light")}));
    }
};

QTEST_MAIN(TestDataFolder)
#include "tst_data_folder.moc"
