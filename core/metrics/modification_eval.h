// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/metrics/curve.h"
#include "core/metrics/feature_removal.h"
#include "core/models/classifier.h"
#include "core/saliency/saliency_options.h"

#include <atomic>
#include <vector>

namespace ql::core {

/// Modification-based evaluation of the saliency-guided-training paper (Ismail et al. 2021,
/// section 5): for each t in `percents`, replace the top t% most salient features of every
/// test image (a feature is a pixel position, all channels) by the fill value and measure
/// accuracy; the same with t% RANDOM features as the baseline:
///   acc_S(t) = 1/N sum_n [argmax f(x_n with top-t% salient removed) = y_n]
///   acc_R(t) = 1/N sum_n [argmax f(x_n with random t% removed) = y_n]
/// Curves have x = t / 100 and y = accuracy; area = trapezoid over x. A steeper fall of acc_S
/// (smaller area) than acc_R means the maps point at features the model relies on.
struct ModificationOptions {
    std::vector<int> percents{0, 10, 20, 30, 40, 50, 60, 70, 80, 90};
    FillSpec fill;
    bool includeRandom = true;
    /// Images per batch. Small on purpose: on a CPU, mnist-cnn evaluates 2.2x faster per image
    /// in batches of 128 than of 500 (its conv activations then fit the caches).
    int64_t batchSize = 128;
    int64_t limit = 0; ///< first `limit` images only; 0 = all
    uint64_t seed = 0;
    SaliencyOptions saliency;
    /// Optional: the maps of the (first `limit`) images with `saliency`, explaining their labels,
    /// float [n, H, W] in image order (e.g. MapQuality::maps): the saliency pass is skipped.
    torch::Tensor maps;
};

struct ModificationResult {
    Curve salient; ///< name "salient"
    Curve random;  ///< name "random"; empty when !includeRandom
    int64_t images = 0;
};

/// Runs the evaluation on `test` (uint8 images, normalised with `norm`) on the model's
/// device. `cancel` is checked between batches (throws Cancelled). Restores the model's mode.
ModificationResult modificationEvaluation(ClassifierImpl &model, const Dataset &test,
                                          const Normalization &norm,
                                          const ModificationOptions &options,
                                          const std::atomic<bool> *cancel = nullptr);

} // namespace ql::core
