// SPDX-License-Identifier: MIT
#include "app/gui/plots_panel.h"

#include "widgets/training_plot.h"

#include <QEvent>
#include <QJsonArray>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ql::app {

namespace {
constexpr int kHistoryStride = 5; // sessions keep every 5th batch; plots decimate anyway
const QColor kSlotColor[kModelSlots] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28)};

QString slotTag(int slot)
{
    return slot == 0 ? QStringLiteral("std") : QStringLiteral("quant");
}

// Series names are ids as well as legend labels; they stay in English-free short forms
// (A = standard, B = quantized), explained by the plot titles.
QString series(const char *what, int slot)
{
    return QStringLiteral("%1 %2").arg(QString::fromLatin1(what),
                                       slot == 0 ? QStringLiteral("A") : QStringLiteral("B"));
}

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
    const double x = xOf(m) + m_epochOffset[slot];
    m_loss->appendPoint(series("CE", slot), x, m.ce > 0 ? m.ce : m.loss);
    if (m.kl > 0)
        m_loss->appendPoint(series("KL", slot), x, m.kl);
    m_accuracy->appendPoint(series("train", slot), x, m.accuracy);
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
    plotEpoch(update);
}

void PlotsPanel::plotEpoch(const EpochUpdate &update)
{
    m_accuracy->appendPoint(series("test", update.slot),
                            update.metrics.epoch + m_epochOffset[update.slot],
                            update.metrics.testAccuracy);
}

void PlotsPanel::clearSlot(int slot)
{
    // Keep the curves of earlier runs; a new run of the slot continues to the right.
    if (!m_batches[slot].isEmpty())
        m_epochOffset[slot] = xOf(m_batches[slot].last().metrics) + m_epochOffset[slot];
}

void PlotsPanel::clearAll()
{
    for (int slot = 0; slot < kModelSlots; ++slot) {
        m_batches[slot].clear();
        m_epochs[slot].clear();
        m_epochOffset[slot] = 0;
    }
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
        for (const auto &e : m_epochs[slot]) {
            const auto &m = e.metrics;
            epochs.append(QJsonObject{{"epoch", m.epoch},
                                      {"trainLoss", m.trainLoss},
                                      {"trainAcc", m.trainAccuracy},
                                      {"testLoss", m.testLoss},
                                      {"testAcc", m.testAccuracy},
                                      {"seconds", m.seconds}});
        }
        root.insert(slotTag(slot), QJsonObject{{"batches", batches}, {"epochs", epochs}});
    }
    return root;
}

void PlotsPanel::restoreHistory(const QJsonObject &history)
{
    clearAll();
    for (int slot = 0; slot < kModelSlots; ++slot) {
        const QJsonObject s = history.value(slotTag(slot)).toObject();
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
            m_batches[slot].push_back(b);
            plotBatch(b);
        }
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
            m_epochs[slot].push_back(e);
            plotEpoch(e);
        }
    }
}

} // namespace ql::app
