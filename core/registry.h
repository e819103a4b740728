// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

/// The names QuantLens accepts, in one place: the CLI (options, --help), the GUI (combo boxes)
/// and the config parser (config.json, checkpoints) all read these lists, so a name one of them
/// offers is one the others accept. Canonical spellings only; parsers may accept aliases
/// (saliency: "vanilla" and "grad" for "gradient").
namespace ql::core::registry {

/// Optimisers (TrainingConfig::optimizer.name), in the order the GUI offers them.
const std::vector<std::string> &optimizers();
/// Learning-rate schedules (ScheduleConfig::name).
const std::vector<std::string> &schedules();
/// Built-in data sets (TrainingConfig::dataset); also "folder:<path>" for an image folder.
const std::vector<std::string> &datasets();
/// The prefix of an image-folder data set name.
inline constexpr const char *kFolderDatasetPrefix = "folder:";
/// Model architectures (ModelSpec::arch), as makeClassifier builds them.
const std::vector<std::string> &models();
/// Saliency methods (SaliencyOptions::method), canonical ids as toString(SaliencyMethod).
const std::vector<std::string> &saliencyMethods();
/// Bit-widths a layer takes: 1..8 and "float" (kFloatBits), in the order offered.
const std::vector<std::string> &bitWidths();
/// The study's default bit-width list.
const char *defaultStudyBits();

/// True when `name` is in `list`.
bool contains(const std::vector<std::string> &list, const std::string &name);
/// "a, b, c or d" for help texts and messages.
std::string joined(const std::vector<std::string> &list, const std::string &last = " or ");

} // namespace ql::core::registry
