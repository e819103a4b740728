// SPDX-License-Identifier: MIT
// Shared scales, percentile clipping, overlays, difference maps, zoom, grids, plots and PNG I/O.
#include "core/imaging/line_plot.h"
#include "core/imaging/rgb_image.h"
#include "core/imaging/saliency_render.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace ql::imaging;

namespace {

FloatImage map(int w, int h, std::vector<float> values)
{
    FloatImage m;
    m.width = w;
    m.height = h;
    m.data = std::move(values);
    return m;
}

std::array<uint8_t, 3> at(const RgbImage &img, int x, int y)
{
    const uint8_t *p = img.pixel(x, y);
    return {p[0], p[1], p[2]};
}

double luma(const std::array<uint8_t, 3> &c)
{
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
}

} // namespace

class TestRenderSaliency : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void percentileLikeNumpy();
    void percentileClipsOutliers();
    void sharedScaleWeakerLooksWeaker();
    void signedScale();
    void overlayOpacity();
    void differenceMap();
    void zoomIsExactNearestNeighbour();
    void gridLayout();
    void pngRoundTrip();
    void pngErrors();
    void linePlot();
};

void TestRenderSaliency::percentileLikeNumpy()
{
    // numpy.percentile (linear): [1..10] p99 -> 9.91; [3,1,4,1,5,9,2,6] p50 -> 3.5, p98 -> 8.58.
    std::vector<float> ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    QVERIFY(std::abs(percentile(ten, 99.0) - 9.91) < 1e-6);
    QVERIFY(std::abs(percentile({3, 1, 4, 1, 5, 9, 2, 6}, 50.0) - 3.5) < 1e-6);
    QVERIFY(std::abs(percentile({3, 1, 4, 1, 5, 9, 2, 6}, 98.0) - 8.58) < 1e-5);
    QCOMPARE(percentile(ten, 0.0), 1.0);
    QCOMPARE(percentile(ten, 100.0), 10.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, percentile({}, 50.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, percentile(ten, 101.0));
}

void TestRenderSaliency::percentileClipsOutliers()
{
    // 199 values 0.005 .. 0.995 plus one outlier 100: the 99th percentile stays near 1, so the
    // outlier is clipped and does not darken everything else.
    std::vector<float> values;
    for (int i = 1; i < 200; ++i)
        values.push_back(i * 0.005f);
    values.push_back(100.0f);
    const FloatImage m = map(20, 10, values);
    const DisplayScale clipped = sharedScale({&m}, false, 99.0);
    QVERIFY(clipped.high > 0.9f && clipped.high < 1.5f);
    QCOMPARE(clipped.position(100.0f), 1.0f);
    QVERIFY(clipped.position(0.5f) > 0.3f);
    const DisplayScale unclipped = sharedScale({&m}, false, 100.0);
    QCOMPARE(unclipped.high, 100.0f);
    QVERIFY(unclipped.position(0.5f) < 0.01f);
}

void TestRenderSaliency::sharedScaleWeakerLooksWeaker()
{
    std::vector<float> strong;
    std::vector<float> weak;
    for (int i = 0; i < 16; ++i) {
        strong.push_back(i / 15.0f);
        weak.push_back(0.4f * i / 15.0f);
    }
    const FloatImage a = map(4, 4, strong);
    const FloatImage b = map(4, 4, weak);
    const DisplayScale shared = sharedScale({&a, &b}, false, 100.0);
    RenderOptions options; // viridis, no background
    const RgbImage ra = renderMap(a, shared, options);
    const RgbImage rb = renderMap(b, shared, options);
    // The weaker map's brightest pixel is dimmer than the stronger map's.
    QVERIFY(luma(at(rb, 3, 3)) < luma(at(ra, 3, 3)) - 20.0);
    QCOMPARE(at(ra, 3, 3), colorAt(ColorMap::Viridis, 1.0f));
    QCOMPARE(at(rb, 3, 3), colorAt(ColorMap::Viridis, 0.4f));
    // Per-image normalisation would have hidden it.
    const RgbImage own = renderMap(b, sharedScale({&b}, false, 100.0), options);
    QCOMPARE(at(own, 3, 3), at(ra, 3, 3));
}

void TestRenderSaliency::signedScale()
{
    const FloatImage m = map(3, 1, {-2.0f, 0.0f, 1.0f});
    const DisplayScale s = sharedScale({&m}, true, 100.0);
    QCOMPARE(s.high, 2.0f);
    QCOMPARE(s.position(-2.0f), 0.0f);
    QCOMPARE(s.position(0.0f), 0.5f);
    QCOMPARE(s.position(1.0f), 0.75f);
    RenderOptions o;
    o.colorMap = ColorMap::Diverging;
    const RgbImage r = renderMap(m, s, o);
    QCOMPARE(at(r, 0, 0), colorAt(ColorMap::Diverging, 0.0f)); // deep blue
    QCOMPARE(at(r, 1, 0), colorAt(ColorMap::Diverging, 0.5f)); // white
    // Absolute mode reads |v|.
    const DisplayScale abs = sharedScale({&m}, false, 100.0);
    QCOMPARE(abs.position(-2.0f), 1.0f);
}

void TestRenderSaliency::overlayOpacity()
{
    const FloatImage m = map(2, 1, {0.0f, 1.0f});
    FloatImage input = map(2, 1, {-1.0f, 3.0f}); // stretched to gray 0 and 1
    const DisplayScale s = sharedScale({&m}, false, 100.0);
    RenderOptions o;
    o.opacity = 0.0f;
    RgbImage r = renderMap(m, s, o, &input);
    QCOMPARE(at(r, 0, 0), (std::array<uint8_t, 3>{0, 0, 0}));
    QCOMPARE(at(r, 1, 0), (std::array<uint8_t, 3>{255, 255, 255}));
    o.opacity = 1.0f;
    r = renderMap(m, s, o, &input);
    QCOMPARE(at(r, 1, 0), colorAt(ColorMap::Viridis, 1.0f));
    o.opacity = 0.5f;
    r = renderMap(m, s, o, &input);
    const auto c = colorAt(ColorMap::Viridis, 1.0f);
    QCOMPARE(int(at(r, 1, 0)[2]), int(std::lround(0.5 * 255 + 0.5 * c[2])));
    // RGB inputs use luma; a size mismatch is an error.
    FloatImage rgb;
    rgb.width = 2;
    rgb.height = 1;
    rgb.channels = 3;
    rgb.data = {0, 1, 0, 1, 0, 1}; // pixel 0 = (0, 0, 0), pixel 1 = (1, 1, 1)
    o.opacity = 0.0f;
    QCOMPARE(at(renderMap(m, s, o, &rgb), 1, 0), (std::array<uint8_t, 3>{255, 255, 255}));
    FloatImage wrong = map(3, 1, {0, 0, 0});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, renderMap(m, s, o, &wrong));
}

