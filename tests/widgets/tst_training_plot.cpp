// SPDX-License-Identifier: MIT
#include "widgets/qcustomplot_wrapper.h"
#include "widgets/training_plot.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using ql::widgets::TrainingPlot;

class TestTrainingPlot : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void appendCoalescesReplots();
    void decimationKeepsMinAndMax_data();
    void decimationKeepsMinAndMax();
    void widgetDecimatesLongRuns();
    void zoomShowsFullResolution();
    void exportPngHasRequestedSize();
    void exportPdfWritesPdf();
    void logScaleAndClear();
    void viewFollowsDataUntilUserZooms();
    void yBoundsClampAutomaticRange();
    void restylingKeepsColour();
};

void TestTrainingPlot::appendCoalescesReplots()
{
    TrainingPlot plot;
    plot.resize(600, 400);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    QTest::qWait(2 * TrainingPlot::kReplotDelayMs + 50); // let start-up redraws settle
    QSignalSpy replots(plot.customPlot(), &QCustomPlot::afterReplot);
    for (int i = 0; i < 1000; ++i) {
        plot.appendPoint(QStringLiteral("loss"), i, 1.0 / (1 + i));
        plot.appendPoint(QStringLiteral("ce"), i, 0.5 / (1 + i));
    }
    QCOMPARE(replots.count(), 0); // nothing drawn synchronously per point
    QVERIFY(plot.replotPending());
    QTRY_VERIFY_WITH_TIMEOUT(replots.count() >= 1, 2000);
    QTest::qWait(3 * TrainingPlot::kReplotDelayMs);
    QVERIFY2(replots.count() <= 3, qPrintable(QString::number(replots.count())));
    QCOMPARE(plot.pointCount(QStringLiteral("loss")), 1000);
    QCOMPARE(plot.displayedPoints(QStringLiteral("ce")).size(), 1000);
    QCOMPARE(plot.seriesNames(), QStringList({QStringLiteral("loss"), QStringLiteral("ce")}));
}

void TestTrainingPlot::decimationKeepsMinAndMax_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("buckets");
    QTest::newRow("100k into 1000") << 100000 << 1000;
    QTest::newRow("uneven 12345 into 97") << 12345 << 97;
    QTest::newRow("small input copied") << 150 << 100;
}

void TestTrainingPlot::decimationKeepsMinAndMax()
{
    QFETCH(int, n);
    QFETCH(int, buckets);
    QVector<double> x(n), y(n);
    for (int i = 0; i < n; ++i) {
        x[i] = i;
        y[i] = std::sin(i * 0.01) + 0.001 * (i % 7);
    }
    const int spike = n * 2 / 3, dip = n / 5;
    y[spike] = 100;
    y[dip] = -100;
    QVector<double> outX, outY;
    TrainingPlot::decimateMinMax(x, y, 0, n, buckets, outX, outY);
    QVERIFY(outX.size() <= std::max(2 * buckets, n));
    QVERIFY(std::is_sorted(outX.cbegin(), outX.cend()));
    QCOMPARE(*std::max_element(outY.cbegin(), outY.cend()), 100.0);
    QCOMPARE(*std::min_element(outY.cbegin(), outY.cend()), -100.0);
    QVERIFY(outX.contains(double(spike)));
    QVERIFY(outX.contains(double(dip)));
    if (n <= 2 * buckets) {
        QCOMPARE(outY, y);
        return;
    }
    // Independently: every bucket's true min and max must be among the kept points.
    for (int b = 0; b < buckets; ++b) {
        const int from = int(qint64(n) * b / buckets), to = int(qint64(n) * (b + 1) / buckets);
        const auto lo = std::min_element(y.cbegin() + from, y.cbegin() + to);
        const auto hi = std::max_element(y.cbegin() + from, y.cbegin() + to);
        QVERIFY(outX.contains(double(lo - y.cbegin())));
        QVERIFY(outX.contains(double(hi - y.cbegin())));
    }
}

void TestTrainingPlot::widgetDecimatesLongRuns()
{
    TrainingPlot plot;
    plot.resize(600, 400);
    plot.setMaxDisplayPoints(2000);
    QVector<double> x(100000), y(100000);
    for (int i = 0; i < x.size(); ++i) {
        x[i] = i;
        y[i] = 1.0 + 0.1 * std::sin(i * 0.001);
    }
    y[4242] = 9.0;
    plot.appendPoints(QStringLiteral("loss"), x, y);
    QTRY_VERIFY(!plot.replotPending());
    const QVector<QPointF> shown = plot.displayedPoints(QStringLiteral("loss"));
    QVERIFY2(shown.size() <= 2000 + 2, qPrintable(QString::number(shown.size())));
    QVERIFY(shown.size() > 100);
    QVERIFY(shown.contains(QPointF(4242, 9.0)));
    QCOMPARE(plot.pointCount(QStringLiteral("loss")), 100000);
}

