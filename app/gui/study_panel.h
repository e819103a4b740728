// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/study_types.h"
#include "app/gui/training_controller.h"

#include <QElapsedTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ql::widgets {
class StudyPlot;
}

namespace ql::app {

/// The bit-width study in the app: the options of `quantlens-cli study`, Start / Continue /
/// Pause / Stop, progress over the grid, and the finished points of one metric against bits
/// (standard and saliency-guided as two series, bootstrap 95% intervals as bars). Hover shows
/// a point's values; a click asks for that configuration's model next to its float model
/// (modelRequested). The panel holds no controller: MainWindow connects its signals.
class StudyPanel : public QWidget {
    Q_OBJECT
public:
    explicit StudyPanel(QWidget *parent = nullptr);

    /// The options as set (base: default; MainWindow fills it from the setup panel).
    StudyRequest request() const;
    /// Restores the options (a session).
    void setRequest(const StudyRequest &request);
    /// The folder of the study shown (or being run); empty when there is none.
    QString studyFolder() const { return m_view.folder; }
    const StudyView &view() const { return m_view; }
    QString metric() const;
    /// Selects the metric drawn by its key ("accuracy", "modification_gap", ...).
    bool setMetric(const QString &key);
    /// Writes the figure as PNG or PDF (by the suffix); false with a message on failure.
    bool exportFigure(const QString &path, QString *error = nullptr);
    /// The study shown moved to `folder` (copied into a session): paths follow.
    void relocate(const QString &folder);

    ql::widgets::StudyPlot *plot() const { return m_plot; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *continueButton() const { return m_continue; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *stopButton() const { return m_stop; }
    QLabel *verdictLabel() const { return m_verdicts; }
    QLabel *progressLabel() const { return m_progressText; }

public Q_SLOTS:
    /// The finished points so far (a running study's update, or a folder read).
    void showView(const ql::app::StudyView &view);
    void showProgress(const ql::app::StudyProgress &progress);
    /// The controller's state; `studyRunning` says whether its job is this panel's study.
    void setState(ql::app::TrainingController::State state, bool studyRunning);
    void showFinished(bool ok, const QString &message);

Q_SIGNALS:
    /// Start (resume false) or Continue (resume true, folder of the study shown).
    void startRequested(const ql::app::StudyRequest &request);
    void pauseRequested();
    void resumeRequested();
    void stopRequested();
    /// A point was clicked: its float reference model and the configuration's model.
    void modelRequested(const QString &referenceCheckpoint, const QString &checkpoint,
                        const QString &description);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void redraw();
    void exportWithDialog();
    void chooseFolder();
    void onPointClicked(int series, int index);
    QString metricLabel(const QString &key) const;
    QString pointToolTip(const StudyPointView &point) const;
    QString bitsLabel(const QString &bits) const;

    QLineEdit *m_bits = nullptr;
    QCheckBox *m_standard = nullptr, *m_sgt = nullptr, *m_fromScratch = nullptr;
    QSpinBox *m_seeds = nullptr, *m_floatEpochs = nullptr, *m_fineTuneEpochs = nullptr;
    QSpinBox *m_evalImages = nullptr;
    QLineEdit *m_folder = nullptr;
    QPushButton *m_chooseFolder = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_labels[7] = {};
    QPushButton *m_start = nullptr, *m_continue = nullptr, *m_pause = nullptr, *m_stop = nullptr;
    QPushButton *m_export = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QLabel *m_metricLabel = nullptr;
    QComboBox *m_metric = nullptr;
    ql::widgets::StudyPlot *m_plot = nullptr;
    QLabel *m_verdicts = nullptr;

    StudyView m_view;
    QVector<int> m_pointIndex[2]; // plot series/index -> m_view.points index
    StudyProgress m_lastProgress;
    QElapsedTimer m_clock;       // since the first progress of this run of the study
    double m_startFraction = -1; // the study's fraction done at that moment
    QString m_remaining;         // "about 12 min left", once it can be estimated
    bool m_haveProgress = false;
    QString m_finishedText;
    TrainingController::State m_state = TrainingController::State::Idle;
    bool m_running = false;
};

} // namespace ql::app
