// SPDX-License-Identifier: MIT
#include "core/quant/pact_activation.h"
#include "core/quant/pact_kernels.h"

#include <QTest>

#include <torch/autograd.h>

#include <cmath>
#include <limits>
#include <stdexcept>

using namespace ql::core;

class TestPactActivation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void forwardValues_data();
    void forwardValues();
    void straightThroughGradients();
    void alphaGradientMatchesFiniteDifferences_data();
    void alphaGradientMatchesFiniteDifferences();
    void inputGradientMatchesFiniteDifferences();
    void exactLevelCount();
    void moduleFloatIsRelu();
    void moduleRecordsClippedFraction();
    void rejectsBadBits();
    void fusedCpuPathMatchesGenericPath_data();
    void fusedCpuPathMatchesGenericPath();
};

namespace {

torch::Tensor sample()
{
    // Negative, exactly 0, inside, and exactly alpha (= 2): the STE's edge cases.
    return torch::tensor({-1.0, 0.0, 0.3, 0.9, 1.5, 2.0, 3.0}, torch::kDouble);
}

void compare(const torch::Tensor &actual, const std::vector<double> &expected, double tol)
{
    QCOMPARE(actual.numel(), static_cast<int64_t>(expected.size()));
    const torch::Tensor a = actual.to(torch::kDouble).contiguous();
    for (size_t i = 0; i < expected.size(); ++i) {
        const double v = a[static_cast<int64_t>(i)].item<double>();
        if (std::abs(v - expected[i]) > tol)
            QFAIL(qPrintable(QStringLiteral("element %1: got %2, expected %3")
                                 .arg(i)
                                 .arg(v, 0, 'g', 10)
                                 .arg(expected[i], 0, 'g', 10)));
    }
}

} // namespace

void TestPactActivation::forwardValues_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<std::vector<double>>("expected");
    // Computed once with /usr/bin/python3 (Debian torch 1.13):
    //   y = torch.clamp(x, 0, 2); torch.round(y * L / 2) * 2 / L, L = 2**k - 1
    QTest::newRow("k=2") << 2 << std::vector<double>{0, 0, 0, 2.0 / 3, 4.0 / 3, 2, 2};
    QTest::newRow("k=3") << 3
                         << std::vector<double>{
                                0, 0, 0.2857142857142857, 0.8571428571428571, 1.4285714285714286,
                                2, 2};
    QTest::newRow("clip-only") << 32 << std::vector<double>{0, 0, 0.3, 0.9, 1.5, 2, 2};
}

void TestPactActivation::forwardValues()
{
    QFETCH(int, bits);
    QFETCH(std::vector<double>, expected);
    const torch::Tensor alpha = torch::full({}, 2.0, torch::kDouble);
    compare(pactFunction(sample(), alpha, bits), expected, 1e-12);
}

void TestPactActivation::straightThroughGradients()
{
    for (int bits : {2, 4, 32}) {
        torch::Tensor x = sample().requires_grad_(true);
        torch::Tensor alpha = torch::full({}, 2.0, torch::kDouble).requires_grad_(true);
        const torch::Tensor upstream =
            torch::tensor({1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0}, torch::kDouble);
        pactFunction(x, alpha, bits).backward(upstream);
        // By hand: dy/dx = 1 for 0 <= x < alpha (x = 0, 0.3, 0.9, 1.5), 0 for x < 0 and
        // x >= alpha (x = 2 exactly counts as clipped); dy/dalpha sums where x >= alpha: 6 + 7.
        compare(x.grad(), {0, 2, 3, 4, 5, 0, 0}, 0);
        QCOMPARE(alpha.grad().item<double>(), 13.0);
    }
}

void TestPactActivation::alphaGradientMatchesFiniteDifferences_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<std::vector<double>>("xs");
    // Clip-only: exactly differentiable away from x = 0 and x = alpha.
    QTest::newRow("clip-only") << 32 << std::vector<double>{-0.7, 0.2, 0.8, 1.3, 1.9, 2.6, 4.0};
    // Quantized: with every input negative or clipped, y_q is 0 or alpha, so the STE is the
    // true derivative (no rounding discontinuity nearby).
    QTest::newRow("k=4 clipped") << 4 << std::vector<double>{-0.7, -0.1, 2.6, 3.1, 4.0};
}

