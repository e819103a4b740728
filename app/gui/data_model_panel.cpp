// SPDX-License-Identifier: MIT
#include "app/gui/data_model_panel.h"

#include "core/registry.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace ql::app {

namespace {
constexpr int kDefaultFineTuneSteps = 400; // about 90 s of SGT + PACT 4-bit on 2 cores (MNIST)
constexpr int kMaxResize = 1024;           // core::kMaxModelImageSize
const QString kFolderDataset = QStringLiteral("folder");
const QString kFolderPrefix = QStringLiteral("folder:");
// Names from core::registry: the lists the CLI and the config parser read too.
void addNames(QComboBox *combo, const std::vector<std::string> &names)
{
    for (const std::string &name : names)
        combo->addItem(QString::fromStdString(name), QString::fromStdString(name));
}
} // namespace

DataModelPanel::DataModelPanel(QWidget *parent) : QWidget(parent)
{
    m_form = new QFormLayout(this);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (auto &label : m_labels)
        label = new QLabel(this);

    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("dataset"));
    addNames(m_dataset, core::registry::datasets());
    m_dataset->addItem(QString(), kFolderDataset); // the user's own labelled image folders
    m_dataDir = new QLineEdit(this);
    m_dataDir->setObjectName(QStringLiteral("dataDir"));
    m_browse = new QPushButton(this);
    m_fetch = new QPushButton(this);
    m_fetch->setObjectName(QStringLiteral("fetchButton"));
    // The path gets the whole row; the buttons sit under it (a narrow dock would squeeze it).
    auto *dirRow = new QVBoxLayout;
    dirRow->addWidget(m_dataDir);
    auto *dirButtons = new QHBoxLayout;
    dirButtons->addWidget(m_browse);
    dirButtons->addWidget(m_fetch);
    dirButtons->addStretch(1);
    dirRow->addLayout(dirButtons);
    m_folderInfo = new QLabel(this);
    m_folderInfo->setObjectName(QStringLiteral("folderSummary"));
    m_folderInfo->setWordWrap(true);
    m_folderInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    dirRow->addWidget(m_folderInfo);
    m_resize = new QSpinBox(this);
    m_resize->setObjectName(QStringLiteral("imageResize"));
    m_resize->setRange(0, kMaxResize);
    m_resize->setValue(0);
    m_scanDelay = new QTimer(this);
    m_scanDelay->setSingleShot(true);
    m_scanDelay->setInterval(300); // typing a path: scan once it rests
    m_latestScan = std::make_shared<std::atomic<quint64>>(0);

    m_arch = new QComboBox(this);
    m_arch->setObjectName(QStringLiteral("architecture"));
    addNames(m_arch, core::registry::models());
    m_sgtStandard = new QCheckBox(this);
    m_sgtQuantized = new QCheckBox(this);
    m_sgtQuantized->setChecked(true);
    m_maskFraction = new QDoubleSpinBox(this);
    m_maskFraction->setRange(0.0, 0.95);
    m_maskFraction->setSingleStep(0.05);
    m_maskFraction->setValue(0.5);
    m_klWeight = new QDoubleSpinBox(this);
    m_klWeight->setRange(0.0, 100.0);
    m_klWeight->setValue(1.0);
    m_maskFraction->setObjectName(QStringLiteral("maskFraction"));
    m_epochs = new QSpinBox(this);
    m_epochs->setObjectName(QStringLiteral("epochs"));
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(2);
    m_batch = new QSpinBox(this);
    m_batch->setRange(1, 4096);
    m_batch->setValue(128);
    m_optimizer = new QComboBox(this);
    addNames(m_optimizer, core::registry::optimizers());
    m_lr = new QDoubleSpinBox(this);
    m_lr->setObjectName(QStringLiteral("learningRate"));
    m_lr->setDecimals(5);
    m_lr->setRange(1e-5, 10.0);
    m_lr->setSingleStep(0.01);
    m_lr->setValue(1.0);
    m_trainLimit = new QSpinBox(this);
    m_trainLimit->setRange(0, 10000000);
    m_trainLimit->setSingleStep(1000);
    m_schedule = new QComboBox(this);
    m_schedule->setObjectName(QStringLiteral("schedule"));
    addNames(m_schedule, core::registry::schedules());
    m_fineTuneSteps = new QSpinBox(this);
    m_fineTuneSteps->setObjectName(QStringLiteral("fineTuneSteps"));
    m_fineTuneSteps->setRange(10, 1000000);
    m_fineTuneSteps->setSingleStep(50);
    m_fineTuneSteps->setValue(kDefaultFineTuneSteps);
    m_fromScratch = new QCheckBox(this);
    m_fromScratch->setObjectName(QStringLiteral("quantizedFromScratch"));

    m_form->addRow(m_labels[0], m_dataset);
    m_form->addRow(m_labels[1], dirRow);
    m_form->addRow(new QLabel(this), m_resize);
    m_form->addRow(m_labels[2], m_arch);
    m_form->addRow(m_labels[3], m_sgtStandard);
    m_form->addRow(m_labels[4], m_sgtQuantized);
    m_form->addRow(m_labels[5], m_maskFraction);
    m_form->addRow(m_labels[6], m_klWeight);
    m_form->addRow(m_labels[7], m_epochs);
    m_form->addRow(m_labels[8], m_batch);
    m_form->addRow(m_labels[9], m_optimizer);
    m_form->addRow(m_labels[10], m_lr);
    m_form->addRow(new QLabel(this), m_schedule);
    m_form->addRow(new QLabel(this), m_trainLimit);
    m_form->addRow(new QLabel(this), m_fineTuneSteps);
    m_form->addRow(new QLabel(this), m_fromScratch);

    connect(m_browse, &QPushButton::clicked, this, &DataModelPanel::browse);
    connect(m_fetch, &QPushButton::clicked, this,
            [this] { Q_EMIT fetchRequested(dataset(), dataDir()); });
    connect(m_dataset, &QComboBox::currentIndexChanged, this, [this] {
        // CIFAR models by default on CIFAR, the paper's MNIST net otherwise.
        m_arch->setCurrentIndex(dataset() == QLatin1String("cifar10") ? 2 : 0);
        updateFolderRows();
        if (isFolder())
            scheduleFolderScan();
        Q_EMIT modelChanged(); // input channels and size change with the data set
    });
    connect(m_scanDelay, &QTimer::timeout, this, &DataModelPanel::startFolderScan);
    connect(m_resize, &QSpinBox::valueChanged, this, [this] {
        showFolderScan();
        Q_EMIT modelChanged(); // the input size changes
    });
    connect(m_arch, &QComboBox::currentIndexChanged, this, &DataModelPanel::modelChanged);
    connect(m_lr, &QDoubleSpinBox::editingFinished, this,
            [this] { Q_EMIT learningRateChanged(m_lr->value()); });
    // The path is long and its beginning tells where it is: show it from the start, and the
    // whole of it in the tool tip.
    connect(m_dataDir, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_dataDir->setToolTip(text);
        if (!m_dataDir->hasFocus())
            m_dataDir->setCursorPosition(0);
        if (isFolder())
            scheduleFolderScan();
    });
    connect(m_optimizer, &QComboBox::currentIndexChanged, this, [this] {
        const QString name = m_optimizer->currentData().toString();
        m_lr->setValue(name == QLatin1String("adadelta") ? 1.0
                       : name == QLatin1String("sgd")    ? 0.05
                                                         : 0.003);
    });
    // The best measured recipe (core::useRecommendedRecipe): Adam, one-cycle, peak 0.003.
    ql::core::TrainingConfig recipe;
    ql::core::useRecommendedRecipe(recipe);
    m_optimizer->setCurrentIndex(
        m_optimizer->findData(QString::fromStdString(recipe.optimizer.name)));
    m_lr->setValue(recipe.optimizer.learningRate);
    m_schedule->setCurrentIndex(m_schedule->findData(QString::fromStdString(recipe.schedule.name)));
    retranslateUi();
    updateFolderRows();
}

