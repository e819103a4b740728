// SPDX-License-Identifier: MIT
#pragma once

// Shared by `quantlens-cli saliency` and `quantlens-cli evaluate`: checkpoint and data loading,
// saliency options from the command line.

#include "core/data/dataset.h"
#include "core/models/classifier.h"
#include "core/saliency/saliency_options.h"
#include "core/train/training_config.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace ql::app {

/// One loaded checkpoint: its model in eval mode and the run's configuration.
struct LoadedModel {
    QString path;
    QString label; ///< short name for captions and tables (file base name, or its run folder)
    core::ClassifierPtr model;
    core::TrainingConfig config;
};

/// Adds --checkpoint, --device, --threads, --data-dir and the saliency tuning options.
void addCommonSaliencyOptions(QCommandLineParser &parser);

/// Loads every --checkpoint (at least one; all with the same input shape). Throws
/// std::runtime_error / std::invalid_argument with a user-facing message.
std::vector<LoadedModel> loadCheckpoints(const QCommandLineParser &parser,
                                         const c10::Device &device);

/// Base options from --samples, --noise, --steps, --baseline, --signed, --reduction.
core::SaliencyOptions saliencyOptionsFrom(const QCommandLineParser &parser);

/// Methods from a comma-separated --method value (default "gradient").
std::vector<core::SaliencyMethod> methodsFrom(const QString &text);

/// The first model's data set (test split and normalisation), from its config or --data-dir.
core::DataSplits loadDataFor(const QCommandLineParser &parser, const LoadedModel &model);

/// Comma-separated integers ("0,1,5"); throws std::invalid_argument naming the bad item.
std::vector<int64_t> parseIndexList(const QString &text);

/// Labels unique among the models (appends #2, #3 to duplicates).
void makeLabelsUnique(std::vector<LoadedModel> &models);

} // namespace ql::app