void TestRenderSaliency::differenceMap()
{
    const FloatImage a = map(3, 1, {1.0f, 0.5f, 0.0f});
    const FloatImage b = map(3, 1, {1.0f, 0.0f, 0.5f});
    const DisplayScale s = sharedScale({&a, &b}, false, 100.0); // high = 1
    const RgbImage d = renderDifference(a, b, s);
    QCOMPARE(at(d, 0, 0), colorAt(ColorMap::Diverging, 0.5f));  // equal: white
    QCOMPARE(at(d, 1, 0), colorAt(ColorMap::Diverging, 0.75f)); // a stronger: red side
    QCOMPARE(at(d, 2, 0), colorAt(ColorMap::Diverging, 0.25f)); // b stronger: blue side
    QCOMPARE(renderDifference(a, b, s, 4).width, 12);
}

void TestRenderSaliency::zoomIsExactNearestNeighbour()
{
    RgbImage img(2, 2);
    for (int i = 0; i < 12; ++i)
        img.pixels[i] = static_cast<uint8_t>(i * 20);
    const RgbImage z = zoomNearest(img, 3);
    QCOMPARE(z.width, 6);
    QCOMPARE(z.height, 6);
    for (int y = 0; y < 6; ++y) {
        for (int x = 0; x < 6; ++x)
            QCOMPARE(at(z, x, y), at(img, x / 3, y / 3));
    }
    QCOMPARE(zoomNearest(img, 1).pixels, img.pixels);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, zoomNearest(img, 0));
    // renderMap's zoom does the same: a 28 x 28 map at zoom 8 is 224 x 224 with flat blocks.
    const FloatImage m = map(28, 28, std::vector<float>(28 * 28, 0.3f));
    RenderOptions o;
    o.zoom = 8;
    const RgbImage r = renderMap(m, DisplayScale{}, o);
    QCOMPARE(r.width, 224);
    QCOMPARE(at(r, 0, 0), at(r, 223, 223));
}

