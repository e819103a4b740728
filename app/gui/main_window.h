// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"
#include "app/gui/training_controller.h"

#include <QMainWindow>

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

class ConfusionPanel;
class DatasetFetcher;
class DataModelPanel;
class InferenceBackend;
class InferenceWorker;
class LanguageManager;
class LogPanel;
class PlotsPanel;
class SaliencyPanel;
class TrainingBackend;
class TrainingPanel;

/// Assembles the panels in docks around the live plots, wires them to the training
/// controller and the inference worker, and owns menus, sessions and settings.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
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
    TrainingController *controller() const { return m_controller; }
    InferenceWorker *inferenceWorker() const { return m_inference; }
    LanguageManager *languageManager() const { return m_language; }
    QAction *openAction() const { return m_openAction; }
    QAction *saveAction() const { return m_saveAction; }

    /// Training job from the panels (both models, the bit panel's bits for the quantized one).
    JobSettings jobSettings() const;

public Q_SLOTS:
    void startTraining();
    /// Starts from scratch even when a stopped or loaded run could continue.
    void startOver();
    void retrain(const ql::widgets::BitWidthSelection &selection);
    /// Writes a session folder: both checkpoints plus session.json. Errors go to the UI.
    void saveSession(const QString &dir);
    void openSession(const QString &dir);
    bool setLanguage(const QString &code);

Q_SIGNALS:
    /// A session finished saving or loading; error empty on success.
    void sessionSaved(const QString &dir, const QString &error);
    void sessionOpened(const QString &dir, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createDocks();
    void createActions();
    void createMenus();
    void connectWorkers();
    void retranslateUi();
    void restoreSettings();
    void saveSettings() const;
    void showError(const QString &message);
    void addRecentSession(const QString &dir);
    void updateRecentMenu();
    void about();
    void onSnapshot(int slot, const ModelHandle &model);
    void onCheckpointsLoaded(const QString &dir, const QString &error,
                             const ql::core::TrainingConfig &standard,
                             const ql::core::TrainingConfig &quantized);
    void requestPreview(const ql::widgets::BitWidthSelection &selection);
    /// Downloads the data set with DatasetFetcher behind a progress dialog.
    void fetchDataset(const QString &dataset, const QString &dir);
    ql::core::QuantConfig quantFromSelection(const ql::widgets::BitWidthSelection &s) const;
    void startJob(JobSettings job);

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
    QLabel *m_status = nullptr;
    QDockWidget *m_docks[6] = {};

    QMenu *m_fileMenu = nullptr, *m_viewMenu = nullptr, *m_trainMenu = nullptr;
    QMenu *m_languageMenu = nullptr, *m_helpMenu = nullptr, *m_recentMenu = nullptr;
    QAction *m_openAction = nullptr, *m_saveAction = nullptr, *m_saveAsAction = nullptr;
    QAction *m_exportAction = nullptr, *m_exportPlotAction = nullptr, *m_quitAction = nullptr;
    QAction *m_fullScreenAction = nullptr, *m_startAction = nullptr, *m_startOverAction = nullptr;
    QAction *m_pauseAction = nullptr, *m_stopAction = nullptr;
    QAction *m_aboutAction = nullptr, *m_aboutQtAction = nullptr;
    QActionGroup *m_languageGroup = nullptr;

    JobSettings m_lastJob;
    QString m_sessionDir;         // current session folder, empty when unsaved
    QString m_pendingSessionJson; // session.json text waiting for the checkpoints to load
    bool m_canResume = false;     // a stopped or loaded run can continue
    bool m_haveStandard = false;
    qint64 m_parameterCount = 0;
};

} // namespace ql::app
