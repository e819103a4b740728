// SPDX-License-Identifier: MIT
#pragma once
// The study half of the LibTorch engine (engine_study.cpp). No torch and no Q_OBJECT here:
// the control block is plain C++, the study itself is reached through a forward declaration.

#include "app/gui/gui_types.h"
#include "app/gui/study_types.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <string>

namespace ql::core {
class StudyRunner;
}

namespace ql::app {

/// Pause and cancel of the running study, set from any thread (the backend's control methods).
class StudyControl {
public:
    void setPaused(bool paused);
    void requestCancel();
    void clearCancel();
    bool paused() const;
    const std::atomic<bool> *cancelFlag() const { return &m_cancel; }
    /// The study now running (null when none); it gets the pause state at once.
    void setActive(ql::core::StudyRunner *runner);

private:
    mutable std::mutex m_mutex;
    ql::core::StudyRunner *m_active = nullptr;
    bool m_paused = false;
    std::atomic<bool> m_cancel{false};
};

/// Runs or resumes the study of `request` with core/study's StudyRunner. `loadData` loads the
/// splits a configuration names; a new study's folder goes into `workDir` unless the request
/// names one. Writes study.csv and study.md into the folder when it returns.
StudyView
runEngineStudy(const StudyRequest &request, StudySink &sink, const std::string &workDir,
               const std::function<DataHandle(const ql::core::TrainingConfig &)> &loadData,
               StudyControl &control);
/// The finished configurations of the study in `folder`.
StudyView readEngineStudy(const QString &folder, const std::string &workDir);

} // namespace ql::app
