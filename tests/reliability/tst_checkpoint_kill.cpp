// SPDX-License-Identifier: MIT
// Kill test (issue 12): a child saving checkpoints in a loop is killed with SIGKILL at random
// points, 20 times. Every checkpoint under its final name must load and be consistent (its
// tensors from the same save as its metadata); a restart (Trainer::setRunFolder) must remove
// the temporaries the killed saves left.
#include "core/models/classifier.h"
#include "core/train/checkpoint.h"
#include "core/train/trainer.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace ql;

class TestCheckpointKill : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killedSavesLoseNothing()
    {
        QTemporaryDir dir;
        const QString writer =
            QCoreApplication::applicationDirPath() + QStringLiteral("/checkpoint_writer");
        QVERIFY2(QFile::exists(writer), qPrintable(writer));
        QRandomGenerator random(12345);
        int leftovers = 0, checked = 0;
        for (int attempt = 0; attempt < 20; ++attempt) {
            QProcess child;
            child.start(writer, {dir.path()});
            QVERIFY(child.waitForStarted());
            QVERIFY2(child.waitForReadyRead(60000), "the writer never finished its first save");
            QThread::msleep(random.bounded(5, 120));
            child.kill(); // SIGKILL: no handler, no cleanup
            QVERIFY(child.waitForFinished());
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);

            const QStringList temporaries =
                QDir(dir.path()).entryList({QStringLiteral("*.tmp-*")}, QDir::Files);
            leftovers += int(temporaries.size());
            for (const QString &name :
                 QDir(dir.path()).entryList({QStringLiteral("*.ckpt")}, QDir::Files)) {
                const std::string path = QDir(dir.path()).filePath(name).toStdString();
                core::CheckpointInfo info;
                core::ClassifierPtr model;
                try {
                    model = core::loadModelFromCheckpoint(path, c10::Device("cpu"), &info);
                } catch (const std::exception &e) {
                    QFAIL(qPrintable(QStringLiteral("attempt %1: %2 does not load: %3")
                                         .arg(attempt)
                                         .arg(name, QString::fromUtf8(e.what()))));
                }
                for (const auto &p : model->parameters())
                    QCOMPARE(p.min().item<float>(), static_cast<float>(info.globalStep));
                ++checked;
            }
            // The restart: a trainer given the folder removes what the killed saves left.
            core::Trainer restart(core::TrainingConfig{}, core::DataSplits{});
            restart.setRunFolder(dir.path().toStdString());
            QVERIFY2(QDir(dir.path()).entryList({QStringLiteral("*.tmp-*")}, QDir::Files).isEmpty(),
                     "stale temporaries survived the restart");
        }
        qInfo("20 kills: %d checkpoints under final names loaded, %d temporaries left by "
              "killed saves and removed on restart",
              checked, leftovers);
        QVERIFY(checked >= 20);
    }
};

QTEST_GUILESS_MAIN(TestCheckpointKill)
#include "tst_checkpoint_kill.moc"
