// SPDX-License-Identifier: MIT
// The bit-width study behind the Study panel: core/study's StudyRunner on the training thread,
// its results turned into plain StudyView values (engine_study.h).
#include "app/gui/engine_study.h"

#include "core/data/dataset.h"
#include "core/runtime.h"
#include "core/study/study.h"
#include "core/train/checkpoint.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace ql::app {

namespace fs = std::filesystem;

void StudyControl::setPaused(bool paused)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_paused = paused;
    if (m_active)
        paused ? m_active->pause() : m_active->resume();
}

void StudyControl::requestCancel()
{
    m_cancel = true; // a paused study sees the flag by itself (StudyRunner::waitWhilePaused)
}

void StudyControl::clearCancel()
{
    m_cancel = false;
}

bool StudyControl::paused() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_paused;
}

void StudyControl::setActive(ql::core::StudyRunner *runner)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_active = runner;
    if (m_active && m_paused)
        m_active->pause();
}

namespace {

nlohmann::json readJsonFile(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read '" + path + "'");
    try {
        nlohmann::json j;
        in >> j;
        return j;
    } catch (const std::exception &e) {
        throw std::runtime_error("'" + path + "' is not valid JSON: " + e.what());
    }
}

bool insideFolder(const std::string &folder, const std::string &root)
{
    if (root.empty())
        return false;
    const std::string f = fs::weakly_canonical(fs::absolute(folder)).string();
    const std::string r = fs::weakly_canonical(fs::absolute(root)).string();
    return f.size() > r.size() && f.compare(0, r.size(), r) == 0 && f[r.size()] == '/';
}

ql::core::StudyConfig readStudyConfig(const std::string &folder)
{
    const std::string path = (fs::path(folder) / "study_config.json").string();
    if (!fs::exists(path))
        throw std::runtime_error(
            QCoreApplication::translate("StudyEngine", "%1 holds no study (no study_config.json)")
                .arg(QString::fromStdString(folder))
                .toStdString());
    try {
        return ql::core::studyConfigFromJson(readJsonFile(path));
    } catch (const std::exception &e) {
        throw std::runtime_error(QCoreApplication::translate("StudyEngine", "%1 is damaged: %2")
                                     .arg(QString::fromStdString(path), QString::fromUtf8(e.what()))
                                     .toStdString());
    }
}

std::vector<ql::core::CellResult> readResults(const ql::core::StudyConfig &config,
                                              const std::string &folder)
{
    std::vector<ql::core::CellResult> out;
    for (const auto &cell : ql::core::expandGrid(config)) {
        const fs::path path = fs::path(folder) / "cells" / cell.id() / "result.json";
        if (fs::exists(path))
            out.push_back(ql::core::cellResultFromJson(readJsonFile(path.string())));
    }
    return out;
}

/// The view of `results`. Checkpoints are found from the folder (not the paths stored in the
/// results), so a study copied into a session folder still opens its models.
StudyView makeView(const ql::core::StudyConfig &config,
                   const std::vector<ql::core::CellResult> &results, const std::string &folder,
                   bool temporary)
{
    StudyView view;
    view.folder = QString::fromStdString(folder);
    view.temporaryFolder = temporary;
    for (const auto &b : ql::core::displayOrder(config.bits))
        view.bits << QString::fromStdString(ql::core::toString(b));
    for (const auto &m : ql::core::studyMetrics())
        view.metrics.push_back({QString::fromStdString(m.key), QString::fromStdString(m.label)});
    view.totalCells = int(ql::core::expandGrid(config).size());
    view.finishedCells = int(results.size());
    if (results.empty())
        return view;
    const ql::core::StudySummary summary = ql::core::summarizeStudy(config, results);
    for (const auto &p : summary.points) {
        StudyPointView v;
        v.bits = QString::fromStdString(ql::core::toString(p.bits));
        v.sgt = p.sgt;
        v.seeds = p.seeds;
        v.modelBytes = p.modelBytes;
        for (const auto &[key, m] : p.metrics)
            v.metrics.insert(QString::fromStdString(key),
                             {m.overImages.estimate, m.overImages.low, m.overImages.high});
        for (const auto &r : results)
            if (r.cell.bits == p.bits && r.cell.sgt == p.sgt) {
                const fs::path cells = fs::path(folder) / "cells";
                v.checkpoint = QString::fromStdString((cells / r.cell.id() / "last.ckpt").string());
                const std::string seed = std::to_string(r.cell.seed);
                const fs::path reference =
                    config.fromScratch ? cells / ("s" + seed + "-float") / "last.ckpt"
                                       : fs::path(folder) / ("float-s" + seed) / "last.ckpt";
                v.referenceCheckpoint = QString::fromStdString(reference.string());
                break;
            }
        view.points.push_back(v);
    }
    for (const auto &[bits, sentence] : summary.verdicts)
        view.verdicts.insert(QString::fromStdString(bits), QString::fromStdString(sentence));
    return view;
}

std::vector<uint64_t> seedList(int n)
{
    std::vector<uint64_t> seeds;
    for (int i = 1; i <= n; ++i)
        seeds.push_back(uint64_t(i));
    return seeds;
}

/// Forwards the study's progress to the sink, at most ten times a second within a run.
class SinkObserver : public ql::core::StudyObserver {
public:
    SinkObserver(StudySink &sink, const ql::core::StudyConfig &config, std::string folder,
                 bool temporary, std::vector<ql::core::CellResult> results)
        : m_sink(sink), m_config(config), m_folder(std::move(folder)), m_temporary(temporary),
          m_results(std::move(results))
    {
    }
    void onRunStarted(const std::string &what, int done, int total) override
    {
        m_progress.what = QString::fromStdString(what);
        m_progress.runsDone = done;
        m_progress.runsTotal = total;
        m_sink.studyProgress(m_progress);
    }
    void onRunProgress(double fraction) override
    {
        m_progress.fraction = fraction;
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::milliseconds(100))
            return;
        m_last = now;
        m_sink.studyProgress(m_progress);
    }
    void onCellFinished(const ql::core::CellResult &result) override
    {
        m_results.push_back(result);
        m_sink.studyView(makeView(m_config, m_results, m_folder, m_temporary));
    }
    void onMessage(const std::string &text) override
    {
        m_sink.studyMessage(QString::fromStdString(text));
    }

private:
    StudySink &m_sink;
    const ql::core::StudyConfig &m_config;
    std::string m_folder;
    bool m_temporary;
    std::vector<ql::core::CellResult> m_results;
    StudyProgress m_progress;
    std::chrono::steady_clock::time_point m_last{};
};

