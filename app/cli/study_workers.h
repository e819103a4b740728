// SPDX-License-Identifier: MIT
#pragma once

#include "core/study/study.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <string>

namespace ql::app {

/// `quantlens-cli study --jobs`: the configurations of a grid in worker processes (this
/// program with --worker), each claiming the next one (core::StudyRunner::Scope).

/// What runStudyWorkers reports to: the progress bar of the parent process.
class StudyWorkerDisplay : public core::StudyObserver {
public:
    /// The configurations in progress, for the bar's label.
    virtual void setRunning(const std::string &what) = 0;
};

/// A worker's progress on stdout, as the lines its parent reads: "@run <id>", "@fraction <f>"
/// (at most twice a second), "@cell <id>".
class StudyWorkerProtocol : public core::StudyObserver {
public:
    void onRunStarted(const std::string &what, int, int) override;
    void onRunFraction(double fraction) override;
    void onCellFinished(const core::CellResult &r) override;
    void onFloatModelFinished(uint64_t seed) override;

private:
    std::chrono::steady_clock::time_point m_last{};
};

/// The program the workers run: $QUANTLENS_CLI when set (tests), else this program when it is
/// quantlens-cli; empty when neither (the study then runs in this process).
QString studyWorkerProgram();

/// `--jobs auto`: 1 on a GPU; on a CPU the threads asked for (all cores by default), at most 4.
int autoStudyJobs(const core::StudyConfig &config);

/// Runs the grid's configurations in `jobs` worker processes started with `args` (the study
/// command's own arguments) and threads / jobs threads each, and draws one progress bar over
/// them on `display`. `stop` (Ctrl+C) is passed on to the workers with SIGINT; each loses at
/// most its running configuration. Returns false when a worker failed (its messages went to
/// stderr). Call after the FloatModels scope.
bool runStudyWorkers(const QStringList &args, const core::StudyConfig &config,
                     const core::StudyRunner &runner, int jobs, const std::atomic<bool> &stop,
                     StudyWorkerDisplay &display);

} // namespace ql::app
