// SPDX-License-Identifier: MIT
// Stand-in engine used only while the core's trainer, models, saliency or data loaders are
// not in the tree (CMake picks it; see app/gui/CMakeLists.txt). Every call reports that.
#include "app/gui/engine.h"
#include "app/gui/inference_backend.h"
#include "app/gui/training_backend.h"

#include "core/runtime.h"

#include <stdexcept>

namespace ql::app {

namespace {

const char kMissing[] = "this build has no training engine (core trainer, models, saliency or "
                        "data loaders were missing when it was configured)";

class StubTrainingBackend : public TrainingBackend {
public:
    DataHandle loadData(const ql::core::TrainingConfig &) override
    {
        throw std::runtime_error(kMissing);
    }
    ql::core::RunOutcome train(int, const ql::core::TrainingConfig &, JobSettings::Mode, int,
                               ql::core::TrainingObserver &) override
    {
        throw std::runtime_error(kMissing);
    }
    ModelHandle snapshot(int) override { return {}; }
    ql::core::TrainingConfig config(int) const override { return {}; }
    void saveCheckpoint(int, const std::string &) override { throw std::runtime_error(kMissing); }
    void loadCheckpoint(int, const std::string &) override { throw std::runtime_error(kMissing); }
    void requestPause(bool) override {}
    void requestCancel() override {}
    void clearCancel() override {}
    void setLearningRate(double) override {}
};

class StubInferenceBackend : public InferenceBackend {
public:
    SaliencyResult explain(const SaliencyRequest &, const ModelHandle[],
                           const DataHandle &) override
    {
        SaliencyResult r;
        r.error = QString::fromLatin1(kMissing);
        return r;
    }
    PreviewResult preview(const PreviewRequest &, const ModelHandle &, const DataHandle &,
                          ModelHandle &) override
    {
        PreviewResult r;
        r.error = QString::fromLatin1(kMissing);
        return r;
    }
    EvaluationResult evaluate(const ModelHandle[], const DataHandle &) override { return {}; }
};

} // namespace

std::shared_ptr<TrainingBackend> makeEngineTrainingBackend(const QString &)
{
    return std::make_shared<StubTrainingBackend>();
}
std::shared_ptr<TrainingBackend> makeEngineTrainingBackend(const QString &, const DataHandle &)
{
    return std::make_shared<StubTrainingBackend>();
}
bool engineAvailable()
{
    return false;
}
std::shared_ptr<InferenceBackend> makeEngineInferenceBackend()
{
    return std::make_shared<StubInferenceBackend>();
}
QVector<ql::widgets::LayerBitsRow> describeLayers(const ModelHandle &)
{
    return {};
}
int testImageCount(const DataHandle &)
{
    return 0;
}
QStringList classNames(const DataHandle &)
{
    return {};
}
QString engineSummary()
{
    return QString::fromStdString(ql::core::torchBuildSummary());
}

} // namespace ql::app