void TestPactActivation::alphaGradientMatchesFiniteDifferences()
{
    QFETCH(int, bits);
    QFETCH(std::vector<double>, xs);
    const torch::Tensor x = torch::tensor(xs, torch::kDouble);
    const torch::Tensor weights = torch::linspace(0.5, 1.5, x.numel(), torch::kDouble);
    auto loss = [&](const torch::Tensor &alpha) {
        return (pactFunction(x, alpha, bits) * weights).sum();
    };
    torch::Tensor alpha = torch::full({}, 2.2, torch::kDouble).requires_grad_(true);
    const double analytic = torch::autograd::grad({loss(alpha)}, {alpha})[0].item<double>();
    const double h = 1e-6;
    torch::NoGradGuard noGrad;
    const double numeric = (loss(torch::full({}, 2.2 + h, torch::kDouble)).item<double>() -
                            loss(torch::full({}, 2.2 - h, torch::kDouble)).item<double>()) /
                           (2 * h);
    QVERIFY2(std::abs(analytic - numeric) < 1e-6,
             qPrintable(QStringLiteral("analytic %1 vs numeric %2").arg(analytic).arg(numeric)));
    QVERIFY(analytic > 0.0);
}

void TestPactActivation::inputGradientMatchesFiniteDifferences()
{
    // Finite-difference Jacobian diagonal (the function is element-wise) of the clip-only
    // PACT, at points away from the kinks x = 0 and x = alpha.
    const std::vector<double> xs{-0.7, 0.2, 0.8, 1.3, 1.9, 2.6};
    const torch::Tensor alpha = torch::full({}, 2.2, torch::kDouble);
    torch::Tensor x = torch::tensor(xs, torch::kDouble).requires_grad_(true);
    const torch::Tensor analytic =
        torch::autograd::grad({pactFunction(x, alpha, 32).sum()}, {x})[0];
    const double h = 1e-6;
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < xs.size(); ++i) {
        const double up =
            pactFunction(torch::full({}, xs[i] + h, torch::kDouble), alpha, 32).item<double>();
        const double down =
            pactFunction(torch::full({}, xs[i] - h, torch::kDouble), alpha, 32).item<double>();
        QVERIFY(std::abs((up - down) / (2 * h) - analytic[static_cast<int64_t>(i)].item<double>()) <
                1e-6);
    }
}

void TestPactActivation::exactLevelCount()
{
    const torch::Tensor x = torch::linspace(-1.0, 7.0, 20001);
    const torch::Tensor alpha = torch::full({}, 3.0);
    for (int bits = 1; bits <= 8; ++bits) {
        const torch::Tensor levels = std::get<0>(at::_unique(pactFunction(x, alpha, bits)));
        QCOMPARE(levels.numel(), int64_t{1} << bits);
        QCOMPARE(levels.min().item<float>(), 0.0f);
        QCOMPARE(levels.max().item<float>(), 3.0f);
    }
}

void TestPactActivation::moduleFloatIsRelu()
{
    PactActivation act(kFloatBits, 10.0f);
    const torch::Tensor x = torch::tensor({-3.0f, 0.5f, 12.0f});
    QVERIFY(torch::equal(act(x), torch::relu(x)));
    QCOMPARE(act->clippedFraction(), 0.0f);
    QCOMPARE(act->named_parameters().size(), size_t{1});
    QVERIFY(act->named_parameters().contains("alpha"));
    QCOMPARE(act->alphaValue(), 10.0f);
}

void TestPactActivation::moduleRecordsClippedFraction()
{
    PactActivation act(4, 2.0f);
    act->train();
    act(sample().to(torch::kFloat));
    QCOMPARE(act->clippedFraction(), 2.0f / 7.0f);
    act->eval(); // eval forwards leave the last training figure alone
    act(torch::full({10}, 5.0f));
    QCOMPARE(act->clippedFraction(), 2.0f / 7.0f);
    act->setBits(8);
    QCOMPARE(act->bits(), 8);
    act->setAlphaValue(1.5f);
    QCOMPARE(act->alphaValue(), 1.5f);
    // Works in double too (for gradient checks).
    act->to(torch::kDouble);
    QCOMPARE(act(sample()).scalar_type(), torch::kDouble);
}