bool DataModelPanel::isFolder() const
{
    return dataset() == kFolderDataset;
}

void DataModelPanel::updateFolderRows()
{
    const bool folder = isFolder();
    m_form->setRowVisible(m_resize, folder);
    m_fetch->setVisible(!folder);
    m_folderInfo->setVisible(folder);
    m_dataDir->setPlaceholderText(folder ? tr("folder with one sub-folder of images per class")
                                         : tr("folder with the data set's files"));
    showFolderScan();
}

void DataModelPanel::scheduleFolderScan()
{
    // The running scan (if any) is out of date from now on: it stops at its next file.
    m_latestScan->store(++m_scanGeneration);
    m_scanPending = true;
    showFolderScan();
    m_scanDelay->start();
}

void DataModelPanel::startFolderScan()
{
    const QString dir = QDir::cleanPath(dataDir());
    const quint64 generation = ++m_scanGeneration;
    m_latestScan->store(generation);
    if (!isFolder() || dataDir().isEmpty()) {
        m_scanPending = false;
        m_scan = ImageFolderInfo{};
        showFolderScan();
        return;
    }
    m_scanPending = true;
    showFolderScan();
    // Listing and reading the headers of a big folder takes seconds: never on the UI thread.
    // The result comes back as a queued call into the UI thread (dropped if the panel is
    // gone, or ignored if a newer scan started).
    const std::shared_ptr<std::atomic<quint64>> latest = m_latestScan;
    const QPointer<DataModelPanel> self(this);
    QThreadPool::globalInstance()->start([dir, generation, latest, self] {
        const ImageFolderInfo info =
            scanImageFolder(dir, [&] { return latest->load() != generation; });
        if (latest->load() != generation)
            return;
        if (QCoreApplication *app = QCoreApplication::instance())
            QMetaObject::invokeMethod(
                app,
                [self, generation, info] {
                    if (self)
                        self->onFolderScanned(generation, info);
                },
                Qt::QueuedConnection);
    });
}

