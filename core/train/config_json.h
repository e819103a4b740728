// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace ql::core {

/// JSON form of the run configuration (config.json in run folders, the metadata of
/// checkpoints, `quantlens-cli train --config`). Readers accept partial objects (missing keys
/// keep their defaults) and throw std::invalid_argument naming the key for an unknown key, a
/// wrong type or an invalid value, e.g. "config: optimizer.name 'foo' is not one of ...".
nlohmann::json toJson(const TrainingConfig &config);
nlohmann::json toJson(const ModelSpec &spec);
nlohmann::json toJson(const QuantConfig &quant);
nlohmann::json toJson(const SgtConfig &sgt);
nlohmann::json toJson(const OptimizerConfig &optimizer);
nlohmann::json toJson(const ScheduleConfig &schedule);

TrainingConfig trainingConfigFromJson(const nlohmann::json &json);
ModelSpec modelSpecFromJson(const nlohmann::json &json);
QuantConfig quantConfigFromJson(const nlohmann::json &json);

/// Pretty-printed JSON text and its inverse (which also reports JSON syntax errors).
std::string toJsonString(const TrainingConfig &config);
TrainingConfig trainingConfigFromJsonString(const std::string &text);
/// Reads a config file; throws std::runtime_error naming the file when unreadable.
TrainingConfig loadTrainingConfig(const std::string &path);

/// Documented ranges of the run settings, shared by the config reader and the CLI.
constexpr int64_t kMaxEpochs = 100000;
/// Largest step budget (TrainingConfig::maxSteps).
constexpr int64_t kMaxSteps = int64_t{1} << 40;
constexpr int64_t kMaxBatchSize = 65536;
constexpr int64_t kMaxThreads = 256;
constexpr int64_t kMaxSampleLimit = int64_t{1} << 40;
constexpr double kMaxLearningRate = 100.0;
/// Largest config file read (1 MiB).
constexpr uint64_t kMaxConfigBytes = uint64_t{1} << 20;

/// Throws std::invalid_argument naming the first invalid setting and its valid range (epochs
/// outside [1, kMaxEpochs], batch outside [1, kMaxBatchSize], threads above kMaxThreads, mask
/// fraction outside [0, 1), bits outside 1..8 and 32, lr outside (0, kMaxLearningRate], model
/// shapes beyond model_footprint.h's limits, unknown names...). JSON integers that do not fit
/// their field's type are refused by the readers with the type's range, never wrapped.
void validateTrainingConfig(const TrainingConfig &config);

const char *toString(SgtConfig::Saliency saliency);
const char *toString(SgtConfig::Fill fill);
const char *toString(RunOutcome outcome);
/// "magnitude" / "signed"; throws std::invalid_argument otherwise.
SgtConfig::Saliency saliencyModeFromString(const std::string &text);
/// "uniform" / "background" / "channel-mean"; throws std::invalid_argument otherwise.
SgtConfig::Fill fillModeFromString(const std::string &text);

} // namespace ql::core
