// SPDX-License-Identifier: MIT
#include "widgets/bit_width_panel.h"
#include "widgets/slider_tick_labels.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHeaderView>
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
    void tickTextsNeverOverlap_data();
    void tickTextsNeverOverlap();
    void tickTextsElideWhenTooNarrow();
    void layerNamesAreNotCut();
    void rowsShowTheBitsThatRun();
    void accuracySaysWhoseItIs();
    void numbersFollowTheLanguage();
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
    QCOMPARE(panel.selection().layers[0], (LayerBitsChoice{QStringLiteral("conv1"), 8, 8, false}));
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
    QCOMPARE(sel.layers[0], (LayerBitsChoice{QStringLiteral("conv1"), 8, 8, false}));
    QCOMPARE(sel.layers[1], (LayerBitsChoice{QStringLiteral("conv2"), 2, 4}));
    QCOMPARE(sel.layers[2], (LayerBitsChoice{QStringLiteral("fc1"), 2, 4}));
    QCOMPARE(sel.layers[3], (LayerBitsChoice{QStringLiteral("fc2"), 8, 8, false}));
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
    QCOMPARE(lastSelection(spy).layers[2], (LayerBitsChoice{QStringLiteral("fc1"), 3, 5, false}));
    const QVector<LayerBitsRow> rows = panel.layers();
    QVERIFY(!rows[2].followsGlobal);
    QCOMPARE(rows[2].weightBits, 3);
    // The table shows it, and a later global move leaves the detached row alone.
    auto *table = panel.findChild<QTableWidget *>();
    QCOMPARE(static_cast<QComboBox *>(table->cellWidget(2, 2))->currentText(),
             QStringLiteral("3-bit"));
    QCOMPARE(static_cast<QComboBox *>(table->cellWidget(2, 3))->currentText(),
             QStringLiteral("5-bit"));
    // Size column: unknown ("…") until the app measures the new bits (core's accounting),
    // then what the app says: never a formula of the widget's own.
    QCOMPARE(table->item(2, 6)->text(), QStringLiteral("…"));
    QVector<LayerBitsRow> described = panel.layers();
    described[2].sizeBytes = 442420;
    panel.updateLayers(described);
    QVERIFY2(table->item(2, 6)->text().contains(QStringLiteral("442")),
             qPrintable(table->item(2, 6)->text()));
    slider(panel, QStringLiteral("Weight bits"))->setValue(0);
    QTRY_COMPARE(spy.count(), 2);
    QCOMPARE(lastSelection(spy).layers[2], (LayerBitsChoice{QStringLiteral("fc1"), 3, 5, false}));
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
    QCOMPARE(lastSelection(spy).layers[1],
             (LayerBitsChoice{QStringLiteral("conv2"), 6, 32, false}));
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

void TestBitWidthPanel::rowsShowTheBitsThatRun()
{
    // The app's description at global 2/2 bits with the 8-bit edge rule: conv1 and fc2 run at 8.
    BitWidthPanel panel;
    QVector<LayerBitsRow> rows = sampleLayers();
    for (auto &row : rows)
        row.followsGlobal = true;
    panel.setLayers(rows);
    panel.setGlobalBits(2, 2);
    QVector<LayerBitsRow> described = panel.layers();
    for (int i = 0; i < 4; ++i) {
        const bool edge = i == 0 || i == 3;
        described[i].weightBits = described[i].activationBits = edge ? 8 : 2;
        described[i].sizeBytes = 100.0 * (i + 1);
    }
    panel.updateLayers(described);
    auto *table = panel.findChild<QTableWidget *>();
    QCOMPARE(static_cast<QComboBox *>(table->cellWidget(0, 2))->currentText(),
             QStringLiteral("8-bit"));
    QCOMPARE(static_cast<QComboBox *>(table->cellWidget(1, 2))->currentText(),
             QStringLiteral("2-bit"));
    QCOMPARE(table->item(0, 4)->checkState(), Qt::Checked); // still following the sliders
    QVERIFY2(table->item(0, 6)->text().contains(QStringLiteral("100")),
             qPrintable(table->item(0, 6)->text()));
    // Choosing the global value for conv1 is a choice: it becomes an override.
    QSignalSpy spy(&panel, &BitWidthPanel::bitsChanged);
    QVERIFY(panel.setLayerBits(0, 2, 2));
    QTRY_COMPARE(spy.count(), 1);
    QCOMPARE(lastSelection(spy).layers[0], (LayerBitsChoice{QStringLiteral("conv1"), 2, 2, false}));
    QCOMPARE(lastSelection(spy).layers[3], (LayerBitsChoice{QStringLiteral("fc2"), 8, 8, true}));
}

void TestBitWidthPanel::accuracySaysWhoseItIs()
{
    BitWidthPanel panel;
    QVERIFY2(panel.statsText().contains(QStringLiteral("Parameters: –")),
             qPrintable(panel.statsText()));
    ModelSizeStats stats;
    stats.parameters = 1000;
    stats.testAccuracy = 0.977;
    stats.accuracySource = ModelSizeStats::AccuracySource::Preview;
    stats.accuracyImages = 2000;
    panel.setModelStats(stats);
    QVERIFY2(panel.statsText().contains(
                 QStringLiteral("Post-training preview: 97.70 % on 2,000 test images")),
             qPrintable(panel.statsText()));
    stats.testAccuracy = 0.9842;
    stats.accuracySource = ModelSizeStats::AccuracySource::Trained;
    stats.accuracyImages = 10000;
    panel.setModelStats(stats);
    QVERIFY2(panel.statsText().contains(
                 QStringLiteral("Trained quantized model: 98.42 % on 10,000 test images")),
             qPrintable(panel.statsText()));
    QVERIFY(!panel.statsText().contains(QStringLiteral("preview")));
}

