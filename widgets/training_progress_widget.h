// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>
#include <QString>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace ql::widgets {

/// Where a training job stands, as plain numbers (the app fills it from BatchMetrics).
struct TrainingProgress {
    QString phase; ///< e.g. "Model A (float)", shown first; may be empty
    int epoch = 0; ///< 1-based; 0: not started
    int totalEpochs = 0;
    qint64 step = 0; ///< 1-based within the epoch
    qint64 stepsPerEpoch = 0;
    double samplesPerSecond = 0;
    double etaSeconds = -1; ///< < 0: unknown
    /// >= 0: the bar shows this fraction of the whole job (every model it trains) and
    /// etaSeconds covers the whole job; < 0: the bar follows epoch / step of this model.
    double jobFraction = -1;
};

/// Epoch, step, samples/s, time remaining and an overall progress bar.
class TrainingProgressWidget : public QWidget {
    Q_OBJECT
public:
    explicit TrainingProgressWidget(QWidget *parent = nullptr);

    /// Overall fraction done in [0, 1] from epoch/step (0 when totals are unknown).
    static double fractionDone(const TrainingProgress &progress);
    /// "1:02:03", "4:05" or "--" for a negative / non-finite value.
    static QString formatDuration(double seconds);

    TrainingProgress progress() const { return m_progress; }
    /// Text currently shown in the epoch / step / rate / ETA labels; for tests.
    QString summaryText() const;
    int progressValue() const; ///< 0..1000

public Q_SLOTS:
    void setProgress(const ql::widgets::TrainingProgress &progress);
    /// Free text, e.g. "paused", "finished", "diverged: loss is NaN".
    void setStatusText(const QString &text);
    void reset();

protected:
    /// On QEvent::LanguageChange the labels are rebuilt from the last progress; a free status
    /// text set by the app stays as given ("Idle" is retranslated).
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    TrainingProgress m_progress;
    bool m_idle = true; ///< the status shows the widget's own "Idle"
    QLabel *m_phase = nullptr;
    QLabel *m_epoch = nullptr;
    QLabel *m_step = nullptr;
    QLabel *m_rate = nullptr;
    QLabel *m_eta = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_bar = nullptr;
};

} // namespace ql::widgets

Q_DECLARE_METATYPE(ql::widgets::TrainingProgress)
