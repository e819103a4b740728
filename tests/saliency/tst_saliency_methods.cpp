// SPDX-License-Identifier: MIT
// Saliency methods against gradients computed by hand on tiny models (tiny_models.h).
#include "core/saliency/gaussian_blur.h"
#include "core/saliency/saliency.h"
#include "tests/saliency/tiny_models.h"

#include <QTest>

#include <torch/nn.h>
#include <torch/utils.h>

using namespace ql::core;
using ql::test::CamModel;
using ql::test::LinearModel;
using ql::test::QuadraticModel;

namespace {

bool close(const torch::Tensor &a, const torch::Tensor &b, double tol = 1e-5)
{
    return a.sizes() == b.sizes() && torch::allclose(a, b, tol, tol);
}

SaliencyOptions withMethod(SaliencyMethod m, bool absolute = false)
{
    SaliencyOptions o;
    o.method = m;
    o.absolute = absolute;
    return o;
}

} // namespace

class TestSaliencyMethods : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::manual_seed(7); }
    void gradientIsWeightRow();
    void predictedClassByDefault();
    void gradientTimesInput();
    void channelReductions();
    void smoothGradZeroNoiseIsGradient();
    void smoothGradAveragesNoise();
    void integratedGradientsExact();
    void integratedGradientsChunkInvariant();
    void integratedGradientsBaselines();
    void gradCamByHand();
    void restoresTrainingMode();
    void cancelStops();
    void rejectsBadInput();
    void namesRoundTrip();
    void blurKeepsConstantsAndMass();
};

void TestSaliencyMethods::gradientIsWeightRow()
{
    LinearModel model(1, 4, 3);
    auto x = torch::randn({5, 1, 4, 4});
    auto targets = torch::tensor({0, 1, 2, 1, 0}, torch::kLong);
    auto r = computeSaliency(model, x, withMethod(SaliencyMethod::Gradient), targets);
    auto expected = model.weight.detach().index_select(0, targets).view({5, 1, 4, 4});
    QVERIFY(close(r.attributions, expected));
    QVERIFY(close(r.maps, expected.squeeze(1)));
    auto absolute = computeSaliency(model, x, withMethod(SaliencyMethod::Gradient, true), targets);
    QVERIFY(close(absolute.maps, expected.squeeze(1).abs()));
    QVERIFY(model.weight.grad().defined() == false); // no accumulation into parameters
}

void TestSaliencyMethods::predictedClassByDefault()
{
    LinearModel model(1, 3, 4);
    auto x = torch::randn({6, 1, 3, 3});
    auto r = computeSaliency(model, x, withMethod(SaliencyMethod::Gradient));
    auto predicted = model.forward(x).argmax(1);
    QVERIFY(torch::equal(r.targets, predicted));
    QVERIFY(close(r.logits, model.forward(x).detach()));
}

void TestSaliencyMethods::gradientTimesInput()
{
    LinearModel model(2, 3, 2);
    auto x = torch::randn({3, 2, 3, 3});
    auto targets = torch::tensor({1, 0, 1}, torch::kLong);
    auto r = computeSaliency(model, x, withMethod(SaliencyMethod::GradientXInput), targets);
    auto expected = model.weight.detach().index_select(0, targets).view({3, 2, 3, 3}) * x;
    QVERIFY(close(r.attributions, expected));
    QVERIFY(close(r.maps, expected.mean(1)));
}

void TestSaliencyMethods::channelReductions()
{
    // a[0, :, 0, 0] = (-3, 2): mean 0.5 / |.| mean 2.5, sum -1 / 5, max-abs -3 / 3.
    auto a = torch::zeros({1, 2, 1, 1});
    a[0][0][0][0] = -3.0;
    a[0][1][0][0] = 2.0;
    QCOMPARE(reduceChannels(a, false, ChannelReduction::Mean).item<float>(), -0.5f);
    QCOMPARE(reduceChannels(a, true, ChannelReduction::Mean).item<float>(), 2.5f);
    QCOMPARE(reduceChannels(a, false, ChannelReduction::Sum).item<float>(), -1.0f);
    QCOMPARE(reduceChannels(a, true, ChannelReduction::Sum).item<float>(), 5.0f);
    QCOMPARE(reduceChannels(a, false, ChannelReduction::MaxAbs).item<float>(), -3.0f);
    QCOMPARE(reduceChannels(a, true, ChannelReduction::MaxAbs).item<float>(), 3.0f);
}

