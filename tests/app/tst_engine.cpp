// SPDX-License-Identifier: MIT
// The controller and the inference worker over the real LibTorch engine: a tiny LeNet-5 on
// tiny synthetic data (class 1 when the left half is brighter than the right, else 0).
#include "app/gui/engine.h"
#include "app/gui/inference_backend.h"
#include "app/gui/inference_worker.h"
#include "app/gui/training_backend.h"
#include "app/gui/training_controller.h"
#include "core/data/batch.h"
#include "core/data/dataset.h"
#include "core/data/normalization.h"
#include "core/deploy/onnx_export.h"
#include "core/models/classifier.h"
#include "core/quant/packed_export.h"
#include "core/quant/pact_activation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <torch/types.h>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace ql::app;

namespace {

ql::core::Dataset synthetic(int64_t n, uint64_t seed)
{
    torch::manual_seed(seed);
    ql::core::Dataset d;
    d.images = torch::randint(0, 120, {n, 1, 28, 28}, torch::kUInt8);
    d.labels = torch::randint(0, 2, {n}, torch::kInt64);
    auto bright = d.images.index(
        {torch::indexing::Slice(), 0, torch::indexing::Slice(), torch::indexing::Slice(0, 14)});
    const auto mask = d.labels.eq(1).view({n, 1, 1});
    bright.copy_(torch::where(mask, bright + 120, bright));
    for (int i = 0; i < 10; ++i)
        d.classNames.push_back(std::to_string(i));
    d.name = "synthetic";
    return d;
}

DataHandle syntheticData()
{
    auto splits = std::make_shared<ql::core::DataSplits>();
    splits->train = synthetic(256, 1);
    splits->test = synthetic(64, 2);
    splits->norm = {{0.3f}, {0.3f}};
    return {splits};
}

JobSettings tinyJob(int epochs)
{
    JobSettings job;
    for (int slot = 0; slot < kModelSlots; ++slot) {
        auto &c = job.config[slot];
        c.dataset = "synthetic";
        c.model.arch = "lenet5";
        c.epochs = epochs;
        c.batchSize = 32;
        c.testBatchSize = 64;
        c.threads = 1;
        c.optimizer.name = "adam";
        c.optimizer.learningRate = 1e-3;
    }
    job.config[1].model.quant.weightBits = 4;
    job.config[1].model.quant.activationBits = 4;
    job.config[1].sgt.enabled = true;
    return job;
}

ModelHandle mnistCnn(int bits)
{
    torch::manual_seed(5);
    ql::core::ModelSpec spec; // mnist-cnn, 1x28x28, 10 classes
    spec.quant.weightBits = spec.quant.activationBits = bits;
    auto model = ql::core::makeClassifier(spec);
    model->eval();
    return {model};
}

int correctOn(ql::core::ClassifierImpl &model, const ql::core::Dataset &d,
              const ql::core::Normalization &norm)
{
    torch::NoGradGuard noGrad;
    const auto predicted = model.forward(ql::core::normalizeImages(d.images, norm)).argmax(1);
    return static_cast<int>(predicted.eq(d.labels).sum().item<int64_t>());
}

} // namespace

class TestEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void progressivePreviewStagesAddUp()
    {
        // Stages of 16 and 40 class-balanced images, then all 64: each stage's counts are
        // those of a direct evaluation of the quantized model on balancedSubset(test, n).
        const DataHandle data = syntheticData();
        const ModelHandle standard = mnistCnn(ql::core::kFloatBits);
        auto backend = makeEngineInferenceBackend();
        PreviewRequest request;
        request.quant.weightBits = request.quant.activationBits = 2;
        request.stages = {16, 40, 0};
        ModelHandle quantized;
        const auto never = [] { return false; };
        std::vector<PreviewResult> stages;
        stages.push_back(backend->preview(request, nullptr, standard, data, quantized, never));
        QVERIFY(quantized.isValid());
        while (!stages.back().final && stages.size() < 5)
            stages.push_back(
                backend->preview(request, &stages.back(), standard, data, quantized, never));
        QCOMPARE(stages.size(), size_t{3});
        const int sizes[] = {16, 40, 64};
        for (int i = 0; i < 3; ++i) {
            const auto &r = stages[static_cast<size_t>(i)];
            QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
            QCOMPARE(r.stage, i);
            QCOMPARE(r.subsetSize, sizes[i]);
            QCOMPARE(r.testSize, 64);
            QCOMPARE(r.final, i == 2);
            const auto subset = ql::core::balancedSubset(data.splits->test, sizes[i]);
            QCOMPARE(r.correct, correctOn(*quantized.model, subset, data.splits->norm));
            QCOMPARE(r.accuracy, static_cast<double>(r.correct) / sizes[i]);
            QVERIFY(r.sizeBytes > 0 && r.sizeBytes < r.floatSizeBytes);
        }
        // A superseded stage stops and says so.
        const auto always = [] { return true; };
        const PreviewResult stopped =
            backend->preview(request, &stages[0], standard, data, quantized, always);
        QVERIFY(stopped.superseded);
    }

    void exportsEveryFormatThroughTheCliPath()
    {
        QTemporaryDir dir;
        const DataHandle data = syntheticData();
        const ModelHandle models[kModelSlots] = {mnistCnn(ql::core::kFloatBits), mnistCnn(4)};
        auto backend = makeEngineInferenceBackend();
        QStringList formats{QStringLiteral("packed"), QStringLiteral("torchscript")};
        if (ql::core::deploy::onnxExportAvailable())
            formats << QStringLiteral("onnx");
        for (const QString &format : formats) {
            ExportRequest r;
            r.slot = 1;
            r.format = format;
            r.path = dir.filePath(QStringLiteral("model.") + format);
            const ExportResult e = backend->exportModel(r, models, data);
            QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
            QCOMPARE(e.bytes, QFileInfo(r.path).size());
            QCOMPARE(e.layers.size(), 4);
            QCOMPARE(e.layers[1].weightBits, 4);
            QVERIFY(e.layers[3].logits);
            QVERIFY(e.floatCheckpointBytes > 0);
            if (format == QLatin1String("packed")) {
                QVERIFY(e.intEngineRuns);
                QVERIFY(e.bytes * 6 < e.floatCheckpointBytes); // mostly 4-bit weights
            }
        }
        // Only the finished files: no temporaries left.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), formats.size());
        // A folder that does not exist: an error naming it, nothing written.
        ExportRequest bad;
        bad.slot = 1;
        bad.format = QStringLiteral("packed");
        bad.path = dir.filePath(QStringLiteral("missing/model.qlpack"));
        const ExportResult e = backend->exportModel(bad, models, data);
        QVERIFY(e.error.contains(QStringLiteral("missing")));
        QVERIFY(!QFile::exists(bad.path));
        // No quantized model: a sentence, not a crash.
        const ModelHandle none[kModelSlots] = {models[0], {}};
        QVERIFY(!backend->exportModel(bad, none, data).error.isEmpty());
    }

    void describesTheExportedSize()
    {
        // The packed file of mnist-cnn at 2/2 bits (8-bit edges), data bytes by hand: packed
        // weights conv1 288 x 8 bits, conv2 18,432 x 2, fc1 1,179,648 x 2, fc2 1,280 x 8, then
        // float32 biases (32 + 64 + 128 + 10) and alphas (3); plus a JSON header and a CRC.
        auto backend = makeEngineInferenceBackend();
        ql::core::ModelSpec spec;
        spec.quant.weightBits = spec.quant.activationBits = 2;
        const ModelDescription d = backend->describe(spec);
        const double data = 288 + 4608 + 294912 + 1280 + 4.0 * (234 + 3);
        QVERIFY2(d.packedBytes > data && d.packedBytes < data + 8192,
                 qPrintable(QString::number(d.packedBytes)));
    }

    void dropShowsTheIntegerEnginesPrediction()
    {
        QTemporaryDir dir;
        const DataHandle data = syntheticData();
        QImage image(28, 28, QImage::Format_Grayscale8);
        image.fill(0);
        for (int y = 4; y < 24; ++y)
            image.setPixel(14, y, qRgb(255, 255, 255)); // a "1"
        const QString file = dir.filePath(QStringLiteral("one.png"));
        QVERIFY(image.save(file));
        auto backend = makeEngineInferenceBackend();
        SaliencyRequest r;
        r.filePath = file;
        const ModelHandle models[kModelSlots] = {mnistCnn(ql::core::kFloatBits), mnistCnn(4)};
        const SaliencyResult s = backend->explain(r, models, data);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QVERIFY2(s.hasIntPrediction, qPrintable(s.intNote));
        QVERIFY(s.intPrediction.label >= 0 && s.intPrediction.label < 10);
        QVERIFY(s.intPrediction.probability > 0 && s.intPrediction.probability <= 1);
        // A test image (not a drop) or a float model B: no integer line.
        SaliencyRequest t;
        t.testIndex = 1;
        QVERIFY(!backend->explain(t, models, data).hasIntPrediction);
        const ModelHandle floats[kModelSlots] = {models[0], models[0]};
        QVERIFY(!backend->explain(r, floats, data).hasIntPrediction);
    }

    void trainsBothModelsAndExplains()
    {
        QTemporaryDir work;
        const DataHandle data = syntheticData();
        TrainingController controller(makeEngineTrainingBackend(work.path(), data), 1);
        InferenceWorker inference(makeEngineInferenceBackend(), 1);
        connect(&controller, &TrainingController::snapshotReady, &inference,
                &InferenceWorker::setModel);
        connect(&controller, &TrainingController::dataReady, &inference, &InferenceWorker::setData);
        QSignalSpy batches(&controller, &TrainingController::batchReady);
        QSignalSpy epochs(&controller, &TrainingController::epochReady);
        QSignalSpy finished(&controller, &TrainingController::jobFinished);
        QVERIFY(controller.start(tinyJob(1)));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 50000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(batches.count(), 16); // 256 / 32 per model
        QCOMPARE(epochs.count(), 2);
        const auto last = batches.last().at(0).value<BatchUpdate>();
        QCOMPARE(last.slot, 1);
        QVERIFY(!last.metrics.alphas.empty()); // PACT layers report their alpha

        QSignalSpy maps(&inference, &InferenceWorker::saliencyReady);
        SaliencyRequest r;
        r.testIndex = 3;
        inference.requestSaliency(r);
        QTRY_COMPARE_WITH_TIMEOUT(maps.count(), 1, 20000);
        const auto result = maps.at(0).at(0).value<SaliencyResult>();
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QVERIFY(!result.maps[0].isNull() && !result.maps[1].isNull());
        QCOMPARE(result.maps[0].size(), result.maps[1].size());
        QVERIFY(!result.difference.isNull());
        QCOMPARE(result.predictions[0].size(), 3);
        double sum = 0;
        for (const auto &p : result.predictions[1])
            sum += p.probability;
        QVERIFY(sum > 0.0 && sum <= 1.0 + 1e-6);
        QVERIFY(result.spearman >= -1.0 && result.spearman <= 1.0);

        QSignalSpy previews(&inference, &InferenceWorker::previewReady);
        PreviewRequest p;
        p.quant.weightBits = 2;
        p.quant.activationBits = 2;
        inference.requestPreview(p);
        QTRY_COMPARE_WITH_TIMEOUT(previews.count(), 1, 20000);
        const auto preview = previews.at(0).at(0).value<PreviewResult>();
        QVERIFY2(preview.error.isEmpty(), qPrintable(preview.error));
        QCOMPARE(preview.subsetSize, 64);
        QVERIFY(preview.sizeBytes < preview.floatSizeBytes);

        // The gallery's predictions of a file equal the saliency view's (one preparation of a
        // dropped image, the same models: B is the preview now); an unreadable file gets its
        // own error; the folder "1" names class 1.
        QTemporaryDir images;
        QDir().mkpath(images.filePath(QStringLiteral("1")));
        const QString file = images.filePath(QStringLiteral("1/stroke.png"));
        QImage picture(40, 30, QImage::Format_Grayscale8);
        picture.fill(230); // light background: inverted for the grey model
        for (int y = 5; y < 25; ++y)
            for (int x = 8; x < 14; ++x)
                picture.setPixel(x, y, qRgb(20, 20, 20));
        QVERIFY(picture.save(file));
        const QString bad = images.filePath(QStringLiteral("bad.png"));
        QFile badFile(bad);
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write("%PDF-1.4");
        badFile.close();
        QSignalSpy gallery(&inference, &InferenceWorker::predictionsReady);
        inference.requestPredictions({file, bad});
        r.filePath = file;
        inference.requestSaliency(r);
        QTRY_COMPARE_WITH_TIMEOUT(gallery.count(), 1, 20000);
        // The preview also refreshed the test image's maps: take the result for the file.
        const auto fileResult = [&]() -> int {
            for (int i = 0; i < maps.count(); ++i)
                if (maps.at(i).at(0).value<SaliencyResult>().source == file)
                    return i;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(fileResult() >= 0, 20000);
        const auto shown = maps.at(fileResult()).at(0).value<SaliencyResult>();
        const auto predicted = gallery.at(0).at(0).value<GalleryPredictionResult>();
        QVERIFY2(predicted.error.isEmpty(), qPrintable(predicted.error));
        QVERIFY(predicted.quantizedIsPreview && shown.quantizedIsPreview);
        QCOMPARE(predicted.items.size(), 2);
        QCOMPARE(predicted.items[0].file, file);
        QCOMPARE(predicted.items[0].knownLabel, 1);
        QVERIFY(predicted.items[0].inverted);
        QVERIFY(predicted.items[1].error.contains(QStringLiteral("bad.png")));
        for (int slot = 0; slot < kModelSlots; ++slot) {
            QCOMPARE(predicted.items[0].top[slot].size(), 3);
            QCOMPARE(shown.predictions[slot].size(), 3);
            for (int k = 0; k < 3; ++k) {
                QCOMPARE(predicted.items[0].top[slot][k].label, shown.predictions[slot][k].label);
                QVERIFY(std::abs(predicted.items[0].top[slot][k].probability -
                                 shown.predictions[slot][k].probability) < 1e-5);
            }
        }
    }

    void describesTheBitsThatRun()
    {
        // mnist-cnn at 2/2 bits with the default 8-bit edge rule, counted by hand with the
        // size rule of docs/QUANTIZATION.md: packed weights + a float32 scale, float32 biases,
        // a float32 alpha when the activation after the layer is quantized.
        InferenceWorker worker(makeEngineInferenceBackend(), 1);
        QSignalSpy ready(&worker, &InferenceWorker::descriptionReady);
        ql::core::ModelSpec spec; // mnist-cnn, 1x28x28, 10 classes
        spec.quant.weightBits = spec.quant.activationBits = 2;
        worker.requestDescription(spec);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 30000);
        const auto d = ready.first().first().value<ModelDescription>();
        QVERIFY2(d.error.isEmpty(), qPrintable(d.error));
        QCOMPARE(d.layers.size(), 4);
        QCOMPARE(d.layers[0].name, QStringLiteral("conv1"));
        QCOMPARE(d.layers[0].weightBits, 8); // the edge rule, not the sliders' 2
        QCOMPARE(d.layers[3].weightBits, 8);
        QCOMPARE(d.layers[1].weightBits, 2);
        QCOMPARE(d.layers[0].parameters, qint64(320));            // 32x1x3x3 + 32
        QCOMPARE(d.layers[0].sizeBytes, 288.0 + 4 + 32 * 4 + 4);  // 424
        QCOMPARE(d.layers[1].sizeBytes, 4608.0 + 4 + 64 * 4 + 4); // 18432 weights at 2 bits
        QVERIFY(d.bops > 0 && d.bops < d.floatBops);
        QVERIFY(d.parameters >= 1199882);
        // An override of conv1 to 2 bits is what runs.
        spec.quant.perLayer["conv1"] = {2, 2};
        worker.requestDescription(spec);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 30000);
        const auto o = ready.last().first().value<ModelDescription>();
        QCOMPARE(o.layers[0].weightBits, 2);
        QCOMPARE(o.layers[0].sizeBytes, 72.0 + 4 + 32 * 4 + 4);
    }

    void retrainStartsFromCalibratedAlphas()
    {
        // Retrain = calibrated fine-tune (core/train/finetune.h) through the engine: with an
        // initial alpha of 1000, far above any activation, every alpha the fine-tune starts
        // from lies within the range of positive activations that the standard model's PACT
        // layers see on the training images (recorded here independently of calibration),
        // and the step budget stops it after exactly that many batches.
        QTemporaryDir work;
        const DataHandle data = syntheticData();
        TrainingController controller(makeEngineTrainingBackend(work.path(), data), 1);
        QSignalSpy finished(&controller, &TrainingController::jobFinished);
        QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
        QSignalSpy messages(&controller, &TrainingController::message);
        JobSettings job = tinyJob(1);
        job.train[1] = false;
        QVERIFY(controller.start(job));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 50000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        ModelHandle standard;
        for (const auto &args : snapshots)
            if (args.at(0).toInt() == 0)
                standard = args.at(1).value<ModelHandle>();
        QVERIFY(standard.isValid());

        std::vector<std::shared_ptr<ql::core::PactActivationImpl>> pacts;
        for (const auto &module : standard.model->modules())
            if (auto pact = std::dynamic_pointer_cast<ql::core::PactActivationImpl>(module))
                pacts.push_back(pact);
        QVERIFY(pacts.size() >= 3);
        std::vector<float> lo(pacts.size(), std::numeric_limits<float>::max()), hi(pacts.size(), 0);
        for (size_t i = 0; i < pacts.size(); ++i)
            pacts[i]->setObserver([&, i](const torch::Tensor &x) {
                const torch::Tensor positive = x.masked_select(x > 0);
                if (positive.numel() == 0)
                    return;
                lo[i] = std::min(lo[i], positive.min().item<float>());
                hi[i] = std::max(hi[i], positive.max().item<float>());
            });
        {
            torch::NoGradGuard noGrad;
            standard.model->eval();
            const torch::Tensor x =
                data.splits->train.images.to(torch::kFloat).div(255.0f).sub(0.3f).div(0.3f);
            standard.model->forward(x);
        }
        for (const auto &pact : pacts)
            pact->setObserver({});

        QSignalSpy batches(&controller, &TrainingController::batchReady);
        JobSettings retrain = tinyJob(1);
        retrain.train[0] = false;
        retrain.mode = JobSettings::Mode::FineTune;
        retrain.initFromSlot = 0;
        auto &c = retrain.config[1];
        c.model.quant.alphaInit = 1000.0f;
        c.sgt.enabled = false;
        c.optimizer.learningRate = 1e-9; // alphas stay where calibration put them
        c.maxSteps = 3;
        c.epochs = 100;
        QVERIFY(controller.start(retrain));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 50000);
        QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
        QCOMPARE(batches.count(), 3); // the budget, within the first epoch of 8 batches
        const auto first = batches.first().at(0).value<BatchUpdate>();
        QCOMPARE(first.slot, 1);
        QCOMPARE(first.metrics.alphas.size(), pacts.size());
        for (size_t i = 0; i < pacts.size(); ++i) {
            const float a = first.metrics.alphas[i];
            const QString info = QStringLiteral("layer %1: alpha %2, observed (%3, %4]")
                                     .arg(i)
                                     .arg(a)
                                     .arg(lo[i])
                                     .arg(hi[i]);
            QVERIFY2(a >= lo[i] * 0.999f && a <= hi[i] * 1.001f, qPrintable(info));
        }
        bool reported = false;
        for (const auto &args : messages)
            reported |= args.at(0).toString().contains(QStringLiteral("Calibrated PACT alphas"));
        QVERIFY(reported);
    }

    void pauseResumeStopAndCheckpoints()
    {
        QTemporaryDir work, session;
        const DataHandle data = syntheticData();
        ModelHandle standard;
        {
            TrainingController controller(makeEngineTrainingBackend(work.path(), data), 1);
            QSignalSpy batches(&controller, &TrainingController::batchReady);
            QSignalSpy finished(&controller, &TrainingController::jobFinished);
            controller.start(tinyJob(100));
            QTRY_VERIFY_WITH_TIMEOUT(batches.count() >= 3, 20000);
            controller.pause();
            QTest::qWait(300);
            const int atPause = batches.count();
            QTest::qWait(700);
            QVERIFY2(batches.count() <= atPause + 1, "training went on while paused");
            controller.resume();
            QTRY_VERIFY_WITH_TIMEOUT(batches.count() > atPause + 2, 20000);
            controller.stop();
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
            QCOMPARE(finished.at(0).at(0).toBool(), false);

            QSignalSpy saved(&controller, &TrainingController::checkpointsSaved);
            QVERIFY(controller.saveCheckpoints(session.path()));
            QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 20000);
            QVERIFY2(saved.at(0).at(1).toString().isEmpty(),
                     qPrintable(saved.at(0).at(1).toString()));
        }
        QVERIFY(QFile::exists(session.filePath(QStringLiteral("standard.ckpt"))));

        TrainingController reopened(makeEngineTrainingBackend(work.path() + "/2", data), 1);
        QSignalSpy loaded(&reopened, &TrainingController::checkpointsLoaded);
        QSignalSpy snapshots(&reopened, &TrainingController::snapshotReady);
        reopened.loadCheckpoints(session.path());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QVERIFY2(loaded.at(0).at(1).toString().isEmpty(),
                 qPrintable(loaded.at(0).at(1).toString()));
        QCOMPARE(loaded.at(0).at(2).value<ql::core::TrainingConfig>().model.arch,
                 std::string("lenet5"));
        QVERIFY(!snapshots.isEmpty());

        // A corrupt checkpoint is refused with a message naming the file.
        QTemporaryDir bad;
        QFile f(bad.filePath(QStringLiteral("standard.ckpt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a checkpoint");
        f.close();
        reopened.loadCheckpoints(bad.path());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 20000);
        QVERIFY(loaded.at(1).at(1).toString().contains(QStringLiteral("standard.ckpt")));
        // Continue the loaded run: Resume mode picks up the checkpoint.
        QSignalSpy finished(&reopened, &TrainingController::jobFinished);
        JobSettings job = tinyJob(1);
        job.train[1] = false;
        job.mode = JobSettings::Mode::Resume;
        reopened.start(job);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    }

    /// The Study panel's path over the real engine and core/study: a study paused before its
    /// first training stays there, stop reaches it while paused, Continue finishes it in the
    /// same folder, and a point's model loads next to its float model.
    void studyPausesStopsContinuesAndLoadsAModel()
    {
        QTemporaryDir work;
        TrainingController controller(makeEngineTrainingBackend(work.path(), syntheticData()), 1);
        StudyRequest r;
        r.base = tinyJob(1).config[0];
        r.bits = QStringLiteral("float,2");
        r.sgt = false;
        r.seeds = 1;
        r.floatEpochs = 1;
        r.evalImages = 16;
        QSignalSpy progress(&controller, &TrainingController::studyProgress);
        QSignalSpy views(&controller, &TrainingController::studyUpdated);
        QSignalSpy finished(&controller, &TrainingController::studyFinished);
        QVERIFY(controller.startStudy(r));
        controller.pause(); // before the worker starts the study: it must hold at once
        QTRY_VERIFY_WITH_TIMEOUT(views.count() >= 1, 20000);
        QTest::qWait(500);
        QCOMPARE(progress.count(), 0); // no training started while paused
        controller.stop();             // no resume: the paused study sees the cancel
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        const StudyView first = views.last().at(0).value<StudyView>();
        QCOMPARE(first.finishedCells, 0);
        QCOMPARE(first.totalCells, 2);
        QVERIFY(first.temporaryFolder);
        QVERIFY(first.folder.startsWith(work.path()));

        r.folder = first.folder;
        r.resume = true;
        r.bits = QStringLiteral("8"); // ignored: Continue uses the folder's settings
        QVERIFY(controller.startStudy(r));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
        QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(finished.at(1).at(1).toString()));
        QVERIFY(progress.count() > 0);
        const StudyView done = views.last().at(0).value<StudyView>();
        QCOMPARE(done.finishedCells, 2);
        QCOMPARE(done.bits, (QStringList{QStringLiteral("float"), QStringLiteral("2")}));
        QCOMPARE(done.points.size(), 2);
        for (const StudyPointView &p : done.points) {
            const StudyEstimate acc = p.metrics.value(QStringLiteral("accuracy"));
            QVERIFY(acc.low <= acc.value && acc.value <= acc.high);
            QVERIFY(QFile::exists(p.checkpoint));
            QVERIFY(QFile::exists(p.referenceCheckpoint));
        }
        QVERIFY(QFile::exists(QDir(done.folder).filePath(QStringLiteral("study.csv"))));
        QVERIFY(done.points[1].modelBytes < done.points[0].modelBytes);

        // The 2-bit point's model next to its float model.
        QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
        QSignalSpy loaded(&controller, &TrainingController::modelFilesLoaded);
        QVERIFY(controller.loadModelFiles(done.points[1].referenceCheckpoint,
                                          done.points[1].checkpoint));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QVERIFY2(loaded.at(0).at(0).toString().isEmpty(),
                 qPrintable(loaded.at(0).at(0).toString()));
        QCOMPARE(snapshots.count(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(snapshots.at(i).at(0).toInt(), i);
            QVERIFY(snapshots.at(i).at(1).value<ModelHandle>().isValid());
        }
        // The folder read back gives the same points.
        QSignalSpy read(&controller, &TrainingController::studyRead);
        QVERIFY(controller.readStudy(done.folder));
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, 20000);
        QCOMPARE(read.at(0).at(0).value<StudyView>().points.size(), 2);
        QVERIFY(controller.readStudy(work.filePath(QStringLiteral("nothing"))));
        QTRY_COMPARE_WITH_TIMEOUT(read.count(), 2, 20000);
        QVERIFY(read.at(1).at(1).toString().contains(QStringLiteral("no study")));
    }
};

QTEST_MAIN(TestEngine)
#include "tst_engine.moc"
