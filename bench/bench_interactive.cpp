// SPDX-License-Identifier: MIT
// The interactive loop in seconds (issue 10): the GUI's default job and Retrain, measured with
// the same core calls the GUI's training engine makes (Trainer, snapshots between batches,
// core/train/finetune.h), on mnist-cnn / MNIST. Prints figures; not a test.
//
//   bench_interactive [--mnist-dir DIR] [--threads N] [--float-epochs E] [--fine-tune-steps S]
//                     [--snapshot-every N] [--standard CKPT] [--bits B]
//
// --standard CKPT: the standard model stops after the first maps and Retrain fine-tunes this
// trained float checkpoint instead (a shorter run on a busy machine).
// --bits B: the quantized model's weight and activation bits (default 4).
// --fine-tune-lr LR: Retrain's peak learning rate (default: the recipe's peak / 3, as the GUI).
//
// DIR defaults to $QUANTLENS_SHARED_DATA/mnist; without data it says so and exits 0.
//
// What it runs, in order, timed from its start (the press of Start):
//  1. the standard model: E epochs, Adam + one-cycle (peak 0.003), batch 128, no SGT;
//     a snapshot every N batches. At the first snapshot: its gradient map of one test image
//     (model A's first map), then the quantized fine-tune's starting point (the snapshot
//     quantized at 4/4 bits, alphas calibrated on 256 training images) and its map
//     (model B's first map, a post-training quantization until the fine-tune starts);
//  2. the quantized model = Retrain at 4/4 bits: calibrated fine-tune (1,024 images) of the
//     standard model, SGT, S steps, Adam + one-cycle (peak 0.001), a snapshot every N batches.
// Afterwards (untimed) every snapshot of the fine-tune is evaluated on the whole test set:
// accuracy against seconds since Retrain started, the first snapshot better than the
// fine-tune's starting point, and the gap to a from-scratch QAT reference (docs/RESULTS.md).
#include "core/data/idx_reader.h"
#include "core/metrics/bootstrap.h"
#include "core/metrics/feature_removal.h"
#include "core/models/classifier.h"
#include "core/runtime.h"
#include "core/saliency/saliency.h"
#include "core/train/checkpoint.h"
#include "core/train/finetune.h"
#include "core/train/finetune_schedule.h"
#include "core/train/trainer.h"

#include <torch/types.h>
#include <torch/utils.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

using namespace ql::core;

