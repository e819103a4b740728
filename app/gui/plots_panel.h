// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"
#include "app/gui/plot_timeline.h"

#include <QJsonObject>
#include <QWidget>

class QTabWidget;

namespace ql::widgets {
class TrainingPlot;
}

namespace ql::app {

/// Live plots of both models: loss (CE and KL), train and test accuracy, PACT alphas and
/// clipped fractions. Keeps a decimated history that sessions save and restore. The plots
/// coalesce redraws themselves (at most ~25 a second); this panel only appends points.
class PlotsPanel : public QWidget {
    Q_OBJECT
public:
    explicit PlotsPanel(QWidget *parent = nullptr);

    ql::widgets::TrainingPlot *lossPlot() const { return m_loss; }
    ql::widgets::TrainingPlot *accuracyPlot() const { return m_accuracy; }
    ql::widgets::TrainingPlot *alphaPlot() const { return m_alpha; }

    /// History as JSON (epochs and every n-th batch) for sessions.
    QJsonObject history() const;
    void restoreHistory(const QJsonObject &history);

public Q_SLOTS:
    void addBatch(const ql::app::BatchUpdate &update);
    void addEpoch(const ql::app::EpochUpdate &update);
    /// Starts new curves for `slot` (a fresh run) at the end of the x axis; keeps the curves
    /// of earlier runs.
    void clearSlot(int slot);
    /// The slot's next run is a labelled segment ("Retrain 1 (4/4-bit)"): its own series,
    /// starting at the end of the x axis (PlotTimeline).
    void beginSegment(int slot, const QString &label);
    void clearAll();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void plotBatch(const ql::app::BatchUpdate &update);
    /// `x`: where to draw the test point (NaN: after the slot's last batch).
    double plotEpoch(const ql::app::EpochUpdate &update, double x);

    QTabWidget *m_tabs = nullptr;
    ql::widgets::TrainingPlot *m_loss = nullptr;
    ql::widgets::TrainingPlot *m_accuracy = nullptr;
    ql::widgets::TrainingPlot *m_alpha = nullptr;
    QVector<BatchUpdate> m_batches[kModelSlots]; // every kHistoryStride-th batch
    QVector<EpochUpdate> m_epochs[kModelSlots];
    QVector<double> m_epochX[kModelSlots]; ///< where each test point was drawn (sessions)
    void startSegment(int slot, const QString &label, double at = -1);
    QString ensureSeries(ql::widgets::TrainingPlot *plot, const char *what, int slot,
                         Qt::PenStyle style);

    PlotTimeline m_timeline;
    /// Segments begun, in order, with the history positions where they begin (sessions).
    struct Segment {
        int slot = 0;
        QString label;
        int batchIndex = 0, epochIndex = 0;
    };
    QVector<Segment> m_segments;
    double m_lastLocalX[kModelSlots] = {0, 0}; ///< the run's own x of its last batch
    int m_lastBatchEpoch[kModelSlots] = {0, 0};
};

} // namespace ql::app
