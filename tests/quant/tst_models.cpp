// SPDX-License-Identifier: MIT
#include "core/models/classifier.h"
#include "core/quant/quant_layers.h"

#include <QTest>

#include <torch/nn/functional/loss.h>
#include <torch/optim/adam.h>

#include <set>
#include <stdexcept>

using namespace ql::core;

class TestModels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void forwardShapes_data();
    void forwardShapes();
    void layerNames();
    void applyQuantConfigChangesOutputs();
    void edgeLayerPolicy();
    void cloneIsIndependent();
    void parameterHelpers();
    void rejectsBadSpecs();
    void twoBitTrainingReducesLoss();
    void inferenceCacheFollowsWeights();
};

namespace {

ModelSpec spec(const std::string &arch, int64_t channels, int64_t size, int bits)
{
    ModelSpec s;
    s.arch = arch;
    s.inChannels = channels;
    s.imageSize = size;
    s.quant.weightBits = bits;
    s.quant.activationBits = bits;
    return s;
}

QuantConfig bitsConfig(int bits)
{
    QuantConfig c;
    c.weightBits = bits;
    c.activationBits = bits;
    return c;
}

std::vector<std::string> names(const ClassifierImpl &model)
{
    std::vector<std::string> out;
    for (const auto &info : model.layers())
        out.push_back(info.name);
    return out;
}

} // namespace

void TestModels::initTestCase()
{
    torch::manual_seed(7);
}

void TestModels::forwardShapes_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("bits");
    for (const auto &arch : classifierNames())
        for (const auto &[c, s] : std::vector<std::pair<int, int>>{{1, 28}, {3, 32}})
            for (int bits : {32, 8, 4, 2})
                QTest::addRow("%s-%dx%d-%db", arch.c_str(), c, s, bits)
                    << QString::fromStdString(arch) << c << s << bits;
}

void TestModels::forwardShapes()
{
    QFETCH(QString, arch);
    QFETCH(int, channels);
    QFETCH(int, size);
    QFETCH(int, bits);
    ClassifierPtr model = makeClassifier(spec(arch.toStdString(), channels, size, bits));
    model->eval();
    torch::NoGradGuard noGrad;
    const auto [logits, features] =
        model->forwardWithFeatures(torch::randn({2, channels, size, size}));
    QCOMPARE(logits.sizes().vec(), (std::vector<int64_t>{2, 10}));
    QVERIFY(torch::isfinite(logits).all().item<bool>());
    QCOMPARE(features.dim(), int64_t{4});
    QCOMPARE(features.size(0), int64_t{2});
    QVERIFY(
        torch::equal(model->forward(torch::zeros({1, channels, size, size})),
                     model->forwardWithFeatures(torch::zeros({1, channels, size, size})).first));
    for (const auto &info : model->layers())
        QVERIFY2(info.macs > 0, info.name.c_str());
}

void TestModels::layerNames()
{
    QCOMPARE(names(*makeClassifier(spec("mnist-cnn", 1, 28, 32))),
             (std::vector<std::string>{"conv1", "conv2", "fc1", "fc2"}));
    QCOMPARE(names(*makeClassifier(spec("lenet5", 1, 28, 32))),
             (std::vector<std::string>{"conv1", "conv2", "fc1", "fc2", "fc3"}));
    const auto resnet = names(*makeClassifier(spec("resnet20", 3, 32, 32)));
    QCOMPARE(resnet.size(), size_t{20}); // 19 convolutions + fc
    QCOMPARE(resnet[0], std::string("conv1"));
    QCOMPARE(resnet[10], std::string("layer2.1.conv2"));
    QCOMPARE(resnet.back(), std::string("fc"));
    const auto vgg = names(*makeClassifier(spec("vgg-small", 3, 32, 32)));
    QCOMPARE(vgg.size(), size_t{7});
    QCOMPARE(vgg[5], std::string("conv6"));
    // Table names are the modules' parameter paths.
    auto model = makeClassifier(spec("resnet20", 3, 32, 32));
    QVERIFY(model->named_parameters().contains("layer2.1.conv2.weight"));
    QVERIFY(model->named_parameters().contains("layer2.1.conv2_pact.alpha"));
    QVERIFY(model->named_buffers().contains("layer2.1.bn2.running_mean"));
}

