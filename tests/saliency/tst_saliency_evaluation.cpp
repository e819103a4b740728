// SPDX-License-Identifier: MIT
// Feature removal, modification-based evaluation, deletion/insertion and the randomisation
// check on tiny linear models whose outcomes are worked out by hand in the comments.
#include "core/metrics/dataset_scores.h"
#include "core/metrics/deletion_insertion.h"
#include "core/metrics/feature_removal.h"
#include "core/metrics/modification_eval.h"
#include "core/metrics/randomization_check.h"
#include "core/saliency/saliency.h"
#include "tests/saliency/tiny_models.h"

#include <QTest>

#include <torch/nn.h>
#include <torch/utils.h>

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

using namespace ql::core;
using ql::test::LinearModel;
using ql::test::TwoLayerModel;

namespace {

/// Class 1 logit = 4 x0 + 3 x1 + 2 x2 + 1 x3 - 6.5, class 0 logit = 0, on 1 x 2 x 2 images.
/// On an all-white image (x = 1) the class-1 logit is 3.5; removing pixel 0 (the most salient,
/// |gradient| = 4) drops it to -0.5, so the prediction flips after one removed feature.
void makeThresholdModel(LinearModel &model)
{
    torch::NoGradGuard noGrad;
    model.weight.zero_();
    model.weight[1].copy_(torch::tensor({4.0f, 3.0f, 2.0f, 1.0f}));
    model.bias.copy_(torch::tensor({0.0f, -6.5f}));
}

Dataset whiteImages(int64_t n)
{
    Dataset d;
    d.name = "white";
    d.images = torch::full({n, 1, 2, 2}, 255, torch::kUInt8);
    d.labels = torch::ones({n}, torch::kLong);
    d.classNames = {"zero", "one"};
    return d;
}

double sigmoid(double z)
{
    return 1.0 / (1.0 + std::exp(-z));
}

} // namespace

class TestSaliencyEvaluation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::manual_seed(3); }
    void normalisationAndFill();
    void ranksAndRemoval();
    void modificationCurvesByHand();
    void modificationCancel();
    void sharedMapsGiveTheSameCurves();
    void deletionInsertionByHand();
    void randomizationCascade();
};

void TestSaliencyEvaluation::normalisationAndFill()
{
    Normalization norm{{0.5f}, {0.25f}};
    auto x =
        toModelInput(torch::tensor({0, 255}, torch::kUInt8).view({1, 1, 1, 2}), norm, torch::kCPU);
    QVERIFY(torch::allclose(x.flatten(), torch::tensor({-2.0f, 2.0f})));
    auto gen = at::make_generator<at::CPUGeneratorImpl>(1);
    // Constant 0 (black) in normalised units: (0 - 0.5) / 0.25 = -2.
    auto fill = fillValues(x, FillSpec{FillMode::Constant, 0.0f}, norm, gen);
    QCOMPARE(fill.item<float>(), -2.0f);
    QCOMPARE(fillValues(x, FillSpec{FillMode::ImageMean, 0.0f}, norm, gen).item<float>(), 0.0f);
    auto random =
        fillValues(x.expand({3, 1, 1, 2}), FillSpec{FillMode::UniformRandom, 0.0f}, norm, gen);
    QVERIFY(random.min().item<float>() >= -2.0f && random.max().item<float>() <= 2.0f);
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        toModelInput(torch::zeros({1, 3, 2, 2}, torch::kUInt8), norm, torch::kCPU));
}

void TestSaliencyEvaluation::ranksAndRemoval()
{
    // [3, 1; 2, 5] -> order 5 (3), 3 (0), 2 (2), 1 (1) -> ranks [1, 3, 2, 0].
    auto maps = torch::tensor({3.0f, 1.0f, 2.0f, 5.0f}).view({1, 2, 2});
    auto ranks = saliencyRanks(maps);
    QVERIFY(torch::equal(ranks, torch::tensor({1, 3, 2, 0}, torch::kLong).view({1, 4})));
    auto x = torch::arange(1, 5, torch::kFloat).view({1, 1, 2, 2});
    auto removed = removeTopRanked(x, ranks, torch::scalar_tensor(2, torch::kLong),
                                   torch::zeros({1, 1, 1, 1}));
    QVERIFY(torch::equal(removed.flatten(), torch::tensor({0.0f, 2.0f, 3.0f, 0.0f})));
    auto gen = at::make_generator<at::CPUGeneratorImpl>(5);
    auto random = randomRanks(3, 6, gen, torch::kCPU);
    QVERIFY(torch::equal(std::get<0>(random.sort(1)), torch::arange(6).expand({3, 6})));
}

