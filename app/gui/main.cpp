// SPDX-License-Identifier: MIT
#include "app/gui/app_options.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/demo_runner.h"
#include "app/gui/engine.h"
#include "app/gui/language_manager.h"
#include "app/gui/main_window.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("quantlens"));
    QApplication::setOrganizationName(QStringLiteral("QuantLens"));
    QApplication::setApplicationVersion(QStringLiteral(QUANTLENS_VERSION));
    const auto options = ql::app::AppOptions::parse(QApplication::arguments());
    if (!options.error.isEmpty()) {
        QTextStream(stderr) << "quantlens: " << options.error << '\n';
        return 2;
    }
    // Models of a run live in a per-process work folder until the user saves a session.
    const QString work =
        QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
            .filePath(QStringLiteral("quantlens-%1").arg(QApplication::applicationPid()));
    const QString language =
        options.language.isEmpty()
            ? QSettings().value(QStringLiteral("language"), QStringLiteral("en")).toString()
            : options.language;
    // Before any widget exists: constructors then already see the language.
    ql::app::LanguageManager::global()->setLanguage(language);
    ql::app::MainWindow window(ql::app::makeEngineTrainingBackend(work),
                               ql::app::makeEngineInferenceBackend(), options.threads);
    window.setLanguage(language); // checks the menu entry and remembers the choice
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
    const int code = QApplication::exec();
    QDir(work).removeRecursively();
    return code;
}
