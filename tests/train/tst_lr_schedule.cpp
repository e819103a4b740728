// SPDX-License-Identifier: MIT
// Learning-rate schedules against hand-computed values and PyTorch's schedulers.
#include "core/train/lr_schedule.h"

#include <QTest>

#include <cmath>

using namespace ql::core;

class TestLrSchedule : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void perEpoch_data();
    void perEpoch();
    void oneCyclePerBatchMatchesPyTorch();
    void cosinePerBatch();
    void rejectsUnknown();
};

namespace {

bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-9 + 1e-9 * std::abs(b);
}

} // namespace

void TestLrSchedule::perEpoch_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("base");
    QTest::addColumn<QList<double>>("expected"); // epochs 0, 1, 2, 3
    // none: constant.
    QTest::newRow("none") << "none" << 0.5 << QList<double>{0.5, 0.5, 0.5, 0.5};
    // step, stepSize 2, gamma 0.7: 1, 1, 0.7, 0.7.
    QTest::newRow("step") << "step" << 1.0 << QList<double>{1.0, 1.0, 0.7, 0.7};
    // multistep at epochs 1 and 3, gamma 0.7: 1, 0.7, 0.7, 0.49.
    QTest::newRow("multistep") << "multistep" << 1.0 << QList<double>{1.0, 0.7, 0.7, 0.49};
    // cosine over 4 epochs, eta_min 0.001 (PyTorch CosineAnnealingLR(T_max=4), printed by
    // /usr/bin/python3 with torch 1.13): 0.1, 0.0855017856687341, 0.0505, 0.0154982143312659.
    QTest::newRow("cosine") << "cosine" << 0.1
                            << QList<double>{0.1, 0.0855017856687341, 0.0505, 0.0154982143312659};
}

void TestLrSchedule::perEpoch()
{
    QFETCH(QString, name);
    QFETCH(double, base);
    QFETCH(QList<double>, expected);
    ScheduleConfig c;
    c.name = name.toStdString();
    c.stepSize = 2;
    c.milestones = {1, 3};
    c.gamma = 0.7;
    c.perBatch = false;
    c.minLr = 0.001;
    const LrSchedule schedule(c, 4, 10);
    for (int epoch = 0; epoch < 4; ++epoch) {
        for (int64_t batch : {0, 9}) { // constant within an epoch
            const double lr = schedule.learningRate(base, epoch, batch);
            QVERIFY2(
                close(lr, expected[epoch]),
                qPrintable(QString("epoch %1: %2 != %3").arg(epoch).arg(lr).arg(expected[epoch])));
        }
    }
}

void TestLrSchedule::oneCyclePerBatchMatchesPyTorch()
{
    // torch.optim.lr_scheduler.OneCycleLR(max_lr=1, total_steps=10, pct_start=0.3,
    // div_factor=25, final_div_factor=1e4, anneal_strategy='cos'), torch 1.13.
    const std::vector<double> expected = {0.04,
                                          0.52,
                                          1.0,
                                          0.9504846320134737,
                                          0.8117456539497631,
                                          0.6112620219362893,
                                          0.38874197806371075,
                                          0.18825834605023697,
                                          0.049519367986526286,
                                          4e-06};
    ScheduleConfig c;
    c.name = "onecycle";
    const LrSchedule schedule(c, 2, 5); // 2 epochs x 5 batches = 10 steps
    for (int64_t t = 0; t < 10; ++t) {
        const double lr = schedule.learningRate(1.0, int(t / 5), t % 5);
        QVERIFY2(std::abs(lr - expected[t]) < 1e-12,
                 qPrintable(QString("step %1: %2 != %3").arg(t).arg(lr).arg(expected[t])));
    }
}

void TestLrSchedule::cosinePerBatch()
{
    ScheduleConfig c;
    c.name = "cosine";
    const LrSchedule schedule(c, 2, 2); // 4 steps: lr = (1 + cos(pi t / 4)) / 2
    QVERIFY(close(schedule.learningRate(1.0, 0, 0), 1.0));
    QVERIFY(close(schedule.learningRate(1.0, 0, 1), (1 + std::sqrt(0.5)) / 2));
    QVERIFY(close(schedule.learningRate(1.0, 1, 0), 0.5));
    QVERIFY(close(schedule.learningRate(1.0, 1, 1), (1 - std::sqrt(0.5)) / 2));
}

void TestLrSchedule::rejectsUnknown()
{
    ScheduleConfig c;
    c.name = "exponential";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LrSchedule(c, 1, 1));
}

QTEST_GUILESS_MAIN(TestLrSchedule)
#include "tst_lr_schedule.moc"
