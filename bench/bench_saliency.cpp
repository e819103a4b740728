// SPDX-License-Identifier: MIT
// Saliency speed figures (issue 4's targets), core only: no Qt, no OpenCV.
//   bench_saliency [--mnist-dir DIR] [--threads N] [--images N] [--device cpu|cuda]
//                  [--study-eval]
// 1. vanilla-gradient maps of one 28x28 image for two models (float and PACT 4-bit mnist-cnn);
// 2. SmoothGrad with 25 samples of one image, per model;
// 3. modification-based evaluation of 10,000 images at 10 levels (salient, and salient + random).
// --study-eval instead: the bit-width study's evaluation of one configuration (issue 9) on
// --images class-balanced images (use 1000): the maps that explain the labels computed by each
// metric (Gini, modification curves, agreement with the float model) or once and shared, as
// StudyRunner::evaluateCell does; then deletion/insertion (28 steps) at 50, 100 (default) and
// 200 images per batch.
// Models have random weights (speed does not depend on them); images are the MNIST test set when
// --mnist-dir is given, else random.
#include "core/data/batch.h"
#include "core/data/idx_reader.h"
#include "core/metrics/agreement.h"
#include "core/metrics/dataset_scores.h"
#include "core/metrics/deletion_insertion.h"
#include "core/metrics/modification_eval.h"
#include "core/models/classifier.h"
#include "core/runtime.h"
#include "core/saliency/saliency.h"

#include <torch/types.h>
#include <torch/utils.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <string>
#include <vector>

using namespace ql::core;
using Clock = std::chrono::steady_clock;

