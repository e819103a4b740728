// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/inference_backend.h"
#include "app/gui/training_backend.h"

#include <QDir>
#include <QFileInfo>
#include <QThread>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace ql::test {

/// A training engine without torch: `steps` batches of `stepMs` each, honouring pause,
/// cancel and learning-rate changes exactly like the real engine's contract.
class FakeTrainingBackend : public ql::app::TrainingBackend {
public:
    // Settings a test may change while the worker thread runs: atomics (ThreadSanitizer).
    std::atomic<int> steps{200};
    std::atomic<int> stepsPerEpoch{50};
    std::atomic<int> stepMs{2};
    std::atomic<double> lastLearningRate{0};
    std::atomic<int> trainedSlots{0};

    ql::app::DataHandle loadData(const ql::core::TrainingConfig &config) override
    {
        if (config.dataDir == "missing")
            throw std::runtime_error("data folder missing does not exist");
        return {};
    }
    /// Per slot: the mode and source slot of its last train() call (read under the lock: the
    /// worker thread writes them).
    ql::app::JobSettings::Mode mode(int slot)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_modes[slot];
    }
    int initFrom(int slot)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_initFrom[slot];
    }
    /// calibratedStart() calls (fine-tune starting points published with snapshots).
    std::atomic<int> calibratedStarts{0};

    ql::core::RunOutcome train(int slot, const ql::core::TrainingConfig &config,
                               ql::app::JobSettings::Mode mode, int from,
                               ql::core::TrainingObserver &observer) override
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_config[slot] = config;
            m_modes[slot] = mode;
            m_initFrom[slot] = from;
        }
        for (int i = 1; i <= steps; ++i) {
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_wake.wait(lock, [this] { return !m_paused || m_cancel; });
                if (m_cancel)
                    return ql::core::RunOutcome::Cancelled;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(stepMs));
            ql::core::BatchMetrics m;
            m.epoch = (i - 1) / stepsPerEpoch + 1;
            m.step = (i - 1) % stepsPerEpoch + 1;
            m.stepsPerEpoch = stepsPerEpoch;
            m.globalStep = i;
            m.loss = 1.0 / i;
            m.learningRate = lastLearningRate.load();
            observer.onBatch(m);
            if (i % stepsPerEpoch == 0) {
                ql::core::EpochMetrics e;
                e.epoch = m.epoch;
                observer.onEpoch(e);
            }
        }
        ++trainedSlots;
        return ql::core::RunOutcome::Finished;
    }
    /// true: snapshot() hands out valid (fake) model handles, as the engine does.
    bool validSnapshots = false;
    ql::app::ModelHandle snapshot(int) override
    {
        ql::app::ModelHandle h;
        if (validSnapshots) {
            static char dummy;
            h.model = std::shared_ptr<ql::core::ClassifierImpl>(
                std::shared_ptr<void>(), reinterpret_cast<ql::core::ClassifierImpl *>(&dummy));
        }
        return h;
    }
    ql::app::ModelHandle calibratedStart(int, const ql::core::TrainingConfig &) override
    {
        ++calibratedStarts;
        return {};
    }
    ql::core::TrainingConfig config(int slot) const override { return m_config[slot]; }
    void saveCheckpoint(int, const std::string &) override {}
    void loadCheckpoint(int, const std::string &path) override
    {
        if (path.find("corrupt") != std::string::npos)
            throw std::runtime_error(path + " is not a QuantLens checkpoint");
    }
    void requestPause(bool paused) override
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = paused;
        m_wake.notify_all();
    }
    void requestCancel() override
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_cancel = true;
        m_wake.notify_all();
    }
    void clearCancel() override
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_cancel = false;
    }
    void setLearningRate(double lr) override { lastLearningRate = lr; }

private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_paused = false;
    bool m_cancel = false;
    ql::core::TrainingConfig m_config[ql::app::kModelSlots];
    ql::app::JobSettings::Mode m_modes[ql::app::kModelSlots] = {};
    int m_initFrom[ql::app::kModelSlots] = {-2, -2};
};

