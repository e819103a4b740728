// SPDX-License-Identifier: MIT
#include "app/gui/main_window.h"

#include "app/common/dataset_fetcher.h"
#include "app/gui/confusion_panel.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/engine.h"
#include "app/gui/inference_worker.h"
#include "app/gui/language_manager.h"
#include "app/gui/log_panel.h"
#include "app/gui/plots_panel.h"
#include "app/gui/saliency_panel.h"
#include "app/gui/training_panel.h"
#include "widgets/bit_width_panel.h"
#include "widgets/saliency_compare_view.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QIcon>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>

namespace ql::app {

namespace {
constexpr int kPreviewSubset = 2000; // test images per bit-width preview (about a second)
}

MainWindow::MainWindow(std::shared_ptr<TrainingBackend> training,
                       std::shared_ptr<InferenceBackend> inference, int threads, QWidget *parent)
    : QMainWindow(parent), m_trainingBackend(training)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/quantlens.svg")));
    registerGuiMetaTypes();
    m_controller = new TrainingController(std::move(training), threads, this);
    // Inference gets one thread: it must not starve training of cores.
    m_inference = new InferenceWorker(std::move(inference), 1, this);
    m_language = LanguageManager::global();

    m_plots = new PlotsPanel(this);
    setCentralWidget(m_plots);
    createDocks();
    createActions();
    createMenus();
    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    connectWorkers();
    retranslateUi();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    m_dataModel = new DataModelPanel(this);
    m_training = new TrainingPanel(this);
    m_bits = new ql::widgets::BitWidthPanel(this);
    m_bits->setGlobalBits(4, 4);      // the quantized model's default: the paper's 4 bits
    m_bits->setRetrainEnabled(false); // until a standard model exists
    m_saliency = new SaliencyPanel(this);
    m_confusion = new ConfusionPanel(this);
    m_log = new LogPanel(this);
    QWidget *panels[] = {m_dataModel, m_training, m_bits, m_saliency, m_confusion, m_log};
    const char *names[] = {"setupDock",    "trainingDock",  "bitsDock",
                           "saliencyDock", "confusionDock", "logDock"};
    const Qt::DockWidgetArea areas[] = {Qt::LeftDockWidgetArea,   Qt::LeftDockWidgetArea,
                                        Qt::RightDockWidgetArea,  Qt::BottomDockWidgetArea,
                                        Qt::BottomDockWidgetArea, Qt::BottomDockWidgetArea};
    for (int i = 0; i < 6; ++i) {
        m_docks[i] = new QDockWidget(this);
        m_docks[i]->setObjectName(QString::fromLatin1(names[i]));
        m_docks[i]->setWidget(panels[i]);
        addDockWidget(areas[i], m_docks[i]);
    }
    tabifyDockWidget(m_docks[3], m_docks[4]);
    tabifyDockWidget(m_docks[4], m_docks[5]);
    m_docks[3]->raise();
    resizeDocks({m_docks[3]}, {400}, Qt::Vertical);
    // Wide enough for the per-layer table of mnist-cnn in every shipped language (German and
    // Persian are the widest); narrower docks scroll the table instead of cutting it.
    resizeDocks({m_docks[0], m_docks[2]}, {330, 575}, Qt::Horizontal);
}

