// SPDX-License-Identifier: MIT
#include "app/gui/bit_width_coordinator.h"

#include "app/gui/inference_worker.h"
#include "widgets/bit_width_panel.h"

#include <QLocale>

namespace ql::app {

namespace {
bool sameBits(const ql::core::QuantConfig &a, const ql::core::QuantConfig &b)
{
    return a.weightBits == b.weightBits && a.activationBits == b.activationBits &&
           a.edgePolicy == b.edgePolicy && a.perLayer == b.perLayer;
}
} // namespace

BitWidthCoordinator::BitWidthCoordinator(ql::widgets::BitWidthPanel *panel,
                                         InferenceWorker *inference,
                                         std::function<ql::core::ModelSpec()> modelSpec,
                                         QObject *parent)
    : QObject(parent), m_panel(panel), m_inference(inference), m_modelSpec(std::move(modelSpec))
{
    connect(m_panel, &ql::widgets::BitWidthPanel::bitsChanged, this,
            &BitWidthCoordinator::onBitsChanged);
    connect(m_inference, &InferenceWorker::previewReady, this, &BitWidthCoordinator::onPreview);
    connect(m_inference, &InferenceWorker::descriptionReady, this,
            &BitWidthCoordinator::onDescription);
}

ql::core::QuantConfig
BitWidthCoordinator::quantFromSelection(const ql::widgets::BitWidthSelection &s)
{
    ql::core::QuantConfig q;
    q.weightBits = s.globalWeightBits;
    q.activationBits = s.globalActivationBits;
    // A row the user set is an override, even at the global bits: that is how a user makes
    // the first or last layer run at 2 bits despite the 8-bit edge rule.
    for (const auto &layer : s.layers)
        if (!layer.followsGlobal)
            q.perLayer[layer.name.toStdString()] = {layer.weightBits, layer.activationBits};
    return q;
}

ql::core::QuantConfig BitWidthCoordinator::quant() const
{
    return quantFromSelection(m_panel->selection());
}

QString BitWidthCoordinator::bitsText(const ql::core::QuantConfig &q)
{
    auto one = [](int bits) {
        return bits == ql::core::kFloatBits ? tr("float") : QLocale().toString(bits);
    };
    return tr("%1/%2-bit").arg(one(q.weightBits), one(q.activationBits));
}

void BitWidthCoordinator::setTrainedQuantized(const ql::core::QuantConfig &quant, double accuracy,
                                              int images)
{
    m_haveTrained = true;
    m_haveInTraining = false; // the run's own test (epoch end, end of budget) replaces it
    m_trainedQuant = quant;
    m_trainedAccuracy = accuracy;
    m_trainedImages = images;
    refreshStats();
}

void BitWidthCoordinator::onBitsChanged(const ql::widgets::BitWidthSelection &selection)
{
    requestDescription();
    refreshStats(); // an accuracy of other bits no longer applies
    if (!m_haveStandard)
        return;
    PreviewRequest r;
    r.quant = quantFromSelection(selection);
    r.stages = {kPreviewFirstStage, kPreviewSecondStage, 0};
    m_panel->setBusy(true);
    m_previewId = m_inference->requestPreview(r);
}

void BitWidthCoordinator::measureTrainingSnapshot(const ql::core::QuantConfig &quant, qint64 step)
{
    PreviewRequest r;
    r.quant = quant;
    // One stage: about 0.5 s of inference per snapshot (every 50 batches, about 10 s of 4-bit
    // SGT on 2 cores; estimates from the timings in docs/RESULTS.md), where the 2,000-image
    // refinement would compete with the training for about 2.5 s.
    r.stages = {kSnapshotTestImages};
    r.snapshotSlot = 1;
    r.snapshotStep = step;
    m_trainingRunning = true;
    m_previewId = m_inference->requestPreview(r);
}

void BitWidthCoordinator::trainingEnded()
{
    m_trainingRunning = false;
    refreshStats();
}

void BitWidthCoordinator::requestDescription()
{
    ql::core::ModelSpec spec = m_modelSpec();
    spec.quant = quant();
    m_descriptionId = m_inference->requestDescription(spec);
}

void BitWidthCoordinator::onDescription(const ModelDescription &d)
{
    if (d.id != m_descriptionId)
        return; // a newer choice is on its way
    if (!d.error.isEmpty()) {
        Q_EMIT error(tr("Cannot build the model: %1").arg(d.error));
        return;
    }
    m_description = d;
    m_panel->updateLayers(d.layers);
    refreshStats();
    Q_EMIT described();
}

void BitWidthCoordinator::onPreview(const PreviewResult &r)
{
    if (r.id != m_previewId)
        return;              // a newer move is on its way
    m_panel->setBusy(false); // the first stage is the answer; refinements follow quietly
    if (!r.error.isEmpty()) {
        Q_EMIT error(r.error);
        return;
    }
    if (r.snapshotSlot >= 0) { // the model in training, not a post-training preview
        m_inTraining = r;
        m_haveInTraining = true;
        refreshStats();
        Q_EMIT snapshotMeasured(r);
        return;
    }
    m_preview = r;
    m_havePreview = true;
    refreshStats();
    Q_EMIT previewMeasured(r);
}

void BitWidthCoordinator::refreshStats()
{
    ql::widgets::ModelSizeStats stats;
    stats.parameters = m_description.parameters;
    stats.sizeBytes = m_description.sizeBytes;
    stats.floatSizeBytes = m_description.floatSizeBytes;
    stats.bops = m_description.bops;
    // An accuracy is shown only for exactly the bits selected now, saying whose it is.
    const auto q = quant();
    if (m_haveInTraining && sameBits(q, m_inTraining.quant)) {
        stats.testAccuracy = m_inTraining.accuracy;
        // A measurement may arrive after its run ended: it is then the ended run's figure.
        stats.accuracySource = m_trainingRunning
                                   ? ql::widgets::ModelSizeStats::AccuracySource::InTraining
                                   : ql::widgets::ModelSizeStats::AccuracySource::TrainingEnded;
        stats.accuracyImages = m_inTraining.subsetSize;
        stats.accuracyRefining = !m_inTraining.final;
        stats.trainingStep = m_inTraining.snapshotStep;
    } else if (m_haveTrained && m_trainedAccuracy >= 0 && sameBits(q, m_trainedQuant)) {
        stats.testAccuracy = m_trainedAccuracy;
        stats.accuracySource = ql::widgets::ModelSizeStats::AccuracySource::Trained;
        stats.accuracyImages = m_trainedImages;
    } else if (m_havePreview && sameBits(q, m_preview.quant)) {
        stats.testAccuracy = m_preview.accuracy;
        stats.accuracySource = ql::widgets::ModelSizeStats::AccuracySource::Preview;
        stats.accuracyImages = m_preview.subsetSize;
        stats.accuracyRefining = !m_preview.final;
    }
    stats.packedBytes = m_description.packedBytes;
    m_panel->setModelStats(stats);
}

} // namespace ql::app
