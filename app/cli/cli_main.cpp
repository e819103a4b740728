// SPDX-License-Identifier: MIT
#include "app/cli/cli_commands.h"

#include "core/runtime.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <exception>
#include <functional>
#include <map>

namespace ql::app {

namespace {

struct Command {
    std::function<int(const QStringList &)> run;
    const char *summary;
};

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table = {
        {QStringLiteral("data"),
         {runDataCommand, QT_TRANSLATE_NOOP("Cli", "fetch or inspect data sets")}},
        {QStringLiteral("train"), {runTrainCommand, QT_TRANSLATE_NOOP("Cli", "train one model")}},
        {QStringLiteral("compare"),
         {runCompareCommand,
          QT_TRANSLATE_NOOP("Cli",
                            "train the four configurations of the paper and tabulate them")}},
        {QStringLiteral("saliency"),
         {runSaliencyCommand, QT_TRANSLATE_NOOP("Cli", "render saliency maps of models to PNG")}},
        {QStringLiteral("evaluate"),
         {runEvaluateCommand,
          QT_TRANSLATE_NOOP("Cli", "compute saliency-quality metrics of checkpoints")}},
        {QStringLiteral("export"),
         {runExportCommand, QT_TRANSLATE_NOOP("Cli", "export a checkpoint for deployment")}},
        {QStringLiteral("evaluate-int"),
         {runEvaluateIntCommand,
          QT_TRANSLATE_NOOP("Cli", "accuracy of the integer engine next to the LibTorch model")}},
        {QStringLiteral("predict"),
         {runPredictCommand,
          QT_TRANSLATE_NOOP("Cli", "predict the classes of image files, folders or globs (CSV "
                                   "and accuracy by folder label)")}},
        {QStringLiteral("study"),
         {runStudyCommand,
          QT_TRANSLATE_NOOP("Cli", "bit-width study: accuracy, size and faithfulness across "
                                   "bit-widths, with and without SGT, with intervals")}},
    };
    return table;
}

void printUsage(QTextStream &out)
{
    out << QCoreApplication::translate("Cli", "Usage: quantlens-cli <command> [options]") << "\n\n"
        << QCoreApplication::translate("Cli", "Commands:") << "\n";
    for (const auto &[name, command] : commands())
        out << "  " << name.leftJustified(13) << QCoreApplication::translate("Cli", command.summary)
            << "\n";
    out << "\n"
        << QCoreApplication::translate(
               "Cli", "Run 'quantlens-cli <command> --help' for a command's options.")
        << "\n"
        << QCoreApplication::translate(
               "Cli", "Add --verbose to any command for LibTorch's full error traces.")
        << "\n";
}

} // namespace

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &args)
{
    if (!parser.parse(args)) {
        QTextStream(stderr) << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    return std::nullopt;
}

int runCli(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.size() < 2 || arguments.at(1) == QLatin1String("--help") ||
        arguments.at(1) == QLatin1String("-h")) {
        printUsage(arguments.size() < 2 ? err : out);
        return arguments.size() < 2 ? 2 : 0;
    }
    if (arguments.at(1) == QLatin1String("--version")) {
        out << "quantlens-cli " << QCoreApplication::applicationVersion() << "\n";
        return 0;
    }
    const auto it = commands().find(arguments.at(1));
    if (it == commands().end()) {
        err << QCoreApplication::translate("Cli", "Unknown command '%1'.").arg(arguments.at(1))
            << "\n";
        printUsage(err);
        return 2;
    }
    QStringList rest = arguments.mid(2);
    // --verbose works with every command: full LibTorch traces in error messages.
    const bool verbose = rest.removeAll(QStringLiteral("--verbose")) > 0;
    core::setVerboseErrors(verbose);
    rest.prepend(arguments.at(0) + QLatin1Char(' ') + arguments.at(1));
    try {
        return it->second.run(rest);
    } catch (const std::exception &e) {
        // The boundary: no exception, LibTorch's included, reaches the user raw.
        err << QCoreApplication::translate("Cli", "error: %1")
                   .arg(QString::fromStdString(core::describeException(e)))
            << "\n";
        return 1;
    } catch (...) {
        err << QCoreApplication::translate("Cli", "error: an unknown internal error") << "\n";
        return 1;
    }
}

} // namespace ql::app