void MainWindow::connectWorkers()
{
    auto *c = m_controller;
    connect(m_training, &TrainingPanel::startRequested, this, &MainWindow::startTraining);
    connect(m_training, &TrainingPanel::pauseRequested, c, &TrainingController::pause);
    connect(m_training, &TrainingPanel::resumeRequested, c, &TrainingController::resume);
    connect(m_training, &TrainingPanel::stopRequested, c, &TrainingController::stop);
    connect(m_training, &TrainingPanel::learningRateChanged, this, [this](double lr) {
        m_controller->setLearningRate(lr);
        m_log->append(tr("Learning rate set to %1.").arg(lr));
    });
    connect(c, &TrainingController::stateChanged, m_training, &TrainingPanel::setState);
    connect(c, &TrainingController::stateChanged, this, [this](TrainingController::State s) {
        const bool idle = s == TrainingController::State::Idle;
        m_startAction->setEnabled(idle);
        m_startOverAction->setEnabled(idle);
        m_pauseAction->setEnabled(!idle && s != TrainingController::State::Stopping);
        m_stopAction->setEnabled(s == TrainingController::State::Running ||
                                 s == TrainingController::State::Paused);
        m_openAction->setEnabled(idle);
        m_saveAction->setEnabled(idle);
        m_saveAsAction->setEnabled(idle);
        m_bits->setRetrainEnabled(idle && m_haveStandard);
    });
    connect(c, &TrainingController::batchReady, m_plots, &PlotsPanel::addBatch);
    connect(c, &TrainingController::batchReady, this, [this](const BatchUpdate &u) {
        const auto &cfg = m_lastJob.config[u.slot];
        m_training->showBatch(u, cfg.epochs, cfg.batchSize);
    });
    connect(c, &TrainingController::epochReady, m_plots, &PlotsPanel::addEpoch);
    connect(c, &TrainingController::epochReady, this, [this](const EpochUpdate &u) {
        m_log->append(tr("%1, epoch %2: test accuracy %3 %, train loss %4 (%5 s)")
                          .arg(u.slot == 0 ? tr("Standard model") : tr("Quantized model"))
                          .arg(u.metrics.epoch)
                          .arg(100.0 * u.metrics.testAccuracy, 0, 'f', 2)
                          .arg(u.metrics.trainLoss, 0, 'f', 4)
                          .arg(u.metrics.seconds, 0, 'f', 1));
    });
    connect(c, &TrainingController::message, m_log, &LogPanel::append);
    connect(c, &TrainingController::message, m_status, &QLabel::setText);
    connect(c, &TrainingController::dataReady, m_inference, &InferenceWorker::setData);
    connect(c, &TrainingController::dataReady, this,
            [this](const DataHandle &data) { m_saliency->setTestCount(testImageCount(data)); });
    connect(c, &TrainingController::snapshotReady, this, &MainWindow::onSnapshot);
    connect(c, &TrainingController::modelFinished, this,
            [this](int, int, const QString &text) { m_log->append(text); });
    connect(c, &TrainingController::jobFinished, this, [this](bool ok, const QString &text) {
        m_status->setText(text);
        if (ok) {
            m_log->append(text);
            m_canResume = false;
        } else {
            m_log->appendError(text);
            m_canResume = m_haveStandard; // Start continues a stopped run
        }
        m_training->setStatusText(text);
        m_inference->requestEvaluation();
    });
    connect(c, &TrainingController::checkpointsLoaded, this, &MainWindow::onCheckpointsLoaded);

    connect(m_saliency, &SaliencyPanel::saliencyRequested, this, [this](const SaliencyRequest &r) {
        m_saliency->compareView()->setBusy(true);
        m_inference->requestSaliency(r);
    });
    connect(m_inference, &InferenceWorker::saliencyReady, m_saliency, &SaliencyPanel::showResult);
    connect(m_inference, &InferenceWorker::evaluationReady, m_confusion,
            &ConfusionPanel::showEvaluation);
    connect(m_inference, &InferenceWorker::evaluationReady, this,
            [this](const EvaluationResult &r) { m_saliency->setMisclassified(r.misclassified); });
    connect(m_bits, &ql::widgets::BitWidthPanel::bitsChanged, this, &MainWindow::requestPreview);
    connect(m_bits, &ql::widgets::BitWidthPanel::retrainRequested, this, &MainWindow::retrain);
    connect(m_inference, &InferenceWorker::previewReady, this, [this](const PreviewResult &r) {
        m_bits->setBusy(false);
        if (!r.error.isEmpty()) {
            showError(r.error);
            return;
        }
        ql::widgets::ModelSizeStats stats;
        stats.parameters = m_parameterCount;
        stats.sizeBytes = r.sizeBytes;
        stats.floatSizeBytes = r.floatSizeBytes;
        stats.testAccuracy = r.accuracy;
        m_bits->setModelStats(stats);
        m_status->setText(
            tr("Post-training quantization: %1 % on %n test images in %2 ms", nullptr, r.subsetSize)
                .arg(100.0 * r.accuracy, 0, 'f', 2)
                .arg(r.milliseconds, 0, 'f', 0));
    });
    connect(m_dataModel, &DataModelPanel::fetchRequested, this, &MainWindow::fetchDataset);
}