std::string newStudyFolder(const std::string &workDir)
{
    for (int i = 1;; ++i) {
        const fs::path folder = fs::path(workDir) / ("study-" + std::to_string(i));
        if (!fs::exists(folder))
            return folder.string();
    }
}

} // namespace

StudyView
runEngineStudy(const StudyRequest &request, StudySink &sink, const std::string &workDir,
               const std::function<DataHandle(const ql::core::TrainingConfig &)> &loadData,
               StudyControl &control)
{
    std::string folder = request.folder.toStdString();
    ql::core::StudyConfig config;
    if (request.resume) {
        if (folder.empty())
            throw std::invalid_argument(
                QCoreApplication::translate("StudyEngine", "there is no study to continue")
                    .toStdString());
        config = readStudyConfig(folder);
        config.base.threads = request.base.threads;
        config.base.device = request.base.device;
    } else {
        config.base = request.base;
        try {
            config.bits = ql::core::parseBitPairList(request.bits.toStdString());
        } catch (const std::invalid_argument &e) {
            throw std::invalid_argument(QCoreApplication::translate("StudyEngine", "bit-widths: %1")
                                            .arg(QString::fromUtf8(e.what()))
                                            .toStdString());
        }
        config.sgt.clear();
        if (request.standard)
            config.sgt.push_back(false);
        if (request.sgt)
            config.sgt.push_back(true);
        config.seeds = seedList(request.seeds);
        config.floatEpochs = request.floatEpochs;
        config.fineTuneEpochs = request.fineTuneEpochs;
        config.fromScratch = request.fromScratch;
        config.evalImages = request.evalImages;
        config.validate();
        if (folder.empty())
            folder = newStudyFolder(workDir);
    }
    const bool temporary = insideFolder(folder, workDir);
    const DataHandle data = loadData(config.base);
    if (!data.isValid())
        throw std::runtime_error(
            QCoreApplication::translate("StudyEngine", "the study's data could not be loaded")
                .toStdString());
    ql::core::StudyRunner runner(config, *data.splits, folder);
    std::vector<ql::core::CellResult> done;
    if (fs::exists(fs::path(folder) / "study_config.json"))
        done = readResults(config, folder);
    sink.studyView(makeView(config, done, folder, temporary));
    SinkObserver observer(sink, config, folder, temporary, done);
    runner.setObserver(&observer);
    control.setActive(&runner);
    std::vector<ql::core::CellResult> results;
    try {
        results = runner.run(control.cancelFlag());
    } catch (...) {
        control.setActive(nullptr);
        throw;
    }
    control.setActive(nullptr);
    const ql::core::StudySummary summary = ql::core::summarizeStudy(config, results);
    ql::core::writeFileAtomically((fs::path(folder) / "study.csv").string(),
                                  ql::core::studyCsv(summary));
    ql::core::writeFileAtomically(
        (fs::path(folder) / "study.md").string(),
        ql::core::studyMarkdown(config, summary, "QuantLens Study panel", 0.0));
    return makeView(config, results, folder, temporary);
}

StudyView readEngineStudy(const QString &folder, const std::string &workDir)
{
    const std::string path = folder.toStdString();
    const ql::core::StudyConfig config = readStudyConfig(path);
    return makeView(config, readResults(config, path), path, insideFolder(path, workDir));
}

} // namespace ql::app
