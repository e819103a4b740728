// SPDX-License-Identifier: MIT
// Trainer: learning, optimisers, observer, pause / resume / cancel from another thread,
// learning-rate changes mid-run, divergence, bit-exact resume, run folder.
#include "core/train/checkpoint.h"
#include "core/train/trainer.h"
#include "tests/train/tiny_model.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

using namespace ql::core;
using ql::test::TinyNet;

namespace {

/// Records what the trainer reports; optionally runs a hook after each batch.
class Recorder : public TrainingObserver {
public:
    void onBatch(const BatchMetrics &m) override
    {
        batches.push_back(m);
        ++batchCount;
        if (hook)
            hook(m);
    }
    void onEpoch(const EpochMetrics &m) override { epochs.push_back(m); }
    void onFinished(RunOutcome o, const std::string &msg) override
    {
        outcome = o;
        message = msg;
    }
    std::vector<BatchMetrics> batches;
    std::vector<EpochMetrics> epochs;
    std::atomic<int> batchCount{0};
    std::function<void(const BatchMetrics &)> hook;
    RunOutcome outcome = RunOutcome::Failed;
    std::string message;
};

DataSplits separableSplits(int64_t train = 256, int64_t test = 128)
{
    DataSplits s;
    s.train = ql::test::separableData(train, 1);
    s.test = ql::test::separableData(test, 2);
    s.norm = {{0.3f}, {0.3f}};
    return s;
}

TrainingConfig tinyConfig()
{
    TrainingConfig c;
    c.dataset = "separable";
    c.model = ql::test::tinySpec();
    c.optimizer.name = "adam";
    c.optimizer.learningRate = 0.02;
    c.epochs = 3;
    c.batchSize = 32;
    c.testBatchSize = 64;
    c.threads = 1;
    c.batchLogEvery = 1;
    return c;
}

std::vector<torch::Tensor> parametersOf(const ClassifierPtr &model)
{
    std::vector<torch::Tensor> out;
    for (const auto &p : model->parameters())
        out.push_back(p.detach().clone());
    return out;
}

bool identical(const std::vector<torch::Tensor> &a, const std::vector<torch::Tensor> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (!torch::equal(a[i], b[i]))
            return false;
    }
    return true;
}

template <typename Pred> bool waitFor(Pred pred, int ms = 20000)
{
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void learnsTinyTask_data();
    void learnsTinyTask();
    void reportsAndWritesRunFolder();
    void pauseResumeCancelFromAnotherThread();
    void cancelWakesPausedRun();
    void learningRateChangesMidRun();
    void divergenceStopsAndKeepsLastGoodCheckpoint();
    void resumeIsBitExact_data();
    void resumeIsBitExact();
    void rejectsMismatchedData();
    void fineTunesRealModelAtNewBits();
    void stepBudgetStopsAfterExactlyNSteps();
    void stepBudgetResumesToTheBudget();

private:
    QTemporaryDir m_dir;
};

void TestTrainer::learnsTinyTask_data()
{
    QTest::addColumn<QString>("optimizer");
    QTest::addColumn<double>("lr");
    QTest::addColumn<bool>("sgt");
    QTest::newRow("adam") << "adam" << 0.02 << false;
    QTest::newRow("adam+sgt") << "adam" << 0.02 << true;
    QTest::newRow("sgd nesterov") << "sgd" << 0.1 << false;
    QTest::newRow("adamw") << "adamw" << 0.02 << false;
    QTest::newRow("adadelta+sgt") << "adadelta" << 1.0 << true;
}

void TestTrainer::learnsTinyTask()
{
    QFETCH(QString, optimizer);
    QFETCH(double, lr);
    QFETCH(bool, sgt);
    TrainingConfig c = tinyConfig();
    c.optimizer.name = optimizer.toStdString();
    c.optimizer.learningRate = lr;
    c.optimizer.nesterov = optimizer == "sgd";
    c.sgt.enabled = sgt;
    c.schedule.name = "cosine";
    Trainer trainer(c, separableSplits());
    torch::manual_seed(3);
    trainer.setModel(std::make_shared<ql::test::TinyNetImpl>(c.model));
    Recorder rec;
    trainer.setObserver(&rec);
    QCOMPARE(trainer.run(), RunOutcome::Finished);
    QCOMPARE(rec.epochs.size(), size_t(3));
    QVERIFY2(rec.epochs.back().testAccuracy > 0.95,
             qPrintable(QString::number(rec.epochs.back().testAccuracy)));
    QVERIFY(rec.epochs.back().trainLoss < rec.epochs.front().trainLoss);
    if (sgt)
        QVERIFY(rec.batches.front().kl > 0.0);
    else
        QCOMPARE(rec.batches.front().kl, 0.0);
}

