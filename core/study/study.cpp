// SPDX-License-Identifier: MIT
// The study's runner: folders, resume (skipping finished configurations), pause and cancel,
// and the order of trainings. The grid is study_grid.cpp, the evaluation of a configuration
// study_evaluation.cpp, the summary and the reports study_report.cpp.
#include "core/study/study.h"

#include "core/runtime.h"
#include "core/saliency/saliency.h"
#include "core/train/checkpoint.h"
#include "core/train/config_json.h"
#include "core/train/finetune.h"
#include "core/train/trainer.h"

#include <torch/types.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace ql::core {

namespace fs = std::filesystem;

// --- Runner ----------------------------------------------------------------------------------

namespace {

/// Relative cost of runs for the progress estimate: SGT steps cost about 2.3 plain ones, one
/// evaluation about a third of an epoch of mnist-cnn.
constexpr double kSgtCost = 2.3;
constexpr double kEvalCost = 0.35;

double runCost(int epochs, bool sgt)
{
    return epochs * (sgt ? kSgtCost : 1.0);
}

/// A worker's exclusive claim on a configuration: cells/<id>.claim, created with O_EXCL (one
/// winner among concurrent processes), removed when the claim ends.
class CellClaim {
public:
    explicit CellClaim(std::string path) : m_path(std::move(path))
    {
        const int fd = ::open(m_path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
        if (fd < 0) {
            if (errno != EEXIST)
                throw std::runtime_error("cannot create the claim '" + m_path +
                                         "': " + std::strerror(errno));
            return;
        }
        const std::string pid = std::to_string(::getpid()) + "\n";
        [[maybe_unused]] const ssize_t written = ::write(fd, pid.data(), pid.size());
        ::close(fd);
        m_held = true;
    }
    ~CellClaim()
    {
        if (m_held) {
            std::error_code ignored;
            fs::remove(m_path, ignored);
        }
    }
    CellClaim(const CellClaim &) = delete;
    CellClaim &operator=(const CellClaim &) = delete;
    bool held() const { return m_held; }

private:
    std::string m_path;
    bool m_held = false;
};

/// Whether the process named in a claim is gone: a worker that stopped without releasing it
/// (killed, crashed). False while the claim is released or its pid not written yet.
bool claimHolderGone(const std::string &path)
{
    std::ifstream in(path);
    long long pid = 0;
    if (!(in >> pid) || pid <= 0)
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

void writeJsonAtomically(const std::string &path, const nlohmann::json &j)
{
    writeFileAtomically(path, j.dump(1) + "\n");
}

nlohmann::json readJson(const std::string &path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read '" + path + "'");
    nlohmann::json j;
    try {
        in >> j;
    } catch (const std::exception &e) {
        throw std::runtime_error("'" + path + "' is not valid JSON: " + e.what());
    }
    return j;
}

/// Forwards a trainer's batches as study progress and cancels it on request.
class RunProgress : public TrainingObserver {
public:
    RunProgress(StudyObserver *observer, Trainer *trainer, const std::atomic<bool> *cancel,
                const StudyRunner *runner)
        : m_observer(observer), m_trainer(trainer), m_cancel(cancel), m_runner(runner)
    {
    }
    void onBatch(const BatchMetrics &m) override
    {
        // Between batches the model is quiescent: a pause holds the study here.
        if (!m_runner->waitWhilePaused(m_cancel) || (m_cancel && m_cancel->load()))
            m_trainer->cancel();
        if (m_observer && m.stepsPerEpoch > 0) {
            const double epochs = m_trainer->config().epochs;
            m_observer->onRunProgress(((m.epoch - 1) + double(m.step) / double(m.stepsPerEpoch)) /
                                      epochs);
        }
    }
    void onMessage(const std::string &text) override
    {
        if (m_observer)
            m_observer->onMessage(text);
    }

private:
    StudyObserver *m_observer;
    Trainer *m_trainer;
    const std::atomic<bool> *m_cancel;
    const StudyRunner *m_runner;
};

} // namespace

double studyFloatModelCost(const StudyConfig &config)
{
    return config.fromScratch ? 0.0 : runCost(config.floatEpochs, false);
}

double studyCellCost(const StudyConfig &config, const StudyCell &cell)
{
    return runCost(config.fromScratch ? config.floatEpochs + config.fineTuneEpochs
                                      : config.fineTuneEpochs,
                   cell.sgt) +
           kEvalCost;
}

double studyEvaluationCost()
{
    return kEvalCost;
}

double studyTotalCost(const StudyConfig &config)
{
    double total = double(config.seeds.size()) * studyFloatModelCost(config);
    for (const auto &c : expandGrid(config))
        total += studyCellCost(config, c);
    return total;
}

StudyRunner::StudyRunner(StudyConfig config, DataSplits data, std::string folder)
    : m_config(std::move(config)), m_data(std::move(data)), m_folder(std::move(folder))
{
    m_config.validate();
}

std::string StudyRunner::cellFolder(const StudyCell &cell) const
{
    return (fs::path(m_folder) / "cells" / cell.id()).string();
}

std::string StudyRunner::floatFolder(uint64_t seed) const
{
    return (fs::path(m_folder) / ("float-s" + std::to_string(seed))).string();
}

void StudyRunner::pause()
{
    std::lock_guard<std::mutex> lock(m_pauseMutex);
    m_paused = true;
}

void StudyRunner::resume()
{
    {
        std::lock_guard<std::mutex> lock(m_pauseMutex);
        m_paused = false;
    }
    m_pauseChanged.notify_all();
}

bool StudyRunner::isPaused() const
{
    std::lock_guard<std::mutex> lock(m_pauseMutex);
    return m_paused;
}

bool StudyRunner::waitWhilePaused(const std::atomic<bool> *cancel) const
{
    std::unique_lock<std::mutex> lock(m_pauseMutex);
    while (m_paused) {
        if (cancel && cancel->load())
            return false;
        m_pauseChanged.wait_for(lock, std::chrono::milliseconds(50));
    }
    return !(cancel && cancel->load());
}

void StudyRunner::clearClaims() const
{
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(fs::path(m_folder) / "cells", ec)) {
        if (entry.path().extension() == ".claim") {
            std::error_code ignored;
            fs::remove(entry.path(), ignored);
        }
    }
}

int StudyRunner::totalRuns() const
{
    const int cells = int(expandGrid(m_config).size());
    return cells + (m_config.fromScratch ? 0 : int(m_config.seeds.size()));
}

std::optional<CellResult> StudyRunner::finishedResult(const StudyCell &cell) const
{
    const fs::path path = fs::path(cellFolder(cell)) / "result.json";
    if (!fs::exists(path))
        return std::nullopt;
    return cellResultFromJson(readJson(path.string()));
}

std::vector<CellResult> StudyRunner::finishedResults() const
{
    std::vector<CellResult> out;
    for (const StudyCell &cell : expandGrid(m_config))
        if (auto r = finishedResult(cell))
            out.push_back(std::move(*r));
    return out;
}

std::vector<CellResult> StudyRunner::run(const std::atomic<bool> *cancel)
{
    fs::create_directories(fs::path(m_folder) / "cells");
    // The grid of this folder: a rerun must ask for the same one (threads may differ).
    const std::string configPath = (fs::path(m_folder) / "study_config.json").string();
    const nlohmann::json wanted = toJson(m_config);
    if (fs::exists(configPath)) {
        const nlohmann::json existing = readJson(configPath);
        if (existing != wanted)
            throw std::invalid_argument(
                "the folder '" + m_folder +
                "' holds a study with other settings (study_config.json); use another --out, or "
                "the same options to continue it");
    } else {
        writeJsonAtomically(configPath, wanted);
    }

    // Work units for the progress estimate.
    const auto cells = expandGrid(m_config);
    const double total = studyTotalCost(m_config);
    double done = 0.0;
    int runsDone = 0;
    const int runsTotal = totalRuns();

    // A pause holds the study before its next training or evaluation; cancelled() also waits.
    auto cancelled = [&] { return !waitWhilePaused(cancel); };
    auto train = [&](const TrainingConfig &config, const std::string &folder,
                     const ClassifierImpl *from, double cost, const std::string &what) {
        if (m_observer)
            m_observer->onRunStarted(what, runsDone, runsTotal);
        fs::create_directories(folder);
        Trainer trainer(config, m_data);
        trainer.setRunFolder(folder);
        if (from) {
            const CalibrationReport report =
                prepareCalibratedFineTune(trainer, *from, m_data, m_config.calibrationImages);
            const std::string text = describeCalibration(report);
            if (m_observer && !text.empty())
                m_observer->onMessage("calibrated PACT alphas:\n" + text);
        }
        struct Scaled : StudyObserver {
            StudyObserver *inner = nullptr;
            double done = 0, cost = 0, total = 1;
            void onRunProgress(double f) override
            {
                if (inner) {
                    inner->onRunFraction(f);
                    inner->onRunProgress((done + f * cost) / total);
                }
            }
            void onMessage(const std::string &t) override
            {
                if (inner)
                    inner->onMessage(t);
            }
        } scaled;
        scaled.inner = m_observer;
        scaled.done = done;
        scaled.cost = cost;
        scaled.total = total;
        RunProgress progress(&scaled, &trainer, cancel, this);
        trainer.setObserver(&progress);
        const auto start = std::chrono::steady_clock::now();
        const RunOutcome outcome = trainer.run();
        if (outcome == RunOutcome::Cancelled)
            return -1.0;
        if (outcome != RunOutcome::Finished)
            throw std::runtime_error(what + ": training " + toString(outcome) + ": " +
                                     trainer.lastMessage());
        done += cost;
        ++runsDone;
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };

    // The float model of a seed: trained once (fine-tune mode). Returns false when cancelled.
    auto trainFloatModel = [&](uint64_t seed) {
        const std::string folder = floatFolder(seed);
        const double seconds =
            train(floatTrainingConfig(m_config, seed), folder, nullptr,
                  studyFloatModelCost(m_config), "float model, seed " + std::to_string(seed));
        if (seconds < 0)
            return false;
        writeJsonAtomically(
            (fs::path(folder) / "done.json").string(),
            {{"seconds", seconds}, {"checkpoint", (fs::path(folder) / "last.ckpt").string()}});
        if (m_observer)
            m_observer->onFloatModelFinished(seed);
        return true;
    };
    // Workers: every free float model first (claimed like a configuration), so that no worker
    // waits for one while another could train it. Returns false when cancelled.
    const bool claimFloatModels = m_scope == Scope::ClaimedCells && !m_config.fromScratch;
    auto floatClaim = [&](uint64_t seed) {
        return (fs::path(m_folder) / "cells" / ("float-s" + std::to_string(seed) + ".claim"))
            .string();
    };
    auto trainFreeFloatModels = [&] {
        for (uint64_t seed : m_config.seeds) {
            if (floatModelDone(seed))
                continue;
            CellClaim claim(floatClaim(seed));
            if (!claim.held() || floatModelDone(seed))
                continue;
            if (cancelled() || !trainFloatModel(seed))
                return false;
        }
        return true;
    };

    std::vector<CellResult> results;
    // A worker passes over the seeds again while a seed waited for its float model.
    for (bool waited = true; waited;) {
        waited = false;
        results.clear();
        for (uint64_t seed : m_config.seeds) {
            std::vector<StudyCell> mine;
            for (const auto &c : cells)
                if (c.seed == seed)
                    mine.push_back(c);
            // Workers take the costliest configurations first (SGT before standard), so that the
            // last ones to finish are short and no worker waits long for another.
            if (m_scope == Scope::ClaimedCells)
                std::stable_sort(mine.begin(), mine.end(),
                                 [&](const StudyCell &a, const StudyCell &b) {
                                     return studyCellCost(m_config, a) > studyCellCost(m_config, b);
                                 });
            bool allDone = true;
            for (const auto &c : mine)
                allDone = allDone && fs::exists(fs::path(cellFolder(c)) / "result.json");

            // From scratch, the seed's standard float configuration is the reference of the
            // agreement metric (FloatModels runs it before the workers start).
            const StudyCell referenceCell{BitPair{}, false, seed};
            const bool gridHasReference =
                std::any_of(mine.begin(), mine.end(),
                            [](const StudyCell &c) { return c.bits.isFloat() && !c.sgt; });

            // The float model of this seed (fine-tune mode), trained once.
            std::string floatCheckpoint;
            ClassifierPtr floatModel;
            if (!m_config.fromScratch) {
                floatCheckpoint = (fs::path(floatFolder(seed)) / "last.ckpt").string();
                if (claimFloatModels && !allDone) {
                    if (!trainFreeFloatModels())
                        return finishedResults();
                    if (!floatModelDone(seed)) { // another worker trains it: other seeds first
                        if (claimHolderGone(floatClaim(seed)))
                            throw std::runtime_error(
                                "the worker that trained the float model of seed " +
                                std::to_string(seed) + " stopped; rerun the study to continue");
                        waited = true;
                        continue;
                    }
                }
                if (!floatModelDone(seed) && !allDone) {
                    if (cancelled() || !trainFloatModel(seed))
                        return finishedResults();
                } else {
                    done += studyFloatModelCost(m_config);
                    ++runsDone;
                }
                if (!allDone && m_scope != Scope::FloatModels)
                    floatModel =
                        loadModelFromCheckpoint(floatCheckpoint, torch::Device(torch::kCPU));
            } else {
                floatCheckpoint = (fs::path(cellFolder(referenceCell)) / "last.ckpt").string();
            }

            for (const StudyCell &cell : mine) {
                const std::string folder = cellFolder(cell);
                const std::string resultPath = (fs::path(folder) / "result.json").string();
                const double cost = studyCellCost(m_config, cell);
                const bool reference = m_config.fromScratch && cell.id() == referenceCell.id();
                if (m_scope == Scope::FloatModels && !reference)
                    continue;
                std::optional<CellClaim> claim;
                if (m_scope == Scope::ClaimedCells && !fs::exists(resultPath)) {
                    if (m_config.fromScratch && !reference && gridHasReference &&
                        !fs::exists(fs::path(cellFolder(referenceCell)) / "result.json"))
                        throw std::runtime_error("the standard float configuration of seed " +
                                                 std::to_string(seed) + " is not trained yet");
                    claim.emplace((fs::path(m_folder) / "cells" / (cell.id() + ".claim")).string());
                    // Held by another worker, or finished by one between the two checks (results
                    // are written before claims are released).
                    if (!claim->held() || fs::exists(resultPath)) {
                        done += cost;
                        ++runsDone;
                        continue;
                    }
                }
                if (fs::exists(resultPath)) {
                    CellResult r = cellResultFromJson(readJson(resultPath));
                    done += cost;
                    ++runsDone;
                    if (m_observer)
                        m_observer->onMessage(cell.id() + ": done earlier, skipped");
                    results.push_back(r);
                    continue;
                }
                if (cancelled())
                    return finishedResults();
                const double seconds = train(cellTrainingConfig(m_config, cell), folder,
                                             floatModel.get(), cost - kEvalCost, cell.id());
                if (seconds < 0)
                    return finishedResults();
                if (m_observer)
                    m_observer->onRunProgress(done / total);
                if (cancelled())
                    return finishedResults();
                CellResult r;
                try {
                    r = evaluateCell(cell, (fs::path(folder) / "last.ckpt").string(),
                                     floatCheckpoint, seconds, cancel);
                } catch (const Cancelled &) {
                    return finishedResults();
                }
                writeJsonAtomically(resultPath, toJson(r));
                done += kEvalCost;
                if (m_observer) {
                    m_observer->onRunProgress(done / total);
                    m_observer->onCellFinished(r);
                }
                results.push_back(r);
            }
        }
        if (waited && cancelled())
            return finishedResults();
        if (waited) // poll for the float model another worker trains
            std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    return results;
}

bool StudyRunner::floatModelDone(uint64_t seed) const
{
    return fs::exists(fs::path(floatFolder(seed)) / "done.json");
}

} // namespace ql::core
