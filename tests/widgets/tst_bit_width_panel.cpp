// SPDX-License-Identifier: MIT
#include "widgets/bit_width_panel.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTableWidget>
#include <QtTest>

using namespace ql::widgets;

namespace {
QVector<LayerBitsRow> sampleLayers()
{
    return {{QStringLiteral("conv1"), QStringLiteral("conv 3x3"), 8, 8, 320, false},
            {QStringLiteral("conv2"), QStringLiteral("conv 3x3"), 32, 32, 18496, true},
            {QStringLiteral("fc1"), QStringLiteral("linear"), 32, 32, 1179776, true},
            {QStringLiteral("fc2"), QStringLiteral("linear"), 8, 8, 1290, false}};
}

QSlider *slider(BitWidthPanel &panel, const QString &accessibleName)
{
    for (QSlider *s : panel.findChildren<QSlider *>())
        if (s->accessibleName() == accessibleName)
            return s;
    return nullptr;
}

BitWidthSelection lastSelection(const QSignalSpy &spy)
{
    return spy.last().first().value<BitWidthSelection>();
}
} // namespace

class TestBitWidthPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void labelsAndPositions();
    void setLayersDoesNotEmit();
    void sliderBurstEmitsOnceDebounced();
    void perLayerEditRoundTrip();
    void comboEditDetachesRow();
    void statsAndRetrain();
};

void TestBitWidthPanel::labelsAndPositions()
{
    QCOMPARE(BitWidthPanel::bitChoices().size(), 9);
    QCOMPARE(BitWidthPanel::bitsLabel(32), QStringLiteral("float"));
    QCOMPARE(BitWidthPanel::bitsLabel(4), QStringLiteral("4-bit"));
    QCOMPARE(BitWidthPanel::sliderPosition(1), 0);
    QCOMPARE(BitWidthPanel::sliderPosition(8), 7);
    QCOMPARE(BitWidthPanel::sliderPosition(32), 8);
}

void TestBitWidthPanel::setLayersDoesNotEmit()
{
    BitWidthPanel panel;
    QSignalSpy spy(&panel, &BitWidthPanel::bitsChanged);
    panel.setLayers(sampleLayers());
    panel.setGlobalBits(4, 4);
    QTest::qWait(BitWidthPanel::kDefaultDebounceMs * 2);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(panel.layers().size(), 4);
    // Following rows took the global bits, pinned edge layers kept 8.
    QCOMPARE(panel.selection().layers[1], (LayerBitsChoice{QStringLiteral("conv2"), 4, 4}));
    QCOMPARE(panel.selection().layers[0], (LayerBitsChoice{QStringLiteral("conv1"), 8, 8}));
}

void TestBitWidthPanel::sliderBurstEmitsOnceDebounced()
{
    BitWidthPanel panel;
    panel.setLayers(sampleLayers());
    QSignalSpy spy(&panel, &BitWidthPanel::bitsChanged);
    QSlider *weights = slider(panel, QStringLiteral("Weight bits"));
    QSlider *activations = slider(panel, QStringLiteral("Activation bits"));
    QVERIFY(weights && activations);
    for (int position : {7, 5, 3, 1}) { // 8, 6, 4, 2 bits, as a drag would
        weights->setValue(position);
        QTest::qWait(20);
    }
    activations->setValue(BitWidthPanel::sliderPosition(4));
    QCOMPARE(spy.count(), 0);
    QTRY_COMPARE(spy.count(), 1);
    QTest::qWait(BitWidthPanel::kDefaultDebounceMs * 2);
    QCOMPARE(spy.count(), 1);
    const BitWidthSelection sel = lastSelection(spy);
    QCOMPARE(sel.globalWeightBits, 2);
    QCOMPARE(sel.globalActivationBits, 4);
    QCOMPARE(sel.layers.size(), 4);
    QCOMPARE(sel.layers[0], (LayerBitsChoice{QStringLiteral("conv1"), 8, 8}));
    QCOMPARE(sel.layers[1], (LayerBitsChoice{QStringLiteral("conv2"), 2, 4}));
    QCOMPARE(sel.layers[2], (LayerBitsChoice{QStringLiteral("fc1"), 2, 4}));
    QCOMPARE(sel.layers[3], (LayerBitsChoice{QStringLiteral("fc2"), 8, 8}));
    // The value labels show the choice.
    bool found = false;
    for (QLabel *label : panel.findChildren<QLabel *>())
        found = found || label->text() == QStringLiteral("2-bit");
    QVERIFY(found);
}

