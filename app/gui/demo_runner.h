// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/app_options.h"
#include "app/gui/gui_types.h"

#include <QObject>

namespace ql::app {

class MainWindow;

/// --autorun-demo: trains both models briefly, explains an image (dropped file or test
/// image), waits for the maps and the confusion matrices, saves a screenshot and quits. Used
/// by scripts/e2e.sh under Xvfb. Exits with code 1 when any step fails or times out.
///
/// It also checks that the window keeps its shape: its height is the same after the first
/// paint, after training, after a refused drop (a PDF) and after a language round trip (the
/// other languages, then the first again), the window stays on the screen, and the
/// screenshot has the window's size. Each measurement is printed ("demo: height ...").
///
/// And it checks what it shows: no saliency error at any time; the dropped image's input as
/// the model sees it is light strokes on a dark background (MNIST-style inversion); with
/// --demo-expect, both models' top class for the dropped image is that class, in the saliency
/// view and in the gallery.
class DemoRunner : public QObject {
    Q_OBJECT
public:
    DemoRunner(MainWindow *window, AppOptions options, QObject *parent = nullptr);
    void start();

private:
    void onJobFinished(bool ok, const QString &message);
    void afterSaliency();
    /// Checks of the first explained image; false after fail().
    bool checkExplained(const SaliencyResult &result);
    /// Waits (up to 60 s) for the gallery's predictions of the demo image, then checks them.
    void checkGallery(int attempt);
    void afterGallery(); // the refused drop, then the language round trip
    void dropRefusedFile();
    void languageRoundTrip();
    /// Records the window's height under `stage`; fails when it differs from the first.
    bool checkShape(const QString &stage);
    void finish();
    void fail(const QString &message);

    MainWindow *m_window;
    AppOptions m_options;
    bool m_done = false;
    bool m_explained = false;
    int m_firstHeight = -1;
    QString m_saliencyError; // the first error any saliency result reported
    QString m_startLanguage;
};

} // namespace ql::app
