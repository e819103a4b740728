// SPDX-License-Identifier: MIT
#include "app/gui/main_window.h"
#include "app/gui/model_exporter.h"

#include "app/common/dataset_fetcher.h"
#include "app/common/session.h"
#include "app/gui/bit_width_coordinator.h"
#include "app/gui/confusion_panel.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/engine.h"
#include "app/gui/fetch_dialog.h"
#include "app/gui/inference_worker.h"
#include "app/gui/job_progress.h"
#include "app/gui/language_manager.h"
#include "app/gui/log_panel.h"
#include "app/gui/plots_panel.h"
#include "app/gui/saliency_panel.h"
#include "app/gui/training_panel.h"
#include "core/train/config_json.h"
#include "core/train/finetune_schedule.h"
#include "widgets/bit_width_panel.h"
#include "widgets/saliency_compare_view.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>

#include <algorithm>

namespace ql::app {

namespace {
/// Scrolls its panel vertically only, and is always as wide as the panel needs (the panel's
/// minimum width changes with the language): a dock then never cuts its fields off at the
/// side, and a panel that grows never raises the dock's minimum height.
class VerticalScrollArea : public QScrollArea {
public:
    explicit VerticalScrollArea(QWidget *panel, QWidget *parent) : QScrollArea(parent)
    {
        setWidget(panel);
        setWidgetResizable(true);
        setFrameShape(QFrame::NoFrame);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        panel->installEventFilter(this);
    }
    QSize minimumSizeHint() const override
    {
        const int width = widget()->minimumSizeHint().width() +
                          verticalScrollBar()->sizeHint().width() + 2 * frameWidth();
        return {width, QScrollArea::minimumSizeHint().height()};
    }
    QSize sizeHint() const override
    {
        return {std::max(minimumSizeHint().width(), widget()->sizeHint().width()),
                widget()->sizeHint().height()};
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == widget() && event->type() == QEvent::LayoutRequest)
            updateGeometry(); // the panel's needs changed (another language, longer text)
        return QScrollArea::eventFilter(watched, event);
    }
};
} // namespace

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
    m_status->setObjectName(QStringLiteral("statusText"));
    // One line: a long message must not make the status bar (and the window) taller.
    m_status->setWordWrap(false);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_status, 1);
    connectWorkers();
    setStatus([] { return tr("Ready. Choose a data folder and press Start."); });
    retranslateUi();
    restoreSettings();
    m_bitsCoordinator->requestDescription(); // layers, size and BOPs before any training
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addPanelDock(const char *name, QWidget *panel, Qt::DockWidgetArea area,
                                      bool scrollable)
{
    auto *dock = new QDockWidget(this);
    dock->setObjectName(QString::fromLatin1(name));
    if (scrollable) {
        // A panel that grows (a wrapped message, a longer translation) scrolls inside its
        // dock instead of raising the dock's minimum height, which would make the window grow.
        auto *scroll = new VerticalScrollArea(panel, dock);
        dock->setWidget(scroll);
    } else {
        dock->setWidget(panel);
    }
    addDockWidget(area, dock);
    return dock;
}

QDockWidget *MainWindow::dock(const QString &name) const
{
    for (QDockWidget *d : {m_setupDock, m_trainingDock, m_bitsDock, m_saliencyDock, m_confusionDock,
                           m_logDock, m_studyDock})
        if (d && d->objectName() == name)
            return d;
    return nullptr;
}

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
    m_bitsCoordinator = new BitWidthCoordinator(
        m_bits, m_inference, [this] { return m_dataModel->baseConfig().model; }, this);
    m_setupDock = addPanelDock("setupDock", m_dataModel, Qt::LeftDockWidgetArea, true);
    // Training sits under the bit-widths: the setup form gets the whole left column, and the
    // per-layer table of mnist-cnn leaves room on the right.
    m_bitsDock = addPanelDock("bitsDock", m_bits, Qt::RightDockWidgetArea, false);
    m_trainingDock = addPanelDock("trainingDock", m_training, Qt::RightDockWidgetArea, true);
    m_saliencyDock = addPanelDock("saliencyDock", m_saliency, Qt::BottomDockWidgetArea, false);
    m_confusionDock = addPanelDock("confusionDock", m_confusion, Qt::BottomDockWidgetArea, false);
    m_logDock = addPanelDock("logDock", m_log, Qt::BottomDockWidgetArea, false);
    tabifyDockWidget(m_saliencyDock, m_confusionDock);
    tabifyDockWidget(m_confusionDock, m_logDock);
    m_saliencyDock->raise();
    // The saliency maps get the lower half of the window: they are what the app is about.
    resizeDocks({m_saliencyDock}, {380}, Qt::Vertical);
    resizeDocks({m_bitsDock, m_trainingDock}, {330, 110}, Qt::Vertical);
    // Wide enough for the per-layer table of mnist-cnn in every shipped language (German and
    // Persian are the widest); narrower docks scroll the table instead of cutting it.
    resizeDocks({m_setupDock, m_bitsDock}, {330, 575}, Qt::Horizontal);
    createStudyDock();
}

