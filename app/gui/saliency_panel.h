// SPDX-License-Identifier: MIT
#pragma once

#include "app/gui/gui_types.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ql::widgets {
class ImageDropArea;
class SaliencyCompareView;
class SaliencyGallery;
} // namespace ql::widgets

namespace ql::app {

class GalleryControls;
class ThumbnailLoader;

/// Drop images (or pick test images, optionally only misclassified ones) and compare what the
/// two models look at. Emits requests; the newest-request-wins worker answers them.
/// Saliency method ids offered in the GUI (core::registry::saliencyMethods()).
QStringList saliencyMethodIds();

class SaliencyPanel : public QWidget {
    Q_OBJECT
public:
    explicit SaliencyPanel(QWidget *parent = nullptr);

    ql::widgets::SaliencyCompareView *compareView() const { return m_view; }
    ql::widgets::ImageDropArea *dropArea() const { return m_drop; }
    ql::widgets::SaliencyGallery *gallery() const { return m_gallery; }
    /// Decodes the gallery's thumbnails on a worker thread.
    ThumbnailLoader *thumbnailLoader() const { return m_thumbnails; }
    GalleryControls *galleryControls() const { return m_galleryControls; }
    /// The last computation error shown (an unreadable image, no model); empty when none.
    /// Refused drops are shown by the drop area itself (dropArea()->messageText()).
    QString errorText() const;
    /// Adds files as if dropped, explains the last and asks for the gallery's predictions.
    void addImages(const QStringList &paths);
    /// Opens files or folders the way a drop does (folders scanned off the UI thread).
    void openPaths(const QStringList &paths);
    /// Builds a request for the current test index or file with the view's render options.
    SaliencyRequest makeRequest(const QString &filePath, int testIndex) const;

public Q_SLOTS:
    void showResult(const ql::app::SaliencyResult &result);
    /// The gallery's classes and marks (GalleryControls::showPredictions).
    void showPredictions(const ql::app::GalleryPredictionResult &result);
    void setTestCount(int count);
    void setMisclassified(const QVector<int> &indices);
    void showError(const QString &message);
    /// Re-asks for the current image (after a model or option change).
    void refresh();

Q_SIGNALS:
    void saliencyRequested(const ql::app::SaliencyRequest &request);
    /// Every gallery file, to predict with both models.
    void predictionsRequested(const QStringList &files);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void requestTestImage();
    void stepMisclassified(int direction);

    ql::widgets::ImageDropArea *m_drop = nullptr;
    ql::widgets::SaliencyGallery *m_gallery = nullptr;
    GalleryControls *m_galleryControls = nullptr;
    ThumbnailLoader *m_thumbnails = nullptr;
    ql::widgets::SaliencyCompareView *m_view = nullptr;
    QLabel *m_testLabel = nullptr;
    QSpinBox *m_testIndex = nullptr;
    QCheckBox *m_misclassifiedOnly = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_next = nullptr;
    QLabel *m_error = nullptr;
    QVector<int> m_misclassified;
    SaliencyResult m_lastResult; // shown again (captions, source) on a language change
    bool m_haveResult = false;
    QString m_currentFile; // empty: the test image is current
};

} // namespace ql::app
