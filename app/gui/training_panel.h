// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"
#include "app/gui/job_progress.h"
#include "app/gui/training_controller.h"

#include <QElapsedTimer>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace ql::widgets {
class TrainingProgressWidget;
}

namespace ql::app {

/// Start / pause / resume / stop and the progress of the running job. (The learning rate has
/// one field, in the data and model panel, that also steers a running job.)
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    explicit TrainingPanel(QWidget *parent = nullptr);

    QPushButton *startButton() const { return m_start; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *stopButton() const { return m_stop; }
    ql::widgets::TrainingProgressWidget *progressWidget() const { return m_progress; }

public Q_SLOTS:
    void setState(ql::app::TrainingController::State state);
    /// Progress of the model being trained (`totalEpochs`, `batchSize` from its config); the
    /// bar and the time left cover the whole job given to startJob().
    void showBatch(const ql::app::BatchUpdate &update, int totalEpochs, int batchSize);
    /// A job starts: every model it trains counts in the bar and the time left.
    /// `secondsPerStep`: per slot, the rate of an earlier run (<= 0: none).
    void startJob(const ql::app::JobSettings &job, qint64 trainSamples,
                  const double secondsPerStep[ql::app::kModelSlots]);
    /// Before Start: the estimated time of the job (< 0: unknown, nothing shown).
    void setEstimate(double seconds);
    void setStatusText(const QString &text);

public:
    const JobProgress &jobProgress() const { return m_job; }

Q_SIGNALS:
    void startRequested();
    void pauseRequested();
    void resumeRequested();
    void stopRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateSummary();

    QPushButton *m_start = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_stop = nullptr;
    ql::widgets::TrainingProgressWidget *m_progress = nullptr;
    QLabel *m_summary = nullptr;
    QString m_status;
    BatchUpdate m_lastBatch; // re-rendered on a language change
    int m_totalEpochs = 0, m_batchSize = 0;
    bool m_haveBatch = false;
    TrainingController::State m_state = TrainingController::State::Idle;
    QElapsedTimer m_progressThrottle;
    JobProgress m_job;
    double m_estimate = -1;
};

} // namespace ql::app
