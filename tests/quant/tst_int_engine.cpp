// SPDX-License-Identifier: MIT
// The integer inference engine (core/deploy) against hand-computed integer sums and against
// the fake-quantized LibTorch models it deploys, and its loader against bad files.
#include "core/data/normalization.h"
#include "core/deploy/int_engine.h"
#include "core/deploy/int_kernels.h"
#include "core/deploy/qlpack_reader.h"
#include "core/quant/packed_export.h"
#include "core/quant/pact_activation.h"
#include "core/quant/post_training.h"
#include "core/quant/quant_layers.h"

#include <torch/nn/modules/batchnorm.h>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <stdexcept>

using namespace ql::core;
using ql::core::deploy::IntEngine;
using ql::core::deploy::IntTrace;

class TestIntEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gemmMatchesHandAndScalar();
    void convTwoByTwoHandComputed();
    void agreesWithFakeQuantized_data();
    void agreesWithFakeQuantized();
    void levelsEqualExactModelArithmetic_data();
    void levelsEqualExactModelArithmetic();
    void modelWeightValuesMatchDoReFa();
    void rejectsBadFiles();
    void rejectsUnsupportedModels();
};

namespace {

QuantConfig bitsConfig(int bits, EdgeLayerPolicy edge = EdgeLayerPolicy::EightBit)
{
    QuantConfig c;
    c.weightBits = bits;
    c.activationBits = bits;
    c.edgePolicy = edge;
    return c;
}

ClassifierPtr makeModel(const std::string &arch, int bits, uint64_t seed)
{
    torch::manual_seed(seed);
    ModelSpec spec;
    spec.arch = arch;
    spec.inChannels = arch == "resnet20" ? 3 : 1;
    spec.imageSize = arch == "resnet20" ? 32 : 28;
    spec.quant = bitsConfig(bits);
    return makeClassifier(spec);
}

Normalization normFor(const std::string &arch)
{
    return arch == "resnet20" ? cifar10Normalization() : mnistNormalization();
}

/// Smooth random uint8 images (blurred noise, full range), [n, C, S, S].
torch::Tensor randomImages(int64_t n, int64_t c, int64_t s, uint64_t seed)
{
    torch::manual_seed(seed);
    torch::Tensor x = torch::rand({n, c, s + 2, s + 2});
    x = torch::avg_pool2d(x, 3, 1); // [n, c, s, s]
    x = (x - x.amin({2, 3}, true)) / (x.amax({2, 3}, true) - x.amin({2, 3}, true) + 1e-6);
    return (x * 255).round().clamp(0, 255).to(torch::kUInt8).contiguous();
}

std::shared_ptr<QuantLayerBase> lastLayer(ClassifierImpl &model)
{
    std::shared_ptr<QuantLayerBase> last;
    for (const auto &m : model.modules(false))
        if (auto l = std::dynamic_pointer_cast<QuantLayerBase>(m))
            last = l;
    return last;
}

} // namespace

