// SPDX-License-Identifier: MIT
// quantlens-cli train / compare: absurd settings give a clear message; a short real run on
// the shared MNIST writes a complete run folder and can be resumed.
#include "app/cli/cli_commands.h"
#include "core/train/checkpoint.h"
#include "tests/support/test_support.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ql;

class TestCliTrain : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rejectsAbsurdSettings_data();
    void rejectsAbsurdSettings();
    void trainsAndResumesOnMnist();

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
