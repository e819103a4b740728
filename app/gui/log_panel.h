// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace ql::app {

/// Time-stamped messages from training, sessions and errors. Bounded so a long run cannot
/// grow it without limit.
class LogPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogPanel(QWidget *parent = nullptr);
    QString text() const;

public Q_SLOTS:
    void append(const QString &message);
    void appendError(const QString &message);

private:
    QPlainTextEdit *m_text = nullptr;
};

} // namespace ql::app
