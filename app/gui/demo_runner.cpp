// SPDX-License-Identifier: MIT
#include "app/gui/demo_runner.h"

#include "app/gui/data_model_panel.h"
#include "app/gui/inference_worker.h"
#include "app/gui/language_manager.h"
#include "app/gui/main_window.h"
#include "app/gui/saliency_panel.h"
#include "widgets/image_drop_area.h"
#include "widgets/saliency_gallery.h"

#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMimeData>
#include <QScreen>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <memory>

namespace ql::app {

namespace {
constexpr int kDemoTimeoutMs = 840000; // generous for 2 shared cores (CTest allows 900 s)
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
    panel->setFineTuneSteps(std::max(10, m_options.demoSteps)); // the quantized model's budget
    m_window->resize(1500, 950); // a fixed size makes screenshots comparable
    m_window->move(0, 0);
    m_startLanguage = m_window->languageManager()->current();
    if (m_startLanguage.isEmpty())
        m_startLanguage = QStringLiteral("en");
    connect(m_window->controller(), &TrainingController::jobFinished, this,
            &DemoRunner::onJobFinished);
    QTimer::singleShot(kDemoTimeoutMs, this, [this] { fail(QStringLiteral("timed out")); });
    QTimer::singleShot(500, m_window, [this] {
        if (!checkShape(QStringLiteral("at start")))
            return;
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
    if (!checkShape(QStringLiteral("after training")))
        return;
    auto *saliency = m_window->saliencyPanel();
    connect(m_window->inferenceWorker(), &InferenceWorker::saliencyReady, this,
            [this](const SaliencyResult &r) {
                if (!r.error.isEmpty()) {
                    QTextStream(stderr) << "demo: saliency error: " << r.error << '\n';
                    if (m_saliencyError.isEmpty())
                        m_saliencyError = r.error;
                }
                if (m_explained)
                    return;
                m_explained = true;
                if (!checkExplained(r))
                    return;
                QTimer::singleShot(kSettleMs, this, &DemoRunner::afterSaliency);
            });
    if (!m_options.demoImage.isEmpty())
        saliency->addImages({QFileInfo(m_options.demoImage).absoluteFilePath()});
    else
        saliency->refresh();
}

bool DemoRunner::checkExplained(const SaliencyResult &r)
{
    if (!r.error.isEmpty()) {
        fail(QStringLiteral("the saliency view showed an error: %1").arg(r.error));
        return false;
    }
    if (m_options.demoImage.isEmpty())
        return true;
    // The input as the model sees it: MNIST-style, light strokes on a dark background (the
    // demo's "7" is dark on white, so the app must have inverted it).
    const QImage grey = r.input.convertToFormat(QImage::Format_Grayscale8);
    if (grey.isNull()) {
        fail(QStringLiteral("the saliency view has no input image"));
        return false;
    }
    double border = 0;
    int borderCount = 0, brightest = 0;
    for (int y = 0; y < grey.height(); ++y) {
        const uchar *row = grey.constScanLine(y);
        for (int x = 0; x < grey.width(); ++x) {
            brightest = std::max<int>(brightest, row[x]);
            if (x < grey.width() / 10 || x >= grey.width() * 9 / 10 || y < grey.height() / 10 ||
                y >= grey.height() * 9 / 10) {
                border += row[x];
                ++borderCount;
            }
        }
    }
    border /= std::max(1, borderCount);
    QTextStream(stdout) << "demo: input border mean " << border << ", brightest " << brightest
                        << '\n';
    if (border > 60 || brightest < 180) {
        fail(QStringLiteral("the input is not light on dark (border mean %1, brightest %2)")
                 .arg(border)
                 .arg(brightest));
        return false;
    }
    if (m_options.demoExpect.isEmpty())
        return true;
    for (int slot = 0; slot < kModelSlots; ++slot) {
        const QString got =
            r.predictions[slot].isEmpty() ? QString() : r.predictions[slot].front().name;
        QTextStream(stdout) << "demo: model " << slot << " predicts " << got << " ("
                            << (r.predictions[slot].isEmpty()
                                    ? 0.0
                                    : r.predictions[slot].front().probability)
                            << ")\n";
        if (got != m_options.demoExpect) {
            fail(QStringLiteral("model %1 predicts '%2' for the demo image, expected '%3'")
                     .arg(slot)
                     .arg(got, m_options.demoExpect));
            return false;
        }
    }
    return true;
}

void DemoRunner::checkGallery(int attempt)
{
    if (m_options.demoImage.isEmpty() || m_options.demoExpect.isEmpty())
        return afterGallery();
    const QString id = QFileInfo(m_options.demoImage).absoluteFilePath();
    const auto p = m_window->saliencyPanel()->gallery()->prediction(id);
    if (p.predicted[0].isEmpty() || p.predicted[1].isEmpty()) {
        if (attempt >= 120)
            return fail(QStringLiteral("the gallery never showed the demo image's predictions"));
        QTimer::singleShot(500, this, [this, attempt] { checkGallery(attempt + 1); });
        return;
    }
    QTextStream(stdout) << "demo: gallery shows " << p.predicted[0] << " / " << p.predicted[1]
                        << '\n';
    if (p.predicted[0] != m_options.demoExpect || p.predicted[1] != m_options.demoExpect)
        return fail(QStringLiteral("the gallery shows '%1' / '%2' for the demo image, expected "
                                   "'%3'")
                        .arg(p.predicted[0], p.predicted[1], m_options.demoExpect));
    afterGallery();
}

void DemoRunner::afterSaliency()
{
    if (!checkShape(QStringLiteral("after the saliency maps")))
        return;
    checkGallery(0);
}

void DemoRunner::afterGallery()
{
    dropRefusedFile();
    QTimer::singleShot(kSettleMs, this, [this] {
        if (m_window->saliencyPanel()->dropArea()->messageText().isEmpty())
            return fail(QStringLiteral("the refused drop showed no message"));
        if (!checkShape(QStringLiteral("after a refused drop")))
            return;
        languageRoundTrip();
    });
}

void DemoRunner::dropRefusedFile()
{
    // A real drop event, as a file manager sends it: a PDF is refused with a message.
    const QString pdf =
        QDir(QDir::tempPath())
            .filePath(
                QStringLiteral("quantlens-demo-%1.pdf").arg(QCoreApplication::applicationPid()));
    QFile file(pdf);
    if (file.open(QIODevice::WriteOnly))
        file.write("%PDF-1.4\n");
    file.close();
    auto *area = m_window->saliencyPanel()->dropArea();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(pdf)});
    const QPoint pos = area->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(area, &enter);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(area, &drop);
    QFile::remove(pdf);
}

void DemoRunner::languageRoundTrip()
{
    // The other languages, then the one we started with.
    QStringList order;
    for (const QString &code : LanguageManager::languages())
        if (code != m_startLanguage)
            order << code;
    order << m_startLanguage;
    auto step = std::make_shared<std::function<void(int)>>();
    *step = [this, order, step](int i) {
        if (i == order.size()) {
            if (checkShape(
                    QStringLiteral("after the language round trip %1")
                        .arg(m_startLanguage + QLatin1Char(',') + order.join(QLatin1Char(',')))))
                QTimer::singleShot(kSettleMs, this, &DemoRunner::finish);
            return;
        }
        m_window->setLanguage(order[i]);
        QTimer::singleShot(kSettleMs / 2, this, [step, i] { (*step)(i + 1); });
    };
    (*step)(0);
}

bool DemoRunner::checkShape(const QString &stage)
{
    QApplication::processEvents();
    const int height = m_window->height();
    const QRect frame = m_window->frameGeometry();
    const QScreen *screen = m_window->screen();
    const QRect available = screen ? screen->availableGeometry() : QRect();
    QTextStream(stdout) << "demo: height " << height << " px " << stage << '\n';
    if (m_firstHeight < 0)
        m_firstHeight = height;
    if (height != m_firstHeight) {
        fail(QStringLiteral("the window grew from %1 to %2 px %3")
                 .arg(m_firstHeight)
                 .arg(height)
                 .arg(stage));
        return false;
    }
    if (available.isValid() && frame.bottom() > available.bottom()) {
        fail(QStringLiteral("the window reaches below the screen (%1 > %2) %3")
                 .arg(frame.bottom())
                 .arg(available.bottom())
                 .arg(stage));
        return false;
    }
    return true;
}

void DemoRunner::finish()
{
    if (m_done)
        return;
    if (!m_saliencyError.isEmpty())
        return fail(QStringLiteral("a saliency error was shown: %1").arg(m_saliencyError));
    m_done = true;
    if (!m_options.screenshot.isEmpty()) {
        QDir().mkpath(QFileInfo(m_options.screenshot).absolutePath());
        const QImage shot = m_window->grab().toImage();
        if (!shot.save(m_options.screenshot)) {
            QTextStream(stderr) << "demo: cannot write " << m_options.screenshot << '\n';
            QApplication::exit(1);
            return;
        }
        // The picture is the window, all of it: compare it with the window's geometry.
        const QSize expected = m_window->size() * m_window->devicePixelRatio();
        if (shot.size() != expected) {
            QTextStream(stderr) << "demo: the screenshot is " << shot.width() << "x"
                                << shot.height() << ", the window " << expected.width() << "x"
                                << expected.height() << '\n';
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