void TestTrainer::reportsAndWritesRunFolder()
{
    const std::string dir = m_dir.filePath("report").toStdString();
    TrainingConfig c = tinyConfig();
    c.epochs = 2;
    c.batchLogEvery = 3;
    c.sgt.enabled = true;
    Trainer trainer(c, separableSplits(200, 64)); // 200 / 32: 7 batches, the last of 8
    trainer.setModel(std::make_shared<ql::test::TinyNetImpl>(c.model));
    trainer.setRunFolder(dir);
    Recorder rec;
    trainer.setObserver(&rec);
    QCOMPARE(trainer.run(), RunOutcome::Finished);
    QCOMPARE(rec.outcome, RunOutcome::Finished);
    QCOMPARE(rec.batches.size(), size_t(14));
    const BatchMetrics &last = rec.batches.back();
    QCOMPARE(last.epoch, 2);
    QCOMPARE(last.step, int64_t(7));
    QCOMPARE(last.stepsPerEpoch, int64_t(7));
    QCOMPARE(last.globalStep, int64_t(14));
    QCOMPARE(last.learningRate, 0.02);
    QVERIFY(last.samplesPerSecond > 0);
    QVERIFY(std::abs(last.loss - (last.ce + last.kl)) < 1e-5);
    QVERIFY(last.accuracy >= 0 && last.accuracy <= 1);
    QCOMPARE(rec.epochs.size(), size_t(2));
    QVERIFY(rec.epochs[1].seconds > 0);
    // History: every 3rd global step plus each epoch's last batch.
    const MetricsHistory h = trainer.history();
    QCOMPARE(h.epochs.size(), size_t(2));
    QCOMPARE(h.batches.size(), size_t(6)); // steps 3, 6, 7, 9, 12, 14
    for (const char *name : {"config.json", "metrics.csv", "batches.csv", "last.ckpt", "best.ckpt"})
        QVERIFY2(std::filesystem::exists(dir + "/" + name), name);
    std::ifstream metrics(dir + "/metrics.csv");
    int lines = 0;
    for (std::string line; std::getline(metrics, line);)
        ++lines;
    QCOMPARE(lines, 3);
    const CheckpointInfo info = readCheckpointInfo(dir + "/last.ckpt");
    QCOMPARE(info.epochsCompleted, 2);
    QCOMPARE(info.history.epochs.size(), size_t(2));
}

void TestTrainer::pauseResumeCancelFromAnotherThread()
{
    TrainingConfig c = tinyConfig();
    c.epochs = 1000; // long enough to be stopped
    Trainer trainer(c, separableSplits());
    trainer.setModel(std::make_shared<ql::test::TinyNetImpl>(c.model));
    Recorder rec;
    trainer.setObserver(&rec);
    RunOutcome outcome = RunOutcome::Finished;
    std::thread worker([&] { outcome = trainer.run(); });

    QVERIFY(waitFor([&] { return rec.batchCount >= 3; }));
    trainer.pause();
    QVERIFY(trainer.isPaused());
    // At most one batch was in flight; after that the count stays put.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const int frozen = rec.batchCount;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    QCOMPARE(int(rec.batchCount), frozen);
    QVERIFY(trainer.isRunning());

    trainer.resume();
    QVERIFY(waitFor([&] { return rec.batchCount >= frozen + 5; }));
    trainer.cancel();
    worker.join();
    QCOMPARE(outcome, RunOutcome::Cancelled);
    QCOMPARE(rec.outcome, RunOutcome::Cancelled);
    QVERIFY(!trainer.isRunning());
    QVERIFY(rec.epochs.size() < 1000);
}

