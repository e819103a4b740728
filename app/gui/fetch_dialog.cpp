// SPDX-License-Identifier: MIT
#include "app/gui/fetch_dialog.h"

#include "app/common/dataset_fetcher.h"
#include "widgets/bidi_text.h"

#include <QLocale>

namespace ql::app {

using ql::widgets::isolateLtr;

FetchDialog::FetchDialog(DatasetFetcher *fetcher, const QString &dataset, const QString &target,
                         QWidget *parent)
    : QProgressDialog(parent), m_dataset(dataset), m_target(target)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Download data set"));
    setLabelText(tr("Downloading %1 into %2…").arg(dataset, isolateLtr(target)));
    setCancelButtonText(tr("Cancel"));
    setRange(0, 0);
    setMinimumDuration(0);
    connect(fetcher, &DatasetFetcher::progress, this,
            [this](const QString &file, qint64 received, qint64 total) {
                const QLocale locale;
                setLabelText(tr("Downloading %1: %2 of %3 MB")
                                 .arg(isolateLtr(file), locale.toString(received / 1e6, 'f', 1),
                                      total > 0 ? locale.toString(total / 1e6, 'f', 1) : tr("?")));
                setMaximum(total > 0 ? 1000 : 0);
                if (total > 0)
                    setValue(static_cast<int>(1000 * received / total));
            });
    connect(fetcher, &DatasetFetcher::statusMessage, this, &FetchDialog::statusMessage);
    connect(this, &QProgressDialog::canceled, fetcher, &DatasetFetcher::cancel);
    connect(fetcher, &DatasetFetcher::finished, this, [this](bool ok, const QString &text) {
        Q_EMIT fetchFinished(ok, text, m_target);
        close();
    });
    fetcher->start(dataset, target);
}

} // namespace ql::app
