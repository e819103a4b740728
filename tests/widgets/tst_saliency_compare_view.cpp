// SPDX-License-Identifier: MIT
#include "widgets/image_tile.h"
#include "widgets/saliency_compare_view.h"
#include "widgets/saliency_gallery.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ql::widgets;

namespace {
/// 28x28 checkerboard of 4x4 blocks in two colours: blurring would mix them.
QImage checkerboard(QColor a, QColor b)
{
    QImage image(28, 28, QImage::Format_RGB32);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
            image.setPixelColor(x, y, ((x / 4 + y / 4) % 2) ? a : b);
    return image;
}

SaliencyComparison sampleComparison()
{
    SaliencyComparison c;
    c.title = QStringLiteral("digit.png");
    c.input = checkerboard(Qt::black, Qt::white);
    c.mapA = checkerboard(Qt::red, Qt::yellow);
    c.mapB = checkerboard(Qt::blue, Qt::cyan);
    c.difference = checkerboard(Qt::green, Qt::magenta);
    c.a.modelName = QStringLiteral("float");
    c.a.top = {
        {QStringLiteral("7"), 0.971}, {QStringLiteral("1"), 0.012}, {QStringLiteral("9"), 0.008}};
    c.b.modelName = QStringLiteral("PACT 4-bit + SGT");
    c.b.top = {{QStringLiteral("1"), 0.6}, {QStringLiteral("7"), 0.3}, {QStringLiteral("2"), 0.05}};
    c.agreement.spearman = 0.8123;
    c.agreement.topKIoU = 0.5;
    c.trueLabel = QStringLiteral("7");
    return c;
}

SaliencyRenderOptions lastOptions(const QSignalSpy &spy)
{
    return spy.last().first().value<SaliencyRenderOptions>();
}
} // namespace

class TestSaliencyCompareView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void controlsEmitRenderOptions();
    void setRenderOptionsIsSilent();
    void showsSuppliedImagesWithoutBlur();
    void texts();
    void exportAndClipboard();
    void galleryAddsAndSelects();
};

void TestSaliencyCompareView::controlsEmitRenderOptions()
{
    SaliencyCompareView view;
    QSignalSpy spy(&view, &SaliencyCompareView::renderOptionsChanged);
    const QList<QComboBox *> combos = view.findChildren<QComboBox *>();
    QCOMPARE(combos.size(), 2);
    QComboBox *method =
        combos[0]->findData(QStringLiteral("smoothgrad")) >= 0 ? combos[0] : combos[1];
    QComboBox *colours = method == combos[0] ? combos[1] : combos[0];

    method->setCurrentIndex(method->findData(QStringLiteral("smoothgrad")));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(lastOptions(spy).method, QStringLiteral("smoothgrad"));
    colours->setCurrentIndex(colours->findData(QStringLiteral("viridis")));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(lastOptions(spy).colorMap, QStringLiteral("viridis"));
    view.findChild<QSlider *>()->setValue(25);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(lastOptions(spy).overlayOpacity, 0.25);
    view.findChild<QDoubleSpinBox *>()->setValue(97.5);
    QCOMPARE(spy.count(), 4);
    QCOMPARE(lastOptions(spy).clipPercentile, 97.5);
    view.findChild<QCheckBox *>()->setChecked(true);
    QCOMPARE(spy.count(), 5);
    QVERIFY(lastOptions(spy).signedMap);
    QCOMPARE(lastOptions(spy), view.renderOptions());
}

void TestSaliencyCompareView::setRenderOptionsIsSilent()
{
    SaliencyCompareView view;
    QSignalSpy spy(&view, &SaliencyCompareView::renderOptionsChanged);
    SaliencyRenderOptions options;
    options.method = QStringLiteral("gradcam");
    options.colorMap = QStringLiteral("jet");
    options.overlayOpacity = 0.8;
    options.clipPercentile = 99.5;
    options.signedMap = true;
    view.setRenderOptions(options);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(view.renderOptions(), options);
    view.setMethodChoices({QStringLiteral("a"), QStringLiteral("gradcam")},
                          {QStringLiteral("A"), QStringLiteral("Grad-CAM")});
    QCOMPARE(spy.count(), 0);
    QCOMPARE(view.renderOptions().method, QStringLiteral("gradcam")); // kept when still offered
}