void TestBitWidthPanel::perLayerEditRoundTrip()
{
    BitWidthPanel panel;
    panel.setLayers(sampleLayers());
    QSignalSpy spy(&panel, &BitWidthPanel::bitsChanged);
    QVERIFY(panel.setLayerBits(2, 3, 5));
    QVERIFY(!panel.setLayerBits(9, 3, 5));
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(lastSelection(spy).layers[2], (LayerBitsChoice{QStringLiteral("fc1"), 3, 5}));
    const QVector<LayerBitsRow> rows = panel.layers();
    QVERIFY(!rows[2].followsGlobal);
    QCOMPARE(rows[2].weightBits, 3);
    // The table shows it, and a later global move leaves the detached row alone.
    auto *table = panel.findChild<QTableWidget *>();
    QCOMPARE(static_cast<QComboBox *>(table->cellWidget(2, 2))->currentText(),
             QStringLiteral("3-bit"));
    QCOMPARE(static_cast<QComboBox *>(table->cellWidget(2, 3))->currentText(),
             QStringLiteral("5-bit"));
    // Size column: 1,179,776 params at 3 bits = 442,416 bytes.
    QVERIFY2(table->item(2, 6)->text().contains(QStringLiteral("442")),
             qPrintable(table->item(2, 6)->text()));
    slider(panel, QStringLiteral("Weight bits"))->setValue(0);
    QTRY_COMPARE(spy.count(), 2);
    QCOMPARE(lastSelection(spy).layers[2], (LayerBitsChoice{QStringLiteral("fc1"), 3, 5}));
    QCOMPARE(lastSelection(spy).layers[1].weightBits, 1);
    // Re-checking "Global" re-attaches the row.
    table->item(2, 4)->setCheckState(Qt::Checked);
    QTRY_COMPARE(spy.count(), 3);
    QCOMPARE(lastSelection(spy).layers[2].weightBits, 1);
    QCOMPARE(lastSelection(spy).layers[2].activationBits, 32);
}

void TestBitWidthPanel::comboEditDetachesRow()
{
    BitWidthPanel panel;
    panel.setLayers(sampleLayers());
    QSignalSpy spy(&panel, &BitWidthPanel::bitsChanged);
    auto *table = panel.findChild<QTableWidget *>();
    auto *combo = static_cast<QComboBox *>(table->cellWidget(1, 2));
    combo->setCurrentIndex(combo->findData(6));
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(lastSelection(spy).layers[1], (LayerBitsChoice{QStringLiteral("conv2"), 6, 32}));
    QCOMPARE(table->item(1, 4)->checkState(), Qt::Unchecked);
}

void TestBitWidthPanel::statsAndRetrain()
{
    BitWidthPanel panel;
    panel.setLayers(sampleLayers());
    ModelSizeStats stats;
    stats.parameters = 1199882;
    stats.sizeBytes = 1200000;
    stats.floatSizeBytes = 4800000;
    stats.bops = 2.5e9;
    stats.testAccuracy = 0.9912;
    panel.setModelStats(stats);
    QString text;
    for (QLabel *label : panel.findChildren<QLabel *>())
        if (label->text().contains(QStringLiteral("BOPs")))
            text = label->text();
    QVERIFY2(text.contains(QStringLiteral("4.0×")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("2.50\u00a0G")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("99.12 %")), qPrintable(text));
    QSignalSpy retrain(&panel, &BitWidthPanel::retrainRequested);
    QPushButton *button = nullptr;
    for (QPushButton *b : panel.findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("Retrain"))
            button = b;
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(retrain.count(), 1);
    QCOMPARE(retrain.first().first().value<BitWidthSelection>().layers.size(), 4);
}

QTEST_MAIN(TestBitWidthPanel)
#include "tst_bit_width_panel.moc"
