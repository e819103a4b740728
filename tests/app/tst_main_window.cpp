// SPDX-License-Identifier: MIT
// The main window: panels exist, a dropped PDF is refused with a message, the language
// switches at run time (German text, Persian right-to-left), sessions round-trip.
#include "app/gui/bit_width_coordinator.h"
#include "app/gui/confusion_panel.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/inference_worker.h"
#include "app/gui/language_manager.h"
#include "app/gui/log_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/model_exporter.h"
#include "app/gui/plots_panel.h"
#include "app/gui/saliency_panel.h"
#include "app/gui/training_panel.h"
#include "tests/app/fake_backends.h"
#include "widgets/bit_width_panel.h"
#include "widgets/image_drop_area.h"
#include "widgets/image_drop_filter.h"
#include "widgets/saliency_compare_view.h"
#include "widgets/training_plot.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <cmath>
#include <csignal>
#include <mutex>

using namespace ql::app;

class TestMainWindow : public QObject {
    Q_OBJECT
    std::unique_ptr<MainWindow> makeWindow(std::shared_ptr<ql::test::FakeTrainingBackend> t = {})
    {
        if (!t)
            t = std::make_shared<ql::test::FakeTrainingBackend>();
        auto w =
            std::make_unique<MainWindow>(t, std::make_shared<ql::test::FakeInferenceBackend>(), 1);
        w->setProperty("quietErrors", true);
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
        QApplication::setOrganizationName(QStringLiteral("QuantLensTest"));
    }

    void constructsWithAllPanels()
    {
        auto w = makeWindow();
        QVERIFY(w->dataModelPanel());
        QVERIFY(w->trainingPanel());
        QVERIFY(w->plotsPanel());
        QVERIFY(w->bitWidthPanel());
        QVERIFY(w->saliencyPanel());
        QVERIFY(w->confusionPanel());
        QVERIFY(w->logPanel());
        QCOMPARE(w->findChildren<QDockWidget *>().size(), 7);
        for (const char *name : {"setupDock", "trainingDock", "bitsDock", "saliencyDock",
                                 "confusionDock", "logDock", "studyDock"})
            QVERIFY2(w->dock(QString::fromLatin1(name)), name);
        QVERIFY(!w->dock(QStringLiteral("nope")));
        // The accuracy curves end near 1.0 at the top: the legend sits at the bottom.
        QCOMPARE(w->plotsPanel()->accuracyPlot()->legendAlignment(),
                 Qt::AlignBottom | Qt::AlignRight);
        QCOMPARE(w->openAction()->shortcut(), QKeySequence(QKeySequence::Open));
        QCOMPARE(w->saveAction()->shortcut(), QKeySequence(QKeySequence::Save));
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    }

