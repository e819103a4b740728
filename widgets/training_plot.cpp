// SPDX-License-Identifier: MIT
#include "widgets/training_plot.h"

#include "widgets/qcustomplot_wrapper.h"

#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ql::widgets {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kYMargin = 0.05; ///< fraction of the y span added above and below the data

// Tableau-10: distinguishable colours, readable on white and in print.
const QColor kPalette[] = {QColor(31, 119, 180),  QColor(255, 127, 14),  QColor(44, 160, 44),
                           QColor(214, 39, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
                           QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                           QColor(23, 190, 207)};
} // namespace

/// Full-resolution data of one series; the graph only ever holds the decimated view.
struct TrainingPlot::Series {
    QString name;
    QVector<double> x, y;
    QCPGraph *graph = nullptr;
    bool sortedX = true; ///< x never decreased: the visible range is found by binary search
    double xMin = kInf, xMax = -kInf, yMin = kInf, yMax = -kInf, yMinPositive = kInf;

    void add(double px, double py)
    {
        if (!x.isEmpty() && px < x.constLast())
            sortedX = false;
        x.append(px);
        y.append(py);
        xMin = std::min(xMin, px);
        xMax = std::max(xMax, px);
        if (std::isfinite(py)) {
            yMin = std::min(yMin, py);
            yMax = std::max(yMax, py);
            if (py > 0)
                yMinPositive = std::min(yMinPositive, py);
        }
    }
    void reset()
    {
        x.clear();
        y.clear();
        sortedX = true;
        xMin = yMin = yMinPositive = kInf;
        xMax = yMax = -kInf;
    }
};

TrainingPlot::TrainingPlot(QWidget *parent) : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->legend->setVisible(false);
    m_plot->legend->setBrush(QColor(255, 255, 255, 210));
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_plot->legend->setFont(legendFont);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_plot->setMinimumSize(160, 120);

    m_replotTimer = new QTimer(this);
    m_replotTimer->setSingleShot(true);
    m_replotTimer->setInterval(kReplotDelayMs);
    connect(m_replotTimer, &QTimer::timeout, this, &TrainingPlot::refreshAndReplot);

    // Any range change we did not make ourselves comes from the user (wheel / drag): stop
    // following the data until the view is reset, and re-decimate for the new x range.
    connect(m_plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this] { onUserRangeChange(); });
    connect(m_plot->yAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this] { onUserRangeChange(); });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { resetView(); });

    auto *logButton = new QToolButton(this);
    logButton->setCheckable(true);
    logButton->setAutoRaise(true);
    connect(logButton, &QToolButton::toggled, this, &TrainingPlot::setLogScale);
    m_logButton = logButton;
    auto *resetButton = new QToolButton(this);
    m_resetButton = resetButton;
    resetButton->setAutoRaise(true);
    connect(resetButton, &QToolButton::clicked, this, &TrainingPlot::resetView);
    auto *exportButton = new QToolButton(this);
    m_exportButton = exportButton;
    exportButton->setAutoRaise(true);
    connect(exportButton, &QToolButton::clicked, this, &TrainingPlot::exportWithDialog);

    auto *tools = new QHBoxLayout;
    tools->setContentsMargins(0, 0, 0, 0);
    tools->addStretch(1);
    tools->addWidget(m_logButton);
    tools->addWidget(resetButton);
    tools->addWidget(exportButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(tools);
    layout->addWidget(m_plot, 1);
    retranslateUi();
}

void TrainingPlot::retranslateUi()
{
    m_logButton->setText(tr("Log scale"));
    m_logButton->setToolTip(tr("Logarithmic y axis"));
    m_resetButton->setText(tr("Reset view"));
    m_resetButton->setToolTip(tr("Follow the data again (or double-click the plot)"));
    m_exportButton->setText(tr("Export…"));
    m_exportButton->setToolTip(tr("Save the plot as PNG or PDF"));
}

void TrainingPlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

TrainingPlot::~TrainingPlot()
{
    qDeleteAll(m_series);
}

