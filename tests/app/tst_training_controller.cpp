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
