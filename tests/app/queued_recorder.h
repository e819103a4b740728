// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>

namespace ql::test {

/// Records a signal's argument on the thread that owns the recorder (the test's thread), by a
/// queued connection. Use it instead of QSignalSpy for signals emitted from a worker thread:
/// QSignalSpy appends in the emitting thread while the test reads it, a data race that
/// ThreadSanitizer reports (scripts/tsan.sh).
template <typename T> class QueuedRecorder {
public:
    template <typename Sender, typename Signal> QueuedRecorder(const Sender *sender, Signal signal)
    {
        QObject::connect(
            sender, signal, &m_context, [this](const T &value) { m_values.append(value); },
            Qt::QueuedConnection);
    }
    int count() const { return static_cast<int>(m_values.size()); }
    bool isEmpty() const { return m_values.isEmpty(); }
    const T &at(int i) const { return m_values.at(i); }
    const T &last() const { return m_values.last(); }
    const T &first() const { return m_values.first(); }
    auto begin() const { return m_values.begin(); }
    auto end() const { return m_values.end(); }

private:
    QObject m_context;
    QList<T> m_values;
};

} // namespace ql::test