void TestIntEngine::gemmMatchesHandAndScalar()
{
    namespace k = deploy::int_kernels;
    // 1 x 16 times 2 x 16: hand sums.
    std::vector<int16_t> a(16), b(32, 0);
    for (int i = 0; i < 16; ++i)
        a[static_cast<size_t>(i)] = static_cast<int16_t>(i * 17 % 256); // 0, 17, 34, ...
    b[0] = 3;
    b[5] = -255;
    b[15] = 7;
    b[16 + 1] = 255;
    b[16 + 2] = -1;
    int32_t c[2];
    k::gemm(a.data(), 1, b.data(), 2, 16, c);
    QCOMPARE(c[0], 3 * 0 - 255 * 85 + 7 * (15 * 17 % 256));
    QCOMPARE(c[1], 255 * 17 - 34);
    // Odd shapes (tails of the 2x4 blocks): the run-time path equals the scalar path.
    torch::manual_seed(3);
    for (int64_t m : {1, 2, 3, 5})
        for (int64_t n : {1, 3, 4, 9}) {
            const int64_t kk = 48;
            const torch::Tensor ta = torch::randint(0, 256, {m, kk}, torch::kShort).contiguous();
            const torch::Tensor tb = torch::randint(-255, 256, {n, kk}, torch::kShort).contiguous();
            std::vector<int32_t> fast(static_cast<size_t>(m * n)), slow(fast.size());
            k::gemm(ta.data_ptr<int16_t>(), m, tb.data_ptr<int16_t>(), n, kk, fast.data());
            k::forceScalar(true);
            k::gemm(ta.data_ptr<int16_t>(), m, tb.data_ptr<int16_t>(), n, kk, slow.data());
            k::forceScalar(false);
            QCOMPARE(fast, slow);
            const torch::Tensor ref = ta.to(torch::kLong).matmul(tb.to(torch::kLong).t());
            for (int64_t i = 0; i < m * n; ++i)
                QCOMPARE(static_cast<int64_t>(fast[static_cast<size_t>(i)]),
                         ref.flatten()[i].item<int64_t>());
        }
    qInfo("integer GEMM path: %s", k::isaName(k::activeIsa()));
}

void TestIntEngine::convTwoByTwoHandComputed()
{
    // A 2x2 one-channel image [[1, 2], [3, 4]], a 3x3 kernel 1..9 (row-major), padding 1,
    // stride 1: output (y, x) = sum of image(y + dy, x + dx) * kernel(dy + 1, dx + 1).
    const uint8_t image[4] = {1, 2, 3, 4};
    std::vector<int16_t> kernel = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    // (0,0): 1*5 + 2*6 + 3*8 + 4*9 = 77;  (0,1): 1*4 + 2*5 + 3*7 + 4*8 = 67
    // (1,0): 1*2 + 2*3 + 3*5 + 4*6 = 47;  (1,1): 1*1 + 2*2 + 3*4 + 4*5 = 37
    QCOMPARE(deploy::detail::convAccumulate(image, 2, 2, 1, kernel, 1, 1, 1),
             (std::vector<int32_t>{77, 67, 47, 37}));
    // Two output channels (the second the negated kernel with 255 levels), stride 2: one
    // output position, (0,0) only.
    kernel.resize(18);
    for (int i = 0; i < 9; ++i)
        kernel[static_cast<size_t>(9 + i)] = static_cast<int16_t>(-255 + 2 * i);
    // -255*0 pad ... taps (1,1),(1,2),(2,1),(2,2) = -247, -245, -241, -239.
    QCOMPARE(deploy::detail::convAccumulate(image, 2, 2, 1, kernel, 2, 2, 1),
             (std::vector<int32_t>{77, 1 * -247 + 2 * -245 + 3 * -241 + 4 * -239}));
    // Two input channels, HWC: channel 1 = 10 x channel 0, kernel of channel 1 all ones.
    const uint8_t image2[8] = {1, 10, 2, 20, 3, 30, 4, 40};
    std::vector<int16_t> k2 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    QCOMPARE(deploy::detail::convAccumulate(image2, 2, 2, 2, k2, 1, 1, 1),
             (std::vector<int32_t>{77 + 100, 67 + 100, 47 + 100, 37 + 100}));
}

void TestIntEngine::agreesWithFakeQuantized_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("bits");
    QTest::addColumn<int>("images");
    QTest::newRow("mnist-cnn-4b") << "mnist-cnn" << 4 << 200;
    QTest::newRow("mnist-cnn-2b") << "mnist-cnn" << 2 << 64;
    QTest::newRow("mnist-cnn-8b") << "mnist-cnn" << 8 << 64;
    QTest::newRow("resnet20-4b") << "resnet20" << 4 << 32;
    QTest::newRow("resnet20-8b") << "resnet20" << 8 << 16;
}

