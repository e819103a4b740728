// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/metrics/curve.h"
#include "core/metrics/feature_removal.h"
#include "core/models/classifier.h"
#include "core/saliency/saliency_options.h"

#include <atomic>

namespace ql::core {

/// Deletion and insertion curves (Petsiuk et al. 2018, RISE). Features (pixel positions) are
/// ordered by decreasing saliency; after step s of `steps` the first m_s = round(s d / steps)
/// features are
///   deletion:  replaced by the fill value in the image       p_del(s) = softmax(f(x_del,s))_c
///   insertion: copied from the image onto a canvas           p_ins(s) = softmax(f(x_ins,s))_c
/// where c is the explained class (label when `useLabels`, else the prediction on x). Curves
/// are averaged over images, x = m_s / d in [0, 1]; AUC = trapezoid over x. Deletion: lower is
/// better; insertion: higher is better.
struct DeletionInsertionOptions {
    int steps = 28;
    FillSpec deletionFill;     ///< default: black (0)
    bool blurredCanvas = true; ///< insertion canvas: blurred image, else deletionFill
    float canvasBlurSigma = 4.0f;
    bool useLabels = false;
    int64_t batchSize = 100; ///< images per batch; each needs steps + 1 forwards per curve
    int64_t limit = 0;       ///< first `limit` images; 0 = all
    uint64_t seed = 0;
    SaliencyOptions saliency;
};

struct DeletionInsertionResult {
    Curve deletion;  ///< name "deletion"
    Curve insertion; ///< name "insertion"
    int64_t images = 0;
};

DeletionInsertionResult deletionInsertion(ClassifierImpl &model, const Dataset &test,
                                          const Normalization &norm,
                                          const DeletionInsertionOptions &options,
                                          const std::atomic<bool> *cancel = nullptr);

} // namespace ql::core