void MainWindow::setStatus(std::function<QString()> text)
{
    m_statusText = std::move(text);
    const QString shown = m_statusText ? m_statusText() : QString();
    m_status->setText(shown);
    m_status->setToolTip(shown);
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

int MainWindow::evaluatedTestImages(const ql::core::TrainingConfig &config) const
{
    if (config.testLimit > 0 && (m_testCount == 0 || config.testLimit < m_testCount))
        return static_cast<int>(config.testLimit);
    return m_testCount;
}

void MainWindow::connectWorkers()
{
    auto *c = m_controller;
    connect(m_training, &TrainingPanel::startRequested, this, &MainWindow::startTraining);
    connect(m_training, &TrainingPanel::pauseRequested, c, &TrainingController::pause);
    connect(m_training, &TrainingPanel::resumeRequested, c, &TrainingController::resume);
    connect(m_training, &TrainingPanel::stopRequested, c, &TrainingController::stop);
    // One learning-rate field: the setup panel's. During a run it changes the running
    // optimiser (the only setting that can change mid-run).
    connect(m_dataModel, &DataModelPanel::learningRateChanged, this, [this](double lr) {
        if (!m_controller->isBusy())
            return;
        m_controller->setLearningRate(lr);
        m_log->append(tr("Learning rate set to %1.").arg(QLocale().toString(lr)));
    });
    connect(m_dataModel, &DataModelPanel::modelChanged, m_bitsCoordinator,
            &BitWidthCoordinator::requestDescription);
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
        m_dataModel->setTrainingActive(!idle);
        if (idle)
            updateJobEstimate();
    });
    connect(c, &TrainingController::batchReady, m_plots, &PlotsPanel::addBatch);
    connect(c, &TrainingController::batchReady, this, [this](const BatchUpdate &u) {
        m_unsaved = true; // weights changed since the last save
        m_lastBatchSlot = u.slot;
        m_lastBatchStep = u.metrics.globalStep;
        const auto &cfg = m_lastJob.config[u.slot];
        m_lastBatchEndsRun = u.metrics.step == u.metrics.stepsPerEpoch ||
                             (cfg.maxSteps > 0 && u.metrics.globalStep >= cfg.maxSteps);
        int epochs = cfg.epochs; // a step budget ends the run earlier
        if (cfg.maxSteps > 0 && u.metrics.stepsPerEpoch > 0)
            epochs = static_cast<int>(std::min<int64_t>(
                epochs, (cfg.maxSteps + u.metrics.stepsPerEpoch - 1) / u.metrics.stepsPerEpoch));
        m_training->showBatch(u, epochs, cfg.batchSize);
    });
    connect(c, &TrainingController::epochReady, m_plots, &PlotsPanel::addEpoch);
    connect(c, &TrainingController::epochReady, this, &MainWindow::onEpoch);
    connect(c, &TrainingController::message, m_log, &LogPanel::append);
    connect(c, &TrainingController::message, this,
            [this](const QString &text) { setStatus([text] { return text; }); });
    connect(c, &TrainingController::dataReady, m_inference, &InferenceWorker::setData);
    connect(c, &TrainingController::dataReady, this, [this](const DataHandle &data) {
        m_testCount = testImageCount(data);
        m_trainCount = trainImageCount(data);
        m_saliency->setTestCount(m_testCount);
    });
    connect(c, &TrainingController::snapshotReady, this, &MainWindow::onSnapshot);
    connect(c, &TrainingController::modelFinished, this,
            [this](int, int, const QString &text) { m_log->append(text); });
    connect(c, &TrainingController::jobFinished, this, &MainWindow::onJobFinished);
    connect(c, &TrainingController::checkpointsLoaded, this, &MainWindow::onCheckpointsLoaded);

    connect(m_saliency, &SaliencyPanel::saliencyRequested, this, [this](const SaliencyRequest &r) {
        m_saliency->compareView()->setBusy(true);
        m_inference->requestSaliency(r);
    });
    connect(m_inference, &InferenceWorker::saliencyReady, m_saliency, &SaliencyPanel::showResult);
    connect(m_saliency, &SaliencyPanel::predictionsRequested, this,
            [this](const QStringList &files) { m_inference->requestPredictions(files); });
    connect(m_inference, &InferenceWorker::predictionsReady, m_saliency,
            &SaliencyPanel::showPredictions);
    connect(m_inference, &InferenceWorker::evaluationReady, m_confusion,
            &ConfusionPanel::showEvaluation);
    connect(m_inference, &InferenceWorker::evaluationReady, this,
            [this](const EvaluationResult &r) { m_saliency->setMisclassified(r.misclassified); });
    connect(m_bits, &ql::widgets::BitWidthPanel::retrainRequested, this, &MainWindow::retrain);
    connect(m_bitsCoordinator, &BitWidthCoordinator::described, this, &MainWindow::modelDescribed);
    connect(m_bitsCoordinator, &BitWidthCoordinator::error, this, &MainWindow::showError);
    connect(m_bitsCoordinator, &BitWidthCoordinator::previewMeasured, this,
            [this](const PreviewResult &r) {
                setStatus([r] {
                    return tr("Post-training preview of the standard model at %1: %2 % on %3 "
                              "test images in %4 ms")
                        .arg(BitWidthCoordinator::bitsText(r.quant),
                             QLocale().toString(100.0 * r.accuracy, 'f', 2),
                             QLocale().toString(r.subsetSize),
                             QLocale().toString(r.milliseconds, 'f', 0));
                });
            });
    connect(m_dataModel, &DataModelPanel::fetchRequested, this, &MainWindow::fetchDataset);
    connectStudy();
    connect(m_dataModel, &DataModelPanel::modelChanged, this, [this] { updateJobEstimate(); });
    updateJobEstimate();
}

