// SPDX-License-Identifier: MIT
#include "app/gui/plots_panel.h"

#include "widgets/training_plot.h"

#include <QEvent>
#include <QJsonArray>
#include <QTabWidget>
#include <QVBoxLayout>

#include <climits>
#include <cmath>
#include <iterator>

namespace ql::app {

namespace {
constexpr int kHistoryStride = 5; // sessions keep every 5th batch; plots decimate anyway
const QColor kSlotColor[kModelSlots] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28)};

QString slotTag(int slot)
{
    return slot == 0 ? QStringLiteral("std") : QStringLiteral("quant");
}

// Series names are ids as well as legend labels; they stay in English-free short forms
// (A = standard, B = quantized), explained by the plot titles; a labelled segment (a Retrain)
// appends its label (PlotTimeline::seriesName).
QString series(const char *what, int slot)
{
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(what),
                                       slot == 0 ? QStringLiteral("A") : QStringLiteral("B"));
}

// Colours of labelled segments (Retrain 1, 2, ...), after the two slot colours.
const QColor kSegmentColors[] = {QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                 QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                 QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf)};

double xOf(const ql::core::BatchMetrics &m)
{
    return (m.epoch - 1) + static_cast<double>(m.step) / std::max<int64_t>(1, m.stepsPerEpoch);
}
} // namespace

PlotsPanel::PlotsPanel(QWidget *parent) : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_loss = new ql::widgets::TrainingPlot(this);
    m_accuracy = new ql::widgets::TrainingPlot(this);
    m_alpha = new ql::widgets::TrainingPlot(this);
    for (int slot = 0; slot < kModelSlots; ++slot) {
        m_loss->addSeries(series("CE", slot), kSlotColor[slot]);
        m_loss->addSeries(series("KL", slot), kSlotColor[slot], Qt::DashLine);
        m_accuracy->addSeries(series("train", slot), kSlotColor[slot], Qt::DotLine);
        m_accuracy->addSeries(series("test", slot), kSlotColor[slot]);
    }
    m_loss->setLogScaleToggleVisible(true);
    m_accuracy->setFixedYRange(0.0, 1.0);
    // The curves climb to the top right, where a legend would cover them.
    m_accuracy->setLegendAlignment(Qt::AlignBottom | Qt::AlignRight);
    m_tabs->addTab(m_loss, QString());
    m_tabs->addTab(m_accuracy, QString());
    m_tabs->addTab(m_alpha, QString());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    retranslateUi();
}

void PlotsPanel::retranslateUi()
{
    m_tabs->setTabText(0, tr("Loss"));
    m_tabs->setTabText(1, tr("Accuracy"));
    m_tabs->setTabText(2, tr("PACT α / clipped"));
    m_loss->setTitle(tr("Loss: cross-entropy and KL (A standard, B quantized)"));
    m_loss->setAxisLabels(tr("epoch"), tr("loss"));
    m_accuracy->setTitle(tr("Accuracy per batch (train) and per epoch (test)"));
    m_accuracy->setAxisLabels(tr("epoch"), tr("accuracy"));
    m_alpha->setTitle(tr("Quantized model: PACT α per layer and fraction clipped"));
    m_alpha->setAxisLabels(tr("epoch"), tr("α / clipped fraction"));
}

void PlotsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void PlotsPanel::addBatch(const BatchUpdate &update)
{
    const int slot = update.slot;
    if (slot < 0 || slot >= kModelSlots)
        return;
    if (update.metrics.globalStep % kHistoryStride == 1 || kHistoryStride == 1)
        m_batches[slot].push_back(update);
    plotBatch(update);
}

void PlotsPanel::plotBatch(const BatchUpdate &update)
{
    const auto &m = update.metrics;
    const int slot = update.slot;
    m_lastLocalX[slot] = xOf(m);
    m_lastBatchEpoch[slot] = m.epoch;
    const double x = m_timeline.place(slot, m_lastLocalX[slot]);
    m_loss->appendPoint(ensureSeries(m_loss, "CE", slot, Qt::SolidLine), x,
                        m.ce > 0 ? m.ce : m.loss);
    if (m.kl > 0)
        m_loss->appendPoint(ensureSeries(m_loss, "KL", slot, Qt::DashLine), x, m.kl);
    m_accuracy->appendPoint(ensureSeries(m_accuracy, "train", slot, Qt::DotLine), x, m.accuracy);
    for (size_t i = 0; i < m.alphas.size(); ++i) {
        const QString name = QStringLiteral("α%1 %2").arg(i + 1).arg(slot == 0 ? 'A' : 'B');
        if (!m_alpha->hasSeries(name))
            m_alpha->addSeries(name);
        m_alpha->appendPoint(name, x, m.alphas[i]);
    }
    for (size_t i = 0; i < m.clippedFractions.size(); ++i) {
        const QString name = QStringLiteral("clip%1 %2").arg(i + 1).arg(slot == 0 ? 'A' : 'B');
        if (!m_alpha->hasSeries(name))
            m_alpha->addSeries(name, QColor(), Qt::DotLine);
        m_alpha->appendPoint(name, x, m.clippedFractions[i]);
    }
}

