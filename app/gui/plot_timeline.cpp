// SPDX-License-Identifier: MIT
#include "app/gui/plot_timeline.h"

#include <algorithm>
#include <limits>

namespace ql::app {

namespace {
bool validSlot(int slot)
{
    return slot >= 0 && slot < kModelSlots;
}
} // namespace

void PlotTimeline::beginSegment(int slot, const QString &label, double at)
{
    if (!validSlot(slot))
        return;
    Slot &s = m_slots[slot];
    s.label = label;
    s.pending = !(at >= 0);
    if (!s.pending) {
        s.offset = at;
        m_end = std::max(m_end, at);
    }
    m_segment[slot] = int(m_starts.size());
    m_starts.push_back(s.pending ? std::numeric_limits<double>::quiet_NaN() : at);
}

double PlotTimeline::segmentStartAt(int index) const
{
    return index >= 0 && index < m_starts.size() ? m_starts[index]
                                                 : std::numeric_limits<double>::quiet_NaN();
}

double PlotTimeline::place(int slot, double localX)
{
    if (!validSlot(slot))
        return localX;
    Slot &s = m_slots[slot];
    if (s.pending) {
        // The run's first point: the segment begins at the end of the axis (its local x is
        // the fraction of the first epoch already done, so the curve starts just after it).
        s.offset = m_end;
        s.pending = false;
        if (m_segment[slot] >= 0)
            m_starts[m_segment[slot]] = s.offset;
    }
    const double x = s.offset + localX;
    m_end = std::max(m_end, x);
    return x;
}

double PlotTimeline::xOf(int slot, double localX) const
{
    if (!validSlot(slot))
        return localX;
    const Slot &s = m_slots[slot];
    return (s.pending ? m_end : s.offset) + localX;
}

QString PlotTimeline::seriesName(const QString &what, int slot) const
{
    const QString base =
        QStringLiteral("%1 %2").arg(what, slot == 0 ? QStringLiteral("A") : QStringLiteral("B"));
    const QString l = label(slot);
    return l.isEmpty() ? base : QStringLiteral("%1 · %2").arg(base, l);
}

QString PlotTimeline::label(int slot) const
{
    return validSlot(slot) ? m_slots[slot].label : QString();
}

double PlotTimeline::segmentStart(int slot) const
{
    return validSlot(slot) ? m_slots[slot].offset : 0.0;
}

void PlotTimeline::clear()
{
    for (Slot &s : m_slots)
        s = Slot{};
    for (int &i : m_segment)
        i = -1;
    m_starts.clear();
    m_end = 0;
}

} // namespace ql::app
