// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace ql::app {

/// The command line of `quantlens`.
struct AppOptions {
    QString dataDir;
    QString dataset;
    QString language;         ///< en, de, fa; empty: the remembered one
    QString session;          ///< a session folder to open at start
    int threads = 0;          ///< LibTorch threads for training (0: all cores)
    bool autorunDemo = false; ///< train briefly, explain an image, screenshot, quit
    int demoSteps = 200;      ///< training batches per model in the demo
    QString demoImage;        ///< image to drop in the demo (default: a test image)
    QString demoExpect;       ///< the class both models must predict for demoImage (e2e check)
    QString screenshot;       ///< where the demo saves its screenshot
    QString error;            ///< non-empty: bad command line

    /// Parses `arguments` (argv as strings); --help and --version exit the process (they need
    /// a QCoreApplication, not a display).
    static AppOptions parse(const QStringList &arguments);

    /// argv as the user typed it, made safe for QGuiApplication, which takes "-session <id>"
    /// and "--session <id>" (X11 session management) out of argv: "--session DIR" and
    /// "-session DIR" become "--session=DIR". Call before constructing the QApplication.
    static QStringList protectArguments(const QStringList &arguments);
    /// True when the command line asks for --help, --help-all or --version: these are answered
    /// before any window system is opened (they work without a display).
    static bool answersWithoutDisplay(const QStringList &arguments);
};

} // namespace ql::app
