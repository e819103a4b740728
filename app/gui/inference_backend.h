// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

#include <atomic>

namespace ql::app {

/// The tensor work behind the saliency comparison, the bit-width preview and the confusion
/// matrices, as an interface so the newest-request-wins worker can be tested without torch.
/// Called on the inference thread only; `models` are snapshots nobody else touches.
class InferenceBackend {
public:
    virtual ~InferenceBackend() = default;

    /// Predictions, both maps on a shared scale, their difference and agreement scores.
    /// Errors (unreadable image, no model) come back in SaliencyResult::error.
    virtual SaliencyResult explain(const SaliencyRequest &request, const ModelHandle models[],
                                   const DataHandle &data) = 0;
    /// Post-training quantization of `standard` to request.quant; returns the figures and
    /// stores the quantized copy in `quantizedOut`.
    virtual PreviewResult preview(const PreviewRequest &request, const ModelHandle &standard,
                                  const DataHandle &data, ModelHandle &quantizedOut) = 0;
    /// Confusion matrices and misclassified test indices of both models (a bounded subset).
    virtual EvaluationResult evaluate(const ModelHandle models[], const DataHandle &data) = 0;
    /// Top-3 predictions of both models for the gallery's files, with the drop's preprocessing
    /// (core/imaging/batch_predict), in batches; an unreadable file gets its own error.
    virtual GalleryPredictionResult predictFiles(const GalleryPredictionRequest &request,
                                                 const ModelHandle models[],
                                                 const DataHandle &data) = 0;
    /// Builds the model `spec` names (untrained) and describes it with core's size accounting.
    virtual ModelDescription describe(const ql::core::ModelSpec &spec) = 0;
};

} // namespace ql::app
