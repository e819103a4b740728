// SPDX-License-Identifier: MIT
// The newest request wins: a burst of requests computes the one in flight and the last one.
#include "app/gui/inference_worker.h"
#include "tests/app/fake_backends.h"
#include "tests/app/queued_recorder.h"

#include <QTest>

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
        QTRY_VERIFY_WITH_TIMEOUT(previews.count() >= 1 && maps.count() >= 1, 5000);
        QVERIFY(previews.count() <= 2);
        QCOMPARE(previews.last().quant.weightBits, 3);
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