void TestIntEngine::agreesWithFakeQuantized()
{
    QFETCH(QString, arch);
    QFETCH(int, bits);
    QFETCH(int, images);
    const std::string a = arch.toStdString();
    ClassifierPtr model = makeModel(a, bits, 7);
    const Normalization norm = normFor(a);
    const int64_t channels = model->spec().inChannels, side = model->spec().imageSize;
    const torch::Tensor pixels = randomImages(images, channels, side, 11);
    const torch::Tensor x = normalizeImages(pixels, norm);
    {
        torch::NoGradGuard noGrad; // non-trivial batch-norm statistics
        for (auto &item : model->named_buffers()) {
            if (item.key().find("running_mean") != std::string::npos)
                item.value().uniform_(-0.2, 0.2);
            if (item.key().find("running_var") != std::string::npos)
                item.value().uniform_(0.5, 2.0);
        }
        for (auto &item : model->named_parameters())
            if (item.key().find("bn") != std::string::npos &&
                item.key().find(".bias") != std::string::npos)
                item.value().uniform_(-0.1, 0.3);
    }
    model->eval();
    calibratePactAlphas(*model, {x});

    // The fake-quantized model, with the input of its last layer recorded (PACT pre-activations
    // through the observer of the last PACT).
    auto allPacts = pactModules(*model);
    torch::Tensor lastPre;
    allPacts.back()->setObserver([&](const torch::Tensor &t) { lastPre = t.clone(); });
    std::vector<torch::Tensor> preActs(allPacts.size());
    for (size_t i = 0; i + 1 < allPacts.size(); ++i)
        allPacts[i]->setObserver([&preActs, i](const torch::Tensor &t) { preActs[i] = t.clone(); });
    torch::Tensor fake;
    {
        torch::NoGradGuard noGrad;
        fake = model->forward(x);
    }
    for (auto &p : allPacts)
        p->setObserver({});
    torch::Tensor fakeLast =
        pactFunction(lastPre, allPacts.back()->alpha(), allPacts.back()->bits());
    if (a == "resnet20")
        fakeLast = at::adaptive_avg_pool2d(fakeLast, {1, 1}).flatten(1);
    fakeLast = fakeLast.detach();

    QTemporaryDir dir;
    const std::string path = dir.filePath("m.qlpack").toStdString();
    exportPackedModel(*model, path, &norm);
    auto engine = IntEngine::load(path);
    const int64_t classes = model->spec().numClasses;
    torch::Tensor logits = torch::empty({images, classes});
    IntTrace trace;
    engine->forwardNormalized(x.contiguous().data_ptr<float>(), images, logits.data_ptr<float>(),
                              &trace);
    // The pixel entry point gives the very same logits, and so does the scalar kernel path.
    torch::Tensor fromPixels = torch::empty_like(logits);
    engine->forwardPixels(pixels.data_ptr<uint8_t>(), images, fromPixels.data_ptr<float>());
    QVERIFY(torch::equal(logits, fromPixels));
    deploy::int_kernels::forceScalar(true);
    torch::Tensor scalar = torch::empty_like(logits);
    engine->forwardPixels(pixels.data_ptr<uint8_t>(), images, scalar.data_ptr<float>());
    deploy::int_kernels::forceScalar(false);
    QVERIFY(torch::equal(logits, scalar));

    // Activation levels: the first PACT sees the same input in both models, so its levels may
    // differ only where the float pre-activation sits within rounding error of a level
    // boundary: at most by one level, and rarely.
    QCOMPARE(trace.levels.size() + (a == "mnist-cnn" ? 0 : 0), allPacts.size());
    int64_t differing = 0, total = 0;
    for (size_t i = 0; i < allPacts.size(); ++i) {
        torch::Tensor pre = i + 1 < allPacts.size() ? preActs[i] : lastPre;
        const torch::Tensor fakeLevels =
            at::clamp(pre, 0.0, allPacts[i]->alphaValue())
                .mul_(static_cast<float>(((1 << allPacts[i]->bits()) - 1) /
                                         static_cast<double>(allPacts[i]->alphaValue())))
                .round_()
                .to(torch::kInt)
                .flatten();
        const auto &mine = trace.levels[i];
        QCOMPARE(static_cast<int64_t>(mine.size()), fakeLevels.numel());
        const torch::Tensor engineLevels =
            torch::from_blob(const_cast<uint8_t *>(mine.data()),
                             {static_cast<int64_t>(mine.size())}, torch::kUInt8)
                .to(torch::kInt);
        const torch::Tensor diff = (engineLevels - fakeLevels).abs();
        if (i == 0)
            QVERIFY2(diff.max().item<int>() <= 1, "first PACT differs by more than one level");
        const int64_t here = diff.gt(0).sum().item<int64_t>();
        if (i == 0)
            QVERIFY2(static_cast<double>(here) < 1e-3 * static_cast<double>(diff.numel()),
                     "too many first-layer levels differ from the fake-quantized model");
        differing += here;
        total += diff.numel();
    }
    const double flipRate = static_cast<double>(differing) / static_cast<double>(total);
    qInfo("%s: %lld of %lld activation levels differ (%.2e)", qPrintable(arch),
          static_cast<long long>(differing), static_cast<long long>(total), flipRate);
    // The engine's levels are those of the model's exact arithmetic (levelsEqualExact-
    // ModelArithmetic); the remaining differences come from LibTorch's own float32 summation,
    // which moves a pre-activation across a rounding boundary where it lies within ~1e-6 levels
    // of one. Deeper down a flipped level changes the pre-activations of the next layer and may
    // flip more: in the 3 PACTs of mnist-cnn they stay rare; in the 19 of a random-weight
    // resnet20 they multiply with depth (4 bits, 32 images: 1.8e-3 of all levels; 8 bits:
    // 6.9e-3; before the near-tie refinement 4.5e-3 and 3.3e-2). The logit bound below accounts
    // for whatever reaches the last layer.
    if (a == "mnist-cnn")
        QVERIFY2(flipRate < 1e-3,
                 "too many activation levels differ from the fake-quantized model");

    // Logits: the derived bound (docs/DEPLOYMENT.md). Given the last layer's inputs a (engine)
    // and a' (fake-quantized), |z - z'| <= gamma_n (sum_j |w_cj a_j| + |b_c|) +
    // sum_j |w_cj| |a_j - a'_j|, with gamma_n = n u / (1 - n u), u = 2^-24, n = fan-in +
    // pooled positions + 8 (float summation in LibTorch, scale and bias roundings).
    const auto last = lastLayer(*model);
    const torch::Tensor w = last->quantizedWeight().detach();
    const torch::Tensor b = last->biasParameter().detach();
    const torch::Tensor mineLast =
        torch::from_blob(trace.lastInput.data(), {images, w.size(1)}, torch::kFloat).clone();
    const double pooled = a == "resnet20" ? 64.0 : 0.0;
    const double n = static_cast<double>(w.size(1)) + pooled + 8.0;
    const double u = std::ldexp(1.0, -24);
    const double gamma = n * u / (1.0 - n * u);
    const torch::Tensor tol = gamma * (mineLast.abs().matmul(w.abs().t()) + b.abs()) +
                              (mineLast - fakeLast).abs().matmul(w.abs().t());
    const torch::Tensor err = (logits - fake).abs();
    QVERIFY2(err.le(tol).all().item<bool>(), qPrintable(QStringLiteral("max error %1, its bound %2")
                                                            .arg((err - tol).max().item<double>())
                                                            .arg(tol.max().item<double>())));
    // Top-1: the same class wherever the fake model's margin exceeds twice the bound.
    const torch::Tensor top2 = std::get<0>(fake.topk(2, 1));
    const torch::Tensor margin = top2.select(1, 0) - top2.select(1, 1);
    const torch::Tensor clear = margin.gt(2 * tol.amax(1));
    const torch::Tensor same = logits.argmax(1).eq(fake.argmax(1));
    QVERIFY(same.masked_select(clear).all().item<bool>());
    qInfo("%s: max |logit difference| %.3g (bound %.3g), top-1 agreement %lld / %d",
          qPrintable(arch), err.max().item<double>(), tol.max().item<double>(),
          static_cast<long long>(same.sum().item<int64_t>()), images);
}

