// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/metrics/bootstrap.h"
#include "core/quant/quant_config.h"
#include "core/train/training_config.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ql::core {

/// Weight and activation bits of one study point; kFloatBits for float.
struct BitPair {
    int weightBits = kFloatBits;
    int activationBits = kFloatBits;
    bool isFloat() const { return weightBits == kFloatBits && activationBits == kFloatBits; }
    bool operator==(const BitPair &o) const
    {
        return weightBits == o.weightBits && activationBits == o.activationBits;
    }
};

/// "float", "4" (W = A), "4/8" (W/A). Throws std::invalid_argument for anything else.
BitPair parseBitPair(const std::string &text);
std::string toString(const BitPair &bits);
/// Comma-separated list ("float,8,6,4,3,2", "4/8,2"); duplicates and empty lists rejected.
std::vector<BitPair> parseBitPairList(const std::string &text);
/// `bits` from most to least precise (float first, then by weight, then activation bits): the
/// order of tables and figures, whatever order the grid ran in.
std::vector<BitPair> displayOrder(std::vector<BitPair> bits);

/// The bit-width study of issue 9: bits x saliency-guided training x seeds.
struct StudyConfig {
    /// Data set, model, optimiser, schedule, batch, threads, device, limits of every run. Its
    /// bits, SGT switch, seed, epochs and initFrom are set per run by the study.
    TrainingConfig base;
    std::vector<BitPair> bits = parseBitPairList("float,8,6,4,3,2");
    std::vector<bool> sgt{false, true};
    std::vector<uint64_t> seeds{1, 2, 3};
    int floatEpochs = 4; ///< the float model trained once per seed
    /// Each configuration: fine-tuned from its seed's float model for this many epochs (with
    /// calibrated alphas), or, with fromScratch, trained for floatEpochs + fineTuneEpochs.
    int fineTuneEpochs = 1;
    double fineTuneLr = 1e-3; ///< peak learning rate of the fine-tune (base.optimizer otherwise)
    bool fromScratch = false;
    int64_t calibrationImages = 1024;
    int64_t evalImages = 1000; ///< class-balanced test subset for the saliency metrics
    int deletionSteps = 28;
    int64_t sanityImages = 32;
    int bootstrapResamples = 2000;
    uint64_t evalSeed = 0;

    /// Throws std::invalid_argument naming the bad setting.
    void validate() const;
};

nlohmann::json toJson(const StudyConfig &config);
StudyConfig studyConfigFromJson(const nlohmann::json &json);

/// One configuration of the grid.
struct StudyCell {
    BitPair bits;
    bool sgt = false;
    uint64_t seed = 1;
    /// Stable folder name: "s1-float", "s2-w4a8-sgt".
    std::string id() const;
};

/// The grid in run order: seed by seed (so that a seed's float model is trained once, just
/// before its configurations), then bits in the given order, standard before SGT.
std::vector<StudyCell> expandGrid(const StudyConfig &config);

/// The training config of a cell (base with its bits, SGT, seed and budget).
TrainingConfig cellTrainingConfig(const StudyConfig &config, const StudyCell &cell);
/// The training config of a seed's float model.
TrainingConfig floatTrainingConfig(const StudyConfig &config, uint64_t seed);

/// Measured scores of one configuration. Per-image vectors keep the image order of the
/// evaluation subset (the same images for every cell), so differences can be paired.
struct CellResult {
    StudyCell cell;
    double seconds = 0.0;        ///< training + evaluation
    double trainSeconds = 0.0;   ///< of which training (0 in results of older versions)
    double testAccuracy = 0.0;   ///< full test split
    std::vector<double> correct; ///< per test image (full test split): 1 / 0
    int64_t modelBytes = 0;
    int64_t bops = 0;
    /// Saliency metrics on the evaluation subset: name -> per-image values (see metricNames).
    std::map<std::string, std::vector<double>> perImage;
    double randomizationFinalSpearman = 0.0; ///< on sanityImages (no per-image values)
    std::string checkpoint;                  ///< the trained model
};

nlohmann::json toJson(const CellResult &result);
CellResult cellResultFromJson(const nlohmann::json &json);

/// A metric the study reports, with its direction.
struct StudyMetric {
    std::string key;   ///< "accuracy", "modification_gap", ...
    std::string label; ///< for tables and plots
    bool higherIsBetter = true;
    bool verdict = true; ///< part of the SGT-vs-standard verdict
};
/// accuracy, modification_auc, random_auc, modification_gap, deletion_auc, insertion_auc, gini,
/// agreement_spearman.
const std::vector<StudyMetric> &studyMetrics();

/// One metric of one (bits, SGT) point, over seeds and test images.
struct MetricSummary {
    Spread overSeeds;    ///< mean and sd of the per-seed means
    Interval overImages; ///< bootstrap over images of the seed-averaged per-image values
};

/// SGT minus standard at one bit-width.
struct DifferenceSummary {
    Interval difference; ///< paired bootstrap over images (seed-averaged per image)
    Verdict verdict = Verdict::NoDetectableDifference;
    /// SGT minus standard of each seed alone (mean over its images), in seed order. The image
    /// bootstrap above does not see training randomness; these do.
    std::vector<double> perSeed;
    /// With several seeds, "better" / "worse" also needs every seed's own difference on the
    /// same side of 0; false when they split (the verdict is then no detectable difference).
    bool seedsAgree = true;
};

struct PointSummary {
    BitPair bits;
    bool sgt = false;
    int seeds = 0;
    double modelBytes = 0, bops = 0;
    Spread randomizationFinalSpearman;
    std::map<std::string, MetricSummary> metrics;
};

