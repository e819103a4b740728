// SPDX-License-Identifier: MIT
// Cost of a saliency-guided training step relative to a plain step of the same model, in one
// run: mnist-cnn, batch 128, 28x28, Adadelta, 2 threads by default (argv[1] = threads,
// argv[2] = steps). Prints median (and minimum) milliseconds per step and the ratios.
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

/// One training step with loss `loss`, in milliseconds.
double timeStep(Setup &s, const SaliencyGuidedLoss &loss, const torch::Tensor &x,
                const torch::Tensor &y)
{
    auto forward = [&](const torch::Tensor &in) { return s.model->forward(in); };
    const auto t0 = std::chrono::steady_clock::now();
    s.optimizer->zero_grad();
    const SgtLossResult r = loss.compute(forward, *s.model, x, y);
    torch::autograd::backward({r.loss}, {}, c10::nullopt, false, s.parameters);
    s.optimizer->step();
    (void)r.loss.item<float>(); // the trainer reads the loss every batch
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double minimum(const std::vector<double> &v)
{
    return *std::min_element(v.begin(), v.end());
}

/// Plain, SGT and reference-SGT steps interleaved round by round, so that a load change on
/// a shared machine hits all three alike; the ratios are medians of per-round ratios.
struct Timing {
    std::vector<double> plain, sgt, reference, ratio, referenceRatio;
};

Timing measure(int bits, const torch::Tensor &x, const torch::Tensor &y, int steps)
{
    Setup s = makeSetup(bits);
    SgtConfig plainConfig; // disabled: cross-entropy only
    SgtConfig sgtConfig;
    sgtConfig.enabled = true;
    SgtConfig referenceConfig = sgtConfig;
    referenceConfig.separateSaliencyPass = true;
    const SaliencyGuidedLoss plain(plainConfig), sgt(sgtConfig), reference(referenceConfig);
    for (int i = 0; i < kWarmup; ++i) {
        timeStep(s, plain, x, y);
        timeStep(s, sgt, x, y);
        timeStep(s, reference, x, y);
    }
    Timing t;
    for (int i = 0; i < steps; ++i) {
        t.plain.push_back(timeStep(s, plain, x, y));
        t.sgt.push_back(timeStep(s, sgt, x, y));
        t.reference.push_back(timeStep(s, reference, x, y));
        t.ratio.push_back(t.sgt.back() / t.plain.back());
        t.referenceRatio.push_back(t.reference.back() / t.plain.back());
    }
    return t;
}

void print(const char *tag, const Timing &t)
{
    std::printf("ms_per_plain_step_%s %.2f (min %.2f)\n", tag, median(t.plain), minimum(t.plain));
    std::printf("ms_per_sgt_step_%s %.2f (min %.2f)\n", tag, median(t.sgt), minimum(t.sgt));
    std::printf("ms_per_sgt_reference_step_%s %.2f (min %.2f)\n", tag, median(t.reference),
                minimum(t.reference));
    std::printf("ratio_sgt_over_plain_%s %.2f (target <= 2.5; ratio of minima %.2f)\n", tag,
                median(t.ratio), minimum(t.sgt) / minimum(t.plain));
    std::printf("ratio_sgt_reference_over_plain_%s %.2f (ratio of minima %.2f)\n", tag,
                median(t.referenceRatio), minimum(t.reference) / minimum(t.plain));
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

    const Timing floatTiming = measure(kFloatBits, x, y, steps);
    const Timing pactTiming = measure(4, x, y, steps);
    print("float", floatTiming);
    print("pact4", pactTiming);
    // For bench/compare_python.sh: the fastest SGT + PACT 4-bit step (least disturbed by load).
    std::printf("cpp_ms_per_sgt_pact4_step %.2f\n", minimum(pactTiming.sgt));
    return 0;
}