QColor TrainingPlot::nextPaletteColor()
{
    const int n = int(sizeof(kPalette) / sizeof(kPalette[0]));
    return kPalette[m_paletteIndex++ % n];
}

int TrainingPlot::addSeries(const QString &name, const QColor &color, Qt::PenStyle style)
{
    int index = seriesIndex(name);
    const bool existed = index >= 0;
    if (!existed) {
        auto *series = new Series;
        series->name = name;
        series->graph = m_plot->addGraph();
        series->graph->setName(name);
        // Our own min/max decimation already bounds the point count; QCustomPlot's adaptive
        // sampling on top would only cost time.
        series->graph->setAdaptiveSampling(false);
        m_series.append(series);
        index = m_series.size() - 1;
    }
    // Restyling an existing series without a colour keeps its colour (no palette churn).
    QPen pen(color.isValid() ? color
             : existed       ? m_series[index]->graph->pen().color()
                             : nextPaletteColor());
    // Width 1 on purpose: Qt's raster stroker is ~100x slower for wider lines on a dense
    // zigzag (measured here: 6 x 2000 noisy points, 360 ms per redraw at 1.5 vs 4 ms at 1.0).
    pen.setWidthF(1.0);
    pen.setStyle(style);
    m_series[index]->graph->setPen(pen);
    m_plot->legend->setVisible(m_series.size() > 1);
    scheduleReplot();
    return index;
}

bool TrainingPlot::hasSeries(const QString &name) const
{
    return seriesIndex(name) >= 0;
}

int TrainingPlot::seriesIndex(const QString &name) const
{
    for (int i = 0; i < m_series.size(); ++i)
        if (m_series[i]->name == name)
            return i;
    return -1;
}

QStringList TrainingPlot::seriesNames() const
{
    QStringList names;
    for (const Series *s : m_series)
        names << s->name;
    return names;
}

void TrainingPlot::setTitle(const QString &title)
{
    QCPTextElement *element = nullptr;
    if (m_plot->plotLayout()->rowCount() > 1)
        element = qobject_cast<QCPTextElement *>(m_plot->plotLayout()->element(0, 0));
    if (!element) {
        m_plot->plotLayout()->insertRow(0);
        QFont titleFont = font();
        titleFont.setBold(true);
        element = new QCPTextElement(m_plot, title, titleFont);
        m_plot->plotLayout()->addElement(0, 0, element);
    }
    element->setText(title);
    scheduleReplot();
}

void TrainingPlot::setAxisLabels(const QString &xLabel, const QString &yLabel)
{
    m_plot->xAxis->setLabel(xLabel);
    m_plot->yAxis->setLabel(yLabel);
    scheduleReplot();
}

void TrainingPlot::setLogScaleToggleVisible(bool visible)
{
    m_logButton->setVisible(visible);
}

void TrainingPlot::setLegendAlignment(Qt::Alignment alignment)
{
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, alignment);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

Qt::Alignment TrainingPlot::legendAlignment() const
{
    return m_plot->axisRect()->insetLayout()->insetAlignment(0);
}

void TrainingPlot::setFixedYRange(double lower, double upper)
{
    m_fixedYLower = lower;
    m_fixedYUpper = upper;
    scheduleReplot();
}

void TrainingPlot::setYBounds(double lower, double upper)
{
    m_boundYLower = lower;
    m_boundYUpper = upper;
    scheduleReplot();
}

void TrainingPlot::setMaxDisplayPoints(int points)
{
    m_maxDisplayPoints = std::max(points, 4);
    scheduleReplot();
}

int TrainingPlot::pointCount(const QString &name) const
{
    const int i = seriesIndex(name);
    return i < 0 ? 0 : m_series[i]->x.size();
}

QVector<QPointF> TrainingPlot::displayedPoints(const QString &name) const
{
    QVector<QPointF> points;
    const int i = seriesIndex(name);
    if (i < 0)
        return points;
    const auto data = m_series[i]->graph->data();
    points.reserve(data->size());
    for (auto it = data->constBegin(); it != data->constEnd(); ++it)
        points.append(QPointF(it->key, it->value));
    return points;
}