void DataModelPanel::onFolderScanned(quint64 generation, const ImageFolderInfo &scan)
{
    if (generation != m_scanGeneration)
        return; // a newer scan is under way
    m_scanPending = false;
    m_scan = scan;
    showFolderScan();
    Q_EMIT modelChanged(); // classes, channels and size come from the folder
    Q_EMIT folderScanned(scan.dir, scan.error);
}

void DataModelPanel::showFolderScan()
{
    if (!isFolder()) {
        m_folderInfo->clear();
        return;
    }
    QString text;
    bool problem = false;
    if (dataDir().isEmpty()) {
        text = tr("Choose a folder with one sub-folder of images per class (optionally inside "
                  "train/ and test/).");
    } else if (m_scanPending) {
        text = tr("Scanning %1…").arg(dataDir());
    } else if (!m_scan.error.isEmpty()) {
        text = tr("This folder cannot be used: %1").arg(m_scan.error);
        problem = true;
    } else if (!m_scan.classes.isEmpty()) {
        const QString colour = m_scan.channels == 1 ? tr("grey") : tr("colour");
        const QString sizes =
            m_scan.sameSize()
                ? tr("%1x%2 %3").arg(m_scan.minWidth).arg(m_scan.minHeight).arg(colour)
                : tr("%1 images of %2x%3 to %4x%5")
                      .arg(colour)
                      .arg(m_scan.minWidth)
                      .arg(m_scan.minHeight)
                      .arg(m_scan.maxWidth)
                      .arg(m_scan.maxHeight);
        text =
            tr("%1 classes (%2): %3 training and %4 test images%5; %6.")
                .arg(m_scan.classes.size())
                .arg(m_scan.classes.join(QStringLiteral(", ")))
                .arg(m_scan.trainImages)
                .arg(m_scan.testImages)
                .arg(m_scan.separateTest ? QString() : tr(" (every 5th image of a class held out)"))
                .arg(sizes);
        if (m_resize->value() > 0) {
            text += QLatin1Char(' ') + tr("Resized to %1x%1.").arg(m_resize->value());
        } else if (!m_scan.sameSize() || m_scan.minWidth != m_scan.minHeight) {
            text += QLatin1Char(' ') + tr("Choose a size under Resize images.");
            problem = true;
        }
    }
    m_folderInfo->setText(text);
    m_folderInfo->setStyleSheet(problem ? QStringLiteral("color: #c62828;") : QString());
}

int DataModelPanel::imageResize() const
{
    return m_resize->value();
}

void DataModelPanel::setImageResize(int side)
{
    m_resize->setValue(std::clamp(side, 0, kMaxResize));
}

bool DataModelPanel::folderScanPending() const
{
    return m_scanPending;
}

qint64 DataModelPanel::folderTrainImages() const
{
    const bool current = isFolder() && !m_scanPending && m_scan.error.isEmpty() &&
                         m_scan.dir == QDir::cleanPath(dataDir());
    return current ? m_scan.trainImages : 0;
}

QString DataModelPanel::folderSummary() const
{
    return isFolder() ? m_folderInfo->text() : QString();
}

