// SPDX-License-Identifier: MIT
// The study's evaluation of one trained configuration: accuracy per test image, size and
// BOPs, and the saliency metrics of `quantlens-cli evaluate` per image on a balanced subset.
#include "core/study/study.h"
#include "core/study/study_internal.h"

#include "core/data/batch.h"
#include "core/metrics/agreement.h"
#include "core/metrics/dataset_scores.h"
#include "core/metrics/deletion_insertion.h"
#include "core/metrics/feature_removal.h"
#include "core/metrics/modification_eval.h"
#include "core/metrics/randomization_check.h"
#include "core/quant/model_size.h"
#include "core/runtime.h"
#include "core/saliency/saliency.h"
#include "core/train/checkpoint.h"

#include <torch/types.h>
#include <torch/utils.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace ql::core {

namespace fs = std::filesystem;
using study_detail::meanOf;

namespace {
/// The maps of the study's saliency metrics (gradient, absolute): one definition for the
/// configuration's own maps and the float model's that they are compared with.
SaliencyOptions studySaliency()
{
    return SaliencyOptions();
}
} // namespace

CellResult StudyRunner::evaluateCell(const StudyCell &cell, const std::string &checkpoint,
                                     const std::string &floatCheckpoint, double trainSeconds,
                                     const std::atomic<bool> *cancel)
{
    const auto start = std::chrono::steady_clock::now();
    const c10::Device device = parseDevice(m_config.base.device);
    ClassifierPtr model = loadModelFromCheckpoint(checkpoint, device);
    CellResult r;
    r.cell = cell;
    r.checkpoint = checkpoint;
    const ModelSize size = computeModelSize(*model);
    r.modelBytes = size.bytes;
    r.bops = size.bops;

    // Accuracy on the test split (all of it unless base.testLimit), per image.
    {
        torch::NoGradGuard noGrad;
        model->eval();
        const Dataset test = balancedSubset(m_data.test, m_config.base.testLimit);
        for (int64_t s = 0; s < test.size(); s += 128) {
            const int64_t len = std::min<int64_t>(128, test.size() - s);
            const auto x = toModelInput(test.images.narrow(0, s, len), m_data.norm, device);
            const auto ok = model->forward(x)
                                .argmax(1)
                                .eq(test.labels.narrow(0, s, len).to(device))
                                .to(torch::kDouble)
                                .cpu()
                                .contiguous();
            r.correct.insert(r.correct.end(), ok.data_ptr<double>(),
                             ok.data_ptr<double>() + ok.numel());
        }
        r.testAccuracy = meanOf(r.correct);
    }

    // The saliency metrics of `quantlens-cli evaluate`, per image, on a balanced subset.
    const Dataset subset = balancedSubset(m_data.test, m_config.evalImages);
    const SaliencyOptions saliency = studySaliency();
    // The maps explaining the labels are computed once and shared by the Gini index, the
    // modification curves and the agreement with the float model (deletion/insertion explain
    // the prediction and compute their own).
    const MapQuality quality =
        mapQuality(*model, subset, m_data.norm, saliency, 0, 250, cancel, true);
    r.perImage["gini"] = quality.perImageGini;
    ModificationOptions mod;
    mod.saliency = saliency;
    mod.seed = m_config.evalSeed;
    mod.maps = quality.maps;
    const ModificationResult modification =
        modificationEvaluation(*model, subset, m_data.norm, mod, cancel);
    r.perImage["modification_auc"] = modification.salient.perImage;
    r.perImage["random_auc"] = modification.random.perImage;
    std::vector<double> gap(modification.salient.perImage.size());
    for (size_t i = 0; i < gap.size(); ++i)
        gap[i] = modification.random.perImage[i] - modification.salient.perImage[i];
    r.perImage["modification_gap"] = gap;
    DeletionInsertionOptions del;
    del.saliency = saliency;
    del.steps = m_config.deletionSteps;
    del.seed = m_config.evalSeed;
    const DeletionInsertionResult di = deletionInsertion(*model, subset, m_data.norm, del, cancel);
    r.perImage["deletion_auc"] = di.deletion.perImage;
    r.perImage["insertion_auc"] = di.insertion.perImage;
    const int64_t sanity = std::min<int64_t>(m_config.sanityImages, subset.size());
    if (sanity > 0) {
        const auto inputs = toModelInput(subset.images.slice(0, 0, sanity), m_data.norm, device);
        const RandomizationResult rr =
            randomizationCheck(*model, inputs, saliency, m_config.evalSeed, cancel);
        if (!rr.spearman.empty())
            r.randomizationFinalSpearman = rr.spearman.back();
    }
    if (!floatCheckpoint.empty() && fs::exists(floatCheckpoint)) {
        const torch::Tensor &reference = referenceMaps(floatCheckpoint, subset, cancel);
        std::vector<double> rho;
        for (int64_t i = 0; i < quality.maps.size(0); ++i)
            rho.push_back(agreementScores(reference[i], quality.maps[i], 0.1).spearman);
        r.perImage["agreement_spearman"] = rho;
    }
    r.trainSeconds = trainSeconds;
    r.seconds = trainSeconds +
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

const torch::Tensor &StudyRunner::referenceMaps(const std::string &floatCheckpoint,
                                                const Dataset &subset,
                                                const std::atomic<bool> *cancel)
{
    if (const auto it = m_referenceMaps.find(floatCheckpoint); it != m_referenceMaps.end())
        return it->second;
    const c10::Device device = parseDevice(m_config.base.device);
    ClassifierPtr reference = loadModelFromCheckpoint(floatCheckpoint, device);
    // As the configuration's own maps (mapQuality): labels explained, batches of 250.
    const MapQuality quality =
        mapQuality(*reference, subset, m_data.norm, studySaliency(), 0, 250, cancel, true);
    return m_referenceMaps[floatCheckpoint] = quality.maps;
}

} // namespace ql::core
