// SPDX-License-Identifier: MIT
// quantlens-cli study: the bit-width study of issue 9. A grid of bit-widths x saliency-guided
// training x seeds; the float model is trained once per seed and every configuration is
// fine-tuned from it with calibrated PACT alphas (or trained from scratch). Each finished
// configuration is written before the next starts, so rerunning the same command resumes.
// Writes study.csv, study.json, study.md, study.png and study.pdf.
#include "app/cli/cli_commands.h"
#include "app/cli/study_workers.h"
#include "app/cli/train_options.h"

#include "core/imaging/line_plot.h"
#include "core/imaging/pdf_image.h"
#include "core/study/study.h"
#include "core/train/checkpoint.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>

#include <unistd.h>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

std::atomic<bool> g_stop{false};

extern "C" void onInterrupt(int)
{
    g_stop.store(true);
    std::signal(SIGINT, SIG_DFL); // a second Ctrl+C ends the process at once
}

std::string formatDuration(double seconds)
{
    if (!(seconds >= 0) || seconds > 1e7)
        return "?";
    const int s = int(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%dh%02dm", s / 3600, (s % 3600) / 60);
    else
        std::snprintf(buf, sizeof buf, "%dm%02ds", s / 60, s % 60);
    return buf;
}

/// A progress bar over the whole grid with an ETA from this invocation's pace.
class StudyProgress : public StudyWorkerDisplay {
public:
    void onRunStarted(const std::string &what, int done, int total) override
    {
        m_what = what;
        m_done = done;
        m_total = total;
        endLine();
        QTextStream(stdout)
            << tr("[%1/%2] %3").arg(done + 1).arg(total).arg(QString::fromStdString(what)) << "\n";
    }
    void onRunProgress(double fraction) override
    {
        const auto now = std::chrono::steady_clock::now();
        if (m_startFraction < 0) {
            m_startFraction = fraction;
            m_start = now;
        }
        if (now - m_lastDraw < std::chrono::milliseconds(m_tty ? 250 : 30000) && fraction < 1.0)
            return;
        m_lastDraw = now;
        const double elapsed = std::chrono::duration<double>(now - m_start).count();
        const double progressed = fraction - m_startFraction;
        const double eta = progressed > 1e-4 ? elapsed * (1.0 - fraction) / progressed : -1.0;
        constexpr int kWidth = 30;
        const int filled = std::clamp(int(fraction * kWidth + 0.5), 0, kWidth);
        char line[200];
        std::snprintf(line, sizeof line, "[%s%s] %5.1f%%  elapsed %s  ETA %s  %s",
                      std::string(size_t(filled), '#').c_str(),
                      std::string(size_t(kWidth - filled), '-').c_str(), 100.0 * fraction,
                      formatDuration(elapsed).c_str(), eta < 0 ? "?" : formatDuration(eta).c_str(),
                      m_what.c_str());
        if (m_tty) {
            std::printf("\r%s\x1b[K", line);
            m_lineOpen = true;
        } else {
            std::printf("%s\n", line);
        }
        std::fflush(stdout);
    }
    void onCellFinished(const core::CellResult &r) override
    {
        endLine();
        const auto mean = [&](const char *key) {
            const auto it = r.perImage.find(key);
            if (it == r.perImage.end() || it->second.empty())
                return 0.0;
            double s = 0;
            for (double v : it->second)
                s += v;
            return s / double(it->second.size());
        };
        std::printf("  %s: test accuracy %.2f%%, modification gap %.4f, deletion %.4f, "
                    "insertion %.4f, %.0f s (training %.0f s, evaluation %.0f s)\n",
                    r.cell.id().c_str(), 100.0 * r.testAccuracy, mean("modification_gap"),
                    mean("deletion_auc"), mean("insertion_auc"), r.seconds, r.trainSeconds,
                    r.seconds - r.trainSeconds);
        std::fflush(stdout);
    }
    void onMessage(const std::string &text) override
    {
        if (text == "paused" || text == "resumed")
            return;
        endLine();
        std::printf("  %s%s", text.c_str(), !text.empty() && text.back() == '\n' ? "" : "\n");
        std::fflush(stdout);
    }
    void setRunning(const std::string &what) override { m_what = what; }
    void endLine()
    {
        if (m_lineOpen)
            std::printf("\n");
        m_lineOpen = false;
    }

private:
    bool m_tty = isatty(fileno(stdout)) != 0;
    bool m_lineOpen = false;
    std::string m_what;
    int m_done = 0, m_total = 0;
    double m_startFraction = -1.0;
    std::chrono::steady_clock::time_point m_start{}, m_lastDraw{};
};

imaging::PlotSeries pointSeries(const core::StudyConfig &config, const core::StudySummary &s,
                                bool sgt, const std::string &key, double scale, int colour)
{
    imaging::PlotSeries series;
    series.name = sgt ? "SGT" : "standard";
    series.color = imaging::paletteColor(colour);
    series.dashed = !sgt;
    const auto bits = core::displayOrder(config.bits);
    for (size_t i = 0; i < bits.size(); ++i)
        for (const auto &p : s.points)
            if (p.bits == bits[i] && p.sgt == sgt) {
                const auto it = p.metrics.find(key);
                if (it == p.metrics.end())
                    continue;
                series.x.push_back(double(i));
                series.y.push_back(scale * it->second.overImages.estimate);
                series.yLow.push_back(scale * it->second.overImages.low);
                series.yHigh.push_back(scale * it->second.overImages.high);
            }
    return series;
}

imaging::RgbImage panel(const std::vector<imaging::PlotSeries> &series, const std::string &title,
                        const std::string &yLabel, const std::vector<std::string> &ticks)
{
    imaging::PlotOptions o;
    o.title = title;
    o.xLabel = "bits (weights/activations)";
    o.yLabel = yLabel;
    o.xTickLabels = ticks;
    o.yMin = 0;
    o.yMax = 0; // automatic
    return imaging::drawLinePlot(series, o);
}

/// The study figure: accuracy, faithfulness, size and the SGT-minus-standard faithfulness
/// difference against bits, 2 x 2 panels.
imaging::RgbImage studyFigure(const core::StudyConfig &config, const core::StudySummary &s)
{
    const auto bits = core::displayOrder(config.bits);
    std::vector<std::string> ticks;
    for (const auto &b : bits)
        ticks.push_back(core::toString(b));
    std::vector<imaging::PlotSeries> acc, gap, size, diff;
    for (bool sgt : config.sgt) {
        const int colour = sgt ? 3 : 0;
        acc.push_back(pointSeries(config, s, sgt, "accuracy", 100.0, colour));
        gap.push_back(pointSeries(config, s, sgt, "modification_gap", 1.0, colour));
    }
    imaging::PlotSeries bytes;
    bytes.name = "model size";
    bytes.color = imaging::paletteColor(2);
    imaging::PlotSeries zero;
    zero.color = {120, 120, 120};
    zero.dashed = true;
    imaging::PlotSeries d;
    d.name = "modification gap";
    d.color = imaging::paletteColor(4);
    imaging::PlotSeries dAcc;
    dAcc.name = "test accuracy (fraction)";
    dAcc.color = imaging::paletteColor(1);
    dAcc.dashed = true;
    for (size_t i = 0; i < bits.size(); ++i) {
        for (const auto &p : s.points)
            if (p.bits == bits[i]) {
                bytes.x.push_back(double(i));
                bytes.y.push_back(p.modelBytes / 1024.0);
                break;
            }
        zero.x.push_back(double(i));
        zero.y.push_back(0.0);
        const auto it = s.differences.find(core::toString(bits[i]));
        if (it == s.differences.end())
            continue;
        if (const auto g = it->second.find("modification_gap"); g != it->second.end()) {
            d.x.push_back(double(i));
            d.y.push_back(g->second.difference.estimate);
            d.yLow.push_back(g->second.difference.low);
            d.yHigh.push_back(g->second.difference.high);
        }
        if (const auto a = it->second.find("accuracy"); a != it->second.end()) {
            dAcc.x.push_back(double(i));
            dAcc.y.push_back(a->second.difference.estimate);
            dAcc.yLow.push_back(a->second.difference.low);
            dAcc.yHigh.push_back(a->second.difference.high);
        }
    }
    size.push_back(bytes);
    diff = {zero, d, dAcc};
    const auto a = panel(acc, "Test accuracy (95% CI over test images)", "accuracy (%)", ticks);
    const auto b = panel(gap, "Faithfulness: modification gap (higher = more faithful)",
                         "random AUC - salient AUC", ticks);
    const auto c = panel(size, "Model size", "KiB", ticks);
    const auto e =
        panel(diff, "SGT minus standard, paired (0 = no difference)", "difference", ticks);
    imaging::RgbImage out(a.width * 2, a.height * 2, 255);
    auto blit = [&](const imaging::RgbImage &img, int ox, int oy) {
        for (int y = 0; y < img.height; ++y)
            std::copy_n(img.pixel(0, y), 3 * img.width, out.pixel(ox, oy + y));
    };
    blit(a, 0, 0);
    blit(b, a.width, 0);
    blit(c, 0, a.height);
    blit(e, a.width, a.height);
    return out;
}

void writeText(const QString &path, const std::string &text)
{
    core::writeFileAtomically(path.toStdString(), text);
}

} // namespace

int runStudyCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Bit-width study: accuracy, size and saliency faithfulness across bit-widths, with and "
           "without saliency-guided training, over seeds, with bootstrap 95% intervals. The float "
           "model is trained once per seed; each configuration is fine-tuned from it with PACT "
           "alphas calibrated from data. Resumable: rerun the same command to continue. Writes "
           "study.csv, study.json, study.md, study.png and study.pdf."));
    p.addHelpOption();
    addTrainingOptions(p, false);
    auto add = [&](const char *name, const char *help, const char *valueName = nullptr,
                   const char *def = nullptr) {
        if (valueName)
            p.addOption({QString::fromLatin1(name), tr(help), tr(valueName),
                         def ? QString::fromLatin1(def) : QString()});
        else
            p.addOption({QString::fromLatin1(name), tr(help)});
    };
    add("bits",
        QT_TRANSLATE_NOOP("Cli", "bit-widths, comma-separated: float, 1-8, or W/A such as 4/8 "
                                 "(default float,8,6,4,3,2)"),
        QT_TRANSLATE_NOOP("Cli", "list"), "float,8,6,4,3,2");
    add("sgt-modes",
        QT_TRANSLATE_NOOP("Cli", "saliency-guided training: off, on or off,on (default)"),
        QT_TRANSLATE_NOOP("Cli", "list"), "off,on");
    add("seeds",
        QT_TRANSLATE_NOOP("Cli", "number of seeds (1..N), or a comma-separated list (default 3)"),
        QT_TRANSLATE_NOOP("Cli", "n|list"), "3");
    add("float-epochs",
        QT_TRANSLATE_NOOP("Cli", "epochs of the float model of each seed (default 4)"),
        QT_TRANSLATE_NOOP("Cli", "n"), "4");
    add("fine-tune-epochs",
        QT_TRANSLATE_NOOP("Cli", "epochs of each configuration's fine-tune (default 1)"),
        QT_TRANSLATE_NOOP("Cli", "n"), "1");
    add("fine-tune-lr",
        QT_TRANSLATE_NOOP("Cli", "peak learning rate of the fine-tunes (default 0.001)"),
        QT_TRANSLATE_NOOP("Cli", "rate"), "0.001");
    add("from-scratch",
        QT_TRANSLATE_NOOP("Cli", "train every configuration from scratch (float-epochs + "
                                 "fine-tune-epochs) instead of fine-tuning"));
    add("calibration-images",
        QT_TRANSLATE_NOOP("Cli", "training images for PACT alpha calibration (default 1024)"),
        QT_TRANSLATE_NOOP("Cli", "n"), "1024");
    add("eval-images",
        QT_TRANSLATE_NOOP("Cli", "class-balanced test images for the saliency metrics "
                                 "(default 1000)"),
        QT_TRANSLATE_NOOP("Cli", "n"), "1000");
    add("deletion-steps", QT_TRANSLATE_NOOP("Cli", "deletion/insertion steps (default 28)"),
        QT_TRANSLATE_NOOP("Cli", "n"), "28");
    add("sanity-images",
        QT_TRANSLATE_NOOP("Cli", "images for the randomisation check (default 32)"),
        QT_TRANSLATE_NOOP("Cli", "n"), "32");
    add("bootstrap", QT_TRANSLATE_NOOP("Cli", "bootstrap resamples (default 2000)"),
        QT_TRANSLATE_NOOP("Cli", "n"), "2000");
    add("jobs",
        QT_TRANSLATE_NOOP("Cli", "configurations trained at once, each in its own process with "
                                 "threads/jobs threads (default: auto, up to 4 on a CPU, 1 on "
                                 "a GPU; 1 = one process)"),
        QT_TRANSLATE_NOOP("Cli", "n|auto"), "auto");
    p.addOption([] {
        QCommandLineOption o(QStringLiteral("worker"));
        o.setFlags(QCommandLineOption::HiddenFromHelp); // set by --jobs for its processes
        return o;
    }());
    add("report-only",
        QT_TRANSLATE_NOOP("Cli", "train nothing: write the outputs from the configurations "
                                 "finished so far (e.g. while the study runs in another process)"));
    add("out",
        QT_TRANSLATE_NOOP("Cli", "study folder (default runs/study-<dataset>-<model>); rerun "
                                 "with the same folder to resume"),
        QT_TRANSLATE_NOOP("Cli", "dir"));
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (const auto exitCode = parseCommandLine(p, args))
        return *exitCode;
    if (!p.positionalArguments().isEmpty()) {
        err << tr("unexpected argument '%1'").arg(p.positionalArguments().first()) << "\n";
        return 2;
    }
    if (p.isSet(QStringLiteral("epochs"))) {
        err << tr("quantlens-cli study: use --float-epochs and --fine-tune-epochs instead of "
                  "--epochs")
            << "\n";
        return 2;
    }

    core::StudyConfig config;
    try {
        core::TrainingConfig base;
        // The recipe of docs/RESULTS.md unless told otherwise.
        base.optimizer.name = "adam";
        base.optimizer.learningRate = 0.003;
        base.schedule.name = "onecycle";
        config.base = applyTrainingOptions(p, base, false);
        config.bits = core::parseBitPairList(p.value(QStringLiteral("bits")).toStdString());
        config.sgt.clear();
        for (const QString &mode : p.value(QStringLiteral("sgt-modes")).split(QLatin1Char(','))) {
            const QString m = mode.trimmed();
            if (m != QLatin1String("off") && m != QLatin1String("on"))
                throw std::invalid_argument(
                    tr("--sgt-modes: '%1' is not off or on").arg(m).toStdString());
            const bool on = m == QLatin1String("on");
            if (std::find(config.sgt.begin(), config.sgt.end(), on) == config.sgt.end())
                config.sgt.push_back(on);
        }
        const QString seeds = p.value(QStringLiteral("seeds"));
        config.seeds.clear();
        if (seeds.contains(QLatin1Char(','))) {
            for (const QString &s : seeds.split(QLatin1Char(','))) {
                bool ok = false;
                const qulonglong v = s.trimmed().toULongLong(&ok);
                if (!ok)
                    throw std::invalid_argument(
                        tr("--seeds: '%1' is not a list of seeds").arg(seeds).toStdString());
                config.seeds.push_back(v);
            }
        } else {
            const long long n = intOption(p, QStringLiteral("seeds"));
            if (n < 1 || n > 1000)
                throw std::invalid_argument(
                    tr("--seeds: use 1 to 1000 seeds, or a list").toStdString());
            for (long long i = 1; i <= n; ++i)
                config.seeds.push_back(uint64_t(i));
        }
        config.floatEpochs = int(intOption(p, QStringLiteral("float-epochs")));
        config.fineTuneEpochs = int(intOption(p, QStringLiteral("fine-tune-epochs")));
        config.fineTuneLr = doubleOption(p, QStringLiteral("fine-tune-lr"));
        config.fromScratch = p.isSet(QStringLiteral("from-scratch"));
        config.calibrationImages = intOption(p, QStringLiteral("calibration-images"));
        config.evalImages = intOption(p, QStringLiteral("eval-images"));
        config.deletionSteps = int(intOption(p, QStringLiteral("deletion-steps")));
        config.sanityImages = intOption(p, QStringLiteral("sanity-images"));
        config.bootstrapResamples = int(intOption(p, QStringLiteral("bootstrap")));
        config.validate();
    } catch (const std::invalid_argument &e) {
        err << tr("quantlens-cli study: %1").arg(QString::fromUtf8(e.what())) << "\n";
        return 2;
    }

    const bool worker = p.isSet(QStringLiteral("worker"));
    int jobs = 1;
    {
        const QString text = p.value(QStringLiteral("jobs")).trimmed();
        if (text == QLatin1String("auto")) {
            jobs = autoStudyJobs(config);
        } else {
            try {
                jobs = int(intOption(p, QStringLiteral("jobs"), 1, 64));
            } catch (const std::invalid_argument &e) {
                err << tr("quantlens-cli study: %1").arg(QString::fromUtf8(e.what())) << "\n";
                return 2;
            }
        }
        jobs = std::min<int>(jobs, int(core::expandGrid(config).size()));
        if (worker || studyWorkerProgram().isEmpty())
            jobs = 1;
    }

    QString folder = p.value(QStringLiteral("out"));
    if (folder.isEmpty())
        folder = QStringLiteral("runs/study-%1-%2")
                     .arg(QString::fromStdString(config.base.dataset)
                              .replace(QLatin1Char(':'), QLatin1Char('_'))
                              .replace(QLatin1Char('/'), QLatin1Char('_')),
                          QString::fromStdString(config.base.model.arch));
    if (!QDir().mkpath(folder)) {
        err << tr("quantlens-cli study: cannot create the folder '%1'").arg(folder) << "\n";
        return 1;
    }
    const QStringList shown = args.mid(1);
    const std::string command =
        ("quantlens-cli study " + shown.join(QLatin1Char(' '))).toStdString();

    try {
        core::DataSplits data = loadDataFor(config.base);
        core::StudyRunner runner(config, data, folder.toStdString());
        StudyProgress progress;
        StudyWorkerProtocol protocol;
        runner.setObserver(worker ? static_cast<core::StudyObserver *>(&protocol) : &progress);
        if (worker)
            runner.setScope(core::StudyRunner::Scope::ClaimedCells);
        if (!worker) // a worker's stdout carries @-lines for its parent only
            out << tr("Study folder: %1 (%2 trainings: %3 bit-widths x %4 SGT modes x %5 seeds%6)")
                       .arg(folder)
                       .arg(runner.totalRuns())
                       .arg(config.bits.size())
                       .arg(config.sgt.size())
                       .arg(config.seeds.size())
                       .arg(config.fromScratch ? QString() : tr(" + one float model per seed"))
                << "\n";
        out.flush();
        g_stop = false;
        const auto previous = std::signal(SIGINT, onInterrupt);
        const auto start = std::chrono::steady_clock::now();
        std::vector<core::CellResult> results;
        bool workersOk = true;
        try {
            if (p.isSet(QStringLiteral("report-only"))) {
                results = runner.finishedResults();
            } else if (jobs > 1) {
                // `jobs` trainings at a time, float models included (on 2 cores two 1-thread
                // processes train about 15% faster than one 2-thread process: docs/RESULTS.md).
                // From scratch, the standard float configurations come first: they are the
                // reference of the agreement metric.
                if (config.fromScratch) {
                    runner.setScope(core::StudyRunner::Scope::FloatModels);
                    runner.run(&g_stop);
                }
                if (!g_stop.load())
                    workersOk = runStudyWorkers(args, config, runner, jobs, g_stop, progress);
                results = runner.finishedResults();
            } else {
                results = runner.run(&g_stop);
            }
        } catch (...) {
            std::signal(SIGINT, previous);
            throw;
        }
        std::signal(SIGINT, previous);
        progress.endLine();
        if (worker)
            return g_stop.load() ? 4 : 0; // the parent writes the reports
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        const core::StudySummary summary = core::summarizeStudy(config, results);
        const QDir dir(folder);
        nlohmann::json json;
        json["config"] = core::toJson(config);
        json["command"] = command;
        json["seconds_this_invocation"] = seconds;
        json["summary"] = core::toJson(summary);
        for (const auto &r : results) {
            nlohmann::json cell = core::toJson(r);
            cell.erase("correct"); // per-image vectors stay in cells/<id>/result.json
            cell.erase("per_image");
            json["cells"].push_back(cell);
        }
        writeText(dir.filePath(QStringLiteral("study.json")), json.dump(2) + "\n");
        writeText(dir.filePath(QStringLiteral("study.csv")), core::studyCsv(summary));
        writeText(dir.filePath(QStringLiteral("study.md")),
                  core::studyMarkdown(config, summary, command, seconds));
        if (!summary.points.empty()) {
            const imaging::RgbImage figure = studyFigure(config, summary);
            imaging::writePng(figure, dir.filePath(QStringLiteral("study.png")).toStdString());
            imaging::writeImagePdf(figure, dir.filePath(QStringLiteral("study.pdf")).toStdString());
        }
        const size_t grid = core::expandGrid(config).size();
        out << tr("%1 of %2 configurations done (%3 s in this run); wrote study.csv, study.json, "
                  "study.md%4 to %5")
                   .arg(results.size())
                   .arg(grid)
                   .arg(seconds, 0, 'f', 0)
                   .arg(summary.points.empty() ? QString() : tr(", study.png, study.pdf"))
                   .arg(folder)
            << "\n";
        for (const auto &[bits, sentence] : summary.verdicts)
            out << "  " << QString::fromStdString(bits) << ": " << QString::fromStdString(sentence)
                << "\n";
        if (!workersOk) {
            out.flush();
            err << tr("quantlens-cli study: a worker process failed (its message is above); "
                      "rerun the same command to continue")
                << "\n";
            return 1;
        }
        if (results.size() < grid) {
            out << tr("Interrupted: rerun the same command to continue with the remaining "
                      "configurations.")
                << "\n";
            return 4;
        }
        return 0;
    } catch (const std::invalid_argument &e) {
        err << tr("quantlens-cli study: %1").arg(QString::fromUtf8(e.what())) << "\n";
        return 2;
    } catch (const std::exception &e) {
        err << tr("quantlens-cli study: %1").arg(QString::fromUtf8(e.what())) << "\n";
        return 1;
    }
}

} // namespace ql::app
