// SPDX-License-Identifier: MIT
// Renders every widget with realistic sample data to PNG so a person can look at layout,
// clipping and readability (set QL_SCREENSHOT_DIR to keep the files), and checks that each
// rendering is a real picture. Also renders right-to-left variants (Persian layout).
#include "widgets/bit_width_panel.h"
#include "widgets/confusion_matrix_view.h"
#include "widgets/image_drop_area.h"
#include "widgets/image_drop_filter.h"
#include "widgets/saliency_compare_view.h"
#include "widgets/saliency_gallery.h"
#include "widgets/training_plot.h"
#include "widgets/training_progress_widget.h"

#include <QPainter>
#include <QVBoxLayout>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ql::widgets;

namespace {
/// A light-on-dark "7" at 28x28, like an MNIST digit.
QImage digit()
{
    QImage image(28, 28, QImage::Format_Grayscale8);
    image.fill(Qt::black);
    QPainter painter(&image);
    painter.setPen(QPen(Qt::white, 3));
    painter.drawLine(7, 7, 21, 7);
    painter.drawLine(21, 7, 12, 23);
    return image;
}

/// A blob heat map in RGB with the given centre, standing in for a rendered saliency map.
QImage heat(double cx, double cy, double spread)
{
    QImage image(28, 28, QImage::Format_RGB32);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            const double v = std::exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / spread);
            image.setPixelColor(x, y, QColor::fromHsvF(0.75 - 0.7 * v, 0.9, 0.2 + 0.8 * v));
        }
    return image;
}

QImage colourBar()
{
    QImage image(256, 1, QImage::Format_RGB32);
    for (int x = 0; x < 256; ++x)
        image.setPixelColor(x, 0, QColor::fromHsvF(0.75 - 0.7 * x / 255.0, 0.9, 0.2 + 0.8 * x / 255.0));
    return image;
}
} // namespace

class TestWidgetScreenshots : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void trainingPlots();
    void bitWidthPanel_data();
    void bitWidthPanel();
    void saliencyCompareView_data();
    void saliencyCompareView();
    void confusionMatrix();
    void smallWidgets();

private:
    void save(QWidget *widget, const QString &name);
    QTemporaryDir m_tmp;
    QString m_dir;
};

void TestWidgetScreenshots::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_dir = qEnvironmentVariable("QL_SCREENSHOT_DIR", m_tmp.path());
    QVERIFY(QDir().mkpath(m_dir));
}

void TestWidgetScreenshots::save(QWidget *widget, const QString &name)
{
    widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(widget));
    QTest::qWait(2 * TrainingPlot::kReplotDelayMs + 30); // coalesced redraws land
    const QImage image = widget->grab().toImage();
    QVERIFY(!image.isNull());
    // A real picture has many colours; a blank or failed render has one or two.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, qPrintable(name));
    QVERIFY(image.save(QDir(m_dir).filePath(name + QStringLiteral(".png"))));
}

void TestWidgetScreenshots::trainingPlots()
{
    TrainingPlot loss;
    loss.resize(640, 360);
    loss.setTitle(QStringLiteral("Loss"));
    loss.setAxisLabels(QStringLiteral("step"), QStringLiteral("loss"));
    for (int i = 0; i < 20000; ++i) {
        const double noise = 0.05 * std::sin(i * 0.7) * std::exp(-i / 8000.0);
        loss.appendPoint(QStringLiteral("A: CE"), i, 2.3 * std::exp(-i / 1500.0) + 0.03 + noise);
        loss.appendPoint(QStringLiteral("A: KL"), i, 0.4 * std::exp(-i / 3000.0) + 0.01);
        loss.appendPoint(QStringLiteral("B: CE"), i, 2.3 * std::exp(-i / 2000.0) + 0.05 + noise);
        loss.appendPoint(QStringLiteral("B: KL"), i, 0.5 * std::exp(-i / 3500.0) + 0.02);
    }
    loss.setLogScale(true);
    save(&loss, QStringLiteral("training_plot_loss"));

    TrainingPlot accuracy;
    accuracy.resize(640, 360);
    accuracy.setLogScaleToggleVisible(false);
    accuracy.setYBounds(0, 1);
    accuracy.setTitle(QStringLiteral("Accuracy"));
    accuracy.setAxisLabels(QStringLiteral("epoch"), QStringLiteral("accuracy"));
    for (int e = 1; e <= 10; ++e) {
        accuracy.appendPoint(QStringLiteral("A train"), e, 1 - 0.1 * std::exp(-e * 0.7));
        accuracy.appendPoint(QStringLiteral("A test"), e, 0.99 - 0.1 * std::exp(-e * 0.6));
        accuracy.addSeries(QStringLiteral("B test"), QColor(), Qt::DashLine);
        accuracy.appendPoint(QStringLiteral("B test"), e, 0.985 - 0.2 * std::exp(-e * 0.6));
    }
    save(&accuracy, QStringLiteral("training_plot_accuracy"));
}

void TestWidgetScreenshots::bitWidthPanel_data()
{
    QTest::addColumn<bool>("rtl");
    QTest::newRow("ltr") << false;
    QTest::newRow("rtl") << true;
}