void TestSaliencyEvaluation::modificationCurvesByHand()
{
    LinearModel model(1, 2, 2);
    makeThresholdModel(model);
    ModificationOptions o;
    o.batchSize = 16; // 3 full batches and a partial one
    o.seed = 11;
    auto r = modificationEvaluation(model, whiteImages(50), Normalization{}, o);
    QCOMPARE(r.images, int64_t(50));
    // d = 4: t = 0, 10% remove round(0), round(0.4) = 0 features -> correct; t >= 20% removes
    // pixel 0 first -> wrong.
    const std::vector<double> expected{1, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    QCOMPARE(r.salient.y, expected);
    QCOMPARE(r.salient.x.size(), size_t(10));
    QVERIFY(std::abs(r.salient.area - 0.15) < 1e-12); // 0.1 * 1 + 0.1 * (1 + 0) / 2
    // Random removal of one pixel keeps class 1 unless it hits pixel 0 (p = 3/4), so the random
    // curve lies above the salient one (expected 0.75 at 20-30%, binomial sd 0.06 for 50).
    QCOMPARE(r.random.y[0], 1.0);
    QVERIFY(r.random.y[2] > 0.5 && r.random.y[2] < 0.95);
    for (size_t i = 0; i < expected.size(); ++i)
        QVERIFY(r.random.y[i] >= r.salient.y[i]);
    QVERIFY(r.random.area > r.salient.area);
    // Per image (for bootstrap intervals): every image's salient curve is 1, 1, 0, ... (area
    // 0.15); the per-image random areas average to the random curve's area.
    QCOMPARE(r.salient.perImage.size(), size_t(50));
    for (double a : r.salient.perImage)
        QVERIFY(std::abs(a - 0.15) < 1e-12);
    QCOMPARE(r.random.perImage.size(), size_t(50));
    double randomMean = 0.0;
    for (double a : r.random.perImage)
        randomMean += a / 50.0;
    QVERIFY(std::abs(randomMean - r.random.area) < 1e-12);
    // Limit: only the first 10 images.
    o.limit = 10;
    o.includeRandom = false;
    auto limited = modificationEvaluation(model, whiteImages(50), Normalization{}, o);
    QCOMPARE(limited.images, int64_t(10));
    QVERIFY(limited.random.y.empty());
}

void TestSaliencyEvaluation::modificationCancel()
{
    LinearModel model(1, 2, 2);
    std::atomic<bool> cancel{true};
    QVERIFY_THROWS_EXCEPTION(Cancelled,
                             modificationEvaluation(model, whiteImages(4), Normalization{},
                                                    ModificationOptions(), &cancel));
    ModificationOptions bad;
    bad.percents = {120};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             modificationEvaluation(model, whiteImages(4), Normalization{}, bad));
}

void TestSaliencyEvaluation::sharedMapsGiveTheSameCurves()
{
    LinearModel model(1, 2, 2);
    makeThresholdModel(model);
    const Dataset white = whiteImages(7);
    // mapQuality keeps its maps on request: |d logit_1 / dx| = the class-1 weights, per image.
    const MapQuality q =
        mapQuality(model, white, Normalization{}, SaliencyOptions(), 0, 3, nullptr, true);
    QCOMPARE(q.maps.sizes(), (c10::IntArrayRef{7, 2, 2}));
    for (int64_t i = 0; i < 7; ++i)
        QVERIFY(torch::allclose(q.maps[i], torch::tensor({4.0f, 3.0f, 2.0f, 1.0f}).view({2, 2})));
    QVERIFY(!mapQuality(model, white, Normalization{}, SaliencyOptions()).maps.defined());
    // The modification evaluation with those maps (no saliency pass of its own): the same
    // curves, image by image, as with its own maps.
    ModificationOptions o;
    o.batchSize = 3;
    o.seed = 4;
    const ModificationResult own = modificationEvaluation(model, white, Normalization{}, o);
    o.maps = q.maps;
    const ModificationResult shared = modificationEvaluation(model, white, Normalization{}, o);
    QCOMPARE(shared.salient.y, (std::vector<double>{1, 1, 0, 0, 0, 0, 0, 0, 0, 0}));
    QCOMPARE(shared.salient.perImage, own.salient.perImage);
    QCOMPARE(shared.random.perImage, own.random.perImage);
    // Maps of another shape, or fewer maps than images: refused.
    o.maps = q.maps.slice(0, 0, 5);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             modificationEvaluation(model, white, Normalization{}, o));
    o.maps = torch::zeros({7, 4});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             modificationEvaluation(model, white, Normalization{}, o));
}

