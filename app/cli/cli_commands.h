// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace ql::app {

/// Each sub-command gets the arguments after its name (argv[0] is "quantlens-cli <name>")
/// and returns the process exit code. Errors are reported on stderr with a message a user
/// can act on.
int runDataCommand(const QStringList &args);
int runTrainCommand(const QStringList &args);
int runCompareCommand(const QStringList &args);
int runSaliencyCommand(const QStringList &args);
int runEvaluateCommand(const QStringList &args);
int runExportCommand(const QStringList &args);
int runEvaluateIntCommand(const QStringList &args);
int runStudyCommand(const QStringList &args);
int runPredictCommand(const QStringList &args);

/// Parses `args` into `parser`. Returns the exit code when the command must stop here: 2
/// after printing the parse error on stderr, 0 after printing --help on stdout.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &args);

/// Dispatches `quantlens-cli <command> ...`; QCoreApplication must exist.
int runCli(const QStringList &arguments);

} // namespace ql::app