namespace {

/// A model with non-trivial batch-norm statistics and calibrated alphas, as in
/// agreesWithFakeQuantized, for images `x`.
void randomiseAndCalibrate(ClassifierImpl &model, const torch::Tensor &x)
{
    {
        torch::NoGradGuard noGrad;
        for (auto &item : model.named_buffers()) {
            if (item.key().find("running_mean") != std::string::npos)
                item.value().uniform_(-0.2, 0.2);
            if (item.key().find("running_var") != std::string::npos)
                item.value().uniform_(0.5, 2.0);
        }
        for (auto &item : model.named_parameters())
            if (item.key().find("bn") != std::string::npos &&
                item.key().find(".bias") != std::string::npos)
                item.value().uniform_(-0.1, 0.3);
    }
    model.eval();
    calibratePactAlphas(model, {x});
}

/// The exact (float64) pre-activation arithmetic of the fake-quantized model on given inputs:
/// its float32 fake-quantized weights and biases, its float32 activation values
/// float(level) * float(alpha / L), and batch norm as ATen evaluates it (the float32 constants
/// invstd = 1 / sqrt(var + eps), a = invstd gamma, b = beta - mean a, then x a + b), computed here
/// with LibTorch ops, independently of the engine.
struct ExactModel {
    ClassifierImpl &model;
    std::shared_ptr<torch::nn::Module> module(const std::string &name) const
    {
        return model.named_modules()[name];
    }
    torch::Tensor weight(const std::string &layer) const
    {
        return std::dynamic_pointer_cast<QuantLayerBase>(module(layer))
            ->quantizedWeight()
            .detach()
            .to(torch::kDouble);
    }
    std::shared_ptr<PactActivationImpl> pact(const std::string &name) const
    {
        return std::dynamic_pointer_cast<PactActivationImpl>(module(name));
    }
    /// The model's float32 value of activation levels [N, ...] of PACT `name`.
    torch::Tensor values(const std::string &pactName, const torch::Tensor &levels) const
    {
        const auto p = pact(pactName);
        const float down =
            static_cast<float>(static_cast<double>(p->alphaValue()) / ((1 << p->bits()) - 1));
        return levels.to(torch::kFloat).mul(down).to(torch::kDouble);
    }
    torch::Tensor conv(const std::string &layer, const torch::Tensor &x) const
    {
        const auto c = std::dynamic_pointer_cast<QuantConv2dImpl>(module(layer));
        const torch::Tensor b = c->biasParameter();
        return at::conv2d(x, weight(layer), b.defined() ? b.detach().to(torch::kDouble) : b,
                          {c->options().stride, c->options().stride},
                          {c->options().padding, c->options().padding});
    }
    torch::Tensor batchNorm(const std::string &bn, const torch::Tensor &y) const
    {
        const auto m = std::dynamic_pointer_cast<torch::nn::BatchNorm2dImpl>(module(bn));
        const torch::Tensor invstd =
            1.0 / (m->running_var.detach() + static_cast<float>(m->options.eps())).sqrt();
        const torch::Tensor a = invstd * m->weight.detach();
        const torch::Tensor b = m->bias.detach() - m->running_mean.detach() * a;
        return y * a.to(torch::kDouble).view({1, -1, 1, 1}) +
               b.to(torch::kDouble).view({1, -1, 1, 1});
    }
    /// PACT `name` on exact pre-activations: clamp to [0, alpha], times float(L / alpha), round
    /// half to even.
    torch::Tensor levels(const std::string &pactName, const torch::Tensor &pre) const
    {
        const auto p = pact(pactName);
        const double alpha = p->alphaValue();
        const int levels = (1 << p->bits()) - 1;
        const float up = static_cast<float>(levels / alpha);
        return pre.clamp(0.0, alpha).mul(static_cast<double>(up)).round().to(torch::kInt);
    }
};

/// Engine trace slot `i` as [N, C, H, W] int levels (the model's output shape `like`).
torch::Tensor traced(const IntTrace &trace, size_t i, const torch::Tensor &like)
{
    const auto &v = trace.levels[i];
    return torch::from_blob(const_cast<uint8_t *>(v.data()), like.sizes(), torch::kUInt8)
        .to(torch::kInt);
}

} // namespace

