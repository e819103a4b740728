// SPDX-License-Identifier: MIT
// CIFAR augmentation: every output is a pad-4 crop of its input, flipped or not; seeded.
#include "core/train/adadelta.h"
#include "core/train/augmentation.h"
#include "core/train/optimizer_factory.h"

#include <QTest>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/nn/module.h>

using namespace ql::core;

class TestAugmentation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cropsAndFlips();
    void deterministicForSeed();
    void adadeltaStepByHand();
    void alphaGroupHasItsOwnDecay();
};

void TestAugmentation::cropsAndFlips()
{
    const int64_t n = 64, c = 3, h = 6, w = 5, pad = 2;
    const torch::Tensor images =
        (torch::arange(n * c * h * w) % 250 + 1).to(torch::kByte).view({n, c, h, w});
    at::Generator gen = at::detail::createCPUGenerator(1);
    const torch::Tensor out = randomCropFlip(images, pad, gen);
    QCOMPARE(out.sizes(), images.sizes());
    QCOMPARE(out.scalar_type(), torch::kByte);
    const torch::Tensor padded = torch::constant_pad_nd(images, {pad, pad, pad, pad}, 0);
    int flipped = 0, shifted = 0;
    for (int64_t i = 0; i < n; ++i) {
        // Brute force: exactly which (dy, dx, flip) produced sample i?
        bool found = false;
        for (int64_t dy = 0; dy <= 2 * pad && !found; ++dy) {
            for (int64_t dx = 0; dx <= 2 * pad && !found; ++dx) {
                const torch::Tensor crop = padded[i].narrow(1, dy, h).narrow(2, dx, w);
                for (bool flip : {false, true}) {
                    if (torch::equal(out[i], flip ? crop.flip({2}) : crop)) {
                        found = true;
                        flipped += flip ? 1 : 0;
                        shifted += (dy != pad || dx != pad) ? 1 : 0;
                        break;
                    }
                }
            }
        }
        QVERIFY2(found, qPrintable(QString("sample %1 is not a crop of its input").arg(i)));
    }
    // Both flips and many offsets occur (64 samples: all-equal is vanishingly unlikely).
    QVERIFY(flipped > 10 && flipped < 54);
    QVERIFY(shifted > 32);
}

void TestAugmentation::deterministicForSeed()
{
    const torch::Tensor images = torch::randint(0, 255, {16, 1, 8, 8}).to(torch::kByte);
    at::Generator g1 = at::detail::createCPUGenerator(5), g2 = at::detail::createCPUGenerator(5);
    QVERIFY(torch::equal(randomCropFlip(images, 4, g1), randomCropFlip(images, 4, g2)));
}

void TestAugmentation::adadeltaStepByHand()
{
    // p = 1, grad = 2, rho 0.9, eps 1e-6, lr 1 (PyTorch's rule):
    // square_avg = 0.1 * 4 = 0.4; delta = sqrt(0 + 1e-6) / sqrt(0.4 + 1e-6) * 2
    //            = 0.001 / 0.632456384 * 2 = 0.00316227371; p = 0.99683772629.
    torch::Tensor p = torch::ones({1}, torch::kDouble).requires_grad_(true);
    Adadelta opt({torch::optim::OptimizerParamGroup({p})}, AdadeltaOptions(1.0));
    p.mutable_grad() = torch::full({1}, 2.0, torch::kDouble);
    opt.step();
    QVERIFY(std::abs(p.item<double>() - 0.99683772629) < 1e-10);
    // Second step, same gradient: square_avg = 0.9*0.4 + 0.4 = 0.76,
    // acc_delta = 0.1 * 0.00316227371^2 = 1.0e-6 (to 1e-12).
    const double acc = 0.1 * 0.00316227371 * 0.00316227371;
    const double delta2 = std::sqrt(acc + 1e-6) / std::sqrt(0.76 + 1e-6) * 2.0;
    opt.step();
    QVERIFY(std::abs(p.item<double>() - (0.99683772629 - delta2)) < 1e-9);
    // torch.optim.Adadelta(lr=1) on /usr/bin/python3 (torch 1.13) gives the same two values.
    QVERIFY(std::abs(p.item<double>() - 0.9935933020323083) < 1e-12);
}

void TestAugmentation::alphaGroupHasItsOwnDecay()
{
    struct Net : torch::nn::Module {
        Net()
        {
            weight = register_parameter("weight", torch::full({2}, 1.0f));
            alpha = register_parameter("act_alpha", torch::full({1}, 4.0f));
        }
        torch::Tensor weight, alpha;
    } net;
    const ParameterGroups groups = splitParameters(net);
    QCOMPARE(groups.weights.size(), size_t(1));
    QCOMPARE(groups.alphas.size(), size_t(1));
    OptimizerConfig c;
    c.name = "sgd";
    c.momentum = 0.0;
    c.learningRate = 0.1;
    c.weightDecay = 0.0;
    c.alphaDecay = 0.5;
    auto opt = makeOptimizer(c, groups);
    QCOMPARE(opt->param_groups().size(), size_t(2));
    net.weight.mutable_grad() = torch::zeros({2});
    net.alpha.mutable_grad() = torch::zeros({1});
    opt->step();
    // Zero gradients: only the decay moves: alpha = 4 - 0.1 * 0.5 * 4 = 3.8; weights stay.
    QCOMPARE(net.alpha.item<float>(), 3.8f);
    QVERIFY(torch::equal(net.weight, torch::full({2}, 1.0f)));
    setLearningRate(*opt, 0.01);
    for (auto &g : opt->param_groups())
        QCOMPARE(g.options().get_lr(), 0.01);
}

QTEST_GUILESS_MAIN(TestAugmentation)
#include "tst_augmentation.moc"
