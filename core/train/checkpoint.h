// SPDX-License-Identifier: MIT
#pragma once

#include "core/models/classifier.h"
#include "core/train/metrics_history.h"
#include "core/train/training_config.h"

#include <torch/types.h>

#include <cstdint>
#include <string>

namespace torch::optim {
class Optimizer;
}

namespace ql::core {

/// Where a run stands; the plain-value part of a checkpoint.
struct CheckpointInfo {
    TrainingConfig config; ///< the run's configuration (model spec and bits included)
    MetricsHistory history;
    int epochsCompleted = 0; ///< whole epochs finished
    int64_t stepInEpoch = 0; ///< batches done in the unfinished epoch (0 at an epoch boundary)
    int64_t globalStep = 0;
    double bestTestAccuracy = 0;
    /// Running sums of the unfinished epoch (so a resumed epoch reports the same averages).
    double epochLossSum = 0, epochCorrect = 0;
    int64_t epochSamples = 0;
};

/// Tensor state saved along with the info. Undefined generator states are skipped.
struct CheckpointState {
    torch::optim::Optimizer *optimizer = nullptr; ///< optional
    torch::Tensor defaultGeneratorState;          ///< CPU default generator (dropout, fill)
    torch::Tensor trainerGeneratorState;          ///< the trainer's own (shuffle, augment)
};

/// Writes a checkpoint atomically: a temporary file in the same folder, flushed and renamed
/// over `path`, so a crash or a full disk never leaves a half-written file (the old one stays).
/// Format: magic "QLCKPT01", sizes, CRC-32, JSON metadata, a torch archive (model, optimiser,
/// generator states). Throws std::runtime_error naming the file on failure.
void saveCheckpoint(const std::string &path, const CheckpointInfo &info,
                    const ClassifierImpl &model, const CheckpointState &state = {});

/// Reads only the metadata (config, history, position). Throws std::runtime_error naming the
/// file for a missing, truncated, corrupt (CRC) or foreign file.
CheckpointInfo readCheckpointInfo(const std::string &path);

/// Loads parameters and buffers into `model` (built from the checkpoint's spec, or at other
/// bits for fine-tuning: weights and alphas are bit-width independent) and, when given, the
/// optimiser state and generator states into `state`. Same errors as readCheckpointInfo, plus
/// a message when the model's parameters do not match.
CheckpointInfo loadCheckpoint(const std::string &path, ClassifierImpl &model,
                              CheckpointState *state = nullptr);

/// Builds the checkpoint's model (makeClassifier(info.config.model)) on `device`, loads its
/// weights and puts it in eval mode: for the GUI, saliency and evaluation. The metadata is
/// validated against the file first: a spec whose tensors (modelTensorElements) need more
/// bytes than the file holds is refused before anything is built. Regular files of at most
/// 2 GiB only.
ClassifierPtr loadModelFromCheckpoint(const std::string &path, const c10::Device &device,
                                      CheckpointInfo *info = nullptr);

namespace detail {
/// Test hook: when >= 0, writeFileAtomically fails after writing this many bytes (a simulated
/// full disk). Not for production use.
extern int64_t g_failWriteAfterBytes;
} // namespace detail

/// Writes `bytes` to `path` atomically (same-folder temporary file `path.tmp-<pid>-XXXXXX`,
/// flush, rename).
void writeFileAtomically(const std::string &path, const std::string &bytes);

/// Deletes the temporary files of writeFileAtomically in `dir` whose writer is gone (a save
/// killed mid-write): `*.tmp-<pid>-XXXXXX` of a process that no longer exists, and the
/// `*.tmp-XXXXXX` of earlier versions. Saves in progress (live pids) are kept. Returns how many
/// were removed; never throws.
int removeStaleTemporaries(const std::string &dir);

} // namespace ql::core