/// A model handle that is valid but points at no model: only fakes receive it (they never
/// dereference it), so the window's "has a model" paths can run without torch.
inline ql::app::ModelHandle fakeModelHandle()
{
    static char dummy;
    ql::app::ModelHandle h;
    h.model = std::shared_ptr<ql::core::ClassifierImpl>(
        std::shared_ptr<void>(), reinterpret_cast<ql::core::ClassifierImpl *>(&dummy));
    return h;
}

/// An inference engine that takes `workMs` per request and records which ids it computed.
class FakeInferenceBackend : public ql::app::InferenceBackend {
public:
    std::atomic<int> workMs{100}; // a test may change it while the worker thread runs
    std::mutex mutex;
    std::vector<quint64> computedIds;

    ql::app::SaliencyResult explain(const ql::app::SaliencyRequest &request,
                                    const ql::app::ModelHandle[],
                                    const ql::app::DataHandle &) override
    {
        QThread::msleep(static_cast<unsigned long>(workMs));
        {
            std::lock_guard<std::mutex> lock(mutex);
            computedIds.push_back(request.id);
            calls.push_back("explain " + std::to_string(request.id));
        }
        ql::app::SaliencyResult r;
        r.source = request.filePath;
        if (request.filePath.endsWith(QStringLiteral(".pdf")))
            r.error = QStringLiteral("%1 is not an image QuantLens can read").arg(request.filePath);
        return r;
    }
    /// Stages of `workMs` each; records (id, stage) of every stage begun, and stops a stage
    /// that is superseded (polled every millisecond, as the engine polls between batches).
    /// Each stage's images: the request's counts capped at `testImages`; accuracy 0.5.
    std::atomic<int> testImages{10000};
    std::vector<std::pair<quint64, int>> stagesBegun, stagesStopped;
    /// Tests of snapshots (PreviewRequest::snapshotSlot): step, stage, model handed in.
    std::vector<std::tuple<qint64, int, bool>> snapshotTests;
    /// Every call in order: "explain <id>", "preview <id> <stage>" (when it finished).
    std::vector<std::string> calls;
    /// Hand back a (never dereferenced) quantized model, as the engine does, so that the
    /// worker shows the preview in the maps.
    std::atomic<bool> makeQuantized{false};
    ql::app::PreviewResult preview(const ql::app::PreviewRequest &request,
                                   const ql::app::PreviewResult *previous,
                                   const ql::app::ModelHandle &, const ql::app::DataHandle &,
                                   ql::app::ModelHandle &quantized,
                                   const std::function<bool()> &superseded) override
    {
        ql::app::PreviewResult r;
        r.quant = request.quant;
        r.stage = previous ? previous->stage + 1 : 0;
        {
            std::lock_guard<std::mutex> lock(mutex);
            stagesBegun.emplace_back(request.id, r.stage);
        }
        for (int ms = 0; ms < workMs; ++ms) {
            if (superseded()) {
                std::lock_guard<std::mutex> lock(mutex);
                stagesStopped.emplace_back(request.id, r.stage);
                r.superseded = true;
                return r;
            }
            QThread::msleep(1);
        }
        if (request.snapshotSlot >= 0) {
            // A model in training is tested as it is: it must have been handed in.
            std::lock_guard<std::mutex> lock(mutex);
            snapshotTests.emplace_back(request.snapshotStep, r.stage, quantized.isValid());
        } else if (makeQuantized && !previous) {
            static int token = 0; // the aliasing pointer is only compared, never used
            quantized.model = std::shared_ptr<ql::core::ClassifierImpl>(
                std::make_shared<int>(0), reinterpret_cast<ql::core::ClassifierImpl *>(&token));
        }
        {
            std::lock_guard<std::mutex> lock(mutex);
            calls.push_back("preview " + std::to_string(request.id) + " " +
                            std::to_string(r.stage));
        }
        const int wanted = r.stage < static_cast<int>(request.stages.size())
                               ? request.stages[static_cast<size_t>(r.stage)]
                               : 0;
        const int images = testImages.load();
        r.subsetSize = wanted > 0 ? std::min(wanted, images) : images;
        r.testSize = images;
        r.correct = r.subsetSize / 2;
        r.accuracy = 0.5;
        r.final = r.subsetSize >= images || r.stage + 1 >= static_cast<int>(request.stages.size());
        return r;
    }
    std::vector<ql::app::ExportRequest> exports;
    ql::app::ExportResult exportModel(const ql::app::ExportRequest &request,
                                      const ql::app::ModelHandle[],
                                      const ql::app::DataHandle &) override
    {
        std::lock_guard<std::mutex> lock(mutex);
        exports.push_back(request);
        ql::app::ExportResult r;
        if (request.format == QLatin1String("bogus"))
            r.error = QStringLiteral("Unknown export format 'bogus'");
        r.bytes = 1000;
        return r;
    }
    ql::app::EvaluationResult evaluate(const ql::app::ModelHandle[],
                                       const ql::app::DataHandle &) override
    {
        return {};
    }
    /// Predictions read off the file name: "<a><b>....png" -> model A predicts digit a, model B
    /// digit b (probability 0.9), other names 0; the known label is a one-digit folder name;
    /// a ".bad.png" file is unreadable. Slots without a model get no predictions.
    std::atomic<int> predictCalls{0};
    int predictMs = 0; ///< time per predictFiles call
    ql::app::GalleryPredictionResult predictFiles(const ql::app::GalleryPredictionRequest &request,
                                                  const ql::app::ModelHandle models[],
                                                  const ql::app::DataHandle &) override
    {
        ++predictCalls;
        QThread::msleep(static_cast<unsigned long>(predictMs));
        ql::app::GalleryPredictionResult r;
        for (const QString &file : request.files) {
            ql::app::GalleryPrediction item;
            item.file = file;
            const QFileInfo info(file);
            if (file.endsWith(QStringLiteral(".bad.png"))) {
                item.error = QStringLiteral("cannot decode %1").arg(info.fileName());
                r.items.push_back(item);
                continue;
            }
            const QString folder = info.dir().dirName();
            if (folder.size() == 1 && folder.at(0).isDigit()) {
                item.knownLabel = folder.toInt();
                item.knownName = folder;
            }
            const QString base = info.fileName();
            for (int slot = 0; slot < ql::app::kModelSlots; ++slot) {
                if (!models[slot].isValid())
                    continue;
                const int label =
                    base.size() > slot && base.at(slot).isDigit() ? base.at(slot).digitValue() : 0;
                item.top[slot].push_back({label, QString::number(label), 0.9});
                item.top[slot].push_back(
                    {(label + 1) % 10, QString::number((label + 1) % 10), 0.1});
            }
            r.items.push_back(item);
        }
        return r;
    }
    /// A four-layer model (conv1, conv2, fc1, fc2) whose bits follow core's QuantConfig rules
    /// (edge policy, overrides), 1000 parameters a layer; bytes = parameters x bits / 8,
    /// bit-operations = parameters x weight bits x 8.
    ql::app::ModelDescription describe(const ql::core::ModelSpec &spec) override
    {
        spec.quant.validate();
        ql::app::ModelDescription d;
        const char *names[] = {"conv1", "conv2", "fc1", "fc2"};
        for (int i = 0; i < 4; ++i) {
            ql::widgets::LayerBitsRow row;
            row.name = QString::fromLatin1(names[i]);
            row.kind = i < 2 ? QStringLiteral("conv") : QStringLiteral("linear");
            const auto bits = spec.quant.bitsFor(names[i], i == 0, i == 3);
            row.weightBits = bits.weightBits;
            row.activationBits = bits.activationBits;
            row.parameters = 1000;
            row.sizeBytes = 1000.0 * bits.weightBits / 8.0;
            row.bops = 1000.0 * bits.weightBits * 8;
            d.layers.push_back(row);
            d.parameters += row.parameters;
            d.sizeBytes += row.sizeBytes;
            d.floatSizeBytes += 4000.0;
            d.bops += row.bops;
        }
        return d;
    }
};

} // namespace ql::test
