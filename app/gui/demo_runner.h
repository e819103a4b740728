// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/app_options.h"

#include <QObject>

namespace ql::app {

class MainWindow;

/// --autorun-demo: trains both models briefly, explains an image (dropped file or test
/// image), waits for the maps and the confusion matrices, saves a screenshot and quits. Used
/// by scripts/e2e.sh under Xvfb. Exits with code 1 when any step fails or times out.
class DemoRunner : public QObject {
    Q_OBJECT
public:
    DemoRunner(MainWindow *window, AppOptions options, QObject *parent = nullptr);
    void start();

private:
    void onJobFinished(bool ok, const QString &message);
    void finish();
    void fail(const QString &message);

    MainWindow *m_window;
    AppOptions m_options;
    bool m_done = false;
};

} // namespace ql::app