void TestTrainer::cancelWakesPausedRun()
{
    TrainingConfig c = tinyConfig();
    c.epochs = 1000;
    Trainer trainer(c, separableSplits());
    trainer.setModel(std::make_shared<ql::test::TinyNetImpl>(c.model));
    Recorder rec;
    trainer.setObserver(&rec);
    std::thread worker([&] { trainer.run(); });
    QVERIFY(waitFor([&] { return rec.batchCount >= 1; }));
    trainer.pause();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    trainer.cancel(); // must wake the waiting run without a resume()
    worker.join();
    QCOMPARE(rec.outcome, RunOutcome::Cancelled);
}

void TestTrainer::learningRateChangesMidRun()
{
    TrainingConfig c = tinyConfig();
    c.epochs = 1;
    Trainer trainer(c, separableSplits());
    trainer.setModel(std::make_shared<ql::test::TinyNetImpl>(c.model));
    Recorder rec;
    rec.hook = [&](const BatchMetrics &m) {
        if (m.globalStep == 3)
            trainer.setLearningRate(0.005); // as a GUI thread would, between batches
    };
    trainer.setObserver(&rec);
    QCOMPARE(trainer.run(), RunOutcome::Finished);
    QCOMPARE(rec.batches.size(), size_t(8));
    for (size_t i = 0; i < rec.batches.size(); ++i)
        QCOMPARE(rec.batches[i].learningRate, i < 3 ? 0.02 : 0.005);
}

void TestTrainer::divergenceStopsAndKeepsLastGoodCheckpoint()
{
    const std::string dir = m_dir.filePath("diverge").toStdString();
    TrainingConfig c = tinyConfig();
    c.epochs = 3;
    Trainer trainer(c, separableSplits());
    auto model = std::make_shared<ql::test::TinyNetImpl>(c.model);
    trainer.setModel(model);
    trainer.setRunFolder(dir);
    Recorder rec;
    rec.hook = [&](const BatchMetrics &m) {
        if (m.globalStep == 11) // epoch 2, batch 3: the next forward returns NaN
            model->poisoned = true;
    };
    trainer.setObserver(&rec);
    QCOMPARE(trainer.run(), RunOutcome::Diverged);
    QCOMPARE(rec.outcome, RunOutcome::Diverged);
    QVERIFY2(QString::fromStdString(rec.message).contains("diverged"), rec.message.c_str());
    QVERIFY2(QString::fromStdString(rec.message).contains("learning rate"), rec.message.c_str());
    QCOMPARE(rec.batches.size(), size_t(11));
    const CheckpointInfo info = readCheckpointInfo(dir + "/last.ckpt");
    QCOMPARE(info.epochsCompleted, 1);
    // The model in memory was restored from that checkpoint: finite, equal to it.
    model->poisoned = false;
    auto fresh = std::make_shared<ql::test::TinyNetImpl>(c.model);
    loadCheckpoint(dir + "/last.ckpt", *fresh);
    QVERIFY(identical(parametersOf(model), parametersOf(fresh)));
}

void TestTrainer::resumeIsBitExact_data()
{
    QTest::addColumn<bool>("midEpoch");
    QTest::newRow("at an epoch boundary") << false;
    QTest::newRow("mid-epoch, after cancel") << true;
}

