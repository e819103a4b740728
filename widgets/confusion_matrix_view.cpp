// SPDX-License-Identifier: MIT
#include "widgets/confusion_matrix_view.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ql::widgets {

namespace {
constexpr int kMargin = 6;
constexpr int kMinCell = 18;
constexpr int kHintCell = 44;
constexpr int kMaxRotatedLabel = 110; ///< longer upright column names are elided
const QColor kLow(255, 255, 255);     ///< row fraction 0
const QColor kHigh(8, 69, 148);       ///< row fraction 1 (ColorBrewer "Blues" end)
} // namespace

ConfusionMatrixView::ConfusionMatrixView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

bool ConfusionMatrixView::setMatrix(const QVector<QVector<qint64>> &counts,
                                    const QStringList &classNames)
{
    for (const auto &row : counts)
        if (row.size() != counts.size()) {
            clear();
            return false;
        }
    m_counts = counts;
    m_classNames = classNames;
    m_rowSums.fill(0, counts.size());
    for (int r = 0; r < counts.size(); ++r)
        for (qint64 value : counts[r])
            m_rowSums[r] += value;
    updateGeometry();
    update();
    return true;
}

void ConfusionMatrixView::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void ConfusionMatrixView::clear()
{
    m_counts.clear();
    m_rowSums.clear();
    m_classNames.clear();
    update();
}

qint64 ConfusionMatrixView::count(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || trueClass >= m_counts.size() || predictedClass < 0 ||
        predictedClass >= m_counts.size())
        return 0;
    return m_counts[trueClass][predictedClass];
}

double ConfusionMatrixView::rowNormalized(int trueClass, int predictedClass) const
{
    if (trueClass < 0 || trueClass >= m_rowSums.size() || m_rowSums[trueClass] <= 0)
        return 0.0;
    return double(count(trueClass, predictedClass)) / double(m_rowSums[trueClass]);
}

QColor ConfusionMatrixView::cellColor(int trueClass, int predictedClass) const
{
    const double t = std::clamp(rowNormalized(trueClass, predictedClass), 0.0, 1.0);
    auto mix = [t](int a, int b) { return int(std::lround(a + t * (b - a))); };
    return QColor(mix(kLow.red(), kHigh.red()), mix(kLow.green(), kHigh.green()),
                  mix(kLow.blue(), kHigh.blue()));
}

double ConfusionMatrixView::accuracy() const
{
    qint64 total = 0, correct = 0;
    for (int r = 0; r < m_counts.size(); ++r) {
        total += m_rowSums[r];
        correct += m_counts[r][r];
    }
    return total > 0 ? double(correct) / double(total) : -1.0;
}

QString ConfusionMatrixView::className(int index) const
{
    const QString name = m_classNames.value(index);
    return name.isEmpty() ? QString::number(index) : name;
}

QString ConfusionMatrixView::cellToolTip(int trueClass, int predictedClass) const
{
    return tr("True: %1\nPredicted: %2\nCount: %3 of %4 (%5 %)")
        .arg(className(trueClass), className(predictedClass),
             QLocale().toString(count(trueClass, predictedClass)),
             QLocale().toString(m_rowSums.value(trueClass)),
             QLocale().toString(100.0 * rowNormalized(trueClass, predictedClass), 'f', 1));
}

QSize ConfusionMatrixView::sizeHint() const
{
    const int n = std::max<int>(m_counts.size(), 2);
    const int labels = 6 * fontMetrics().height();
    return {labels + n * kHintCell + 2 * kMargin, labels + n * kHintCell + 2 * kMargin};
}

QSize ConfusionMatrixView::minimumSizeHint() const
{
    const int n = std::max<int>(m_counts.size(), 2);
    const int labels = 4 * fontMetrics().height();
    return {labels + n * kMinCell, labels + n * kMinCell};
}

QRect ConfusionMatrixView::gridRect(bool *rotatedLabels) const
{
    const int n = m_counts.size();
    if (n == 0)
        return {};
    int labelWidth = 0;
    for (int i = 0; i < n; ++i)
        labelWidth = std::max(labelWidth, fontMetrics().horizontalAdvance(className(i)));
    const int line = fontMetrics().height();
    const int left = kMargin + line + 4 + labelWidth + 6; // rotated axis title, names
    auto fit = [&](int columnLabels) {
        const int top = kMargin + (m_title.isEmpty() ? 0 : line + 4) + line + 4 + columnLabels;
        const int side = std::max(0, std::min(width() - left - kMargin, height() - top - kMargin));
        const int cell = side / n;
        return QRect(left, top, cell * n, cell * n);
    };
    QRect grid = fit(line);
    // Column names wider than a cell would overlap: stand them upright (bounded height).
    const bool rotate = labelWidth + 4 > grid.width() / n;
    if (rotate)
        grid = fit(std::min(labelWidth, kMaxRotatedLabel) + 4);
    if (rotatedLabels)
        *rotatedLabels = rotate;
    return grid;
}

