// SPDX-License-Identifier: MIT
// MainWindow: actions, menus, settings, language and the About box.
#include "app/gui/main_window.h"
#include "app/gui/model_exporter.h"

#include "app/gui/bit_width_coordinator.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/engine.h"
#include "app/gui/gallery_controls.h"
#include "app/gui/language_manager.h"
#include "app/gui/log_panel.h"
#include "app/gui/open_images.h"
#include "app/gui/plots_panel.h"
#include "app/gui/saliency_panel.h"
#include "app/gui/training_panel.h"
#include "widgets/bidi_text.h"
#include "widgets/saliency_compare_view.h"
#include "widgets/training_plot.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>

#include <opencv2/core/version.hpp>

namespace ql::app {

namespace {
constexpr int kMaxRecentSessions = 6;
// File > Open Images… / Open Image Folder… / Export Gallery Predictions…: found by name (the
// window's header keeps no member for them).
constexpr auto kOpenImages = "openImagesAction";
constexpr auto kOpenImageFolder = "openImageFolderAction";
constexpr auto kExportGallery = "exportGalleryAction";
} // namespace

void MainWindow::createActions()
{
    m_openAction = new QAction(QIcon(QStringLiteral(":/icons/open.svg")), QString(), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Open a session folder"),
            QSettings().value(QStringLiteral("lastSessionDir")).toString());
        if (!dir.isEmpty())
            openSession(dir);
    });
    m_saveAction = new QAction(QIcon(QStringLiteral(":/icons/save.svg")), QString(), this);
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAsAction = new QAction(this);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    auto saveAs = [this] {
        const QString dir = QFileDialog::getExistingDirectory(
            this, tr("Save the session into a folder"),
            QSettings().value(QStringLiteral("lastSessionDir")).toString());
        if (!dir.isEmpty())
            saveSession(dir);
        else
            m_quitAfterSave = false; // the quit question's "Save" was cancelled
    };
    connect(m_saveAction, &QAction::triggered, this, [this, saveAs] {
        if (m_sessionDir.isEmpty())
            saveAs();
        else
            saveSession(m_sessionDir);
    });
    connect(m_saveAsAction, &QAction::triggered, this, saveAs);
    m_exportAction = new QAction(this);
    connect(m_exportAction, &QAction::triggered, m_saliency->compareView(),
            &ql::widgets::SaliencyCompareView::exportWithDialog);
    m_exportPlotAction = new QAction(this);
    connect(m_exportPlotAction, &QAction::triggered, m_plots->lossPlot(),
            &ql::widgets::TrainingPlot::exportWithDialog);
    for (const bool folder : {false, true}) {
        auto *open = new QAction(this);
        open->setObjectName(QLatin1String(folder ? kOpenImageFolder : kOpenImages));
        if (!folder)
            open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
        // Same path as a drop: the drop filter scans folders off the UI thread.
        connect(open, &QAction::triggered, this, [this, folder] {
            const QStringList paths = pickImages(this, folder);
            if (paths.isEmpty())
                return;
            m_saliencyDock->show();
            m_saliencyDock->raise();
            m_saliency->openPaths(paths);
        });
    }
    auto *exportGallery = new QAction(this);
    exportGallery->setObjectName(QLatin1String(kExportGallery));
    connect(exportGallery, &QAction::triggered, m_saliency->galleryControls(),
            &GalleryControls::exportWithDialog);
    // File > Export Model...: written on the inference thread (model_exporter.h).
    m_modelExporter = new ModelExporter(m_inference, this);
    connect(m_modelExporter, &ModelExporter::logMessage, this,
            [this](const QString &line) { m_log->append(line); });
    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_fullScreenAction = new QAction(this);
    m_fullScreenAction->setShortcut(QKeySequence::FullScreen);
    m_fullScreenAction->setCheckable(true);
    connect(m_fullScreenAction, &QAction::toggled, this,
            [this](bool on) { on ? showFullScreen() : showNormal(); });

    m_startAction = new QAction(QIcon(QStringLiteral(":/icons/start.svg")), QString(), this);
    m_startAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startTraining);
    m_startOverAction = new QAction(this);
    connect(m_startOverAction, &QAction::triggered, this, &MainWindow::startOver);
    m_pauseAction = new QAction(QIcon(QStringLiteral(":/icons/pause.svg")), QString(), this);
    m_pauseAction->setEnabled(false);
    connect(m_pauseAction, &QAction::triggered, this, [this] {
        if (m_controller->state() == TrainingController::State::Paused)
            m_controller->resume();
        else
            m_controller->pause();
    });
    m_stopAction = new QAction(QIcon(QStringLiteral(":/icons/stop.svg")), QString(), this);
    m_stopAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_stopAction->setEnabled(false);
    connect(m_stopAction, &QAction::triggered, m_controller, &TrainingController::stop);

    m_languageGroup = new QActionGroup(this);
    for (const QString &code : LanguageManager::languages()) {
        auto *action = new QAction(LanguageManager::nativeName(code), m_languageGroup);
        action->setCheckable(true);
        action->setData(code);
        action->setChecked(code == QLatin1String("en"));
        connect(action, &QAction::triggered, this, [this, code] { setLanguage(code); });
    }
    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::about);
    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addAction(m_saveAction);
    m_fileMenu->addAction(m_saveAsAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(findChild<QAction *>(QLatin1String(kOpenImages)));
    m_fileMenu->addAction(findChild<QAction *>(QLatin1String(kOpenImageFolder)));
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_exportAction);
    m_fileMenu->addAction(findChild<QAction *>(QLatin1String(kExportGallery)));
    m_fileMenu->addAction(m_exportPlotAction);
    m_fileMenu->addAction(m_modelExporter->action());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_fullScreenAction);
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : {m_setupDock, m_trainingDock, m_bitsDock, m_saliencyDock,
                              m_confusionDock, m_logDock, m_studyDock})
        m_viewMenu->addAction(dock->toggleViewAction());
    m_trainMenu = menuBar()->addMenu(QString());
    m_trainMenu->addAction(m_startAction);
    m_trainMenu->addAction(m_startOverAction);
    m_trainMenu->addAction(m_pauseAction);
    m_trainMenu->addAction(m_stopAction);
    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(m_sessionDir.isEmpty()
                       ? tr("QuantLens")
                       : tr("QuantLens — %1")
                             .arg(ql::widgets::isolateLtr(QFileInfo(m_sessionDir).fileName())));
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Recent sessions"));
    m_viewMenu->setTitle(tr("&View"));
    m_trainMenu->setTitle(tr("&Training"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_openAction->setText(tr("&Open Session…"));
    m_saveAction->setText(tr("&Save Session"));
    m_saveAsAction->setText(tr("Save Session &As…"));
    m_exportAction->setText(tr("&Export Comparison as PNG…"));
    m_exportPlotAction->setText(tr("Export &Loss Plot…"));
    findChild<QAction *>(QLatin1String(kOpenImages))->setText(tr("Open &Images…"));
    findChild<QAction *>(QLatin1String(kOpenImageFolder))->setText(tr("Open Image &Folder…"));
    findChild<QAction *>(QLatin1String(kExportGallery))
        ->setText(tr("Export &Gallery Predictions as CSV…"));
    m_modelExporter->retranslate();
    m_quitAction->setText(tr("&Quit"));
    m_fullScreenAction->setText(tr("&Full Screen"));
    m_startAction->setText(tr("&Start / Continue"));
    m_startOverAction->setText(tr("Start &Over"));
    m_pauseAction->setText(tr("&Pause / Resume"));
    m_stopAction->setText(tr("S&top"));
    m_aboutAction->setText(tr("&About QuantLens"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_setupDock->setWindowTitle(tr("Data and model"));
    m_trainingDock->setWindowTitle(tr("Training"));
    m_bitsDock->setWindowTitle(tr("Bit-widths"));
    m_saliencyDock->setWindowTitle(tr("Saliency"));
    m_confusionDock->setWindowTitle(tr("Confusion matrices"));
    m_logDock->setWindowTitle(tr("Log"));
    retranslateStudy();
    setStatus(m_statusText); // composed again in the new language (and number format)
    if (m_lastJobOk && !m_controller->isBusy())
        m_training->setStatusText(tr("Training finished."));
    m_bitsCoordinator->refreshStats();
    updateRecentMenu();
}

bool MainWindow::setLanguage(const QString &code)
{
    if (!m_language->setLanguage(code))
        return false;
    for (QAction *action : m_languageGroup->actions())
        action->setChecked(action->data().toString() == code);
    QSettings().setValue(QStringLiteral("language"), code);
    return true;
}

void MainWindow::restoreSettings()
{
    QSettings s;
    if (!restoreGeometry(s.value(QStringLiteral("geometry")).toByteArray()))
        resize(1500, 950);
    restoreState(s.value(QStringLiteral("windowState")).toByteArray());
    const QString dir = s.value(QStringLiteral("dataDir")).toString();
    if (!dir.isEmpty())
        m_dataModel->setDataDir(dir);
    m_dataModel->setDataset(s.value(QStringLiteral("dataset"), QStringLiteral("mnist")).toString());
    m_dataModel->setImageResize(s.value(QStringLiteral("imageResize"), 0).toInt());
    updateRecentMenu();
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("geometry"), saveGeometry());
    s.setValue(QStringLiteral("windowState"), saveState());
    s.setValue(QStringLiteral("dataDir"), m_dataModel->dataDir());
    s.setValue(QStringLiteral("dataset"), m_dataModel->dataset());
    s.setValue(QStringLiteral("imageResize"), m_dataModel->imageResize());
}

void MainWindow::addRecentSession(const QString &dir)
{
    QSettings s;
    QStringList recent = s.value(QStringLiteral("recentSessions")).toStringList();
    recent.removeAll(dir);
    recent.prepend(dir);
    while (recent.size() > kMaxRecentSessions)
        recent.removeLast();
    s.setValue(QStringLiteral("recentSessions"), recent);
    s.setValue(QStringLiteral("lastSessionDir"), dir);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentSessions")).toStringList();
    for (const QString &dir : recent)
        m_recentMenu->addAction(dir, this, [this, dir] { openSession(dir); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About QuantLens"),
        tr("<h3>QuantLens %1</h3>"
           "<p>Saliency-guided training with PACT quantization-aware training: train a "
           "standard and a quantized model and compare what they look at.</p>"
           "<p>Qt %2<br>%3<br>OpenCV %4</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                 engineSummary().toHtmlEscaped(), QStringLiteral(CV_VERSION)));
}

} // namespace ql::app