void TestIntEngine::levelsEqualExactModelArithmetic_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("bits");
    QTest::newRow("resnet20-4b") << "resnet20" << 4;
    QTest::newRow("resnet20-8b") << "resnet20" << 8;
    QTest::newRow("mnist-cnn-8b") << "mnist-cnn" << 8;
}

void TestIntEngine::levelsEqualExactModelArithmetic()
{
    // Layer by layer, given the engine's own input levels, every activation level of the engine
    // equals the level of the fake-quantized model's exact pre-activation (its float32 weights
    // and inputs, float64 arithmetic). Before the near-tie refinement the engine computed with
    // the weight grid q s / L, which the model's DoReFa weights i float(2 s / L) - s miss by up
    // to an ulp of s: hundreds of levels differed here. The residual add of resnet20 (shortcut
    // of the block input, stride-2 subsampling and zero channels) is part of the comparison.
    QFETCH(QString, arch);
    QFETCH(int, bits);
    const std::string a = arch.toStdString();
    const bool resnet = a == "resnet20";
    torch::manual_seed(5);
    ModelSpec spec;
    spec.arch = a;
    spec.inChannels = resnet ? 3 : 1;
    spec.imageSize = resnet ? 16 : 12;
    spec.quant = bitsConfig(bits);
    ClassifierPtr model = makeClassifier(spec);
    const Normalization norm = normFor(a);
    const int64_t images = resnet ? 24 : 64;
    const torch::Tensor pixels = randomImages(images, spec.inChannels, spec.imageSize, 13);
    const torch::Tensor x = normalizeImages(pixels, norm);
    randomiseAndCalibrate(*model, x);

    QTemporaryDir dir;
    const std::string path = dir.filePath("m.qlpack").toStdString();
    exportPackedModel(*model, path, &norm);
    auto engine = IntEngine::load(path);
    torch::Tensor logits = torch::empty({images, model->spec().numClasses});
    IntTrace trace;
    engine->forwardPixels(pixels.data_ptr<uint8_t>(), images, logits.data_ptr<float>(), &trace);

    torch::NoGradGuard noGrad;
    const ExactModel m{*model};
    const torch::Tensor x64 = x.to(torch::kDouble);
    int64_t total = 0;
    bool namesOk = true;
    // The number of the engine's levels in `trace` that differ from the exact arithmetic.
    const auto compare = [&](const IntTrace &t, bool warn) {
        total = 0;
        const auto check = [&](size_t slot, const std::string &pactName, const torch::Tensor &pre) {
            if (t.names[slot] != pactName.substr(0, pactName.size() - 5))
                namesOk = false;
            const torch::Tensor exact = m.levels(pactName, pre);
            const torch::Tensor mine = traced(t, slot, exact);
            const int64_t differ = mine.ne(exact).sum().item<int64_t>();
            total += exact.numel();
            if (differ != 0 && warn)
                qWarning("%s: %lld of %lld levels differ from the exact model arithmetic",
                         pactName.c_str(), static_cast<long long>(differ),
                         static_cast<long long>(exact.numel()));
            return std::make_pair(differ, mine);
        };
        int64_t differing = 0;
        if (resnet) {
            auto [d0, block] = check(0, "conv1_pact", m.batchNorm("bn1", m.conv("conv1", x64)));
            differing += d0;
            std::string inPact = "conv1_pact";
            size_t slot = 1;
            for (int stage = 1; stage <= 3; ++stage)
                for (int b = 0; b < 3; ++b) {
                    const std::string p =
                        "layer" + std::to_string(stage) + "." + std::to_string(b) + ".";
                    const torch::Tensor in = m.values(inPact, block);
                    auto [d1, mid] = check(slot++, p + "conv1_pact",
                                           m.batchNorm(p + "bn1", m.conv(p + "conv1", in)));
                    torch::Tensor shortcut = in;
                    if (stage > 1 && b == 0) { // option A: stride-2 subsampling, zero channels
                        shortcut =
                            shortcut.slice(2, 0, c10::nullopt, 2).slice(3, 0, c10::nullopt, 2);
                        const int64_t pad = shortcut.size(1) / 2;
                        shortcut = at::constant_pad_nd(shortcut, {0, 0, 0, 0, pad, pad});
                    }
                    const torch::Tensor pre =
                        m.batchNorm(p + "bn2",
                                    m.conv(p + "conv2", m.values(p + "conv1_pact", mid))) +
                        shortcut;
                    auto [d2, out] = check(slot++, p + "conv2_pact", pre);
                    differing += d1 + d2;
                    block = out;
                    inPact = p + "conv2_pact";
                }
        } else {
            auto [d1, l1] = check(0, "conv1_pact", m.conv("conv1", x64));
            auto [d2, l2] = check(1, "conv2_pact", m.conv("conv2", m.values("conv1_pact", l1)));
            const torch::Tensor pooled =
                at::max_pool2d(m.values("conv2_pact", l2), {2, 2}).flatten(1);
            const auto fc1 = std::dynamic_pointer_cast<QuantLayerBase>(m.module("fc1"));
            const torch::Tensor pre = at::linear(pooled, m.weight("fc1"),
                                                 fc1->biasParameter().detach().to(torch::kDouble));
            auto [d3, l3] = check(2, "fc1_pact", pre);
            differing += d1 + d2 + d3;
        }
        return differing;
    };
    const int64_t differing = compare(trace, true);
    qInfo("%s %d bits: %lld of %lld levels differ from the exact model arithmetic; %lld "
          "pre-activations refined near a rounding boundary",
          qPrintable(arch), bits, static_cast<long long>(differing), static_cast<long long>(total),
          static_cast<long long>(trace.refined));
    QVERIFY2(namesOk, "the trace's layers are not in the model's order");
    QCOMPARE(differing, int64_t{0});
    QVERIFY2(trace.refined > 0, "the test should exercise the near-tie refinement");

    // The comparison can fail: without the refinement (the engine's arithmetic before it: the
    // weight grid q s / L) levels differ (2, 59 and 11 in the three rows).
    deploy::detail::setNearTieRefinement(false);
    IntTrace unrefined;
    engine->forwardPixels(pixels.data_ptr<uint8_t>(), images, logits.data_ptr<float>(), &unrefined);
    deploy::detail::setNearTieRefinement(true);
    QCOMPARE(unrefined.refined, int64_t{0});
    const int64_t without = compare(unrefined, false);
    qInfo("without the near-tie refinement: %lld levels differ", static_cast<long long>(without));
    QVERIFY(without > 0);
}

