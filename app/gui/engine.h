// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"
#include "widgets/bit_width_types.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
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
/// What a user's image folder (the folder:<path> data sets) holds, read from the file names
/// and image headers only (imaging::summarizeImageFolderSplits).
struct ImageFolderInfo {
    QString dir;
    QString error; ///< why the folder cannot be used; empty when it can
    QStringList classes;
    qint64 trainImages = 0;
    qint64 testImages = 0;
    bool separateTest = false; ///< train/ and test/; else every 5th image is held out
    int channels = 1;
    int minWidth = 0, minHeight = 0, maxWidth = 0, maxHeight = 0;
    bool sameSize() const { return minWidth == maxWidth && minHeight == maxHeight; }
};
/// Scans `dir` (any thread; `cancelled`, polled between files, stops a superseded scan).
ImageFolderInfo scanImageFolder(const QString &dir, const std::function<bool()> &cancelled);

/// "LibTorch 1.13.0, ..." for the About box.
QString engineSummary();

} // namespace ql::app
