// SPDX-License-Identifier: MIT
// `quantlens-cli data fetch|info`: download a data set, or show what a data folder holds.
#include "app/cli/cli_commands.h"
#include "app/cli/train_options.h"

#include "app/common/dataset_fetcher.h"
#include "core/imaging/dataset_loader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <stdexcept>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

/// "name  [#####.....]  42%  12.3/40.1 MB" on one refreshed line.
void printProgressBar(QTextStream &out, const QString &file, qint64 done, qint64 total)
{
    constexpr int kWidth = 30;
    const double mb = 1024.0 * 1024.0;
    QString line = file + QLatin1String("  ");
    if (total > 0) {
        const double fraction = std::clamp(static_cast<double>(done) / total, 0.0, 1.0);
        const int filled = static_cast<int>(fraction * kWidth);
        line += QLatin1Char('[') + QString(filled, QLatin1Char('#')) +
                QString(kWidth - filled, QLatin1Char('.')) + QLatin1String("] ") +
                QString::number(static_cast<int>(fraction * 100)).rightJustified(3) +
                QLatin1String("%  ") + QString::number(done / mb, 'f', 1) + QLatin1Char('/') +
                QString::number(total / mb, 'f', 1) + QLatin1String(" MB");
    } else {
        line += QString::number(done / mb, 'f', 1) + QLatin1String(" MB");
    }
    out << '\r' << line.leftJustified(78) << Qt::flush;
}

int runFetch(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Download a data set, verify and extract it."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("dataset"), tr("mnist, fashion-mnist or cifar10"));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"),
        tr("Target folder (default: %1)")
            .arg(DatasetFetcher::defaultDataDir(QStringLiteral("<dataset>"))),
        tr("DIR"));
    const QCommandLineOption baseUrlOption(
        QStringLiteral("base-url"),
        tr("Download from this base URL instead of the public mirrors (repeatable)"), tr("URL"));
    const QCommandLineOption offlineOption(
        QStringLiteral("offline"), tr("Do not download; use the offline fallback directly"));
    const QCommandLineOption noFallbackOption(QStringLiteral("no-fallback"),
                                              tr("Fail instead of using the offline fallback"));
    parser.addOptions({dirOption, baseUrlOption, offlineOption, noFallbackOption});
    if (const auto exitCode = parseCommandLine(parser, args))
        return *exitCode;
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (parser.positionalArguments().size() != 1) {
        err << parser.helpText();
        return 2;
    }
    const QString dataset = parser.positionalArguments().first();
    DatasetFetcher fetcher;
    fetcher.setBaseUrls(parser.values(baseUrlOption));
    fetcher.setOfflineOnly(parser.isSet(offlineOption));
    fetcher.setOfflineFallbackEnabled(!parser.isSet(noFallbackOption));
    bool barShown = false;
    QObject::connect(&fetcher, &DatasetFetcher::progress, &fetcher,
                     [&](const QString &file, qint64 done, qint64 total) {
                         printProgressBar(out, file, done, total);
                         barShown = true;
                     });
    QObject::connect(&fetcher, &DatasetFetcher::statusMessage, &fetcher, [&](const QString &text) {
        if (barShown)
            out << "\n";
        barShown = false;
        out << text << "\n" << Qt::flush;
    });
    bool ok = false;
    QString message;
    QEventLoop loop;
    QObject::connect(&fetcher, &DatasetFetcher::finished, &loop,
                     [&](bool success, const QString &text) {
                         ok = success;
                         message = text;
                         loop.quit();
                     });
    fetcher.start(dataset, parser.value(dirOption));
    loop.exec();
    if (barShown)
        out << "\n";
    (ok ? out : err) << message << "\n";
    return ok ? 0 : 1;
}

QString shapeText(const ql::core::Dataset &set)
{
    return QStringLiteral("%1 x %2 x %3 x %4")
        .arg(set.size())
        .arg(set.channels())
        .arg(set.height())
        .arg(set.width());
}

