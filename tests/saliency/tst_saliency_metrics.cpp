// SPDX-License-Identifier: MIT
// Map statistics and agreement scores against independently computed values. Expected numbers
// were computed once with /usr/bin/python3 + numpy 1.24 using plain-loop implementations of
// the formulas (rank = #less + (#equal + 1) / 2, np.corrcoef on the ranks; SSIM with an explicit
// 11 x 11 Gaussian window, sigma 1.5, over every position where it fits) - see the comments.
#include "core/metrics/agreement.h"
#include "core/metrics/curve.h"
#include "core/metrics/map_statistics.h"

#include <QTest>

#include <torch/nn.h>

#include <cmath>

using namespace ql::core;

namespace {

torch::Tensor rows(std::initializer_list<std::vector<double>> values)
{
    std::vector<torch::Tensor> parts;
    for (const auto &v : values)
        parts.push_back(torch::tensor(v, torch::kDouble));
    return torch::stack(parts);
}

/// The deterministic 16 x 20 test maps of the Python reference:
/// A[i, j] = sin(0.3 i + 0.2 j) + 0.5 cos(0.7 i j / 20), B = A + 0.4 sin(1.1 i - 0.5 j).
std::pair<torch::Tensor, torch::Tensor> patternMaps()
{
    auto a = torch::zeros({1, 16, 20}, torch::kDouble);
    auto b = torch::zeros({1, 16, 20}, torch::kDouble);
    auto pa = a.accessor<double, 3>();
    auto pb = b.accessor<double, 3>();
    for (int i = 0; i < 16; ++i) {
        for (int j = 0; j < 20; ++j) {
            pa[0][i][j] = std::sin(0.3 * i + 0.2 * j) + 0.5 * std::cos(0.7 * i * j / 20.0);
            pb[0][i][j] = pa[0][i][j] + 0.4 * std::sin(1.1 * i - 0.5 * j);
        }
    }
    return {a, b};
}

bool near(double a, double b, double tol = 1e-9)
{
    return std::abs(a - b) <= tol;
}

} // namespace

class TestSaliencyMetrics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gini();
    void entropy();
    void ranksAverageTies();
    void spearman();
    void topKIou();
    void ssimAgainstReference();
    void agreementOfScaledMaps();
    void trapezoid();
};

void TestSaliencyMetrics::gini()
{
    // numpy: sum((2i - d - 1) a_i) / (d sum a): [0..5] -> 35 / 90; the others likewise.
    auto maps =
        rows({{0, 1, 2, 3, 4, 5}, {-3, 0, 0, 1, 0, 2}, {0, 0, 0, 0, 0, 7}, {2, 2, 2, 2, 2, 2}});
    auto g = giniIndex(maps);
    QVERIFY(near(g[0].item<double>(), 0.3888888888888889));
    QVERIFY(near(g[1].item<double>(), 0.6111111111111112));
    QVERIFY(near(g[2].item<double>(), 0.8333333333333334)); // (d - 1) / d
    QVERIFY(near(g[3].item<double>(), 0.0));
    QVERIFY(near(giniIndex(torch::zeros({1, 4}))[0].item<double>(), 0.0)); // defined as 0
    // [N, H, W] maps are flattened per map.
    QVERIFY(near(giniIndex(maps.view({4, 2, 3}))[1].item<double>(), 0.6111111111111112));
}

void TestSaliencyMetrics::entropy()
{
    // numpy: -sum p ln p with p = |a| / sum |a|.
    auto maps =
        rows({{0, 1, 2, 3, 4, 5}, {-3, 0, 0, 1, 0, 2}, {0, 0, 0, 0, 0, 7}, {2, 2, 2, 2, 2, 2}});
    auto h = mapEntropy(maps);
    QVERIFY(near(h[0].item<double>(), 1.4897503188505912));
    QVERIFY(near(h[1].item<double>(), 1.0114042647073518));
    QVERIFY(near(h[2].item<double>(), 0.0));
    QVERIFY(near(h[3].item<double>(), 1.7917594692280547)); // ln 6
}

void TestSaliencyMetrics::ranksAverageTies()
{
    // numpy loop: a = [1,2,2,3,5,4,0,2] -> [2,4,4,6,8,7,1,4]; b -> [7,5.5,5.5,1,2.5,2.5,8,4].
    auto r = averageRanks(rows({{1, 2, 2, 3, 5, 4, 0, 2}, {6, 5, 5, 1, 2, 2, 7, 3}}));
    QVERIFY(torch::equal(r[0],
                         torch::tensor({2.0, 4.0, 4.0, 6.0, 8.0, 7.0, 1.0, 4.0}, torch::kDouble)));
    QVERIFY(torch::equal(r[1],
                         torch::tensor({7.0, 5.5, 5.5, 1.0, 2.5, 2.5, 8.0, 4.0}, torch::kDouble)));
}

