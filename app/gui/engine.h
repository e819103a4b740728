// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"
#include "widgets/bit_width_types.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace ql::app {

class InferenceBackend;
class TrainingBackend;

/// The LibTorch engine behind the GUI (implemented in torch-only .cpp files).
std::shared_ptr<TrainingBackend> makeEngineTrainingBackend(const QString &workDir);
/// The same engine training on `data` whatever the configuration names (tests, benchmarks).
std::shared_ptr<TrainingBackend> makeEngineTrainingBackend(const QString &workDir,
                                                           const DataHandle &data);
std::shared_ptr<InferenceBackend> makeEngineInferenceBackend();

/// Number of test images and the class names of loaded data.
int testImageCount(const DataHandle &data);
/// Training images of the loaded data (0 when none).
int trainImageCount(const DataHandle &data);
QStringList classNames(const DataHandle &data);
/// "LibTorch 1.13.0, ..." for the About box.
QString engineSummary();

} // namespace ql::app
