// SPDX-License-Identifier: MIT
// The Study panel: points appear as configuration-finished views arrive, the interval bars
// are the given intervals, a click asks for the right checkpoint, pause and stop reach the
// running study, the figure exports, and a session keeps the study (old sessions still load).
#include "app/common/session.h"
#include "app/gui/data_model_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/study_panel.h"
#include "app/gui/training_controller.h"
#include "tests/app/fake_backends.h"
#include "widgets/qcustomplot_wrapper.h"
#include "widgets/study_plot.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ql::app;

namespace {

/// A study point with one metric ("accuracy") and its interval.
StudyPointView point(const QString &bits, bool sgt, double value, double low, double high)
{
    StudyPointView p;
    p.bits = bits;
    p.sgt = sgt;
    p.seeds = 1;
    p.modelBytes = 2048;
    p.metrics.insert(QStringLiteral("accuracy"), {value, low, high});
    p.metrics.insert(QStringLiteral("modification_gap"), {0.1 * value, 0.05, 0.2});
    p.checkpoint =
        QStringLiteral("/study/cells/s1-%1%2/last.ckpt")
            .arg(bits == QLatin1String("float") ? bits : QStringLiteral("w%1a%1").arg(bits),
                 sgt ? QStringLiteral("-sgt") : QString());
    p.referenceCheckpoint = QStringLiteral("/study/float-s1/last.ckpt");
    return p;
}

StudyView baseView()
{
    StudyView v;
    v.folder = QStringLiteral("/study");
    v.bits = {QStringLiteral("float"), QStringLiteral("4"), QStringLiteral("2")};
    v.metrics = {{QStringLiteral("accuracy"), QStringLiteral("test accuracy")},
                 {QStringLiteral("modification_gap"), QStringLiteral("modification gap")}};
    v.totalCells = 6;
    return v;
}

/// A training engine whose study finishes one configuration per step and honours pause and
/// cancel like the real one: it records whether it was held while paused and saw the cancel.
class FakeStudyBackend : public ql::test::FakeTrainingBackend {
public:
    int cells = 4;
    int stepMs = 20;
    std::atomic<bool> sawPause{false}, sawCancel{false};
    std::atomic<int> studies{0};
    StudyRequest lastRequest;
    QString workRoot; ///< a new study's folder goes here, with a file in it
    std::mutex loadedMutex;
    QStringList loaded; ///< "slot:path" of every checkpoint loaded
    QStringList readFolders;

    StudyView runStudy(const StudyRequest &request, StudySink &sink) override
    {
        ++studies;
        lastRequest = request;
        StudyView view = baseView();
        view.folder =
            request.folder.isEmpty() ? workRoot + QStringLiteral("/study-1") : request.folder;
        view.temporaryFolder = request.folder.isEmpty();
        if (!workRoot.isEmpty()) {
            QDir().mkpath(view.folder + QStringLiteral("/cells/s1-w4a4"));
            QFile f(view.folder + QStringLiteral("/cells/s1-w4a4/result.json"));
            f.open(QIODevice::WriteOnly);
            f.write("{}");
        }
        view.totalCells = cells;
        for (int i = 0; i < cells; ++i) {
            {
                std::unique_lock<std::mutex> lock(m_studyMutex);
                if (m_paused && !m_cancel)
                    sawPause = true;
                m_wake.wait(lock, [this] { return !m_paused || m_cancel; });
                if (m_cancel) {
                    sawCancel = true;
                    return view;
                }
            }
            QThread::msleep(static_cast<unsigned long>(stepMs));
            sink.studyProgress({QStringLiteral("cell %1").arg(i), i, cells, double(i) / cells});
            view.points.push_back(point(view.bits[i % 3], i >= 3, 0.9, 0.85, 0.95));
            view.finishedCells = i + 1;
            sink.studyView(view);
        }
        return view;
    }
    void loadCheckpoint(int slot, const std::string &path) override
    {
        FakeTrainingBackend::loadCheckpoint(slot, path);
        std::lock_guard<std::mutex> lock(loadedMutex);
        loaded << QStringLiteral("%1:%2").arg(slot).arg(QString::fromStdString(path));
    }
    StudyView readStudy(const QString &folder) override
    {
        {
            std::lock_guard<std::mutex> lock(loadedMutex);
            readFolders << folder;
        }
        StudyView v = baseView();
        v.folder = folder;
        v.points = {point(QStringLiteral("4"), false, 0.9, 0.8, 0.95)};
        v.finishedCells = 1;
        return v;
    }
    void requestPause(bool paused) override
    {
        FakeTrainingBackend::requestPause(paused);
        std::lock_guard<std::mutex> lock(m_studyMutex);
        m_paused = paused;
        m_wake.notify_all();
    }
    void requestCancel() override
    {
        FakeTrainingBackend::requestCancel();
        std::lock_guard<std::mutex> lock(m_studyMutex);
        m_cancel = true;
        m_wake.notify_all();
    }
    void clearCancel() override
    {
        FakeTrainingBackend::clearCancel();
        std::lock_guard<std::mutex> lock(m_studyMutex);
        m_cancel = false;
    }

private:
    std::mutex m_studyMutex;
    std::condition_variable m_wake;
    bool m_paused = false;
    bool m_cancel = false;
};

} // namespace

class TestStudyPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("QuantLensTest"));
    }

    void pointsAppearAsConfigurationsFinish()
    {
        StudyPanel panel;
        panel.resize(600, 700);
        panel.show();
        auto *plot = panel.plot();
        QCOMPARE(plot->points(0).size(), 0);
        StudyView v = baseView();
        v.points = {point(QStringLiteral("4"), false, 0.97, 0.95, 0.98)};
        v.finishedCells = 1;
        panel.showView(v);
        QCOMPARE(plot->points(0).size(), 1);
        QCOMPARE(plot->points(1).size(), 0);
        QCOMPARE(plot->categories(), (QStringList{panel.tr("float"), "4", "2"}));
        v.points << point(QStringLiteral("float"), true, 0.99, 0.985, 0.995)
                 << point(QStringLiteral("2"), false, 0.90, 0.87, 0.93);
        v.finishedCells = 3;
        v.verdicts.insert(QStringLiteral("4"), QStringLiteral("no detectable difference"));
        panel.showView(v);
        QCOMPARE(plot->points(0).size(), 2);
        QCOMPARE(plot->points(1).size(), 1);
        QVERIFY(panel.verdictLabel()->text().contains(QStringLiteral("no detectable difference")));
        // Standard points in category order: 4 (index 1) before 2 (index 2).
        QCOMPARE(plot->points(0)[0].category, 1);
        QCOMPARE(plot->points(0)[1].category, 2);
        // Hover text names the point's values and interval.
        QVERIFY2(plot->points(0)[0].toolTip.contains(QStringLiteral("97.00 [95.00, 98.00]")),
                 qPrintable(plot->points(0)[0].toolTip));
        // QUANTLENS_SCREENSHOT_DIR: a picture of the panel for the docs and a look by eye.
        if (const QString dir = qEnvironmentVariable("QUANTLENS_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(panel.grab().save(QDir(dir).filePath(QStringLiteral("study-panel.png"))));
    }

    void intervalBarsAreTheGivenIntervals()
    {
        StudyPanel panel;
        StudyView v = baseView();
        v.points = {point(QStringLiteral("float"), false, 0.99, 0.98, 0.995),
                    point(QStringLiteral("2"), false, 0.90, 0.87, 0.93),
                    point(QStringLiteral("2"), true, 0.92, 0.905, 0.94)};
        panel.showView(v);
        // Accuracy in percent, standard left of the tick, SGT right of it.
        const auto standard = panel.plot()->bars(0);
        QCOMPARE(standard.size(), 2);
        const double off = ql::widgets::StudyPlot::kOffset;
        QCOMPARE(standard[0].x, 0.0 - off);
        QCOMPARE(standard[0].value, 99.0);
        QVERIFY(qAbs(standard[0].low - 98.0) < 1e-9);
        QVERIFY(qAbs(standard[0].high - 99.5) < 1e-9);
        QCOMPARE(standard[1].x, 2.0 - off);
        QVERIFY(qAbs(standard[1].low - 87.0) < 1e-9);
        QVERIFY(qAbs(standard[1].high - 93.0) < 1e-9);
        const auto guided = panel.plot()->bars(1);
        QCOMPARE(guided.size(), 1);
        QCOMPARE(guided[0].x, 2.0 + off);
        QVERIFY(qAbs(guided[0].value - 92.0) < 1e-9);
        QVERIFY(qAbs(guided[0].low - 90.5) < 1e-9);
        QVERIFY(qAbs(guided[0].high - 94.0) < 1e-9);
        // Another metric: unscaled.
        QVERIFY(panel.setMetric(QStringLiteral("modification_gap")));
        const auto gap = panel.plot()->bars(0);
        QVERIFY(qAbs(gap[0].value - 0.099) < 1e-9);
        QVERIFY(qAbs(gap[0].low - 0.05) < 1e-9);
        QVERIFY(qAbs(gap[0].high - 0.2) < 1e-9);
    }

    void clickingAPointRequestsItsCheckpoint()
    {
        StudyPanel panel;
        panel.resize(600, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        StudyView v = baseView();
        v.points = {point(QStringLiteral("2"), true, 0.92, 0.90, 0.94),
                    point(QStringLiteral("float"), false, 0.99, 0.98, 0.995),
                    point(QStringLiteral("4"), true, 0.80, 0.70, 0.85)};
        v.points[2].referenceCheckpoint = QStringLiteral("/study/float-s2/last.ckpt");
        panel.showView(v);
        QSignalSpy requested(&panel, &StudyPanel::modelRequested);
        auto *plot = panel.plot();
        plot->customPlot()->replot();
        // The SGT point at 4 bits: series 1, index 0 (categories sort it before 2 bits).
        const QPointF at = plot->pixelOf(1, 0);
        QVERIFY(plot->pointAt(at) == qMakePair(1, 0));
        QTest::mouseClick(plot->customPlot(), Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("/study/float-s2/last.ckpt"));
        QCOMPARE(requested.at(0).at(1).toString(),
                 QStringLiteral("/study/cells/s1-w4a4-sgt/last.ckpt"));
        // Far from every point: nothing.
        QTest::mouseClick(plot->customPlot(), Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(requested.count(), 1);
        // The standard float point.
        QTest::mouseClick(plot->customPlot(), Qt::LeftButton, {}, plot->pixelOf(0, 0).toPoint());
        QCOMPARE(requested.count(), 2);
        QCOMPARE(requested.at(1).at(1).toString(),
                 QStringLiteral("/study/cells/s1-float/last.ckpt"));
    }

    void figureExportsAsPngAndPdf()
    {
        StudyPanel panel;
        panel.resize(600, 700);
        StudyView v = baseView();
        v.points = {point(QStringLiteral("2"), true, 0.92, 0.90, 0.94)};
        panel.showView(v);
        QTemporaryDir dir;
        QVERIFY(panel.exportFigure(dir.filePath(QStringLiteral("f.png"))));
        QVERIFY(panel.exportFigure(dir.filePath(QStringLiteral("f.pdf"))));
        QFile png(dir.filePath(QStringLiteral("f.png"))),
            pdf(dir.filePath(QStringLiteral("f.pdf")));
        QVERIFY(png.open(QIODevice::ReadOnly) && png.read(4) == QByteArray("\x89PNG"));
        QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == QByteArray("%PDF-"));
        QString error;
        QVERIFY(!panel.exportFigure(dir.filePath(QStringLiteral("f.txt")), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("f.txt"))));
    }

    void requestRoundTripsThroughJson()
    {
        StudyRequest r;
        r.bits = QStringLiteral("8,4/8,2");
        r.standard = false;
        r.seeds = 3;
        r.floatEpochs = 2;
        r.fineTuneEpochs = 4;
        r.fromScratch = true;
        r.evalImages = 500;
        r.folder = QStringLiteral("/tmp/x");
        StudyRequest back;
        QCOMPARE(back.fromJson(r.toJson()), QString());
        QCOMPARE(back.toJson(), r.toJson());
        // Bad values are refused and leave the request unchanged.
        for (const char *bad : {R"({"seeds": 0})", R"({"seeds": 2.5})", R"({"sgt": "yes"})",
                                R"({"standard": false, "sgt": false})", R"({"evalImages": -1})",
                                R"({"bits": 4})", R"({"folder": []})"}) {
            StudyRequest s = r;
            QVERIFY2(!s.fromJson(QJsonDocument::fromJson(bad).object()).isEmpty(), bad);
            QCOMPARE(s.toJson(), r.toJson());
        }
        // The panel shows what it is given.
        StudyPanel panel;
        panel.setRequest(r);
        QCOMPARE(panel.request().toJson(), r.toJson());
    }

    void pauseAndStopReachTheRunningStudy()
    {
        auto backend = std::make_shared<FakeStudyBackend>();
        backend->cells = 50;
        TrainingController controller(backend, 1);
        QSignalSpy views(&controller, &TrainingController::studyUpdated);
        QSignalSpy finished(&controller, &TrainingController::studyFinished);
        StudyRequest request;
        QVERIFY(controller.startStudy(request));
        QCOMPARE(controller.state(), TrainingController::State::Running);
        QVERIFY(!controller.startStudy(request)); // one job at a time
        QTRY_VERIFY(views.count() >= 2);
        controller.pause();
        QCOMPARE(controller.state(), TrainingController::State::Paused);
        QTRY_VERIFY(backend->sawPause.load());
        const int shown = views.count();
        QTest::qWait(150); // held: no configuration finishes while paused
        QCOMPARE(views.count(), shown);
        controller.stop();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(backend->sawCancel.load());
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("of 50")));
        QCOMPARE(controller.state(), TrainingController::State::Idle);
        // The next study starts with a cleared cancel flag and runs to its end.
        backend->cells = 3;
        QVERIFY(controller.startStudy(request));
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(finished.at(1).at(0).toBool(), true);
    }

    void windowRunsAStudyAndLoadsAClickedModel()
    {
        auto backend = std::make_shared<FakeStudyBackend>();
        backend->cells = 3;
        QTemporaryDir data, work;
        backend->workRoot = work.path();
        MainWindow w(backend, std::make_shared<ql::test::FakeInferenceBackend>(), 1);
        w.setProperty("quietErrors", true);
        w.dataModelPanel()->setDataDir(data.path());
        StudyPanel *panel = w.studyPanel();
        QVERIFY(panel);
        QVERIFY(w.dock(QStringLiteral("studyDock")));
        QSignalSpy finished(w.controller(), &TrainingController::studyFinished);
        panel->startButton()->click();
        QVERIFY(!panel->startButton()->isEnabled());
        QVERIFY(panel->stopButton()->isEnabled());
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QVERIFY(panel->startButton()->isEnabled());
        QVERIFY(!panel->stopButton()->isEnabled());
        // The setup panel's data and model went with the request.
        QCOMPARE(QString::fromStdString(backend->lastRequest.base.dataDir), data.path());
        QCOMPARE(panel->plot()->points(0).size() + panel->plot()->points(1).size(), 3);

        // A clicked point loads its model (quantized slot) and the float model (standard).
        StudyView v = baseView();
        v.folder = work.path();
        StudyPointView p = point(QStringLiteral("4"), true, 0.9, 0.8, 0.95);
        p.checkpoint = work.filePath(QStringLiteral("q.ckpt"));
        p.referenceCheckpoint = work.filePath(QStringLiteral("f.ckpt"));
        for (const QString &file : {p.checkpoint, p.referenceCheckpoint}) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        v.points = {p};
        panel->showView(v);
        QSignalSpy loaded(w.controller(), &TrainingController::modelFilesLoaded);
        Q_EMIT panel->plot()->pointClicked(1, 0);
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(loaded.at(0).at(0).toString(), QString());
        {
            std::lock_guard<std::mutex> lock(backend->loadedMutex);
            QCOMPARE(backend->loaded, (QStringList{QStringLiteral("0:") + p.referenceCheckpoint,
                                                   QStringLiteral("1:") + p.checkpoint}));
        }
        // A model file that is gone: a message, and neither slot changes.
        v.points[0].checkpoint = work.filePath(QStringLiteral("gone.ckpt"));
        panel->showView(v);
        Q_EMIT panel->plot()->pointClicked(1, 0);
        QTRY_COMPARE(loaded.count(), 2);
        QVERIFY(loaded.at(1).at(0).toString().contains(QStringLiteral("gone.ckpt")));
        std::lock_guard<std::mutex> lock(backend->loadedMutex);
        QCOMPARE(backend->loaded.size(), 2);
    }

    void sessionKeepsTheStudy()
    {
        // The format: a study entry round-trips; sessions without one still load.
        Session s;
        s.dataset = QStringLiteral("mnist");
        s.studyFolder = QStringLiteral("study");
        StudyRequest options;
        options.seeds = 2;
        s.studyOptions = options.toJson();
        Session back;
        QCOMPARE(back.fromJson(s.toJson()), QString());
        QCOMPARE(back.studyFolder, QStringLiteral("study"));
        QCOMPARE(back.studyOptions, options.toJson());
        QJsonObject old = s.toJson();
        old.remove(QStringLiteral("study"));
        Session oldSession;
        QCOMPARE(oldSession.fromJson(old), QString());
        QVERIFY(oldSession.studyFolder.isEmpty());
        QVERIFY(!Session().toJson().contains(QStringLiteral("study"))); // no study: no entry
        QJsonObject bad = s.toJson();
        bad.insert(QStringLiteral("study"), QStringLiteral("x"));
        QVERIFY(!Session().fromJson(bad).isEmpty());

        // The window: a study made in the work folder is copied into the saved session, and
        // opening the session shows it again with its options.
        auto backend = std::make_shared<FakeStudyBackend>();
        backend->cells = 2;
        QTemporaryDir data, work, session;
        backend->workRoot = work.path();
        {
            MainWindow w(backend, std::make_shared<ql::test::FakeInferenceBackend>(), 1);
            w.setProperty("quietErrors", true);
            w.dataModelPanel()->setDataDir(data.path());
            StudyRequest r = w.studyPanel()->request();
            r.seeds = 2;
            r.bits = QStringLiteral("float,4");
            w.studyPanel()->setRequest(r);
            QSignalSpy finished(w.controller(), &TrainingController::studyFinished);
            w.studyPanel()->startButton()->click();
            QTRY_COMPARE(finished.count(), 1);
            QVERIFY(w.studyPanel()->view().temporaryFolder);
            QSignalSpy saved(&w, &MainWindow::sessionSaved);
            w.saveSession(session.path());
            QTRY_COMPARE(saved.count(), 1);
            QCOMPARE(saved.at(0).at(1).toString(), QString());
            QVERIFY(
                QFile::exists(session.filePath(QStringLiteral("study/cells/s1-w4a4/result.json"))));
            QCOMPARE(w.studyPanel()->studyFolder(),
                     QDir(session.filePath(QStringLiteral("study"))).absolutePath());
        }
        Session written;
        QCOMPARE(written.read(session.path()), QString());
        QCOMPARE(written.studyFolder, QStringLiteral("study"));
        MainWindow w(backend, std::make_shared<ql::test::FakeInferenceBackend>(), 1);
        w.setProperty("quietErrors", true);
        QSignalSpy opened(&w, &MainWindow::sessionOpened);
        QSignalSpy read(w.controller(), &TrainingController::studyRead);
        w.openSession(session.path());
        QTRY_COMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(1).toString(), QString());
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(w.studyPanel()->studyFolder(), session.filePath(QStringLiteral("study")));
        QCOMPARE(w.studyPanel()->plot()->points(0).size(), 1);
        QCOMPARE(w.studyPanel()->request().seeds, 2);
        QCOMPARE(w.studyPanel()->request().bits, QStringLiteral("float,4"));
        // Continue resumes the study in the session's folder.
        QVERIFY(w.studyPanel()->continueButton()->isEnabled());
        QSignalSpy finished(w.controller(), &TrainingController::studyFinished);
        w.studyPanel()->continueButton()->click();
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(backend->lastRequest.resume);
        QCOMPARE(backend->lastRequest.folder, session.filePath(QStringLiteral("study")));
    }
};

QTEST_MAIN(TestStudyPanel)
#include "tst_study_panel.moc"
