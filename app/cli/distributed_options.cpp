// SPDX-License-Identifier: MIT
#include "app/cli/distributed_options.h"

#include "app/cli/train_options.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

[[noreturn]] void bad(const QString &message)
{
    throw std::invalid_argument(message.toStdString());
}

/// The value of option `name`, or environment variable `env` when the option is absent.
QString optionOrEnv(const QCommandLineParser &p, const QString &name, const char *env)
{
    if (p.isSet(name))
        return p.value(name);
    return qEnvironmentVariable(env);
}

long long wholeNumber(const QString &text, const QString &what)
{
    bool ok = false;
    const long long v = text.toLongLong(&ok);
    if (!ok)
        bad(tr("%1: '%2' is not a whole number").arg(what, text));
    return v;
}

} // namespace

void addDistributedOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("world-size"),
                 tr("data-parallel: number of processes (ranks) of the run (else WORLD_SIZE)"),
                 tr("n")});
    p.addOption({QStringLiteral("rank"),
                 tr("data-parallel: this process's rank, 0..world size - 1 (else RANK)"), tr("r")});
    p.addOption({QStringLiteral("rendezvous"),
                 tr("data-parallel: HOST:PORT where rank 0 listens (else MASTER_ADDR and "
                    "MASTER_PORT; default 127.0.0.1:29500)"),
                 tr("host:port")});
    p.addOption({QStringLiteral("nproc"),
                 tr("data-parallel on this machine: start N worker processes on loopback and "
                    "report them as one run"),
                 tr("n")});
    p.addOption({QStringLiteral("backend"),
                 tr("data-parallel: auto, gloo (CPU) or nccl (CUDA) (default: auto)"), tr("name")});
    p.addOption({QStringLiteral("timeout"),
                 tr("data-parallel: seconds to wait for the other ranks at the rendezvous and in "
                    "each exchange before giving up with an error (default: 60)"),
                 tr("seconds")});
}

int localProcessCount(const QCommandLineParser &p)
{
    if (!p.isSet(QStringLiteral("nproc")))
        return 0;
    const long long n = intOption(p, QStringLiteral("nproc"));
    if (n < 1 || n > 256)
        bad(tr("--nproc: %1 processes is outside 1..256").arg(n));
    if (p.isSet(QStringLiteral("world-size")) || p.isSet(QStringLiteral("rank")))
        bad(tr("--nproc starts the ranks itself: leave out --world-size and --rank"));
    return n > 1 ? int(n) : 0;
}

std::optional<core::DistributedOptions> distributedOptions(const QCommandLineParser &p,
                                                           const std::string &device)
{
    core::DistributedOptions o;
    o.device = device;
    if (p.isSet(QStringLiteral("timeout"))) {
        o.timeoutSeconds = doubleOption(p, QStringLiteral("timeout"));
        if (!(o.timeoutSeconds >= 1.0 && o.timeoutSeconds <= 86400.0))
            bad(tr("--timeout: %1 s is outside 1..86400").arg(o.timeoutSeconds));
    }
    if (p.isSet(QStringLiteral("backend"))) {
        const QString b = p.value(QStringLiteral("backend"));
        if (b != QLatin1String("auto") && b != QLatin1String("gloo") && b != QLatin1String("nccl"))
            bad(tr("--backend: '%1' is not auto, gloo or nccl").arg(b));
        o.backend = b.toStdString();
    }
    const QString world = optionOrEnv(p, QStringLiteral("world-size"), "WORLD_SIZE");
    if (world.isEmpty())
        return std::nullopt;
    const long long n = wholeNumber(world, QStringLiteral("--world-size"));
    if (n < 1 || n > 4096)
        bad(tr("--world-size: %1 is outside 1..4096").arg(n));
    if (n == 1)
        return std::nullopt;
    const QString rank = optionOrEnv(p, QStringLiteral("rank"), "RANK");
    if (rank.isEmpty())
        bad(tr("a data-parallel run of %1 processes needs --rank (or RANK)").arg(n));
    const long long r = wholeNumber(rank, QStringLiteral("--rank"));
    if (r < 0 || r >= n)
        bad(tr("--rank: %1 is outside 0..%2").arg(r).arg(n - 1));
    o.worldSize = int(n);
    o.rank = int(r);
    QString host = qEnvironmentVariable("MASTER_ADDR", QStringLiteral("127.0.0.1"));
    QString port = qEnvironmentVariable("MASTER_PORT", QStringLiteral("29500"));
    if (p.isSet(QStringLiteral("rendezvous"))) {
        const QString v = p.value(QStringLiteral("rendezvous"));
        const int colon = v.lastIndexOf(QLatin1Char(':'));
        if (colon <= 0 || colon == v.size() - 1)
            bad(tr("--rendezvous: '%1' is not HOST:PORT").arg(v));
        host = v.left(colon);
        port = v.mid(colon + 1);
    }
    const long long portNumber = wholeNumber(port, QStringLiteral("--rendezvous port"));
    if (portNumber < 1 || portNumber > 65535)
        bad(tr("--rendezvous: port %1 is outside 1..65535").arg(portNumber));
    o.host = host.toStdString();
    o.port = int(portNumber);
    if (core::distributedBackends().empty())
        bad(tr("this build of quantlens-cli has no data-parallel training (its LibTorch lacks "
               "c10d's Gloo backend; on Debian install libgloo-dev and rebuild)"));
    return o;
}

