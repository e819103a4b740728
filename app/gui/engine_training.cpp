// SPDX-License-Identifier: MIT
// The LibTorch training engine behind TrainingController: ql::core::Trainer per model slot.
#include "app/gui/engine.h"
#include "app/gui/engine_study.h"
#include "app/gui/training_backend.h"

#include "core/imaging/dataset_loader.h"
#include "core/models/classifier.h"
#include "core/runtime.h"
#include "core/train/checkpoint.h"
#include "core/train/finetune.h"
#include "core/train/trainer.h"

#include <filesystem>
#include <mutex>

namespace ql::app {

namespace {

namespace fs = std::filesystem;

const c10::Device kSnapshotDevice(c10::kCPU); // inference runs on the CPU next to the UI
constexpr int64_t kStartCalibrationImages = 256;

class EngineTrainingBackend : public TrainingBackend {
public:
    EngineTrainingBackend(std::string workDir, DataHandle preset)
        : m_workDir(std::move(workDir)), m_preset(std::move(preset))
    {
    }

    DataHandle loadData(const ql::core::TrainingConfig &config) override
    {
        if (m_preset.isValid())
            return m_data = m_preset;
        const std::string key = config.dataset + "\n" + config.dataDir + "\n" +
                                std::to_string(config.resizeWidth) + "x" +
                                std::to_string(config.resizeHeight);
        if (m_data.isValid() && key == m_dataKey)
            return m_data;
        auto splits = std::make_shared<ql::core::DataSplits>(ql::imaging::loadDataSplits(
            config.dataset, config.dataDir,
            ql::imaging::DataLoadOptions{config.resizeWidth, config.resizeHeight}));
        m_data.splits = splits;
        m_dataKey = key;
        m_startBatches.clear(); // calibration images of the previous data set
        return m_data;
    }

    ql::core::RunOutcome train(int slot, const ql::core::TrainingConfig &config,
                               JobSettings::Mode mode, int initFromSlot,
                               ql::core::TrainingObserver &observer) override
    {
        loadData(config);
        auto trainer = std::make_shared<ql::core::Trainer>(config, *m_data.splits);
        trainer->setObserver(&observer);
        const std::string folder = runFolder(slot);
        fs::create_directories(folder);
        if (mode == JobSettings::Mode::Resume && !m_slots[slot].checkpoint.empty() &&
            fs::exists(m_slots[slot].checkpoint)) {
            // Resume from a copy: the run rewrites last.ckpt in its folder while it trains.
            const std::string from = folder + "/resume-from.ckpt";
            if (fs::absolute(m_slots[slot].checkpoint) != fs::absolute(from))
                fs::copy_file(m_slots[slot].checkpoint, from, fs::copy_options::overwrite_existing);
            trainer->resumeFrom(from);
        } else if (mode == JobSettings::Mode::FineTune) {
            const int from = initFromSlot >= 0 ? initFromSlot : slot;
            if (!m_slots[from].model)
                throw std::runtime_error("there is no trained model to fine-tune yet");
            // Quantization-aware fine-tune: PACT alphas calibrated from training images
            // (fresh optimiser and schedule; the budget is config.maxSteps).
            const auto report =
                ql::core::prepareCalibratedFineTune(*trainer, *m_slots[from].model, *m_data.splits);
            const std::string text = ql::core::describeCalibration(report);
            if (!text.empty())
                observer.onMessage("Calibrated PACT alphas (from training images):\n" + text);
        }
        trainer->setRunFolder(folder);
        {
            std::lock_guard<std::mutex> lock(m_controlMutex);
            m_active = trainer;
            m_activeSlot = slot;
            if (m_paused)
                trainer->pause();
            if (m_cancelled)
                trainer->cancel();
        }
        const auto outcome = trainer->run();
        {
            std::lock_guard<std::mutex> lock(m_controlMutex);
            m_active.reset();
            m_activeSlot = -1;
        }
        m_slots[slot].model = trainer->model();
        m_slots[slot].config = config;
        if (fs::exists(folder + "/last.ckpt"))
            m_slots[slot].checkpoint = folder + "/last.ckpt";
        if (outcome == ql::core::RunOutcome::Failed)
            throw std::runtime_error(trainer->lastMessage());
        return outcome;
    }

    ModelHandle snapshot(int slot) override
    {
        {
            std::lock_guard<std::mutex> lock(m_controlMutex);
            if (m_active && m_activeSlot == slot)
                return {m_active->snapshot(kSnapshotDevice)};
        }
        if (!m_slots[slot].model)
            return {};
        return {ql::core::cloneClassifier(*m_slots[slot].model, kSnapshotDevice)};
    }

