// SPDX-License-Identifier: MIT
// The main window: panels exist, a dropped PDF is refused with a message, the language
// switches at run time (German text, Persian right-to-left), sessions round-trip.
#include "app/gui/confusion_panel.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/language_manager.h"
#include "app/gui/log_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/plots_panel.h"
#include "app/gui/saliency_panel.h"
#include "app/gui/training_panel.h"
#include "tests/app/fake_backends.h"
#include "widgets/bit_width_panel.h"
#include "widgets/image_drop_area.h"
#include "widgets/training_plot.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace ql::app;

class TestMainWindow : public QObject {
    Q_OBJECT
    std::unique_ptr<MainWindow> makeWindow(std::shared_ptr<ql::test::FakeTrainingBackend> t = {})
    {
        if (!t)
            t = std::make_shared<ql::test::FakeTrainingBackend>();
        auto w =
            std::make_unique<MainWindow>(t, std::make_shared<ql::test::FakeInferenceBackend>(), 1);
        w->setProperty("quietErrors", true);
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
        QApplication::setOrganizationName(QStringLiteral("QuantLensTest"));
    }

    void constructsWithAllPanels()
    {
        auto w = makeWindow();
        QVERIFY(w->dataModelPanel());
        QVERIFY(w->trainingPanel());
        QVERIFY(w->plotsPanel());
        QVERIFY(w->bitWidthPanel());
        QVERIFY(w->saliencyPanel());
        QVERIFY(w->confusionPanel());
        QVERIFY(w->logPanel());
        QCOMPARE(w->findChildren<QDockWidget *>().size(), 6);
        QCOMPARE(w->openAction()->shortcut(), QKeySequence(QKeySequence::Open));
        QCOMPARE(w->saveAction()->shortcut(), QKeySequence(QKeySequence::Save));
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    }

    void trainingFeedsThePlots()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 30;
        backend->stepsPerEpoch = 10;
        auto w = makeWindow(backend);
        QTemporaryDir data;
        w->dataModelPanel()->setDataDir(data.path());
        QSignalSpy finished(w->controller(), &TrainingController::jobFinished);
        w->startTraining();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(w->plotsPanel()->lossPlot()->pointCount(QStringLiteral("CE A")) > 0);
        QVERIFY(w->plotsPanel()->lossPlot()->pointCount(QStringLiteral("CE B")) > 0);
    }

    void refusesTrainingWithoutDataFolder()
    {
        auto w = makeWindow();
        w->dataModelPanel()->setDataDir(QStringLiteral("/nonexistent/quantlens"));
        w->startTraining();
        QCOMPARE(w->controller()->state(), TrainingController::State::Idle);
        QVERIFY(w->logPanel()->text().contains(QStringLiteral("/nonexistent/quantlens")));
    }

    void droppedPdfShowsAnError()
    {
        auto w = makeWindow();
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("paper.pdf"));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("%PDF-1.4\n");
        f.close();
        auto *area = w->saliencyPanel()->dropArea();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(pdf)});
        const QPoint pos = area->rect().center();
        QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(area, &enter);
        QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(area, &drop);
        QTRY_VERIFY(w->saliencyPanel()->errorText().contains(QStringLiteral("paper.pdf")));
        QVERIFY(w->isVisible()); // still alive and responsive
    }

    void languageSwitchesAtRunTime()
    {
        auto w = makeWindow();
        QTRY_COMPARE(w->openAction()->text(), QStringLiteral("&Open Session…"));
        QVERIFY(w->setLanguage(QStringLiteral("de")));
        QTRY_COMPARE(w->openAction()->text(), QStringLiteral("Sitzung ö&ffnen…"));
        QTRY_COMPARE(
            w->trainingPanel()->findChild<QPushButton *>(QStringLiteral("startButton"))->text(),
            QStringLiteral("Starten"));
        QVERIFY(w->setLanguage(QStringLiteral("fa")));
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::RightToLeft);
        QCOMPARE(w->layoutDirection(), Qt::RightToLeft);
        QTRY_COMPARE(w->openAction()->text(), QStringLiteral("&باز کردن نشست…"));
        QVERIFY(w->setLanguage(QStringLiteral("en")));
        QCOMPARE(QGuiApplication::layoutDirection(), Qt::LeftToRight);
        QTRY_COMPARE(w->openAction()->text(), QStringLiteral("&Open Session…"));
        QVERIFY(!w->setLanguage(QStringLiteral("xx")));
    }

    void sessionRoundTrip()
    {
        auto backend = std::make_shared<ql::test::FakeTrainingBackend>();
        backend->steps = 20;
        backend->stepsPerEpoch = 10;
        QTemporaryDir data, session;
        {
            auto w = makeWindow(backend);
            w->dataModelPanel()->setDataDir(data.path());
            QSignalSpy finished(w->controller(), &TrainingController::jobFinished);
            w->startTraining();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
            QSignalSpy saved(w.get(), &MainWindow::sessionSaved);
            w->saveSession(session.path());
            QTRY_COMPARE(saved.count(), 1);
            QCOMPARE(saved.at(0).at(1).toString(), QString());
        }
        QVERIFY(QFile::exists(session.filePath(QStringLiteral("session.json"))));
        auto w = makeWindow(backend);
        QSignalSpy opened(w.get(), &MainWindow::sessionOpened);
        w->openSession(session.path());
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(1).toString(), QString());
        QCOMPARE(w->dataModelPanel()->dataDir(), data.path());
        QVERIFY(w->plotsPanel()->lossPlot()->pointCount(QStringLiteral("CE A")) > 0);
    }

    void damagedSessionIsRefused()
    {
        auto w = makeWindow();
        QTemporaryDir session;
        QFile f(session.filePath(QStringLiteral("session.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        QSignalSpy opened(w.get(), &MainWindow::sessionOpened);
        w->openSession(session.path());
        QCOMPARE(opened.count(), 1);
        QVERIFY(opened.at(0).at(1).toString().contains(QStringLiteral("damaged")));
        QCOMPARE(w->controller()->state(), TrainingController::State::Idle);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