void TestBitWidthPanel::numbersFollowTheLanguage()
{
    BitWidthPanel panel;
    panel.setLayers(sampleLayers());
    auto *table = panel.findChild<QTableWidget *>();
    QCOMPARE(table->item(2, 5)->text(), QStringLiteral("1,179,776"));
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QEvent change(QEvent::LanguageChange);
    QApplication::sendEvent(&panel, &change);
    const QString german = table->item(2, 5)->text();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCOMPARE(german, QStringLiteral("1.179.776"));
}

QTEST_MAIN(TestBitWidthPanel)
namespace {
/// A slider with tick texts under it and a free cell beside it, as in the bit-width panel.
struct TickFixture {
    QWidget window;
    QSlider *slider;
    SliderTickLabels *ticks;
    TickFixture(const QStringList &texts, Qt::LayoutDirection direction, int width,
                const QString &valueText = QStringLiteral("8-bit"))
    {
        window.setLayoutDirection(direction);
        auto *grid = new QGridLayout(&window);
        slider = new QSlider(Qt::Horizontal, &window);
        slider->setRange(0, texts.size() - 1);
        slider->setTickPosition(QSlider::TicksBelow);
        auto *value = new QLabel(valueText, &window);
        ticks = new SliderTickLabels(slider, texts, &window);
        grid->addWidget(slider, 0, 0);
        grid->addWidget(value, 0, 1);
        grid->addWidget(ticks, 1, 0, 1, 2);
        grid->setColumnStretch(0, 1);
        window.resize(width, 80);
        window.show();
        window.layout()->activate();
    }
};

QStringList bitTexts(const QString &last)
{
    QStringList texts;
    for (int i = 1; i <= 8; ++i)
        texts << QString::number(i);
    return texts << last;
}
} // namespace

void TestBitWidthPanel::tickTextsNeverOverlap_data()
{
    QTest::addColumn<QString>("last");
    QTest::addColumn<int>("direction");
    QTest::addColumn<QString>("value"); // the text beside the slider, as wide as its column
    QTest::addColumn<bool>("elided");
    const QString german = QStringLiteral("Gleitkommazahl");
    const QString persian = QString::fromUtf8("ممیز شناور");
    QTest::newRow("float ltr") << QStringLiteral("float") << int(Qt::LeftToRight)
                               << QStringLiteral("8-bit") << false;
    QTest::newRow("long ltr, room beside") << german << int(Qt::LeftToRight) << german << false;
    QTest::newRow("long rtl, room beside") << persian << int(Qt::RightToLeft) << persian << false;
    QTest::newRow("long ltr, no room")
        << german << int(Qt::LeftToRight) << QStringLiteral("8") << true;
    QTest::newRow("long rtl, no room")
        << persian << int(Qt::RightToLeft) << QStringLiteral("8") << true;
}

void TestBitWidthPanel::tickTextsNeverOverlap()
{
    QFETCH(QString, last);
    QFETCH(int, direction);
    QFETCH(QString, value);
    QFETCH(bool, elided);
    TickFixture f(bitTexts(last), Qt::LayoutDirection(direction), 320, value);
    const auto placements = f.ticks->placements();
    QCOMPARE(placements.size(), 9);
    const bool rtl = direction == Qt::RightToLeft;
    for (int i = 0; i < placements.size(); ++i) {
        const QRect r = placements[i].rect;
        // Only a long last text without room is elided, never a digit.
        QCOMPARE(placements[i].text == f.ticks->texts()[i], !(elided && i == 8));
        QVERIFY2(r.left() >= 0 && r.right() < f.ticks->width(), qPrintable(QString::number(i)));
        if (i > 0) {
            // Visual order follows the ticks, with a free gap between neighbours.
            const QRect prev = placements[i - 1].rect;
            const int gap = rtl ? prev.left() - (r.right() + 1) : r.left() - (prev.right() + 1);
            QVERIFY2(
                gap >= 4,
                qPrintable(
                    QStringLiteral("texts %1 and %2 overlap: gap %3").arg(i - 1).arg(i).arg(gap)));
        }
        // The digits sit centred under their ticks.
        if (i < 8)
            QVERIFY(std::abs(r.center().x() - f.ticks->tickCentre(i)) <= 1);
    }
    // The ticks run left to right, or right to left under RTL.
    QCOMPARE(f.ticks->tickCentre(8) > f.ticks->tickCentre(0), !rtl);
}

void TestBitWidthPanel::tickTextsElideWhenTooNarrow()
{
    TickFixture f(bitTexts(QStringLiteral("a very long translation of float")), Qt::LeftToRight,
                  40);
    f.ticks->resize(120, f.ticks->height()); // narrower than its minimum size
    const auto placements = f.ticks->placements();
    QVERIFY(placements[8].text != f.ticks->texts()[8]);
    for (int i = 1; i < placements.size(); ++i)
        QVERIFY(!placements[i].rect.intersects(placements[i - 1].rect));
}

void TestBitWidthPanel::layerNamesAreNotCut()
{
    BitWidthPanel panel;
    QVector<LayerBitsRow> layers = sampleLayers();
    layers[1].name = QStringLiteral("layer3.2.conv2.quantized");
    panel.setLayers(layers);
    panel.resize(360, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *table = panel.findChild<QTableWidget *>();
    QVERIFY(table);
    const int needed = table->fontMetrics().horizontalAdvance(layers[1].name);
    QVERIFY2(
        table->columnWidth(0) >= needed,
        qPrintable(QStringLiteral("column %1 < text %2").arg(table->columnWidth(0)).arg(needed)));
}

#include "tst_bit_width_panel.moc"
