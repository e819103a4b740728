// SPDX-License-Identifier: MIT
#include "app/gui/demo_runner.h"

#include "app/gui/data_model_panel.h"
#include "app/gui/inference_worker.h"
#include "app/gui/main_window.h"
#include "app/gui/saliency_panel.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

#include <algorithm>

namespace ql::app {

namespace {
constexpr int kDemoTimeoutMs = 600000; // generous for 2 shared cores
constexpr int kSettleMs = 1500;        // let plots and maps repaint before the screenshot
} // namespace

DemoRunner::DemoRunner(MainWindow *window, AppOptions options, QObject *parent)
    : QObject(parent), m_window(window), m_options(std::move(options))
{
}

void DemoRunner::start()
{
    m_window->setProperty("quietErrors", true); // no modal boxes in an unattended run
    auto *panel = m_window->dataModelPanel();
    // Two epochs (the panel's default) of demoSteps / 2 batches each per model.
    panel->setTrainLimit(static_cast<qint64>(std::max(1, m_options.demoSteps / 2)) * 128);
    m_window->resize(1500, 950); // a fixed size makes screenshots comparable
    connect(m_window->controller(), &TrainingController::jobFinished, this,
            &DemoRunner::onJobFinished);
    QTimer::singleShot(kDemoTimeoutMs, this, [this] { fail(QStringLiteral("timed out")); });
    QTimer::singleShot(500, m_window, [this] {
        m_window->startTraining();
        if (!m_window->controller()->isBusy())
            fail(QStringLiteral("training did not start (see the log)"));
    });
}

void DemoRunner::onJobFinished(bool ok, const QString &message)
{
    if (!ok) {
        fail(message);
        return;
    }
    auto *saliency = m_window->saliencyPanel();
    connect(m_window->inferenceWorker(), &InferenceWorker::saliencyReady, this,
            [this](const SaliencyResult &r) {
                if (!r.error.isEmpty())
                    QTextStream(stderr) << "demo: saliency error: " << r.error << '\n';
                QTimer::singleShot(kSettleMs, this, &DemoRunner::finish);
            });
    if (!m_options.demoImage.isEmpty())
        saliency->addImages({QFileInfo(m_options.demoImage).absoluteFilePath()});
    else
        saliency->refresh();
}

void DemoRunner::finish()
{
    if (m_done)
        return;
    m_done = true;
    if (!m_options.screenshot.isEmpty()) {
        QDir().mkpath(QFileInfo(m_options.screenshot).absolutePath());
        if (!m_window->grab().save(m_options.screenshot)) {
            QTextStream(stderr) << "demo: cannot write " << m_options.screenshot << '\n';
            QApplication::exit(1);
            return;
        }
        QTextStream(stdout) << "demo: screenshot saved to " << m_options.screenshot << '\n';
    }
    QApplication::exit(0);
}

void DemoRunner::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    QTextStream(stderr) << "demo failed: " << message << '\n';
    if (!m_options.screenshot.isEmpty())
        m_window->grab().save(m_options.screenshot);
    QApplication::exit(1);
}

} // namespace ql::app