void DataModelPanel::retranslateUi()
{
    m_labels[0]->setText(tr("Data set:"));
    m_labels[1]->setText(tr("Data folder:"));
    m_labels[2]->setText(tr("Model:"));
    m_labels[3]->setText(tr("Standard model:"));
    m_labels[4]->setText(tr("Quantized model:"));
    m_labels[5]->setText(tr("Masked fraction k:"));
    m_labels[6]->setText(tr("KL weight λ:"));
    m_labels[7]->setText(tr("Epochs:"));
    m_labels[8]->setText(tr("Batch size:"));
    m_labels[9]->setText(tr("Optimiser:"));
    m_labels[10]->setText(tr("Learning rate:"));
    if (auto *limitLabel = qobject_cast<QLabel *>(m_form->labelForField(m_trainLimit)))
        limitLabel->setText(tr("Training images:"));
    m_trainLimit->setSpecialValueText(tr("all"));
    auto setLabel = [this](QWidget *field, const QString &text) {
        if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(field)))
            label->setText(text);
    };
    setLabel(m_schedule, tr("Schedule:"));
    m_schedule->setToolTip(tr("Learning-rate schedule; one-cycle: the learning rate is the peak"));
    setLabel(m_fineTuneSteps, tr("Fine-tune steps:"));
    m_fineTuneSteps->setToolTip(
        tr("Budget of the quantization-aware fine-tune (the quantized model and Retrain), in "
           "batches; it starts from the standard model with calibrated PACT clip levels"));
    setLabel(m_fromScratch, QString());
    m_fromScratch->setText(tr("train the quantized model from scratch (epochs)"));
    m_browse->setText(tr("Browse…"));
    m_fetch->setText(tr("Download"));
    m_fetch->setToolTip(tr("Download the data set into the data folder"));
    m_sgtStandard->setText(tr("saliency-guided training"));
    m_sgtQuantized->setText(tr("saliency-guided training"));
    m_dataset->setItemText(m_dataset->findData(kFolderDataset), tr("image folder (your own)"));
    m_dataset->setItemData(m_dataset->findData(kFolderDataset),
                           tr("Your own labelled images: one sub-folder per class, optionally "
                              "inside train/ and test/"),
                           Qt::ToolTipRole);
    setLabel(m_resize, tr("Resize images to:"));
    m_resize->setSpecialValueText(tr("no resize"));
    m_resize->setSuffix(tr(" px"));
    m_resize->setToolTip(tr("Image folders: every image is resized to this many pixels square "
                            "(needed when the images have different sizes)"));
    updateFolderRows();
}

void DataModelPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DataModelPanel::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, isFolder() ? tr("Choose the image folder") : tr("Choose the data folder"), dataDir());
    if (!dir.isEmpty())
        setDataDir(dir);
}

ql::core::TrainingConfig DataModelPanel::baseConfig() const
{
    ql::core::TrainingConfig c;
    c.dataset = dataset().toStdString();
    c.dataDir = QDir::cleanPath(dataDir()).toStdString();
    c.model.arch = m_arch->currentData().toString().toStdString();
    const bool cifar = c.dataset == "cifar10";
    c.model.inChannels = cifar ? 3 : 1;
    c.model.imageSize = cifar ? 32 : 28;
    c.model.numClasses = 10;
    c.sgt.maskFraction = m_maskFraction->value();
    c.sgt.klWeight = m_klWeight->value();
    c.epochs = m_epochs->value();
    c.batchSize = m_batch->value();
    c.optimizer.name = m_optimizer->currentData().toString().toStdString();
    c.optimizer.learningRate = m_lr->value();
    c.schedule.name = m_schedule->currentData().toString().toStdString();
    c.augment = cifar;
    c.trainLimit = m_trainLimit->value();
    c.testLimit = c.trainLimit > 0 ? std::max<int64_t>(500, c.trainLimit / 5) : 0;
    if (isFolder()) {
        const QString dir = QDir::cleanPath(dataDir());
        c.dataset = (kFolderPrefix + dir).toStdString();
        c.resizeWidth = c.resizeHeight = m_resize->value();
        c.augment = false;
        // The folder's classes, colour and size (validationError refuses a job until the scan
        // of this folder has found them).
        if (m_scan.dir == dir && m_scan.error.isEmpty() && !m_scan.classes.isEmpty()) {
            c.model.inChannels = m_scan.channels;
            c.model.imageSize = c.resizeWidth > 0 ? c.resizeWidth : m_scan.minWidth;
            c.model.numClasses = std::max(2, static_cast<int>(m_scan.classes.size()));
        }
    }
    return c;
}

bool DataModelPanel::sgtFor(int slot) const
{
    return slot == 0 ? m_sgtStandard->isChecked() : m_sgtQuantized->isChecked();
}

