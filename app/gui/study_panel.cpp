// SPDX-License-Identifier: MIT
#include "app/gui/study_panel.h"

#include "widgets/bidi_text.h"
#include "widgets/study_plot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ql::app {

using ql::widgets::isolateLtr;

namespace {
/// Not a metric of the study's summary: the model size, drawn without interval (it is exact).
const QString kSizeKey = QStringLiteral("model_size");
const QString kAccuracyKey = QStringLiteral("accuracy");

/// Accuracy is drawn in percent, the size in KiB, the rest as measured.
double displayScale(const QString &key)
{
    return key == kAccuracyKey ? 100.0 : 1.0;
}
} // namespace

StudyPanel::StudyPanel(QWidget *parent) : QWidget(parent)
{
    registerStudyMetaTypes();
    setObjectName(QStringLiteral("studyPanel"));
    const StudyRequest defaults;
    m_bits = new QLineEdit(defaults.bits, this);
    m_bits->setObjectName(QStringLiteral("studyBits"));
    m_standard = new QCheckBox(this);
    m_standard->setObjectName(QStringLiteral("studyStandard"));
    m_standard->setChecked(defaults.standard);
    m_sgt = new QCheckBox(this);
    m_sgt->setObjectName(QStringLiteral("studySgt"));
    m_sgt->setChecked(defaults.sgt);
    auto spin = [this](const char *name, int low, int high, int value) {
        auto *box = new QSpinBox(this);
        box->setObjectName(QString::fromLatin1(name));
        box->setRange(low, high);
        box->setValue(value);
        return box;
    };
    m_seeds = spin("studySeeds", 1, 100, defaults.seeds);
    m_floatEpochs = spin("studyFloatEpochs", 1, 1000, defaults.floatEpochs);
    m_fineTuneEpochs = spin("studyFineTuneEpochs", 1, 1000, defaults.fineTuneEpochs);
    m_evalImages = spin("studyEvalImages", 10, 100000, defaults.evalImages);
    m_fromScratch = new QCheckBox(this);
    m_fromScratch->setObjectName(QStringLiteral("studyFromScratch"));
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("studyFolder"));
    m_chooseFolder = new QPushButton(this);
    m_chooseFolder->setObjectName(QStringLiteral("studyChooseFolder"));

    m_form = new QFormLayout;
    for (auto *&label : m_labels)
        label = new QLabel(this);
    auto *sgtRow = new QHBoxLayout;
    sgtRow->addWidget(m_standard);
    sgtRow->addWidget(m_sgt);
    sgtRow->addStretch(1);
    auto *epochRow = new QHBoxLayout;
    epochRow->addWidget(m_floatEpochs);
    epochRow->addWidget(m_fineTuneEpochs);
    epochRow->addWidget(m_fromScratch);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_chooseFolder);
    m_form->addRow(m_labels[0], m_bits);
    m_form->addRow(m_labels[1], sgtRow);
    m_form->addRow(m_labels[2], m_seeds);
    m_form->addRow(m_labels[3], epochRow);
    m_form->addRow(m_labels[4], m_evalImages);
    m_form->addRow(m_labels[5], folderRow);

    m_start = new QPushButton(QIcon(QStringLiteral(":/icons/start.svg")), QString(), this);
    m_start->setObjectName(QStringLiteral("studyStart"));
    m_continue = new QPushButton(this);
    m_continue->setObjectName(QStringLiteral("studyContinue"));
    m_pause = new QPushButton(QIcon(QStringLiteral(":/icons/pause.svg")), QString(), this);
    m_pause->setObjectName(QStringLiteral("studyPause"));
    m_stop = new QPushButton(QIcon(QStringLiteral(":/icons/stop.svg")), QString(), this);
    m_stop->setObjectName(QStringLiteral("studyStop"));
    m_export = new QPushButton(this);
    m_export->setObjectName(QStringLiteral("studyExport"));
    auto *buttons = new QHBoxLayout;
    for (auto *b : {m_start, m_continue, m_pause, m_stop, m_export})
        buttons->addWidget(b);
    buttons->addStretch(1);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("studyProgress"));
    m_progress->setRange(0, 1000);
    m_progressText = new QLabel(this);
    m_progressText->setObjectName(QStringLiteral("studyProgressText"));
    m_progressText->setWordWrap(true);

    m_metricLabel = m_labels[6];
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("studyMetric"));
    auto *metricRow = new QHBoxLayout;
    metricRow->addWidget(m_metricLabel);
    metricRow->addWidget(m_metric, 1);

    m_plot = new ql::widgets::StudyPlot(this);
    m_verdicts = new QLabel(this);
    m_verdicts->setObjectName(QStringLiteral("studyVerdicts"));
    m_verdicts->setWordWrap(true);
    m_verdicts->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressText);
    layout->addLayout(metricRow);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_verdicts);

    connect(m_start, &QPushButton::clicked, this, [this] { Q_EMIT startRequested(request()); });
    connect(m_continue, &QPushButton::clicked, this, [this] {
        StudyRequest r = request();
        r.folder = m_view.folder.isEmpty() ? m_folder->text() : m_view.folder;
        r.resume = true;
        Q_EMIT startRequested(r);
    });
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_state == TrainingController::State::Paused)
            Q_EMIT resumeRequested();
        else
            Q_EMIT pauseRequested();
    });
    connect(m_stop, &QPushButton::clicked, this, &StudyPanel::stopRequested);
    connect(m_export, &QPushButton::clicked, this, &StudyPanel::exportWithDialog);
    connect(m_chooseFolder, &QPushButton::clicked, this, &StudyPanel::chooseFolder);
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    connect(m_plot, &ql::widgets::StudyPlot::pointClicked, this, &StudyPanel::onPointClicked);
    // Standard and SGT: at least one.
    connect(m_standard, &QCheckBox::toggled, this, [this](bool on) {
        if (!on && !m_sgt->isChecked())
            m_sgt->setChecked(true);
    });
    connect(m_sgt, &QCheckBox::toggled, this, [this](bool on) {
        if (!on && !m_standard->isChecked())
            m_standard->setChecked(true);
    });
    retranslateUi();
    setState(TrainingController::State::Idle, false);
}

