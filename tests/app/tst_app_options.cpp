// SPDX-License-Identifier: MIT
// The command line as users type it: "--session DIR" survives QGuiApplication (which takes
// "-session" for X11 session management), --help and --version answer without a display,
// quit signals reach the event loop, and work folders of dead processes are removed.
#include "app/gui/app_options.h"
#include "app/gui/quit_signals.h"
#include "app/gui/work_folder.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <string>
#include <vector>

using ql::app::AppOptions;

namespace {

/// Builds a QApplication from `typed` exactly as main() does and returns what AppOptions
/// then reads as the session folder.
QString sessionAfterQt(const QStringList &typed, bool protect)
{
    const QStringList args = protect ? AppOptions::protectArguments(typed) : typed;
    std::vector<std::string> storage;
    for (const QString &a : args)
        storage.push_back(a.toStdString());
    std::vector<char *> argv;
    for (auto &a : storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    int argc = static_cast<int>(storage.size());
    QApplication app(argc, argv.data());
    return AppOptions::parse(QApplication::arguments()).session;
}

} // namespace

class TestAppOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sessionSpellingsSurviveQt_data()
    {
        QTest::addColumn<QStringList>("typed");
        const QString dir = QStringLiteral("/tmp/my session");
        const QString app = QStringLiteral("quantlens");
        QTest::newRow("--session DIR") << QStringList{app, QStringLiteral("--session"), dir};
        QTest::newRow("-session DIR") << QStringList{app, QStringLiteral("-session"), dir};
        QTest::newRow("--session=DIR") << QStringList{app, QStringLiteral("--session=") + dir};
        QTest::newRow("with other options") << QStringList{
            app, QStringLiteral("--language"), QStringLiteral("de"), QStringLiteral("--session"),
            dir, QStringLiteral("--threads"),  QStringLiteral("2")};
    }
    void sessionSpellingsSurviveQt()
    {
        QFETCH(QStringList, typed);
        QCOMPARE(sessionAfterQt(typed, true), QStringLiteral("/tmp/my session"));
    }
    void qtTakesTheSpaceSpellingUnprotected()
    {
        // What the fix is for: without it, Qt swallows "--session DIR".
        const QStringList typed{QStringLiteral("quantlens"), QStringLiteral("--session"),
                                QStringLiteral("/tmp/x")};
        QCOMPARE(sessionAfterQt(typed, false), QString());
    }
    void positionalAfterDoubleDashIsLeftAlone()
    {
        const QStringList typed{QStringLiteral("quantlens"), QStringLiteral("--"),
                                QStringLiteral("--session"), QStringLiteral("x")};
        QCOMPARE(AppOptions::protectArguments(typed), typed);
        QVERIFY(!AppOptions::answersWithoutDisplay(
            {QStringLiteral("quantlens"), QStringLiteral("--"), QStringLiteral("--help")}));
        QVERIFY(AppOptions::answersWithoutDisplay(
            {QStringLiteral("quantlens"), QStringLiteral("--version")}));
    }
    void helpAndVersionNeedNoDisplay_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--help") << QStringLiteral("--help") << QStringLiteral("--session");
        QTest::newRow("-h") << QStringLiteral("-h") << QStringLiteral("--data-dir");
        QTest::newRow("--version") << QStringLiteral("--version") << QStringLiteral("quantlens");
    }
    void helpAndVersionNeedNoDisplay()
    {
        QFETCH(QString, option);
        QFETCH(QString, expected);
        // The X11 platform without a display: creating a QApplication would abort.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(QUANTLENS_BINARY), {option});
        QVERIFY(process.waitForFinished(30000));
        const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0,
                 qPrintable(QString::fromLocal8Bit(process.readAllStandardError())));
        QVERIFY2(out.contains(expected), qPrintable(out));
    }
    void quitSignalsReachTheEventLoop()
    {
        int argc = 1;
        char name[] = "tst_app_options";
        char *argv[] = {name, nullptr};
        QApplication app(argc, argv);
        ql::app::QuitSignals signals;
        QSignalSpy spy(&signals, &ql::app::QuitSignals::quitRequested);
        ::raise(SIGTERM);
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), SIGTERM);
        QCOMPARE(spy.at(0).at(1).toInt(), 1);
        ::raise(SIGINT);
        QTRY_COMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(1).toInt(), 2);
    }
    void staleWorkFoldersAreRemoved()
    {
        int argc = 1;
        char name[] = "tst_app_options";
        char *argv[] = {name, nullptr};
        QCoreApplication app(argc, argv);
        QTemporaryDir root;
        QDir dir(root.path());
        // Killed before this version: no lock file, no process with that pid.
        QVERIFY(dir.mkpath(QStringLiteral("quantlens-999999999/standard")));
        // Killed with a lock file whose process is gone.
        QVERIFY(dir.mkpath(QStringLiteral("quantlens-999999998")));
        QFile lock(dir.filePath(QStringLiteral("quantlens-999999998/.quantlens.lock")));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(999999998) + "\ntst_app_options\n" +
                   QSysInfo::machineHostName().toUtf8() + "\n");
        lock.close();
        // A running QuantLens (this process holds its lock), and a folder of another program.
        ql::app::WorkFolder live(root.path());
        QVERIFY(live.isValid());
        QVERIFY(QFileInfo::exists(live.path()));
        QVERIFY(dir.mkpath(QStringLiteral("quantlens-cache")));
        const QStringList removed = ql::app::WorkFolder::removeStale(root.path());
        QCOMPARE(removed.size(), 2);
        QVERIFY(!dir.exists(QStringLiteral("quantlens-999999999")));
        QVERIFY(!dir.exists(QStringLiteral("quantlens-999999998")));
        QVERIFY(QFileInfo::exists(live.path()));
        QVERIFY(dir.exists(QStringLiteral("quantlens-cache")));
    }
    void workFolderGoesWithTheProcess()
    {
        int argc = 1;
        char name[] = "tst_app_options";
        char *argv[] = {name, nullptr};
        QCoreApplication app(argc, argv);
        QTemporaryDir root;
        QString path;
        {
            ql::app::WorkFolder work(root.path());
            QVERIFY(work.isValid());
            path = work.path();
            QFile f(QDir(path).filePath(QStringLiteral("last.ckpt")));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QVERIFY(!QFileInfo::exists(path));
    }
};

// No QTEST_MAIN: each test makes its own application object from its own argv, as main() does.
int main(int argc, char *argv[])
{
    TestAppOptions test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_app_options.moc"
