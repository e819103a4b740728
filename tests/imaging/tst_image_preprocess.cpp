// SPDX-License-Identifier: MIT
// Preparing a user's image for a model: MNIST-style centring/inversion and letterboxing.
#include "core/data/normalization.h"
#include "core/imaging/preprocess.h"

#include <QTest>

using namespace ql::imaging;

namespace {

/// w x h grey image of `background` with a filled rectangle of `ink`.
ImageBuffer canvasWithBox(int w, int h, uint8_t background, uint8_t ink, int x0, int y0, int bw,
                          int bh)
{
    ImageBuffer img{w, h, 1, std::vector<uint8_t>(size_t(w * h), background)};
    for (int y = y0; y < y0 + bh; ++y)
        for (int x = x0; x < x0 + bw; ++x)
            img.pixels[size_t(y * w + x)] = ink;
    return img;
}

ImageBuffer toRgb(const ImageBuffer &grey)
{
    ImageBuffer out{grey.width, grey.height, 3, {}};
    for (uint8_t v : grey.pixels)
        out.pixels.insert(out.pixels.end(), {v, v, v});
    return out;
}

ModelInputSpec mnistSpec()
{
    return {1, 28, 28, true, ql::core::mnistNormalization()};
}

} // namespace

class TestImagePreprocess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mnistStyleCentresAndInverts_data()
    {
        QTest::addColumn<bool>("darkOnLight");
        QTest::addColumn<bool>("colour");
        QTest::newRow("dark ink on white paper (photo)") << true << true;
        QTest::newRow("light ink on black") << false << false;
    }
    void mnistStyleCentresAndInverts()
    {
        QFETCH(bool, darkOnLight);
        QFETCH(bool, colour);
        // A tall 10x40 stroke in the top-left of a 120x80 picture.
        ImageBuffer img =
            canvasWithBox(120, 80, darkOnLight ? 230 : 5, darkOnLight ? 20 : 250, 10, 5, 10, 40);
        if (colour)
            img = toRgb(img);
        const PreparedImage p = prepareImageForModel(img, mnistSpec());
        QCOMPARE(p.inverted, darkOnLight);
        QCOMPARE(p.shown.width, 28);
        QCOMPARE(p.shown.height, 28);
        QCOMPARE(p.shown.channels, 1);
        // Ink is bright, background 0; the ink's centre of mass is the image centre (14, 14)
        // and its longer side is 20 pixels, as in MNIST.
        double mass = 0, mx = 0, my = 0;
        int top = 28, bottom = -1;
        for (int y = 0; y < 28; ++y)
            for (int x = 0; x < 28; ++x) {
                const double v = p.shown.pixels[size_t(y * 28 + x)];
                mass += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
                if (v > 127) {
                    top = std::min(top, y);
                    bottom = std::max(bottom, y);
                }
            }
        QVERIFY(mass > 0);
        QVERIFY2(std::abs(mx / mass - 14.0) < 0.75 && std::abs(my / mass - 14.0) < 0.75,
                 qPrintable(QStringLiteral("centre of mass %1, %2").arg(mx / mass).arg(my / mass)));
        QVERIFY2(std::abs((bottom - top + 1) - 20) <= 1,
                 qPrintable(QString::number(bottom - top + 1)));
        QCOMPARE(int(p.shown.pixels[0]), 0);
        QCOMPARE(int(*std::max_element(p.shown.pixels.begin(), p.shown.pixels.end())), 255);
        // The tensor is the shown image, normalised: 0 -> -0.1307/0.3081, 255 -> (1-0.1307)/0.3081
        QCOMPARE(p.input.sizes().vec(), (std::vector<int64_t>{1, 1, 28, 28}));
        QVERIFY(std::abs(p.input[0][0][0][0].item<float>() + 0.424213f) < 1e-5f);
        QVERIFY(std::abs(p.input.max().item<float>() - 2.821487f) < 1e-5f);
    }

    void blankImageStaysBlank()
    {
        const PreparedImage p =
            prepareImageForModel(canvasWithBox(30, 30, 255, 255, 0, 0, 1, 1), mnistSpec());
        QVERIFY(std::all_of(p.shown.pixels.begin(), p.shown.pixels.end(),
                            [](uint8_t v) { return v == 0; }));
    }

    void colourModelLetterboxes()
    {
        // A 64x32 pure red picture into a 32x32 RGB model: the picture fills rows 8..23, the rest
        // is padding in the data set's mean colour.
        ImageBuffer red{64, 32, 3, {}};
        for (int i = 0; i < 64 * 32; ++i)
            red.pixels.insert(red.pixels.end(), {255, 0, 0});
        const ModelInputSpec spec{3, 32, 32, false, ql::core::cifar10Normalization()};
        const PreparedImage p = prepareImageForModel(red, spec);
        QCOMPARE(p.shown.channels, 3);
        const auto px = [&](int x, int y, int c) {
            return int(p.shown.pixels[size_t((y * 32 + x) * 3 + c)]);
        };
        QCOMPARE(px(16, 16, 0), 255);
        QCOMPARE(px(16, 16, 1), 0);
        QCOMPARE(px(16, 2, 0), 125);  // round(0.4914 * 255)
        QCOMPARE(px(16, 30, 2), 114); // round(0.4465 * 255)
        QCOMPARE(p.input.sizes().vec(), (std::vector<int64_t>{1, 3, 32, 32}));
        QVERIFY(std::abs(p.input[0][0][2][16].item<float>()) < 0.01f); // padding normalises to ~0
        // Grey model from a colour picture
        const ModelInputSpec grey{1, 16, 16, false, {{0.5f}, {0.5f}}};
        QCOMPARE(prepareImageForModel(red, grey).shown.channels, 1);
    }

    void darkBackgroundModelInverts()
    {
        // Fashion-MNIST style: a dark 20x10 object on a white 40x20 photo -> inverted, fitted
        // to 28 wide (14 high), padded with black.
        const ImageBuffer photo = canvasWithBox(40, 20, 250, 10, 10, 5, 20, 10);
        const ModelInputSpec spec =
            modelInputSpecFor(1, 28, ql::core::fashionMnistNormalization(), "fashion-mnist");
        QVERIFY(spec.darkBackground && !spec.mnistStyle);
        const PreparedImage p = prepareImageForModel(photo, spec);
        QVERIFY(p.inverted);
        QCOMPARE(int(p.shown.pixels[0]), 0);              // padding row: black
        QCOMPARE(int(p.shown.pixels[14 * 28 + 14]), 245); // the object, inverted
        QCOMPARE(int(p.shown.pixels[14 * 28 + 1]), 5);    // the photo's white, inverted
        QVERIFY(modelInputSpecFor(1, 28, ql::core::mnistNormalization(), "mnist").mnistStyle);
        QVERIFY(
            !modelInputSpecFor(3, 32, ql::core::cifar10Normalization(), "cifar10").darkBackground);
    }

    void rejectsInvalidInput()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 prepareImageForModel(ImageBuffer{}, mnistSpec()));
        ModelInputSpec bad = mnistSpec();
        bad.channels = 3;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 prepareImageForModel(canvasWithBox(4, 4, 0, 0, 0, 0, 1, 1), bad));
    }

    void tensorToBuffer()
    {
        const torch::Tensor t = torch::arange(12, torch::kUInt8).view({1, 3, 2, 2});
        const ImageBuffer b = imageBufferFromTensor(t);
        QCOMPARE(b.channels, 3);
        QCOMPARE(b.width, 2);
        // pixel (x=1, y=0): channels 1, 5, 9
        QCOMPARE(int(b.pixels[3]), 1);
        QCOMPARE(int(b.pixels[4]), 5);
        QCOMPARE(int(b.pixels[5]), 9);
    }
};

QTEST_GUILESS_MAIN(TestImagePreprocess)
#include "tst_image_preprocess.moc"
