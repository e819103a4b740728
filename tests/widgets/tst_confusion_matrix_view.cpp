// SPDX-License-Identifier: MIT
#include "widgets/confusion_matrix_view.h"

#include <QSignalSpy>
#include <QtTest>

using ql::widgets::ConfusionMatrixView;

namespace {
const QVector<QVector<qint64>> kCounts = {{90, 10, 0}, {1, 1, 8}, {0, 0, 0}};

/// A point inside a cell, found through the public hit test (corner, away from the text).
QPoint pointInCell(const ConfusionMatrixView &view, int row, int column)
{
    for (int y = 0; y < view.height(); ++y)
        for (int x = 0; x < view.width(); ++x)
            if (view.cellAt(QPoint(x, y)) == QPoint(column, row))
                return {x + 2, y + 2};
    return {-1, -1};
}
} // namespace

class TestConfusionMatrixView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void rowNormalisedValues();
    void coloursFollowRowFractionNotCounts();
    void paintedCellsUseThoseColours();
    void tooltipAndClick();
    void rejectsRaggedMatrix();
};

void TestConfusionMatrixView::rowNormalisedValues()
{
    ConfusionMatrixView view;
    QVERIFY(view.setMatrix(kCounts, {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("eel")}));
    QCOMPARE(view.classCount(), 3);
    QCOMPARE(view.rowNormalized(0, 0), 0.9);
    QCOMPARE(view.rowNormalized(1, 2), 0.8);
    QCOMPARE(view.rowNormalized(2, 2), 0.0); // empty row
    QCOMPARE(view.accuracy(), 91.0 / 110.0);
}

void TestConfusionMatrixView::coloursFollowRowFractionNotCounts()
{
    ConfusionMatrixView view;
    view.setMatrix(kCounts);
    // white (255,255,255) -> (8,69,148) at t = 0.9: 255 + 0.9*(8-255) = 32.7 etc., rounded.
    QCOMPARE(view.cellColor(0, 0), QColor(33, 88, 159));
    // t = 0.8 for only 8 samples: nearly as dark as 90 samples at 0.9.
    QCOMPARE(view.cellColor(1, 2), QColor(57, 106, 169));
    QCOMPARE(view.cellColor(2, 1), QColor(255, 255, 255));
    QVERIFY(view.cellColor(1, 2).lightness() < view.cellColor(0, 1).lightness());
}

void TestConfusionMatrixView::paintedCellsUseThoseColours()
{
    ConfusionMatrixView view;
    view.resize(320, 320);
    view.setMatrix(kCounts);
    const QImage shot = view.grab().toImage();
    for (const QPoint cell : {QPoint(0, 0), QPoint(1, 2), QPoint(0, 1), QPoint(2, 2)}) {
        const QPoint at = pointInCell(view, cell.x(), cell.y());
        QVERIFY(at.x() >= 0);
        QCOMPARE(shot.pixelColor(at), view.cellColor(cell.x(), cell.y()));
    }
}

void TestConfusionMatrixView::tooltipAndClick()
{
    ConfusionMatrixView view;
    view.resize(300, 300);
    view.setMatrix(kCounts, {QStringLiteral("cat"), QStringLiteral("dog"), QStringLiteral("eel")});
    const QString tip = view.cellToolTip(1, 2);
    QVERIFY2(tip.contains(QStringLiteral("True: dog")) && tip.contains(QStringLiteral("Predicted: eel")) &&
                 tip.contains(QStringLiteral("8 of 10")) && tip.contains(QStringLiteral("80.0 %")),
             qPrintable(tip));
    QSignalSpy clicked(&view, &ConfusionMatrixView::cellClicked);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, pointInCell(view, 1, 2));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().at(0).toInt(), 1);
    QCOMPARE(clicked.first().at(1).toInt(), 2);
    QCOMPARE(view.cellAt(QPoint(0, 0)), QPoint(-1, -1));
}

void TestConfusionMatrixView::rejectsRaggedMatrix()
{
    ConfusionMatrixView view;
    QVERIFY(!view.setMatrix({{1, 2}, {3}}));
    QCOMPARE(view.classCount(), 0);
    QVERIFY(!view.setMatrix({{1, 2}}));
    QCOMPARE(view.accuracy(), -1.0);
}

QTEST_MAIN(TestConfusionMatrixView)
#include "tst_confusion_matrix_view.moc"
