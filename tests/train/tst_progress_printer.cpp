// SPDX-License-Identifier: MIT
// The CLI's progress output: redrawn in place on a terminal, plain lines (one per 10% of the
// job, one per epoch, no carriage returns) when written to a file or a pipe.
#include "app/cli/progress_printer.h"

#include <QFile>
#include <QTemporaryFile>
#include <QTest>

#include <cstdio>

using namespace ql;

class TestProgressPrinter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plainLinesWhenNotATerminal();
    void redrawsInPlaceOnATerminal();
    void countsItems();

private:
    static QByteArray run(bool interactive, int epochs, int steps);
};

QByteArray TestProgressPrinter::run(bool interactive, int epochs, int steps)
{
    std::FILE *file = std::tmpfile();
    {
        app::ProgressPrinter printer(epochs, {}, file, interactive);
        int64_t global = 0;
        for (int e = 1; e <= epochs; ++e) {
            for (int s = 1; s <= steps; ++s) {
                core::BatchMetrics m;
                m.epoch = e;
                m.step = s;
                m.stepsPerEpoch = steps;
                m.globalStep = ++global;
                m.loss = 0.5;
                m.accuracy = 0.9;
                printer.onBatch(m);
            }
            core::EpochMetrics em;
            em.epoch = e;
            printer.onEpoch(em);
        }
        printer.onFinished(core::RunOutcome::Finished, "done");
    }
    std::fflush(file);
    std::rewind(file);
    QByteArray text;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0)
        text.append(buffer, qsizetype(n));
    std::fclose(file);
    return text;
}

void TestProgressPrinter::plainLinesWhenNotATerminal()
{
    const QByteArray text = run(false, 2, 50);
    QVERIFY2(!text.contains('\r'), text.constData());
    const QList<QByteArray> lines = text.trimmed().split('\n');
    int progress = 0, epochs = 0;
    for (const QByteArray &line : lines) {
        if (line.contains(" step "))
            ++progress;
        else if (line.startsWith("epoch "))
            ++epochs;
    }
    // 100 steps: marks at 10%, 20%, ..., 90% (the epoch line reports the end).
    QCOMPARE(progress, 9);
    QCOMPARE(epochs, 2);
    QVERIFY(lines.last().contains("done"));
}

void TestProgressPrinter::redrawsInPlaceOnATerminal()
{
    const QByteArray text = run(true, 1, 5);
    QVERIFY(text.contains('\r'));
    QVERIFY(text.contains("epoch 1:"));
}

void TestProgressPrinter::countsItems()
{
    // `predict`'s bar: not a terminal, 95 items in 19 calls of 5: one line per 10% mark that
    // a call crosses, and the last one (95/95).
    std::FILE *file = std::tmpfile();
    {
        app::ProgressPrinter printer(1, {}, file, false);
        for (int done = 5; done <= 95; done += 5)
            printer.onItems(done, 95, QStringLiteral("images"));
    }
    std::fflush(file);
    std::rewind(file);
    QByteArray text;
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0)
        text.append(buffer, qsizetype(n));
    std::fclose(file);
    QVERIFY(!text.contains('\r'));
    const QList<QByteArray> lines = text.trimmed().split('\n');
    // Marks crossed: 10% (at 10), 20% (20), ..., 90% (90), and the end (95): 10 lines.
    QCOMPARE(lines.size(), 10);
    QVERIFY2(lines.first().contains("10/95 images"), lines.first().constData());
    QVERIFY2(lines.last().contains("[####################] 95/95 images"),
             lines.last().constData());
}

QTEST_GUILESS_MAIN(TestProgressPrinter)
#include "tst_progress_printer.moc"