void MainWindow::onEpoch(const EpochUpdate &u)
{
    const auto &config = m_lastJob.config[u.slot];
    const int images = evaluatedTestImages(config);
    const QString model =
        u.slot == 0
            ? tr("Standard model")
            : tr("Quantized model (%1)").arg(BitWidthCoordinator::bitsText(config.model.quant));
    m_log->append(tr("%1, epoch %2: test accuracy %3 % on %4 test images, train loss %5 (%6 s)")
                      .arg(model, QLocale().toString(u.metrics.epoch),
                           QLocale().toString(100.0 * u.metrics.testAccuracy, 'f', 2),
                           QLocale().toString(images),
                           QLocale().toString(u.metrics.trainLoss, 'f', 4),
                           QLocale().toString(u.metrics.seconds, 'f', 1)));
    if (u.slot == 1)
        m_bitsCoordinator->setTrainedQuantized(config.model.quant, u.metrics.testAccuracy, images);
}

void MainWindow::onJobFinished(bool ok, const QString &text)
{
    if (ok) {
        setStatus([] { return tr("Training finished."); });
        m_log->append(text);
        m_canResume = false;
    } else {
        setStatus([text] { return text; });
        m_log->appendError(text);
        m_canResume = m_haveStandard; // Start continues a stopped run
    }
    m_lastJobOk = ok;
    m_bitsCoordinator->trainingEnded();
    for (int slot = 0; slot < kModelSlots; ++slot) // the next estimate's speeds
        if (m_lastJob.train[slot])
            storeSecondsPerStep(m_lastJob.config[slot],
                                m_training->jobProgress().measuredSecondsPerStep(slot));
    updateJobEstimate();
    m_training->setStatusText(ok ? tr("Training finished.") : text);
    m_inference->requestEvaluation();
}