    void trainingFeedsThePlots()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 30;
        backend->stepsPerEpoch = 10;
        auto w = makeWindow(backend);
        QTemporaryDir data;
        w->dataModelPanel()->setDataDir(data.path());
        QSignalSpy finished(w->controller(), &TrainingController::jobFinished);
        w->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(w->plotsPanel()->lossPlot()->pointCount(QStringLiteral("CE A")) > 0);
        QVERIFY(w->plotsPanel()->lossPlot()->pointCount(QStringLiteral("CE B")) > 0);
    }

    void refusesTrainingWithoutDataFolder()
    {
        auto w = makeWindow();
        w->dataModelPanel()->setDataDir(QStringLiteral("/nonexistent/quantlens"));
        w->startTraining();
        QCOMPARE(w->controller()->state(), TrainingController::State::Idle);
        QVERIFY(w->logPanel()->text().contains(QStringLiteral("/nonexistent/quantlens")));
    }

    void droppedPdfShowsAnError()
    {
        auto w = makeWindow();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("paper.pdf"));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("%PDF-1.4\n");
        f.close();
        auto *area = w->saliencyPanel()->dropArea();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(pdf)});
        const QPoint pos = area->rect().center();
        QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(area, &enter);
        QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(area, &drop);
        // Shown once, by the drop area (not again by the panel).
        QTRY_VERIFY(area->messageText().contains(QStringLiteral("paper.pdf")));
        QVERIFY(w->saliencyPanel()->errorText().isEmpty());
        QVERIFY(w->isVisible()); // still alive and responsive
    }

    void languageSwitchesAtRunTime()
    {
        auto w = makeWindow();
        QTRY_COMPARE(w->openAction()->text(), QStringLiteral("&Open Session…"));
        QVERIFY(w->setLanguage(QStringLiteral("de")));
        QTRY_COMPARE(w->openAction()->text(), QStringLiteral("Sitzung ö&ffnen…"));
        QTRY_COMPARE(
            w->trainingPanel()->findChild<QPushButton *>(QStringLiteral("startButton"))->text(),
            QStringLiteral("Starten"));
        QVERIFY(w->setLanguage(QStringLiteral("fa")));
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
        QCOMPARE(w->layoutDirection(), Qt::RightToLeft);
        QTRY_COMPARE(w->openAction()->text(), QStringLiteral("&باز کردن نشست…"));
        QVERIFY(w->setLanguage(QStringLiteral("en")));
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);
        QTRY_COMPARE(w->openAction()->text(), QStringLiteral("&Open Session…"));
        QVERIFY(!w->setLanguage(QStringLiteral("xx")));
    }

    void sessionRoundTrip()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 20;
        backend->stepsPerEpoch = 10;
        QTemporaryDir data, session;
        {
            auto w = makeWindow(backend);
            w->dataModelPanel()->setDataDir(data.path());
            QSignalSpy finished(w->controller(), &TrainingController::jobFinished);
            w->startTraining();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
            QSignalSpy saved(w.get(), &MainWindow::sessionSaved);
            w->saveSession(session.path());
            QTRY_COMPARE(saved.count(), 1);
            QCOMPARE(saved.at(0).at(1).toString(), QString());
        }
        QVERIFY(QFile::exists(session.filePath(QStringLiteral("session.json"))));
        auto w = makeWindow(backend);
        QSignalSpy opened(w.get(), &MainWindow::sessionOpened);
        w->openSession(session.path());
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(1).toString(), QString());
        QCOMPARE(w->dataModelPanel()->dataDir(), data.path());
        QVERIFY(w->plotsPanel()->lossPlot()->pointCount(QStringLiteral("CE A")) > 0);
    }

    void firstWindowShowsTheModel()
    {
        // Before any training: the chosen model's layers, parameters, size and BOPs.
        auto w = makeWindow();
        QSignalSpy described(w.get(), &MainWindow::modelDescribed);
        QTRY_VERIFY(described.count() >= 1);
        QCOMPARE(w->bitWidthPanel()->layers().size(), 4);
        const auto stats = w->bitWidthPanel()->modelStats();
        QCOMPARE(stats.parameters, qint64(4000));
        QVERIFY(stats.bops > 0);
        QVERIFY(stats.sizeBytes > 0);
        QVERIFY2(w->bitWidthPanel()->statsText().contains(QStringLiteral("BOPs")),
                 qPrintable(w->bitWidthPanel()->statsText()));
        QVERIFY(!w->bitWidthPanel()->statsText().contains(QStringLiteral("Parameters: 0")));
    }

    void tableShowsTheBitsThatRun()
    {
        auto w = makeWindow();
        QSignalSpy described(w.get(), &MainWindow::modelDescribed);
        QTRY_VERIFY(described.count() >= 1);
        auto *bits = w->bitWidthPanel();
        QSlider *weights = nullptr, *activations = nullptr;
        for (QSlider *s : bits->findChildren<QSlider *>())
            (s->accessibleName() == QStringLiteral("Weight bits") ? weights : activations) = s;
        QVERIFY(weights && activations);
        weights->setValue(1); // 2 bits
        activations->setValue(1);
        QTRY_VERIFY(described.count() >= 2 && bits->layers()[1].weightBits == 2);
        // The 8-bit edge rule: conv1 and fc2 run at 8 bits, and the table says so.
        QCOMPARE(bits->layers()[0].weightBits, 8);
        QCOMPARE(bits->layers()[3].activationBits, 8);
        QCOMPARE(bits->layers()[1].sizeBytes, 250.0); // 1000 parameters at 2 bits (fake)
        QCOMPARE(bits->layers()[0].sizeBytes, 1000.0);
        // Setting conv1 to the global 2 bits overrides the rule.
        const int before = described.count();
        QVERIFY(bits->setLayerBits(0, 2, 2));
        QTRY_VERIFY(described.count() > before);
        const auto quant = w->jobSettings().config[1].model.quant;
        QCOMPARE(quant.perLayer.count("conv1"), size_t(1));
        QCOMPARE(quant.perLayer.at("conv1").weightBits, 2);
        QCOMPARE(bits->layers()[0].weightBits, 2);
        QCOMPARE(bits->layers()[0].sizeBytes, 250.0);
    }

    void floatSlidersTrainTheStandardModelOnly()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 10;
        backend->stepsPerEpoch = 10;
        auto w = makeWindow(backend);
        QTemporaryDir data;
        w->dataModelPanel()->setDataDir(data.path());
        w->bitWidthPanel()->setGlobalBits(32, 32);
        const JobSettings job = w->jobSettings();
        QVERIFY(job.train[0]);
        QVERIFY(!job.train[1]); // never a silent 4-bit model
        QVERIFY(job.config[1].model.quant.isFloat());
        QSignalSpy finished(w->controller(), &TrainingController::jobFinished);
        w->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(backend->trainedSlots.load(), 1);
        QVERIFY(w->logPanel()->text().contains(QStringLiteral("standard model only")));
    }

    void accuraciesSayWhoseTheyAre()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 10;
        backend->stepsPerEpoch = 10;
        auto w = makeWindow(backend);
        QTemporaryDir data;
        w->dataModelPanel()->setDataDir(data.path());
        QSignalSpy finished(w->controller(), &TrainingController::jobFinished);
        w->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        // The trained quantized model's figure, labelled as such (the fake reports 0 %).
        const QString text = w->bitWidthPanel()->statsText();
        QVERIFY2(text.contains(QStringLiteral("Trained quantized model: 0.00 %")),
                 qPrintable(text));
        QVERIFY2(
            w->logPanel()->text().contains(QStringLiteral("Quantized model (4/4-bit), epoch 1")),
            qPrintable(w->logPanel()->text()));
        // Other bits: that accuracy no longer applies, and is not shown.
        QSignalSpy described(w.get(), &MainWindow::modelDescribed);
        for (QSlider *s : w->bitWidthPanel()->findChildren<QSlider *>())
            if (s->accessibleName() == QStringLiteral("Weight bits"))
                s->setValue(1);
        QTRY_VERIFY(described.count() >= 1);
        QVERIFY2(!w->bitWidthPanel()->statsText().contains(QStringLiteral("accuracy")) &&
                     !w->bitWidthPanel()->statsText().contains(QStringLiteral("%")),
                 qPrintable(w->bitWidthPanel()->statsText()));
    }

    void fineTuneScheduleDelaysSgt()
    {
        // Retrain's recipe: the budget, a third of the peak rate, and with SGT a plain start
        // of min(50, steps / 8) steps followed by a KL ramp over as many.
        ql::core::TrainingConfig c;
        c.optimizer.learningRate = 0.003;
        c.sgt.enabled = true;
        MainWindow::useFineTuneSchedule(c, 400);
        QCOMPARE(c.maxSteps, int64_t(400));
        QVERIFY(std::abs(c.optimizer.learningRate - 0.001) < 1e-12);
        QCOMPARE(c.sgt.startStep, int64_t(50));
        QCOMPARE(c.sgt.rampSteps, int64_t(50));
        ql::core::TrainingConfig shortRun;
        shortRun.sgt.enabled = true;
        MainWindow::useFineTuneSchedule(shortRun, 80);
        QCOMPARE(shortRun.sgt.startStep, int64_t(10));
        QCOMPARE(shortRun.sgt.rampSteps, int64_t(10));
        ql::core::TrainingConfig plain; // no SGT: nothing to delay
        MainWindow::useFineTuneSchedule(plain, 400);
        QCOMPARE(plain.sgt.startStep, int64_t(0));
        QCOMPARE(plain.sgt.rampSteps, int64_t(0));
    }

    void retrainAccuracyFollowsItsSnapshots()
    {
        // Issue 10: while Retrain runs, each snapshot (every 50 batches) is tested on the
        // inference thread (500 test images), and the figure says it is the model in training
        // and at which step. Epoch-end snapshots come with the run's own test instead.
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 20;
        backend->stepsPerEpoch = 20;
        backend->validSnapshots = true;
        auto inference = std::make_shared<ql::test::FakeInferenceBackend>();
        inference->workMs = 5;
        MainWindow w(backend, inference, 1);
        w.setProperty("quietErrors", true);
        QTemporaryDir data;
        w.dataModelPanel()->setDataDir(data.path());
        QSignalSpy finished(w.controller(), &TrainingController::jobFinished);
        w.startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY2(w.bitWidthPanel()->statsText().contains(QStringLiteral("Trained quantized model")),
                 qPrintable(w.bitWidthPanel()->statsText()));
        {
            std::lock_guard<std::mutex> lock(inference->mutex);
            QVERIFY(inference->snapshotTests.empty()); // epoch ends only: nothing tested
        }
        backend->steps = 260; // snapshots at 50, ..., 250 and the final one; no epoch end
        backend->stepsPerEpoch = 1000;
        backend->stepMs = 4;
        w.retrain(w.bitWidthPanel()->selection());
        QTRY_VERIFY_WITH_TIMEOUT(w.bitWidthPanel()->statsText().contains(
                                     QStringLiteral("Quantized model in training, step ")),
                                 10000);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QTest::qWait(100); // the last snapshot's stages
        // The run is over: its last snapshot's figure no longer says "in training".
        const QString text = w.bitWidthPanel()->statsText();
        const QRegularExpression figure(QStringLiteral(
            "Quantized model, step (\\d+) \\(training ended\\): 50\\.00 % on 500 test images$"));
        const QRegularExpressionMatch m = figure.match(text);
        QVERIFY2(m.hasMatch(), qPrintable(text));
        QVERIFY2(m.captured(1).toInt() >= 50 && m.captured(1).toInt() % 10 == 0, qPrintable(text));
        {
            std::lock_guard<std::mutex> lock(inference->mutex);
            QVERIFY(!inference->snapshotTests.empty());
            for (const auto &[step, stage, handedIn] : inference->snapshotTests) {
                QVERIFY(handedIn);                  // the snapshot itself, no PTQ copy
                QVERIFY(step >= 50 && step <= 260); // steps of this run
                QCOMPARE(stage, 0);                 // one stage of 500 images, no refinement
            }
        }
        // A Retrain stopped by the user: the same, once the job has ended.
        backend->steps = 100000;
        w.retrain(w.bitWidthPanel()->selection());
        QTRY_VERIFY_WITH_TIMEOUT(w.bitWidthPanel()->statsText().contains(
                                     QStringLiteral("Quantized model in training, step ")),
                                 10000);
        w.controller()->stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 10000);
        QTest::qWait(100); // a snapshot test still under way reports after the end
        const QString stopped = w.bitWidthPanel()->statsText();
        QVERIFY2(stopped.contains(QStringLiteral("(training ended)")) &&
                     !stopped.contains(QStringLiteral("in training")),
                 qPrintable(stopped));
    }

    void previewFigureShowsItsSampleSize()
    {
        // A slider move: the first estimate says how many test images it stands on and that
        // it is being refined; the last one stands on the whole split.
        ql::widgets::BitWidthPanel panel;
        panel.setDebounceInterval(0);
        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 150;
        InferenceWorker worker(backend);
        BitWidthCoordinator coordinator(&panel, &worker, [] { return ql::core::ModelSpec{}; });
        coordinator.setStandardAvailable(true);
        QSignalSpy measured(&coordinator, &BitWidthCoordinator::previewMeasured);
        for (QSlider *s : panel.findChildren<QSlider *>())
            if (s->accessibleName() == QStringLiteral("Weight bits"))
                s->setValue(2);
        QTRY_COMPARE_WITH_TIMEOUT(measured.count(), 1, 5000);
        QVERIFY2(panel.statsText().contains(QStringLiteral(
                     "Post-training preview: 50.00 % on 200 test images (refining…)")),
                 qPrintable(panel.statsText()));
        QTRY_COMPARE_WITH_TIMEOUT(measured.count(), 3, 5000);
        QVERIFY2(panel.statsText().contains(
                     QStringLiteral("Post-training preview: 50.00 % on 10,000 test images")),
                 qPrintable(panel.statsText()));
        QVERIFY(!panel.statsText().contains(QStringLiteral("refining")));
        // The exported size from the description (the fake describes none: not shown).
        QVERIFY(!panel.statsText().contains(QStringLiteral("Exported file")));
    }

    void exportModelGoesToTheInferenceThread()
    {
        auto w = makeWindow();
        QAction *action = nullptr;
        for (QAction *a : w->findChildren<QAction *>())
            if (a->text() == QStringLiteral("Export &Model…"))
                action = a;
        QVERIFY(action);
        QVERIFY(!action->isEnabled()); // no model yet

        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 1;
        InferenceWorker worker(backend);
        QWidget parent;
        ModelExporter exporter(&worker, &parent);
        exporter.setInteractive(false);
        QSignalSpy finished(&exporter, &ModelExporter::finished);
        QSignalSpy log(&exporter, &ModelExporter::logMessage);
        ExportRequest r;
        r.slot = 1;
        r.format = QStringLiteral("bogus");
        r.path = QStringLiteral("/tmp/m.x");
        const quint64 id = exporter.exportTo(r);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        const auto result = finished.at(0).at(0).value<ExportResult>();
        QCOMPARE(result.id, id);
        QVERIFY(log.last().at(0).toString().contains(QStringLiteral("was not exported")));
        QVERIFY(log.last().at(0).toString().contains(QStringLiteral("bogus")));
        std::lock_guard<std::mutex> lock(backend->mutex);
        QCOMPARE(backend->exports.size(), size_t{1});
        QCOMPARE(backend->exports[0].path, r.path);
    }

    void exportSummarySaysWhatWasWritten()
    {
        ExportResult r;
        r.path = QStringLiteral("/tmp/model.qlpack");
        r.format = QStringLiteral("packed");
        r.arch = QStringLiteral("mnist-cnn");
        r.bytes = 600000;
        r.floatCheckpointBytes = 4800000;
        r.floatParameterBytes = 4799528;
        r.checkedWithIntEngine = r.intEngineRuns = true;
        r.layers.push_back({QStringLiteral("conv1"), QStringLiteral("conv"), 8, 4, false, 288});
        r.layers.push_back({QStringLiteral("fc2"), QStringLiteral("linear"), 8, 4, true, 1280});
        const QString text = ModelExporter::summaryText(r);
        QVERIFY2(text.contains(QStringLiteral("(8.0× the export)")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Integer engine: runs this file")));
        QVERIFY(text.contains(QStringLiteral("conv1")));
        QVERIFY(text.contains(QStringLiteral(": 8 / 4, 288 weights")));
        QVERIFY(text.contains(QStringLiteral(": 8 / logits, 1,280 weights")));
    }

    void agreementIsADashWithoutModelB()
    {
        auto w = makeWindow();
        SaliencyResult r;
        r.source = QStringLiteral("/tmp/seven.png");
        r.maps[0] = QImage(8, 8, QImage::Format_RGB888);
        r.predictions[0].push_back({7, QStringLiteral("7"), 0.9});
        w->saliencyPanel()->showResult(r);
        const auto shown = w->saliencyPanel()->compareView()->comparison();
        QVERIFY(std::isnan(shown.agreement.spearman));
        const QString text = ql::widgets::SaliencyCompareView::agreementText(shown.agreement);
        QVERIFY2(text.contains(QStringLiteral("–")) && !text.contains(QStringLiteral("0.000")),
                 qPrintable(text));
    }

    void oneLearningRateFieldAndLockedSettings()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 100000;
        backend->stepMs = 1;
        auto w = makeWindow(backend);
        QVERIFY(w->trainingPanel()->findChildren<QDoubleSpinBox *>().isEmpty());
        QTemporaryDir data;
        w->dataModelPanel()->setDataDir(data.path());
        auto *epochs = w->dataModelPanel()->findChild<QSpinBox *>(QStringLiteral("epochs"));
        auto *arch = w->dataModelPanel()->findChild<QComboBox *>(QStringLiteral("architecture"));
        auto *lr = w->dataModelPanel()->findChild<QDoubleSpinBox *>(QStringLiteral("learningRate"));
        QVERIFY(epochs && arch && lr);
        QVERIFY(epochs->isEnabled());
        w->startTraining();
        QTRY_COMPARE(w->controller()->state(), TrainingController::State::Running);
        QVERIFY(!epochs->isEnabled());
        QVERIFY(!arch->isEnabled());
        QVERIFY(lr->isEnabled());
        lr->setValue(0.25);
        Q_EMIT lr->editingFinished();
        QTRY_COMPARE(backend->lastLearningRate.load(), 0.25);
        w->controller()->stop();
        QTRY_COMPARE(w->controller()->state(), TrainingController::State::Idle);
        QVERIFY(epochs->isEnabled());
    }

    void quitAsksBeforeDiscardingTraining()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 10;
        backend->stepsPerEpoch = 10;
        auto w = makeWindow(backend);
        int asked = 0;
        auto answer = MainWindow::UnsavedAnswer::Cancel;
        w->setUnsavedQuestion([&] {
            ++asked;
            return answer;
        });
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->close()); // nothing trained: no question
        QCOMPARE(asked, 0);
        w->show();
        QTemporaryDir data;
        w->dataModelPanel()->setDataDir(data.path());
        QSignalSpy finished(w->controller(), &TrainingController::jobFinished);
        w->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(w->hasUnsavedTraining());
        QVERIFY(!w->close()); // Cancel keeps the window
        QCOMPARE(asked, 1);
        QVERIFY(w->isVisible());
        // A quit signal (SIGTERM) takes the same way.
        w->quitFromSignal(SIGTERM, 1);
        QCOMPARE(asked, 2);
        QVERIFY(w->isVisible());
        answer = MainWindow::UnsavedAnswer::Discard;
        QVERIFY(w->close());
        QCOMPARE(asked, 3);
    }

    void languageSwitchRendersEverythingAgain()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 10;
        backend->stepsPerEpoch = 10;
        auto w = makeWindow(backend);
        QVERIFY(w->setLanguage(QStringLiteral("en"))); // en_US numbers, not the C locale's
        QSignalSpy described(w.get(), &MainWindow::modelDescribed);
        QTRY_VERIFY(described.count() >= 1);
        QTemporaryDir data;
        w->dataModelPanel()->setDataDir(data.path());
        QSignalSpy finished(w->controller(), &TrainingController::jobFinished);
        w->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(w->statusText(), QStringLiteral("Training finished."));
        auto *summary = w->trainingPanel()->findChild<QLabel *>(QStringLiteral("progressSummary"));
        QVERIFY(summary->text().contains(QStringLiteral("Quantized model")));
        auto *table = w->bitWidthPanel()->findChild<QTableWidget *>();
        QCOMPARE(table->item(0, 5)->text(), QStringLiteral("1,000"));
        // A refused drop, then the switch: the message follows the language.
        QTemporaryDir drops;
        const QString pdf = drops.filePath(QStringLiteral("paper.pdf"));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        auto *area = w->saliencyPanel()->dropArea();
        area->dropFilter()->handleUrls({QUrl::fromLocalFile(pdf)});
        QTRY_VERIFY(area->messageText().contains(QStringLiteral("is not a supported image")));
        QVERIFY(w->setLanguage(QStringLiteral("de")));
        QTRY_COMPARE(table->item(0, 5)->text(), QStringLiteral("1.000"));
        QVERIFY2(area->messageText().contains(QStringLiteral("ist kein unterstütztes Bild")),
                 qPrintable(area->messageText()));
        QCOMPARE(w->statusText(), QStringLiteral("Training beendet."));
        QVERIFY2(summary->text().contains(QStringLiteral("Quantisiertes Modell")),
                 qPrintable(summary->text()));
        QVERIFY2(w->bitWidthPanel()->statsText().contains(QStringLiteral("Trainiertes")),
                 qPrintable(w->bitWidthPanel()->statsText()));
        auto *mask =
            w->dataModelPanel()->findChild<QDoubleSpinBox *>(QStringLiteral("maskFraction"));
        QCOMPARE(mask->text(), QStringLiteral("0,50"));
        // Persian: digits of the locale, file names kept left-to-right.
        QVERIFY(w->setLanguage(QStringLiteral("fa")));
        QTRY_VERIFY(!table->item(0, 5)->text().contains(QLatin1Char('1')));
        SaliencyResult r;
        r.source = QStringLiteral("/tmp/0039.png");
        r.maps[0] = QImage(8, 8, QImage::Format_RGB888);
        w->saliencyPanel()->showResult(r);
        const QString title = w->saliencyPanel()->compareView()->comparison().title;
        QCOMPARE(title, QString(QChar(0x2066)) + QStringLiteral("0039.png") + QChar(0x2069));
        QVERIFY(w->setLanguage(QStringLiteral("en")));
        QTRY_COMPARE(table->item(0, 5)->text(), QStringLiteral("1,000"));
        QCOMPARE(w->statusText(), QStringLiteral("Training finished."));
        QCOMPARE(mask->text(), QStringLiteral("0.50"));
    }

    void damagedSessionIsRefused()
    {
        auto w = makeWindow();
        QTemporaryDir session;
        QFile f(session.filePath(QStringLiteral("session.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        QSignalSpy opened(w.get(), &MainWindow::sessionOpened);
        w->openSession(session.path());
        QCOMPARE(opened.count(), 1);
        QVERIFY(opened.at(0).at(1).toString().contains(QStringLiteral("damaged")));
        QCOMPARE(w->controller()->state(), TrainingController::State::Idle);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
