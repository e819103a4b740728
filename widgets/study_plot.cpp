// SPDX-License-Identifier: MIT
#include "widgets/study_plot.h"

#include "widgets/qcustomplot_wrapper.h"

#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ql::widgets {

namespace {
const QColor kColours[StudyPlot::kSeries] = {QColor(31, 119, 180), QColor(214, 39, 40)};
}

StudyPlot::StudyPlot(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("studyPlot"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("studyCustomPlot"));
    m_plot->setMinimumHeight(220);
    m_plot->setMouseTracking(true);
    layout->addWidget(m_plot);
    for (int s = 0; s < kSeries; ++s) {
        m_graphs[s] = m_plot->addGraph();
        QPen pen(kColours[s], 2, s == 0 ? Qt::DashLine : Qt::SolidLine);
        m_graphs[s]->setPen(pen);
        m_graphs[s]->setScatterStyle(
            QCPScatterStyle(s == 0 ? QCPScatterStyle::ssSquare : QCPScatterStyle::ssCircle,
                            kColours[s], kColours[s], 8));
        m_bars[s] = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
        m_bars[s]->setDataPlottable(m_graphs[s]);
        m_bars[s]->setErrorType(QCPErrorBars::etValueError);
        m_bars[s]->setPen(QPen(kColours[s], 1.5));
        m_bars[s]->setWhiskerWidth(8);
        m_bars[s]->removeFromLegend();
    }
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignLeft);
    connect(m_plot, &QCustomPlot::mouseMove, this, &StudyPlot::onMouseMove);
    connect(m_plot, &QCustomPlot::mousePress, this, &StudyPlot::onMousePress);
    rebuild();
}

void StudyPlot::setCategories(const QStringList &categories)
{
    m_categories = categories;
    rebuild();
}

void StudyPlot::setSeriesName(int series, const QString &name)
{
    if (series >= 0 && series < kSeries) {
        m_graphs[series]->setName(name);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void StudyPlot::setAxisLabels(const QString &xLabel, const QString &yLabel)
{
    m_plot->xAxis->setLabel(xLabel);
    m_plot->yAxis->setLabel(yLabel);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void StudyPlot::setPoints(int series, const QVector<StudyPlotPoint> &points)
{
    if (series < 0 || series >= kSeries)
        return;
    m_points[series] = points;
    std::stable_sort(
        m_points[series].begin(), m_points[series].end(),
        [](const StudyPlotPoint &a, const StudyPlotPoint &b) { return a.category < b.category; });
    rebuild();
}

void StudyPlot::clear()
{
    for (auto &p : m_points)
        p.clear();
    rebuild();
}

double StudyPlot::xOf(int series, int category) const
{
    return category + (series == 0 ? -kOffset : kOffset);
}

void StudyPlot::rebuild()
{
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (int s = 0; s < kSeries; ++s) {
        QVector<double> x, y, minus, plus;
        for (const auto &p : m_points[s]) {
            x << xOf(s, p.category);
            y << p.value;
            minus << std::max(0.0, p.value - p.low);
            plus << std::max(0.0, p.high - p.value);
            low = std::min({low, p.low, p.value});
            high = std::max({high, p.high, p.value});
        }
        m_graphs[s]->setData(x, y, true);
        m_bars[s]->setData(minus, plus);
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int i = 0; i < m_categories.size(); ++i)
        ticker->addTick(i, m_categories[i]);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(-0.5, std::max<double>(0.5, m_categories.size() - 0.5));
    if (std::isfinite(low) && std::isfinite(high)) {
        const double pad = std::max(1e-9, (high - low) * 0.1);
        m_plot->yAxis->setRange(low - pad, high + pad);
    } else {
        m_plot->yAxis->setRange(0, 1);
    }
    m_plot->replot();
}

QVector<StudyPlot::Bar> StudyPlot::bars(int series) const
{
    QVector<Bar> out;
    const auto data = m_graphs[series]->data();
    for (int i = 0; i < data->size(); ++i) {
        const auto bar = m_bars[series]->data()->at(i);
        const double x = data->at(i)->key, v = data->at(i)->value;
        out.push_back({x, v, v - bar.errorMinus, v + bar.errorPlus});
    }
    return out;
}

QPointF StudyPlot::pixelOf(int series, int index) const
{
    const auto &p = m_points[series].at(index);
    return {m_plot->xAxis->coordToPixel(xOf(series, p.category)),
            m_plot->yAxis->coordToPixel(p.value)};
}

QPair<int, int> StudyPlot::pointAt(const QPointF &pos) const
{
    QPair<int, int> best{-1, -1};
    double bestDistance = kPickRadius;
    for (int s = 0; s < kSeries; ++s)
        for (int i = 0; i < m_points[s].size(); ++i) {
            const double d = QLineF(pixelOf(s, i), pos).length();
            if (d <= bestDistance) {
                bestDistance = d;
                best = {s, i};
            }
        }
    return best;
}

void StudyPlot::onMouseMove(QMouseEvent *event)
{
    const auto hit = pointAt(event->position());
    if (hit.first < 0) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(), m_points[hit.first][hit.second].toolTip,
                       m_plot);
}

void StudyPlot::onMousePress(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const auto hit = pointAt(event->position());
    if (hit.first >= 0)
        Q_EMIT pointClicked(hit.first, hit.second);
}

bool StudyPlot::exportPng(const QString &path, int width, int height)
{
    return m_plot->savePng(path, width, height);
}

bool StudyPlot::exportPdf(const QString &path, int width, int height)
{
    return m_plot->savePdf(path, width, height);
}

} // namespace ql::widgets