void TestSaliencyEvaluation::deletionInsertionByHand()
{
    LinearModel model(1, 2, 2);
    makeThresholdModel(model);
    DeletionInsertionOptions o;
    o.steps = 4; // one pixel per step
    o.useLabels = true;
    o.blurredCanvas = false; // insertion canvas = black
    o.batchSize = 3;
    auto r = deletionInsertion(model, whiteImages(5), Normalization{}, o);
    // p(class 1) = sigmoid(z - 6.5), z = weights of the pixels still present.
    const std::vector<double> del{sigmoid(3.5), sigmoid(-0.5), sigmoid(-3.5), sigmoid(-5.5),
                                  sigmoid(-6.5)};
    const std::vector<double> ins{sigmoid(-6.5), sigmoid(-2.5), sigmoid(0.5), sigmoid(2.5),
                                  sigmoid(3.5)};
    QCOMPARE(r.deletion.x, (std::vector<double>{0.0, 0.25, 0.5, 0.75, 1.0}));
    for (size_t i = 0; i < del.size(); ++i) {
        QVERIFY(std::abs(r.deletion.y[i] - del[i]) < 1e-6);
        QVERIFY(std::abs(r.insertion.y[i] - ins[i]) < 1e-6);
    }
    double delArea = 0.0;
    double insArea = 0.0;
    for (size_t i = 1; i < del.size(); ++i) {
        delArea += 0.25 * (del[i] + del[i - 1]) / 2.0;
        insArea += 0.25 * (ins[i] + ins[i - 1]) / 2.0;
    }
    QVERIFY(std::abs(r.deletion.area - delArea) < 1e-6);
    QVERIFY(std::abs(r.insertion.area - insArea) < 1e-6);
    QVERIFY(r.insertion.area > r.deletion.area);
    // Identical images: each image's own areas equal the mean curve's.
    QCOMPARE(r.deletion.perImage.size(), size_t(5));
    for (size_t i = 0; i < 5; ++i) {
        QVERIFY(std::abs(r.deletion.perImage[i] - delArea) < 1e-6);
        QVERIFY(std::abs(r.insertion.perImage[i] - insArea) < 1e-6);
    }
}

void TestSaliencyEvaluation::randomizationCascade()
{
    TwoLayerModel model(4);
    model.train();
    const auto lowerBefore = model.lower->weight.detach().clone();
    const auto topBefore = model.top->weight.detach().clone();
    auto inputs = torch::randn({3, 1, 4, 4});
    SaliencyOptions o; // absolute gradient maps: |a w|
    auto r = randomizationCheck(model, inputs, o, 42);
    QCOMPARE(r.layers, (std::vector<std::string>{"top", "lower"}));
    // Re-initialising only the top scalar a rescales |a w|: the ranking and scaled map stay.
    QVERIFY(std::abs(r.spearman[0] - 1.0) < 1e-12);
    QVERIFY(std::abs(r.ssim[0] - 1.0) < 1e-9);
    // Re-initialising w replaces the map.
    QVERIFY(r.spearman[1] < 0.99);
    QVERIFY(r.ssim[1] < 0.99);
    // Parameters and mode are restored.
    QVERIFY(torch::equal(model.lower->weight.detach(), lowerBefore));
    QVERIFY(torch::equal(model.top->weight.detach(), topBefore));
    QVERIFY(model.is_training());
}

QTEST_GUILESS_MAIN(TestSaliencyEvaluation)
#include "tst_saliency_evaluation.moc"
