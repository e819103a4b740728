// SPDX-License-Identifier: MIT
#include "app/gui/saliency_panel.h"

#include "app/gui/gallery_controls.h"
#include "app/gui/thumbnail_loader.h"

#include "core/registry.h"
#include "widgets/bidi_text.h"
#include "widgets/image_drop_area.h"
#include "widgets/image_drop_filter.h"
#include "widgets/saliency_compare_view.h"
#include "widgets/saliency_gallery.h"

#include <QCheckBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace ql::app {

/// The method ids the GUI offers: core::registry's, which the CLI and the parser accept too.
QStringList saliencyMethodIds()
{
    QStringList ids;
    for (const std::string &name : core::registry::saliencyMethods())
        ids << QString::fromStdString(name);
    return ids;
}

SaliencyPanel::SaliencyPanel(QWidget *parent) : QWidget(parent)
{
    m_drop = new ql::widgets::ImageDropArea(this);
    m_drop->setObjectName(QStringLiteral("dropArea"));
    m_gallery = new ql::widgets::SaliencyGallery(this);
    m_galleryControls = new GalleryControls(m_gallery, this);
    // Thumbnails are decoded on a worker thread; the tiles stay blank until theirs arrives.
    m_thumbnails = new ThumbnailLoader(this);
    connect(m_thumbnails, &ThumbnailLoader::thumbnailReady, m_gallery,
            [this](const QString &path, const QImage &thumbnail) {
                m_gallery->setThumbnail(path, thumbnail);
            });
    m_view = new ql::widgets::SaliencyCompareView(this);
    m_testLabel = new QLabel(this);
    m_testIndex = new QSpinBox(this);
    m_testIndex->setRange(0, 0);
    m_misclassifiedOnly = new QCheckBox(this);
    m_previous = new QPushButton(this);
    m_next = new QPushButton(this);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("saliencyError"));
    // One line in the test-image row: an error never adds height (the full text is in the
    // tool tip and the log).
    m_error->setWordWrap(false);
    m_error->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));

    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testLabel);
    testRow->addWidget(m_testIndex);
    testRow->addWidget(m_previous);
    testRow->addWidget(m_next);
    testRow->addWidget(m_misclassifiedOnly);
    testRow->addWidget(m_error, 1);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_drop);
    leftLayout->addWidget(m_galleryControls);
    leftLayout->addWidget(m_gallery, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_view);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(testRow);
    layout->addWidget(splitter, 1);

    m_view->setMethodChoices(saliencyMethodIds(), {});
    m_view->setColorMapChoices(
        {QStringLiteral("inferno"), QStringLiteral("viridis"), QStringLiteral("jet")}, {});

    connect(m_drop, &ql::widgets::ImageDropArea::imagesDropped, this, &SaliencyPanel::addImages);
    connect(m_gallery, &ql::widgets::SaliencyGallery::imageSelected, this,
            [this](const QString &id) {
                m_currentFile = id;
                Q_EMIT saliencyRequested(makeRequest(id, 0));
            });
    connect(m_testIndex, &QSpinBox::valueChanged, this, &SaliencyPanel::requestTestImage);
    connect(m_previous, &QPushButton::clicked, this, [this] { stepMisclassified(-1); });
    connect(m_next, &QPushButton::clicked, this, [this] { stepMisclassified(+1); });
    connect(m_view, &ql::widgets::SaliencyCompareView::renderOptionsChanged, this,
            &SaliencyPanel::refresh);
    connect(m_view, &ql::widgets::SaliencyCompareView::exportFailed, this,
            &SaliencyPanel::showError);
    connect(m_galleryControls, &GalleryControls::exportFailed, this, &SaliencyPanel::showError);
    retranslateUi();
}

void SaliencyPanel::retranslateUi()
{
    m_testLabel->setText(tr("Test image:"));
    m_misclassifiedOnly->setText(tr("Misclassified only"));
    m_misclassifiedOnly->setToolTip(
        tr("Previous / Next step through test images that either model gets wrong"));
    m_previous->setText(tr("Previous"));
    m_next->setText(tr("Next"));
    // Labels in core::registry::saliencyMethods() order.
    m_view->setMethodChoices(saliencyMethodIds(),
                             {tr("Gradient"), tr("Gradient × input"), tr("SmoothGrad"),
                              tr("Integrated Gradients"), tr("Grad-CAM")});
    m_view->setColorMapChoices(
        {QStringLiteral("inferno"), QStringLiteral("viridis"), QStringLiteral("jet")},
        {tr("Inferno"), tr("Viridis"), tr("Jet")});
    if (m_haveResult)
        showResult(m_lastResult); // captions ("A: standard") and the source in this language
}

void SaliencyPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QString SaliencyPanel::errorText() const
{
    return m_error->text();
}

void SaliencyPanel::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setToolTip(message);
}