void StudyPanel::retranslateUi()
{
    m_labels[0]->setText(tr("Bit-widths:"));
    m_bits->setToolTip(tr("Comma-separated: float, 1 to 8 (weights = activations), or W/A "
                          "such as 4/8"));
    m_labels[1]->setText(tr("Training:"));
    m_standard->setText(tr("Standard"));
    m_sgt->setText(tr("Saliency-guided"));
    m_labels[2]->setText(tr("Seeds:"));
    m_seeds->setToolTip(tr("Each seed trains the whole grid again; the spread over seeds is "
                           "reported with the intervals"));
    m_labels[3]->setText(tr("Epochs (float, fine-tune):"));
    m_floatEpochs->setToolTip(tr("Epochs of the float model, trained once per seed"));
    m_fineTuneEpochs->setToolTip(
        tr("Epochs of each configuration's quantization-aware fine-tune from the float model"));
    m_fromScratch->setText(tr("From scratch"));
    m_fromScratch->setToolTip(tr("Train every configuration from scratch for both budgets "
                                 "instead of fine-tuning the float model"));
    m_labels[4]->setText(tr("Test images:"));
    m_evalImages->setToolTip(tr("Class-balanced test images for the saliency metrics"));
    m_labels[5]->setText(tr("Folder:"));
    m_folder->setPlaceholderText(tr("new folder in the work folder (saved with the session)"));
    m_chooseFolder->setText(tr("Choose…"));
    m_start->setText(tr("Start study"));
    m_start->setToolTip(tr("Start a new study with these options"));
    m_continue->setText(tr("Continue"));
    m_continue->setToolTip(tr("Continue the study in its folder with the settings it was "
                              "started with; finished configurations are not trained again"));
    m_pause->setText(m_state == TrainingController::State::Paused && m_running ? tr("Resume")
                                                                               : tr("Pause"));
    m_stop->setText(tr("Stop"));
    m_export->setText(tr("Export figure…"));
    m_metricLabel->setText(tr("Show:"));
    m_plot->setSeriesName(0, tr("standard"));
    m_plot->setSeriesName(1, tr("saliency-guided"));
    // The metric names, the axes, the tool tips and the progress line in the new language.
    const QString key = metric();
    {
        const QSignalBlocker block(m_metric);
        m_metric->clear();
        QVector<QPair<QString, QString>> metrics = m_view.metrics;
        if (metrics.isEmpty())
            metrics = {{kAccuracyKey, QString()},
                       {QStringLiteral("modification_gap"), QString()},
                       {QStringLiteral("deletion_auc"), QString()},
                       {QStringLiteral("insertion_auc"), QString()},
                       {QStringLiteral("agreement_spearman"), QString()}};
        for (const auto &[k, label] : metrics)
            m_metric->addItem(metricLabel(k).isEmpty() ? label : metricLabel(k), k);
        m_metric->addItem(metricLabel(kSizeKey), kSizeKey);
        const int index = m_metric->findData(key);
        m_metric->setCurrentIndex(index >= 0 ? index : 0);
    }
    if (m_haveProgress)
        showProgress(m_lastProgress);
    else if (!m_finishedText.isEmpty())
        m_progressText->setText(m_finishedText);
    redraw();
}

void StudyPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QString StudyPanel::metricLabel(const QString &key) const
{
    if (key == kAccuracyKey)
        return tr("Test accuracy (%)");
    if (key == QLatin1String("modification_auc"))
        return tr("Modification AUC, salient pixels first (lower: more faithful)");
    if (key == QLatin1String("random_auc"))
        return tr("Modification AUC, random pixels");
    if (key == QLatin1String("modification_gap"))
        return tr("Modification gap: random minus salient AUC (higher: more faithful)");
    if (key == QLatin1String("deletion_auc"))
        return tr("Deletion AUC (lower: more faithful)");
    if (key == QLatin1String("insertion_auc"))
        return tr("Insertion AUC (higher: more faithful)");
    if (key == QLatin1String("gini"))
        return tr("Gini of the maps (higher: sparser)");
    if (key == QLatin1String("agreement_spearman"))
        return tr("Agreement with the float model's maps (Spearman)");
    if (key == kSizeKey)
        return tr("Model size (KiB)");
    return {};
}

QString StudyPanel::bitsLabel(const QString &bits) const
{
    return bits == QLatin1String("float") ? tr("float") : bits;
}

StudyRequest StudyPanel::request() const
{
    StudyRequest r;
    r.bits = m_bits->text().trimmed();
    r.standard = m_standard->isChecked();
    r.sgt = m_sgt->isChecked();
    r.seeds = m_seeds->value();
    r.floatEpochs = m_floatEpochs->value();
    r.fineTuneEpochs = m_fineTuneEpochs->value();
    r.fromScratch = m_fromScratch->isChecked();
    r.evalImages = m_evalImages->value();
    r.folder = m_folder->text().trimmed();
    return r;
}

void StudyPanel::setRequest(const StudyRequest &r)
{
    m_bits->setText(r.bits);
    m_standard->setChecked(true); // never both off in between
    m_sgt->setChecked(r.sgt);
    m_standard->setChecked(r.standard);
    m_seeds->setValue(r.seeds);
    m_floatEpochs->setValue(r.floatEpochs);
    m_fineTuneEpochs->setValue(r.fineTuneEpochs);
    m_fromScratch->setChecked(r.fromScratch);
    m_evalImages->setValue(r.evalImages);
    m_folder->setText(r.folder);
}

QString StudyPanel::metric() const
{
    const QString key = m_metric->currentData().toString();
    return key.isEmpty() ? kAccuracyKey : key;
}

bool StudyPanel::setMetric(const QString &key)
{
    const int index = m_metric->findData(key);
    if (index < 0)
        return false;
    m_metric->setCurrentIndex(index);
    return true;
}

