// SPDX-License-Identifier: MIT
#include "app/cli/progress_printer.h"

#include "core/train/config_json.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>

#include <unistd.h>

#include <algorithm>

namespace ql::app {

namespace {

QString clock(double seconds)
{
    const long long s = static_cast<long long>(seconds + 0.5);
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

ProgressPrinter::ProgressPrinter(int epochs, QString label, std::FILE *out,
                                 std::optional<bool> interactive)
    : m_epochs(epochs), m_label(std::move(label)), m_out(out),
      m_interactive(interactive.value_or(::isatty(::fileno(out)) == 1))
{
}

void ProgressPrinter::onBatch(const core::BatchMetrics &m)
{
    const auto now = std::chrono::steady_clock::now();
    if (m_firstGlobalStep < 0) {
        m_firstGlobalStep = m.globalStep - 1;
        m_start = now;
    }
    int64_t total = int64_t(m_epochs) * m.stepsPerEpoch;
    if (m_maxSteps > 0)
        total = std::min(total, m_maxSteps);
    const int64_t epochs =
        m.stepsPerEpoch > 0 ? (total + m.stepsPerEpoch - 1) / m.stepsPerEpoch : m_epochs;
    const double fraction = total > 0 ? double(m.globalStep) / double(total) : 0.0;
    const int decile = int(fraction * 10.0 + 1e-9);
    if (m_interactive) {
        const bool last = m.step == m.stepsPerEpoch;
        if (!last && now - m_lastDraw < std::chrono::milliseconds(100))
            return;
    } else if (decile <= m_lastDecile || decile >= 10) {
        return; // a plain line at each 10% mark; the epoch line reports the end
    }
    m_lastDraw = now;
    m_lastDecile = decile;
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    const int64_t done = m.globalStep - m_firstGlobalStep;
    const int64_t remaining = total - m.globalStep;
    const double eta = done > 0 ? elapsed / double(done) * double(remaining) : 0.0;
    const int width = 20;
    const int filled = int(fraction * width);
    const QString bar =
        QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.'));
    QTextStream out(m_out);
    if (m_interactive)
        out << "\r";
    out << m_label
        << QCoreApplication::translate("Cli", "[%1] epoch %2/%3 step %4/%5 loss %6 acc %7% "
                                              "%8 samples/s ETA %9")
               .arg(bar)
               .arg(m.epoch)
               .arg(epochs)
               .arg(m.step)
               .arg(m.stepsPerEpoch)
               .arg(m.loss, 0, 'f', 4)
               .arg(m.accuracy * 100.0, 0, 'f', 1)
               .arg(m.samplesPerSecond, 0, 'f', 0)
               .arg(clock(eta));
    if (m_interactive) {
        out << "   ";
        m_lineOpen = true;
    } else {
        out << "\n";
    }
    out.flush();
}

void ProgressPrinter::onItems(int64_t done, int64_t total, const QString &unit)
{
    const auto now = std::chrono::steady_clock::now();
    if (m_firstGlobalStep < 0) {
        m_firstGlobalStep = 0;
        m_start = now;
    }
    const double fraction = total > 0 ? double(done) / double(total) : 1.0;
    const int decile = int(fraction * 10.0 + 1e-9);
    const bool last = done >= total;
    if (m_interactive) {
        if (!last && now - m_lastDraw < std::chrono::milliseconds(100))
            return;
    } else if (!last && decile <= m_lastDecile) {
        return; // a plain line at each 10% mark and at the end
    }
    m_lastDraw = now;
    m_lastDecile = decile;
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    const double eta = done > 0 ? elapsed / double(done) * double(total - done) : 0.0;
    const double rate = elapsed > 0 ? double(done) / elapsed : 0.0;
    const int width = 20;
    const int filled = int(std::min(1.0, fraction) * width);
    const QString bar =
        QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.'));
    QTextStream out(m_out);
    if (m_interactive)
        out << "\r";
    out << m_label
        << QCoreApplication::translate("Cli", "[%1] %2/%3 %4, %5/s ETA %6")
               .arg(bar)
               .arg(done)
               .arg(total)
               .arg(unit)
               .arg(rate, 0, 'f', 0)
               .arg(clock(eta));
    if (m_interactive && !last) {
        out << "   ";
        m_lineOpen = true;
    } else {
        out << "\n";
        m_lineOpen = false;
    }
    out.flush();
}

void ProgressPrinter::onEpoch(const core::EpochMetrics &m)
{
    m_lastTestAccuracy = m.testAccuracy;
    QTextStream out(m_out);
    if (m_lineOpen)
        out << "\n";
    m_lineOpen = false;
    out << m_label
        << QCoreApplication::translate("Cli", "epoch %1: train loss %2 acc %3%, test loss %4 acc "
                                              "%5%, %6 s")
               .arg(m.epoch)
               .arg(m.trainLoss, 0, 'f', 4)
               .arg(m.trainAccuracy * 100.0, 0, 'f', 2)
               .arg(m.testLoss, 0, 'f', 4)
               .arg(m.testAccuracy * 100.0, 0, 'f', 2)
               .arg(m.seconds, 0, 'f', 1)
        << "\n";
}

void ProgressPrinter::onMessage(const std::string &text)
{
    QTextStream out(m_out);
    if (m_lineOpen)
        out << "\n";
    m_lineOpen = false;
    out << m_label << QString::fromStdString(text) << "\n";
}

void ProgressPrinter::onFinished(core::RunOutcome outcome, const std::string &message)
{
    QTextStream out(outcome == core::RunOutcome::Finished ? m_out : stderr);
    if (m_lineOpen)
        QTextStream(m_out) << "\n";
    m_lineOpen = false;
    out << m_label
        << QCoreApplication::translate("Cli", "%1: %2")
               .arg(QString::fromLatin1(core::toString(outcome)), QString::fromStdString(message))
        << "\n";
}

} // namespace ql::app