bool TrainingPlot::replotPending() const
{
    return m_replotTimer->isActive();
}

void TrainingPlot::appendPoint(const QString &series, double x, double y)
{
    int i = seriesIndex(series);
    if (i < 0)
        i = addSeries(series);
    m_series[i]->add(x, y);
    scheduleReplot();
}

void TrainingPlot::appendPoints(const QString &series, const QVector<double> &x,
                                const QVector<double> &y)
{
    int i = seriesIndex(series);
    if (i < 0)
        i = addSeries(series);
    const int n = std::min(x.size(), y.size());
    m_series[i]->x.reserve(m_series[i]->x.size() + n);
    m_series[i]->y.reserve(m_series[i]->y.size() + n);
    for (int k = 0; k < n; ++k)
        m_series[i]->add(x[k], y[k]);
    scheduleReplot();
}

void TrainingPlot::clear()
{
    for (Series *s : m_series)
        s->reset();
    m_followData = true;
    scheduleReplot();
}

void TrainingPlot::removeAllSeries()
{
    m_plot->clearGraphs();
    qDeleteAll(m_series);
    m_series.clear();
    m_paletteIndex = 0;
    m_followData = true;
    m_plot->legend->setVisible(false);
    scheduleReplot();
}

void TrainingPlot::resetView()
{
    m_followData = true;
    scheduleReplot();
}

void TrainingPlot::setLogScale(bool on)
{
    if (on == m_logScale)
        return;
    m_logScale = on;
    {
        const QSignalBlocker blocker(m_logButton);
        m_logButton->setChecked(on);
    }
    m_updatingRange = true;
    if (on) {
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    }
    m_updatingRange = false;
    m_followData = true;
    scheduleReplot();
    Q_EMIT logScaleChanged(on);
}

void TrainingPlot::scheduleReplot()
{
    // One pending redraw at most: later appends within the window ride along with it.
    if (!m_replotTimer->isActive())
        m_replotTimer->start();
}

void TrainingPlot::onUserRangeChange()
{
    if (m_updatingRange)
        return;
    m_followData = false;
    scheduleReplot();
}

void TrainingPlot::rescaleToData()
{
    double xMin = kInf, xMax = -kInf, yMin = kInf, yMax = -kInf;
    for (const Series *s : m_series) {
        if (s->x.isEmpty())
            continue;
        xMin = std::min(xMin, s->xMin);
        xMax = std::max(xMax, s->xMax);
        yMin = std::min(yMin, m_logScale ? s->yMinPositive : s->yMin);
        yMax = std::max(yMax, s->yMax);
    }
    if (xMin > xMax)
        return; // no data: keep the current (default) ranges
    if (xMin == xMax) {
        xMin -= 0.5;
        xMax += 0.5;
    }
    m_plot->xAxis->setRange(xMin, xMax);
    if (m_fixedYUpper > m_fixedYLower && !m_logScale) {
        m_plot->yAxis->setRange(m_fixedYLower, m_fixedYUpper);
        return;
    }
    if (!(yMin <= yMax))
        return; // only non-finite values (or none positive on a log axis)
    if (m_logScale) {
        const double factor = yMax > yMin ? std::pow(yMax / yMin, kYMargin) : 2.0;
        m_plot->yAxis->setRange(yMin / factor, yMax * factor);
    } else {
        const double span = yMax > yMin ? yMax - yMin : std::max(std::abs(yMax), 1.0);
        double lower = yMin - kYMargin * span, upper = yMax + kYMargin * span;
        if (m_boundYUpper > m_boundYLower) {
            lower = std::clamp(lower, m_boundYLower, m_boundYUpper);
            upper = std::clamp(upper, m_boundYLower, m_boundYUpper);
            if (upper <= lower) { // all data outside the bounds: show the bounds
                lower = m_boundYLower;
                upper = m_boundYUpper;
            }
        }
        m_plot->yAxis->setRange(lower, upper);
    }
}