void TestSaliencyCompareView::showsSuppliedImagesWithoutBlur()
{
    SaliencyCompareView view;
    view.resize(1000, 520);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const SaliencyComparison c = sampleComparison();
    view.setComparison(c);
    const QList<ImageTile *> tiles = view.findChildren<ImageTile *>();
    QCOMPARE(tiles.size(), 4);
    ImageTile *mapA = nullptr;
    for (ImageTile *tile : tiles)
        if (tile->image() == c.mapA)
            mapA = tile;
    QVERIFY(mapA);
    QVERIFY(mapA->caption().contains(QStringLiteral("float")));
    const QRect target = mapA->imageRect();
    QVERIFY(target.width() >= 56);
    QCOMPARE(target.width() % 28, 0); // whole-number zoom
    // Each 4x4 block must be uniform on screen: nearest neighbour, no interpolation.
    const QImage shot = mapA->grab().toImage();
    const int zoom = target.width() / 28;
    for (int block = 0; block < 7; ++block) {
        const int x0 = target.x() + block * 4 * zoom;
        const int y0 = target.y() + 4 * zoom;
        const QColor first = shot.pixelColor(x0, y0);
        const QColor last = shot.pixelColor(x0 + 4 * zoom - 1, y0 + 4 * zoom - 1);
        QCOMPARE(first, last);
        QCOMPARE(first, QColor(block % 2 ? Qt::yellow : Qt::red));
    }
}

void TestSaliencyCompareView::texts()
{
    SaliencyComparison c = sampleComparison();
    const QString a = SaliencyCompareView::predictionText(c.a, c.trueLabel);
    QVERIFY2(a.contains(QStringLiteral("<b>7</b>")) && a.contains(QStringLiteral("97.1 %")) &&
                 a.contains(QStringLiteral("✓")) && a.contains(QStringLiteral("0.8 %")),
             qPrintable(a));
    const QString b = SaliencyCompareView::predictionText(c.b, c.trueLabel);
    QVERIFY2(b.contains(QStringLiteral("✗")) && b.contains(QStringLiteral("true: 7")),
             qPrintable(b));
    const QString agreement = SaliencyCompareView::agreementText(c.agreement);
    QVERIFY2(agreement.contains(QStringLiteral("0.812")) &&
                 agreement.contains(QStringLiteral("Top-10 % IoU: 0.500")) &&
                 agreement.contains(QStringLiteral("SSIM: –")),
             qPrintable(agreement));
    QCOMPARE(SaliencyCompareView::predictionText(ModelPrediction(), QString()),
             QStringLiteral("No prediction"));
}

void TestSaliencyCompareView::exportAndClipboard()
{
    QTemporaryDir dir;
    SaliencyCompareView view;
    view.resize(900, 480);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setComparison(sampleComparison());
    const QString path = dir.filePath(QStringLiteral("cmp.png"));
    QVERIFY(view.exportPng(path));
    const QImage image(path);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 600 && image.height() > 200);
    view.copyToClipboard();
    if (QGuiApplication::clipboard()->image().isNull())
        QSKIP("this platform plugin has no clipboard");
    QCOMPARE(QGuiApplication::clipboard()->image().size(), image.size());
}

void TestSaliencyCompareView::galleryAddsAndSelects()
{
    SaliencyGallery gallery;
    QSignalSpy selected(&gallery, &SaliencyGallery::imageSelected);
    gallery.addImage(QStringLiteral("/a.png"), checkerboard(Qt::black, Qt::white),
                     QStringLiteral("a.png"));
    gallery.addImage(QStringLiteral("/b.png"), QImage(), QStringLiteral("b.png"));
    gallery.addImage(QStringLiteral("/a.png"), checkerboard(Qt::red, Qt::white),
                     QStringLiteral("a (2)"));
    QCOMPARE(gallery.ids(), QStringList({QStringLiteral("/a.png"), QStringLiteral("/b.png")}));
    gallery.setItemStatus(QStringLiteral("/b.png"), QStringLiteral("A: 3, B: 8"));
    QCOMPARE(gallery.item(1)->text(), QStringLiteral("b.png\nA: 3, B: 8"));
    gallery.selectId(QStringLiteral("/b.png"));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().first().toString(), QStringLiteral("/b.png"));
    QCOMPARE(gallery.currentId(), QStringLiteral("/b.png"));
    QVERIFY(!gallery.item(0)->icon().isNull());
}

QTEST_MAIN(TestSaliencyCompareView)
#include "tst_saliency_compare_view.moc"
