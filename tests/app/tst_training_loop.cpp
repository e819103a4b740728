// SPDX-License-Identifier: MIT
// The interactive loop's bookkeeping (issue 10): where runs go on the plots' shared x axis
// (PlotTimeline, PlotsPanel segments) and the whole job's progress and time left
// (JobProgress), checked against hand-computed values.
#include "app/gui/job_progress.h"
#include "app/gui/plot_timeline.h"
#include "app/gui/plots_panel.h"
#include "widgets/training_plot.h"

#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace ql::app;

namespace {

BatchUpdate batch(int slot, int epoch, int step, int stepsPerEpoch, int globalStep)
{
    BatchUpdate u;
    u.slot = slot;
    u.metrics.epoch = epoch;
    u.metrics.step = step;
    u.metrics.stepsPerEpoch = stepsPerEpoch;
    u.metrics.globalStep = globalStep;
    u.metrics.ce = 1.0;
    u.metrics.loss = 1.0;
    u.metrics.accuracy = 0.5;
    return u;
}

EpochUpdate epochEnd(int slot, int epoch, double accuracy)
{
    EpochUpdate e;
    e.slot = slot;
    e.metrics.epoch = epoch;
    e.metrics.testAccuracy = accuracy;
    return e;
}

/// Trains `steps` batches of `slot` (10 per epoch) into the panel, with epoch ends.
void feed(PlotsPanel &panel, int slot, int steps, double accuracy)
{
    for (int g = 1; g <= steps; ++g) {
        panel.addBatch(batch(slot, (g - 1) / 10 + 1, (g - 1) % 10 + 1, 10, g));
        if (g % 10 == 0 || g == steps)
            panel.addEpoch(epochEnd(slot, (g - 1) / 10 + 1, accuracy));
    }
}

} // namespace