void MainWindow::fetchDataset(const QString &dataset, const QString &dir)
{
    if (m_fetcher && m_fetcher->isRunning())
        return;
    const QString target = dir.isEmpty() ? DatasetFetcher::defaultDataDir(dataset) : dir;
    if (!m_fetcher)
        m_fetcher = new DatasetFetcher(this);
    auto *dialog = new FetchDialog(m_fetcher, dataset, target, this);
    connect(dialog, &FetchDialog::statusMessage, m_log, &LogPanel::append);
    connect(dialog, &FetchDialog::fetchFinished, this,
            [this](bool ok, const QString &text, const QString &folder) {
                if (ok) {
                    m_dataModel->setDataDir(folder);
                    m_log->append(text);
                    setStatus([text] { return text; });
                } else {
                    showError(tr("Downloading the data set failed: %1").arg(text));
                }
            });
    m_log->append(tr("Downloading %1 into %2…").arg(dataset, target));
}

void MainWindow::onSnapshot(int slot, const ModelHandle &model)
{
    m_inference->setModel(slot, model);
    // The quantized model in training (Retrain, the default job's fine-tune): its accuracy
    // follows its snapshots (every 50 batches), tested progressively on the inference
    // thread. Snapshots after an epoch or the budget come with the run's own test instead.
    if (slot == 1 && model.isValid() && m_lastBatchSlot == 1 && !m_lastBatchEndsRun &&
        m_controller->state() == TrainingController::State::Running)
        m_bitsCoordinator->measureTrainingSnapshot(m_lastJob.config[1].model.quant,
                                                   m_lastBatchStep);
    if (slot == 0 && model.isValid()) {
        m_haveStandard = true;
        m_bitsCoordinator->setStandardAvailable(true);
    }
    // Export: the quantized slot may also be a preview of the standard model.
    m_haveQuantized = m_haveQuantized || (slot == 1 && model.isValid());
    m_modelExporter->setModelsAvailable(m_haveStandard, m_haveQuantized || m_haveStandard);
}

JobSettings MainWindow::jobSettings() const
{
    JobSettings job;
    const auto base = m_dataModel->baseConfig();
    for (int slot = 0; slot < kModelSlots; ++slot) {
        job.config[slot] = base;
        job.config[slot].sgt.enabled = m_dataModel->sgtFor(slot);
    }
    job.config[1].model.quant = m_bitsCoordinator->quant();
    // Every bit at float: the "quantized" model would be a second float model. Train only
    // the standard one (startTraining says so).
    job.train[1] = !job.config[1].model.quant.isFloat();
    job.quantizedFromStandard = !m_dataModel->quantizedFromScratch();
    if (job.quantizedFromStandard)
        useFineTuneSchedule(job.config[1], m_dataModel->fineTuneSteps());
    return job;
}

void MainWindow::useFineTuneSchedule(ql::core::TrainingConfig &config, int steps)
{
    // A short quantization-aware fine-tune: the step budget ends it, at a third of the peak
    // learning rate (Adam + one-cycle: 0.003 -> 0.001, the study's fine-tune rate).
    config.maxSteps = steps;
    config.epochs = static_cast<int>(ql::core::kMaxEpochs); // the budget ends the run
    config.optimizer.learningRate /= 3.0;
    // With SGT: plain quantization-aware steps first (an eighth of the budget, at most 50,
    // the first snapshot's batch), then the KL term ramps in over as many. The first snapshot
    // then shows the accuracy that quantization cost recovered, at plain-step speed, instead
    // of the dip that the KL term causes in a model trained without it (docs/RESULTS.md).
    ql::core::useDelayedSgtStart(config.sgt, steps);
}

qint64 MainWindow::trainSamplesFor(const JobSettings &job) const
{
    // An image folder's scan knows its count before anything is loaded.
    if (const qint64 scanned = m_dataModel->folderTrainImages(); scanned > 0)
        return scanned;
    return m_trainCount > 0 ? m_trainCount : knownTrainSamples(job.config[0].dataset);
}

void MainWindow::startJob(JobSettings job)
{
    m_lastBatchEndsRun = true; // no snapshot is tested before this job's first batch
    for (int slot = 0; slot < kModelSlots; ++slot)
        if (job.train[slot] && job.mode == JobSettings::Mode::Fresh)
            m_plots->clearSlot(slot);
    m_lastJob = job;
    m_lastJobOk = false;
    double rates[kModelSlots];
    for (int slot = 0; slot < kModelSlots; ++slot)
        rates[slot] = storedSecondsPerStep(job.config[slot]);
    m_training->startJob(job, trainSamplesFor(job), rates);
    if (!m_controller->start(job))
        showError(tr("A job is already running."));
}