int runLocalWorkers(int nproc, QStringList args, double timeoutSeconds)
{
    QTextStream err(stderr);
    if (core::distributedBackends().empty()) {
        err << tr("this build of quantlens-cli has no data-parallel training (its LibTorch lacks "
                  "c10d's Gloo backend; on Debian install libgloo-dev and rebuild)")
            << "\n";
        return 2;
    }
    // A free loopback port (a small race with other programs, reported clearly if lost).
    int port = 0;
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            err << tr("cannot find a free port on 127.0.0.1: %1").arg(probe.errorString()) << "\n";
            return 1;
        }
        port = probe.serverPort();
    }
    const bool threadsGiven = std::any_of(args.begin(), args.end(), [](const QString &a) {
        return a == QLatin1String("--threads") || a.startsWith(QLatin1String("--threads="));
    });
    if (!threadsGiven) {
        const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
        args << QStringLiteral("--threads") << QString::number(std::max(1, cores / nproc));
    }
    const QString program = QCoreApplication::applicationFilePath();
    std::vector<std::unique_ptr<QProcess>> workers;
    for (int r = 0; r < nproc; ++r) {
        auto w = std::make_unique<QProcess>();
        QStringList a = QStringList{QStringLiteral("train")} + args;
        a << QStringLiteral("--world-size") << QString::number(nproc) << QStringLiteral("--rank")
          << QString::number(r) << QStringLiteral("--rendezvous")
          << QStringLiteral("127.0.0.1:%1").arg(port);
        if (r == 0) {
            w->setProcessChannelMode(QProcess::ForwardedChannels);
        } else {
            w->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            w->setStandardOutputFile(QProcess::nullDevice());
        }
        w->start(program, a);
        if (!w->waitForStarted(10000)) {
            err << tr("cannot start worker %1 (%2): %3").arg(r).arg(program, w->errorString())
                << "\n";
            for (auto &started : workers)
                started->kill();
            return 1;
        }
        workers.push_back(std::move(w));
    }
    // Wait for all; after a failure the others get the time-out to notice, then are stopped.
    std::vector<int> codes(size_t(nproc), -1);
    int firstFailure = -1;
    QElapsedTimer sinceFailure;
    const qint64 grace = qint64(timeoutSeconds * 1000.0) + 10000;
    int running = nproc;
    while (running > 0) {
        for (int r = 0; r < nproc; ++r) {
            QProcess &w = *workers[size_t(r)];
            if (codes[size_t(r)] != -1)
                continue;
            if (w.state() != QProcess::NotRunning && !w.waitForFinished(50))
                continue;
            const int code = w.exitStatus() == QProcess::NormalExit ? w.exitCode() : 1;
            if (w.exitStatus() != QProcess::NormalExit)
                err << tr("rank %1 of %2 crashed").arg(r).arg(nproc) << "\n";
            codes[size_t(r)] = code;
            --running;
            if (code != 0 && firstFailure < 0) {
                firstFailure = r;
                sinceFailure.start();
            }
        }
        if (running > 0 && firstFailure >= 0 && sinceFailure.elapsed() > grace) {
            err << tr("rank %1 failed and the other ranks did not stop within %2 s: stopping "
                      "them")
                       .arg(firstFailure)
                       .arg(grace / 1000)
                << "\n";
            for (int r = 0; r < nproc; ++r)
                if (codes[size_t(r)] == -1) {
                    workers[size_t(r)]->kill();
                    workers[size_t(r)]->waitForFinished(5000);
                    codes[size_t(r)] = 1;
                }
            running = 0;
        }
    }
    if (firstFailure >= 0)
        return codes[size_t(firstFailure)];
    return codes[0];
}

} // namespace ql::app