void TestModels::applyQuantConfigChangesOutputs()
{
    for (const auto &arch : classifierNames()) {
        ClassifierPtr model = makeClassifier(spec(arch, 1, 28, 32));
        model->eval();
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::randn({4, 1, 28, 28});
        const torch::Tensor floatOut = model->forward(x);
        model->applyQuantConfig(bitsConfig(2));
        QCOMPARE(model->spec().quant.weightBits, 2);
        const torch::Tensor lowOut = model->forward(x);
        QVERIFY2(!torch::allclose(floatOut, lowOut), arch.c_str());
        model->applyQuantConfig(bitsConfig(32));
        QVERIFY2(torch::equal(floatOut, model->forward(x)), arch.c_str()); // weights unchanged
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, model->applyQuantConfig(bitsConfig(9)));
    }
}

void TestModels::edgeLayerPolicy()
{
    ClassifierPtr model = makeClassifier(spec("mnist-cnn", 1, 28, 4));
    auto infos = model->layers();
    QCOMPARE(infos[0].bits, (LayerBits{8, 8})); // first layer: 8 bits (default policy)
    QCOMPARE(infos[1].bits, (LayerBits{4, 4}));
    QCOMPARE(infos[2].bits, (LayerBits{4, 4}));
    QCOMPARE(infos[3].bits, (LayerBits{8, kFloatBits})); // last: 8-bit weights, float logits
    QCOMPARE(infos[0].inputBits, 8);                     // the image
    QCOMPARE(infos[1].inputBits, 8);                     // conv1's PACT
    QCOMPARE(infos[2].inputBits, 4);
    QCOMPARE(infos[3].inputBits, 4);
    QuantConfig config = bitsConfig(2);
    config.edgePolicy = EdgeLayerPolicy::Float;
    config.perLayer["conv2"] = LayerBits{3, 5};
    model->applyQuantConfig(config);
    infos = model->layers();
    QCOMPARE(infos[0].bits, (LayerBits{32, 32}));
    QCOMPARE(infos[1].bits, (LayerBits{3, 5}));
    QCOMPARE(infos[2].bits, (LayerBits{2, 2}));
    QCOMPARE(infos[2].inputBits, 5);
    QCOMPARE(infos[3].bits.weightBits, 32);
    QCOMPARE(infos[0].weightCount, int64_t{32 * 9});
    QCOMPARE(infos[2].weightCount, int64_t{9216 * 128});
    QCOMPARE(infos[0].alpha, 10.0f);
    QCOMPARE(infos[3].alpha, 0.0f);
}

void TestModels::cloneIsIndependent()
{
    ClassifierPtr model = makeClassifier(spec("resnet20", 3, 32, 4));
    {
        torch::NoGradGuard noGrad;
        // Non-default buffers and alphas, so the test sees that they are copied.
        model->named_buffers()["layer1.0.bn1.running_mean"].fill_(0.25);
        model->named_parameters()["conv1_pact.alpha"].fill_(3.0);
    }
    model->eval();
    ClassifierPtr copy = cloneClassifier(*model, torch::kCPU);
    QVERIFY(!copy->is_training());
    QCOMPARE(copy->spec().quant.weightBits, 4);
    torch::NoGradGuard noGrad;
    const torch::Tensor x = torch::randn({2, 3, 32, 32});
    QVERIFY(torch::equal(model->forward(x), copy->forward(x)));
    QCOMPARE(copy->named_buffers()["layer1.0.bn1.running_mean"][0].item<float>(), 0.25f);
    QCOMPARE(pactAlphas(*copy)[0], 3.0f);
    const torch::Tensor before = model->named_parameters()["conv1.weight"].clone();
    copy->named_parameters()["conv1.weight"].add_(1.0);
    copy->named_buffers()["layer1.0.bn1.running_mean"].fill_(-1.0);
    copy->applyQuantConfig(bitsConfig(2));
    QVERIFY(torch::equal(model->named_parameters()["conv1.weight"], before));
    QCOMPARE(model->named_buffers()["layer1.0.bn1.running_mean"][0].item<float>(), 0.25f);
    QCOMPARE(model->spec().quant.weightBits, 4);
}

void TestModels::parameterHelpers()
{
    ClassifierPtr model = makeClassifier(spec("mnist-cnn", 1, 28, 4));
    QCOMPARE(alphaParameters(*model).size(), size_t{3});
    QCOMPARE(nonAlphaParameters(*model).size(), model->parameters().size() - 3);
    QCOMPARE(pactAlphas(*model), (std::vector<float>{10.0f, 10.0f, 10.0f}));
    QCOMPARE(pactLayerNames(*model), (std::vector<std::string>{"conv1", "conv2", "fc1"}));
    model->train();
    model->forward(torch::randn({2, 1, 28, 28}) * 100.0);
    const auto fractions = clippedFractions(*model);
    QCOMPARE(fractions.size(), size_t{3});
    QVERIFY(fractions[0] > 0.0f && fractions[0] < 1.0f); // huge inputs: some clipped
    ClassifierPtr resnet = makeClassifier(spec("resnet20", 3, 32, 32));
    QCOMPARE(alphaParameters(*resnet).size(), size_t{19});
}