void TestSaliencyMetrics::spearman()
{
    auto a = rows({{1, 2, 2, 3, 5, 4, 0, 2}, {1, 2, 2, 3, 5, 4, 0, 2}, {1, 2, 2, 3, 5, 4, 0, 2}});
    auto b =
        rows({{6, 5, 5, 1, 2, 2, 7, 3}, {0.5, -1, 3, 2, 2, 9, -4, 1}, {2, 4, 4, 6, 8, 7, 1, 4}});
    auto rho = spearmanCorrelation(a, b);
    QVERIFY(near(rho[0].item<double>(), -0.9013032569427506)); // np.corrcoef of the ranks
    QVERIFY(near(rho[1].item<double>(), 0.7363210405107239));
    QVERIFY(near(rho[2].item<double>(), 1.0)); // monotone transform
    // Constant maps: 0 against a ranking, 1 against another constant.
    auto c = spearmanCorrelation(rows({{1, 1, 1}, {1, 1, 1}}), rows({{1, 2, 3}, {4, 4, 4}}));
    QVERIFY(near(c[0].item<double>(), 0.0));
    QVERIFY(near(c[1].item<double>(), 1.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             spearmanCorrelation(torch::zeros({1, 3}), torch::zeros({1, 4})));
}

void TestSaliencyMetrics::topKIou()
{
    // d = 10, top 30% = 3 features. a's top: {9, 8, 7}; b's top: {9, 8, 0} -> 2 / 4.
    auto a = rows({{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}});
    auto b = rows({{7, 1, 2, 3, 4, 5, 6, 0, 8, 9}});
    QVERIFY(near(topKIntersectionOverUnion(a, b, 0.3)[0].item<double>(), 0.5));
    QVERIFY(near(topKIntersectionOverUnion(a, a, 0.3)[0].item<double>(), 1.0));
    // 10% of 10 is exactly one feature (not two through rounding): {9} vs {9}.
    QVERIFY(near(topKIntersectionOverUnion(a, b, 0.1)[0].item<double>(), 1.0));
    // Reversed ranking with 50%: {5..9} vs {0..4} -> 0.
    QVERIFY(near(topKIntersectionOverUnion(a, a.flip({1}), 0.5)[0].item<double>(), 0.0));
    // Ties at the cut: lower index first. All equal, top 2 = {0, 1} both -> 1.
    QVERIFY(near(
        topKIntersectionOverUnion(torch::ones({1, 5}), torch::ones({1, 5}), 0.4)[0].item<double>(),
        1.0));
}

void TestSaliencyMetrics::ssimAgainstReference()
{
    auto [a, b] = patternMaps();
    // numpy explicit-window reference, L = 2: 0.8468896010465478; SSIM(A, A) = 1.
    QVERIFY(near(ssim(a, b, 2.0)[0].item<double>(), 0.8468896010465478, 1e-9));
    QVERIFY(near(ssim(a, a, 2.0)[0].item<double>(), 1.0, 1e-12));
    // A map smaller than the window still gets a score.
    auto small = torch::rand({2, 5, 5}, torch::kDouble);
    QVERIFY(near(ssim(small, small, 1.0)[1].item<double>(), 1.0, 1e-12));
}

void TestSaliencyMetrics::agreementOfScaledMaps()
{
    auto [a, b] = patternMaps();
    auto s = agreementScores(a[0], 3.0 * a[0]); // a scaled copy agrees perfectly
    QVERIFY(near(s.spearman, 1.0));
    QVERIFY(near(s.topKIou, 1.0));
    QVERIFY(near(s.ssim, 1.0, 1e-12));
    // Spearman is scale-free, so the pair score equals the batch function on the raw maps.
    auto t = agreementScores(a, b, 0.2);
    QVERIFY(near(t.spearman, spearmanCorrelation(a, b)[0].item<double>()));
    QVERIFY(t.ssim > 0.5 && t.ssim < 1.0);
}

void TestSaliencyMetrics::trapezoid()
{
    QVERIFY(near(trapezoidArea({0.0, 0.5, 1.0}, {1.0, 0.5, 0.0}), 0.5));
    QVERIFY(near(trapezoidArea({0.0, 0.1, 0.3}, {1.0, 1.0, 0.0}), 0.1 + 0.1));
    QVERIFY(near(trapezoidArea({0.0}, {1.0}), 0.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trapezoidArea({0.0, 1.0}, {1.0}));
}

QTEST_GUILESS_MAIN(TestSaliencyMetrics)
#include "tst_saliency_metrics.moc"
