// SPDX-License-Identifier: MIT
// Colour-map tables against matplotlib's published values (hex codes from the matplotlib
// colormap reference: viridis #440154 .. #fde725, mid #21918c; inferno #000004 .. #fcffa4;
// jet (0, 0, 0.5) .. (0.5, 0, 0); RdBu_r = ColorBrewer RdBu reversed #053061 .. #67001f with
// #f7f7f7 in the middle).
#include "core/imaging/colormap.h"

#include <QTest>

#include <cstdlib>

using namespace ql::imaging;
using Rgb = std::array<uint8_t, 3>;

Q_DECLARE_METATYPE(Rgb)

namespace {

bool near(const Rgb &a, const Rgb &b, int tol)
{
    for (int c = 0; c < 3; ++c) {
        if (std::abs(int(a[c]) - int(b[c])) > tol)
            return false;
    }
    return true;
}

QByteArray text(const Rgb &c)
{
    return QByteArray::number(c[0]) + "," + QByteArray::number(c[1]) + "," +
           QByteArray::number(c[2]);
}

} // namespace

class TestRenderColormap : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void publishedValues_data();
    void publishedValues();
    void clampsAndNaN();
    void names();
};

void TestRenderColormap::publishedValues_data()
{
    QTest::addColumn<int>("map");
    QTest::addColumn<float>("t");
    QTest::addColumn<Rgb>("expected");
    QTest::addColumn<int>("tolerance");
    QTest::newRow("viridis-0") << int(ColorMap::Viridis) << 0.0f << Rgb{68, 1, 84} << 1;
    QTest::newRow("viridis-1") << int(ColorMap::Viridis) << 1.0f << Rgb{253, 231, 37} << 1;
    QTest::newRow("viridis-mid") << int(ColorMap::Viridis) << 0.5f << Rgb{33, 145, 140} << 2;
    QTest::newRow("inferno-0") << int(ColorMap::Inferno) << 0.0f << Rgb{0, 0, 4} << 1;
    QTest::newRow("inferno-1") << int(ColorMap::Inferno) << 1.0f << Rgb{252, 255, 164} << 1;
    QTest::newRow("jet-0") << int(ColorMap::Jet) << 0.0f << Rgb{0, 0, 128} << 1;
    QTest::newRow("jet-1") << int(ColorMap::Jet) << 1.0f << Rgb{128, 0, 0} << 1;
    // jet(0.5): red 0.49, green 1, blue 0.48 from matplotlib's segment data.
    QTest::newRow("jet-mid") << int(ColorMap::Jet) << 0.5f << Rgb{125, 255, 122} << 2;
    QTest::newRow("diverging-0") << int(ColorMap::Diverging) << 0.0f << Rgb{5, 48, 97} << 0;
    QTest::newRow("diverging-1") << int(ColorMap::Diverging) << 1.0f << Rgb{103, 0, 31} << 0;
    QTest::newRow("diverging-mid") << int(ColorMap::Diverging) << 0.5f << Rgb{247, 247, 247} << 2;
}

void TestRenderColormap::publishedValues()
{
    QFETCH(int, map);
    QFETCH(float, t);
    QFETCH(Rgb, expected);
    QFETCH(int, tolerance);
    const Rgb got = colorAt(static_cast<ColorMap>(map), t);
    QVERIFY2(near(got, expected, tolerance), "got " + text(got) + ", expected " + text(expected));
}

void TestRenderColormap::clampsAndNaN()
{
    QCOMPARE(colorAt(ColorMap::Viridis, -3.0f), colorAt(ColorMap::Viridis, 0.0f));
    QCOMPARE(colorAt(ColorMap::Viridis, 7.0f), colorAt(ColorMap::Viridis, 1.0f));
    QCOMPARE(colorAt(ColorMap::Inferno, std::nanf("")), colorAt(ColorMap::Inferno, 0.0f));
    // Sequential maps brighten monotonically in luma (what makes "weaker looks weaker" work).
    const auto &table = colorTable(ColorMap::Viridis);
    auto luma = [](const Rgb &c) { return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]; };
    for (int i = 8; i < 256; i += 8)
        QVERIFY(luma(table[i]) > luma(table[i - 8]));
}

void TestRenderColormap::names()
{
    for (const auto &name : colorMapNames())
        QCOMPARE(toString(colorMapFromString(name)), name);
    QVERIFY(colorMapFromString("RdBu") == ColorMap::Diverging);
    QVERIFY(isDiverging(ColorMap::Diverging) && !isDiverging(ColorMap::Jet));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, colorMapFromString("rainbow"));
}

QTEST_GUILESS_MAIN(TestRenderColormap)
#include "tst_render_colormap.moc"
