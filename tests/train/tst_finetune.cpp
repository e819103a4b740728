// SPDX-License-Identifier: MIT
// Quantization-aware fine-tuning from a float model: PACT alphas calibrated from data cover the
// observed activations, only untrained alphas are calibrated, the trainer starts from them, and
// `quantlens-cli train --init` does the same on MNIST.
#include "app/cli/cli_commands.h"
#include "core/data/batch.h"
#include "core/quant/pact_activation.h"
#include "core/train/checkpoint.h"
#include "core/train/finetune.h"
#include "tests/support/test_support.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <ATen/ATen.h>
#include <torch/nn/functional/loss.h>
#include <torch/optim/adam.h>

using namespace ql;
using namespace ql::core;

class TestFineTune : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void twoBitLevelsCoverTheActivations();
    void onlyUntrainedAlphasAreCalibrated();
    void trainerStartsFromCalibratedAlphas();
    void cliTrainInitOnMnist();

private:
    ClassifierPtr m_float;
    DataSplits m_data;
    QTemporaryDir m_dir;
};

namespace {

QuantConfig bitsConfig(int bits, float alphaInit = 1000.0f)
{
    QuantConfig c;
    c.weightBits = bits;
    c.activationBits = bits;
    c.edgePolicy = EdgeLayerPolicy::Same;
    c.alphaInit = alphaInit; // far above any activation: an uncalibrated alpha stands out
    return c;
}

std::vector<std::shared_ptr<PactActivationImpl>> pactsOf(const torch::nn::Module &model)
{
    std::vector<std::shared_ptr<PactActivationImpl>> out;
    for (const auto &module : model.modules())
        if (auto pact = std::dynamic_pointer_cast<PactActivationImpl>(module))
            out.push_back(pact);
    return out;
}

/// A 4-class toy task on 16x16 uint8 images: one bright quadrant plus noise.
Dataset toyData(int64_t n, uint64_t seed)
{
    torch::manual_seed(seed);
    Dataset d;
    d.labels = torch::randint(0, 4, {n}, torch::kLong);
    torch::Tensor x = torch::rand({n, 1, 16, 16}) * 80.0;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t q = d.labels[i].item<int64_t>();
        x[i].slice(1, (q / 2) * 8, (q / 2) * 8 + 8).slice(2, (q % 2) * 8, (q % 2) * 8 + 8) += 150.0;
    }
    d.images = x.clamp(0, 255).to(torch::kByte).contiguous();
    d.classNames = {"a", "b", "c", "d"};
    d.name = "toy";
    return d;
}

} // namespace

void TestFineTune::initTestCase()
{
    m_data.train = toyData(512, 3);
    m_data.test = toyData(128, 4);
    m_data.norm = {{0.3f}, {0.3f}};
    ModelSpec spec;
    spec.arch = "lenet5";
    spec.imageSize = 16;
    spec.numClasses = 4;
    m_float = makeClassifier(spec);
    m_float->train();
    const auto x = calibrationBatches(m_data.train, m_data.norm, 512, 512, torch::kCPU).front();
    const auto y = balancedSubset(m_data.train, 512).labels;
    torch::optim::Adam optimizer(m_float->parameters(), torch::optim::AdamOptions(3e-3));
    for (int step = 0; step < 30; ++step) {
        optimizer.zero_grad();
        torch::nn::functional::cross_entropy(m_float->forward(x), y).backward();
        optimizer.step();
    }
    m_float->eval();
}

