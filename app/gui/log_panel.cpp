// SPDX-License-Identifier: MIT
#include "app/gui/log_panel.h"

#include <QPlainTextEdit>
#include <QTime>
#include <QVBoxLayout>

namespace ql::app {

namespace {
constexpr int kMaxLogLines = 2000;
}

LogPanel::LogPanel(QWidget *parent) : QWidget(parent)
{
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(kMaxLogLines);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
}

QString LogPanel::text() const
{
    return m_text->toPlainText();
}

void LogPanel::append(const QString &message)
{
    m_text->appendPlainText(QStringLiteral("%1  %2").arg(
        QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), message));
}

void LogPanel::appendError(const QString &message)
{
    append(QStringLiteral("⚠ ") + message);
}

} // namespace ql::app