void DataModelPanel::setFromConfigs(const ql::core::TrainingConfig &standard,
                                    const ql::core::TrainingConfig &quantized)
{
    const QString name = QString::fromStdString(standard.dataset);
    setDataset(name);
    if (!standard.dataDir.empty() && !name.startsWith(kFolderPrefix))
        setDataDir(QString::fromStdString(standard.dataDir));
    setImageResize(standard.resizeWidth);
    const int arch = m_arch->findData(QString::fromStdString(standard.model.arch));
    if (arch >= 0)
        m_arch->setCurrentIndex(arch);
    m_sgtStandard->setChecked(standard.sgt.enabled);
    m_sgtQuantized->setChecked(quantized.sgt.enabled);
    m_maskFraction->setValue(quantized.sgt.maskFraction);
    m_klWeight->setValue(quantized.sgt.klWeight);
    m_epochs->setValue(standard.epochs);
    m_batch->setValue(standard.batchSize);
    const int opt = m_optimizer->findData(QString::fromStdString(standard.optimizer.name));
    if (opt >= 0)
        m_optimizer->setCurrentIndex(opt);
    m_lr->setValue(standard.optimizer.learningRate);
    const int schedule = m_schedule->findData(QString::fromStdString(standard.schedule.name));
    if (schedule >= 0)
        m_schedule->setCurrentIndex(schedule);
    m_trainLimit->setValue(static_cast<int>(standard.trainLimit));
    if (quantized.maxSteps > 0)
        m_fineTuneSteps->setValue(
            static_cast<int>(std::min<int64_t>(quantized.maxSteps, m_fineTuneSteps->maximum())));
}

int DataModelPanel::fineTuneSteps() const
{
    return m_fineTuneSteps->value();
}

void DataModelPanel::setFineTuneSteps(int steps)
{
    m_fineTuneSteps->setValue(steps);
}

bool DataModelPanel::quantizedFromScratch() const
{
    return m_fromScratch->isChecked();
}

QString DataModelPanel::dataDir() const
{
    return m_dataDir->text().trimmed();
}
void DataModelPanel::setDataDir(const QString &dir)
{
    m_dataDir->setText(dir);
    m_dataDir->setCursorPosition(0);
}
QString DataModelPanel::dataset() const
{
    return m_dataset->currentData().toString();
}

bool DataModelPanel::setDataset(const QString &name)
{
    if (name.startsWith(kFolderPrefix)) {
        m_dataset->setCurrentIndex(m_dataset->findData(kFolderDataset));
        setDataDir(name.mid(kFolderPrefix.size()));
        return true;
    }
    const int index = m_dataset->findData(name);
    if (index < 0)
        return false;
    m_dataset->setCurrentIndex(index);
    return true;
}

void DataModelPanel::setTrainLimit(qint64 samples)
{
    m_trainLimit->setValue(static_cast<int>(samples));
}

void DataModelPanel::setTrainingActive(bool active)
{
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_dataset, m_dataDir, m_browse, m_fetch, m_arch, m_sgtStandard, m_sgtQuantized,
             m_maskFraction, m_klWeight, m_epochs, m_batch, m_optimizer, m_trainLimit, m_schedule,
             m_fineTuneSteps, m_fromScratch, m_resize})
        w->setEnabled(!active);
    m_lr->setEnabled(true);
    m_lr->setToolTip(active ? tr("Changes the learning rate of the running optimiser when you "
                                 "leave the field")
                            : QString());
}

double DataModelPanel::learningRate() const
{
    return m_lr->value();
}

void DataModelPanel::setLearningRate(double lr)
{
    m_lr->setValue(lr);
}

QString DataModelPanel::validationError() const
{
    if (dataDir().isEmpty())
        return tr("Choose a data folder first (or press Download to get the data set).");
    if (!QFileInfo(dataDir()).isDir())
        return tr("The data folder %1 does not exist.").arg(dataDir());
    if (!isFolder())
        return {};
    if (m_scanPending || m_scan.dir != QDir::cleanPath(dataDir()))
        return tr("The image folder is still being scanned: try again in a moment.");
    if (!m_scan.error.isEmpty())
        return tr("The image folder %1 cannot be used: %2").arg(dataDir(), m_scan.error);
    if (m_resize->value() == 0 && !m_scan.sameSize())
        return tr("The images in %1 have different sizes (%2x%3 to %4x%5): choose a size under "
                  "Resize images.")
            .arg(dataDir())
            .arg(m_scan.minWidth)
            .arg(m_scan.minHeight)
            .arg(m_scan.maxWidth)
            .arg(m_scan.maxHeight);
    if (m_resize->value() == 0 && m_scan.minWidth != m_scan.minHeight)
        return tr("The images in %1 are %2x%3, not square: the models take square images, "
                  "choose a size under Resize images.")
            .arg(dataDir())
            .arg(m_scan.minWidth)
            .arg(m_scan.minHeight);
    return {};
}

} // namespace ql::app