void TestFineTune::twoBitLevelsCoverTheActivations()
{
    const auto batches = calibrationBatches(m_data.train, m_data.norm, 256, 100, torch::kCPU);
    QCOMPARE(batches.size(), size_t(3)); // 100 + 100 + 56
    QCOMPARE(batches.back().size(0), int64_t(56));

    // The activations as the float model sees them, recorded independently of calibration.
    const auto floatPacts = pactsOf(*m_float);
    QVERIFY(floatPacts.size() >= 3);
    std::vector<std::vector<torch::Tensor>> seen(floatPacts.size());
    for (size_t i = 0; i < floatPacts.size(); ++i)
        floatPacts[i]->setObserver(
            [&seen, i](const torch::Tensor &x) { seen[i].push_back(x.flatten().clone()); });
    {
        torch::NoGradGuard noGrad;
        for (const auto &b : batches)
            m_float->forward(b);
    }
    for (const auto &pact : floatPacts)
        pact->setObserver({});

    CalibrationReport report;
    ClassifierPtr q =
        calibratedQuantizedCopy(*m_float, bitsConfig(2), batches, torch::kCPU, &report);
    const std::vector<float> alphas = pactAlphas(*q);
    QCOMPARE(alphas.size(), floatPacts.size());
    QCOMPARE(report.alphas, alphas);
    for (size_t i = 0; i < alphas.size(); ++i) {
        QVERIFY(report.calibrated[i]);
        QCOMPARE(report.bits[i], 2);
        const torch::Tensor all = at::cat(seen[i]);
        const torch::Tensor positives = all.masked_select(all > 0);
        QVERIFY(positives.numel() > 100);
        const float maxSeen = positives.max().item<float>();
        const float p90 = at::quantile(positives, 0.9).item<float>();
        const QString info = QStringLiteral("layer %1: alpha %2, p90 %3, max %4")
                                 .arg(i)
                                 .arg(alphas[i])
                                 .arg(p90)
                                 .arg(maxSeen);
        // Within the observed range, and the 2-bit levels {0, a/3, 2a/3, a} reach at least the
        // 90th percentile of what the layer outputs (alpha 1000 would round everything to 0).
        QVERIFY2(alphas[i] <= maxSeen * 1.0001f, qPrintable(info));
        QVERIFY2(alphas[i] >= p90 * 0.9999f, qPrintable(info));
        // Most positive activations land on a non-zero level.
        const double nonZero =
            (positives >= alphas[i] / 6.0f).to(torch::kDouble).mean().item<double>();
        QVERIFY2(nonZero > 0.5, qPrintable(info + QStringLiteral(", non-zero %1").arg(nonZero)));
    }
    QVERIFY(!describeCalibration(report).empty());
    // The float model is untouched.
    for (float a : pactAlphas(*m_float))
        QCOMPARE(a, 10.0f);
}

void TestFineTune::onlyUntrainedAlphasAreCalibrated()
{
    const auto batches = calibrationBatches(m_data.train, m_data.norm, 256, 128, torch::kCPU);
    ClassifierPtr four = cloneClassifier(*m_float, torch::kCPU);
    four->applyQuantConfig(bitsConfig(4));
    {
        torch::NoGradGuard noGrad;
        for (auto &alpha : alphaParameters(*four))
            alpha.fill_(2.5);
    }
    // Same activation bits: the trained alphas stay.
    CalibrationReport same;
    ClassifierPtr q4 = calibratedQuantizedCopy(*four, bitsConfig(4), batches, torch::kCPU, &same);
    for (float a : pactAlphas(*q4))
        QCOMPARE(a, 2.5f);
    for (bool c : same.calibrated)
        QVERIFY(!c);
    // 4 -> 2 bits: the clip level that minimises the error changes, so it is recalibrated.
    ClassifierPtr q2 = calibratedQuantizedCopy(*four, bitsConfig(2), batches, torch::kCPU);
    for (float a : pactAlphas(*q2))
        QVERIFY(a != 2.5f);
    // No data: nothing calibrated, no crash.
    CalibrationReport none;
    calibratedQuantizedCopy(*m_float, bitsConfig(2), {}, torch::kCPU, &none);
    for (bool c : none.calibrated)
        QVERIFY(!c);
}

