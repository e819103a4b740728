// SPDX-License-Identifier: MIT
// What deployment gains, in one run on one thread: for mnist-cnn and resnet20 at 8/4/2 bits
// (edge layers at 8 bits), the file size on disk (float torch::save archive, float and
// quantized QLPACK), and the latency of one image and of a batch of 64 for float LibTorch,
// fake-quantized LibTorch (weights quantized once, cached) and the integer engine, with the
// ratios against float LibTorch. Rounds interleave the three engines (load changes on a shared
// machine hit all alike); figures are medians.
//
//   build/bench/bench_deploy [rounds=30] [batch-rounds=5]
#include "core/data/normalization.h"
#include "core/deploy/int_engine.h"
#include "core/deploy/int_kernels.h"
#include "core/quant/packed_export.h"
#include "core/quant/post_training.h"
#include "core/quant/quant_layers.h"
#include "core/runtime.h"

#include <torch/serialize.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <unistd.h>

using namespace ql::core;

namespace {

double timeMs(const std::function<void()> &fn)
{
    const auto start = std::chrono::steady_clock::now();
    fn();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

ClassifierPtr makeModel(const std::string &arch, int bits)
{
    ModelSpec spec;
    spec.arch = arch;
    spec.inChannels = arch == "resnet20" ? 3 : 1;
    spec.imageSize = arch == "resnet20" ? 32 : 28;
    spec.quant.weightBits = bits;
    spec.quant.activationBits = bits;
    torch::manual_seed(1);
    ClassifierPtr m = makeClassifier(spec);
    m->eval();
    return m;
}

/// The near-tie refinement's share of a model's work.
struct Refinement {
    std::string arch;
    int bits = 0;
    double perImage = 0.0; ///< pre-activations recomputed per image
    double single = 0.0;   ///< median time with / without it, one image
    double batch = 0.0;    ///< the same, 64 images
};

int64_t fileSize(const std::string &path)
{
    return static_cast<int64_t>(std::filesystem::file_size(path));
}

} // namespace

int main(int argc, char **argv)
{
    try {
        const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 30;
        const int batchRounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
        configureThreads(1);
        const std::filesystem::path dir =
            std::filesystem::temp_directory_path() / ("bench_deploy_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        std::printf("bench_deploy: 1 thread, %d rounds (single image), %d rounds (batch 64), "
                    "integer GEMM: %s\n%s\n",
                    rounds, batchRounds,
                    deploy::int_kernels::isaName(deploy::int_kernels::activeIsa()),
                    torchBuildSummary().c_str());
        std::printf("%-10s %4s | %9s %9s %9s %6s | %8s %8s %8s %6s %6s | %8s %8s %8s %6s %6s\n",
                    "model", "bits", "pt bytes", "fpack", "qpack", "x", "1:float", "fake", "int",
                    "fake/f", "int/f", "64:float", "fake", "int", "fake/f", "int/f");
        std::vector<Refinement> refinements;
        for (const std::string arch : {"mnist-cnn", "resnet20"}) {
            const Normalization norm =
                arch == "resnet20" ? cifar10Normalization() : mnistNormalization();
            ClassifierPtr floatModel = makeModel(arch, kFloatBits);
            const int64_t c = floatModel->spec().inChannels, s = floatModel->spec().imageSize;
            torch::manual_seed(2);
            const torch::Tensor pixels =
                torch::randint(0, 256, {64, c, s, s}, torch::kLong).to(torch::kUInt8).contiguous();
            const torch::Tensor x = normalizeImages(pixels, norm);
            const std::string ptPath = (dir / (arch + ".pt")).string();
            torch::save(floatModel, ptPath);
            const std::string floatPack = (dir / (arch + "-float.qlpack")).string();
            exportPackedModel(*floatModel, floatPack, &norm);
            for (int bits : {8, 4, 2}) {
                ClassifierPtr fake = makeModel(arch, bits);
                calibratePactAlphas(*fake, {x});
                setInferenceCache(*fake, true);
                const std::string packPath =
                    (dir / (arch + "-" + std::to_string(bits) + ".qlpack")).string();
                exportPackedModel(*fake, packPath, &norm);
                const auto engine = deploy::IntEngine::load(packPath);
                std::vector<float> logits(64 * 10);
                const torch::Tensor one = x.narrow(0, 0, 1).contiguous();
                const uint8_t *onePixels = pixels.data_ptr<uint8_t>();
                torch::NoGradGuard noGrad;
                // t[3]: the integer engine without its near-tie refinement (its cost).
                std::vector<double> t1[4], t64[4];
                const auto unrefined = [&](auto &&run) {
                    deploy::detail::setNearTieRefinement(false);
                    const double ms = timeMs(run);
                    deploy::detail::setNearTieRefinement(true);
                    return ms;
                };
                for (int r = -3; r < rounds; ++r) {
                    const double a = timeMs([&] { floatModel->forward(one); });
                    const double b = timeMs([&] { fake->forward(one); });
                    // With and without the refinement in alternating order: the first of them
                    // finds the caches as LibTorch's run left them.
                    const auto single = [&] { engine->forwardPixels(onePixels, 1, logits.data()); };
                    double e = 0.0, u = 0.0;
                    if (r % 2 == 0) {
                        e = timeMs(single);
                        u = unrefined(single);
                    } else {
                        u = unrefined(single);
                        e = timeMs(single);
                    }
                    if (r >= 0) {
                        t1[0].push_back(a);
                        t1[1].push_back(b);
                        t1[2].push_back(e);
                        t1[3].push_back(u);
                    }
                }
                for (int r = -1; r < batchRounds; ++r) {
                    const double a = timeMs([&] { floatModel->forward(x); });
                    const double b = timeMs([&] { fake->forward(x); });
                    const auto batch = [&] {
                        engine->forwardPixels(pixels.data_ptr<uint8_t>(), 64, logits.data());
                    };
                    double e = 0.0, u = 0.0;
                    if (r % 2 == 0) {
                        e = timeMs(batch);
                        u = unrefined(batch);
                    } else {
                        u = unrefined(batch);
                        e = timeMs(batch);
                    }
                    if (r >= 0) {
                        t64[0].push_back(a);
                        t64[1].push_back(b);
                        t64[2].push_back(e);
                        t64[3].push_back(u);
                    }
                }
                deploy::IntTrace trace;
                engine->forwardPixels(pixels.data_ptr<uint8_t>(), 64, logits.data(), &trace);
                refinements.push_back({arch, bits, static_cast<double>(trace.refined) / 64.0,
                                       median(t1[2]) / median(t1[3]),
                                       median(t64[2]) / median(t64[3])});
                const double f1 = median(t1[0]), f64 = median(t64[0]);
                std::printf("%-10s %4d | %9lld %9lld %9lld %6.1f | %8.3f %8.3f %8.3f %6.2f %6.2f | "
                            "%8.2f %8.2f %8.2f %6.2f %6.2f\n",
                            arch.c_str(), bits, static_cast<long long>(fileSize(ptPath)),
                            static_cast<long long>(fileSize(floatPack)),
                            static_cast<long long>(fileSize(packPath)),
                            static_cast<double>(fileSize(floatPack)) /
                                static_cast<double>(fileSize(packPath)),
                            f1, median(t1[1]), median(t1[2]), median(t1[1]) / f1,
                            median(t1[2]) / f1, f64, median(t64[1]), median(t64[2]),
                            median(t64[1]) / f64, median(t64[2]) / f64);
                std::fflush(stdout);
            }
        }
        std::printf("sizes in bytes: pt = torch::save of the float model, fpack / qpack = QLPACK "
                    "float32 / quantized, x = fpack / qpack; latencies in ms (median), ratios "
                    "against float LibTorch (< 1: faster)\n");
        std::printf("near-tie refinement of the integer engine (docs/DEPLOYMENT.md): "
                    "pre-activations recomputed per image, and the time with it / without it\n");
        for (const Refinement &r : refinements)
            std::printf("%-10s %4d | %8.1f per image | 1 image %.3f, 64 images %.3f\n",
                        r.arch.c_str(), r.bits, r.perImage, r.single, r.batch);
        std::filesystem::remove_all(dir);
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_deploy: %s\n", e.what());
        return 1;
    }
}
