// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QCPErrorBars;
class QMouseEvent;

namespace ql::widgets {

/// One point of a study series: its value and 95% interval at a category (a bit-width).
struct StudyPlotPoint {
    int category = 0; ///< index into the categories (x axis)
    double value = 0;
    double low = 0;
    double high = 0;
    QString toolTip; ///< shown on hover
};

/// Points of two series (0: standard training, 1: saliency-guided) over categorical x ticks
/// (bit-widths), each with an interval bar (QCPErrorBars). Hovering shows a point's tool tip,
/// clicking one emits pointClicked. The two series sit slightly left and right of each tick
/// so that their bars do not hide each other.
class StudyPlot : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSeries = 2;
    static constexpr double kOffset = 0.08; ///< x shift of series 0 (left) and 1 (right)
    static constexpr int kPickRadius = 12;  ///< pixels around a point that hover and click hit

    explicit StudyPlot(QWidget *parent = nullptr);

    void setCategories(const QStringList &categories);
    QStringList categories() const { return m_categories; }
    void setSeriesName(int series, const QString &name);
    void setAxisLabels(const QString &xLabel, const QString &yLabel);
    /// Replaces a series' points (any order; drawn in category order).
    void setPoints(int series, const QVector<StudyPlotPoint> &points);
    QVector<StudyPlotPoint> points(int series) const { return m_points[series]; }
    void clear();

    /// The interval bars as QCustomPlot holds them: (x, value, low, high) per point, in the
    /// order of points(series); for tests.
    struct Bar {
        double x = 0, value = 0, low = 0, high = 0;
    };
    QVector<Bar> bars(int series) const;
    /// Pixel position of a point (after a replot), for tests and the pick.
    QPointF pixelOf(int series, int index) const;
    /// The point within kPickRadius pixels of `pos` (in the plot's coordinates): series and
    /// index into points(series), or {-1, -1}.
    QPair<int, int> pointAt(const QPointF &pos) const;

    bool exportPng(const QString &path, int width = 0, int height = 0);
    bool exportPdf(const QString &path, int width = 0, int height = 0);
    QCustomPlot *customPlot() const { return m_plot; }

Q_SIGNALS:
    void pointClicked(int series, int index);

private:
    void rebuild();
    void onMouseMove(QMouseEvent *event);
    void onMousePress(QMouseEvent *event);
    double xOf(int series, int category) const;

    QCustomPlot *m_plot = nullptr;
    QCPGraph *m_graphs[kSeries] = {nullptr, nullptr};
    QCPErrorBars *m_bars[kSeries] = {nullptr, nullptr};
    QStringList m_categories;
    QVector<StudyPlotPoint> m_points[kSeries];
};

} // namespace ql::widgets
