// SPDX-License-Identifier: MIT
// Start, pause, resume, stop and live learning-rate changes of the training controller, with
// an engine that honours the backend contract (tst_training_controller_torch runs the real one).
#include "app/gui/training_controller.h"
#include "tests/app/fake_backends.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ql::app;

class TestTrainingController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsBothModelsOneAfterTheOther()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 40;
        backend->stepsPerEpoch = 20;
        TrainingController controller(backend, 1);
        QSignalSpy batches(&controller, &TrainingController::batchReady);
        QSignalSpy epochs(&controller, &TrainingController::epochReady);
        QSignalSpy finished(&controller, &TrainingController::jobFinished);
        QVERIFY(controller.start(JobSettings{}));
        QCOMPARE(controller.state(), TrainingController::State::Running);
        QVERIFY(!controller.start(JobSettings{})); // one job at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(batches.count(), 80);
        QCOMPARE(epochs.count(), 4);
        QCOMPARE(batches.first().at(0).value<BatchUpdate>().slot, 0);
        QCOMPARE(batches.last().at(0).value<BatchUpdate>().slot, 1);
        QCOMPARE(controller.state(), TrainingController::State::Idle);
    }

    void publishesSnapshotsEveryNBatches()
    {
        // Snapshots (for the maps) every N batches, not only at epoch ends: the first one
        // arrives right after batch N. Signals from the worker arrive in the order sent, so
        // the batches counted when a snapshot arrives are those trained before it was taken.
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 130;
        backend->stepsPerEpoch = 50;
        backend->stepMs = 0;
        TrainingController controller(backend, 1);
        int batchesSeen[kModelSlots] = {0, 0};
        QVector<int> snapshotAt[kModelSlots];
        connect(&controller, &TrainingController::batchReady, this,
                [&](const BatchUpdate &u) { ++batchesSeen[u.slot]; });
        connect(&controller, &TrainingController::snapshotReady, this,
                [&](int slot, const ModelHandle &) { snapshotAt[slot] << batchesSeen[slot]; });
        QSignalSpy finished(&controller, &TrainingController::jobFinished);
        JobSettings job;
        job.snapshotEveryBatches = 20;
        job.quantizedFromStandard = false; // from scratch: no starting points of model B
        QVERIFY(controller.start(job));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        // Every 20 batches, at the epoch ends (50, 100) and once when the model is done.
        const QVector<int> expected{20, 40, 50, 60, 80, 100, 120, 130};
        QCOMPARE(snapshotAt[0], expected);
        QCOMPARE(snapshotAt[1], expected);
        QCOMPARE(backend->calibratedStarts.load(), 0);
        QCOMPARE(backend->mode(1), JobSettings::Mode::Fresh);
    }

    void quantizedModelFineTunesFromTheStandardModel()
    {
        // The default job: the quantized model is a calibrated fine-tune of the standard
        // model; while the standard model trains, each of its snapshots also publishes the
        // fine-tune's starting point as model B.
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 60;
        backend->stepsPerEpoch = 30;
        backend->stepMs = 0;
        TrainingController controller(backend, 1);
        QSignalSpy finished(&controller, &TrainingController::jobFinished);
        JobSettings job;
        job.snapshotEveryBatches = 25;
        QVERIFY(job.quantizedFromStandard); // the default
        QVERIFY(controller.start(job));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(backend->mode(0), JobSettings::Mode::Fresh);
        QCOMPARE(backend->initFrom(0), -1);
        QCOMPARE(backend->mode(1), JobSettings::Mode::FineTune);
        QCOMPARE(backend->initFrom(1), 0);
        // Standard model's snapshots while training: batch 25, 30 (epoch end), 50, 60.
        QCOMPARE(backend->calibratedStarts.load(), 4);

        // Retrain (FineTune of slot 1 from slot 0) keeps its mode; "from scratch" trains anew.
        JobSettings retrain;
        retrain.train[0] = false;
        retrain.mode = JobSettings::Mode::FineTune;
        retrain.initFromSlot = 0;
        QVERIFY(controller.start(retrain));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QCOMPARE(backend->mode(1), JobSettings::Mode::FineTune);
        QCOMPARE(backend->initFrom(1), 0);
        QCOMPARE(backend->calibratedStarts.load(), 4); // no standard model trained
    }

    void pauseResumeStop()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 100000;
        TrainingController controller(backend, 1);
        QSignalSpy batches(&controller, &TrainingController::batchReady);
        QSignalSpy finished(&controller, &TrainingController::jobFinished);
        controller.start(JobSettings{});
        QTRY_VERIFY(batches.count() > 5);

        controller.pause();
        QCOMPARE(controller.state(), TrainingController::State::Paused);
        QTest::qWait(100); // let batches already queued arrive
        const int atPause = batches.count();
        QTest::qWait(300);
        QVERIFY2(batches.count() <= atPause + 1, "training went on while paused");

        controller.setLearningRate(0.25);
        controller.resume();
        QCOMPARE(controller.state(), TrainingController::State::Running);
        QTRY_VERIFY(batches.count() > atPause + 5);
        QTRY_COMPARE(batches.last().at(0).value<BatchUpdate>().metrics.learningRate, 0.25);

        controller.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(controller.state(), TrainingController::State::Idle);
        QCOMPARE(backend->trainedSlots.load(), 0); // the second model never started
    }

    void stopWhilePausedAndDestroyWhileRunning()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 100000;
        {
            TrainingController controller(backend, 1);
            QSignalSpy finished(&controller, &TrainingController::jobFinished);
            controller.start(JobSettings{});
            controller.pause();
            controller.stop();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
            controller.start(JobSettings{}); // destroyed while running: must not hang
        }
        QVERIFY(true);
    }

    void failuresAreReported()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        TrainingController controller(backend, 1);
        QSignalSpy finished(&controller, &TrainingController::jobFinished);
        JobSettings job;
        job.config[0].dataDir = "missing";
        controller.start(job);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("missing")));

        QSignalSpy loaded(&controller, &TrainingController::checkpointsLoaded);
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("standard.ckpt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(controller.loadCheckpoints(dir.path() + QStringLiteral("/corrupt")));
        QTRY_COMPARE(loaded.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTrainingController)
#include "tst_training_controller.moc"