void TestTrainingPlot::zoomShowsFullResolution()
{
    TrainingPlot plot;
    plot.resize(600, 400);
    for (int i = 0; i < 100000; ++i)
        plot.appendPoint(QStringLiteral("acc"), i, (i % 10) * 0.1);
    QTRY_VERIFY(!plot.replotPending());
    // As a user zoom would: a range change we did not make ourselves.
    plot.customPlot()->xAxis->setRange(50000, 50100);
    QTRY_VERIFY(!plot.replotPending());
    const QVector<QPointF> shown = plot.displayedPoints(QStringLiteral("acc"));
    QCOMPARE(shown.size(), 101 + 2); // every raw point in range plus one beyond each edge
    QCOMPARE(shown.first().x(), 49999.0);
    QCOMPARE(plot.customPlot()->xAxis->range().lower, 50000.0); // view no longer follows data
    plot.appendPoint(QStringLiteral("acc"), 100000, 0.5);
    QTRY_VERIFY(!plot.replotPending());
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 50100.0);
    plot.resetView();
    QTRY_VERIFY(!plot.replotPending());
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 100000.0);
}

void TestTrainingPlot::exportPngHasRequestedSize()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TrainingPlot plot;
    plot.setTitle(QStringLiteral("Loss"));
    plot.setAxisLabels(QStringLiteral("step"), QStringLiteral("loss"));
    for (int i = 0; i < 200; ++i)
        plot.appendPoint(QStringLiteral("loss"), i, std::exp(-i / 50.0));
    QSignalSpy exported(&plot, &TrainingPlot::exported);
    const QString path = dir.filePath(QStringLiteral("plot.png"));
    QVERIFY(plot.exportPng(path, 640, 400));
    QCOMPARE(exported.count(), 1);
    const QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(640, 400));
    // Not a blank canvas: the line colour appears somewhere.
    int coloured = 0;
    for (int yy = 0; yy < image.height(); yy += 2)
        for (int xx = 0; xx < image.width(); xx += 2) {
            const QColor c = image.pixelColor(xx, yy);
            coloured += (c.blue() > 120 && c.red() < 120) ? 1 : 0;
        }
    QVERIFY(coloured > 20);
    QSignalSpy failed(&plot, &TrainingPlot::exportFailed);
    QVERIFY(!plot.exportPng(dir.filePath(QStringLiteral("missing/dir/plot.png")), 100, 100));
    QCOMPARE(failed.count(), 1);
}

void TestTrainingPlot::exportPdfWritesPdf()
{
    QTemporaryDir dir;
    TrainingPlot plot;
    plot.appendPoint(QStringLiteral("loss"), 0, 1);
    plot.appendPoint(QStringLiteral("loss"), 1, 0.5);
    const QString path = dir.filePath(QStringLiteral("plot.pdf"));
    QVERIFY(plot.exportPdf(path, 400, 300));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(4) == "%PDF");
}

void TestTrainingPlot::logScaleAndClear()
{
    TrainingPlot plot;
    QSignalSpy toggled(&plot, &TrainingPlot::logScaleChanged);
    for (int i = 1; i <= 100; ++i)
        plot.appendPoint(QStringLiteral("loss"), i, 10.0 / i);
    plot.setLogScale(true);
    QCOMPARE(toggled.count(), 1);
    QCOMPARE(plot.customPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    QTRY_VERIFY(!plot.replotPending());
    const QCPRange y = plot.customPlot()->yAxis->range();
    QVERIFY(y.lower > 0 && y.lower < 0.1 && y.upper > 10.0 && y.upper < 20.0);
    plot.setLogScale(false);
    QCOMPARE(plot.customPlot()->yAxis->scaleType(), QCPAxis::stLinear);
    plot.clear();
    QCOMPARE(plot.pointCount(QStringLiteral("loss")), 0);
    QVERIFY(plot.hasSeries(QStringLiteral("loss")));
    plot.removeAllSeries();
    QVERIFY(plot.seriesNames().isEmpty());
}

void TestTrainingPlot::viewFollowsDataUntilUserZooms()
{
    TrainingPlot plot;
    plot.setFixedYRange(0, 1);
    for (int i = 0; i < 10; ++i)
        plot.appendPoint(QStringLiteral("acc"), i + 1, 0.1 * i);
    QTRY_VERIFY(!plot.replotPending());
    QCOMPARE(plot.customPlot()->xAxis->range().lower, 1.0);
    QCOMPARE(plot.customPlot()->xAxis->range().upper, 10.0);
    QCOMPARE(plot.customPlot()->yAxis->range().upper, 1.0);
}

void TestTrainingPlot::yBoundsClampAutomaticRange()
{
    TrainingPlot plot;
    plot.setYBounds(0, 1);
    for (int i = 0; i < 10; ++i)
        plot.appendPoint(QStringLiteral("acc"), i, 0.95 + 0.0055 * i); // 0.95 .. 0.9995
    QTRY_VERIFY(!plot.replotPending());
    const QCPRange y = plot.customPlot()->yAxis->range();
    QCOMPARE(y.upper, 1.0);          // margin clipped at the bound
    QVERIFY(y.lower > 0.9 && y.lower < 0.95); // zoomed on the data, not 0..1
}

void TestTrainingPlot::restylingKeepsColour()
{
    TrainingPlot plot;
    plot.addSeries(QStringLiteral("a"));
    const int b = plot.addSeries(QStringLiteral("b"));
    const QColor before = plot.customPlot()->graph(b)->pen().color();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(plot.addSeries(QStringLiteral("b"), QColor(), Qt::DashLine), b);
    QCOMPARE(plot.customPlot()->graph(b)->pen().color(), before);
    QCOMPARE(plot.customPlot()->graph(b)->pen().style(), Qt::DashLine);
    QVERIFY(plot.customPlot()->graph(0)->pen().color() != before);
}

QTEST_MAIN(TestTrainingPlot)
#include "tst_training_plot.moc"
