// SPDX-License-Identifier: MIT
#include "app/gui/gui_types.h"

namespace ql::app {

void registerGuiMetaTypes()
{
    qRegisterMetaType<ql::core::TrainingConfig>();
    qRegisterMetaType<ModelHandle>();
    qRegisterMetaType<DataHandle>();
    qRegisterMetaType<JobSettings>();
    qRegisterMetaType<BatchUpdate>();
    qRegisterMetaType<EpochUpdate>();
    qRegisterMetaType<SaliencyRequest>();
    qRegisterMetaType<SaliencyResult>();
    qRegisterMetaType<PreviewRequest>();
    qRegisterMetaType<PreviewResult>();
    qRegisterMetaType<EvaluationResult>();
    qRegisterMetaType<ModelDescription>();
    qRegisterMetaType<GalleryPredictionRequest>();
    qRegisterMetaType<GalleryPredictionResult>();
    qRegisterMetaType<ExportRequest>();
    qRegisterMetaType<ExportResult>();
}

} // namespace ql::app