void TestModels::rejectsBadSpecs()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeClassifier(spec("alexnet", 1, 28, 32)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeClassifier(spec("mnist-cnn", 1, 4, 32)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeClassifier(spec("mnist-cnn", 0, 28, 32)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeClassifier(spec("lenet5", 1, 28, 12)));
    QCOMPARE(classifierNames().size(), size_t{4});
}

void TestModels::twoBitTrainingReducesLoss()
{
    // A separable toy task (class = which quadrant is bright) at 2 bits everywhere: the loss
    // must fall, which needs the straight-through gradients to reach weights and alphas.
    torch::manual_seed(3);
    const int64_t n = 64;
    torch::Tensor x = torch::randn({n, 1, 16, 16}) * 0.3;
    const torch::Tensor y = torch::randint(0, 4, {n}, torch::kLong);
    for (int64_t i = 0; i < n; ++i) {
        const int64_t q = y[i].item<int64_t>();
        x[i].slice(1, (q / 2) * 8, (q / 2) * 8 + 8).slice(2, (q % 2) * 8, (q % 2) * 8 + 8) += 2.0;
    }
    ModelSpec s = spec("lenet5", 1, 16, 2);
    s.numClasses = 4;
    s.quant.edgePolicy = EdgeLayerPolicy::Same;
    s.quant.alphaInit = 4.0f;
    ClassifierPtr model = makeClassifier(s);
    model->train();
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(3e-3));
    const std::vector<float> alphasBefore = pactAlphas(*model);
    auto lossNow = [&] { return torch::nn::functional::cross_entropy(model->forward(x), y); };
    const float first = lossNow().item<float>();
    for (int step = 0; step < 60; ++step) {
        optimizer.zero_grad();
        torch::Tensor loss = lossNow();
        loss.backward();
        optimizer.step();
    }
    const float last = lossNow().item<float>();
    QVERIFY2(last < 0.5f * first, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(last)));
    QVERIFY(pactAlphas(*model) != alphasBefore);
}

void TestModels::inferenceCacheFollowsWeights()
{
    // Without grad mode the quantized weights are cached; in-place updates, new data and new
    // bits must all invalidate the cache.
    // Float activations: with alpha 10 and random weights, quantized activations could round
    // everything after conv2 to 0 and hide weight changes.
    ModelSpec s = spec("lenet5", 1, 28, 4);
    s.quant.activationBits = kFloatBits;
    ClassifierPtr model = makeClassifier(s);
    model->eval();
    const torch::Tensor x = torch::randn({2, 1, 28, 28});
    {
        // Off by default: an update through p.data() (its own version counter, as LibTorch's
        // optimisers may write) is seen by the next no-grad forward.
        torch::NoGradGuard noGrad;
        const torch::Tensor before = model->forward(x);
        model->named_parameters()["conv2.weight"].data().mul_(0.5);
        QVERIFY(!torch::allclose(before, model->forward(x)));
    }
    setInferenceCache(*model, true);
    torch::NoGradGuard noGrad;
    const torch::Tensor first = model->forward(x);
    QVERIFY(torch::equal(first, model->forward(x)));
    model->named_parameters()["conv2.weight"].mul_(0.5);
    const torch::Tensor scaled = model->forward(x);
    QVERIFY(!torch::allclose(first, scaled));
    model->named_parameters()["conv2.weight"].set_data(torch::randn({16, 6, 5, 5}) * 0.1);
    const torch::Tensor replaced = model->forward(x);
    QVERIFY(!torch::allclose(scaled, replaced));
    QuantConfig two = bitsConfig(2);
    two.activationBits = kFloatBits;
    model->applyQuantConfig(two);
    QVERIFY(!torch::allclose(replaced, model->forward(x)));
    // Same numbers as the uncached (grad-mode) path.
    torch::AutoGradMode grad(true);
    QVERIFY(torch::allclose(model->forward(x), [&] {
        torch::NoGradGuard again;
        return model->forward(x);
    }()));
}

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
