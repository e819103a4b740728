// SPDX-License-Identifier: MIT
// TrainingConfig <-> JSON: exact round trip, partial objects, rejection of bad input.
#include "core/train/config_json.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace ql::core;

class TestConfigJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void partialKeepsDefaults();
    void resizeRoundTripAndOldConfigs();
    void rejects_data();
    void rejects();
};

void TestConfigJson::roundTrip()
{
    TrainingConfig c;
    c.dataset = "cifar10";
    c.dataDir = "/data/cifar";
    c.model.arch = "resnet20";
    c.model.inChannels = 3;
    c.model.imageSize = 32;
    c.model.quant.weightBits = 4;
    c.model.quant.activationBits = 2;
    c.model.quant.edgePolicy = EdgeLayerPolicy::Same;
    c.model.quant.alphaInit = 8.0f;
    c.model.quant.perLayer["layer1.0.conv1"] = LayerBits{3, 5};
    c.sgt.enabled = true;
    c.sgt.maskFraction = 0.25;
    c.sgt.klWeight = 0.5;
    c.sgt.saliency = SgtConfig::Saliency::Signed;
    c.sgt.fill = SgtConfig::Fill::ChannelMean;
    c.sgt.separateSaliencyPass = true;
    c.sgt.startStep = 40;
    c.sgt.rampSteps = 60;
    c.optimizer = {"sgd", 0.1, 0.8, true, 1e-4, 3e-4};
    c.schedule.name = "multistep";
    c.schedule.milestones = {60, 120};
    c.schedule.gamma = 0.1;
    c.schedule.perBatch = false;
    c.epochs = 200;
    c.maxSteps = 1234;
    c.batchSize = 64;
    c.augment = true;
    c.seed = 12345678901234ULL;
    c.threads = 2;
    c.trainLimit = 1000;
    c.initFrom = "runs/a/best.ckpt";
    const std::string text = toJsonString(c);
    const TrainingConfig back = trainingConfigFromJsonString(text);
    QCOMPARE(toJsonString(back), text);
    QCOMPARE(back.seed, c.seed);
    QCOMPARE(back.maxSteps, int64_t(1234));
    QCOMPARE(back.model.quant.perLayer.at("layer1.0.conv1").activationBits, 5);
    QCOMPARE(back.sgt.fill, SgtConfig::Fill::ChannelMean);
    QCOMPARE(back.sgt.startStep, int64_t(40));
    QCOMPARE(back.sgt.rampSteps, int64_t(60));
    QCOMPARE(back.schedule.milestones, (std::vector<int>{60, 120}));
}

void TestConfigJson::partialKeepsDefaults()
{
    const TrainingConfig c =
        trainingConfigFromJsonString(R"({"epochs": 3, "sgt": {"enabled": true}})");
    QCOMPARE(c.epochs, 3);
    QVERIFY(c.sgt.enabled);
    QCOMPARE(c.sgt.maskFraction, 0.5);
    QCOMPARE(c.optimizer.name, std::string("adadelta"));
    QCOMPARE(c.model.quant.weightBits, kFloatBits);
}

void TestConfigJson::resizeRoundTripAndOldConfigs()
{
    TrainingConfig c;
    c.dataset = "folder:/data/leaves";
    c.resizeWidth = 48;
    c.resizeHeight = 48;
    const std::string text = toJsonString(c);
    QVERIFY(text.find("\"resizeWidth\": 48") != std::string::npos);
    const TrainingConfig back = trainingConfigFromJsonString(text);
    QCOMPARE(back.resizeWidth, 48);
    QCOMPARE(back.resizeHeight, 48);
    QCOMPARE(toJsonString(back), text);
    // No resize: the keys are not written, so the JSON is what configs were before the option
    // (checkpoints and run folders written earlier read back unchanged, and as 0 x 0).
    TrainingConfig plain;
    plain.dataset = "folder:/data/leaves";
    const std::string plainText = toJsonString(plain);
    QVERIFY(plainText.find("resize") == std::string::npos);
    const TrainingConfig old =
        trainingConfigFromJsonString(R"({"dataset": "folder:/x", "epochs": 2})");
    QCOMPARE(old.resizeWidth, 0);
    QCOMPARE(old.resizeHeight, 0);
}

void TestConfigJson::rejects_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("mention"); // the message must name the problem
    QTest::newRow("syntax") << "{\"epochs\": "
                            << "not valid JSON";
    QTest::newRow("not an object") << "[1, 2]"
                                   << "object";
    QTest::newRow("unknown key") << R"({"epoch": 3})"
                                 << "epoch";
    QTest::newRow("unknown nested key") << R"({"sgt": {"k": 0.5}})"
                                        << "sgt.k";
    QTest::newRow("negative SGT start") << R"({"sgt": {"startStep": -5}})"
                                        << "startStep";
    QTest::newRow("wrong type") << R"({"epochs": "ten"})"
                                << "epochs";
    QTest::newRow("epochs 0") << R"({"epochs": 0})"
                              << "epochs";
    QTest::newRow("maxSteps -1") << R"({"maxSteps": -1})"
                                 << "maxSteps";
    QTest::newRow("batch 0") << R"({"batchSize": 0})"
                             << "batchSize";
    QTest::newRow("k 1.5") << R"({"sgt": {"maskFraction": 1.5}})"
                           << "maskFraction";
    QTest::newRow("negative lambda") << R"({"sgt": {"klWeight": -1}})"
                                     << "klWeight";
    QTest::newRow("bits 13") << R"({"model": {"quant": {"weightBits": 13}}})"
                             << "quant";
    QTest::newRow("bad edge") << R"({"model": {"quant": {"edgePolicy": "4bit"}}})"
                              << "edgePolicy";
    QTest::newRow("optimizer") << R"({"optimizer": {"name": "lion"}})"
                               << "lion";
    QTest::newRow("lr 0") << R"({"optimizer": {"learningRate": 0}})"
                          << "learningRate";
    QTest::newRow("schedule") << R"({"schedule": {"name": "exp"}})"
                              << "schedule.name";
    QTest::newRow("milestones") << R"({"schedule": {"milestones": [5, 3]}})"
                                << "milestones";
    QTest::newRow("saliency") << R"({"sgt": {"saliency": "abs"}})"
                              << "abs";
    QTest::newRow("fill") << R"({"sgt": {"fill": "zeros"}})"
                          << "zeros";
    QTest::newRow("threads") << R"({"threads": -2})"
                             << "threads";
    QTest::newRow("resize one side") << R"({"dataset": "folder:/x", "resizeWidth": 32})"
                                     << "resizeHeight";
    QTest::newRow("resize not square")
        << R"({"dataset": "folder:/x", "resizeWidth": 32, "resizeHeight": 16})"
        << "square";
    QTest::newRow("resize too big")
        << R"({"dataset": "folder:/x", "resizeWidth": 5000, "resizeHeight": 5000})"
        << "resizeWidth";
    QTest::newRow("resize mnist")
        << R"({"dataset": "mnist", "resizeWidth": 32, "resizeHeight": 32})"
        << "image folder";
}

void TestConfigJson::rejects()
{
    QFETCH(QString, json);
    QFETCH(QString, mention);
    try {
        trainingConfigFromJsonString(json.toStdString());
        QFAIL("accepted a bad config");
    } catch (const std::invalid_argument &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(mention), e.what());
    }
}

QTEST_GUILESS_MAIN(TestConfigJson)
#include "tst_config_json.moc"
