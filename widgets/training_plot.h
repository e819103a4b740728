// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QTimer;
class QToolButton;
class QLabel;

namespace ql::widgets {

/// Live line plot of named series (loss, CE, KL, accuracy, per-layer alphas ...).
///
/// Appending only stores the point and arms ONE single-shot timer (kReplotDelayMs); when it
/// fires, the visible x range of every series is min/max-decimated into the graphs and the plot
/// is redrawn with QCustomPlot::rpQueuedReplot. So a training loop may append thousands of
/// points per second while the plot redraws at most ~25 times a second and stays responsive
/// with 100k+ points per series. Series are created on first use, so dynamic series (one per
/// layer) need no set-up. Wheel zooms, drag pans, double-click resets the view.
class TrainingPlot : public QWidget {
    Q_OBJECT
public:
    static constexpr int kReplotDelayMs = 40;             ///< coalescing window: <= 25 redraws/s
    static constexpr int kDefaultMaxDisplayPoints = 2000; ///< per series, after decimation

    explicit TrainingPlot(QWidget *parent = nullptr);
    ~TrainingPlot() override;

    /// Adds a series (or restyles an existing one) and returns its index. An invalid colour
    /// picks the next palette colour.
    int addSeries(const QString &name, const QColor &color = QColor(),
                  Qt::PenStyle style = Qt::SolidLine);
    bool hasSeries(const QString &name) const;
    QStringList seriesNames() const;
    int seriesIndex(const QString &name) const; ///< -1 when absent

    void setTitle(const QString &title);
    void setAxisLabels(const QString &xLabel, const QString &yLabel);
    bool logScale() const { return m_logScale; }
    /// Shows or hides the "log" toggle in the tool row (useful for loss plots only).
    void setLogScaleToggleVisible(bool visible);
    /// Fixes the y range (e.g. 0..1 for accuracy); an empty range (lower >= upper) restores
    /// automatic scaling.
    void setFixedYRange(double lower, double upper);
    /// Corner of the legend inside the axes (default top right). Accuracy curves end near 1.0
    /// at the top: their legend belongs at the bottom.
    void setLegendAlignment(Qt::Alignment alignment);
    Qt::Alignment legendAlignment() const;
    /// Automatic y scaling, but never beyond [lower, upper] (e.g. 0..1 for accuracy, so a run
    /// near 99 % still shows its detail); an empty range removes the bounds.
    void setYBounds(double lower, double upper);

    /// Upper bound of points drawn per series; the stored data is never thinned.
    void setMaxDisplayPoints(int points);
    int maxDisplayPoints() const { return m_maxDisplayPoints; }

    int pointCount(const QString &name) const;
    /// Points currently handed to QCustomPlot for a series (after decimation); for tests.
    QVector<QPointF> displayedPoints(const QString &name) const;
    /// True while a coalesced redraw is pending.
    bool replotPending() const;

    /// Renders the plot to a PNG / PDF file; width/height 0 mean the widget's current size.
    bool exportPng(const QString &path, int width = 0, int height = 0);
    bool exportPdf(const QString &path, int width = 0, int height = 0);

    /// The underlying plot, e.g. to count redraws through QCustomPlot::afterReplot in tests.
    QCustomPlot *customPlot() const { return m_plot; }

    /// Min/max bucket decimation: splits [x.begin, x.end) into `buckets` equal index ranges
    /// and keeps, per bucket, its minimum and maximum in x order, so spikes survive thinning.
    /// Inputs of <= 2*buckets points are copied unchanged.
    static void decimateMinMax(const QVector<double> &x, const QVector<double> &y, int begin,
                               int end, int buckets, QVector<double> &outX, QVector<double> &outY);

public Q_SLOTS:
    /// Cheap: stores the point (creating the series if needed) and schedules one redraw.
    void appendPoint(const QString &series, double x, double y);
    void appendPoints(const QString &series, const QVector<double> &x, const QVector<double> &y);
    /// Removes every point but keeps the series, title and labels.
    void clear();
    /// Removes the series themselves too.
    void removeAllSeries();
    /// Returns to automatic ranges that follow the data.
    void resetView();
    void setLogScale(bool on);
    /// Asks for a file name (PNG or PDF, chosen by the filter/suffix) and exports.
    void exportWithDialog();

Q_SIGNALS:
    void logScaleChanged(bool on);
    void exported(const QString &path);
    void exportFailed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Series;
    /// Tool-button texts; at construction and on QEvent::LanguageChange. The title, axis
    /// labels and series names come from the app, which re-sets them itself.
    void retranslateUi();
    void scheduleReplot();
    void refreshAndReplot();
    void updateGraphData(Series &series, double lower, double upper);
    void rescaleToData();
    void onUserRangeChange();
    QColor nextPaletteColor();

    QCustomPlot *m_plot = nullptr;
    QTimer *m_replotTimer = nullptr;
    QToolButton *m_logButton = nullptr;
    QToolButton *m_resetButton = nullptr;
    QToolButton *m_exportButton = nullptr;
    QVector<Series *> m_series;
    int m_maxDisplayPoints = kDefaultMaxDisplayPoints;
    bool m_logScale = false;
    bool m_followData = true; ///< false once the user zoomed or panned
    bool m_updatingRange = false;
    double m_fixedYLower = 0, m_fixedYUpper = 0;
    double m_boundYLower = 0, m_boundYUpper = 0;
    int m_paletteIndex = 0;
};

} // namespace ql::widgets
