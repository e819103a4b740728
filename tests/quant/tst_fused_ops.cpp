// SPDX-License-Identifier: MIT
// The fused CPU dropout of core/models/fused_ops: statistics, gradient, seeding, edge cases.
#include "core/models/fused_ops.h"

#include <QTest>

#include <ATen/ATen.h>
#include <torch/autograd.h>

#include <cmath>
#include <limits>
#include <stdexcept>

using namespace ql::core;

class TestFusedOps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dropoutStatistics();
    void dropoutGradientAndScale();
    void dropoutIsReproducibleFromTheSeed();
    void dropoutEdgeCases();
};

void TestFusedOps::dropoutStatistics()
{
    at::manual_seed(5);
    const int64_t n = 1 << 20;
    const at::Tensor x = at::rand({n}) + 0.5; // no zeros: a zero output means dropped
    for (double p : {0.25, 0.5, 0.9}) {
        const at::Tensor y = fastDropout(x, p, true);
        const at::Tensor dropped = y.eq(0);
        const double fraction = dropped.to(at::kDouble).mean().item<double>();
        // Binomial standard deviation sqrt(p (1 - p) / n) < 5e-4; allow 5 of them.
        QVERIFY2(std::abs(fraction - p) < 2.5e-3, qPrintable(QString::number(fraction)));
        // The two elements drawn from one random number are independent: P(both) = p^2.
        const at::Tensor pairs = dropped.view({n / 2, 2});
        const double both = pairs.all(1).to(at::kDouble).mean().item<double>();
        QVERIFY2(std::abs(both - p * p) < 4e-3, qPrintable(QString::number(both)));
        // Neighbouring pairs too (different draws).
        const double next = (dropped.slice(0, 0, n - 2, 2) & dropped.slice(0, 2, n, 2))
                                .to(at::kDouble)
                                .mean()
                                .item<double>();
        QVERIFY2(std::abs(next - p * p) < 4e-3, qPrintable(QString::number(next)));
        // Kept elements are scaled by exactly 1 / (1 - p), in float.
        const at::Tensor kept = ~dropped;
        const float scale = static_cast<float>(1.0 / (1.0 - p));
        QVERIFY(at::equal(y.masked_select(kept), x.masked_select(kept) * scale));
    }
}

void TestFusedOps::dropoutGradientAndScale()
{
    at::manual_seed(6);
    at::Tensor x = (at::rand({4, 33, 7}) + 0.5).requires_grad_(true); // odd element count
    const at::Tensor y = fastDropout(x, 0.3, true);
    const at::Tensor g = at::randn({4, 33, 7});
    const at::Tensor gx = torch::autograd::grad({y}, {x}, {g})[0];
    const at::Tensor kept = y.detach().ne(0);
    const float scale = static_cast<float>(1.0 / 0.7);
    QVERIFY(at::equal(gx, at::where(kept, g * scale, at::zeros_like(g))));
}

void TestFusedOps::dropoutIsReproducibleFromTheSeed()
{
    const at::Tensor x = at::ones({10000});
    at::manual_seed(7);
    const at::Tensor a = fastDropout(x, 0.5, true);
    const at::Tensor b = fastDropout(x, 0.5, true);
    at::manual_seed(7);
    const at::Tensor c = fastDropout(x, 0.5, true);
    QVERIFY(at::equal(a, c));  // same seed, same mask
    QVERIFY(!at::equal(a, b)); // the next call draws a new mask
}

void TestFusedOps::dropoutEdgeCases()
{
    const at::Tensor x = at::randn({3, 4});
    QVERIFY(fastDropout(x, 0.5, false).is_same(x)); // evaluation: identity
    QVERIFY(fastDropout(x, 0.0, true).is_same(x));
    QVERIFY(at::equal(fastDropout(x, 1.0, true), at::zeros_like(x)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fastDropout(x, 1.5, true));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fastDropout(x, std::nan(""), true));
    QCOMPARE(fastDropout(at::empty({0, 3}), 0.5, true).numel(), 0);
}

QTEST_APPLESS_MAIN(TestFusedOps)
#include "tst_fused_ops.moc"