namespace {

using Clock = std::chrono::steady_clock;

/// From-scratch PACT 4-bit QAT references on this machine (docs/RESULTS.md, issue 3): 10
/// epochs with SGT, and 6 epochs without.
constexpr double kScratchSgt = 99.18;
constexpr double kScratchPlain = 99.22;

/// CPU seconds of this process (all threads). On a shared machine the wall-clock figures
/// stretch with the other load; CPU seconds / threads is what an idle machine would take at
/// best (perfect scaling), so both are printed.
double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

double since(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// 1 / 0 per test image: whether `model` classifies it correctly.
std::vector<double> correctness(ClassifierImpl &model, const Dataset &test,
                                const Normalization &norm)
{
    torch::NoGradGuard noGrad;
    model.eval();
    std::vector<double> out;
    out.reserve(size_t(test.size()));
    for (int64_t start = 0; start < test.size(); start += 128) {
        const int64_t len = std::min<int64_t>(128, test.size() - start);
        const torch::Tensor x =
            toModelInput(test.images.narrow(0, start, len), norm, torch::Device(torch::kCPU));
        const torch::Tensor ok = model.forward(x)
                                     .argmax(1)
                                     .eq(test.labels.narrow(0, start, len))
                                     .to(torch::kDouble)
                                     .contiguous();
        out.insert(out.end(), ok.data_ptr<double>(), ok.data_ptr<double>() + ok.numel());
    }
    return out;
}

double percentOf(const std::vector<double> &correct)
{
    double sum = 0;
    for (double c : correct)
        sum += c;
    return correct.empty() ? 0.0 : 100.0 * sum / double(correct.size());
}

double accuracy(ClassifierImpl &model, const Dataset &test, const Normalization &norm)
{
    return percentOf(correctness(model, test, norm));
}

/// Takes a snapshot every `every` batches (between batches, as the GUI's worker does) and
/// calls `onSnapshot` with it and the seconds since `t0`.
class SnapshotObserver : public TrainingObserver {
public:
    SnapshotObserver(Trainer *&trainer, int every, Clock::time_point t0,
                     std::function<void(ClassifierPtr, double, int64_t)> onSnapshot)
        : m_trainer(trainer), m_every(every), m_t0(t0), m_on(std::move(onSnapshot))
    {
    }
    void onBatch(const BatchMetrics &m) override
    {
        if (m_every > 0 && m.globalStep % m_every == 0)
            m_on(m_trainer->snapshot(torch::Device(torch::kCPU)), since(m_t0), m.globalStep);
    }
    void onEpoch(const EpochMetrics &e) override
    {
        std::printf("    epoch %d: test accuracy %.2f%% (%.1f s)\n", e.epoch,
                    100.0 * e.testAccuracy, e.seconds);
        std::fflush(stdout);
    }

private:
    Trainer *&m_trainer;
    int m_every;
    Clock::time_point m_t0;
    std::function<void(ClassifierPtr, double, int64_t)> m_on;
};

double mapMs(ClassifierImpl &model, const torch::Tensor &image)
{
    const auto t = Clock::now();
    SaliencyOptions options;
    computeSaliency(model, image, options);
    return 1000.0 * since(t);
}

} // namespace

int main(int argc, char **argv)
{
    std::string dir;
    if (const char *shared = std::getenv("QUANTLENS_SHARED_DATA"))
        dir = std::string(shared) + "/mnist";
    int threads = 2, floatEpochs = 2, fineTuneSteps = 400, every = 50, bits = 4;
    double fineTuneLr = 0; // 0: the recipe's default
    bool sgt = true;
    int64_t sgtStart = -1, sgtRamp = -1; // -1: the GUI's (useDelayedSgtStart)
    std::string standardCheckpoint;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "bench_interactive: %s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--mnist-dir")
            dir = next();
        else if (a == "--threads")
            threads = std::atoi(next().c_str());
        else if (a == "--float-epochs")
            floatEpochs = std::atoi(next().c_str());
        else if (a == "--fine-tune-steps")
            fineTuneSteps = std::atoi(next().c_str());
        else if (a == "--snapshot-every")
            every = std::atoi(next().c_str());
        else if (a == "--standard")
            standardCheckpoint = next();
        else if (a == "--bits")
            bits = std::atoi(next().c_str());
        else if (a == "--fine-tune-lr")
            fineTuneLr = std::atof(next().c_str());
        else if (a == "--no-sgt")
            sgt = false;
        else if (a == "--sgt-start")
            sgtStart = std::atoll(next().c_str());
        else if (a == "--sgt-ramp")
            sgtRamp = std::atoll(next().c_str());
        else {
            std::fprintf(stderr, "usage: bench_interactive [--mnist-dir DIR] [--threads N] "
                                 "[--float-epochs E] [--fine-tune-steps S] [--snapshot-every N] "
                                 "[--standard CKPT] [--bits B] [--fine-tune-lr LR]\n");
            return 2;
        }
    }
    if (threads < 1 || floatEpochs < 1 || fineTuneSteps < 1 || every < 1 || bits < 2 || bits > 8) {
        std::fprintf(stderr, "bench_interactive: threads, epochs, steps and N must be >= 1, "
                             "bits 2-8\n");
        return 2;
    }
    if (dir.empty() || !std::filesystem::exists(dir + "/train-images-idx3-ubyte.gz")) {
        std::printf("bench_interactive: no MNIST (set QUANTLENS_SHARED_DATA or pass --mnist-dir); "
                    "skipped\n");
        return 0;
    }
    try {
        configureThreads(threads);
        std::printf("bench_interactive: %s, %d threads, mnist-cnn on MNIST (%s)\n",
                    torchBuildSummary().c_str(), threads, dir.c_str());
        const auto t0 = Clock::now(); // Start
        const double cpu0 = cpuSeconds();
        const DataSplits data = loadMnistStyle(dir);
        const double loadSeconds = since(t0);
        const torch::Tensor image =
            toModelInput(data.test.images.narrow(0, 0, 1), data.norm, torch::Device(torch::kCPU));

        TrainingConfig base;
        base.dataset = "mnist";
        base.dataDir = dir;
        base.model.arch = "mnist-cnn";
        useRecommendedRecipe(base);
        base.threads = threads;
        base.batchLogEvery = 50;

        // 1. The standard model, with the first maps of both models.
        TrainingConfig fc = base;
        fc.epochs = floatEpochs;
        TrainingConfig qc = base;
        qc.model.quant.weightBits = bits;
        qc.model.quant.activationBits = bits;
        qc.sgt.enabled = sgt;
        useDelayedSgtStart(qc.sgt, fineTuneSteps); // as the GUI's Retrain
        if (sgtStart >= 0)
            qc.sgt.startStep = sgtStart;
        if (sgtRamp >= 0)
            qc.sgt.rampSteps = sgtRamp;
        qc.maxSteps = fineTuneSteps;
        qc.epochs = 1000;
        qc.optimizer.learningRate = fineTuneLr > 0 ? fineTuneLr : base.optimizer.learningRate / 3.0;
        std::printf("standard model: %d epochs, Adam + one-cycle %g; quantized: %d/%d-bit SGT "
                    "fine-tune, %d steps, peak %g; snapshots every %d batches\n",
                    floatEpochs, base.optimizer.learningRate, bits, bits, fineTuneSteps,
                    qc.optimizer.learningRate, every);

        double firstA = -1, firstB = -1, firstAMs = 0, firstBMs = 0, calibrateMs = 0;
        double firstACpu = 0, firstBCpu = 0;
        Trainer *active = nullptr;
        Trainer floatTrainer(fc, data);
        active = &floatTrainer;
        const std::vector<torch::Tensor> startBatches =
            calibrationBatches(data.train, data.norm, 256, 128, torch::Device(torch::kCPU));
        SnapshotObserver floatObserver(active, every, t0, [&](ClassifierPtr s, double t, int64_t) {
            if (firstA >= 0)
                return;
            firstAMs = mapMs(*s, image);
            firstA = t + firstAMs / 1000.0;
            firstACpu = cpuSeconds() - cpu0;
            const auto c = Clock::now();
            ClassifierPtr start = calibratedQuantizedCopy(*s, qc.model.quant, startBatches,
                                                          torch::Device(torch::kCPU));
            calibrateMs = 1000.0 * since(c);
            firstBMs = mapMs(*start, image);
            firstB = since(t0);
            firstBCpu = cpuSeconds() - cpu0;
            std::printf("  first map of A: %.1f s; first map of B (starting point): %.1f s\n",
                        firstA, firstB);
            std::fflush(stdout);
            if (!standardCheckpoint.empty())
                floatTrainer.cancel(); // Retrain starts from the given checkpoint instead
        });
        floatTrainer.setObserver(&floatObserver);
        std::printf("  training the standard model...\n");
        std::fflush(stdout);
        const RunOutcome floatOutcome = floatTrainer.run();
        if (floatOutcome != RunOutcome::Finished &&
            !(floatOutcome == RunOutcome::Cancelled && !standardCheckpoint.empty()))
            throw std::runtime_error(floatTrainer.lastMessage());
        ClassifierPtr standard = floatTrainer.model();
        if (!standardCheckpoint.empty())
            standard = loadModelFromCheckpoint(standardCheckpoint, torch::Device(torch::kCPU));
        const double floatDone = since(t0);
        const double floatDoneCpu = cpuSeconds() - cpu0;
        const double floatAccuracy = accuracy(*standard, data.test, data.norm);

        // 2. The quantized model: Retrain at bits/bits from the standard model.
        struct Snap {
            ClassifierPtr model;
            double seconds;
            int64_t step;
            double cpu;
        };
        std::vector<Snap> snaps;
        const auto r0 = Clock::now();
        const double rCpu0 = cpuSeconds();
        Trainer quantTrainer(qc, data);
        active = &quantTrainer;
        CalibrationReport report = prepareCalibratedFineTune(quantTrainer, *standard, data);
        const double calibrated = since(r0);
        SnapshotObserver quantObserver(active, every, r0,
                                       [&](ClassifierPtr s, double t, int64_t step) {
                                           snaps.push_back({s, t, step, cpuSeconds() - rCpu0});
                                       });
        quantTrainer.setObserver(&quantObserver);
        std::printf("  fine-tuning the quantized model (Retrain)...\n");
        std::fflush(stdout);
        if (quantTrainer.run() != RunOutcome::Finished)
            throw std::runtime_error(quantTrainer.lastMessage());
        const double retrainDone = since(r0);
        const double retrainDoneCpu = cpuSeconds() - rCpu0;
        const double jobDone = since(t0);
        const double jobDoneCpu = cpuSeconds() - cpu0;
        const double firstBTrained = snaps.empty() ? -1 : floatDone + snaps.front().seconds;
        const double firstBTrainedCpu = snaps.empty() ? -1 : floatDoneCpu + snaps.front().cpu;
        const double n = threads;
        std::printf("\n(wall-clock s; in brackets CPU s / %d threads, the idle-machine bound)\n",
                    threads);

        // Untimed: the accuracy of every snapshot.
        std::vector<torch::Tensor> fullCalibration =
            calibrationBatches(data.train, data.norm, 1024, 128, torch::Device(torch::kCPU));
        ClassifierPtr start = calibratedQuantizedCopy(*standard, qc.model.quant, fullCalibration,
                                                      torch::Device(torch::kCPU));
        const std::vector<double> startCorrect = correctness(*start, data.test, data.norm);
        const double startAccuracy = percentOf(startCorrect);

        std::printf("\nStart -> data loaded: %.1f s\n", loadSeconds);
        std::printf("Start -> first map of model A (standard, batch %d): %.1f s [%.1f] (map %.1f "
                    "ms)\n",
                    every, firstA, firstACpu / n, firstAMs);
        std::printf("Start -> first map of model B (the fine-tune's starting point: A's snapshot "
                    "quantized, alphas calibrated on 256 images in %.0f ms; map %.1f ms): %.1f s "
                    "[%.1f]\n",
                    calibrateMs, firstBMs, firstB, firstBCpu / n);
        std::printf("Start -> standard model done (%d epochs, %.2f%%): %.1f s [%.1f]\n",
                    floatEpochs, floatAccuracy, floatDone, floatDoneCpu / n);
        std::printf(
            "Start -> first snapshot of the fine-tuned quantized model (batch %d): %.1f s [%.1f]\n",
            every, firstBTrained, firstBTrainedCpu / n);
        std::printf("Start -> job done: %.1f s [%.1f]\n", jobDone, jobDoneCpu / n);
        std::printf("\nRetrain (%d/%d-bit, %s, %d steps) from the standard model (%.2f%%):\n", bits,
                    bits,
                    !qc.sgt.enabled        ? "no SGT"
                    : qc.sgt.startStep > 0 ? ("SGT from step " + std::to_string(qc.sgt.startStep) +
                                              ", KL ramp " + std::to_string(qc.sgt.rampSteps))
                                                 .c_str()
                                           : "SGT",
                    fineTuneSteps, floatAccuracy);
        std::printf("  calibration (1,024 images): %.2f s; %s", calibrated,
                    describeCalibration(report).c_str());
        std::printf("  starting point (calibrated post-training quantization): %.2f%%\n",
                    startAccuracy);
        std::printf("  seconds  [CPU/threads]  step  test accuracy (10,000 images)  minus the "
                    "start, paired 95%% bootstrap over the images\n");
        double firstImproved = -1, firstWithin = -1, firstImprovedCpu = -1, firstWithinCpu = -1;
        double firstSignificant = -1, firstSignificantCpu = -1;
        for (const Snap &s : snaps) {
            const std::vector<double> correct = correctness(*s.model, data.test, data.norm);
            const double a = percentOf(correct);
            const Interval d = bootstrapPairedDifference(correct, startCorrect);
            std::printf("  %7.1f  [%7.1f]  %4lld  %.2f%%  %+.2f [%+.2f, %+.2f] points\n", s.seconds,
                        s.cpu / n, static_cast<long long>(s.step), a, 100.0 * d.estimate,
                        100.0 * d.low, 100.0 * d.high);
            if (firstImproved < 0 && a > startAccuracy) {
                firstImproved = s.seconds;
                firstImprovedCpu = s.cpu / n;
            }
            if (firstSignificant < 0 && d.low > 0) {
                firstSignificant = s.seconds;
                firstSignificantCpu = s.cpu / n;
            }
            if (bits == 4 && firstWithin < 0 && a >= kScratchSgt - 0.3) {
                firstWithin = s.seconds;
                firstWithinCpu = s.cpu / n;
            }
        }
        const double finalAccuracy = quantTrainer.history().epochs.back().testAccuracy * 100.0;
        std::printf("  done: %.1f s [%.1f], final test accuracy %.2f%%\n", retrainDone,
                    retrainDoneCpu / n, finalAccuracy);
        std::printf("Retrain -> first quantized model better than its starting point: %.1f s "
                    "[%.1f]\n",
                    firstImproved, firstImprovedCpu);
        if (firstSignificant >= 0)
            std::printf("Retrain -> first quantized model better than its starting point by a "
                        "paired 95%% interval above 0: %.1f s [%.1f]\n",
                        firstSignificant, firstSignificantCpu);
        else
            std::printf("Retrain -> no snapshot better than its starting point by a paired 95%% "
                        "interval above 0 (no detectable improvement)\n");
        if (bits != 4) {
            std::printf("Retrain -> within 0.3 points of from-scratch QAT: no from-scratch "
                        "reference at %d bits (docs/RESULTS.md has 4-bit ones)\n",
                        bits);
        } else {
            std::printf("Retrain -> within 0.3 points of from-scratch QAT (4-bit + SGT, 10 epochs: "
                        "%.2f%%; without SGT, 6 epochs: %.2f%%; docs/RESULTS.md): %s\n",
                        kScratchSgt, kScratchPlain,
                        firstWithin >= 0 ? (std::to_string(firstWithin) + " s [" +
                                            std::to_string(firstWithinCpu) + "]")
                                               .c_str()
                                         : "not reached");
            std::printf(
                "Final gap to from-scratch QAT + SGT: %+.2f points (one seed; the test set's "
                "binomial standard error at 99%% is about 0.1 point)\n",
                finalAccuracy - kScratchSgt);
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_interactive: %s\n", e.what());
        return 1;
    }
    return 0;
}
