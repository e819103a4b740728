// SPDX-License-Identifier: MIT
// Cost of a saliency-guided training step relative to a plain step of the same model, in one
// run: mnist-cnn, batch 128, 28x28, Adadelta, 2 threads by default (argv[1] = threads,
// argv[2] = steps). Prints median milliseconds per step and the ratios.
//
//   build/bench/bench_sgt [threads] [steps]
#include "core/models/classifier.h"
#include "core/runtime.h"
#include "core/train/optimizer_factory.h"
#include "core/train/saliency_guided_loss.h"

#include <torch/autograd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace ql::core;

namespace {

constexpr int64_t kBatch = 128;
constexpr int kWarmup = 3;

struct Setup {
    ClassifierPtr model;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    std::vector<torch::Tensor> parameters;
};

Setup makeSetup(int bits)
{
    ModelSpec spec;
    spec.arch = "mnist-cnn";
    spec.quant.weightBits = bits;
    spec.quant.activationBits = bits;
    torch::manual_seed(1);
    Setup s;
    s.model = makeClassifier(spec);
    s.model->train();
    const ParameterGroups groups = splitParameters(*s.model);
    s.parameters = groups.weights;
    s.parameters.insert(s.parameters.end(), groups.alphas.begin(), groups.alphas.end());
    OptimizerConfig oc; // adadelta, lr 1
    s.optimizer = makeOptimizer(oc, groups);
    return s;
}

/// Median wall-clock milliseconds of `steps` training steps with loss `loss`.
double timeSteps(Setup &s, const SaliencyGuidedLoss &loss, const torch::Tensor &x,
                 const torch::Tensor &y, int steps)
{
    auto forward = [&](const torch::Tensor &in) { return s.model->forward(in); };
    auto step = [&] {
        s.optimizer->zero_grad();
        const SgtLossResult r = loss.compute(forward, *s.model, x, y);
        torch::autograd::backward({r.loss}, {}, c10::nullopt, false, s.parameters);
        s.optimizer->step();
        (void)r.loss.item<float>(); // the trainer reads the loss every batch
    };
    for (int i = 0; i < kWarmup; ++i)
        step();
    std::vector<double> ms;
    for (int i = 0; i < steps; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        step();
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
    const int steps = argc > 2 ? std::max(3, std::atoi(argv[2])) : 20;
    configureThreads(threads);
    std::printf("%s\n", torchBuildSummary().c_str());
    std::printf("mnist-cnn, batch %lld, %d threads, median of %d steps\n",
                static_cast<long long>(kBatch), threads, steps);
    torch::manual_seed(2);
    const torch::Tensor x = torch::randn({kBatch, 1, 28, 28});
    const torch::Tensor y = torch::randint(0, 10, {kBatch}, torch::kLong);

    SgtConfig plain; // disabled: cross-entropy only
    SgtConfig sgt;
    sgt.enabled = true;
    SgtConfig reference = sgt;
    reference.separateSaliencyPass = true;

    struct Row {
        const char *name;
        double ms;
    };
    std::vector<Row> rows;
    double plainFloat = 0, sgtFloat = 0, plain4 = 0, sgt4 = 0, ref4 = 0, refFloat = 0;
    {
        Setup s = makeSetup(kFloatBits);
        plainFloat = timeSteps(s, SaliencyGuidedLoss(plain), x, y, steps);
        sgtFloat = timeSteps(s, SaliencyGuidedLoss(sgt), x, y, steps);
        refFloat = timeSteps(s, SaliencyGuidedLoss(reference), x, y, steps);
    }
    {
        Setup s = makeSetup(4);
        plain4 = timeSteps(s, SaliencyGuidedLoss(plain), x, y, steps);
        sgt4 = timeSteps(s, SaliencyGuidedLoss(sgt), x, y, steps);
        ref4 = timeSteps(s, SaliencyGuidedLoss(reference), x, y, steps);
    }
    std::printf("ms_per_plain_step_float %.2f\n", plainFloat);
    std::printf("ms_per_sgt_step_float %.2f\n", sgtFloat);
    std::printf("ms_per_sgt_reference_step_float %.2f\n", refFloat);
    std::printf("ms_per_plain_step_pact4 %.2f\n", plain4);
    std::printf("ms_per_sgt_step_pact4 %.2f\n", sgt4);
    std::printf("ms_per_sgt_reference_step_pact4 %.2f\n", ref4);
    std::printf("ratio_sgt_over_plain_float %.2f (target <= 2.5)\n", sgtFloat / plainFloat);
    std::printf("ratio_sgt_over_plain_pact4 %.2f (target <= 2.5)\n", sgt4 / plain4);
    std::printf("ratio_sgt_reference_over_plain_float %.2f\n", refFloat / plainFloat);
    std::printf("ratio_sgt_reference_over_plain_pact4 %.2f\n", ref4 / plain4);
    std::printf("cpp_ms_per_sgt_pact4_step %.2f\n", sgt4);
    return 0;
}