void TestTrainer::resumeIsBitExact()
{
    QFETCH(bool, midEpoch);
    // Dropout, uniform mask fill and augmentation all draw random numbers: all must resume.
    TrainingConfig c = tinyConfig();
    c.epochs = 2;
    c.sgt.enabled = true;
    c.augment = true;
    c.optimizer.name = "sgd";
    c.optimizer.learningRate = 0.05;
    // A run extended from 1 to 2 epochs needs a schedule that ignores the total (step); the
    // cancelled run keeps its config, so one-cycle (which depends on the total) is fine there.
    c.schedule.name = midEpoch ? "onecycle" : "step";
    c.seed = 77;
    const DataSplits data = separableSplits(200, 64);
    auto makeModel = [&](uint64_t seed) {
        torch::manual_seed(seed);
        return std::make_shared<ql::test::TinyNetImpl>(c.model, 0.3);
    };
    auto runFolder = [&](const char *name) {
        const std::string dir = m_dir.filePath(name).toStdString();
        std::filesystem::remove_all(dir);
        return dir;
    };
    // Straight: 2 epochs, from the same initial weights as the split run.
    Trainer straight(c, data);
    auto a = makeModel(5);
    straight.setModel(a);
    straight.setRunFolder(runFolder(midEpoch ? "straightMid" : "straight"));
    QCOMPARE(straight.run(), RunOutcome::Finished);

    // Split: 1 epoch (or cancelled in epoch 2), checkpoint, then a new trainer resumes.
    TrainingConfig first = c;
    first.epochs = midEpoch ? 2 : 1;
    const std::string dirB = runFolder(midEpoch ? "splitMid" : "split");
    {
        Trainer part(first, data);
        Recorder rec;
        if (midEpoch) {
            rec.hook = [&](const BatchMetrics &m) {
                if (m.globalStep == 9) // epoch 2, batch 2
                    part.cancel();
            };
        }
        part.setModel(makeModel(5));
        part.setRunFolder(dirB);
        part.setObserver(&rec);
        QCOMPARE(part.run(), midEpoch ? RunOutcome::Cancelled : RunOutcome::Finished);
    }
    const CheckpointInfo info = readCheckpointInfo(dirB + "/last.ckpt");
    QCOMPARE(info.epochsCompleted, 1);
    QCOMPARE(info.stepInEpoch, midEpoch ? int64_t(2) : int64_t(0));

    Trainer resumed(c, data);
    auto b = makeModel(6); // different initial weights: the checkpoint must overwrite them
    resumed.setModel(b);
    resumed.resumeFrom(dirB + "/last.ckpt");
    resumed.setRunFolder(dirB);
    QCOMPARE(resumed.run(), RunOutcome::Finished);
    QVERIFY(identical(parametersOf(a), parametersOf(b)));
    const MetricsHistory ha = straight.history(), hb = resumed.history();
    QCOMPARE(hb.epochs.size(), size_t(2));
    QCOMPARE(hb.epochs[1].trainLoss, ha.epochs[1].trainLoss);
    QCOMPARE(hb.epochs[1].testAccuracy, ha.epochs[1].testAccuracy);
}

void TestTrainer::rejectsMismatchedData()
{
    TrainingConfig c = tinyConfig();
    c.model.imageSize = 28; // the data are 4x4
    Trainer trainer(c, separableSplits());
    trainer.setModel(std::make_shared<ql::test::TinyNetImpl>(ql::test::tinySpec()));
    Recorder rec;
    trainer.setObserver(&rec);
    QCOMPARE(trainer.run(), RunOutcome::Failed);
    QVERIFY2(QString::fromStdString(rec.message).contains("4x4"), rec.message.c_str());
    c.epochs = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Trainer(c, separableSplits()));
}

void TestTrainer::fineTunesRealModelAtNewBits()
{
    // mnist-cnn from the quant layers: float first, then "retrain" at 4 bits from its weights.
    DataSplits data;
    torch::manual_seed(9);
    data.train.images = torch::randint(0, 256, {64, 1, 28, 28}).to(torch::kByte);
    data.train.labels = torch::randint(0, 10, {64}, torch::kLong);
    data.test.images = data.train.images.narrow(0, 0, 16);
    data.test.labels = data.train.labels.narrow(0, 0, 16);
    data.norm = {{0.1307f}, {0.3081f}};
    TrainingConfig c;
    c.model.arch = "mnist-cnn";
    c.epochs = 1;
    c.batchSize = 32;
    c.threads = 2;
    c.sgt.enabled = true;
    Trainer floatTrainer(c, data);
    QCOMPARE(floatTrainer.run(), RunOutcome::Finished);
    const ClassifierPtr trained = floatTrainer.model();
    const ClassifierPtr snap = floatTrainer.snapshot(torch::Device(torch::kCPU));
    QVERIFY(snap && snap != trained);
    QVERIFY(identical(parametersOf(snap), parametersOf(trained)));

    c.model.quant.weightBits = 4;
    c.model.quant.activationBits = 4;
    Trainer retrain(c, data);
    retrain.setInitialModel(*trained);
    Recorder rec;
    retrain.setObserver(&rec);
    QCOMPARE(retrain.run(), RunOutcome::Finished);
    const ClassifierPtr quantized = retrain.model();
    QVERIFY(quantized != trained);
    bool hasFourBit = false;
    for (const LayerInfo &layer : quantized->layers())
        hasFourBit = hasFourBit || layer.bits.weightBits == 4;
    QVERIFY(hasFourBit);
    // Per-layer PACT alphas and clipped fractions reach the observer.
    QVERIFY(!rec.batches.back().alphas.empty());
    QCOMPARE(rec.batches.back().clippedFractions.size(), rec.batches.back().alphas.size());
    for (float a : rec.batches.back().alphas)
        QVERIFY(a > 0.0f && std::isfinite(a));
}

