// SPDX-License-Identifier: MIT
#include "core/quant/quant_config.h"
#include "core/quant/weight_quantizer.h"

#include <QTest>

#include <torch/autograd.h>

#include <stdexcept>

using namespace ql::core;

class TestWeightQuantizer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void valuesMatchPython_data();
    void valuesMatchPython();
    void exactLevelCount();
    void floatIsIdentity();
    void straightThroughGradient();
    void levelsRoundTrip();
    void zeroWeightsStayZero();
    void rejectsBadBits();
};

namespace {

torch::Tensor sampleWeights()
{
    return torch::tensor({-0.6, -0.31, -0.05, 0.0, 0.02, 0.17, 0.33, 0.45}, torch::kDouble);
}

} // namespace

void TestWeightQuantizer::valuesMatchPython_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<std::vector<double>>("expected");
    // Computed once with /usr/bin/python3 (Debian torch 1.13), float64:
    //   t = torch.tanh(w); f = t / (2 * t.abs().max()) + 0.5; L = 2**k - 1
    //   q = torch.round(f * L) / L; w_q = w.abs().max() * (2 * q - 1)
    QTest::newRow("k=1") << 1 << std::vector<double>{-0.6, -0.6, -0.6, -0.6, 0.6, 0.6, 0.6, 0.6};
    QTest::newRow("k=2") << 2 << std::vector<double>{-0.6, -0.2, -0.2, 0.2, 0.2, 0.2, 0.2, 0.6};
    QTest::newRow("k=4") << 4
                         << std::vector<double>{-0.6, -0.36, -0.04, 0.04, 0.04, 0.2, 0.36, 0.44};
    QTest::newRow("k=8") << 8
                         << std::vector<double>{-0.6,       -0.33647059, -0.05411765, 0.00235294,
                                                0.02117647, 0.18588235,  0.35529412,  0.47294118};
}

void TestWeightQuantizer::valuesMatchPython()
{
    QFETCH(int, bits);
    QFETCH(std::vector<double>, expected);
    const torch::Tensor q = doReFaQuantize(sampleWeights(), bits);
    for (size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(std::abs(q[static_cast<int64_t>(i)].item<double>() - expected[i]) < 1e-8,
                 qPrintable(QString::number(i)));
}

void TestWeightQuantizer::exactLevelCount()
{
    const torch::Tensor w = torch::linspace(-0.5, 0.5, 20001);
    for (int bits = 1; bits <= 8; ++bits) {
        const torch::Tensor values = std::get<0>(at::_unique(doReFaQuantize(w, bits)));
        QCOMPARE(values.numel(), int64_t{1} << bits);
        // Scaled to the layer's range: the extreme weights map onto themselves.
        QCOMPARE(values.min().item<float>(), -0.5f);
        QCOMPARE(values.max().item<float>(), 0.5f);
        DoReFaWeightQuantizer quantizer(bits);
        QCOMPARE(std::get<0>(at::_unique(quantizer(w))).numel(), int64_t{1} << bits);
    }
}

void TestWeightQuantizer::floatIsIdentity()
{
    const torch::Tensor w = torch::randn({4, 3});
    QVERIFY(torch::equal(doReFaQuantize(w, kFloatBits), w));
}

void TestWeightQuantizer::straightThroughGradient()
{
    // STE: d w_q / d w = (max|w| / max|tanh w|) (1 - tanh^2 w), rounding and the two maxima
    // treated as constants. By hand for w = sampleWeights(): max|w| = 0.6.
    torch::Tensor w = sampleWeights().requires_grad_(true);
    doReFaQuantize(w, 4).sum().backward();
    const torch::Tensor wd = sampleWeights();
    const torch::Tensor t = torch::tanh(wd);
    const torch::Tensor expected = 0.6 / std::tanh(0.6) * (1 - t * t);
    QVERIFY(torch::allclose(w.grad(), expected, 1e-12, 1e-12));
    // ~1 for small weights: training behaves like float training.
    QVERIFY(std::abs(w.grad()[3].item<double>() - 0.6 / std::tanh(0.6)) < 1e-12);
}

void TestWeightQuantizer::levelsRoundTrip()
{
    const torch::Tensor w = torch::randn({16, 8}) * 0.2;
    for (int bits : {1, 2, 4, 8}) {
        const DoReFaLevels levels = doReFaLevels(w, bits);
        QCOMPARE(levels.levels.scalar_type(), torch::kUInt8);
        QVERIFY(levels.levels.max().item<int>() <= (1 << bits) - 1);
        QVERIFY(torch::allclose(doReFaDequantize(levels.levels, levels.scale, bits),
                                doReFaQuantize(w, bits), 1e-6, 1e-6));
    }
}

void TestWeightQuantizer::zeroWeightsStayZero()
{
    const torch::Tensor q = doReFaQuantize(torch::zeros({5}), 3);
    QVERIFY(torch::isfinite(q).all().item<bool>());
    QCOMPARE(q.abs().max().item<float>(), 0.0f);
}

void TestWeightQuantizer::rejectsBadBits()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, doReFaQuantize(torch::ones({2}), 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, doReFaQuantize(torch::ones({2}), 9));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, doReFaLevels(torch::ones({2}), 32));
    DoReFaWeightQuantizer quantizer;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, quantizer.setBits(-1));
}

QTEST_GUILESS_MAIN(TestWeightQuantizer)
#include "tst_weight_quantizer.moc"