namespace {

/// Median-free simple timing: mean milliseconds over `repeats` after `warmup` calls.
double meanMs(int warmup, int repeats, const std::function<void()> &fn)
{
    for (int i = 0; i < warmup; ++i)
        fn();
    const auto start = Clock::now();
    for (int i = 0; i < repeats; ++i)
        fn();
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count() / repeats;
}

ClassifierPtr mnistCnn(int bits, const c10::Device &device)
{
    ModelSpec spec;
    spec.arch = "mnist-cnn";
    spec.quant.weightBits = bits;
    spec.quant.activationBits = bits;
    auto model = cloneClassifier(*makeClassifier(spec), device);
    model->eval();
    return model;
}

const char *verdict(double value, double target)
{
    return value < target ? "OK" : "MISSED";
}

double seconds(const std::function<void()> &fn)
{
    const auto start = Clock::now();
    fn();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// --study-eval: one configuration's evaluation in the study, before and after shared maps.
void studyEvaluation(const Dataset &test, const Normalization &norm, const c10::Device &device)
{
    auto model = mnistCnn(4, device);
    auto reference = mnistCnn(kFloatBits, device);
    const SaliencyOptions so;
    ModificationOptions mod;
    const double separate = seconds([&] {
        mapQuality(*model, test, norm, so, 0, 250);
        modificationEvaluation(*model, test, norm, mod);
        std::vector<double> rho;
        datasetAgreement(*reference, *model, test, norm, so, 0, 0.1, 250, nullptr, &rho);
    });
    torch::Tensor referenceMaps;
    const double referenceOnce = seconds([&] {
        referenceMaps = mapQuality(*reference, test, norm, so, 0, 250, nullptr, true).maps;
    });
    const double shared = seconds([&] {
        const MapQuality q = mapQuality(*model, test, norm, so, 0, 250, nullptr, true);
        mod.maps = q.maps;
        modificationEvaluation(*model, test, norm, mod);
        std::vector<double> rho;
        for (int64_t i = 0; i < q.maps.size(0); ++i)
            rho.push_back(agreementScores(referenceMaps[i], q.maps[i], 0.1).spearman);
    });
    std::printf("Gini + modification + agreement, separate passes: %7.2f s\n", separate);
    std::printf("Gini + modification + agreement, shared maps:     %7.2f s  (%.2fx faster; the "
                "float model's maps, once per seed: %.2f s)\n",
                shared, separate / shared, referenceOnce);
    std::vector<double> times;
    for (int64_t batch : {50, 100, 200}) {
        DeletionInsertionOptions del;
        del.batchSize = batch;
        times.push_back(seconds([&] { deletionInsertion(*model, test, norm, del); }));
        std::printf("deletion/insertion, 28 steps, %3lld images per batch: %7.2f s\n",
                    static_cast<long long>(batch), times.back());
    }
    std::printf("deletion/insertion time relative to 100 per batch: 50 -> %.2f, 200 -> %.2f\n",
                times[0] / times[1], times[2] / times[1]);
}

} // namespace

int main(int argc, char **argv)
{
    std::string mnistDir;
    std::string deviceName = "cpu";
    int threads = 2;
    int64_t images = 10000;
    bool studyEval = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--mnist-dir")
            mnistDir = next();
        else if (arg == "--threads")
            threads = std::atoi(next().c_str());
        else if (arg == "--images")
            images = std::atoll(next().c_str());
        else if (arg == "--device")
            deviceName = next();
        else if (arg == "--study-eval")
            studyEval = true;
        else {
            std::fprintf(stderr,
                         "usage: bench_saliency [--mnist-dir DIR] [--threads N] [--images N] "
                         "[--device cpu|cuda] [--study-eval]\n");
            return 2;
        }
    }
    try {
        configureThreads(threads);
        torch::manual_seed(0);
        const c10::Device device = parseDevice(deviceName);
        std::printf("bench_saliency: %s, device %s\n", torchBuildSummary().c_str(),
                    device.str().c_str());

        Dataset test;
        Normalization norm{{0.1307f}, {0.3081f}};
        if (!mnistDir.empty()) {
            test = loadMnistStyle(mnistDir).test;
            std::printf("data: MNIST test set from %s (%lld images)\n", mnistDir.c_str(),
                        static_cast<long long>(test.size()));
        } else {
            test.name = "random";
            test.images = torch::randint(0, 256, {images, 1, 28, 28}, torch::kUInt8);
            test.labels = torch::randint(0, 10, {images}, torch::kLong);
            test.classNames = std::vector<std::string>(10, "c");
            std::printf("data: %lld random 28x28 images (pass --mnist-dir for MNIST)\n",
                        static_cast<long long>(images));
        }
        if (studyEval) {
            studyEvaluation(balancedSubset(test, images), norm, device);
            return 0;
        }
        auto floatModel = mnistCnn(kFloatBits, device);
        auto quantModel = mnistCnn(4, device);
        const auto one = toModelInput(test.images.slice(0, 0, 1), norm, device);

        // 1. Vanilla gradient, one image, both models.
        SaliencyOptions gradient;
        const double gradMs = meanMs(5, 50, [&] {
            computeSaliency(*floatModel, one, gradient);
            computeSaliency(*quantModel, one, gradient);
        });
        std::printf("gradient map, 1 image, float + 4-bit models: %8.2f ms  (target < 10 ms: %s)\n",
                    gradMs, verdict(gradMs, 10.0));

        // 2. SmoothGrad, 25 samples, one image.
        SaliencyOptions smooth;
        smooth.method = SaliencyMethod::SmoothGrad;
        smooth.smoothGradSamples = 25;
        const double smoothFloat =
            meanMs(2, 20, [&] { computeSaliency(*floatModel, one, smooth); });
        const double smoothQuant =
            meanMs(2, 20, [&] { computeSaliency(*quantModel, one, smooth); });
        std::printf(
            "SmoothGrad 25 samples, 1 image, float model: %8.2f ms  (target < 100 ms: %s)\n",
            smoothFloat, verdict(smoothFloat, 100.0));
        std::printf(
            "SmoothGrad 25 samples, 1 image, 4-bit model: %8.2f ms  (target < 100 ms: %s)\n",
            smoothQuant, verdict(smoothQuant, 100.0));

        // 3. Modification-based evaluation at t = 0..90%.
        ModificationOptions mod;
        mod.includeRandom = false;
        auto start = Clock::now();
        auto r = modificationEvaluation(*floatModel, test, norm, mod);
        const double salientOnly = std::chrono::duration<double>(Clock::now() - start).count();
        std::printf("modification eval, %lld images x 10 levels, float, salient only: %7.2f s  "
                    "(target < 60 s: %s)\n",
                    static_cast<long long>(r.images), salientOnly, verdict(salientOnly, 60.0));
        mod.includeRandom = true;
        start = Clock::now();
        r = modificationEvaluation(*floatModel, test, norm, mod);
        const double withRandom = std::chrono::duration<double>(Clock::now() - start).count();
        std::printf("modification eval, %lld images x 10 levels, float, salient + random: %7.2f s  "
                    "(target < 60 s: %s)\n",
                    static_cast<long long>(r.images), withRandom, verdict(withRandom, 60.0));
        mod.includeRandom = false;
        start = Clock::now();
        r = modificationEvaluation(*quantModel, test, norm, mod);
        const double quantSalient = std::chrono::duration<double>(Clock::now() - start).count();
        std::printf("modification eval, %lld images x 10 levels, 4-bit, salient only: %7.2f s  "
                    "(target < 60 s: %s)\n",
                    static_cast<long long>(r.images), quantSalient, verdict(quantSalient, 60.0));
        std::printf(
            "ratios: smoothgrad25 / gradient(1 model) = %.1f; random baseline costs %.2fx\n",
            smoothFloat / (gradMs / 2.0), withRandom / salientOnly);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_saliency: %s\n", e.what());
        return 1;
    }
    return 0;
}