void SaliencyPanel::addImages(const QStringList &paths)
{
    QStringList added;
    for (const QString &path : paths) {
        if (!m_gallery->containsId(path)) {
            // A blank tile now; the decoding (seconds for a big folder) is the worker's.
            m_gallery->addImage(path, QImage(),
                                ql::widgets::isolateLtr(QFileInfo(path).fileName()));
            added << path;
        }
    }
    m_thumbnails->request(added);
    if (!paths.isEmpty())
        m_gallery->selectId(paths.last());
    if (!paths.isEmpty()) {
        m_currentFile = paths.last();
        Q_EMIT saliencyRequested(makeRequest(m_currentFile, 0));
        Q_EMIT predictionsRequested(m_gallery->ids());
    }
}

void SaliencyPanel::openPaths(const QStringList &paths)
{
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    if (!urls.isEmpty())
        m_drop->dropFilter()->handleUrls(urls);
}

void SaliencyPanel::showPredictions(const GalleryPredictionResult &result)
{
    m_galleryControls->showPredictions(result);
}

SaliencyRequest SaliencyPanel::makeRequest(const QString &filePath, int testIndex) const
{
    const auto options = m_view->renderOptions();
    SaliencyRequest r;
    r.filePath = filePath;
    r.testIndex = testIndex;
    r.method = options.method;
    r.colormap = options.signedMap ? QStringLiteral("diverging") : options.colorMap;
    r.opacity = options.overlayOpacity;
    r.clipPercentile = options.clipPercentile;
    return r;
}

void SaliencyPanel::showResult(const SaliencyResult &result)
{
    m_view->setBusy(false);
    m_lastResult = result;
    m_haveResult = true;
    if (!result.error.isEmpty()) {
        showError(result.error);
        if (!result.source.isEmpty() && m_gallery->containsId(result.source))
            m_gallery->setItemStatus(result.source, tr("error"));
        return;
    }
    showError(QString());
    ql::widgets::SaliencyComparison c;
    // A dropped file is shown by its name (left-to-right even in Persian); test images by index.
    c.title = result.testIndex >= 0 ? tr("Test image %1").arg(QLocale().toString(result.testIndex))
                                    : ql::widgets::isolateLtr(QFileInfo(result.source).fileName());
    c.input = result.input;
    c.mapA = result.maps[0];
    c.mapB = result.maps[1];
    c.difference = result.difference;
    for (int slot = 0; slot < kModelSlots; ++slot) {
        ql::widgets::ModelPrediction &p = slot == 0 ? c.a : c.b;
        p.modelName = slot == 0                   ? tr("standard")
                      : result.quantizedIsPreview ? tr("quantized (post-training preview)")
                                                  : tr("quantized");
        for (const auto &pred : result.predictions[slot])
            p.top.push_back({pred.name, pred.probability});
    }
    // The deployed form of model B: its packed export run by the integer engine.
    if (result.hasIntPrediction)
        c.b.extraLine =
            tr("Integer engine: %1 (%2 %)")
                .arg(result.intPrediction.name,
                     QLocale().toString(100.0 * result.intPrediction.probability, 'f', 1));
    c.agreement.spearman = result.spearman;
    c.agreement.topKIoU = result.topKIoU;
    c.agreement.ssim = result.ssim;
    if (result.trueLabel >= 0) // the class name, as the predictions show it
        c.trueLabel =
            result.trueName.isEmpty() ? QString::number(result.trueLabel) : result.trueName;
    m_view->setComparison(c);
}

void SaliencyPanel::setTestCount(int count)
{
    m_testIndex->setMaximum(std::max(0, count - 1));
}

void SaliencyPanel::setMisclassified(const QVector<int> &indices)
{
    m_misclassified = indices;
}

void SaliencyPanel::requestTestImage()
{
    m_currentFile.clear();
    Q_EMIT saliencyRequested(makeRequest(QString(), m_testIndex->value()));
}

void SaliencyPanel::stepMisclassified(int direction)
{
    const int current = m_testIndex->value();
    if (!m_misclassifiedOnly->isChecked() || m_misclassified.isEmpty()) {
        m_testIndex->setValue(current + direction);
        return;
    }
    // The next (or previous) misclassified index after the current one, wrapping around.
    auto it = std::upper_bound(m_misclassified.begin(), m_misclassified.end(), current);
    int target;
    if (direction > 0)
        target = it == m_misclassified.end() ? m_misclassified.first() : *it;
    else {
        auto lower = std::lower_bound(m_misclassified.begin(), m_misclassified.end(), current);
        target = lower == m_misclassified.begin() ? m_misclassified.last() : *(lower - 1);
    }
    m_testIndex->setValue(target);
}

void SaliencyPanel::refresh()
{
    if (m_currentFile.isEmpty())
        requestTestImage();
    else
        Q_EMIT saliencyRequested(makeRequest(m_currentFile, 0));
}

} // namespace ql::app