class TestTrainingLoop : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void timelinePlacesRunsOneAfterAnother()
    {
        PlotTimeline t;
        // The standard model: 2 epochs from 0.
        QCOMPARE(t.place(0, 0.5), 0.5);
        QCOMPARE(t.place(0, 2.0), 2.0);
        QCOMPARE(t.seriesName(QStringLiteral("CE"), 0), QStringLiteral("CE A"));
        // The quantized model's fine-tune trains after it: its run starts at x = 2.
        QCOMPARE(t.place(1, 0.25), 2.25);
        QCOMPARE(t.place(1, 1.0), 3.0);
        QCOMPARE(t.segmentStart(1), 2.0);
        QCOMPARE(t.seriesName(QStringLiteral("CE"), 1), QStringLiteral("CE B"));
        // Retrain: a labelled segment of B at the end of the axis, with its own series.
        t.beginSegment(1, QStringLiteral("Retrain 1 (4/4-bit)"));
        QCOMPARE(t.xOf(1, 0.0), 3.0); // pending: would start at the axis end
        QCOMPARE(t.seriesName(QStringLiteral("test"), 1),
                 QStringLiteral("test B · Retrain 1 (4/4-bit)"));
        QCOMPARE(t.place(1, 0.1), 3.1);
        QCOMPARE(t.place(1, 0.6), 3.6);
        QCOMPARE(t.axisEnd(), 3.6);
        // A second Retrain starts where the first ended, not at epoch 0.
        t.beginSegment(1, QStringLiteral("Retrain 2 (2/2-bit)"));
        QCOMPARE(t.place(1, 0.2), 3.8);
        QCOMPARE(t.label(1), QStringLiteral("Retrain 2 (2/2-bit)"));
        // Model A's curves keep their names; invalid slots are ignored.
        QCOMPARE(t.seriesName(QStringLiteral("CE"), 0), QStringLiteral("CE A"));
        QCOMPARE(t.place(5, 1.5), 1.5);
        // Segment starts, in the order begun (sessions save them).
        QCOMPARE(t.segmentStartAt(0), 3.0);
        QCOMPARE(t.segmentStartAt(1), 3.6);
        QVERIFY(std::isnan(t.segmentStartAt(2)));
        // A session restoring its plots fixes where a segment starts.
        t.beginSegment(0, QString(), 10.0);
        QCOMPARE(t.place(0, 0.5), 10.5);
        t.clear();
        QCOMPARE(t.axisEnd(), 0.0);
        QCOMPARE(t.place(1, 0.5), 0.5);
    }

    void retrainIsANewLabelledSegmentOnThePlots()
    {
        PlotsPanel panel;
        panel.clearSlot(0);
        panel.clearSlot(1);
        feed(panel, 0, 20, 0.98); // standard: 2 epochs of 10 batches, x 0.1 .. 2
        feed(panel, 1, 5, 0.97);  // quantized fine-tune: a budget of 5 batches, x 2.1 .. 2.5
        auto *acc = panel.accuracyPlot();
        QCOMPARE(acc->pointCount(QStringLiteral("train A")), 20);
        QCOMPARE(acc->pointCount(QStringLiteral("train B")), 5);
        QCOMPARE(acc->pointCount(QStringLiteral("test B")), 1);

        panel.beginSegment(1, QStringLiteral("Retrain 1 (4/4-bit)"));
        feed(panel, 1, 3, 0.99);
        const QString trainName = QStringLiteral("train B · Retrain 1 (4/4-bit)");
        const QString testName = QStringLiteral("test B · Retrain 1 (4/4-bit)");
        QVERIFY(acc->hasSeries(trainName));
        QCOMPARE(acc->pointCount(trainName), 3);
        QCOMPARE(acc->pointCount(QStringLiteral("train B")), 5); // the earlier run is kept
        QVERIFY(panel.lossPlot()->hasSeries(QStringLiteral("CE B · Retrain 1 (4/4-bit)")));
        QTRY_VERIFY(!acc->replotPending());
        // The retrain continues the axis: 2.5 + 0.1 .. 2.5 + 0.3; its test point sits where
        // its budget ended (0.3 of an epoch), not at epoch 1.
        const QVector<QPointF> train = acc->displayedPoints(trainName);
        QCOMPARE(train.size(), 3);
        QVERIFY(qAbs(train.first().x() - 2.6) < 1e-9);
        QVERIFY(qAbs(train.last().x() - 2.8) < 1e-9);
        const QVector<QPointF> test = acc->displayedPoints(testName);
        QCOMPARE(test.size(), 1);
        QVERIFY(qAbs(test.first().x() - 2.8) < 1e-9);
        QCOMPARE(test.first().y(), 0.99);
        const QVector<QPointF> earlier = acc->displayedPoints(QStringLiteral("train B"));
        QVERIFY(qAbs(earlier.first().x() - 2.1) < 1e-9);

        // A session restores the segments in the same places.
        const QJsonObject history = panel.history();
        PlotsPanel restored;
        restored.restoreHistory(history);
        auto *acc2 = restored.accuracyPlot();
        QVERIFY(acc2->hasSeries(trainName));
        QCOMPARE(acc2->pointCount(testName), 1);
        QTRY_VERIFY(!acc2->replotPending());
        const QVector<QPointF> test2 = acc2->displayedPoints(testName);
        QCOMPARE(test2.size(), 1);
        QVERIFY(qAbs(test2.first().x() - 2.8) < 1e-9);
    }

    void plannedStepsFollowTheTrainer()
    {
        ql::core::TrainingConfig c;
        c.batchSize = 128;
        c.epochs = 2;
        QCOMPARE(plannedSteps(c, 60000), qint64(2 * 469)); // ceil(60000 / 128) = 469
        c.maxSteps = 400;
        QCOMPARE(plannedSteps(c, 60000), qint64(400));
        c.maxSteps = 5000; // larger than the epochs allow
        QCOMPARE(plannedSteps(c, 60000), qint64(938));
        c.maxSteps = 0;
        c.trainLimit = 257; // 3 batches, the last of 1 sample dropped: 2 per epoch
        QCOMPARE(plannedSteps(c, 60000), qint64(4));
        QCOMPARE(plannedSteps(c, 0), qint64(0));
        QCOMPARE(knownTrainSamples("mnist"), qint64(60000));
        QCOMPARE(knownTrainSamples("folder:/x"), qint64(0));
    }

    void jobProgressCoversEveryModel()
    {
        JobSettings job;
        for (auto &c : job.config) {
            c.batchSize = 100;
            c.epochs = 1;
        }
        job.config[1].maxSteps = 50;
        job.config[1].epochs = 1000;
        job.config[1].sgt.enabled = true;
        // 1,000 images: 10 standard batches, then 50 fine-tune batches: 60 in all.
        JobProgress p;
        const double none[kModelSlots] = {0, 0};
        p.start(job, 1000, none);
        QCOMPARE(p.totalSteps(), qint64(60));
        QVERIFY(p.etaSeconds() < 0); // no speed known yet
        QCOMPARE(p.estimatedSeconds(), -1.0);

        ql::core::BatchMetrics m;
        m.globalStep = 5;
        m.samplesPerSecond = 1000; // 0.1 s per batch of 100
        p.addBatch(0, m);
        QCOMPARE(p.doneSteps(), qint64(5));
        QCOMPARE(p.fraction(), 5.0 / 60.0);
        // 5 standard batches at 0.1 s, 50 SGT batches at 0.1 x 2.3 s (not measured yet).
        QVERIFY(qAbs(p.etaSeconds() - (0.5 + 50 * 0.1 * JobProgress::kSgtStepCost)) < 1e-9);

        m.globalStep = 10; // the standard model is done; the fine-tune starts
        p.addBatch(0, m);
        ql::core::BatchMetrics q;
        q.globalStep = 20;
        q.samplesPerSecond = 400; // 0.25 s per batch
        p.addBatch(1, q);
        QCOMPARE(p.doneSteps(), qint64(30));
        QCOMPARE(p.fraction(), 0.5);
        QVERIFY(qAbs(p.etaSeconds() - 30 * 0.25) < 1e-9);
        QCOMPARE(p.measuredSecondsPerStep(1), 0.25);

        // Before Start, from earlier measurements: 10 x 0.1 + 50 x 0.25 seconds.
        const double earlier[kModelSlots] = {0.1, 0.25};
        JobProgress estimate;
        estimate.start(job, 1000, earlier);
        QVERIFY(qAbs(estimate.estimatedSeconds() - 13.5) < 1e-9);
        // A job of the standard model only.
        job.train[1] = false;
        estimate.start(job, 1000, earlier);
        QCOMPARE(estimate.totalSteps(), qint64(10));
        QVERIFY(qAbs(estimate.estimatedSeconds() - 1.0) < 1e-9);
    }
};

QTEST_MAIN(TestTrainingLoop)
#include "tst_training_loop.moc"