void TestIntEngine::modelWeightValuesMatchDoReFa()
{
    // The engine's float32 weight per level (what its near-tie refinement computes with) is
    // bit for bit the weight of the fake-quantized model, at every bit-width.
    for (int bits : {1, 2, 3, 4, 5, 7, 8}) {
        torch::manual_seed(static_cast<uint64_t>(bits));
        const torch::Tensor w = torch::randn({64, 16, 3, 3}) * 0.3;
        const DoReFaLevels lv = doReFaLevels(w, bits);
        const torch::Tensor model = doReFaQuantize(w, bits);
        const std::vector<float> mine = deploy::detail::doReFaModelValues(lv.scale, bits);
        QCOMPARE(static_cast<int>(mine.size()), (1 << bits));
        const torch::Tensor table =
            torch::from_blob(const_cast<float *>(mine.data()), {static_cast<int64_t>(mine.size())});
        const torch::Tensor engine = table.index({lv.levels.to(torch::kLong)});
        QVERIFY(torch::equal(engine, model));
        // Not the exact grid q s / L everywhere: the refinement is needed.
        const torch::Tensor grid = (lv.levels.to(torch::kDouble) * 2 - ((1 << bits) - 1)) *
                                   (static_cast<double>(lv.scale) / ((1 << bits) - 1));
        if (bits >= 3)
            QVERIFY(model.to(torch::kDouble).ne(grid).any().item<bool>());
    }
}

