// SPDX-License-Identifier: MIT
#include "widgets/training_progress_widget.h"

#include <QtTest>

#include <limits>

using ql::widgets::TrainingProgress;
using ql::widgets::TrainingProgressWidget;

class TestTrainingProgressWidget : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void fraction_data();
    void fraction();
    void durations_data();
    void durations();
    void showsValues();
};

void TestTrainingProgressWidget::fraction_data()
{
    QTest::addColumn<int>("epoch");
    QTest::addColumn<int>("total");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<qint64>("steps");
    QTest::addColumn<double>("expected");
    QTest::newRow("not started") << 0 << 10 << qint64(0) << qint64(100) << 0.0;
    QTest::newRow("mid second of four") << 2 << 4 << qint64(50) << qint64(100) << 0.375;
    QTest::newRow("last step") << 4 << 4 << qint64(100) << qint64(100) << 1.0;
    QTest::newRow("unknown steps") << 3 << 4 << qint64(7) << qint64(0) << 0.5;
    QTest::newRow("unknown total") << 3 << 0 << qint64(7) << qint64(9) << 0.0;
}

void TestTrainingProgressWidget::fraction()
{
    QFETCH(int, epoch);
    QFETCH(int, total);
    QFETCH(qint64, step);
    QFETCH(qint64, steps);
    QFETCH(double, expected);
    TrainingProgress p;
    p.epoch = epoch;
    p.totalEpochs = total;
    p.step = step;
    p.stepsPerEpoch = steps;
    QCOMPARE(TrainingProgressWidget::fractionDone(p), expected);
}

void TestTrainingProgressWidget::durations_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("hours") << 3725.0 << QStringLiteral("1:02:05");
    QTest::newRow("minutes") << 65.4 << QStringLiteral("1:05");
    QTest::newRow("zero") << 0.0 << QStringLiteral("0:00");
    QTest::newRow("unknown") << -1.0 << QStringLiteral("--");
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << QStringLiteral("--");
}

void TestTrainingProgressWidget::durations()
{
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(TrainingProgressWidget::formatDuration(seconds), text);
}

void TestTrainingProgressWidget::showsValues()
{
    TrainingProgressWidget widget;
    TrainingProgress p;
    p.phase = QStringLiteral("Model B (PACT 4-bit)");
    p.epoch = 2;
    p.totalEpochs = 4;
    p.step = 50;
    p.stepsPerEpoch = 100;
    p.samplesPerSecond = 1234.4;
    p.etaSeconds = 125;
    widget.setProgress(p);
    QCOMPARE(widget.progressValue(), 375);
    const QString text = widget.summaryText();
    QVERIFY2(text.contains(QStringLiteral("Model B (PACT 4-bit)")) &&
                 text.contains(QStringLiteral("Epoch 2 / 4")) &&
                 text.contains(QStringLiteral("Step 50 / 100")) &&
                 text.contains(QStringLiteral("1,234 samples/s")) &&
                 text.contains(QStringLiteral("Remaining: 2:05")),
             qPrintable(text));
    widget.reset();
    QCOMPARE(widget.progressValue(), 0);
}

QTEST_MAIN(TestTrainingProgressWidget)
#include "tst_training_progress_widget.moc"
