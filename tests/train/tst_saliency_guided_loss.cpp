// SPDX-License-Identifier: MIT
// Saliency-guided masking and loss: exact masks, fill ranges, KL, gradients of both branches.
#include "core/train/saliency_guided_loss.h"
#include "tests/train/tiny_model.h"

#include <QTest>

#include <torch/autograd.h>
#include <torch/nn/functional/loss.h>

#include <algorithm>
#include <numeric>

using namespace ql::core;

namespace {

/// Positions of the `count` smallest values of `values` (distinct), by std::sort.
std::vector<int64_t> lowestPositions(const std::vector<float> &values, int64_t count)
{
    std::vector<int64_t> idx(values.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](int64_t a, int64_t b) { return values[a] < values[b]; });
    idx.resize(count);
    std::sort(idx.begin(), idx.end());
    return idx;
}

std::vector<float> toVector(const torch::Tensor &t)
{
    const torch::Tensor c = t.contiguous().to(torch::kFloat);
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

/// SGT on, KL weight `klWeight`, background fill (deterministic: the masked input reproduces).
SgtConfig backgroundSgt(double klWeight)
{
    SgtConfig cfg;
    cfg.enabled = true;
    cfg.klWeight = klWeight;
    cfg.fill = SgtConfig::Fill::Background;
    return cfg;
}

} // namespace

class TestSaliencyGuidedLoss : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void masksExactlyTheLowest_data();
    void masksExactlyTheLowest();
    void uniformFillStaysInRangePerChannel();
    void channelMeanFill();
    void signedVersusMagnitude();
    void klMatchesHandValue();
    void klIsZeroForUnmaskedInput();
    void disabledIsCrossEntropy();
    void gradientsFlowThroughBothBranches();
    void reusedAndSeparateSaliencyPassAgree();
    void rejectsBadFraction();
    void startAndRampSchedule();
};

void TestSaliencyGuidedLoss::masksExactlyTheLowest_data()
{
    QTest::addColumn<double>("fraction");
    QTest::addColumn<int>("channels");
    QTest::newRow("k=0") << 0.0 << 1;
    QTest::newRow("k=0.25") << 0.25 << 1;
    QTest::newRow("k=0.5") << 0.5 << 1;
    QTest::newRow("k=0.9") << 0.9 << 1;
    QTest::newRow("k=0.5 colour") << 0.5 << 3;
}

void TestSaliencyGuidedLoss::masksExactlyTheLowest()
{
    QFETCH(double, fraction);
    QFETCH(int, channels);
    torch::manual_seed(7);
    const int64_t n = 5, h = 6, w = 5;
    const torch::Tensor x = torch::rand({n, channels, h, w});
    // Distinct saliency values per sample: a random permutation of 0..h*w-1.
    std::vector<torch::Tensor> maps;
    for (int64_t i = 0; i < n; ++i)
        maps.push_back(torch::randperm(h * w).to(torch::kFloat).view({1, 1, h, w}));
    const torch::Tensor saliency = torch::cat(maps);
    const float marker = 100.0f; // outside the input's range, so masked cells are visible
    const torch::Tensor masked =
        maskLowSaliency(x, saliency, fraction, SgtConfig::Fill::Background, {marker});
    const int64_t count = maskedFeatureCount(fraction, h, w);
    QCOMPARE(count, int64_t(std::floor(fraction * h * w)));
    QVERIFY(!masked.requires_grad());
    for (int64_t i = 0; i < n; ++i) {
        const auto expected = lowestPositions(toVector(saliency[i]), count);
        for (int64_t c = 0; c < channels; ++c) {
            const auto got = toVector(masked[i][c].flatten());
            const auto orig = toVector(x[i][c].flatten());
            std::vector<int64_t> positions;
            for (int64_t p = 0; p < h * w; ++p) {
                if (got[p] == marker)
                    positions.push_back(p);
                else
                    QCOMPARE(got[p], orig[p]); // unmasked cells untouched
            }
            QCOMPARE(positions, expected);
        }
    }
}

