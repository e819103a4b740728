// SPDX-License-Identifier: MIT
// The newest request wins: a burst of requests computes the one in flight and the last one.
#include "app/gui/inference_worker.h"
#include "tests/app/fake_backends.h"
#include "tests/app/queued_recorder.h"

#include <QSet>
#include <QTest>

#include <algorithm>
#include <string>
#include <vector>

using namespace ql::app;

class TestInferenceWorker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void burstAnswersOnlyTheNewest()
    {
        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 150;
        InferenceWorker worker(backend);
        ql::test::QueuedRecorder<SaliencyResult> spy(&worker, &InferenceWorker::saliencyReady);
        quint64 first = 0, last = 0;
        for (int i = 0; i < 20; ++i) {
            SaliencyRequest r;
            r.filePath = QStringLiteral("image%1.png").arg(i);
            last = worker.requestSaliency(r);
            if (i == 0)
                first = last;
        }
        QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty() && spy.last().id == last, 5000);
        QTest::qWait(400); // nothing stale may follow
        QVERIFY(spy.count() <= 2);
        QCOMPARE(spy.last().id, last);
        QCOMPARE(spy.last().source, QStringLiteral("image19.png"));
        std::lock_guard<std::mutex> lock(backend->mutex);
        QVERIFY(backend->computedIds.size() <= 2);
        for (quint64 id : backend->computedIds)
            QVERIFY(id == first || id == last);
    }

    void previewAndSaliencyBothAnswered()
    {
        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 20;
        InferenceWorker worker(backend);
        ql::test::QueuedRecorder<PreviewResult> previews(&worker, &InferenceWorker::previewReady);
        ql::test::QueuedRecorder<SaliencyResult> maps(&worker, &InferenceWorker::saliencyReady);
        PreviewRequest p;
        p.quant.weightBits = 3;
        for (int i = 0; i < 10; ++i)
            worker.requestPreview(p);
        worker.requestSaliency(SaliencyRequest{});
        QTRY_VERIFY_WITH_TIMEOUT(
            previews.count() >= 1 && maps.count() >= 1 && previews.last().final, 5000);
        // The one in flight (its first stage at most) and the newest (all its stages).
        QSet<quint64> ids;
        for (const auto &args : previews)
            ids.insert(args.id);
        QVERIFY(ids.size() <= 2);
        QVERIFY(previews.count() <= 4);
        QCOMPARE(previews.last().quant.weightBits, 3);
    }

    void progressivePreviewPublishesEachStage()
    {
        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 10;
        InferenceWorker worker(backend);
        ql::test::QueuedRecorder<PreviewResult> previews(&worker, &InferenceWorker::previewReady);
        PreviewRequest p; // stages 500, 2000, whole split (10,000 in the fake)
        const quint64 id = worker.requestPreview(p);
        QTRY_COMPARE_WITH_TIMEOUT(previews.count(), 3, 5000);
        QTest::qWait(50); // nothing more follows
        QCOMPARE(previews.count(), 3);
        const int sizes[] = {500, 2000, 10000};
        for (int i = 0; i < 3; ++i) {
            const auto r = previews.at(i);
            QCOMPARE(r.id, id);
            QCOMPARE(r.stage, i);
            QCOMPARE(r.subsetSize, sizes[i]);
            QCOMPARE(r.final, i == 2);
        }
        // A test split smaller than the first stage: one answer, final.
        backend->testImages = 300;
        worker.requestPreview(p);
        QTRY_COMPARE_WITH_TIMEOUT(previews.count(), 4, 5000);
        QTest::qWait(50);
        QCOMPARE(previews.count(), 4);
        QVERIFY(previews.last().final);
        QCOMPARE(previews.last().subsetSize, 300);
    }

    void newerSliderMoveSupersedesARefinement()
    {
        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 400;
        InferenceWorker worker(backend);
        ql::test::QueuedRecorder<PreviewResult> previews(&worker, &InferenceWorker::previewReady);
        PreviewRequest a;
        a.quant.weightBits = 4;
        const quint64 first = worker.requestPreview(a);
        QTRY_COMPARE_WITH_TIMEOUT(previews.count(), 1, 5000); // a's first estimate
        // Wait until a's refinement (stage 1) is running, then move the slider again.
        auto begun = [&backend](quint64 id, int stage) {
            std::lock_guard<std::mutex> lock(backend->mutex);
            return std::find(backend->stagesBegun.begin(), backend->stagesBegun.end(),
                             std::make_pair(id, stage)) != backend->stagesBegun.end();
        };
        QTRY_VERIFY_WITH_TIMEOUT(begun(first, 1), 5000);
        PreviewRequest b;
        b.quant.weightBits = 2;
        const quint64 second = worker.requestPreview(b);
        QTRY_VERIFY_WITH_TIMEOUT(previews.last().final, 10000);
        QTest::qWait(100);
        // a: only its first estimate was shown; its refinement stopped mid-stage and its last
        // stage never began. b: every stage, in order.
        QCOMPARE(previews.count(), 4);
        QCOMPARE(previews.at(0).id, first);
        for (int i = 1; i < 4; ++i) {
            const auto r = previews.at(i);
            QCOMPARE(r.id, second);
            QCOMPARE(r.stage, i - 1);
            QCOMPARE(r.quant.weightBits, 2);
        }
        std::lock_guard<std::mutex> lock(backend->mutex);
        QVERIFY(std::find(backend->stagesStopped.begin(), backend->stagesStopped.end(),
                          std::make_pair(first, 1)) != backend->stagesStopped.end());
        QVERIFY(std::find(backend->stagesBegun.begin(), backend->stagesBegun.end(),
                          std::make_pair(first, 2)) == backend->stagesBegun.end());
    }

    void mapsComeBeforeTheRefinements()
    {
        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 20;
        backend->makeQuantized = true;
        InferenceWorker worker(backend);
        ql::test::QueuedRecorder<SaliencyResult> maps(&worker, &InferenceWorker::saliencyReady);
        ql::test::QueuedRecorder<PreviewResult> previews(&worker, &InferenceWorker::previewReady);
        const quint64 shown = worker.requestSaliency(SaliencyRequest{});
        QTRY_COMPARE_WITH_TIMEOUT(maps.count(), 1, 5000);
        PreviewRequest request; // named: GCC 12 misreads a temporary's map (-Wmaybe-uninitialized)
        const quint64 preview = worker.requestPreview(request);
        QTRY_COMPARE_WITH_TIMEOUT(previews.count(), 3, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(maps.count(), 2, 5000);
        QVERIFY(maps.last().quantizedIsPreview);
        const std::string p = "preview " + std::to_string(preview);
        std::lock_guard<std::mutex> lock(backend->mutex);
        const std::vector<std::string> expected{"explain " + std::to_string(shown), p + " 0",
                                                "explain " + std::to_string(shown), p + " 1",
                                                p + " 2"};
        QCOMPARE(backend->calls, expected);
    }

    void exportsAreAnsweredInOrder()
    {
        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 1;
        InferenceWorker worker(backend);
        ql::test::QueuedRecorder<ExportResult> done(&worker, &InferenceWorker::exportFinished);
        ExportRequest r;
        r.format = QStringLiteral("onnx");
        r.path = QStringLiteral("/tmp/a.onnx");
        const quint64 a = worker.requestExport(r);
        r.format = QStringLiteral("bogus");
        r.path = QStringLiteral("/tmp/b.x");
        const quint64 b = worker.requestExport(r);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, 5000);
        const auto ra = done.at(0);
        const auto rb = done.at(1);
        QCOMPARE(ra.id, a);
        QVERIFY(ra.error.isEmpty());
        QCOMPARE(ra.path, QStringLiteral("/tmp/a.onnx"));
        QCOMPARE(rb.id, b);
        QVERIFY(rb.error.contains(QStringLiteral("bogus")));
    }

    void errorsComeBackAsValues()
    {
        auto backend = std::make_shared<ql::test::FakeInferenceBackend>();
        backend->workMs = 1;
        InferenceWorker worker(backend);
        ql::test::QueuedRecorder<SaliencyResult> spy(&worker, &InferenceWorker::saliencyReady);
        SaliencyRequest r;
        r.filePath = QStringLiteral("paper.pdf");
        worker.requestSaliency(r);
        QTRY_COMPARE(spy.count(), 1);
        QVERIFY(spy.at(0).error.contains(QStringLiteral("paper.pdf")));
    }
};

QTEST_GUILESS_MAIN(TestInferenceWorker)
#include "tst_inference_worker.moc"
