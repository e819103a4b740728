// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"
#include "app/gui/study_types.h"
#include "core/train/training_config.h"

#include <stdexcept>
#include <string>

namespace ql::app {

/// What the training worker needs from the engine, as an interface so the threading can be
/// tested without torch and the engine swapped without touching Qt code. All methods except
/// the control ones run on the training thread; the control methods (requestPause,
/// requestCancel, setLearningRate) are thread-safe and may be called while train() runs.
class TrainingBackend {
public:
    virtual ~TrainingBackend() = default;

    /// Loads the splits named by `config` (cached when unchanged). Throws std::exception with
    /// a user-facing message.
    virtual DataHandle loadData(const ql::core::TrainingConfig &config) = 0;
    /// Trains `slot`, blocking until it finishes, is cancelled or fails. `mode` as in
    /// JobSettings; FineTune starts from a calibrated quantized copy of slot `initFromSlot`'s
    /// model (its own when < 0): core's prepareCalibratedFineTune.
    virtual ql::core::RunOutcome train(int slot, const ql::core::TrainingConfig &config,
                                       JobSettings::Mode mode, int initFromSlot,
                                       ql::core::TrainingObserver &observer) = 0;
    /// A deep copy of the slot's model (null handle when it has none).
    virtual ModelHandle snapshot(int slot) = 0;
    /// The model a calibrated fine-tune of `fromSlot`'s current weights at `config`'s bits
    /// would start from now (a post-training quantization with PACT alphas calibrated on a
    /// few training images). Runs on the training thread between batches. Null handle when
    /// not available (the default).
    virtual ModelHandle calibratedStart(int /*fromSlot*/, const ql::core::TrainingConfig &)
    {
        return {};
    }
    /// The configuration the slot's model was last trained or loaded with.
    virtual ql::core::TrainingConfig config(int slot) const = 0;
    /// Checkpoint of the slot's model, optimiser, config and metrics; throws on failure.
    virtual void saveCheckpoint(int slot, const std::string &path) = 0;
    /// Replaces the slot's model from a checkpoint; throws with a message naming the file.
    virtual void loadCheckpoint(int slot, const std::string &path) = 0;

    /// Runs (or resumes) a bit-width study (core/study) on the training thread, blocking until
    /// it finishes, is cancelled or fails; requestPause / requestCancel steer it like a
    /// training. Returns the last view; throws std::exception with a user-facing message.
    virtual StudyView runStudy(const StudyRequest & /*request*/, StudySink & /*sink*/)
    {
        throw std::runtime_error("this engine cannot run studies");
    }
    /// The finished configurations of a study folder; trains nothing. Throws when `folder`
    /// holds no study.
    virtual StudyView readStudy(const QString & /*folder*/)
    {
        throw std::runtime_error("this engine cannot read studies");
    }

    // Thread-safe control.
    virtual void requestPause(bool paused) = 0;
    virtual void requestCancel() = 0;
    virtual void clearCancel() = 0;
    virtual void setLearningRate(double learningRate) = 0;
};

} // namespace ql::app