void TestIntEngine::rejectsBadFiles()
{
    ClassifierPtr model = makeModel("mnist-cnn", 4, 1);
    const Normalization norm = mnistNormalization();
    QTemporaryDir dir;
    const std::string good = dir.filePath("good.qlpack").toStdString();
    exportPackedModel(*model, good, &norm);
    std::ifstream in(good, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    QVERIFY(IntEngine::load(good) != nullptr);
    QVERIFY(deploy::readPackedFile(good).hasIntegrity);

    const auto write = [&](const std::string &name, const std::string &content) {
        const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << content;
        return path;
    };
    const auto expectError = [&](const std::string &path, const char *needle) {
        for (int loader = 0; loader < 2; ++loader) {
            try {
                if (loader == 0)
                    IntEngine::load(path);
                else
                    loadPackedModel(path, torch::kCPU);
                QFAIL(qPrintable(QStringLiteral("no error for ") + QString::fromStdString(path)));
            } catch (const std::runtime_error &e) {
                const std::string what = e.what();
                QVERIFY2(what.find(path) != std::string::npos, e.what());
                if (loader == 0)
                    QVERIFY2(what.find(needle) != std::string::npos, e.what());
            }
        }
    };
    // Truncated at several places: in the magic, the header, the data.
    expectError(write("t1", bytes.substr(0, 5)), "magic");
    expectError(write("t2", bytes.substr(0, 100)), "header length");
    expectError(write("t3", bytes.substr(0, bytes.size() - 10)), "CRC");
    // Foreign files.
    expectError(write("f1", "PK\x03\x04 a zip file, not a model"), "magic");
    expectError(write("f2", std::string(4096, '\0')), "magic");
    // One flipped bit in the data area (a weight), one changed digit in the header.
    std::string altered = bytes;
    altered[altered.size() - 300] = static_cast<char>(altered[altered.size() - 300] ^ 0x10);
    expectError(write("a1", altered), "CRC");
    altered = bytes;
    const size_t alphaPos = altered.find("\"alphaInit\":");
    QVERIFY(alphaPos != std::string::npos);
    altered[alphaPos + 12] = altered[alphaPos + 12] == '1' ? '2' : '1';
    expectError(write("a2", altered), "CRC");
    // Header not JSON.
    altered = bytes;
    altered[16] = '#';
    expectError(write("a3", altered), "bad header");
    expectError(dir.filePath("missing.qlpack").toStdString(), "cannot open");
}

void TestIntEngine::rejectsUnsupportedModels()
{
    QTemporaryDir dir;
    const Normalization norm = mnistNormalization();
    const auto expectError = [&](ClassifierImpl &model, const Normalization *n,
                                 const char *needle) {
        const std::string path = dir.filePath("u.qlpack").toStdString();
        exportPackedModel(model, path, n);
        try {
            IntEngine::load(path);
            QFAIL("no error");
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
        }
    };
    ClassifierPtr floatModel = makeModel("mnist-cnn", 32, 1);
    expectError(*floatModel, &norm, "float");
    ClassifierPtr floatEdges = makeModel("mnist-cnn", 4, 1);
    floatEdges->applyQuantConfig(bitsConfig(4, EdgeLayerPolicy::Float));
    expectError(*floatEdges, &norm, "float");
    ClassifierPtr lenet = makeModel("lenet5", 4, 1);
    expectError(*lenet, &norm, "not supported");
    ClassifierPtr noNorm = makeModel("mnist-cnn", 4, 1);
    expectError(*noNorm, nullptr, "normalisation");
    // ... which the caller may supply.
    const std::string path = dir.filePath("n.qlpack").toStdString();
    exportPackedModel(*noNorm, path);
    QVERIFY(IntEngine::load(path, norm.mean, norm.std) != nullptr);
}

QTEST_GUILESS_MAIN(TestIntEngine)
#include "tst_int_engine.moc"
