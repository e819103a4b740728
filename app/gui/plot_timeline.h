// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

#include <QString>
#include <QVector>

namespace ql::app {

/// Where each run's curves go on the plots' one x axis: epochs of training, runs in the order
/// they trained. A run (a segment) starts where the axis ends when its first point arrives, so
/// the quantized model's fine-tune continues to the right of the standard model that it
/// starts from, and a Retrain continues to the right of everything before it instead of being
/// drawn over the earlier curves from epoch 0. A labelled segment ("Retrain 1 (4/4-bit)")
/// gets its own series, named seriesName(); a resumed run continues its segment.
class PlotTimeline {
public:
    /// The slot's next point starts a new segment with this label (empty: the slot's plain
    /// series, "CE B"). `at` >= 0 fixes where it starts (a session restoring its plots);
    /// otherwise the segment starts at the end of the axis when its first point arrives.
    void beginSegment(int slot, const QString &label, double at = -1);
    /// Where the i-th segment begun since clear() starts (NaN while it has no point yet).
    double segmentStartAt(int index) const;
    /// x on the shared axis of a point at `localX` (the run's own epochs, 0 at its start) of
    /// `slot`; the first point after beginSegment() fixes the segment's offset.
    double place(int slot, double localX);
    /// x of a point of the slot's current segment without starting or extending anything
    /// (epoch-end test accuracies); `localX` as for place().
    double xOf(int slot, double localX) const;
    /// "CE B", or "CE B · Retrain 1 (4/4-bit)" inside a labelled segment. `what` is the
    /// series kind (CE, KL, train, test).
    QString seriesName(const QString &what, int slot) const;
    /// The current segment's label (empty for the plain series).
    QString label(int slot) const;
    /// The largest x placed so far.
    double axisEnd() const { return m_end; }
    /// Where the slot's current segment starts (its offset).
    double segmentStart(int slot) const;
    void clear();

private:
    struct Slot {
        double offset = 0;
        QString label;
        bool pending = true; ///< the next point starts the segment
    };
    Slot m_slots[kModelSlots];
    int m_segment[kModelSlots] = {-1, -1}; ///< index into m_starts of the slot's segment
    QVector<double> m_starts;
    double m_end = 0;
};

} // namespace ql::app
