// SPDX-License-Identifier: MIT
// quantlens-cli train / compare: absurd settings give a clear message; a short real run on
// the shared MNIST writes a complete run folder and can be resumed.
#include "app/cli/cli_commands.h"
#include "app/cli/train_options.h"
#include "core/imaging/image_decode.h"
#include "core/train/checkpoint.h"
#include "tests/support/test_support.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSize>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace ql;

class TestCliTrain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rejectsAbsurdSettings_data();
    void rejectsAbsurdSettings();
    void trainsAndResumesOnMnist();
    void optionMessagesNameTheRange();
    void otherCommandsCheckNumbers_data();
    void otherCommandsCheckNumbers();
    void resizeOptionTrainsAMixedFolder();

private:
    QTemporaryDir m_dir;
};

void TestCliTrain::rejectsAbsurdSettings_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("epochs 0") << QStringList{"--epochs", "0"};
    QTest::newRow("batch 0") << QStringList{"--batch-size", "0"};
    QTest::newRow("k 1.5") << QStringList{"--sgt", "--mask-fraction", "1.5"};
    QTest::newRow("bits 13") << QStringList{"--wbits", "13"};
    QTest::newRow("not a number") << QStringList{"--lr", "fast"};
    QTest::newRow("optimizer") << QStringList{"--optimizer", "lion"};
    QTest::newRow("unknown option") << QStringList{"--epoch", "3"};
    // Issue 12: numbers that used to wrap or be taken as 0.
    QTest::newRow("epochs 2^32+1") << QStringList{"--epochs", "4294967297"};
    QTest::newRow("epochs 1e3") << QStringList{"--epochs", "1e3"};
    QTest::newRow("max-steps -1") << QStringList{"--max-steps", "-1"};
    QTest::newRow("max-steps 2.5") << QStringList{"--max-steps", "2.5"};
    QTest::newRow("batch 2^32+128") << QStringList{"--batch-size", "4294967424"};
    QTest::newRow("bits 2^32+4") << QStringList{"--wbits", "4294967300"};
    QTest::newRow("threads abc") << QStringList{"--threads", "abc"};
    QTest::newRow("threads 1000") << QStringList{"--threads", "1000"};
    QTest::newRow("seed abc") << QStringList{"--seed", "abc"};
    QTest::newRow("seed -1") << QStringList{"--seed", "-1"};
    QTest::newRow("lr 1e300") << QStringList{"--lr", "1e300"};
    QTest::newRow("lr inf") << QStringList{"--lr", "inf"};
    QTest::newRow("train-limit -1") << QStringList{"--train-limit", "-1"};
    QTest::newRow("milestones wrap") << QStringList{"--milestones", "4294967297"};
    QTest::newRow("step-size huge") << QStringList{"--step-size", "99999999999999999999"};
    QTest::newRow("resize 0") << QStringList{"--resize", "0"};
    QTest::newRow("resize not square") << QStringList{"--resize", "32x16"};
    QTest::newRow("resize abc") << QStringList{"--resize", "abc"};
    QTest::newRow("resize mnist") << QStringList{"--resize", "32"}; // built-in set: refused
}

void TestCliTrain::rejectsAbsurdSettings()
{
    QFETCH(QStringList, args);
    args.prepend(QStringLiteral("quantlens-cli train"));
    QCOMPARE(app::runTrainCommand(args), 2);
    QStringList compare = args;
    compare[0] = QStringLiteral("quantlens-cli compare");
    if (!args.contains(QStringLiteral("--wbits")) && !args.contains(QStringLiteral("--sgt")))
        QCOMPARE(app::runCompareCommand(compare), 2);
    QCOMPARE(app::runCompareCommand({QStringLiteral("quantlens-cli compare"),
                                     QStringLiteral("--bits"), QStringLiteral("13")}),
             2);
}