void PlotsPanel::addEpoch(const EpochUpdate &update)
{
    if (update.slot < 0 || update.slot >= kModelSlots)
        return;
    m_epochs[update.slot].push_back(update);
    m_epochX[update.slot].push_back(plotEpoch(update, std::nan("")));
}

double PlotsPanel::plotEpoch(const EpochUpdate &update, double x)
{
    const int slot = update.slot;
    if (!std::isfinite(x)) {
        // A step budget can end an epoch early: the test point sits where the run stopped.
        const double local = m_lastBatchEpoch[slot] == update.metrics.epoch ? m_lastLocalX[slot]
                                                                            : update.metrics.epoch;
        x = m_timeline.xOf(slot, local);
    }
    m_accuracy->appendPoint(ensureSeries(m_accuracy, "test", slot, Qt::SolidLine), x,
                            update.metrics.testAccuracy);
    return x;
}

QString PlotsPanel::ensureSeries(ql::widgets::TrainingPlot *plot, const char *what, int slot,
                                 Qt::PenStyle style)
{
    const QString name = m_timeline.seriesName(QString::fromLatin1(what), slot);
    if (!plot->hasSeries(name)) {
        int labelled = 0; // which labelled segment this is, for its colour
        for (const Segment &s : m_segments)
            labelled += s.label.isEmpty() ? 0 : 1;
        const QColor color =
            m_timeline.label(slot).isEmpty()
                ? kSlotColor[slot]
                : kSegmentColors[std::max(0, labelled - 1) % int(std::size(kSegmentColors))];
        plot->addSeries(name, color, style);
    }
    return name;
}

void PlotsPanel::startSegment(int slot, const QString &label, double at)
{
    if (slot < 0 || slot >= kModelSlots)
        return;
    m_timeline.beginSegment(slot, label, at);
    m_segments.push_back(
        Segment{slot, label, int(m_batches[slot].size()), int(m_epochs[slot].size())});
}

void PlotsPanel::clearSlot(int slot)
{
    // Keep the curves of earlier runs; a new run of the slot continues at the end of the axis.
    startSegment(slot, QString());
}

void PlotsPanel::beginSegment(int slot, const QString &label)
{
    startSegment(slot, label);
}

void PlotsPanel::clearAll()
{
    for (int slot = 0; slot < kModelSlots; ++slot) {
        m_batches[slot].clear();
        m_epochs[slot].clear();
        m_epochX[slot].clear();
        m_lastLocalX[slot] = 0;
        m_lastBatchEpoch[slot] = 0;
    }
    m_timeline.clear();
    m_segments.clear();
    m_loss->clear();
    m_accuracy->clear();
    m_alpha->removeAllSeries();
}

QJsonObject PlotsPanel::history() const
{
    QJsonObject root;
    for (int slot = 0; slot < kModelSlots; ++slot) {
        QJsonArray batches, epochs;
        for (const auto &b : m_batches[slot]) {
            const auto &m = b.metrics;
            QJsonArray alphas, clipped;
            for (float a : m.alphas)
                alphas.append(a);
            for (float c : m.clippedFractions)
                clipped.append(c);
            batches.append(QJsonObject{{"epoch", m.epoch},
                                       {"step", static_cast<double>(m.step)},
                                       {"steps", static_cast<double>(m.stepsPerEpoch)},
                                       {"global", static_cast<double>(m.globalStep)},
                                       {"loss", m.loss},
                                       {"ce", m.ce},
                                       {"kl", m.kl},
                                       {"acc", m.accuracy},
                                       {"alphas", alphas},
                                       {"clipped", clipped}});
        }
        for (int i = 0; i < m_epochs[slot].size(); ++i) {
            const auto &m = m_epochs[slot][i].metrics;
            epochs.append(QJsonObject{{"epoch", m.epoch},
                                      {"trainLoss", m.trainLoss},
                                      {"trainAcc", m.trainAccuracy},
                                      {"testLoss", m.testLoss},
                                      {"testAcc", m.testAccuracy},
                                      {"seconds", m.seconds},
                                      {"x", m_epochX[slot].value(i)}});
        }
        root.insert(slotTag(slot), QJsonObject{{"batches", batches}, {"epochs", epochs}});
    }
    QJsonArray segments;
    for (int i = 0; i < m_segments.size(); ++i) {
        const Segment &seg = m_segments[i];
        QJsonObject o{{"slot", seg.slot},
                      {"label", seg.label},
                      {"batch", seg.batchIndex},
                      {"epoch", seg.epochIndex}};
        const double start = m_timeline.segmentStartAt(i);
        if (std::isfinite(start))
            o.insert(QStringLiteral("start"), start);
        segments.append(o);
    }
    root.insert(QStringLiteral("segments"), segments);
    return root;
}

