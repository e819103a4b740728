// SPDX-License-Identifier: MIT
#include "app/gui/gallery_controls.h"
#include "app/common/csv_field.h"

#include "widgets/saliency_gallery.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QTextStream>

namespace ql::app {

namespace {

ql::widgets::GalleryItemPrediction toItem(const GalleryPrediction &p)
{
    ql::widgets::GalleryItemPrediction item;
    item.error = p.error;
    item.known = p.knownLabel >= 0 ? p.knownName : QString();
    for (int slot = 0; slot < kModelSlots; ++slot)
        if (!p.top[slot].isEmpty()) {
            item.predicted[slot] = p.top[slot].front().name;
            item.probability[slot] = p.top[slot].front().probability;
        }
    return item;
}

} // namespace

QString writeGalleryCsv(const QString &path, const QStringList &files,
                        const QHash<QString, GalleryPrediction> &predictions,
                        const QString modelNames[kModelSlots])
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    QTextStream out(&file);
    out << "file,label";
    for (int slot = 0; slot < kModelSlots; ++slot)
        for (int k = 1; k <= 3; ++k)
            out << ',' << csvField(modelNames[slot] + QStringLiteral(" top%1").arg(k)) << ','
                << csvField(modelNames[slot] + QStringLiteral(" p%1").arg(k));
    out << ",disagree,wrong_label,error\n";
    for (const QString &f : files) {
        const auto it = predictions.constFind(f);
        out << csvField(f) << ',';
        if (it == predictions.constEnd()) {
            out << QString(2 * 3 * kModelSlots + 2, QLatin1Char(',')) << ",not predicted\n";
            continue;
        }
        const GalleryPrediction &p = *it;
        out << (p.knownLabel >= 0 ? csvField(p.knownName) : QString());
        for (int slot = 0; slot < kModelSlots; ++slot)
            for (int k = 0; k < 3; ++k) {
                if (k < p.top[slot].size())
                    out << ',' << csvField(p.top[slot][k].name) << ','
                        << QString::number(p.top[slot][k].probability, 'f', 6);
                else
                    out << ",,";
            }
        const auto marks = ql::widgets::galleryMarks(toItem(p));
        out << ',' << (marks.disagree ? 1 : 0) << ',' << (marks.wrong() ? 1 : 0) << ','
            << csvField(p.error) << '\n';
    }
    out.flush();
    if (out.status() != QTextStream::Ok || !file.commit())
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

GalleryControls::GalleryControls(ql::widgets::SaliencyGallery *gallery, QWidget *parent)
    : QWidget(parent), m_gallery(gallery)
{
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("galleryFilter"));
    m_sort = new QComboBox(this);
    m_sort->setObjectName(QStringLiteral("gallerySort"));
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("galleryCount"));
    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("galleryExport"));
    for (int i = 0; i < 4; ++i) {
        m_filter->addItem(QString(), i);
        m_sort->addItem(QString(), i);
    }
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_sort);
    layout->addWidget(m_count, 1);
    layout->addWidget(m_export);
    connect(m_filter, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_gallery->setFilter(static_cast<ql::widgets::GalleryFilter>(index));
    });
    connect(m_sort, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_gallery->setSort(static_cast<ql::widgets::GallerySort>(index));
    });
    connect(m_export, &QPushButton::clicked, this, &GalleryControls::exportWithDialog);
    connect(m_gallery, &ql::widgets::SaliencyGallery::contentsChanged, this,
            &GalleryControls::updateCount);
    retranslateUi();
}

void GalleryControls::retranslateUi()
{
    m_filter->setItemText(0, tr("All images"));
    m_filter->setItemText(1, tr("Models disagree"));
    m_filter->setItemText(2, tr("Wrong label"));
    m_filter->setItemText(3, tr("Disagree or wrong"));
    m_filter->setToolTip(tr("Show only the images with a mark: ≠ the two models predict "
                            "different classes, ✗ a model contradicts the label of the "
                            "image's folder (digits/7/…)"));
    m_sort->setItemText(0, tr("Order added"));
    m_sort->setItemText(1, tr("By name"));
    m_sort->setItemText(2, tr("Marked first"));
    m_sort->setItemText(3, tr("Least confident first"));
    m_export->setText(tr("Export CSV…"));
    m_export->setToolTip(tr("Write the shown images' predictions (top 3 of both models) to a "
                            "CSV file"));
    m_gallery->setModelNames(modelName(0), modelName(1));
    updateCount();
}

void GalleryControls::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QString GalleryControls::modelName(int slot) const
{
    return slot == 0 ? tr("A") : tr("B");
}

void GalleryControls::updateCount()
{
    const int total = m_gallery->count();
    int disagree = 0, wrong = 0;
    for (const QString &id : m_gallery->ids()) {
        const auto marks = m_gallery->marks(id);
        disagree += marks.disagree ? 1 : 0;
        wrong += marks.wrong() ? 1 : 0;
    }
    const QLocale locale;
    m_count->setText(tr("%1 of %2 shown; %3 ≠, %4 ✗")
                         .arg(locale.toString(m_gallery->visibleIds().size()),
                              locale.toString(total), locale.toString(disagree),
                              locale.toString(wrong)));
    m_export->setEnabled(total > 0);
}

void GalleryControls::showPredictions(const GalleryPredictionResult &result)
{
    if (!result.error.isEmpty())
        return; // no model yet: the items keep their names only
    m_quantizedIsPreview = result.quantizedIsPreview;
    QVector<QPair<QString, ql::widgets::GalleryItemPrediction>> items;
    items.reserve(result.items.size());
    for (const GalleryPrediction &p : result.items) {
        m_predictions.insert(p.file, p);
        items.push_back({p.file, toItem(p)});
    }
    m_gallery->setPredictions(items);
}

bool GalleryControls::exportCsv(const QString &path, QString *error) const
{
    const QString names[kModelSlots] = {QStringLiteral("standard"),
                                        m_quantizedIsPreview ? QStringLiteral("quantized preview")
                                                             : QStringLiteral("quantized")};
    const QString message = writeGalleryCsv(path, m_gallery->visibleIds(), m_predictions, names);
    if (error)
        *error = message;
    return message.isEmpty();
}

void GalleryControls::exportWithDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the gallery's predictions"),
        settings.value(QStringLiteral("lastGalleryCsv"), QStringLiteral("predictions.csv"))
            .toString(),
        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("lastGalleryCsv"), path);
    QString error;
    if (exportCsv(path, &error))
        Q_EMIT exported(path);
    else
        Q_EMIT exportFailed(error);
}

} // namespace ql::app
