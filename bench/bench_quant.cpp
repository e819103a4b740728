// SPDX-License-Identifier: MIT
// Cost of PACT + DoReFa quantization-aware training relative to float training, in one run:
// mnist-cnn, batch 128, 28x28, forward + cross-entropy + backward (no optimiser), for float,
// 8, 4 and 2 bits (edge layers at 8 bits). Also the latency of a post-training quantization
// preview (clone + 4 bits + alpha calibration on 2 batches), as the GUI uses it.
//
//   build/bench/bench_quant [threads=2] [steps=20] [device=cpu]
#include "core/models/classifier.h"
#include "core/quant/model_size.h"
#include "core/quant/post_training.h"
#include "core/runtime.h"

#include <torch/cuda.h>
#include <torch/nn/functional/loss.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

using namespace ql::core;

namespace {

constexpr int64_t kBatch = 128;
constexpr int kWarmup = 3;

void sync(const c10::Device &device)
{
    if (device.is_cuda())
        torch::cuda::synchronize();
}

/// Median wall-clock milliseconds of `steps` calls of `fn`, after a warm-up.
double medianMs(const std::function<void()> &fn, int steps, const c10::Device &device)
{
    for (int i = 0; i < kWarmup; ++i)
        fn();
    sync(device);
    std::vector<double> times;
    for (int i = 0; i < steps; ++i) {
        const auto start = std::chrono::steady_clock::now();
        fn();
        sync(device);
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

ClassifierPtr model(int bits, const c10::Device &device)
{
    ModelSpec spec; // mnist-cnn, 1x28x28
    spec.quant.weightBits = bits;
    spec.quant.activationBits = bits;
    torch::manual_seed(1);
    ClassifierPtr m = makeClassifier(spec);
    m->to(device);
    m->train();
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    try {
        const int threads = configureThreads(argc > 1 ? std::atoi(argv[1]) : 2);
        const int steps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;
        const c10::Device device = parseDevice(argc > 3 ? argv[3] : "cpu");
        std::printf("bench_quant: mnist-cnn, batch %lld, %d threads, %d steps, %s\n%s\n",
                    static_cast<long long>(kBatch), threads, steps, device.str().c_str(),
                    torchBuildSummary().c_str());
        torch::manual_seed(2);
        const torch::Tensor x = torch::randn({kBatch, 1, 28, 28}).to(device);
        const torch::Tensor y = torch::randint(0, 10, {kBatch}, torch::kLong).to(device);

        double floatTrain = 0.0, floatInfer = 0.0;
        std::printf("%-6s %14s %10s %14s %10s %12s %8s\n", "bits", "fwd+bwd ms", "ratio",
                    "eval fwd ms", "ratio", "size bytes", "BOPs/F");
        for (int bits : {32, 8, 4, 2}) {
            ClassifierPtr m = model(bits, device);
            const double train = medianMs(
                [&] {
                    m->zero_grad();
                    torch::nn::functional::cross_entropy(m->forward(x), y).backward();
                },
                steps, device);
            m->eval();
            const double infer = medianMs(
                [&] {
                    torch::NoGradGuard noGrad;
                    m->forward(x);
                },
                steps, device);
            if (bits == 32) {
                floatTrain = train;
                floatInfer = infer;
            }
            const ModelSize size = computeModelSize(*m);
            std::printf("%-6d %14.2f %10.2f %14.2f %10.2f %12lld %8.3f\n", bits, train,
                        train / floatTrain, infer, infer / floatInfer,
                        static_cast<long long>(size.bytes),
                        static_cast<double>(size.bops) / static_cast<double>(size.floatBops));
        }

        ClassifierPtr trained = model(32, device);
        trained->eval();
        QuantConfig four;
        four.weightBits = 4;
        four.activationBits = 4;
        const std::vector<torch::Tensor> calibration{x, x.flip(0)};
        const double ptq =
            medianMs([&] { quantizePostTraining(*trained, four, calibration, device); },
                     std::min(steps, 5), device);
        std::printf("post-training 4-bit preview (clone + calibrate on 2x%lld): %.1f ms\n",
                    static_cast<long long>(kBatch), ptq);
        return 0;
    } catch (const std::exception &error) {
        std::fprintf(stderr, "bench_quant: %s\n", error.what());
        return 1;
    }
}