void TestPactActivation::rejectsBadBits()
{
    PactActivation act;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, act->setBits(0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, act->setBits(16));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, act->setAlphaValue(-1.0f));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PactActivation(4, 0.0f));
}

QTEST_GUILESS_MAIN(TestPactActivation)
void TestPactActivation::fusedCpuPathMatchesGenericPath_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<float>("alpha");
    for (int bits : {1, 2, 4, 8, 32})
        QTest::newRow(qPrintable(QStringLiteral("%1 bits").arg(bits))) << bits << 3.0f;
    QTest::newRow("4 bits, alpha 0.7") << 4 << 0.7f;
}

void TestPactActivation::fusedCpuPathMatchesGenericPath()
{
    // Contiguous float CPU input takes the fused one-pass kernels (AVX2 where available, the
    // scalar loop for the tail); a strided view of the same values takes the ATen sequence.
    // Both must give bit-identical outputs and input gradients.
    QFETCH(int, bits);
    QFETCH(float, alpha);
    torch::manual_seed(9);
    const int64_t n = 8 * 1000 + 7; // a tail that is not a multiple of 8
    torch::Tensor x = torch::randn({n}) * 2.5 + 1.0;
    // Edge values: 0, -0, alpha, just below alpha, NaN, and exact rounding ties (alpha 3 at
    // 2 bits: L = 3, so 0.5, 1.5 and 2.5 are halfway between levels).
    const float edges[] = {0.0f,  -0.0f, alpha, std::nextafter(alpha, 0.0f),
                           0.5f,  1.5f,  2.5f,  std::numeric_limits<float>::quiet_NaN(),
                           -7.0f, 100.0f};
    for (int i = 0; i < 10; ++i) {
        x[i] = edges[i];         // in the vectorised part
        x[n - 1 - i] = edges[i]; // and in the scalar tail (and just before it)
    }
    const torch::Tensor g = torch::randn({n});

    auto run = [&](const torch::Tensor &input) {
        torch::Tensor xi = input.detach().requires_grad_(true);
        torch::Tensor a = torch::full({}, alpha).requires_grad_(true);
        torch::Tensor fraction;
        torch::Tensor y = pactFunction(xi, a, bits, &fraction);
        auto grads = torch::autograd::grad({y}, {xi, a}, {g});
        return std::make_tuple(y.detach().contiguous(), grads[0].contiguous(), grads[1],
                               fraction.item<float>());
    };
    const torch::Tensor strided = torch::stack({x, x}, 1).select(1, 0); // stride 2
    QVERIFY(x.is_contiguous() && !strided.is_contiguous());
    const auto [yFused, gxFused, gaFused, fracFused] = run(x);
    const auto [yRef, gxRef, gaRef, fracRef] = run(strided);

    QVERIFY(torch::equal(torch::isnan(yFused), torch::isnan(yRef)));
    QVERIFY(torch::isnan(yFused).any().item<bool>()); // NaN propagates
    QVERIFY(torch::equal(torch::nan_to_num(yFused, 0.0), torch::nan_to_num(yRef, 0.0)));
    const torch::Tensor differ = gxFused.ne(gxRef).nonzero().flatten();
    QVERIFY2(
        differ.numel() == 0,
        qPrintable(QStringLiteral("%1 input gradients differ, first at x = %2")
                       .arg(differ.numel())
                       .arg(differ.numel() ? x[differ[0].item<int64_t>()].item<float>() : 0.0f)));
    QCOMPARE(fracFused, fracRef);
    const double ga = gaFused.item<double>(), gaExpected = gaRef.item<double>();
    QVERIFY2(std::abs(ga - gaExpected) <= 1e-4 * (1.0 + std::abs(gaExpected)),
             qPrintable(QStringLiteral("%1 vs %2").arg(ga).arg(gaExpected)));
    if (bits == 2 && alpha == 3.0f) {
        // Ties to even, by hand: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2.
        QCOMPARE(yFused[4].item<float>(), 0.0f);
        QCOMPARE(yFused[5].item<float>(), 2.0f);
        QCOMPARE(yFused[6].item<float>(), 2.0f);
    }
    qInfo("AVX2 kernels in use: %s", pact_kernels::usesAvx2() ? "yes" : "no");
}

#include "tst_pact_activation.moc"
