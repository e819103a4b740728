// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

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
    /// Starts new curves for `slot` (a fresh run); keeps the other model's curves.
    void clearSlot(int slot);
    void clearAll();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void plotBatch(const ql::app::BatchUpdate &update);
    void plotEpoch(const ql::app::EpochUpdate &update);

    QTabWidget *m_tabs = nullptr;
    ql::widgets::TrainingPlot *m_loss = nullptr;
    ql::widgets::TrainingPlot *m_accuracy = nullptr;
    ql::widgets::TrainingPlot *m_alpha = nullptr;
    QVector<BatchUpdate> m_batches[kModelSlots]; // every kHistoryStride-th batch
    QVector<EpochUpdate> m_epochs[kModelSlots];
    double m_epochOffset[kModelSlots] = {0, 0}; // x of a resumed or fine-tuned run
};

} // namespace ql::app
