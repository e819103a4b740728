// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/metrics/agreement.h"
#include "core/models/classifier.h"
#include "core/saliency/saliency_options.h"

#include <atomic>
#include <vector>

namespace ql::core {

/// Accuracy and mean map statistics of a model over (the first `limit` images of) a test set.
struct MapQuality {
    int64_t images = 0;
    double accuracy = 0.0; ///< on the unmodified images
    double gini = 0.0;     ///< mean giniIndex of the maps (sparseness; higher = more focused)
    double entropy = 0.0;  ///< mean mapEntropy of the maps (complexity; lower = simpler)
    /// Per image, in order (for bootstrap intervals): 1 when classified correctly, else 0;
    /// and the Gini index of its map.
    std::vector<double> perImageCorrect;
    std::vector<double> perImageGini;
    /// With `keepMaps`: every image's map, float [n, H, W] on the CPU, in order (to hand to
    /// other metrics of the same maps: ModificationOptions::maps, agreementScores).
    torch::Tensor maps;
};

/// Maps explain the labels. Batched; `cancel` checked between batches (throws Cancelled).
MapQuality mapQuality(ClassifierImpl &model, const Dataset &test, const Normalization &norm,
                      const SaliencyOptions &options, int64_t limit = 0, int64_t batchSize = 250,
                      const std::atomic<bool> *cancel = nullptr, bool keepMaps = false);

/// Mean agreement (agreementScores) between two models' maps of the same test images, each
/// model explaining the label. Both models must take the same input shape. With
/// `perImageSpearman`, also each image's Spearman rho, in order.
AgreementScores datasetAgreement(ClassifierImpl &a, ClassifierImpl &b, const Dataset &test,
                                 const Normalization &norm, const SaliencyOptions &options,
                                 int64_t limit = 0, double topFraction = 0.1,
                                 int64_t batchSize = 250, const std::atomic<bool> *cancel = nullptr,
                                 std::vector<double> *perImageSpearman = nullptr);

} // namespace ql::core