void TestFineTune::trainerStartsFromCalibratedAlphas()
{
    TrainingConfig config;
    config.dataset = "toy";
    config.model = m_float->spec();
    config.model.quant = bitsConfig(2);
    config.optimizer.name = "sgd";
    config.optimizer.learningRate = 1e-7; // the weights barely move: alphas stay visible
    config.optimizer.alphaDecay = 0.0;
    config.epochs = 1;
    config.batchSize = 128;
    config.threads = 1;
    Trainer trainer(config, m_data);
    const CalibrationReport report = prepareCalibratedFineTune(trainer, *m_float, m_data, 256);
    QCOMPARE(trainer.run(), RunOutcome::Finished);
    const std::vector<float> after = pactAlphas(*trainer.model());
    QCOMPARE(after.size(), report.alphas.size());
    for (size_t i = 0; i < after.size(); ++i) {
        QVERIFY(report.alphas[i] < 100.0f);
        QVERIFY2(std::abs(after[i] - report.alphas[i]) < 1e-3f,
                 qPrintable(QStringLiteral("%1 vs %2").arg(after[i]).arg(report.alphas[i])));
    }
    // The weights are the float model's (fine-tuning, not a fresh model): same predictions at
    // 8 bits would need calibration too, so compare the first conv weights directly.
    const auto fromParams = m_float->named_parameters();
    const auto toParams = trainer.model()->named_parameters();
    for (const auto &item : fromParams) {
        if (item.key().find("alpha") != std::string::npos)
            continue;
        const torch::Tensor *other = toParams.find(item.key());
        QVERIFY(other != nullptr);
        QVERIFY(torch::allclose(item.value(), *other, 1e-4, 1e-5));
    }
}

void TestFineTune::cliTrainInitOnMnist()
{
    const QString mnist = test::sharedDataPath(QStringLiteral("mnist"));
    if (mnist.isEmpty())
        QSKIP("QUANTLENS_SHARED_DATA/mnist not available");
    const QString floatRun = m_dir.filePath(QStringLiteral("float"));
    const QString qatRun = m_dir.filePath(QStringLiteral("qat"));
    QCOMPARE(app::runTrainCommand({"quantlens-cli train",
                                   "--dataset",
                                   "mnist",
                                   "--data-dir",
                                   mnist,
                                   "--model",
                                   "mnist-cnn",
                                   "--train-limit",
                                   "256",
                                   "--test-limit",
                                   "128",
                                   "--batch-size",
                                   "64",
                                   "--epochs",
                                   "1",
                                   "--threads",
                                   "2",
                                   "--optimizer",
                                   "adam",
                                   "--lr",
                                   "0.001",
                                   "--out",
                                   floatRun}),
             0);
    // Data set and model come from the checkpoint; only the bits and the budget are given.
    const QString init = QDir(floatRun).filePath(QStringLiteral("last.ckpt"));
    QCOMPARE(app::runTrainCommand({"quantlens-cli train",
                                   "--init",
                                   init,
                                   "--wbits",
                                   "2",
                                   "--abits",
                                   "2",
                                   "--train-limit",
                                   "128",
                                   "--test-limit",
                                   "128",
                                   "--batch-size",
                                   "64",
                                   "--epochs",
                                   "1",
                                   "--threads",
                                   "2",
                                   "--optimizer",
                                   "adam",
                                   "--lr",
                                   "0.0001",
                                   "--out",
                                   qatRun}),
             0);
    CheckpointInfo info;
    ClassifierPtr model = loadModelFromCheckpoint(
        QDir(qatRun).filePath(QStringLiteral("last.ckpt")).toStdString(), torch::kCPU, &info);
    QCOMPARE(info.config.model.arch, std::string("mnist-cnn"));
    QCOMPARE(info.config.model.quant.activationBits, 2);
    QCOMPARE(QString::fromStdString(info.config.initFrom), init);
    // mnist-cnn's conv activations rarely exceed 3: calibrated alphas are far below the
    // default 10 after two steps of Adam at 1e-4.
    for (const auto &layer : model->layers())
        if (layer.alpha > 0.0f && layer.bits.activationBits == 2)
            QVERIFY2(layer.alpha < 9.0f, qPrintable(QString::number(layer.alpha)));
    // A mismatching model is refused with a message, not a crash.
    QCOMPARE(app::runTrainCommand({"quantlens-cli train", "--init", init, "--model", "lenet5",
                                   "--wbits", "2", "--abits", "2", "--epochs", "1", "--out",
                                   m_dir.filePath(QStringLiteral("bad"))}),
             2);
}

QTEST_GUILESS_MAIN(TestFineTune)
#include "tst_finetune.moc"
