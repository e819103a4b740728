// SPDX-License-Identifier: MIT
// Cost of PACT + DoReFa quantization-aware training relative to float training, in one run:
// mnist-cnn, batch 128, 28x28, forward + cross-entropy + backward (no optimiser), for float,
// 8, 4 and 2 bits (edge layers at 8 bits). Also the latency of a post-training quantization
// preview (clone + 4 bits + alpha calibration on 2 batches), as the GUI uses it.
//
//   build/bench/bench_quant [threads=2] [steps=20] [device=cpu]
#include "core/models/classifier.h"
#include "core/quant/model_size.h"
#include "core/quant/pact_activation.h"
#include "core/quant/post_training.h"
#include "core/quant/weight_quantizer.h"
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

/// Wall-clock milliseconds of one call of `fn`.
double timeOnce(const std::function<void()> &fn, const c10::Device &device)
{
    const auto start = std::chrono::steady_clock::now();
    fn();
    sync(device);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

ClassifierPtr model(int bits, const c10::Device &device)
{
    ModelSpec spec; // mnist-cnn, 1x28x28
    spec.quant.weightBits = bits;
    spec.quant.activationBits = bits;
    torch::manual_seed(1);
    ClassifierPtr m = makeClassifier(spec);
    m->to(device);
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

        // Interleaved: every round times one step of each bit-width in turn, so that load
        // changes on a shared machine hit all of them alike; medians per bit-width.
        const std::vector<int> widths{32, 8, 4, 2};
        std::vector<ClassifierPtr> models;
        for (int bits : widths)
            models.push_back(model(bits, device));
        auto trainStep = [&](ClassifierImpl &m) {
            m.train();
            m.zero_grad();
            torch::nn::functional::cross_entropy(m.forward(x), y).backward();
        };
        auto evalStep = [&](ClassifierImpl &m) {
            m.eval();
            torch::NoGradGuard noGrad;
            m.forward(x);
        };
        std::vector<std::vector<double>> train(widths.size()), infer(widths.size());
        for (int round = -kWarmup; round < steps; ++round)
            for (size_t i = 0; i < models.size(); ++i) {
                const double t = timeOnce([&] { trainStep(*models[i]); }, device);
                const double e = timeOnce([&] { evalStep(*models[i]); }, device);
                if (round >= 0) {
                    train[i].push_back(t);
                    infer[i].push_back(e);
                }
            }
        std::printf("%-6s %14s %10s %14s %10s %12s %8s\n", "bits", "fwd+bwd ms", "ratio",
                    "eval fwd ms", "ratio", "size bytes", "BOPs/F");
        for (size_t i = 0; i < widths.size(); ++i) {
            const ModelSize size = computeModelSize(*models[i]);
            std::printf("%-6d %14.2f %10.2f %14.2f %10.2f %12lld %8.3f\n", widths[i],
                        median(train[i]), median(train[i]) / median(train[0]), median(infer[i]),
                        median(infer[i]) / median(infer[0]), static_cast<long long>(size.bytes),
                        static_cast<double>(size.bops) / static_cast<double>(size.floatBops));
        }

        // Components, same interleaving: activation on conv2's output shape, fwd + bwd.
        const torch::Tensor act = torch::randn({kBatch, 64, 24, 24}).to(device);
        const torch::Tensor fc1 = (torch::randn({128, 9216}) * 0.01).to(device);
        PactActivation pact(4, 3.0f);
        pact->to(device);
        std::vector<std::vector<double>> parts(3);
        for (int round = -kWarmup; round < steps; ++round) {
            const double relu = timeOnce(
                [&] {
                    torch::Tensor in = act.detach().requires_grad_(true);
                    at::relu(in).sum().backward();
                },
                device);
            const double pactTime = timeOnce(
                [&] {
                    torch::Tensor in = act.detach().requires_grad_(true);
                    pact(in).sum().backward();
                },
                device);
            const double weights = timeOnce(
                [&] {
                    torch::Tensor w = fc1.detach().requires_grad_(true);
                    doReFaQuantize(w, 4).sum().backward();
                },
                device);
            if (round >= 0) {
                parts[0].push_back(relu);
                parts[1].push_back(pactTime);
                parts[2].push_back(weights);
            }
        }
        std::printf("fwd+bwd on [128,64,24,24]: ReLU %.2f ms, PACT 4-bit %.2f ms; DoReFa 4-bit "
                    "on fc1's 9216x128 weights: %.2f ms\n",
                    median(parts[0]), median(parts[1]), median(parts[2]));

        ClassifierPtr trained = model(32, device);
        trained->eval();
        QuantConfig four;
        four.weightBits = 4;
        four.activationBits = 4;
        const std::vector<torch::Tensor> calibration{x, x.flip(0)};
        std::vector<double> ptqTimes;
        for (int i = 0; i < std::min(steps, 5); ++i)
            ptqTimes.push_back(timeOnce(
                [&] { quantizePostTraining(*trained, four, calibration, device); }, device));
        const double ptq = median(ptqTimes);
        std::printf("post-training 4-bit preview (clone + calibrate on 2x%lld): %.1f ms\n",
                    static_cast<long long>(kBatch), ptq);
        return 0;
    } catch (const std::exception &error) {
        std::fprintf(stderr, "bench_quant: %s\n", error.what());
        return 1;
    }
}
