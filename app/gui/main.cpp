// SPDX-License-Identifier: MIT
#include "app/gui/app_options.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/demo_runner.h"
#include "app/gui/engine.h"
#include "app/gui/language_manager.h"
#include "app/gui/main_window.h"
#include "app/gui/quit_signals.h"
#include "app/gui/work_folder.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>

#include <string>
#include <vector>

namespace {

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("quantlens"));
    QCoreApplication::setOrganizationName(QStringLiteral("QuantLens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QUANTLENS_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    // argv as typed, made safe before Qt sees it ("--session DIR" would be eaten by
    // QGuiApplication's X11 session management).
    QStringList typed;
    for (int i = 0; i < argc; ++i)
        typed << QString::fromLocal8Bit(argv[i]);
    const QStringList safe = ql::app::AppOptions::protectArguments(typed);
    std::vector<std::string> storage;
    for (const QString &arg : safe)
        storage.push_back(arg.toLocal8Bit().toStdString());
    std::vector<char *> args;
    for (std::string &arg : storage)
        args.push_back(arg.data());
    args.push_back(nullptr);
    int count = static_cast<int>(storage.size());

    // --help and --version need no display: answer them from a QCoreApplication.
    if (ql::app::AppOptions::answersWithoutDisplay(safe)) {
        QCoreApplication core(count, args.data());
        setApplicationNames();
        ql::app::AppOptions::parse(QCoreApplication::arguments()); // prints and exits
        return 0;
    }

    QApplication app(count, args.data());
    setApplicationNames();
    const auto options = ql::app::AppOptions::parse(QApplication::arguments());
    if (!options.error.isEmpty()) {
        QTextStream(stderr) << "quantlens: " << options.error << '\n';
        return 2;
    }
    // SIGTERM, SIGINT and SIGHUP quit like File > Quit (a second one quits at once).
    ql::app::QuitSignals quitSignals;
    // Models of a run live in a per-process work folder until the user saves a session. A
    // folder whose process died (killed, crashed) is removed here.
    const QString temp = QStandardPaths::writableLocation(QStandardPaths::TempLocation);
    for (const QString &stale : ql::app::WorkFolder::removeStale(temp))
        QTextStream(stderr) << "quantlens: removed the stale work folder " << stale << '\n';
    ql::app::WorkFolder work(temp);
    if (!work.isValid()) {
        QTextStream(stderr) << "quantlens: cannot create a work folder in " << temp << '\n';
        return 1;
    }
    const QString language =
        options.language.isEmpty()
            ? QSettings().value(QStringLiteral("language"), QStringLiteral("en")).toString()
            : options.language;
    // Before any widget exists: constructors then already see the language.
    ql::app::LanguageManager::global()->setLanguage(language);
    ql::app::MainWindow window(ql::app::makeEngineTrainingBackend(work.path()),
                               ql::app::makeEngineInferenceBackend(), options.threads);
    window.setLanguage(language); // checks the menu entry and remembers the choice
    QObject::connect(&quitSignals, &ql::app::QuitSignals::quitRequested, &window,
                     &ql::app::MainWindow::quitFromSignal);
    if (!options.dataDir.isEmpty())
        window.dataModelPanel()->setDataDir(options.dataDir);
    if (!options.dataset.isEmpty() && !window.dataModelPanel()->setDataset(options.dataset)) {
        QTextStream(stderr) << "quantlens: unknown data set " << options.dataset << '\n';
        return 2;
    }
    window.show();
    if (!options.session.isEmpty())
        window.openSession(options.session);
    ql::app::DemoRunner demo(&window, options);
    if (options.autorunDemo)
        demo.start();
    return QApplication::exec(); // the work folder goes with `work`
}
