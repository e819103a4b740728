// SPDX-License-Identifier: MIT
#pragma once

#include <QProgressDialog>

namespace ql::app {

class DatasetFetcher;

/// Downloads a data set with DatasetFetcher behind a progress dialog (Cancel stops it). Deletes
/// itself when the download ends; fetchFinished() reports the outcome and the target folder.
class FetchDialog : public QProgressDialog {
    Q_OBJECT
public:
    /// Starts fetching `dataset` into `target` at once. `fetcher` must outlive the dialog and
    /// be idle.
    FetchDialog(DatasetFetcher *fetcher, const QString &dataset, const QString &target,
                QWidget *parent = nullptr);

Q_SIGNALS:
    void fetchFinished(bool ok, const QString &message, const QString &target);
    /// The fetcher's progress notes (for the log).
    void statusMessage(const QString &text);

private:
    QString m_dataset;
    QString m_target;
};

} // namespace ql::app