    ModelHandle calibratedStart(int fromSlot, const ql::core::TrainingConfig &config) override
    {
        const ModelHandle from = snapshot(fromSlot);
        if (!from.isValid() || !m_data.isValid() || config.model.quant.isFloat())
            return {};
        // Fewer images than the fine-tune's 1,024: this runs between batches of training. The
        // images are the same for every snapshot of a data set: normalised once.
        if (m_startBatches.empty())
            m_startBatches =
                ql::core::calibrationBatches(m_data.splits->train, m_data.splits->norm,
                                             kStartCalibrationImages, 128, kSnapshotDevice);
        return {ql::core::calibratedQuantizedCopy(*from.model, config.model.quant, m_startBatches,
                                                  kSnapshotDevice)};
    }

    ql::core::TrainingConfig config(int slot) const override { return m_slots[slot].config; }

    void saveCheckpoint(int slot, const std::string &path) override
    {
        const auto &s = m_slots[slot];
        if (s.checkpoint.empty() || !fs::exists(s.checkpoint))
            throw std::runtime_error("the " + std::string(slot == 0 ? "standard" : "quantized") +
                                     " model has no checkpoint yet");
        if (fs::absolute(s.checkpoint) == fs::absolute(path))
            return;
        // Copy to a temporary name and rename, so a failed copy never leaves half a file.
        const std::string tmp = path + ".tmp";
        fs::copy_file(s.checkpoint, tmp, fs::copy_options::overwrite_existing);
        fs::rename(tmp, path);
    }

    void loadCheckpoint(int slot, const std::string &path) override
    {
        // Load fully before replacing anything: a corrupt file leaves the slot as it was.
        ql::core::CheckpointInfo info;
        auto model = ql::core::loadModelFromCheckpoint(path, kSnapshotDevice, &info);
        const std::string folder = runFolder(slot);
        fs::create_directories(folder);
        const std::string copy = folder + "/loaded.ckpt";
        fs::copy_file(path, copy, fs::copy_options::overwrite_existing);
        m_slots[slot].model = model;
        m_slots[slot].config = info.config;
        m_slots[slot].checkpoint = copy;
    }

    StudyView runStudy(const StudyRequest &request, StudySink &sink) override
    {
        return runEngineStudy(
            request, sink, m_workDir,
            [this](const ql::core::TrainingConfig &config) { return loadData(config); }, m_study);
    }
    StudyView readStudy(const QString &folder) override
    {
        return readEngineStudy(folder, m_workDir);
    }

    void requestPause(bool paused) override
    {
        m_study.setPaused(paused);
        std::lock_guard<std::mutex> lock(m_controlMutex);
        m_paused = paused;
        if (m_active)
            paused ? m_active->pause() : m_active->resume();
    }
    void requestCancel() override
    {
        m_study.requestCancel();
        std::lock_guard<std::mutex> lock(m_controlMutex);
        m_cancelled = true;
        if (m_active)
            m_active->cancel();
    }
    void clearCancel() override
    {
        m_study.clearCancel();
        std::lock_guard<std::mutex> lock(m_controlMutex);
        m_cancelled = false;
    }
    void setLearningRate(double lr) override
    {
        std::lock_guard<std::mutex> lock(m_controlMutex);
        if (m_active)
            m_active->setLearningRate(lr);
    }

private:
    struct Slot {
        ql::core::ClassifierPtr model; // owned by this thread; copied for inference
        ql::core::TrainingConfig config;
        std::string checkpoint;
    };
    std::string runFolder(int slot) const
    {
        return m_workDir + (slot == 0 ? "/standard" : "/quantized");
    }

    std::string m_workDir;
    DataHandle m_preset;
    Slot m_slots[kModelSlots];
    DataHandle m_data;
    std::string m_dataKey;
    std::vector<torch::Tensor> m_startBatches; ///< calibratedStart's images of m_data
    std::mutex m_controlMutex;
    std::shared_ptr<ql::core::Trainer> m_active;
    int m_activeSlot = -1;
    bool m_paused = false;
    bool m_cancelled = false;
    StudyControl m_study; // pause and cancel of a running study (engine_study.cpp)
};

} // namespace

std::shared_ptr<TrainingBackend> makeEngineTrainingBackend(const QString &workDir)
{
    return std::make_shared<EngineTrainingBackend>(workDir.toStdString(), DataHandle{});
}

std::shared_ptr<TrainingBackend> makeEngineTrainingBackend(const QString &workDir,
                                                           const DataHandle &data)
{
    return std::make_shared<EngineTrainingBackend>(workDir.toStdString(), data);
}

int testImageCount(const DataHandle &data)
{
    return data.isValid() ? static_cast<int>(data.splits->test.size()) : 0;
}

int trainImageCount(const DataHandle &data)
{
    return data.isValid() ? static_cast<int>(data.splits->train.size()) : 0;
}

QStringList classNames(const DataHandle &data)
{
    QStringList names;
    if (data.isValid())
        for (const auto &name : data.splits->test.classNames)
            names << QString::fromStdString(name);
    return names;
}

QString engineSummary()
{
    return QString::fromStdString(ql::core::torchBuildSummary());
}

} // namespace ql::app
