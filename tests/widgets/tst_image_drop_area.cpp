// SPDX-License-Identifier: MIT
#include "widgets/image_drop_area.h"
#include "widgets/image_drop_filter.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace ql::widgets;

namespace {
void writeImage(const QString &path, const char *format)
{
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::gray);
    QVERIFY(image.save(path, format));
}

void writeText(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

/// Sends a drop with these URLs, the way a file manager would deliver it.
bool drop(QWidget *target, const QList<QUrl> &urls, QMimeData *mime = nullptr)
{
    QMimeData own;
    if (!mime) {
        own.setUrls(urls);
        mime = &own;
    }
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    const bool accepted = enter.isAccepted();
    QDropEvent dropEvent(QPointF(5, 5), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &dropEvent);
    return accepted;
}
} // namespace

class TestImageDropArea : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void acceptsImageFiles();
    void folderIsScannedRecursivelyOffTheUiThread();
    void rejectsPdfWithMessage();
    void mixedDropReportsBoth();
    void ignoresDragsWithoutFiles();
    void filterWorksOnAnyWidget();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TestImageDropArea::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("set/sub/deeper")));
    writeImage(path(QStringLiteral("one.png")), "PNG");
    writeImage(path(QStringLiteral("two.JPG")), "JPG");
    writeImage(path(QStringLiteral("set/b.bmp")), "BMP");
    writeImage(path(QStringLiteral("set/a.jpeg")), "JPG");
    writeImage(path(QStringLiteral("set/sub/c.png")), "PNG");
    writeImage(path(QStringLiteral("set/sub/deeper/d.PNG")), "PNG");
    writeText(path(QStringLiteral("set/sub/notes.txt")), "not an image");
    writeText(path(QStringLiteral("paper.pdf")), "%PDF-1.4\n%%EOF\n");
}

void TestImageDropArea::acceptsImageFiles()
{
    ImageDropArea area;
    QSignalSpy dropped(&area, &ImageDropArea::imagesDropped);
    QSignalSpy rejected(&area, &ImageDropArea::dropRejected);
    const QStringList files{path(QStringLiteral("one.png")), path(QStringLiteral("two.JPG"))};
    QVERIFY(drop(&area, {QUrl::fromLocalFile(files[0]), QUrl::fromLocalFile(files[1])}));
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.first().first().toStringList(), files);
    QCOMPARE(rejected.count(), 0);
}

void TestImageDropArea::folderIsScannedRecursivelyOffTheUiThread()
{
    ImageDropArea area;
    QSignalSpy dropped(&area, &ImageDropArea::imagesDropped);
    QSignalSpy rejected(&area, &ImageDropArea::dropRejected);
    QSignalSpy scanning(area.dropFilter(), &ImageDropFilter::scanningChanged);
    drop(&area, {QUrl::fromLocalFile(path(QStringLiteral("set")))});
    // The result comes back through the event loop, not inside the drop handler.
    QCOMPARE(dropped.count(), 0);
    QVERIFY(area.dropFilter()->isScanning());
    QTRY_COMPARE(dropped.count(), 1);
    const QStringList expected{path(QStringLiteral("set/a.jpeg")), path(QStringLiteral("set/b.bmp")),
                               path(QStringLiteral("set/sub/c.png")),
                               path(QStringLiteral("set/sub/deeper/d.PNG"))};
    QCOMPARE(dropped.first().first().toStringList(), expected);
    QCOMPARE(rejected.count(), 0); // notes.txt inside a folder is skipped silently
    QCOMPARE(scanning.count(), 2);
    QVERIFY(!area.dropFilter()->isScanning());
}

void TestImageDropArea::rejectsPdfWithMessage()
{
    ImageDropArea area;
    QSignalSpy dropped(&area, &ImageDropArea::imagesDropped);
    QSignalSpy rejected(&area, &ImageDropArea::dropRejected);
    drop(&area, {QUrl::fromLocalFile(path(QStringLiteral("paper.pdf")))});
    QCOMPARE(dropped.count(), 0);
    QCOMPARE(rejected.count(), 1);
    const QString message = rejected.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("paper.pdf")) && message.contains(QStringLiteral("PNG")),
             qPrintable(message));
    QCOMPARE(area.messageText(), message);
}

void TestImageDropArea::mixedDropReportsBoth()
{
    ImageDropArea area;
    QSignalSpy dropped(&area, &ImageDropArea::imagesDropped);
    QSignalSpy rejected(&area, &ImageDropArea::dropRejected);
    drop(&area, {QUrl::fromLocalFile(path(QStringLiteral("paper.pdf"))),
                 QUrl::fromLocalFile(path(QStringLiteral("one.png"))),
                 QUrl(QStringLiteral("https://example.org/cat.png"))});
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.first().first().toStringList(), QStringList{path(QStringLiteral("one.png"))});
    QCOMPARE(rejected.count(), 1);
    QVERIFY(rejected.first().first().toString().startsWith(QStringLiteral("2 ")));
}

void TestImageDropArea::ignoresDragsWithoutFiles()
{
    ImageDropArea area;
    QSignalSpy dropped(&area, &ImageDropArea::imagesDropped);
    QSignalSpy rejected(&area, &ImageDropArea::dropRejected);
    QMimeData text;
    text.setText(QStringLiteral("hello"));
    // The drag is refused up front (no-drop cursor), so no drop and no message follow.
    QVERIFY(!drop(&area, {}, &text));
    QCOMPARE(dropped.count(), 0);
    QCOMPARE(rejected.count(), 0);
}

void TestImageDropArea::filterWorksOnAnyWidget()
{
    QWidget window;
    ImageDropFilter filter;
    filter.attach(&window);
    QVERIFY(window.acceptDrops());
    QSignalSpy dropped(&filter, &ImageDropFilter::imagesDropped);
    QVERIFY(drop(&window, {QUrl::fromLocalFile(path(QStringLiteral("one.png")))}));
    QCOMPARE(dropped.count(), 1);
    QVERIFY(ImageDropFilter::isImageFile(QStringLiteral("x/Y.JpEg")));
    QVERIFY(!ImageDropFilter::isImageFile(QStringLiteral("x/y.gif")));
}

QTEST_MAIN(TestImageDropArea)
#include "tst_image_drop_area.moc"