void TestSaliencyMethods::smoothGradZeroNoiseIsGradient()
{
    QuadraticModel model(1, 4, 2);
    auto x = torch::randn({3, 1, 4, 4});
    auto targets = torch::tensor({0, 1, 1}, torch::kLong);
    auto o = withMethod(SaliencyMethod::SmoothGrad);
    o.noiseLevel = 0.0f;
    o.smoothGradSamples = 5;
    o.maxChunk = 4; // chunks cross input boundaries
    auto r = computeSaliency(model, x, o, targets);
    auto expected = model.weight.detach().index_select(0, targets).view({3, 1, 4, 4}) * x;
    QVERIFY(close(r.attributions, expected));
}

void TestSaliencyMethods::smoothGradAveragesNoise()
{
    // Gradient w_t (x + e): the mean over n samples is w_t (x + mean e), mean e ~ N(0, s^2 / n).
    QuadraticModel model(1, 4, 1);
    auto x = torch::linspace(-1, 1, 16).view({1, 1, 4, 4});
    auto o = withMethod(SaliencyMethod::SmoothGrad);
    o.noiseLevel = 0.1f; // sigma = 0.1 * (max - min) = 0.2
    o.smoothGradSamples = 4000;
    o.maxChunk = 512;
    auto r = computeSaliency(model, x, o, torch::tensor({0}, torch::kLong));
    auto w = model.weight.detach().view({1, 1, 4, 4});
    auto meanNoise = r.attributions / w - x;
    // 0.2 / sqrt(4000) = 0.0032 per pixel; 5 sigma is a safe bound for 16 pixels.
    QVERIFY2(meanNoise.abs().max().item<float>() < 0.016f, "SmoothGrad noise does not average out");
    QVERIFY(meanNoise.abs().max().item<float>() > 0.0f); // noise was actually added
    // The same seed gives the same maps.
    auto again = computeSaliency(model, x, o, torch::tensor({0}, torch::kLong));
    QVERIFY(torch::equal(r.attributions, again.attributions));
}

void TestSaliencyMethods::integratedGradientsExact()
{
    QuadraticModel model(2, 3, 2);
    auto x = torch::randn({4, 2, 3, 3});
    auto targets = torch::tensor({0, 1, 0, 1}, torch::kLong);
    auto o = withMethod(SaliencyMethod::IntegratedGradients);
    o.igSteps = 7;
    auto r = computeSaliency(model, x, o, targets);
    auto w = model.weight.detach().index_select(0, targets).view({4, 2, 3, 3});
    QVERIFY(close(r.attributions, 0.5 * w * x * x));
    // Completeness: sum of attributions = f(x) - f(0).
    auto f = model.forward(x).detach().gather(1, targets.view({-1, 1})).squeeze(1);
    QVERIFY(close(r.attributions.flatten(1).sum(1), f, 1e-4));
}

void TestSaliencyMethods::integratedGradientsChunkInvariant()
{
    QuadraticModel model(1, 5, 3);
    auto x = torch::randn({3, 1, 5, 5});
    auto o = withMethod(SaliencyMethod::IntegratedGradients);
    o.igSteps = 10;
    o.maxChunk = 7; // 30 rows in chunks of 7
    auto small = computeSaliency(model, x, o);
    o.maxChunk = 1000;
    auto large = computeSaliency(model, x, o);
    QVERIFY(close(small.attributions, large.attributions));
}

void TestSaliencyMethods::integratedGradientsBaselines()
{
    // Linear model: IG = (x - x') w_t exactly for every baseline x'.
    LinearModel model(1, 6, 2);
    auto x = torch::randn({2, 1, 6, 6});
    auto targets = torch::tensor({1, 0}, torch::kLong);
    auto w = model.weight.detach().index_select(0, targets).view({2, 1, 6, 6});
    auto o = withMethod(SaliencyMethod::IntegratedGradients);
    o.igSteps = 3;
    o.baseline = IgBaseline::Blurred;
    o.blurSigma = 1.0f;
    auto blurred = computeSaliency(model, x, o, targets);
    QVERIFY(close(blurred.attributions, (x - gaussianBlur(x, 1.0)) * w));
    o.baseline = IgBaseline::Uniform;
    auto uniform = computeSaliency(model, x, o, targets);
    // x' = x - attr / w must lie within each input's [min, max].
    auto baseline = x - uniform.attributions / w;
    for (int i = 0; i < 2; ++i) {
        QVERIFY(baseline[i].min().item<float>() >= x[i].min().item<float>() - 1e-4f);
        QVERIFY(baseline[i].max().item<float>() <= x[i].max().item<float>() + 1e-4f);
    }
    QVERIFY(!close(baseline, torch::zeros_like(x)));
}

