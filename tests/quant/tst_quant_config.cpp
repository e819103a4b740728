// SPDX-License-Identifier: MIT
#include "core/quant/quant_config.h"

#include <QTest>

#include <limits>
#include <stdexcept>

using namespace ql::core;

class TestQuantConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void edgePolicy_data();
    void edgePolicy();
    void overridesWin();
    void validateRejects_data();
    void validateRejects();
};

void TestQuantConfig::edgePolicy_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<bool>("edge");
    QTest::addColumn<int>("expectedW");
    QTest::addColumn<int>("expectedA");
    QTest::newRow("8bit-edge") << int(EdgeLayerPolicy::EightBit) << true << 8 << 8;
    QTest::newRow("8bit-inner") << int(EdgeLayerPolicy::EightBit) << false << 4 << 2;
    QTest::newRow("float-edge") << int(EdgeLayerPolicy::Float) << true << 32 << 32;
    QTest::newRow("same-edge") << int(EdgeLayerPolicy::Same) << true << 4 << 2;
}

void TestQuantConfig::edgePolicy()
{
    QFETCH(int, policy);
    QFETCH(bool, edge);
    QFETCH(int, expectedW);
    QFETCH(int, expectedA);
    QuantConfig config;
    config.weightBits = 4;
    config.activationBits = 2;
    config.edgePolicy = static_cast<EdgeLayerPolicy>(policy);
    const LayerBits bits = config.bitsFor("conv1", edge, false);
    QCOMPARE(bits.weightBits, expectedW);
    QCOMPARE(bits.activationBits, expectedA);
    QVERIFY(!config.isFloat());
}

void TestQuantConfig::overridesWin()
{
    QuantConfig config;
    QVERIFY(config.isFloat());
    config.perLayer["fc1"] = {3, 5};
    QVERIFY(!config.isFloat());
    QCOMPARE(config.bitsFor("fc1", true, false).weightBits, 3);
    QCOMPARE(config.bitsFor("fc1", true, false).activationBits, 5);
    QCOMPARE(config.bitsFor("conv1", true, false).weightBits, kFloatBits);
}

void TestQuantConfig::validateRejects_data()
{
    QTest::addColumn<int>("w");
    QTest::addColumn<int>("a");
    QTest::addColumn<float>("alpha");
    QTest::newRow("w0") << 0 << 4 << 10.0f;
    QTest::newRow("w9") << 9 << 4 << 10.0f;
    QTest::newRow("a16") << 4 << 16 << 10.0f;
    QTest::newRow("alpha0") << 4 << 4 << 0.0f;
    QTest::newRow("alphaNaN") << 4 << 4 << std::numeric_limits<float>::quiet_NaN();
}

void TestQuantConfig::validateRejects()
{
    QFETCH(int, w);
    QFETCH(int, a);
    QFETCH(float, alpha);
    QuantConfig config;
    config.weightBits = w;
    config.activationBits = a;
    config.alphaInit = alpha;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, config.validate());
}

QTEST_GUILESS_MAIN(TestQuantConfig)
#include "tst_quant_config.moc"
