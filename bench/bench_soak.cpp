// SPDX-License-Identifier: MIT
// Soak (issue 12): the real window, training engine and inference engine, driven for a long
// time the way an impatient user would: training jobs back to back, a pause and a resume
// every 7 s, a bit-width preview (post-training re-quantization + test) every 2 s, a saliency
// comparison every 1.5 s. It prints the resident memory after warm-up and at the end (and its
// slope over the second half: a leak shows as a steady climb) and a 10 ms timer's lateness on
// the UI thread (p50 / p99 / max) over the whole run.
//   bench_soak [seconds=600] [threads=0]
// Data: MNIST-shaped synthetic images (6,400 train, 1,000 test), so it needs no download.
#include "app/gui/data_model_panel.h"
#include "app/gui/engine.h"
#include "app/gui/inference_worker.h"
#include "app/gui/main_window.h"
#include "app/gui/training_controller.h"
#include "core/data/dataset.h"
#include "core/runtime.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTimer>

#include <torch/types.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

using namespace ql::app;

double residentMb()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            double kb = 0;
            status >> kb;
            return kb / 1024.0;
        }
        status.ignore(1 << 12, '\n');
    }
    return 0;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * (v.size() - 1) + 0.5))];
}

/// Least-squares slope of (t, y) in y-units per minute.
double slopePerMinute(const std::vector<std::pair<double, double>> &points)
{
    if (points.size() < 2)
        return 0;
    double st = 0, sy = 0;
    for (const auto &[t, y] : points) {
        st += t;
        sy += y;
    }
    const double n = static_cast<double>(points.size());
    const double mt = st / n, my = sy / n;
    double num = 0, den = 0;
    for (const auto &[t, y] : points) {
        num += (t - mt) * (y - my);
        den += (t - mt) * (t - mt);
    }
    return den > 0 ? num / den * 60.0 : 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int seconds = argc > 1 ? std::max(30, std::atoi(argv[1])) : 600;
    const int threads = argc > 2 ? std::max(0, std::atoi(argv[2])) : 0;

    torch::manual_seed(1);
    auto splits = std::make_shared<ql::core::DataSplits>();
    for (auto *d : {&splits->train, &splits->test}) {
        const int64_t n = d == &splits->train ? 6400 : 1000;
        d->images = torch::randint(0, 256, {n, 1, 28, 28}, torch::kUInt8);
        d->labels = torch::randint(0, 10, {n}, torch::kInt64);
        for (int i = 0; i < 10; ++i)
            d->classNames.push_back(std::to_string(i));
    }
    splits->norm = {{0.1307f}, {0.3081f}};
    const QString work = QDir::temp().filePath(QStringLiteral("ql-soak"));
    MainWindow window(makeEngineTrainingBackend(work, DataHandle{splits}),
                      makeEngineInferenceBackend(), threads);
    window.setProperty("quietErrors", true);
    window.setUnsavedQuestion([] { return MainWindow::UnsavedAnswer::Discard; });
    window.resize(1500, 950);
    window.show();
    window.dataModelPanel()->setDataDir(QDir::tempPath()); // the synthetic data is preset

    TrainingController *controller = window.controller();
    InferenceWorker *inference = window.inferenceWorker();
    int jobs = 0, pauses = 0, previews = 0, previewErrors = 0, maps = 0, mapErrors = 0;
    long long batches = 0;
    QObject::connect(controller, &TrainingController::batchReady,
                     [&batches](const BatchUpdate &) { ++batches; });
    QObject::connect(inference, &InferenceWorker::previewReady, [&](const PreviewResult &r) {
        ++(r.error.isEmpty() ? previews : previewErrors);
    });
    QObject::connect(inference, &InferenceWorker::saliencyReady,
                     [&](const SaliencyResult &r) { ++(r.error.isEmpty() ? maps : mapErrors); });

    QElapsedTimer clock;
    clock.start();
    bool stopping = false;
    // Training jobs back to back.
    QObject::connect(controller, &TrainingController::jobFinished, [&](bool, const QString &) {
        ++jobs;
        if (!stopping)
            QTimer::singleShot(200, &window, &MainWindow::startTraining);
    });
    QTimer::singleShot(500, &window, &MainWindow::startTraining);

    // Pause for a second every 7 s.
    QTimer pauseTimer;
    QObject::connect(&pauseTimer, &QTimer::timeout, [&] {
        if (controller->state() != TrainingController::State::Running)
            return;
        controller->pause();
        ++pauses;
        QTimer::singleShot(1000, controller, &TrainingController::resume);
    });
    pauseTimer.start(7000);

    // A slider move every 2 s, through the bit-widths.
    QTimer previewTimer;
    int previewIndex = 0;
    QObject::connect(&previewTimer, &QTimer::timeout, [&] {
        static const int bits[] = {2, 3, 4, 8};
        PreviewRequest r;
        r.quant.weightBits = r.quant.activationBits = bits[previewIndex++ % 4];
        inference->requestPreview(r);
    });
    previewTimer.start(2000);

    // A saliency comparison every 1.5 s, alternating methods and test images.
    QTimer mapTimer;
    int mapIndex = 0;
    QObject::connect(&mapTimer, &QTimer::timeout, [&] {
        SaliencyRequest r;
        r.testIndex = (mapIndex * 37) % 1000;
        r.method = mapIndex % 3 == 2 ? QStringLiteral("smoothgrad") : QStringLiteral("gradient");
        ++mapIndex;
        inference->requestSaliency(r);
    });
    mapTimer.start(1500);

    // Resident memory every 5 s; the 10 ms lateness probe.
    std::vector<std::pair<double, double>> rss;
    QTimer rssTimer;
    QObject::connect(&rssTimer, &QTimer::timeout, [&] {
        rss.emplace_back(static_cast<double>(clock.elapsed()) / 1000.0, residentMb());
    });
    rssTimer.start(5000);
    std::vector<double> lateness;
    qint64 expected = 10;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        lateness.push_back(static_cast<double>(std::max<qint64>(0, now - expected)));
        expected = now + 10;
    });
    tick.start(10);

    QTimer::singleShot(seconds * 1000, [&] {
        stopping = true;
        controller->stop();
        QTimer::singleShot(1500, &app, &QApplication::quit);
    });
    QApplication::exec();

    // Warm-up: the first 60 s (or a fifth of a short run) build the models and caches.
    const double warm = std::min(60.0, seconds / 5.0);
    std::vector<std::pair<double, double>> after, secondHalf;
    for (const auto &p : rss) {
        if (p.first >= warm)
            after.push_back(p);
        if (p.first >= seconds / 2.0)
            secondHalf.push_back(p);
    }
    double peak = 0;
    for (const auto &p : rss)
        peak = std::max(peak, p.second);
    std::printf("bench_soak: %s\n", ql::core::torchBuildSummary().c_str());
    std::printf("%d s: %d training jobs finished, %lld batches, %d pauses; %d previews (%d "
                "refused), %d saliency comparisons (%d refused)\n",
                seconds, jobs, batches, pauses, previews, previewErrors, maps, mapErrors);
    if (!after.empty())
        std::printf("resident memory: %.0f MB after %.0f s warm-up, %.0f MB at the end, peak "
                    "%.0f MB; slope over the second half %+.1f MB/min\n",
                    after.front().second, after.front().first, after.back().second, peak,
                    slopePerMinute(secondHalf));
    std::printf("10 ms timer lateness on the UI thread: p50 %.1f ms  p99 %.1f ms  max %.1f ms  "
                "(%zu ticks)\n",
                percentile(lateness, 50), percentile(lateness, 99),
                lateness.empty() ? 0.0 : *std::max_element(lateness.begin(), lateness.end()),
                lateness.size());
    return 0;
}