void TestSaliencyMethods::gradCamByHand()
{
    CamModel model(5, 3, 4);
    auto x = torch::randn({3, 1, 5, 5});
    auto targets = torch::tensor({3, 0, 2}, torch::kLong);
    auto o = withMethod(SaliencyMethod::GradCam, true);
    o.maxChunk = 2;
    auto r = computeSaliency(model, x, o, targets);
    auto coeff = torch::matmul(model.head.detach(), model.scale.detach()) / 25.0; // [classes]
    auto expected = torch::relu(x.squeeze(1) * coeff.index_select(0, targets).view({3, 1, 1}));
    QVERIFY(close(r.maps, expected));
    QVERIFY(!r.attributions.defined());
    o.absolute = false; // signed Grad-CAM keeps negative evidence
    auto s = computeSaliency(model, x, o, targets);
    QVERIFY(close(s.maps, x.squeeze(1) * coeff.index_select(0, targets).view({3, 1, 1})));
    // A model without convolutional features is rejected with a message.
    LinearModel linear(1, 5, 2);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, computeSaliency(linear, x, o));
}

void TestSaliencyMethods::restoresTrainingMode()
{
    LinearModel model(1, 3, 2);
    model.train();
    computeSaliency(model, torch::randn({2, 1, 3, 3}), withMethod(SaliencyMethod::SmoothGrad));
    QVERIFY(model.is_training());
    QVERIFY(!model.sawTraining); // saliency itself ran in eval mode
    model.eval();
    computeSaliency(model, torch::randn({2, 1, 3, 3}), withMethod(SaliencyMethod::Gradient));
    QVERIFY(!model.is_training());
}

void TestSaliencyMethods::cancelStops()
{
    LinearModel model(1, 3, 2);
    model.train();
    std::atomic<bool> cancel{true};
    auto o = withMethod(SaliencyMethod::IntegratedGradients);
    QVERIFY_THROWS_EXCEPTION(Cancelled,
                             computeSaliency(model, torch::randn({2, 1, 3, 3}), o, {}, &cancel));
    QVERIFY(model.is_training()); // restored on the exception path too
    cancel = false;
    QCOMPARE(computeSaliency(model, torch::randn({2, 1, 3, 3}), o, {}, &cancel).maps.size(0), 2);
}

void TestSaliencyMethods::rejectsBadInput()
{
    LinearModel model(1, 3, 2);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             computeSaliency(model, torch::randn({3, 3}), SaliencyOptions()));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             computeSaliency(model, torch::randn({2, 1, 3, 3}), SaliencyOptions(),
                                             torch::tensor({0, 5}, torch::kLong)));
    SaliencyOptions bad;
    bad.igSteps = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, validateSaliencyOptions(bad));
}

void TestSaliencyMethods::namesRoundTrip()
{
    for (const auto &name : saliencyMethodNames())
        QCOMPARE(toString(saliencyMethodFromString(name)), name);
    QVERIFY(saliencyMethodFromString("IG") == SaliencyMethod::IntegratedGradients);
    QVERIFY(igBaselineFromString("blurred") == IgBaseline::Blurred);
    QVERIFY(channelReductionFromString("max-abs") == ChannelReduction::MaxAbs);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, saliencyMethodFromString("deeplift"));
}

void TestSaliencyMethods::blurKeepsConstantsAndMass()
{
    auto flat = torch::full({1, 2, 8, 8}, 3.0);
    QVERIFY(close(gaussianBlur(flat, 2.0), flat));
    // A centred impulse spreads symmetrically; its total stays 1 away from the borders.
    auto impulse = torch::zeros({1, 1, 15, 15});
    impulse[0][0][7][7] = 1.0;
    auto b = gaussianBlur(impulse, 1.0);
    QVERIFY(std::abs(b.sum().item<double>() - 1.0) < 1e-5);
    QVERIFY(close(b, b.flip({2, 3})));
    // 1-D Gaussian weight ratio at offset 1: exp(-1 / 2) per axis.
    const double ratio = (b[0][0][7][8] / b[0][0][7][7]).item<double>();
    QVERIFY(std::abs(ratio - std::exp(-0.5)) < 1e-5);
}

QTEST_GUILESS_MAIN(TestSaliencyMethods)
#include "tst_saliency_methods.moc"