void TestCliTrain::optionMessagesNameTheRange()
{
    auto messageFor = [](const QString &value, const std::function<void(QCommandLineParser &)> &f) {
        QCommandLineParser p;
        p.addOption({QStringLiteral("n"), QStringLiteral("n"), QStringLiteral("n")});
        if (!p.parse({QStringLiteral("x"), QStringLiteral("--n"), value}))
            return QStringLiteral("<parse error>");
        try {
            f(p);
        } catch (const std::invalid_argument &e) {
            return QString::fromUtf8(e.what());
        }
        return QStringLiteral("<accepted>");
    };
    auto ranged = [](QCommandLineParser &p) { app::intOption(p, QStringLiteral("n"), 1, 100000); };
    QCOMPARE(
        messageFor(QStringLiteral("4294967297"), ranged),
        QStringLiteral("--n: 4294967297 is out of range: use a whole number from 1 to 100000"));
    QCOMPARE(messageFor(QStringLiteral("99999999999999999999"), ranged),
             QStringLiteral("--n: 99999999999999999999 is out of range: use a whole number from 1 "
                            "to 100000"));
    QCOMPARE(messageFor(QStringLiteral("abc"), ranged),
             QStringLiteral("--n: 'abc' is not a whole number (use 1 to 100000)"));
    QCOMPARE(messageFor(QStringLiteral("12"), ranged), QStringLiteral("<accepted>"));
    // The old one-argument helpers are checked too: an int's range, finite numbers.
    auto plain = [](QCommandLineParser &p) { app::intOption(p, QStringLiteral("n")); };
    QVERIFY(messageFor(QStringLiteral("4294967297"), plain).contains(QStringLiteral("2147483647")));
    auto real = [](QCommandLineParser &p) { app::doubleOption(p, QStringLiteral("n")); };
    QVERIFY(messageFor(QStringLiteral("nan"), real).contains(QStringLiteral("not a finite")));
    QVERIFY(messageFor(QStringLiteral("1e999"), real).contains(QStringLiteral("not a finite")));
    auto unit = [](QCommandLineParser &p) {
        app::doubleOption(p, QStringLiteral("n"), 0, 1, false, true);
    };
    QCOMPARE(messageFor(QStringLiteral("1"), unit),
             QStringLiteral("--n: 1 is out of range: use a value in [0, 1)"));
}

void TestCliTrain::otherCommandsCheckNumbers_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("args");
    QTest::newRow("evaluate --limit abc") << "evaluate" << QStringList{"--limit", "abc"};
    QTest::newRow("evaluate --threads abc") << "evaluate" << QStringList{"--threads", "abc"};
    QTest::newRow("evaluate --threads 1000") << "evaluate" << QStringList{"--threads", "1000"};
    QTest::newRow("evaluate --seed abc") << "evaluate" << QStringList{"--seed", "abc"};
    QTest::newRow("evaluate --deletion-steps 1e9")
        << "evaluate" << QStringList{"--deletion-steps", "1000000000"};
    QTest::newRow("saliency --clip abc") << "saliency" << QStringList{"--clip", "abc"};
    QTest::newRow("saliency --overlay abc") << "saliency" << QStringList{"--overlay", "abc"};
    QTest::newRow("saliency --overlay 2") << "saliency" << QStringList{"--overlay", "2"};
    QTest::newRow("saliency --threads 1000") << "saliency" << QStringList{"--threads", "1000"};
    QTest::newRow("saliency --zoom 2^32+2") << "saliency" << QStringList{"--zoom", "4294967298"};
    QTest::newRow("saliency --samples 1e9") << "saliency" << QStringList{"--samples", "1000000000"};
    QTest::newRow("evaluate --steps abc") << "evaluate" << QStringList{"--steps", "abc"};
}

void TestCliTrain::otherCommandsCheckNumbers()
{
    QFETCH(QString, command);
    QFETCH(QStringList, args);
    // The checkpoint does not exist: a number checked first gives exit code 2 (bad usage),
    // not 1 (the missing file).
    args = QStringList{QStringLiteral("quantlens-cli ") + command, QStringLiteral("--checkpoint"),
                       m_dir.filePath(QStringLiteral("none.ckpt")), QStringLiteral("--out"),
                       m_dir.filePath(QStringLiteral("o.png"))} +
           args;
    const int code = command == QLatin1String("evaluate") ? app::runEvaluateCommand(args)
                                                          : app::runSaliencyCommand(args);
    QCOMPARE(code, 2);
}