void StudyPanel::showView(const StudyView &view)
{
    const bool metricsChanged = view.metrics != m_view.metrics;
    m_view = view;
    if (metricsChanged)
        retranslateUi(); // rebuilds the metric list (and redraws)
    else
        redraw();
    m_continue->setEnabled(!m_running && !m_view.folder.isEmpty() &&
                           m_view.finishedCells < m_view.totalCells);
}

QString StudyPanel::pointToolTip(const StudyPointView &point) const
{
    const QLocale locale;
    QStringList lines;
    lines << tr("%1 bits, %2 (%n seed(s))", "", point.seeds)
                 .arg(bitsLabel(point.bits), point.sgt ? tr("saliency-guided") : tr("standard"));
    for (const auto &[key, label] : m_view.metrics) {
        const auto it = point.metrics.find(key);
        if (it == point.metrics.end())
            continue;
        const double scale = displayScale(key);
        const int decimals = key == kAccuracyKey ? 2 : 3;
        lines << tr("%1: %2 [%3, %4]")
                     .arg(metricLabel(key).isEmpty() ? label : metricLabel(key),
                          locale.toString(scale * it->value, 'f', decimals),
                          locale.toString(scale * it->low, 'f', decimals),
                          locale.toString(scale * it->high, 'f', decimals));
    }
    lines << tr("Model size: %1 KiB").arg(locale.toString(point.modelBytes / 1024.0, 'f', 1));
    lines << tr("[ ]: bootstrap 95% interval over test images. Click to compare this model's "
                "saliency maps with its float model's.");
    return lines.join(QLatin1Char('\n'));
}

void StudyPanel::redraw()
{
    const QString key = metric();
    const double scale = displayScale(key);
    QStringList categories;
    for (const QString &bits : m_view.bits)
        categories << bitsLabel(bits);
    m_plot->setCategories(categories);
    QVector<ql::widgets::StudyPlotPoint> series[2];
    for (auto &index : m_pointIndex)
        index.clear();
    for (int i = 0; i < m_view.points.size(); ++i) {
        const StudyPointView &p = m_view.points[i];
        const int category = int(m_view.bits.indexOf(p.bits));
        if (category < 0)
            continue;
        ql::widgets::StudyPlotPoint point;
        point.category = category;
        if (key == kSizeKey) {
            point.value = point.low = point.high = p.modelBytes / 1024.0;
        } else {
            const auto it = p.metrics.find(key);
            if (it == p.metrics.end())
                continue;
            point.value = scale * it->value;
            point.low = scale * it->low;
            point.high = scale * it->high;
        }
        point.toolTip = pointToolTip(p);
        series[p.sgt ? 1 : 0].push_back(point);
        m_pointIndex[p.sgt ? 1 : 0].push_back(i);
    }
    // StudyPlot sorts by category: keep the index map in the same order.
    for (int s = 0; s < 2; ++s) {
        QVector<int> order(series[s].size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            return series[s][a].category < series[s][b].category;
        });
        QVector<ql::widgets::StudyPlotPoint> sorted;
        QVector<int> index;
        for (int o : order) {
            sorted << series[s][o];
            index << m_pointIndex[s][o];
        }
        m_pointIndex[s] = index;
        m_plot->setPoints(s, sorted);
    }
    m_plot->setAxisLabels(tr("bits (weights/activations)"), m_metric->currentText());

    QStringList verdicts;
    for (const QString &bits : m_view.bits)
        if (const auto it = m_view.verdicts.find(bits); it != m_view.verdicts.end())
            verdicts << tr("%1 bits: %2").arg(bitsLabel(bits), it.value());
    m_verdicts->setText(verdicts.isEmpty()
                            ? QString()
                            : tr("SGT minus standard (paired, 95% intervals):") +
                                  QLatin1Char('\n') + verdicts.join(QLatin1Char('\n')));
}