void PlotsPanel::restoreHistory(const QJsonObject &history)
{
    clearAll();
    QVector<Segment> segments;
    QVector<double> starts; // where each segment started (-1: unknown, older sessions)
    for (const auto &v : history.value(QStringLiteral("segments")).toArray()) {
        const QJsonObject o = v.toObject();
        segments.push_back(Segment{
            o.value(QStringLiteral("slot")).toInt(), o.value(QStringLiteral("label")).toString(),
            o.value(QStringLiteral("batch")).toInt(), o.value(QStringLiteral("epoch")).toInt()});
        starts.push_back(o.value(QStringLiteral("start")).toDouble(-1.0));
    }
    for (int slot = 0; slot < kModelSlots; ++slot) {
        const QJsonObject s = history.value(slotTag(slot)).toObject();
        QVector<BatchUpdate> batches;
        for (const auto &v : s.value(QStringLiteral("batches")).toArray()) {
            const QJsonObject o = v.toObject();
            BatchUpdate b;
            b.slot = slot;
            b.metrics.epoch = o.value(QStringLiteral("epoch")).toInt();
            b.metrics.step = static_cast<int64_t>(o.value(QStringLiteral("step")).toDouble());
            b.metrics.stepsPerEpoch =
                static_cast<int64_t>(o.value(QStringLiteral("steps")).toDouble());
            b.metrics.globalStep =
                static_cast<int64_t>(o.value(QStringLiteral("global")).toDouble());
            b.metrics.loss = o.value(QStringLiteral("loss")).toDouble();
            b.metrics.ce = o.value(QStringLiteral("ce")).toDouble();
            b.metrics.kl = o.value(QStringLiteral("kl")).toDouble();
            b.metrics.accuracy = o.value(QStringLiteral("acc")).toDouble();
            for (const auto &a : o.value(QStringLiteral("alphas")).toArray())
                b.metrics.alphas.push_back(static_cast<float>(a.toDouble()));
            for (const auto &c : o.value(QStringLiteral("clipped")).toArray())
                b.metrics.clippedFractions.push_back(static_cast<float>(c.toDouble()));
            batches.push_back(b);
        }
        QVector<EpochUpdate> epochs;
        QVector<double> epochX; // where each was drawn (NaN: older sessions)
        for (const auto &v : s.value(QStringLiteral("epochs")).toArray()) {
            const QJsonObject o = v.toObject();
            EpochUpdate e;
            e.slot = slot;
            e.metrics.epoch = o.value(QStringLiteral("epoch")).toInt();
            e.metrics.trainLoss = o.value(QStringLiteral("trainLoss")).toDouble();
            e.metrics.trainAccuracy = o.value(QStringLiteral("trainAcc")).toDouble();
            e.metrics.testLoss = o.value(QStringLiteral("testLoss")).toDouble();
            e.metrics.testAccuracy = o.value(QStringLiteral("testAcc")).toDouble();
            e.metrics.seconds = o.value(QStringLiteral("seconds")).toDouble();
            epochs.push_back(e);
            epochX.push_back(o.contains(QStringLiteral("x"))
                                 ? o.value(QStringLiteral("x")).toDouble()
                                 : std::nan(""));
        }
        // Replay in training order: a segment begins at its recorded history positions, and
        // an epoch's test point follows the last batch of that epoch (of its segment).
        int nextEpoch = 0;
        int nextSegment = 0;
        auto addEpochsUpTo = [&](int epochLimit, int beforeEpoch) {
            while (nextEpoch < epochs.size() && nextEpoch < epochLimit &&
                   epochs[nextEpoch].metrics.epoch < beforeEpoch) {
                m_epochs[slot].push_back(epochs[nextEpoch]);
                m_epochX[slot].push_back(plotEpoch(epochs[nextEpoch], epochX[nextEpoch]));
                ++nextEpoch;
            }
        };
        QVector<Segment> mine;
        QVector<double> mineStarts;
        for (int i = 0; i < segments.size(); ++i)
            if (segments[i].slot == slot) {
                mine.push_back(segments[i]);
                mineStarts.push_back(starts[i]);
            }
        for (int b = 0; b <= batches.size(); ++b) {
            while (nextSegment < mine.size() && mine[nextSegment].batchIndex <= b) {
                addEpochsUpTo(mine[nextSegment].epochIndex, INT_MAX); // the previous run's
                startSegment(slot, mine[nextSegment].label, mineStarts[nextSegment]);
                ++nextSegment;
            }
            if (b == batches.size())
                break;
            const int limit = nextSegment < mine.size() ? mine[nextSegment].epochIndex : INT_MAX;
            addEpochsUpTo(limit, batches[b].metrics.epoch);
            m_batches[slot].push_back(batches[b]);
            plotBatch(batches[b]);
        }
        addEpochsUpTo(INT_MAX, INT_MAX);
    }
}

} // namespace ql::app
