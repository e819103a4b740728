// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

namespace ql::app {

/// Each sub-command gets the arguments after its name (argv[0] is "quantlens-cli <name>")
/// and returns the process exit code. Errors are reported on stderr with a message a user
/// can act on.
int runDataCommand(const QStringList &args);
int runTrainCommand(const QStringList &args);
int runCompareCommand(const QStringList &args);
int runSaliencyCommand(const QStringList &args);
int runEvaluateCommand(const QStringList &args);

/// Dispatches `quantlens-cli <command> ...`; QCoreApplication must exist.
int runCli(const QStringList &arguments);

} // namespace ql::app