void StudyPanel::showProgress(const StudyProgress &progress)
{
    m_lastProgress = progress;
    m_haveProgress = true;
    const double fraction = std::clamp(progress.fraction, 0.0, 1.0);
    m_progress->setValue(int(std::lround(1000.0 * fraction)));
    // Time left from this run's own pace (a continued study starts at the finished part).
    if (m_startFraction < 0 || !m_clock.isValid()) {
        m_clock.start();
        m_startFraction = fraction;
    }
    const double seconds = m_clock.elapsed() / 1000.0;
    const double rate = seconds > 5 ? (fraction - m_startFraction) / seconds : 0;
    QString text = tr("%1 of %2 trainings done; now: %3 (%4 of %5 configurations finished)")
                       .arg(progress.runsDone)
                       .arg(progress.runsTotal)
                       .arg(isolateLtr(progress.what))
                       .arg(m_view.finishedCells)
                       .arg(m_view.totalCells);
    if (rate > 0) {
        const double left = (1.0 - fraction) / rate;
        text += QLatin1Char(' ') +
                (left < 90 ? tr("About %n second(s) left.", "", int(std::lround(left)))
                           : tr("About %n minute(s) left.", "", int(std::lround(left / 60))));
    }
    m_progressText->setText(text);
}

void StudyPanel::setState(TrainingController::State state, bool studyRunning)
{
    m_state = state;
    m_running = studyRunning && state != TrainingController::State::Idle;
    const bool idle = state == TrainingController::State::Idle;
    m_start->setEnabled(idle);
    m_continue->setEnabled(idle && !m_view.folder.isEmpty() &&
                           m_view.finishedCells < m_view.totalCells);
    m_pause->setEnabled(m_running && (state == TrainingController::State::Running ||
                                      state == TrainingController::State::Paused));
    m_stop->setEnabled(m_pause->isEnabled());
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_bits, m_standard, m_sgt, m_seeds, m_floatEpochs, m_fineTuneEpochs, m_fromScratch,
             m_evalImages, m_folder, m_chooseFolder})
        w->setEnabled(idle);
    m_pause->setText(state == TrainingController::State::Paused && m_running ? tr("Resume")
                                                                             : tr("Pause"));
}

void StudyPanel::showFinished(bool ok, const QString &message)
{
    Q_UNUSED(ok)
    m_haveProgress = false;
    m_startFraction = -1; // the next run of a study measures its own pace
    m_finishedText = message;
    m_progressText->setText(message);
    if (ok)
        m_progress->setValue(m_progress->maximum());
}

bool StudyPanel::exportFigure(const QString &path, QString *error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("pdf"))
        ok = m_plot->exportPdf(path, 800, 500);
    else if (suffix == QLatin1String("png"))
        ok = m_plot->exportPng(path, 800, 500);
    else {
        if (error)
            *error = tr("Choose a file name ending in .png or .pdf.");
        return false;
    }
    if (!ok && error)
        *error = tr("Could not write %1.").arg(isolateLtr(path));
    return ok;
}

void StudyPanel::relocate(const QString &folder)
{
    const QString old = m_view.folder;
    auto moved = [&](const QString &path) {
        return path.startsWith(old + QLatin1Char('/')) ? folder + path.mid(old.size()) : path;
    };
    for (auto &p : m_view.points) {
        p.checkpoint = moved(p.checkpoint);
        p.referenceCheckpoint = moved(p.referenceCheckpoint);
    }
    m_view.folder = folder;
    m_view.temporaryFolder = false;
}

void StudyPanel::exportWithDialog()
{
    const QString start = m_view.folder.isEmpty()
                              ? QStringLiteral("study-figure.png")
                              : m_view.folder + QStringLiteral("/study-figure.png");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the study figure"), start,
                                                      tr("PNG image (*.png);;PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportFigure(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

void StudyPanel::chooseFolder()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Study folder"), m_folder->text());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

void StudyPanel::onPointClicked(int series, int index)
{
    if (series < 0 || series > 1 || index < 0 || index >= m_pointIndex[series].size())
        return;
    const StudyPointView &p = m_view.points.at(m_pointIndex[series][index]);
    Q_EMIT modelRequested(
        p.referenceCheckpoint, p.checkpoint,
        tr("%1 bits, %2").arg(bitsLabel(p.bits), p.sgt ? tr("saliency-guided") : tr("standard")));
}

} // namespace ql::app
