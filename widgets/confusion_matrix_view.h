// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QStringList>
#include <QVector>
#include <QWidget>

namespace ql::widgets {

/// Paints an NxN confusion matrix: rows are true classes, columns predicted ones; each cell
/// shows its count, coloured by the row-normalised value (the fraction of that true class),
/// so rare classes are as readable as frequent ones. Hovering a cell shows a tooltip with the
/// count and the row percentage; clicking emits cellClicked().
class ConfusionMatrixView : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionMatrixView(QWidget *parent = nullptr);

    /// counts[trueClass][predictedClass]. Class names may be empty (indices are shown).
    /// A non-square or ragged matrix is rejected (the view is cleared and false returned).
    bool setMatrix(const QVector<QVector<qint64>> &counts, const QStringList &classNames = {});
    void setTitle(const QString &title);
    void clear();

    int classCount() const { return m_counts.size(); }
    qint64 count(int trueClass, int predictedClass) const;
    /// counts[r][c] / sum(counts[r]); 0 for an empty row.
    double rowNormalized(int trueClass, int predictedClass) const;
    /// The colour a cell is painted with (white .. deep blue by rowNormalized).
    QColor cellColor(int trueClass, int predictedClass) const;
    /// Cell under a widget position, or (-1, -1).
    QPoint cellAt(const QPoint &pos) const;
    /// Tooltip text of a cell (also used on hover).
    QString cellToolTip(int trueClass, int predictedClass) const;
    /// Overall accuracy (trace / total); < 0 when empty.
    double accuracy() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void cellClicked(int trueClass, int predictedClass);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    /// The axis titles and the empty-state text are translated while painting: a language
    /// change only needs a repaint (and new size hints: the titles' widths changed).
    void changeEvent(QEvent *event) override;

private:
    QRect gridRect(bool *rotatedLabels = nullptr) const;
    QString className(int index) const;

    QVector<QVector<qint64>> m_counts;
    QVector<qint64> m_rowSums;
    QStringList m_classNames;
    QString m_title;
};

} // namespace ql::widgets