void TestRenderSaliency::gridLayout()
{
    const RgbImage cell(10, 5, 0);
    const RgbImage wide(20, 5, 0);
    const RgbImage grid = composeGrid({{cell, wide}, {cell}}, 2, 255);
    QCOMPARE(grid.width, 2 + 10 + 2 + 20 + 2);
    QCOMPARE(grid.height, 2 + 5 + 2 + 5 + 2);
    QCOMPARE(at(grid, 2, 2), (std::array<uint8_t, 3>{0, 0, 0}));        // first cell
    QCOMPARE(at(grid, 1, 1), (std::array<uint8_t, 3>{255, 255, 255}));  // gap
    QCOMPARE(at(grid, 16, 9), (std::array<uint8_t, 3>{255, 255, 255})); // missing cell stays blank
}

void TestRenderSaliency::pngRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RgbImage img(7, 3);
    for (size_t i = 0; i < img.pixels.size(); ++i)
        img.pixels[i] = static_cast<uint8_t>((i * 37) % 256);
    const std::string path = dir.filePath("out.png").toStdString();
    writePng(img, path);
    const RgbImage back = readRgbImage(path);
    QCOMPARE(back.width, 7);
    QCOMPARE(back.height, 3);
    QCOMPARE(back.pixels, img.pixels);
    // Overwriting is atomic: no temporary files are left behind.
    writePng(zoomNearest(img, 2), path);
    QCOMPARE(readRgbImage(path).width, 14);
    int files = 0;
    for ([[maybe_unused]] const auto &entry :
         std::filesystem::directory_iterator(dir.path().toStdString()))
        ++files;
    QCOMPARE(files, 1);
}

void TestRenderSaliency::pngErrors()
{
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             writePng(RgbImage(2, 2), "/nonexistent-folder/x/out.png"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writePng(RgbImage(), "/tmp/never.png"));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readRgbImage("/nonexistent-folder/none.png"));
}

void TestRenderSaliency::linePlot()
{
    PlotSeries s;
    s.name = "salient";
    s.x = {0.0, 0.5, 0.9};
    s.y = {1.0, 0.6, 0.1};
    s.color = {214, 39, 40};
    PlotSeries r = s;
    r.name = "random";
    r.y = {1.0, 0.9, 0.8};
    r.dashed = true;
    r.color = paletteColor(0);
    PlotOptions o;
    o.title = "Modification";
    o.xLabel = "fraction removed";
    o.yLabel = "accuracy";
    const RgbImage img = drawLinePlot({s, r}, o);
    QCOMPARE(img.width, 640);
    QCOMPARE(img.height, 440);
    int red = 0;
    for (int y = 0; y < img.height; ++y) {
        for (int x = 0; x < img.width; ++x) {
            if (at(img, x, y) == s.color)
                ++red;
        }
    }
    QVERIFY(red > 100); // the line was drawn in its colour
}

QTEST_GUILESS_MAIN(TestRenderSaliency)
#include "tst_render_saliency.moc"
