// SPDX-License-Identifier: MIT
// Decoding of image files: round trips and every kind of broken file.
#include "core/imaging/image_decode.h"

#include <opencv2/imgcodecs.hpp>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ql::imaging;
using Bytes = std::vector<uint8_t>;
Q_DECLARE_METATYPE(Bytes)

namespace {

/// A w x h RGB gradient: pixel (x, y) = (x * 8, y * 8, 100).
ImageBuffer gradient(int w, int h)
{
    ImageBuffer img{w, h, 3, {}};
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            img.pixels.insert(img.pixels.end(), {uint8_t(x * 8), uint8_t(y * 8), uint8_t(100)});
    return img;
}

Bytes jpegOf(const ImageBuffer &img)
{
    // OpenCV wants BGR: swap R and B by hand.
    cv::Mat bgr(img.height, img.width, CV_8UC3);
    for (int i = 0; i < img.width * img.height; ++i) {
        bgr.data[3 * i] = img.pixels[3 * i + 2];
        bgr.data[3 * i + 1] = img.pixels[3 * i + 1];
        bgr.data[3 * i + 2] = img.pixels[3 * i];
    }
    Bytes out;
    cv::imencode(".jpg", bgr, out, {cv::IMWRITE_JPEG_QUALITY, 100});
    return out;
}

QString errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const std::runtime_error &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestImageDecode : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pngRoundTrip()
    {
        const ImageBuffer img = gradient(5, 4);
        const ImageBuffer back = decodeImage(encodePng(img), "mem.png");
        QCOMPARE(back.width, 5);
        QCOMPARE(back.height, 4);
        QCOMPARE(back.channels, 3);
        QVERIFY(back.pixels == img.pixels); // RGB order preserved through OpenCV's BGR
        ImageBuffer grey{3, 2, 1, {0, 50, 100, 150, 200, 250}};
        const ImageBuffer g = decodeImage(encodePng(grey), "grey.png");
        QCOMPARE(g.channels, 1);
        QVERIFY(g.pixels == grey.pixels);
        const ImageBuffer forced = decodeImage(encodePng(grey), "grey.png", ColorMode::Rgb);
        QCOMPARE(forced.channels, 3);
        QCOMPARE(int(forced.pixels[3 * 5 + 1]), 250);
        const ImageBuffer toGrey = decodeImage(encodePng(img), "c.png", ColorMode::Grayscale);
        QCOMPARE(toGrey.channels, 1);
    }

    void jpegAndBmpFiles()
    {
        QTemporaryDir dir;
        const ImageBuffer img = gradient(16, 16);
        const QString jpg = dir.filePath(QStringLiteral("a.JPG"));
        QFile f(jpg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const Bytes bytes = jpegOf(img);
        f.write(reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size()));
        f.close();
        const ImageBuffer back = decodeImageFile(jpg.toStdString());
        QCOMPARE(back.width, 16);
        QCOMPARE(back.channels, 3);
        // pixel (3, 2): (24, 16, 100) within JPEG error
        QVERIFY(std::abs(int(back.pixels[3 * (2 * 16 + 3)]) - 24) <= 6);
        QVERIFY(std::abs(int(back.pixels[3 * (2 * 16 + 3) + 2]) - 100) <= 6);
        QVERIFY(hasImageExtension(jpg.toStdString()));
        QVERIFY(hasImageExtension("x.jpeg") && hasImageExtension("x.bmp") &&
                hasImageExtension("x.Png"));
        QVERIFY(!hasImageExtension("x.pdf") && !hasImageExtension("png"));

        Bytes bmp;
        cv::imencode(".bmp", cv::Mat(2, 2, CV_8UC1, cv::Scalar(77)), bmp);
        const ImageBuffer b = decodeImage(bmp, "x.bmp");
        QCOMPARE(b.channels, 1);
        QCOMPARE(int(b.pixels[3]), 77);
    }

    void broken_data()
    {
        QTest::addColumn<Bytes>("bytes");
        QTest::addColumn<QString>("expected");
        const std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
        const Bytes jpeg = jpegOf(gradient(32, 32));
        Bytes garbledJpeg = jpeg;
        for (size_t i = 3; i < 200 && i < garbledJpeg.size() - 2; ++i)
            garbledJpeg[i] = uint8_t(i * 13);
        const Bytes png = encodePng(gradient(32, 32));
        QTest::newRow("PDF renamed .png") << Bytes(pdf.begin(), pdf.end()) << "PDF document";
        QTest::newRow("empty") << Bytes{} << "empty";
        QTest::newRow("text") << Bytes{'h', 'e', 'l', 'l', 'o'} << "not a PNG, JPEG or BMP";
        QTest::newRow("truncated JPEG")
            << Bytes(jpeg.begin(), jpeg.begin() + long(jpeg.size() / 2)) << "truncated JPEG";
        QTest::newRow("corrupt JPEG") << garbledJpeg << "corrupt";
        QTest::newRow("truncated PNG")
            << Bytes(png.begin(), png.begin() + long(png.size() / 2)) << "corrupt";
    }
    void broken()
    {
        QFETCH(Bytes, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("picture.png"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size()));
        f.close();
        const QString error = errorOf([&] { decodeImageFile(path.toStdString()); });
        QVERIFY2(error.contains(expected) && error.contains(path), qPrintable(error));
    }

    void missingFile()
    {
        const QString error = errorOf([] { decodeImageFile("/nonexistent/x.png"); });
        QVERIFY2(error.contains(QStringLiteral("/nonexistent/x.png")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestImageDecode)
#include "tst_image_decode.moc"
