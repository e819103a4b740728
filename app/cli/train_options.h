// SPDX-License-Identifier: MIT
#pragma once

#include "core/data/dataset.h"
#include "core/train/training_config.h"

#include <QCommandLineParser>
#include <QString>

namespace ql::app {

/// The options `train` and `compare` share (dataset, model, bits, SGT, optimiser, schedule,
/// epochs, batch, threads, device, seed, limits). `compare` sets the bits and SGT itself.
void addTrainingOptions(QCommandLineParser &parser, bool withBitsAndSgt);

/// `base` with every option given on the command line applied, validated. Throws
/// std::invalid_argument with a translated, user-facing message.
core::TrainingConfig applyTrainingOptions(const QCommandLineParser &parser,
                                          core::TrainingConfig base, bool withBitsAndSgt = true);

/// Loads config.dataset from config.dataDir and sets the model's channels, size and classes
/// from the data.
core::DataSplits loadDataFor(core::TrainingConfig &config);

/// Parses an integer option, throwing a translated message naming the option.
long long intOption(const QCommandLineParser &parser, const QString &name);
double doubleOption(const QCommandLineParser &parser, const QString &name);

} // namespace ql::app
