// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QSocketNotifier;

namespace ql::app {

/// SIGTERM, SIGINT and SIGHUP as a Qt signal on the thread that created this object (the
/// self-pipe pattern: the handler only writes one byte to a socket pair; a QSocketNotifier
/// reads it in the event loop). One instance per process; the previous handlers come back
/// when it is destroyed.
class QuitSignals : public QObject {
    Q_OBJECT
public:
    explicit QuitSignals(QObject *parent = nullptr);
    ~QuitSignals() override;

Q_SIGNALS:
    /// `count`: how many quit signals arrived so far (the second one may quit at once).
    void quitRequested(int signalNumber, int count);

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_count = 0;
};

} // namespace ql::app