void TestSaliencyGuidedLoss::uniformFillStaysInRangePerChannel()
{
    torch::manual_seed(3);
    const int64_t n = 4, c = 3, h = 8, w = 8;
    // Channel c of sample i lives in [10c + i, 10c + i + 1]: every range is distinct.
    const torch::Tensor offset =
        (torch::arange(c).view({1, c, 1, 1}) * 10 + torch::arange(n).view({n, 1, 1, 1}))
            .to(torch::kFloat);
    const torch::Tensor x = torch::rand({n, c, h, w}) + offset;
    const torch::Tensor saliency = torch::rand({n, 1, h, w});
    const torch::Tensor masked = maskLowSaliency(x, saliency, 0.5, SgtConfig::Fill::UniformRange);
    const torch::Tensor lo = x.amin({2, 3}, true), hi = x.amax({2, 3}, true);
    QVERIFY(masked.ge(lo).all().item<bool>());
    QVERIFY(masked.le(hi).all().item<bool>());
    // One spatial mask for all channels: the changed cells coincide across channels and number
    // exactly half of each image (a random value equal to the original is practically impossible).
    const torch::Tensor changed = masked.ne(x);
    QVERIFY(changed.eq(changed.narrow(1, 0, 1)).all().item<bool>());
    QCOMPARE(changed.narrow(1, 0, 1).sum().item<int64_t>(), n * h * w / 2);
    // The fill is random, not a constant.
    QVERIFY(masked.masked_select(changed).std().item<float>() > 0.1f);
}

void TestSaliencyGuidedLoss::channelMeanFill()
{
    const torch::Tensor x = torch::arange(2 * 2 * 2 * 2).to(torch::kFloat).view({2, 2, 2, 2});
    // Sample 0: lowest saliency at (0,0) and (1,1); sample 1 at (0,1) and (1,0).
    const torch::Tensor saliency =
        torch::tensor({0.0f, 5.0f, 6.0f, 1.0f, 5.0f, 0.0f, 1.0f, 6.0f}).view({2, 1, 2, 2});
    const torch::Tensor masked = maskLowSaliency(x, saliency, 0.5, SgtConfig::Fill::ChannelMean);
    // Channel means: sample 0 -> 1.5, 5.5; sample 1 -> 9.5, 13.5 (values 0..15 in order).
    const torch::Tensor expected =
        torch::tensor({1.5f, 1.0f, 2.0f, 1.5f, 5.5f, 5.0f, 6.0f, 5.5f, 8.0f, 9.5f, 9.5f, 11.0f,
                       12.0f, 13.5f, 13.5f, 15.0f})
            .view({2, 2, 2, 2});
    QVERIFY(torch::equal(masked, expected));
}

void TestSaliencyGuidedLoss::signedVersusMagnitude()
{
    // Two channels; by hand: magnitude = (|a| + |b|) / 2, signed = (a + b) / 2.
    const torch::Tensor g =
        torch::tensor({-4.0f, 1.0f, 0.5f, -0.1f, 2.0f, 1.0f, -0.5f, 0.1f}).view({1, 2, 2, 2});
    const torch::Tensor magnitude = reduceSaliency(g, SgtConfig::Saliency::Magnitude);
    const torch::Tensor signedMap = reduceSaliency(g, SgtConfig::Saliency::Signed);
    QVERIFY(torch::allclose(magnitude.flatten(), torch::tensor({3.0f, 1.0f, 0.5f, 0.1f})));
    QVERIFY(torch::allclose(signedMap.flatten(), torch::tensor({-1.0f, 1.0f, 0.0f, 0.0f})));
    // Masking one cell: magnitude drops the smallest |g| (index 3), signed the most negative
    // (index 0), the reference code's behaviour.
    const torch::Tensor x = torch::zeros({1, 1, 2, 2});
    const auto m = toVector(maskLowSaliency(x, magnitude, 0.25, SgtConfig::Fill::Background, {1}));
    const auto s = toVector(maskLowSaliency(x, signedMap, 0.25, SgtConfig::Fill::Background, {1}));
    QCOMPARE(m, (std::vector<float>{0, 0, 0, 1}));
    QCOMPARE(s, (std::vector<float>{1, 0, 0, 0}));
}