void TrainingPlot::refreshAndReplot()
{
    if (m_followData) {
        m_updatingRange = true;
        rescaleToData();
        m_updatingRange = false;
    }
    const QCPRange xRange = m_plot->xAxis->range();
    for (Series *s : m_series)
        updateGraphData(*s, xRange.lower, xRange.upper);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPlot::updateGraphData(Series &series, double lower, double upper)
{
    int begin = 0;
    int end = series.x.size();
    if (series.sortedX && end > 0) {
        // One point beyond each edge so lines run to the border of the axis rect.
        begin =
            int(std::lower_bound(series.x.cbegin(), series.x.cend(), lower) - series.x.cbegin());
        end = int(std::upper_bound(series.x.cbegin(), series.x.cend(), upper) - series.x.cbegin());
        begin = std::max(begin - 1, 0);
        end = std::min(end + 1, int(series.x.size()));
    }
    // One min/max pair per pixel column is visually lossless; more only costs drawing time.
    int buckets = m_maxDisplayPoints / 2;
    const int pixels = m_plot->axisRect()->width();
    if (pixels >= 50)
        buckets = std::min(buckets, pixels);
    QVector<double> keys, values;
    decimateMinMax(series.x, series.y, begin, end, buckets, keys, values);
    series.graph->setData(keys, values, series.sortedX);
}

void TrainingPlot::decimateMinMax(const QVector<double> &x, const QVector<double> &y, int begin,
                                  int end, int buckets, QVector<double> &outX,
                                  QVector<double> &outY)
{
    outX.clear();
    outY.clear();
    begin = std::clamp(begin, 0, int(std::min(x.size(), y.size())));
    end = std::clamp(end, begin, int(std::min(x.size(), y.size())));
    const int n = end - begin;
    buckets = std::max(buckets, 1);
    if (n <= 2 * buckets) {
        outX = x.mid(begin, n);
        outY = y.mid(begin, n);
        return;
    }
    outX.reserve(2 * buckets);
    outY.reserve(2 * buckets);
    for (int b = 0; b < buckets; ++b) {
        const int from = begin + int(qint64(n) * b / buckets);
        const int to = begin + int(qint64(n) * (b + 1) / buckets);
        int iMin = from, iMax = from;
        for (int i = from + 1; i < to; ++i) {
            // NaN never wins a comparison, so a bucket keeps finite extremes when it has any.
            if (y[i] < y[iMin] || std::isnan(y[iMin]))
                iMin = i;
            if (y[i] > y[iMax] || std::isnan(y[iMax]))
                iMax = i;
        }
        const int first = std::min(iMin, iMax);
        const int second = std::max(iMin, iMax);
        outX.append(x[first]);
        outY.append(y[first]);
        if (second != first) {
            outX.append(x[second]);
            outY.append(y[second]);
        }
    }
}

bool TrainingPlot::exportPng(const QString &path, int width, int height)
{
    refreshAndReplot(); // the file shows all data appended so far, not the last redraw
    const bool ok = m_plot->savePng(path, width, height);
    if (ok)
        Q_EMIT exported(path);
    else
        Q_EMIT exportFailed(tr("Could not write the image “%1”.").arg(path));
    return ok;
}

bool TrainingPlot::exportPdf(const QString &path, int width, int height)
{
    refreshAndReplot();
    const bool ok = m_plot->savePdf(path, width, height);
    if (ok)
        Q_EMIT exported(path);
    else
        Q_EMIT exportFailed(tr("Could not write the PDF “%1”.").arg(path));
    return ok;
}

void TrainingPlot::exportWithDialog()
{
    const QString pngFilter = tr("PNG image (*.png)");
    const QString pdfFilter = tr("PDF document (*.pdf)");
    QString selected = pngFilter;
    QString path =
        QFileDialog::getSaveFileName(this, tr("Export plot"), QString(),
                                     pngFilter + QStringLiteral(";;") + pdfFilter, &selected);
    if (path.isEmpty())
        return;
    QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf")) {
        suffix = selected == pdfFilter ? QStringLiteral("pdf") : QStringLiteral("png");
        path += QLatin1Char('.') + suffix;
    }
    if (suffix == QLatin1String("pdf"))
        exportPdf(path);
    else
        exportPng(path);
}

} // namespace ql::widgets