void MainWindow::fetchDataset(const QString &dataset, const QString &dir)
{
    if (m_fetcher && m_fetcher->isRunning())
        return;
    const QString target = dir.isEmpty() ? DatasetFetcher::defaultDataDir(dataset) : dir;
    if (!m_fetcher)
        m_fetcher = new DatasetFetcher(this);
    auto *dialog = new QProgressDialog(tr("Fetching %1 into %2…").arg(dataset, target),
                                       tr("Cancel"), 0, 0, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Fetch data set"));
    dialog->setMinimumDuration(0);
    auto *fetcher = m_fetcher;
    const auto progress =
        connect(fetcher, &DatasetFetcher::progress, dialog,
                [dialog](const QString &file, qint64 received, qint64 total) {
                    dialog->setLabelText(
                        tr("Downloading %1: %2 of %3 MB")
                            .arg(file)
                            .arg(received / 1e6, 0, 'f', 1)
                            .arg(total > 0 ? QString::number(total / 1e6, 'f', 1) : tr("?")));
                    dialog->setMaximum(total > 0 ? 1000 : 0);
                    if (total > 0)
                        dialog->setValue(static_cast<int>(1000 * received / total));
                });
    const auto status = connect(fetcher, &DatasetFetcher::statusMessage, m_log, &LogPanel::append);
    connect(dialog, &QProgressDialog::canceled, fetcher, &DatasetFetcher::cancel);
    auto done = std::make_shared<QMetaObject::Connection>();
    *done = connect(fetcher, &DatasetFetcher::finished, this,
                    [this, dialog, done, progress, status, target](bool ok, const QString &text) {
                        disconnect(*done);
                        disconnect(progress);
                        disconnect(status);
                        dialog->close();
                        if (ok) {
                            m_dataModel->setDataDir(target);
                            m_log->append(text);
                            m_status->setText(text);
                        } else {
                            showError(tr("Fetching the data set failed: %1").arg(text));
                        }
                    });
    m_log->append(tr("Fetching %1 into %2…").arg(dataset, target));
    fetcher->start(dataset, target);
}

void MainWindow::onSnapshot(int slot, const ModelHandle &model)
{
    m_inference->setModel(slot, model);
    if (slot == 0 && model.isValid()) {
        const bool first = !m_haveStandard;
        m_haveStandard = true;
        if (first) {
            const auto rows = describeLayers(model);
            const auto selection = m_bits->selection();
            m_bits->setLayers(rows);
            m_bits->setGlobalBits(selection.globalWeightBits, selection.globalActivationBits);
            // Size at the chosen bits until a preview measures it (accuracy unknown yet).
            ql::widgets::ModelSizeStats stats;
            m_parameterCount = 0;
            for (const auto &row : rows) {
                m_parameterCount += row.parameters;
                stats.floatSizeBytes += 4.0 * static_cast<double>(row.parameters);
                stats.sizeBytes += row.parameters * (selection.globalWeightBits / 8.0);
            }
            stats.parameters = m_parameterCount;
            m_bits->setModelStats(stats);
        }
    }
}

ql::core::QuantConfig MainWindow::quantFromSelection(const ql::widgets::BitWidthSelection &s) const
{
    ql::core::QuantConfig q;
    q.weightBits = s.globalWeightBits;
    q.activationBits = s.globalActivationBits;
    for (const auto &layer : s.layers) {
        if (layer.weightBits != s.globalWeightBits ||
            layer.activationBits != s.globalActivationBits)
            q.perLayer[layer.name.toStdString()] = {layer.weightBits, layer.activationBits};
    }
    return q;
}

JobSettings MainWindow::jobSettings() const
{
    JobSettings job;
    const auto base = m_dataModel->baseConfig();
    for (int slot = 0; slot < kModelSlots; ++slot) {
        job.config[slot] = base;
        job.config[slot].sgt.enabled = m_dataModel->sgtFor(slot);
    }
    auto q = quantFromSelection(m_bits->selection());
    if (q.isFloat()) { // the quantized model must be quantized: the paper's 4 bits
        q.weightBits = 4;
        q.activationBits = 4;
    }
    job.config[1].model.quant = q;
    return job;
}

void MainWindow::startJob(JobSettings job)
{
    for (int slot = 0; slot < kModelSlots; ++slot)
        if (job.train[slot] && job.mode == JobSettings::Mode::Fresh)
            m_plots->clearSlot(slot);
    m_lastJob = job;
    if (!m_controller->start(job))
        showError(tr("A job is already running."));
}

void MainWindow::startTraining()
{
    const QString problem = m_dataModel->validationError();
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    JobSettings job = jobSettings();
    if (m_canResume) {
        job.mode = JobSettings::Mode::Resume;
        m_log->append(tr("Continuing the previous run where it stopped."));
    }
    startJob(job);
}

void MainWindow::startOver()
{
    m_canResume = false;
    m_plots->clearAll();
    startTraining();
}

void MainWindow::retrain(const ql::widgets::BitWidthSelection &selection)
{
    if (!m_haveStandard) {
        showError(tr("Train the models first; Retrain fine-tunes the trained weights."));
        return;
    }
    JobSettings job = jobSettings();
    job.train[0] = false;
    job.mode = JobSettings::Mode::FineTune;
    job.initFromSlot = 0;
    job.config[1].model.quant = quantFromSelection(selection);
    job.config[1].epochs = 1;
    m_log->append(tr("Fine-tuning at the new bit-widths from the standard model's weights."));
    startJob(job);
}

void MainWindow::requestPreview(const ql::widgets::BitWidthSelection &selection)
{
    if (!m_haveStandard)
        return;
    PreviewRequest r;
    r.quant = quantFromSelection(selection);
    r.subsetSize = kPreviewSubset;
    m_bits->setBusy(true);
    m_inference->requestPreview(r);
}

void MainWindow::showError(const QString &message)
{
    m_log->appendError(message);
    m_status->setText(message);
    // A message box is modal: under test or in the demo it would block, so only when visible.
    if (isVisible() && !property("quietErrors").toBool())
        QMessageBox::warning(this, tr("QuantLens"), message);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    m_controller->stop();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

} // namespace ql::app