int runInfo(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Load a data set and print what it holds."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("dataset"),
                                 tr("mnist, fashion-mnist, cifar10 or folder:<path>"));
    const QCommandLineOption dirOption(QStringLiteral("dir"),
                                       tr("Data folder (default: the fetch folder)"), tr("DIR"));
    parser.addOption(dirOption);
    const QCommandLineOption resizeOption(
        QStringLiteral("resize"), tr("folder:<path> only: resize every image to N x N (N or NxN)"),
        tr("size"));
    parser.addOption(resizeOption);
    if (const auto exitCode = parseCommandLine(parser, args))
        return *exitCode;
    QTextStream out(stdout);
    QTextStream err(stderr);
    int resize = 0;
    if (parser.isSet(resizeOption)) {
        try {
            resize = ql::app::resizeOption(parser.value(resizeOption));
        } catch (const std::invalid_argument &e) {
            err << QString::fromUtf8(e.what()) << "\n";
            return 2;
        }
    }
    if (parser.positionalArguments().size() != 1) {
        err << parser.helpText();
        return 2;
    }
    const QString dataset = parser.positionalArguments().first();
    const QString dir = parser.isSet(dirOption) ? parser.value(dirOption)
                        : dataset.startsWith(QLatin1String("folder"))
                            ? QString()
                            : DatasetFetcher::defaultDataDir(dataset);
    QElapsedTimer clock;
    clock.start();
    const ql::core::DataSplits splits =
        ql::imaging::loadDataSplits(dataset.toStdString(), QFile::encodeName(dir).toStdString(),
                                    ql::imaging::DataLoadOptions{resize, resize});
    const qint64 ms = clock.elapsed();
    out << tr("Data set:  %1").arg(dataset) << "\n";
    if (!dir.isEmpty())
        out << tr("Folder:    %1").arg(dir) << "\n";
    out << tr("Train:     %1 images (N x C x H x W = %2)")
               .arg(splits.train.size())
               .arg(shapeText(splits.train))
        << "\n";
    out << tr("Test:      %1 images (N x C x H x W = %2)")
               .arg(splits.test.size())
               .arg(shapeText(splits.test))
        << "\n";
    QStringList classes;
    for (const auto &name : splits.train.classNames)
        classes << QString::fromStdString(name);
    out << tr("Classes:   %1 (%2)").arg(classes.size()).arg(classes.join(QStringLiteral(", ")))
        << "\n";
    QStringList mean, std;
    for (size_t c = 0; c < splits.norm.mean.size(); ++c) {
        mean << QString::number(splits.norm.mean[c], 'f', 4);
        std << QString::number(splits.norm.std[c], 'f', 4);
    }
    out << tr("Normalise: mean %1, std %2")
               .arg(mean.join(QLatin1Char(' ')), std.join(QLatin1Char(' ')))
        << "\n";
    out << tr("Subset:    %1")
               .arg(splits.note.empty() ? tr("no (full data set)")
                                        : QString::fromStdString(splits.note))
        << "\n";
    out << tr("Loaded in  %1 s").arg(ms / 1000.0, 0, 'f', 2) << "\n";
    return 0;
}

} // namespace

int runDataCommand(const QStringList &args)
{
    QTextStream err(stderr);
    const QString sub = args.size() > 1 ? args.at(1) : QString();
    QStringList rest = args.mid(2);
    rest.prepend(args.value(0) + QLatin1Char(' ') + sub);
    if (sub == QLatin1String("fetch"))
        return runFetch(rest);
    if (sub == QLatin1String("info"))
        return runInfo(rest);
    err << tr("Usage: quantlens-cli data fetch <mnist|fashion-mnist|cifar10> [--dir DIR] "
              "[--base-url URL] [--offline]\n"
              "       quantlens-cli data info <mnist|fashion-mnist|cifar10|folder:PATH> [--dir "
              "DIR]")
        << "\n";
    return sub == QLatin1String("--help") || sub == QLatin1String("-h") ? 0 : 2;
}

} // namespace ql::app
