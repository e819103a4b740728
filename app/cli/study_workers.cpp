// SPDX-License-Identifier: MIT
// quantlens-cli study --jobs: worker processes that share one grid, and the parent's view of
// them (issue 9; docs/ARCHITECTURE.md, "Worker processes of a study").
#include "app/cli/study_workers.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include <signal.h>
#include <sys/types.h>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

} // namespace

void StudyWorkerProtocol::onRunStarted(const std::string &what, int, int)
{
    std::printf("@run %s\n", what.c_str());
    std::fflush(stdout);
}

void StudyWorkerProtocol::onRunFraction(double fraction)
{
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last < std::chrono::milliseconds(500) && fraction < 1.0)
        return;
    m_last = now;
    std::printf("@fraction %.5f\n", fraction);
    std::fflush(stdout);
}

void StudyWorkerProtocol::onCellFinished(const core::CellResult &r)
{
    std::printf("@cell %s\n", r.cell.id().c_str());
    std::fflush(stdout);
}

void StudyWorkerProtocol::onFloatModelFinished(uint64_t seed)
{
    std::printf("@float %llu\n", static_cast<unsigned long long>(seed));
    std::fflush(stdout);
}

QString studyWorkerProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("QUANTLENS_CLI");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString self = QCoreApplication::applicationFilePath();
    return QFileInfo(self).fileName() == QLatin1String("quantlens-cli") ? self : QString();
}

int autoStudyJobs(const core::StudyConfig &config)
{
    if (config.base.device != "cpu")
        return 1;
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    const int threads = config.base.threads > 0 ? config.base.threads : cores;
    return std::clamp(threads, 1, 4);
}

bool runStudyWorkers(const QStringList &args, const core::StudyConfig &config,
                     const core::StudyRunner &runner, int jobs, const std::atomic<bool> &stop,
                     StudyWorkerDisplay &progress)
{
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    const int threads = std::max(1, (config.base.threads > 0 ? config.base.threads : cores) / jobs);
    QStringList workerArgs{QStringLiteral("study")};
    workerArgs << args.mid(1) // QCommandLineParser takes the last value of a repeated option
               << QStringLiteral("--jobs") << QStringLiteral("1") << QStringLiteral("--threads")
               << QString::number(threads) << QStringLiteral("--worker");
    runner.clearClaims();

    struct Worker {
        std::unique_ptr<QProcess> process;
        QByteArray pending;
        std::string cell;
        double fraction = 0.0;
    };
    std::vector<Worker> workers(static_cast<size_t>(jobs));
    for (Worker &w : workers) {
        w.process = std::make_unique<QProcess>();
        w.process->setProgram(studyWorkerProgram());
        w.process->setArguments(workerArgs);
        w.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        w.process->start();
        if (!w.process->waitForStarted(30000))
            throw std::runtime_error(tr("cannot start a worker process: %1")
                                         .arg(w.process->errorString())
                                         .toStdString());
    }
    progress.onMessage(
        tr("%1 worker processes, %2 thread(s) each").arg(jobs).arg(threads).toStdString());

    const auto cells = core::expandGrid(config);
    const double total = core::studyTotalCost(config);
    const double floatCost = core::studyFloatModelCost(config);
    auto costOf = [&](const std::string &id) {
        for (const auto &c : cells)
            if (c.id() == id)
                return core::studyCellCost(config, c);
        return 0.0;
    };
    const std::vector<core::CellResult> before = runner.finishedResults();
    double done = 0.0;
    for (uint64_t seed : config.seeds)
        if (runner.floatModelDone(seed))
            done += floatCost;
    for (const auto &r : before)
        done += core::studyCellCost(config, r.cell);
    bool interruptSent = false;
    auto running = [&] {
        return std::any_of(workers.begin(), workers.end(), [](const Worker &w) {
            return w.process->state() != QProcess::NotRunning;
        });
    };
    auto readLines = [&](Worker &w) {
        w.pending += w.process->readAllStandardOutput();
        int newline;
        while ((newline = w.pending.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(w.pending.left(newline));
            w.pending.remove(0, newline + 1);
            if (line.startsWith(QLatin1String("@run "))) {
                w.cell = line.mid(5).trimmed().toStdString();
                w.fraction = 0.0;
            } else if (line.startsWith(QLatin1String("@fraction "))) {
                w.fraction = line.mid(10).toDouble();
            } else if (line.startsWith(QLatin1String("@float "))) {
                w.cell.clear();
                w.fraction = 0.0;
                done += floatCost;
            } else if (line.startsWith(QLatin1String("@cell "))) {
                const std::string id = line.mid(6).trimmed().toStdString();
                w.cell.clear();
                w.fraction = 0.0;
                for (const auto &c : cells) {
                    if (c.id() != id)
                        continue;
                    done += core::studyCellCost(config, c);
                    if (const auto r = runner.finishedResult(c))
                        progress.onCellFinished(*r);
                }
            }
        }
    };
    while (running()) {
        for (Worker &w : workers) {
            if (w.process->state() != QProcess::NotRunning)
                w.process->waitForReadyRead(100);
            readLines(w);
        }
        if (stop.load() && !interruptSent) {
            for (Worker &w : workers)
                if (w.process->state() != QProcess::NotRunning)
                    ::kill(pid_t(w.process->processId()), SIGINT);
            interruptSent = true;
        }
        double inProgress = 0.0;
        std::string what;
        for (const Worker &w : workers) {
            if (w.cell.empty())
                continue;
            // The fraction is of the training; a cell's evaluation share follows at "@cell".
            const bool floatModel = w.cell.rfind("float model", 0) == 0; // see StudyRunner::run
            inProgress +=
                w.fraction * (floatModel
                                  ? floatCost
                                  : std::max(0.0, costOf(w.cell) - core::studyEvaluationCost()));
            what += (what.empty() ? "" : ", ") + w.cell;
        }
        progress.setRunning(what);
        // Below 1 while workers run: a full bar is drawn once, at the end.
        progress.onRunProgress(std::min(0.999, (done + inProgress) / total));
    }
    bool ok = true;
    for (Worker &w : workers) {
        w.process->waitForFinished(-1);
        readLines(w);
        const int code = w.process->exitCode();
        if (w.process->exitStatus() != QProcess::NormalExit || (code != 0 && code != 4))
            ok = false;
    }
    runner.clearClaims();
    progress.setRunning(std::string());
    progress.onRunProgress(std::min(1.0, done / total));
    return ok;
}

} // namespace ql::app