QPoint ConfusionMatrixView::cellAt(const QPoint &pos) const
{
    const QRect grid = gridRect();
    if (grid.isEmpty() || !grid.contains(pos))
        return {-1, -1};
    const int cell = grid.width() / int(m_counts.size());
    // QPoint(x = predicted column, y = true row)
    return {(pos.x() - grid.x()) / cell, (pos.y() - grid.y()) / cell};
}

void ConfusionMatrixView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setPen(palette().color(QPalette::Text));
    const int line = fontMetrics().height();
    int y = kMargin;
    if (!m_title.isEmpty()) {
        QFont bold = font();
        bold.setBold(true);
        painter.setFont(bold);
        painter.drawText(QRect(0, y, width(), line), Qt::AlignCenter, m_title);
        painter.setFont(font());
        y += line + 4;
    }
    const int n = m_counts.size();
    if (n == 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No confusion matrix yet"));
        return;
    }
    bool rotated = false;
    const QRect grid = gridRect(&rotated);
    const int cell = grid.width() / n;
    painter.drawText(QRect(grid.x(), y, grid.width(), line), Qt::AlignCenter, tr("Predicted"));
    painter.save();
    painter.translate(kMargin, grid.center().y());
    painter.rotate(-90);
    painter.drawText(QRect(-grid.height() / 2, 0, grid.height(), line), Qt::AlignCenter,
                     tr("True class"));
    painter.restore();

    QFont cellFont = font();
    if (cell < line * 2)
        cellFont.setPointSizeF(std::max(5.0, cellFont.pointSizeF() * cell / (line * 2.0)));
    const int labelSpace = grid.y() - (y + line + 4) - 2;
    for (int i = 0; i < n; ++i) {
        if (rotated) {
            // Upright, reading bottom to top, ending just above its column.
            const QString name = fontMetrics().elidedText(className(i), Qt::ElideRight, labelSpace);
            painter.save();
            painter.translate(grid.x() + i * cell + cell / 2, grid.y() - 2);
            painter.rotate(-90);
            painter.drawText(QRect(0, -line / 2, labelSpace, line),
                             Qt::AlignLeft | Qt::AlignVCenter, name);
            painter.restore();
        } else {
            const QString name = fontMetrics().elidedText(className(i), Qt::ElideRight, cell + 8);
            painter.drawText(QRect(grid.x() + i * cell - 4, grid.y() - line - 2, cell + 8, line),
                             Qt::AlignCenter, name);
        }
        painter.drawText(QRect(kMargin, grid.y() + i * cell, grid.x() - kMargin - 6, cell),
                         Qt::AlignRight | Qt::AlignVCenter, className(i));
    }
    painter.setFont(cellFont);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const QRect box(grid.x() + c * cell, grid.y() + r * cell, cell, cell);
            const QColor colour = cellColor(r, c);
            painter.fillRect(box, colour);
            // Dark text on light cells, light text on dark ones.
            painter.setPen(colour.lightnessF() > 0.55 ? QColor(30, 30, 30) : QColor(250, 250, 250));
            painter.drawText(box, Qt::AlignCenter, QLocale().toString(m_counts[r][c]));
        }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(grid.adjusted(0, 0, -1, -1));
}

bool ConfusionMatrixView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPoint cell = cellAt(help->pos());
        if (cell.x() >= 0)
            QToolTip::showText(help->globalPos(), cellToolTip(cell.y(), cell.x()), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void ConfusionMatrixView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        updateGeometry();
        update();
    }
    QWidget::changeEvent(event);
}

void ConfusionMatrixView::mouseReleaseEvent(QMouseEvent *event)
{
    const QPoint cell = cellAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && cell.x() >= 0)
        Q_EMIT cellClicked(cell.y(), cell.x());
    QWidget::mouseReleaseEvent(event);
}

} // namespace ql::widgets
