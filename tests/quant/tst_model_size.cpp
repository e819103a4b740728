// SPDX-License-Identifier: MIT
#include "core/quant/model_size.h"

#include <QTest>

using namespace ql::core;

class TestModelSize : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mnistCnnFourBitByHand();
    void floatModelHasRatioOne();
    void batchNormCountsAsFloat();
};

namespace {

ClassifierPtr mnistCnn(int bits)
{
    ModelSpec spec;
    spec.quant.weightBits = bits;
    spec.quant.activationBits = bits;
    return makeClassifier(spec); // mnist-cnn, 1x28x28, 10 classes, edge layers at 8 bits
}

} // namespace

void TestModelSize::mnistCnnFourBitByHand()
{
    const ModelSize size = computeModelSize(*mnistCnn(4));
    QCOMPARE(size.layers.size(), size_t{4});
    // conv1: 32*1*3*3 = 288 weights + 32 biases; output 26x26x32, 9 MACs each; 8-bit weights
    // (edge policy) on the 8-bit image. Bytes: 288 packed at 8 bits + 4 (scale) + 32*4 (bias)
    // + 4 (alpha of its 8-bit PACT).
    const LayerSizeRow &c1 = size.layers[0];
    QCOMPARE(c1.parameters, int64_t{288 + 32});
    QCOMPARE(c1.macs, int64_t{26 * 26 * 32 * 9});
    QCOMPARE(c1.bops, int64_t{26 * 26 * 32 * 9} * 8 * 8);
    QCOMPARE(c1.bytes, int64_t{288 + 4 + 128 + 4});
    // conv2: 64*32*9 = 18432 weights at 4 bits reading conv1's 8-bit activations; 24x24x64
    // outputs of 288 MACs.
    const LayerSizeRow &c2 = size.layers[1];
    QCOMPARE(c2.macs, int64_t{24 * 24 * 64 * 288});
    QCOMPARE(c2.bops, int64_t{24 * 24 * 64 * 288} * 4 * 8);
    QCOMPARE(c2.bytes, int64_t{18432 / 2 + 4 + 64 * 4 + 4});
    // fc1: 9216*128 weights, 4-bit weights on 4-bit inputs.
    const LayerSizeRow &f1 = size.layers[2];
    QCOMPARE(f1.macs, int64_t{9216 * 128});
    QCOMPARE(f1.bops, int64_t{9216 * 128} * 4 * 4);
    QCOMPARE(f1.bytes, int64_t{9216 * 128 / 2 + 4 + 128 * 4 + 4});
    // fc2: 8-bit weights (edge), 4-bit inputs, float logits (no alpha).
    const LayerSizeRow &f2 = size.layers[3];
    QCOMPARE(f2.activationBits, 32);
    QCOMPARE(f2.bops, int64_t{1280} * 8 * 4);
    QCOMPARE(f2.bytes, int64_t{1280 + 4 + 40});

    const int64_t weightsAndBiases = 288 + 32 + 18432 + 64 + 1179648 + 128 + 1280 + 10;
    QCOMPARE(size.parameters, weightsAndBiases + 3); // + 3 alphas
    QCOMPARE(size.otherFloats, int64_t{0});
    QCOMPARE(size.bytes, int64_t{424 + 9480 + 590344 + 1324});
    QCOMPARE(size.floatBytes, weightsAndBiases * 4);
    QVERIFY(std::abs(size.compressionRatio - 4799528.0 / 601572.0) < 1e-9);
    QCOMPARE(size.macs, int64_t{194688 + 10616832 + 1179648 + 1280});
    QCOMPARE(size.floatBops,
             int64_t{194688} * 32 * 8 + int64_t{10616832 + 1179648 + 1280} * 32 * 32);
}

void TestModelSize::floatModelHasRatioOne()
{
    const ModelSize size = computeModelSize(*mnistCnn(32));
    QCOMPARE(size.bytes, size.floatBytes);
    QCOMPARE(size.compressionRatio, 1.0);
    QCOMPARE(size.bops, size.floatBops);
}

void TestModelSize::batchNormCountsAsFloat()
{
    ModelSpec spec;
    spec.arch = "resnet20";
    spec.inChannels = 3;
    spec.imageSize = 32;
    spec.quant.weightBits = 2;
    spec.quant.activationBits = 2;
    const ModelSize size = computeModelSize(*makeClassifier(spec));
    // 19 batch norms: weight, bias, running mean and variance per channel.
    const int64_t bnChannels = 16 + 6 * 16 + 6 * 32 + 6 * 64;
    QCOMPARE(size.otherFloats, 4 * bnChannels);
    QCOMPARE(size.layers.size(), size_t{20});
    QVERIFY(size.compressionRatio > 8.0);
    // ResNet-20 at 32x32: about 41 million MACs.
    QVERIFY(size.macs > 40'000'000 && size.macs < 42'000'000);
}

QTEST_GUILESS_MAIN(TestModelSize)
#include "tst_model_size.moc"
