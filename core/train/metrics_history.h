// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace ql::core {

/// What a run has measured so far: every epoch, and every `batchLogEvery`-th batch. Plain
/// values, stored in checkpoints and written as metrics.csv / batches.csv.
struct MetricsHistory {
    std::vector<EpochMetrics> epochs;
    std::vector<BatchMetrics> batches; ///< decimated
};

nlohmann::json toJson(const MetricsHistory &history);
MetricsHistory metricsHistoryFromJson(const nlohmann::json &json);

/// CSV header + rows: epoch,train_loss,train_acc,test_loss,test_acc,seconds
std::string epochCsvHeader();
std::string epochCsvRow(const EpochMetrics &m);
/// CSV header + rows: epoch,step,global_step,loss,ce,kl,acc,lr,samples_per_s,alphas,clipped
/// (alphas and clipped fractions ';'-separated, forward order).
std::string batchCsvHeader();
std::string batchCsvRow(const BatchMetrics &m);

} // namespace ql::core
