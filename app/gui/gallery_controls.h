// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace ql::widgets {
class SaliencyGallery;
}

namespace ql::app {

/// Writes the predictions of `files` (in that order) as CSV: file, label (from the folder
/// name), each model's top-3 classes with probabilities, the marks and the error. Atomic
/// (QSaveFile: a temporary file renamed over `path`). Returns an error message, empty on
/// success. `modelNames` name the two columns groups ("standard", "quantized").
QString writeGalleryCsv(const QString &path, const QStringList &files,
                        const QHash<QString, GalleryPrediction> &predictions,
                        const QString modelNames[kModelSlots]);

/// Above the gallery: which items to show (all, disagreements, wrong labels, either), their
/// order (added, name, marked first, least confident), how many are shown, and Export CSV….
/// Holds the last predictions and hands them to the gallery as plain values.
class GalleryControls : public QWidget {
    Q_OBJECT
public:
    GalleryControls(ql::widgets::SaliencyGallery *gallery, QWidget *parent = nullptr);

    QComboBox *filterBox() const { return m_filter; }
    QComboBox *sortBox() const { return m_sort; }
    QLabel *countLabel() const { return m_count; }
    /// The last predictions of each file.
    const QHash<QString, GalleryPrediction> &predictions() const { return m_predictions; }
    /// Writes the shown items (display order) to `path`; false and a message on failure.
    bool exportCsv(const QString &path, QString *error = nullptr) const;

public Q_SLOTS:
    void showPredictions(const ql::app::GalleryPredictionResult &result);
    /// Asks for a file name, then exportCsv; failures go to exportFailed.
    void exportWithDialog();

Q_SIGNALS:
    void exportFailed(const QString &message);
    void exported(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateCount();
    QString modelName(int slot) const;

    ql::widgets::SaliencyGallery *m_gallery;
    QComboBox *m_filter = nullptr;
    QComboBox *m_sort = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_export = nullptr;
    QHash<QString, GalleryPrediction> m_predictions;
    bool m_quantizedIsPreview = false;
};

} // namespace ql::app