void TestTrainer::stepBudgetStopsAfterExactlyNSteps()
{
    // 200 / 32: 7 batches per epoch; a budget of 10 ends 3 batches into epoch 2, although
    // epochs allows 5. That partial epoch is evaluated and checkpointed where it stopped.
    const std::string dir = m_dir.filePath("budget").toStdString();
    TrainingConfig c = tinyConfig();
    c.epochs = 5;
    c.maxSteps = 10;
    c.batchLogEvery = 4;
    c.schedule.name = "onecycle";
    Trainer trainer(c, separableSplits(200, 64));
    trainer.setModel(std::make_shared<ql::test::TinyNetImpl>(c.model));
    trainer.setRunFolder(dir);
    Recorder rec;
    trainer.setObserver(&rec);
    QCOMPARE(trainer.run(), RunOutcome::Finished);
    QCOMPARE(rec.batches.size(), size_t(10));
    QCOMPARE(rec.batches.back().globalStep, int64_t(10));
    QCOMPARE(rec.batches.back().epoch, 2);
    QCOMPARE(rec.batches.back().step, int64_t(3));
    QCOMPARE(rec.epochs.size(), size_t(2)); // epoch 1, and the 3 batches of epoch 2
    QVERIFY(rec.message.find("budget of 10 steps") != std::string::npos);
    // The one-cycle schedule spans the 10 budgeted steps, not 5 x 7: by hand (PyTorch's
    // OneCycleLR, pct 0.3, div 25, final div 1e4), step 0 is 0.02 / 25, step 2 (the end of
    // phase one, 0.3 x 10 - 1) the peak 0.02 and step 9 (the last) 0.02 / 25 / 1e4.
    QVERIFY(std::abs(rec.batches[0].learningRate - 0.02 / 25) < 1e-12);
    QVERIFY(std::abs(rec.batches[2].learningRate - 0.02) < 1e-12);
    QVERIFY(std::abs(rec.batches[9].learningRate - 0.02 / 25 / 1e4) < 1e-12);
    // The history keeps every 4th step and the budget's last one.
    const MetricsHistory h = trainer.history();
    QCOMPARE(h.batches.size(), size_t(4)); // steps 4, 7 (end of epoch 1), 8, 10
    QCOMPARE(h.batches.back().globalStep, int64_t(10));
    const CheckpointInfo info = readCheckpointInfo(dir + "/last.ckpt");
    QCOMPARE(info.globalStep, int64_t(10));
    QCOMPARE(info.epochsCompleted, 1);
    QCOMPARE(info.stepInEpoch, int64_t(3));
}

void TestTrainer::stepBudgetResumesToTheBudget()
{
    // A run that stopped at its budget and is resumed with a larger one trains exactly the
    // difference; resumed with the same budget it trains nothing.
    const std::string dir = m_dir.filePath("budget-resume").toStdString();
    TrainingConfig c = tinyConfig();
    c.maxSteps = 5;
    {
        Trainer trainer(c, separableSplits(200, 64));
        trainer.setModel(std::make_shared<ql::test::TinyNetImpl>(c.model));
        trainer.setRunFolder(dir);
        QCOMPARE(trainer.run(), RunOutcome::Finished);
    }
    const std::string from = m_dir.filePath("budget-resume.ckpt").toStdString();
    std::filesystem::copy_file(dir + "/last.ckpt", from,
                               std::filesystem::copy_options::overwrite_existing);
    for (const int64_t budget : {int64_t(5), int64_t(12)}) {
        c.maxSteps = budget;
        Trainer trainer(c, separableSplits(200, 64));
        trainer.setModel(std::make_shared<ql::test::TinyNetImpl>(c.model));
        trainer.resumeFrom(from);
        Recorder rec;
        trainer.setObserver(&rec);
        QCOMPARE(trainer.run(), RunOutcome::Finished);
        QCOMPARE(rec.batches.size(), size_t(budget - 5));
        if (!rec.batches.empty()) {
            QCOMPARE(rec.batches.front().globalStep, int64_t(6));
            QCOMPARE(rec.batches.back().globalStep, budget);
        }
    }
}

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
