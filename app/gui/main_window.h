// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"
#include "app/gui/study_types.h"
#include "app/gui/training_controller.h"

#include <QMainWindow>

#include <functional>
#include <memory>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;

namespace ql::widgets {
class BitWidthPanel;
struct BitWidthSelection;
} // namespace ql::widgets

namespace ql::app {

class BitWidthCoordinator;
class ConfusionPanel;
class DatasetFetcher;
class DataModelPanel;
class InferenceBackend;
class InferenceWorker;
class LanguageManager;
class LogPanel;
class ModelExporter;
class PlotsPanel;
class SaliencyPanel;
class Session;
class StudyPanel;
class TrainingBackend;
class TrainingPanel;

/// Assembles the panels in docks around the live plots and wires them to the training
/// controller and the inference worker. Menus and settings live in main_window_actions.cpp,
/// session folders in main_window_session.cpp (format: app/common/session.h).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// What to do with trained models that were never saved, asked on quit.
    enum class UnsavedAnswer { Save, Discard, Cancel };

    /// Backends are injectable so tests can run the window without training real models.
    MainWindow(std::shared_ptr<TrainingBackend> training,
               std::shared_ptr<InferenceBackend> inference, int threads = 0,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    DataModelPanel *dataModelPanel() const { return m_dataModel; }
    TrainingPanel *trainingPanel() const { return m_training; }
    PlotsPanel *plotsPanel() const { return m_plots; }
    ql::widgets::BitWidthPanel *bitWidthPanel() const { return m_bits; }
    SaliencyPanel *saliencyPanel() const { return m_saliency; }
    ConfusionPanel *confusionPanel() const { return m_confusion; }
    LogPanel *logPanel() const { return m_log; }
    StudyPanel *studyPanel() const { return m_study; }
    TrainingController *controller() const { return m_controller; }
    InferenceWorker *inferenceWorker() const { return m_inference; }
    LanguageManager *languageManager() const { return m_language; }
    QAction *openAction() const { return m_openAction; }
    QAction *saveAction() const { return m_saveAction; }
    /// The dock of a panel by its object name ("setupDock", "trainingDock", "bitsDock",
    /// "saliencyDock", "confusionDock", "logDock", "studyDock"); null for another name.
    QDockWidget *dock(const QString &name) const;
    /// The status bar's text.
    QString statusText() const;
    /// True when trained models exist that no session folder holds.
    bool hasUnsavedTraining() const { return m_unsaved; }
    /// Replaces the quit question (a message box) — for tests and unattended runs.
    void setUnsavedQuestion(std::function<UnsavedAnswer()> ask) { m_askUnsaved = std::move(ask); }

    /// Training job from the panels (both models, the bit panel's bits for the quantized one).
    /// When every bit-width is float there is no quantized model to train: train[1] is false.
    JobSettings jobSettings() const;
    /// The quantized model's fine-tune (default job and Retrain): a budget of `steps` batches
    /// at a third of the peak learning rate; with SGT, plain steps first and a KL ramp
    /// (core::useDelayedSgtStart).
    static void useFineTuneSchedule(ql::core::TrainingConfig &config, int steps);

public Q_SLOTS:
    void startTraining();
    /// Starts from scratch even when a stopped or loaded run could continue.
    void startOver();
    void retrain(const ql::widgets::BitWidthSelection &selection);
    /// Writes a session folder: both checkpoints plus session.json. Errors go to the UI.
    void saveSession(const QString &dir);
    void openSession(const QString &dir);
    bool setLanguage(const QString &code);
    /// Starts (or, with request.resume, continues) a bit-width study with the setup panel's
    /// data set, model and recipe (main_window_study.cpp).
    void startStudy(const ql::app::StudyRequest &request);
    /// SIGTERM / SIGINT / SIGHUP: the first quits like File > Quit (asking about unsaved
    /// training); a second one while the question is open quits without saving.
    void quitFromSignal(int signalNumber, int count);

Q_SIGNALS:
    /// A session finished saving or loading; error empty on success.
    void sessionSaved(const QString &dir, const QString &error);
    void sessionOpened(const QString &dir, const QString &error);
    /// A model description (layers, size, BOPs) reached the bit-width panel.
    void modelDescribed();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createDocks();
    QDockWidget *addPanelDock(const char *name, QWidget *panel, Qt::DockWidgetArea area,
                              bool scrollable);
    void createActions();
    void createMenus();
    void connectWorkers();
    void retranslateUi();
    void restoreSettings();
    void saveSettings() const;
    void showError(const QString &message);
    /// Sets the status bar from a function that is called again on a language change.
    void setStatus(std::function<QString()> text);
    void addRecentSession(const QString &dir);
    void updateRecentMenu();
    void about();
    void onSnapshot(int slot, const ModelHandle &model);
    void onEpoch(const EpochUpdate &update);
    void onJobFinished(bool ok, const QString &text);
    void onCheckpointsLoaded(const QString &dir, const QString &error,
                             const ql::core::TrainingConfig &standard,
                             const ql::core::TrainingConfig &quantized);
    /// Downloads the data set behind a progress dialog (fetch_dialog.h).
    void fetchDataset(const QString &dataset, const QString &dir);
    void startJob(JobSettings job);
    qint64 trainSamplesFor(const JobSettings &job) const; // for the job's progress and estimate
    /// Test images behind an epoch's test accuracy for `config`.
    int evaluatedTestImages(const ql::core::TrainingConfig &config) const;
    bool confirmDiscard();
    // The Study panel (main_window_study.cpp).
    void createStudyDock();
    void connectStudy();
    void retranslateStudy();
    /// Puts the study's folder and options into `session` (a study in the work folder is
    /// copied into `dir`/study first). Returns an error message or empty.
    QString storeStudy(Session &session, const QString &dir);
    void restoreStudy(const Session &session, const QString &dir);

    std::shared_ptr<TrainingBackend> m_trainingBackend;
    TrainingController *m_controller = nullptr;
    InferenceWorker *m_inference = nullptr;
    LanguageManager *m_language = nullptr;
    DatasetFetcher *m_fetcher = nullptr;

    DataModelPanel *m_dataModel = nullptr;
    TrainingPanel *m_training = nullptr;
    PlotsPanel *m_plots = nullptr;
    ql::widgets::BitWidthPanel *m_bits = nullptr;
    SaliencyPanel *m_saliency = nullptr;
    ConfusionPanel *m_confusion = nullptr;
    LogPanel *m_log = nullptr;
    StudyPanel *m_study = nullptr;
    QDockWidget *m_studyDock = nullptr;
    bool m_studyRunning = false; // the controller's job is the Study panel's study
    BitWidthCoordinator *m_bitsCoordinator = nullptr;
    ModelExporter *m_modelExporter = nullptr; // File > Export Model...
    QLabel *m_status = nullptr;
    std::function<QString()> m_statusText;
    QDockWidget *m_setupDock = nullptr, *m_trainingDock = nullptr, *m_bitsDock = nullptr;
    QDockWidget *m_saliencyDock = nullptr, *m_confusionDock = nullptr, *m_logDock = nullptr;

    QMenu *m_fileMenu = nullptr, *m_viewMenu = nullptr, *m_trainMenu = nullptr;
    QMenu *m_languageMenu = nullptr, *m_helpMenu = nullptr, *m_recentMenu = nullptr;
    QAction *m_openAction = nullptr, *m_saveAction = nullptr, *m_saveAsAction = nullptr;
    QAction *m_exportAction = nullptr, *m_exportPlotAction = nullptr, *m_quitAction = nullptr;
    QAction *m_fullScreenAction = nullptr, *m_startAction = nullptr, *m_startOverAction = nullptr;
    QAction *m_pauseAction = nullptr, *m_stopAction = nullptr;
    QAction *m_aboutAction = nullptr, *m_aboutQtAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;

    JobSettings m_lastJob;
    QString m_sessionDir;                      // current session folder, empty when unsaved
    std::shared_ptr<Session> m_pendingSession; // read, waiting for the checkpoints to load
    bool m_canResume = false;                  // a stopped or loaded run can continue
    int m_retrainCount = 0;                    // Retrain segments on the plots so far
    int m_lastBatchSlot = -1;                  // the model the last job trained last
    qint64 m_lastBatchStep = 0;                // its global step
    bool m_lastBatchEndsRun = false; // that batch ended an epoch or the budget (tested then)
    bool m_haveStandard = false;
    bool m_haveQuantized = false; // a trained quantized snapshot arrived
    bool m_unsaved = false;       // trained models no session folder holds
    bool m_quitting = false;      // the user agreed to quit
    bool m_quitAfterSave = false; // "Save" answered to the quit question
    bool m_lastJobOk = false;     // the last job finished (its panel line is re-rendered)
    int m_testCount = 0;          // test images of the loaded data
    int m_trainCount = 0;         // training images of the loaded data
    void updateJobEstimate();     // the next job's estimated time, in the training panel
    std::function<UnsavedAnswer()> m_askUnsaved;
};

} // namespace ql::app
