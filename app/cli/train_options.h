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

/// The one checked conversion of numeric options for every command. Each throws
/// std::invalid_argument with a translated message naming the option, the text given and the
/// valid range ("--epochs: 4294967297 is out of range: use a whole number from 1 to 100000");
/// nothing is ever wrapped, truncated or silently taken as 0.
///
/// A whole number in [lo, hi] (decimal; no fractions, exponents or trailing text).
long long intOption(const QCommandLineParser &parser, const QString &name, long long lo,
                    long long hi);
/// A whole number that fits an int (callers may cast to int without wrapping); prefer the
/// overload with the option's real range.
long long intOption(const QCommandLineParser &parser, const QString &name);
/// A finite number in [lo, hi]; `loOpen` / `hiOpen` exclude the bound.
double doubleOption(const QCommandLineParser &parser, const QString &name, double lo, double hi,
                    bool loOpen = false, bool hiOpen = false);
/// Any finite number (not nan, not inf, not 1e999).
double doubleOption(const QCommandLineParser &parser, const QString &name);
/// `--resize`: "N" or "NxN" (square, 1 to kMaxModelImageSize); the side length.
int resizeOption(const QString &value);

/// Documented ranges of options shared by several commands.
constexpr long long kMaxCliThreads = 256;     ///< --threads (0: all cores)
constexpr long long kMaxCliSamples = 100000;  ///< --samples, --steps, --deletion-steps
constexpr long long kMaxCliImages = 10000000; ///< --limit, --sanity-images

} // namespace ql::app
