// SPDX-License-Identifier: MIT
#include "app/gui/confusion_panel.h"

#include "widgets/confusion_matrix_view.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace ql::app {

ConfusionPanel::ConfusionPanel(QWidget *parent) : QWidget(parent)
{
    auto *row = new QHBoxLayout;
    for (auto &view : m_views) {
        view = new ql::widgets::ConfusionMatrixView(this);
        row->addWidget(view);
    }
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row, 1);
    layout->addWidget(m_note);
    retranslateUi();
}

void ConfusionPanel::retranslateUi()
{
    // Each title says whose matrix it is and its accuracy on the same images as the matrix.
    const QString names[] = {tr("Standard model"), tr("Quantized model")};
    for (int slot = 0; slot < kModelSlots; ++slot)
        m_views[slot]->setTitle(
            m_accuracy[slot] < 0
                ? names[slot]
                : tr("%1: %2 %")
                      .arg(names[slot], QLocale().toString(100.0 * m_accuracy[slot], 'f', 2)));
    m_note->setText(m_evaluated > 0
                        ? tr("Rows: true class, columns: predicted class; test accuracy and "
                             "matrices on the first %1 test images.")
                              .arg(QLocale().toString(m_evaluated))
                        : tr("The confusion matrices appear after training."));
}

void ConfusionPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ConfusionPanel::showEvaluation(const EvaluationResult &result)
{
    if (!result.error.isEmpty()) {
        m_note->setText(result.error);
        return;
    }
    m_evaluated = result.evaluated;
    for (int slot = 0; slot < kModelSlots; ++slot)
        m_accuracy[slot] = result.confusion[slot].empty() ? -1.0 : result.accuracy[slot];
    for (int slot = 0; slot < kModelSlots; ++slot) {
        const auto &flat = result.confusion[slot];
        const int n = static_cast<int>(std::lround(std::sqrt(static_cast<double>(flat.size()))));
        if (n == 0) {
            m_views[slot]->clear();
            continue;
        }
        QVector<QVector<qint64>> counts(n, QVector<qint64>(n, 0));
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                counts[i][j] = flat[static_cast<size_t>(i * n + j)];
        m_views[slot]->setMatrix(counts, result.classNames);
    }
    retranslateUi();
}

QString ConfusionPanel::noteText() const
{
    return m_note->text();
}

} // namespace ql::app
