// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

#include <QWidget>

class QLabel;

namespace ql::widgets {
class ConfusionMatrixView;
}

namespace ql::app {

/// The test-set confusion matrix of each model, side by side.
class ConfusionPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionPanel(QWidget *parent = nullptr);
    ql::widgets::ConfusionMatrixView *view(int slot) const { return m_views[slot]; }
    /// The note under the matrices (which data, how many images).
    QString noteText() const;

public Q_SLOTS:
    void showEvaluation(const ql::app::EvaluationResult &result);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    ql::widgets::ConfusionMatrixView *m_views[kModelSlots] = {};
    QLabel *m_note = nullptr;
    int m_evaluated = 0;
    double m_accuracy[kModelSlots] = {-1, -1}; ///< < 0: that model was not evaluated
};

} // namespace ql::app