void TestSaliencyGuidedLoss::klMatchesHandValue()
{
    // Row 0: p = (1/3, 2/3), q = (1/2, 1/2): KL = 1/3 ln(2/3) + 2/3 ln(4/3) = 0.0566330123
    // (computed with python3 math); row 1: identical -> 0. Batch mean: 0.02831650613.
    const torch::Tensor logits =
        torch::tensor({0.0, std::log(2.0), 1.0, 2.0}, torch::kDouble).view({2, 2});
    const torch::Tensor masked = torch::tensor({0.0, 0.0, 1.0, 2.0}, torch::kDouble).view({2, 2});
    QCOMPARE(klDivergence(logits, masked).item<double>(), 0.056633012265132426 / 2);
}

void TestSaliencyGuidedLoss::klIsZeroForUnmaskedInput()
{
    torch::manual_seed(1);
    ql::test::TinyNet model(ql::test::tinySpec());
    const torch::Tensor x = torch::randn({8, 1, 4, 4});
    const torch::Tensor y = torch::randint(0, 2, {8}, torch::kLong);
    QCOMPARE(klDivergence(model(x), model(x)).item<float>(), 0.0f);
    SgtConfig cfg;
    cfg.enabled = true;
    cfg.maskFraction = 0.0; // nothing masked: x_masked == x
    SaliencyGuidedLoss loss(cfg);
    auto fwd = [&](const torch::Tensor &in) { return model->forward(in); };
    const SgtLossResult r = loss.compute(fwd, *model, x, y);
    QCOMPARE(r.kl.item<float>(), 0.0f);
    QCOMPARE(r.loss.item<float>(), r.ce.item<float>());
}

void TestSaliencyGuidedLoss::disabledIsCrossEntropy()
{
    torch::manual_seed(2);
    ql::test::TinyNet model(ql::test::tinySpec());
    const torch::Tensor x = torch::randn({8, 1, 4, 4});
    const torch::Tensor y = torch::randint(0, 2, {8}, torch::kLong);
    SaliencyGuidedLoss loss(SgtConfig{}); // enabled = false
    auto fwd = [&](const torch::Tensor &in) { return model->forward(in); };
    const SgtLossResult r = loss.compute(fwd, *model, x, y);
    const torch::Tensor ce = torch::nn::functional::cross_entropy(model(x), y);
    QCOMPARE(r.loss.item<float>(), ce.item<float>());
    QCOMPARE(r.kl.item<float>(), 0.0f);
}

void TestSaliencyGuidedLoss::gradientsFlowThroughBothBranches()
{
    torch::manual_seed(4);
    ql::test::TinyNet model(ql::test::tinySpec());
    const torch::Tensor x = torch::randn({16, 1, 4, 4});
    const torch::Tensor y = torch::randint(0, 2, {16}, torch::kLong);
    const SgtConfig cfg = backgroundSgt(2.0);
    SaliencyGuidedLoss loss(cfg);
    auto fwd = [&](const torch::Tensor &in) { return model->forward(in); };
    const auto params = model->parameters();

    const SgtLossResult r = loss.compute(fwd, *model, x, y);
    const auto got = torch::autograd::grad({r.loss}, params);

    // Independent computation: CE + 2 KL with both branches differentiable.
    const torch::Tensor xm = loss.maskedInput(fwd, x, y);
    QVERIFY(!xm.requires_grad());
    const torch::Tensor logits = model(x), maskedLogits = model(xm);
    const torch::Tensor both =
        torch::nn::functional::cross_entropy(logits, y) + 2.0 * klDivergence(logits, maskedLogits);
    const auto expected = torch::autograd::grad({both}, params);
    // Same loss with the masked branch detached: different gradients, so that branch counts.
    const torch::Tensor onlyOriginal = torch::nn::functional::cross_entropy(model(x), y) +
                                       2.0 * klDivergence(model(x), model(xm).detach());
    const auto partial = torch::autograd::grad({onlyOriginal}, params);
    bool differs = false;
    for (size_t i = 0; i < params.size(); ++i) {
        QVERIFY2(torch::allclose(got[i], expected[i], 1e-5, 1e-6), "gradient mismatch");
        differs = differs || !torch::allclose(got[i], partial[i], 1e-5, 1e-6);
    }
    QVERIFY(differs);
    QVERIFY(r.kl.item<float>() > 0.0f);
}

