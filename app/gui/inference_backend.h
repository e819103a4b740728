// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

#include <functional>

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
    /// One stage of a progressive post-training preview (see PreviewRequest). Stage 0
    /// (`previous` null) quantizes `standard` to request.quant, stores the copy in `quantized`
    /// and tests it on the first request.stages[0] images of the test split's balanced order;
    /// stage k gets that copy and stage k-1's result back and tests only the images stage k-1
    /// did not (accuracy and counts are cumulative). `superseded` is polled between batches:
    /// once it returns true the stage stops and returns a result with `superseded` set.
    virtual PreviewResult preview(const PreviewRequest &request, const PreviewResult *previous,
                                  const ModelHandle &standard, const DataHandle &data,
                                  ModelHandle &quantized,
                                  const std::function<bool()> &superseded) = 0;
    /// Confusion matrices and misclassified test indices of both models (a bounded subset).
    virtual EvaluationResult evaluate(const ModelHandle models[], const DataHandle &data) = 0;
    /// Top-3 predictions of both models for the gallery's files, with the drop's preprocessing
    /// (core/imaging/batch_predict), in batches; an unreadable file gets its own error.
    virtual GalleryPredictionResult predictFiles(const GalleryPredictionRequest &request,
                                                 const ModelHandle models[],
                                                 const DataHandle &data) = 0;
    /// Builds the model `spec` names (untrained) and describes it with core's size accounting.
    virtual ModelDescription describe(const ql::core::ModelSpec &spec) = 0;
    /// Writes models[request.slot] as request.format to request.path through the export the
    /// CLI uses (core/deploy/model_export: written next to the target, read back, renamed);
    /// `models[0]` (the float model) gives the float checkpoint size. Errors come back in
    /// ExportResult::error, and leave no file behind.
    virtual ExportResult exportModel(const ExportRequest &request, const ModelHandle models[],
                                     const DataHandle &data) = 0;
};

} // namespace ql::app