struct StudySummary {
    std::vector<PointSummary> points; ///< grid order
    std::map<std::string, std::map<std::string, DifferenceSummary>>
        differences;                             ///< bits label -> metric
    std::map<std::string, std::string> verdicts; ///< bits label -> sentence
};

/// Aggregates finished cells (missing ones are skipped; a point needs at least one seed).
StudySummary summarizeStudy(const StudyConfig &config, const std::vector<CellResult> &results);
nlohmann::json toJson(const StudySummary &summary);
/// study.csv: one row per (bits, SGT) point.
std::string studyCsv(const StudySummary &summary);
/// study.md: the table with intervals and the verdict per bit-width.
std::string studyMarkdown(const StudyConfig &config, const StudySummary &summary,
                          const std::string &command, double seconds);

/// Relative cost of one configuration (training + evaluation) and of the whole grid (float
/// models included), in plain float epochs: the progress estimate's units.
double studyCellCost(const StudyConfig &config, const StudyCell &cell);
double studyFloatModelCost(const StudyConfig &config);
double studyTotalCost(const StudyConfig &config);
/// The evaluation's share of studyCellCost.
double studyEvaluationCost();

/// Progress of a study, on the study thread.
class StudyObserver {
public:
    virtual ~StudyObserver() = default;
    /// A run starts: what, and how many of the grid's runs (float models included) are done.
    virtual void onRunStarted(const std::string & /*what*/, int /*done*/, int /*total*/) {}
    /// Progress over the whole grid, fraction in [0, 1].
    virtual void onRunProgress(double /*fraction*/) {}
    /// Progress of the running training alone, fraction in [0, 1] (worker processes report it
    /// to the process that runs them).
    virtual void onRunFraction(double /*fraction*/) {}
    virtual void onCellFinished(const CellResult &) {}
    /// A seed's float model is trained (fine-tune mode).
    virtual void onFloatModelFinished(uint64_t /*seed*/) {}
    virtual void onMessage(const std::string &) {}
};

/// Runs (or resumes) a study in `folder`:
///   folder/study_config.json        the grid (a rerun must ask for the same grid)
///   folder/float-s<seed>/           the float model of a seed (fine-tune mode)
///   folder/cells/<id>/              the run folder of a configuration, and result.json,
///                                   written atomically once it is complete
/// A configuration with a result.json is never retrained: rerunning the same command after an
/// interruption continues with the first missing one (only the run in progress is lost).
/// `cancel` is checked between batches and between runs. Returns every finished result.
class StudyRunner {
public:
    /// What run() does. Several processes can share one grid (`quantlens-cli study --jobs`):
    /// one runs FloatModels, then each worker runs ClaimedCells in the same folder.
    enum class Scope {
        All,         ///< everything, in grid order
        FloatModels, ///< only what every configuration needs first: each seed's float model
                     ///< (fine-tune mode) or each seed's standard float configuration (from
                     ///< scratch, the reference of the agreement metric)
        ClaimedCells ///< workers: each training claimed first (cells/<id>.claim, created
                     ///< exclusively) so that concurrent workers never train the same one. In
                     ///< fine-tune mode the float models are claimed too (cells/float-s<seed>
                     ///< .claim): a worker trains any free float model before its next
                     ///< configuration, and a configuration whose float model another worker
                     ///< is training waits (the worker goes on with other seeds' meanwhile).
                     ///< From scratch, FloatModels must have run (throws otherwise).
    };

    StudyRunner(StudyConfig config, DataSplits data, std::string folder);
    void setObserver(StudyObserver *observer) { m_observer = observer; }
    void setScope(Scope scope) { m_scope = scope; }
    /// Removes claims left by workers that are gone (call while no worker runs).
    void clearClaims() const;
    /// Throws std::runtime_error / std::invalid_argument on errors (bad grid, a different
    /// grid in the folder, a failed run).
    std::vector<CellResult> run(const std::atomic<bool> *cancel = nullptr);

    /// Results already in `folder` (cells with a result.json), grid order.
    std::vector<CellResult> finishedResults() const;
    /// The result of one configuration, when it is finished.
    std::optional<CellResult> finishedResult(const StudyCell &cell) const;
    /// Number of trainings the grid needs (float models + cells).
    int totalRuns() const;
    /// Whether the float model of `seed` is trained (fine-tune mode: float-s<seed>/done.json).
    bool floatModelDone(uint64_t seed) const;

    /// Thread-safe: holds the study after the current batch (and before its next training or
    /// evaluation) until resume(). The run's cancel flag is still seen while paused (polled
    /// every 50 ms), so a paused study can be stopped without resuming it first.
    void pause();
    void resume();
    bool isPaused() const;
    /// Blocks while paused; returns false when `cancel` was set (meanwhile or before).
    bool waitWhilePaused(const std::atomic<bool> *cancel) const;

private:
    std::string cellFolder(const StudyCell &cell) const;
    std::string floatFolder(uint64_t seed) const;
    CellResult evaluateCell(const StudyCell &cell, const std::string &checkpoint,
                            const std::string &floatCheckpoint, double trainSeconds,
                            const std::atomic<bool> *cancel);
    /// The reference (float) model's maps of the evaluation subset, computed once per
    /// checkpoint: every configuration of a seed is compared with the same maps.
    const torch::Tensor &referenceMaps(const std::string &floatCheckpoint, const Dataset &subset,
                                       const std::atomic<bool> *cancel);

    StudyConfig m_config;
    DataSplits m_data;
    std::string m_folder;
    StudyObserver *m_observer = nullptr;
    Scope m_scope = Scope::All;
    mutable std::mutex m_pauseMutex;
    mutable std::condition_variable m_pauseChanged;
    bool m_paused = false;
    std::map<std::string, torch::Tensor> m_referenceMaps; ///< float checkpoint -> maps
};

} // namespace ql::core