void TestSaliencyGuidedLoss::reusedAndSeparateSaliencyPassAgree()
{
    // Without dropout or batch norm, train and eval mode are the same function: both saliency
    // strategies must give the same masked input and loss.
    torch::manual_seed(5);
    ql::test::TinyNet model(ql::test::tinySpec());
    const torch::Tensor x = torch::randn({16, 1, 4, 4});
    const torch::Tensor y = torch::randint(0, 2, {16}, torch::kLong);
    SgtConfig cfg;
    cfg.enabled = true;
    cfg.fill = SgtConfig::Fill::Background;
    auto fwd = [&](const torch::Tensor &in) { return model->forward(in); };
    const SgtLossResult reused = SaliencyGuidedLoss(cfg).compute(fwd, *model, x, y);
    cfg.separateSaliencyPass = true;
    const SgtLossResult separate = SaliencyGuidedLoss(cfg).compute(fwd, *model, x, y);
    QVERIFY(model->is_training()); // restored after the eval-mode pass
    QVERIFY(std::abs(reused.loss.item<float>() - separate.loss.item<float>()) < 1e-6f);
    QVERIFY(reused.kl.item<float>() > 0.0f);
}

void TestSaliencyGuidedLoss::rejectsBadFraction()
{
    SgtConfig cfg;
    cfg.maskFraction = 1.5;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SaliencyGuidedLoss{cfg});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, maskedFeatureCount(-0.1, 4, 4));
}

void TestSaliencyGuidedLoss::startAndRampSchedule()
{
    torch::manual_seed(6);
    ql::test::TinyNet model(ql::test::tinySpec());
    const torch::Tensor x = torch::randn({16, 1, 4, 4});
    const torch::Tensor y = torch::randint(0, 2, {16}, torch::kLong);
    SgtConfig cfg = backgroundSgt(2.0);
    cfg.startStep = 3;
    cfg.rampSteps = 4;
    const SaliencyGuidedLoss loss(cfg);
    // By hand: 0 before step 3; then 2 * 1/4, 2 * 2/4, 2 * 3/4, 2 from step 6 on.
    const double expected[] = {0, 0, 0, 0.5, 1.0, 1.5, 2.0, 2.0, 2.0};
    for (int step = 0; step < 9; ++step)
        QCOMPARE(loss.klWeightAt(step), expected[step]);

    auto fwd = [&](const torch::Tensor &in) { return model->forward(in); };
    const float ce = torch::nn::functional::cross_entropy(model(x), y).item<float>();
    // Before the start: plain cross-entropy, no KL figure.
    const SgtLossResult before = loss.compute(fwd, *model, x, y, 2);
    QCOMPARE(before.loss.item<float>(), ce);
    QCOMPARE(before.kl.item<float>(), 0.0f);
    // In the ramp: CE + w KL with the same KL as at full weight (deterministic fill).
    const SgtLossResult ramp = loss.compute(fwd, *model, x, y, 4);
    const SgtLossResult full = loss.compute(fwd, *model, x, y, 100);
    const float kl = full.kl.item<float>();
    QVERIFY(kl > 0.0f);
    QVERIFY(std::abs(ramp.kl.item<float>() - kl) < 1e-6f);
    QVERIFY(std::abs(ramp.loss.item<float>() - (ce + 1.0f * kl)) < 1e-5f);
    QVERIFY(std::abs(full.loss.item<float>() - (ce + 2.0f * kl)) < 1e-5f);

    // A disabled SGT stays disabled whatever the step; negative settings are refused.
    cfg.enabled = false;
    QCOMPARE(SaliencyGuidedLoss(cfg).klWeightAt(100), 0.0);
    cfg.enabled = true;
    cfg.rampSteps = -1;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SaliencyGuidedLoss{cfg});
}

QTEST_GUILESS_MAIN(TestSaliencyGuidedLoss)
#include "tst_saliency_guided_loss.moc"
