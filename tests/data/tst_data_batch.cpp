// SPDX-License-Identifier: MIT
// Batch gathering and normalisation against hand-computed values.
#include "core/data/batch.h"
#include "core/data/normalization.h"

#include <QTest>

#include <algorithm>

using namespace ql::core;

namespace {

/// 4 images of 2 channels, 1x2 pixels: image i, channel c, pixel p = 10*i + 100*c + p.
Dataset tinySet()
{
    Dataset d;
    d.name = "tiny";
    d.images = torch::empty({4, 2, 1, 2}, torch::kUInt8);
    for (int i = 0; i < 4; ++i)
        for (int c = 0; c < 2; ++c)
            for (int p = 0; p < 2; ++p)
                d.images[i][c][0][p] = 10 * i + 100 * c + p;
    d.labels = torch::tensor({5, 6, 7, 8}, torch::kInt64);
    d.classNames = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
    return d;
}

} // namespace

class TestDataBatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void balancedSubsetTakesEveryClass()
    {
        // An image-folder order: class 0 x4, class 1 x3, class 2 x2; image i holds value i.
        Dataset d;
        d.name = "sorted";
        d.labels = torch::tensor({0, 0, 0, 0, 1, 1, 1, 2, 2}, torch::kInt64);
        d.images = torch::arange(9, torch::kUInt8).view({9, 1, 1, 1});
        d.classNames = {"a", "b", "c"};
        // 5: first of each class (0, 4, 7), then second of classes 0 and 1 (1, 5); sorted.
        const Dataset s = balancedSubset(d, 5);
        QCOMPARE(s.size(), int64_t{5});
        QVERIFY(torch::equal(s.images.flatten(), torch::tensor({0, 1, 4, 5, 7}, torch::kUInt8)));
        QVERIFY(torch::equal(s.labels, torch::tensor({0, 0, 1, 1, 2}, torch::kInt64)));
        // 8: class 2 runs out after two; the rest are filled from the others.
        const Dataset t = balancedSubset(d, 8);
        QVERIFY(torch::equal(t.labels.bincount(), torch::tensor({3, 3, 2}, torch::kInt64)));
        // No limit, or a limit beyond the size: everything, as it was.
        QCOMPARE(balancedSubset(d, 0).size(), int64_t{9});
        QCOMPARE(balancedSubset(d, 100).size(), int64_t{9});
        // The interleaving itself, by hand: ranks 0 (0, 4, 7), 1 (1, 5, 8), 2 (2, 6), 3 (3).
        const std::vector<int64_t> order = balancedOrder(d.labels);
        QCOMPARE(order, (std::vector<int64_t>{0, 4, 7, 1, 5, 8, 2, 6, 3}));
        // Every prefix is the balanced subset of that size (nested subsets).
        for (int64_t n = 1; n <= 9; ++n) {
            std::vector<int64_t> prefix(order.begin(), order.begin() + n);
            std::sort(prefix.begin(), prefix.end());
            const torch::Tensor images = balancedSubset(d, n).images.flatten().to(torch::kInt64);
            QVERIFY(torch::equal(images, torch::tensor(prefix, torch::kInt64)));
        }
    }
    void gatherNormalises()
    {
        const Dataset d = tinySet();
        const Normalization norm{{0.5f, 0.25f}, {0.5f, 0.125f}};
        const torch::Tensor idx = torch::tensor({3, 1}, torch::kInt64);
        const torch::Tensor x = gatherImages(d, idx, norm, torch::kCPU);
        QCOMPARE(x.sizes().vec(), (std::vector<int64_t>{2, 2, 1, 2}));
        QCOMPARE(x.scalar_type(), torch::kFloat32);
        // image 3, channel 1, pixel 1: value 131 -> (131/255 - 0.25) / 0.125 = 2.109804
        QVERIFY(std::abs(x[0][1][0][1].item<float>() - 2.109804f) < 1e-5f);
        // image 1, channel 0, pixel 0: value 10 -> (10/255 - 0.5) / 0.5 = -0.921569
        QVERIFY(std::abs(x[1][0][0][0].item<float>() + 0.921569f) < 1e-5f);
        const torch::Tensor y = gatherLabels(d, torch::tensor({3, 1}, torch::kInt32), torch::kCPU);
        QCOMPARE(y.scalar_type(), torch::kInt64);
        QCOMPARE(y[0].item<int64_t>(), 8);
        QCOMPARE(y[1].item<int64_t>(), 6);
        QCOMPARE(gatherImages(d, torch::empty({0}, torch::kInt64), norm, torch::kCPU).size(0), 0);
    }

    void rejectsBadArguments()
    {
        const Dataset d = tinySet();
        const Normalization norm{{0.5f, 0.5f}, {0.5f, 0.5f}};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 gatherImages(d, torch::tensor({0, 4}), norm, torch::kCPU));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 gatherLabels(d, torch::tensor({-1}), torch::kCPU));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            gatherImages(d, torch::tensor({0}), mnistNormalization(), torch::kCPU));
    }

    void computedNormalisation()
    {
        // channel 0 pixels: 0,1,10,11,20,21,30,31; channel 1: +100. Mean and population std by
        // hand: mean0 = 124/8 = 15.5, E[x^2] = (0+1+100+121+400+441+900+961)/8 = 365.5, var0 =
        // 365.5 - 240.25 = 125.25 -> std 11.19151 ; channel 1: mean 115.5, same std.
        const Normalization n = computeNormalization(tinySet());
        QCOMPARE(n.mean.size(), size_t(2));
        QVERIFY(std::abs(n.mean[0] - 15.5f / 255.0f) < 1e-6f);
        QVERIFY(std::abs(n.mean[1] - 115.5f / 255.0f) < 1e-6f);
        QVERIFY(std::abs(n.std[0] - 11.19151f / 255.0f) < 1e-6f);
        QVERIFY(std::abs(n.std[1] - 11.19151f / 255.0f) < 1e-6f);
        Dataset flat = tinySet();
        flat.images.fill_(7);
        QCOMPARE(computeNormalization(flat).std[0], 1.0f); // constant data: no division by 0
    }

    void constants()
    {
        QCOMPARE(mnistNormalization().mean, std::vector<float>{0.1307f});
        QCOMPARE(fashionMnistNormalization().std, std::vector<float>{0.3530f});
        QCOMPARE(cifar10Normalization().mean, (std::vector<float>{0.4914f, 0.4822f, 0.4465f}));
        QCOMPARE(cifar10Normalization().std, (std::vector<float>{0.2470f, 0.2435f, 0.2616f}));
    }
};

QTEST_GUILESS_MAIN(TestDataBatch)
#include "tst_data_batch.moc"