void MainWindow::updateJobEstimate()
{
    // The job Start would run now, at the speeds measured for such models before.
    const JobSettings job = jobSettings();
    double rates[kModelSlots];
    for (int slot = 0; slot < kModelSlots; ++slot)
        rates[slot] = storedSecondsPerStep(job.config[slot]);
    JobProgress estimate;
    estimate.start(job, trainSamplesFor(job), rates);
    m_training->setEstimate(estimate.estimatedSeconds());
}

void MainWindow::startTraining()
{
    const QString problem = m_dataModel->validationError();
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    JobSettings job = jobSettings();
    if (!job.train[1])
        m_log->append(tr("Every bit-width is float, so there is no quantized model to train: "
                         "training the standard model only. Choose bits below 32 to train "
                         "the quantized model."));
    if (m_canResume) {
        job.mode = JobSettings::Mode::Resume;
        job.resumeQuantized = m_lastBatchSlot == 1; // else its fine-tune has yet to start
        m_log->append(tr("Continuing the previous run where it stopped."));
    }
    startJob(job);
}

void MainWindow::startOver()
{
    m_canResume = false;
    m_retrainCount = 0;
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
    job.train[1] = true;
    job.mode = JobSettings::Mode::FineTune;
    job.initFromSlot = 0;
    job.config[1].model.quant = BitWidthCoordinator::quantFromSelection(selection);
    if (job.config[1].model.quant.isFloat()) {
        showError(tr("Choose bits below 32 first: Retrain fine-tunes a quantized model."));
        return;
    }
    useFineTuneSchedule(job.config[1], m_dataModel->fineTuneSteps());
    ++m_retrainCount;
    m_plots->beginSegment(1, tr("Retrain %1 (%2)")
                                 .arg(m_retrainCount)
                                 .arg(BitWidthCoordinator::bitsText(job.config[1].model.quant)));
    m_log->append(tr("Retrain %1: a quantization-aware fine-tune of %2 steps at the new "
                     "bit-widths from the standard model's weights, PACT clip levels "
                     "calibrated from training images.")
                      .arg(m_retrainCount)
                      .arg(m_dataModel->fineTuneSteps()));
    if (job.config[1].sgt.enabled && job.config[1].sgt.startStep > 0)
        m_log->append(tr("Saliency-guided training starts after %1 plain steps and reaches its "
                         "full weight %2 steps later.")
                          .arg(job.config[1].sgt.startStep)
                          .arg(job.config[1].sgt.rampSteps));
    startJob(job);
}

void MainWindow::showError(const QString &message)
{
    m_log->appendError(message);
    setStatus([message] { return message; });
    // A message box is modal: under test or in the demo it would block, so only when visible.
    if (isVisible() && !property("quietErrors").toBool())
        QMessageBox::warning(this, tr("QuantLens"), message);
}

bool MainWindow::confirmDiscard()
{
    if (!m_unsaved || m_quitting)
        return true;
    UnsavedAnswer answer = UnsavedAnswer::Discard;
    if (m_askUnsaved) {
        answer = m_askUnsaved();
    } else if (!property("quietErrors").toBool()) {
        const auto button = QMessageBox::question(
            this, tr("QuantLens"),
            tr("The trained models have not been saved. Save them as a session before "
               "quitting?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        answer = button == QMessageBox::Save      ? UnsavedAnswer::Save
                 : button == QMessageBox::Discard ? UnsavedAnswer::Discard
                                                  : UnsavedAnswer::Cancel;
    }
    if (answer == UnsavedAnswer::Discard)
        return true;
    if (answer == UnsavedAnswer::Save) {
        // Quit once the session is written (saveSession closes the window then); a failed
        // or cancelled save keeps it open.
        m_quitAfterSave = true;
        m_saveAction->trigger();
    }
    return false;
}

void MainWindow::quitFromSignal(int, int count)
{
    if (count > 1) { // a second request while the question is open: quit, discarding
        m_quitting = true;
        m_log->append(tr("Quit requested again: quitting without saving."));
        close();
        QCoreApplication::exit(0);
        return;
    }
    close();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmDiscard()) {
        event->ignore();
        return;
    }
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
