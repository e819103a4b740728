// SPDX-License-Identifier: MIT
#include "app/gui/app_options.h"

#include "app/gui/language_manager.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace ql::app {

AppOptions AppOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "AppOptions", "QuantLens: saliency-guided and quantization-aware training, live."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QCoreApplication::translate("AppOptions", "Data folder."),
                                     QStringLiteral("dir"));
    const QCommandLineOption dataset(
        QStringLiteral("dataset"),
        QCoreApplication::translate("AppOptions", "mnist, fashion-mnist or cifar10."),
        QStringLiteral("name"));
    const QCommandLineOption language(
        QStringLiteral("language"),
        QCoreApplication::translate("AppOptions", "User interface language: en, de or fa."),
        QStringLiteral("code"));
    const QCommandLineOption session(
        QStringLiteral("session"),
        QCoreApplication::translate("AppOptions", "Open this session folder."),
        QStringLiteral("dir"));
    const QCommandLineOption threads(
        QStringLiteral("threads"),
        QCoreApplication::translate("AppOptions", "Training threads (0: all cores)."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption demo(
        QStringLiteral("autorun-demo"),
        QCoreApplication::translate("AppOptions",
                                    "Train briefly, explain an image, save a screenshot, quit."));
    const QCommandLineOption steps(
        QStringLiteral("demo-steps"),
        QCoreApplication::translate("AppOptions", "Training batches per model in the demo."),
        QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption image(
        QStringLiteral("demo-image"),
        QCoreApplication::translate("AppOptions", "Image the demo drops."), QStringLiteral("file"));
    const QCommandLineOption expect(
        QStringLiteral("demo-expect"),
        QCoreApplication::translate("AppOptions",
                                    "The class both models must predict for the demo image."),
        QStringLiteral("class"));
    const QCommandLineOption shot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("AppOptions", "Where the demo saves its screenshot."),
        QStringLiteral("file"));
    parser.addOptions(
        {dataDir, dataset, language, session, threads, demo, steps, image, expect, shot});
    parser.process(arguments);

    AppOptions o;
    o.dataDir = parser.value(dataDir);
    o.dataset = parser.value(dataset);
    o.language = parser.value(language);
    o.session = parser.value(session);
    bool ok = true;
    o.threads = parser.value(threads).toInt(&ok);
    if (!ok || o.threads < 0)
        o.error = QCoreApplication::translate("AppOptions", "--threads needs a number >= 0");
    o.autorunDemo = parser.isSet(demo);
    o.demoSteps = parser.value(steps).toInt(&ok);
    if (!ok || o.demoSteps < 1)
        o.error = QCoreApplication::translate("AppOptions", "--demo-steps needs a number >= 1");
    o.demoImage = parser.value(image);
    o.demoExpect = parser.value(expect);
    o.screenshot = parser.value(shot);
    if (!o.language.isEmpty() && !LanguageManager::languages().contains(o.language))
        o.error =
            QCoreApplication::translate("AppOptions", "unknown language %1 (use en, de or fa)")
                .arg(o.language);
    return o;
}

QStringList AppOptions::protectArguments(const QStringList &arguments)
{
    QStringList out;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments[i];
        if (i > 0 && arg == QLatin1String("--")) { // everything after "--" is positional
            out += arguments.mid(i);
            break;
        }
        if (i > 0 && (arg == QLatin1String("--session") || arg == QLatin1String("-session")) &&
            i + 1 < arguments.size()) {
            out << QStringLiteral("--session=") + arguments[++i];
            continue;
        }
        if (i > 0 && arg.startsWith(QLatin1String("-session=")))
            out << QLatin1Char('-') + arg;
        else
            out << arg;
    }
    return out;
}

bool AppOptions::answersWithoutDisplay(const QStringList &arguments)
{
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments[i];
        if (arg == QLatin1String("--"))
            break;
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help") ||
            arg == QLatin1String("-?") || arg == QLatin1String("--help-all") ||
            arg == QLatin1String("-v") || arg == QLatin1String("--version"))
            return true;
    }
    return false;
}

} // namespace ql::app