void TestWidgetScreenshots::bitWidthPanel()
{
    QFETCH(bool, rtl);
    BitWidthPanel panel;
    panel.setLayoutDirection(rtl ? Qt::RightToLeft : Qt::LeftToRight);
    panel.resize(620, 420);
    panel.setLayers({{QStringLiteral("conv1"), QStringLiteral("conv 1→32 3×3"), 8, 8, 320, false},
                     {QStringLiteral("conv2"), QStringLiteral("conv 32→64 3×3"), 4, 4, 18496, true},
                     {QStringLiteral("fc1"), QStringLiteral("linear 9216→128"), 4, 4, 1179776, true},
                     {QStringLiteral("fc2"), QStringLiteral("linear 128→10"), 8, 8, 1290, false}});
    panel.setGlobalBits(4, 4);
    panel.setModelStats({1199882, 601240, 4799528, 1.9e9, 0.9907});
    save(&panel, rtl ? QStringLiteral("bit_width_panel_rtl") : QStringLiteral("bit_width_panel"));
}

void TestWidgetScreenshots::saliencyCompareView_data()
{
    QTest::addColumn<bool>("rtl");
    QTest::newRow("ltr") << false;
    QTest::newRow("rtl") << true;
}

void TestWidgetScreenshots::saliencyCompareView()
{
    QFETCH(bool, rtl);
    SaliencyCompareView view;
    view.setLayoutDirection(rtl ? Qt::RightToLeft : Qt::LeftToRight);
    view.resize(1000, 470);
    SaliencyComparison c;
    c.title = QStringLiteral("my_digit.png");
    c.input = digit();
    c.mapA = heat(14, 8, 30);
    c.mapB = heat(16, 14, 60);
    c.difference = heat(10, 10, 20);
    c.colorBar = colourBar();
    c.scaleMax = 0.42;
    c.a.modelName = QStringLiteral("float");
    c.a.top = {{QStringLiteral("7"), 0.971}, {QStringLiteral("1"), 0.012}, {QStringLiteral("9"), 0.008}};
    c.b.modelName = QStringLiteral("PACT 4-bit + SGT");
    c.b.top = {{QStringLiteral("1"), 0.6}, {QStringLiteral("7"), 0.3}, {QStringLiteral("2"), 0.05}};
    c.agreement.spearman = 0.81;
    c.agreement.topKIoU = 0.47;
    c.agreement.ssim = 0.66;
    c.trueLabel = QStringLiteral("7");
    view.setComparison(c);
    view.setBusy(true);
    save(&view, rtl ? QStringLiteral("saliency_compare_rtl") : QStringLiteral("saliency_compare"));
    QVERIFY(view.exportPng(QDir(m_dir).filePath(rtl ? QStringLiteral("saliency_export_rtl.png")
                                                    : QStringLiteral("saliency_export.png"))));
}

void TestWidgetScreenshots::confusionMatrix()
{
    ConfusionMatrixView view;
    view.resize(520, 520);
    view.setTitle(QStringLiteral("Model A (float), test set"));
    const QStringList names{QStringLiteral("airplane"), QStringLiteral("automobile"),
                            QStringLiteral("bird"),     QStringLiteral("cat"),
                            QStringLiteral("deer"),     QStringLiteral("dog"),
                            QStringLiteral("frog"),     QStringLiteral("horse"),
                            QStringLiteral("ship"),     QStringLiteral("truck")};
    QVector<QVector<qint64>> counts(10, QVector<qint64>(10, 0));
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 10; ++c)
            counts[r][c] = r == c ? 700 + 25 * r : (r * 7 + c * 3) % 40;
    counts[3][5] = 210; // cats taken for dogs
    view.setMatrix(counts, names);
    save(&view, QStringLiteral("confusion_matrix"));
}

void TestWidgetScreenshots::smallWidgets()
{
    QWidget holder;
    auto *layout = new QVBoxLayout(&holder);
    auto *progress = new TrainingProgressWidget(&holder);
    progress->setProgress({QStringLiteral("Model B (PACT 4-bit + SGT)"), 3, 10, 212, 469, 1843.0, 412.0});
    progress->setStatusText(QStringLiteral("Training"));
    auto *drop = new ImageDropArea(&holder);
    Q_EMIT drop->dropFilter()->dropRejected(
        QStringLiteral("“paper.pdf” is not a supported image. Drop PNG, JPEG or BMP files, or a folder of them."));
    auto *gallery = new SaliencyGallery(&holder);
    for (int i = 0; i < 6; ++i)
        gallery->addImage(QString::number(i), i % 2 ? digit() : heat(6 + 3 * i, 14, 40),
                          QStringLiteral("image_%1.png").arg(i));
    gallery->setItemStatus(QStringLiteral("1"), QStringLiteral("A: 7  B: 1"));
    layout->addWidget(progress);
    layout->addWidget(drop);
    layout->addWidget(gallery, 1);
    holder.resize(720, 430);
    save(&holder, QStringLiteral("progress_drop_gallery"));
}

QTEST_MAIN(TestWidgetScreenshots)
#include "tst_widget_screenshots.moc"