void TestCliTrain::resizeOptionTrainsAMixedFolder()
{
    QCOMPARE(app::resizeOption(QStringLiteral("64")), 64);
    QCOMPARE(app::resizeOption(QStringLiteral(" 12X12 ")), 12);
    auto message = [](const QString &v) {
        try {
            app::resizeOption(v);
        } catch (const std::invalid_argument &e) {
            return QString::fromUtf8(e.what());
        }
        return QStringLiteral("<accepted>");
    };
    QVERIFY(message(QStringLiteral("32x16")).contains(QStringLiteral("square")));
    QVERIFY(message(QStringLiteral("2000")).contains(QStringLiteral("1 to 1024")));
    QVERIFY(message(QStringLiteral("8x")).contains(QStringLiteral("not a size")));
    // A folder of three sizes, class folders without train/test: refused without --resize,
    // trained with it; the checkpoint keeps the resize.
    QTemporaryDir data;
    const QSize sizes[] = {{12, 12}, {20, 16}, {9, 14}};
    for (int i = 0; i < 10; ++i)
        for (const char *cls : {"a", "b"}) {
            QDir().mkpath(data.filePath(QString::fromLatin1(cls)));
            const QSize s = sizes[i % 3];
            const imaging::ImageBuffer image{
                s.width(), s.height(), 1,
                std::vector<uint8_t>(size_t(s.width() * s.height()),
                                     uint8_t(cls[0] == 'a' ? 30 + i : 200 - i))};
            const std::vector<uint8_t> png = imaging::encodePng(image);
            QFile f(data.filePath(QStringLiteral("%1/%2.png").arg(QLatin1String(cls)).arg(i)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(reinterpret_cast<const char *>(png.data()), qint64(png.size()));
        }
    const QString out = m_dir.filePath(QStringLiteral("folder-run"));
    const QStringList common = {"quantlens-cli train",
                                "--dataset",
                                "folder:" + data.path(),
                                "--model",
                                "mnist-cnn",
                                "--epochs",
                                "1",
                                "--batch-size",
                                "4",
                                "--threads",
                                "1",
                                "--out",
                                out};
    // Sizes differ: a clear error (main() prints it), no run.
    QString error;
    try {
        app::runTrainCommand(common);
    } catch (const std::exception &e) {
        error = QString::fromUtf8(e.what());
    }
    QVERIFY2(error.contains(QStringLiteral("choose a resize size")), qPrintable(error));
    QCOMPARE(app::runTrainCommand(common + QStringList{"--resize", "10"}), 0);
    const core::CheckpointInfo info =
        core::readCheckpointInfo(QDir(out).filePath("last.ckpt").toStdString());
    QCOMPARE(info.config.resizeWidth, 10);
    QCOMPARE(info.config.model.imageSize, int64_t{10});
    QCOMPARE(info.config.model.numClasses, int64_t{2});
}

void TestCliTrain::trainsAndResumesOnMnist()
{
    const QString mnist = test::sharedDataPath(QStringLiteral("mnist"));
    if (mnist.isEmpty())
        QSKIP("QUANTLENS_SHARED_DATA/mnist not available");
    const QString out = m_dir.filePath(QStringLiteral("run"));
    const QStringList common = {"--dataset",    "mnist",     "--data-dir",    mnist,
                                "--model",      "mnist-cnn", "--train-limit", "256",
                                "--test-limit", "128",       "--batch-size",  "64",
                                "--threads",    "2",         "--out",         out};
    QStringList args =
        QStringList{
            "quantlens-cli train", "--wbits", "4", "--abits", "4", "--sgt", "--epochs", "1"} +
        common;
    QCOMPARE(app::runTrainCommand(args), 0);
    for (const char *name : {"config.json", "metrics.csv", "batches.csv", "last.ckpt", "best.ckpt"})
        QVERIFY2(QFile::exists(QDir(out).filePath(QString::fromLatin1(name))), name);
    const core::CheckpointInfo first =
        core::readCheckpointInfo(QDir(out).filePath("last.ckpt").toStdString());
    QCOMPARE(first.epochsCompleted, 1);
    QCOMPARE(first.config.model.quant.weightBits, 4);
    QVERIFY(first.config.sgt.enabled);
    // Extend the run by one epoch from its checkpoint.
    QCOMPARE(app::runTrainCommand({"quantlens-cli train", "--resume",
                                   QDir(out).filePath("last.ckpt"), "--epochs", "2"}),
             0);
    const core::CheckpointInfo second =
        core::readCheckpointInfo(QDir(out).filePath("last.ckpt").toStdString());
    QCOMPARE(second.epochsCompleted, 2);
    QCOMPARE(second.history.epochs.size(), size_t(2));
    QVERIFY(second.history.epochs.back().testAccuracy > 0.3); // well above chance (0.1)
}

QTEST_GUILESS_MAIN(TestCliTrain)
#include "tst_cli_train.moc"
