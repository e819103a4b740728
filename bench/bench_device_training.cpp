// SPDX-License-Identifier: MIT
// Training on a chosen device (issue 15), end to end through the Trainer (data resident on the
// device, the real step, the per-batch figures), core only: it builds against any LibTorch.
//
//   bench_device_training speed --device cuda [--data-dir mnist/] [--steps 300] [--warmup 30]
//       images/s of mnist-cnn, batch 128, Adam, for plain, sgt, pact4 and pact4+sgt
//       (real MNIST when --data-dir holds it, else synthetic images of the same shape).
//
//   bench_device_training curve --device cuda --dataset mnist|cifar10 --data-dir D
//       [--model mnist-cnn|resnet20] [--bits 4] [--sgt] [--epochs 3] [--batch 128]
//       [--optimizer adam --lr 0.003 | --optimizer sgd --lr 0.1 --weight-decay 5e-4]
//       [--augment] [--eval-every 100] [--target 0.99] [--time-budget S] [--run-folder F]
//       [--resume F/last.ckpt] [--max-steps N] [--seed 1]
//       Test accuracy against training wall time (evaluation time excluded), evaluated every
//       --eval-every steps (0: at epoch ends) on the full test set; stops at --target. With
//       --time-budget, a 40-step probe measures the step time first and the number of epochs
//       (the one-cycle schedule's length) is chosen to fit the budget.
// Prints "key value" lines; a summary line last.
#include "core/data/cifar_reader.h"
#include "core/data/idx_reader.h"
#include "core/models/classifier.h"
#include "core/runtime.h"
#include "core/train/trainer.h"

#include <ATen/Context.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace ql::core;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
    std::map<std::string, std::string> values;
    std::string get(const std::string &key, const std::string &fallback = "") const
    {
        const auto it = values.find(key);
        return it == values.end() ? fallback : it->second;
    }
    double number(const std::string &key, double fallback) const
    {
        const auto it = values.find(key);
        return it == values.end() ? fallback : std::stod(it->second);
    }
    bool flag(const std::string &key) const { return values.count(key) > 0; }
};

Args parse(int argc, char **argv, int first)
{
    Args a;
    for (int i = first; i < argc; ++i) {
        std::string key = argv[i];
        if (key.rfind("--", 0) != 0)
            throw std::invalid_argument("unexpected argument " + key);
        key = key.substr(2);
        if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0)
            a.values[key] = argv[++i];
        else
            a.values[key] = "1";
    }
    return a;
}

double seconds(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double>(b - a).count();
}

void synchronize(const c10::Device &device)
{
    // A tiny host read: waits for the device's queued work (works with any LibTorch).
    if (!device.is_cpu())
        (void)torch::zeros({1}, torch::TensorOptions().device(device)).sum().item<float>();
}

/// MNIST from `dir` when it is there, else synthetic 28x28 digits-shaped data.
DataSplits mnistOrSynthetic(const std::string &dir, int64_t n)
{
    if (!dir.empty() && fs::exists(fs::path(dir) / "train-images-idx3-ubyte.gz"))
        return loadMnistStyle(dir);
    DataSplits s;
    s.train.images = torch::randint(0, 256, {n, 1, 28, 28}, torch::kByte);
    s.train.labels = torch::randint(0, 10, {n}, torch::kLong);
    s.test.images = torch::randint(0, 256, {100, 1, 28, 28}, torch::kByte);
    s.test.labels = torch::randint(0, 10, {100}, torch::kLong);
    for (int k = 0; k < 10; ++k)
        s.train.classNames.push_back(std::to_string(k));
    s.test.classNames = s.train.classNames;
    s.norm.mean = {0.1307f};
    s.norm.std = {0.3081f};
    return s;
}

class Timing : public TrainingObserver {
public:
    explicit Timing(int64_t warmup) : m_warmup(warmup) {}
    void onBatch(const BatchMetrics &m) override
    {
        if (m.globalStep == m_warmup)
            start = Clock::now();
        end = Clock::now();
        last = m.globalStep;
    }
    void onMessage(const std::string &text) override { std::fprintf(stderr, "%s\n", text.c_str()); }
    Clock::time_point start, end;
    int64_t last = 0;

private:
    int64_t m_warmup;
};

int speed(const Args &a)
{
    const std::string device = a.get("device", "cpu");
    const int64_t steps = int64_t(a.number("steps", 300)), warmup = int64_t(a.number("warmup", 30));
    const int batch = int(a.number("batch", 128));
    const DataSplits data = mnistOrSynthetic(a.get("data-dir"), (steps + warmup + 1) * batch);
    struct Mode {
        const char *name;
        int bits;
        bool sgt;
    };
    std::printf("device %s\n%s\n", parseDevice(device).str().c_str(), torchBuildSummary().c_str());
    for (const Mode &mode : {Mode{"plain", kFloatBits, false}, Mode{"sgt", kFloatBits, true},
                             Mode{"pact4", 4, false}, Mode{"pact4_sgt", 4, true}}) {
        TrainingConfig c;
        c.dataset = "mnist";
        c.model.quant.weightBits = c.model.quant.activationBits = mode.bits;
        c.sgt.enabled = mode.sgt;
        useRecommendedRecipe(c);
        c.batchSize = batch;
        c.epochs = 1;
        c.maxSteps = steps + warmup;
        c.testLimit = 100;
        c.device = device;
        c.threads = int(a.number("threads", 0));
        Trainer trainer(c, data);
        Timing timing(warmup);
        trainer.setObserver(&timing);
        if (trainer.run() != RunOutcome::Finished) {
            std::fprintf(stderr, "%s: %s\n", mode.name, trainer.lastMessage().c_str());
            return 1;
        }
        const double s = seconds(timing.start, timing.end);
        const double rate = double(timing.last - warmup) * batch / s;
        std::printf("cpp_images_per_s %s %.0f (%.3f ms/step over %lld steps)\n", mode.name, rate,
                    1e3 * s / double(timing.last - warmup), (long long)(timing.last - warmup));
        std::fflush(stdout);
    }
    return 0;
}

/// Evaluates snapshots every `every` steps; training time excludes the evaluations.
class Curve : public TrainingObserver {
public:
    Curve(Trainer &trainer, const DataSplits &data, const c10::Device &device, int64_t every,
          double target)
        : m_trainer(trainer), m_device(device), m_every(every), m_target(target)
    {
        const torch::Tensor mean = torch::tensor(data.norm.mean).view({1, -1, 1, 1});
        const torch::Tensor stdev = torch::tensor(data.norm.std).view({1, -1, 1, 1});
        m_x = ((data.test.images.to(torch::kFloat) / 255.0 - mean) / stdev).to(device);
        m_y = data.test.labels.to(device);
        m_start = Clock::now();
    }
    void onBatch(const BatchMetrics &m) override
    {
        if (m_every > 0 && m.globalStep % m_every == 0)
            evaluate(m.epoch, m.globalStep, m.stepsPerEpoch);
    }
    void onEpoch(const EpochMetrics &e) override
    {
        const double t = trainSeconds();
        std::printf("epoch %d train_s %.1f test_acc %.4f train_acc %.4f\n", e.epoch, t,
                    e.testAccuracy, e.trainAccuracy);
        std::fflush(stdout);
        note(t, e.testAccuracy);
    }
    void onMessage(const std::string &text) override { std::fprintf(stderr, "%s\n", text.c_str()); }

    double trainSeconds() const { return seconds(m_start, Clock::now()) - m_evalSeconds; }
    double reachedAt = -1;
    double best = 0;

private:
    void note(double t, double acc)
    {
        best = std::max(best, acc);
        if (acc >= m_target && reachedAt < 0) {
            reachedAt = t;
            std::printf("reached %.4f at train_s %.1f\n", m_target, t);
            m_trainer.cancel();
        }
    }
    void evaluate(int epoch, int64_t step, int64_t perEpoch)
    {
        synchronize(m_device);
        const auto t0 = Clock::now();
        const double t = seconds(m_start, t0) - m_evalSeconds;
        const ClassifierPtr model = m_trainer.snapshot(m_device);
        model->eval();
        double correct = 0;
        {
            torch::NoGradGuard noGrad;
            torch::Tensor hits = torch::zeros({}, torch::TensorOptions().device(m_device));
            for (int64_t s = 0; s < m_x.size(0); s += 1000) {
                const int64_t len = std::min<int64_t>(1000, m_x.size(0) - s);
                hits = hits + model->forward(m_x.narrow(0, s, len))
                                  .argmax(1)
                                  .eq(m_y.narrow(0, s, len))
                                  .sum()
                                  .to(torch::kFloat);
            }
            correct = hits.item<double>();
        }
        const double acc = correct / double(m_x.size(0));
        std::printf("step %lld epoch %.2f train_s %.1f test_acc %.4f\n", (long long)step,
                    double(epoch - 1) + double((step - 1) % perEpoch + 1) / double(perEpoch), t,
                    acc);
        std::fflush(stdout);
        m_evalSeconds += seconds(t0, Clock::now());
        note(t, acc);
    }

    Trainer &m_trainer;
    c10::Device m_device;
    int64_t m_every;
    double m_target;
    torch::Tensor m_x, m_y;
    Clock::time_point m_start;
    double m_evalSeconds = 0;
};

TrainingConfig curveConfig(const Args &a)
{
    TrainingConfig c;
    c.dataset = a.get("dataset", "mnist");
    c.dataDir = a.get("data-dir");
    c.model.arch = a.get("model", c.dataset == "cifar10" ? "resnet20" : "mnist-cnn");
    if (c.dataset == "cifar10") {
        c.model.inChannels = 3;
        c.model.imageSize = 32;
    }
    const int bits = int(a.number("bits", 4));
    c.model.quant.weightBits = c.model.quant.activationBits = bits;
    c.sgt.enabled = a.flag("sgt");
    useRecommendedRecipe(c);
    c.optimizer.name = a.get("optimizer", "adam");
    c.optimizer.learningRate = a.number("lr", c.optimizer.name == "sgd" ? 0.1 : 0.003);
    c.optimizer.weightDecay = a.number("weight-decay", 0.0);
    c.optimizer.nesterov = c.optimizer.name == "sgd";
    c.augment = a.flag("augment");
    c.epochs = int(a.number("epochs", 3));
    c.batchSize = int(a.number("batch", 128));
    c.testBatchSize = 1000;
    c.device = a.get("device", "cpu");
    c.seed = uint64_t(a.number("seed", 1));
    c.threads = int(a.number("threads", 0));
    c.batchLogEvery = 50;
    c.maxSteps = int64_t(a.number("max-steps", 0));
    return c;
}

int curve(const Args &a)
{
    TrainingConfig c = curveConfig(a);
    const c10::Device device = parseDevice(c.device);
    const DataSplits data =
        c.dataset == "cifar10" ? loadCifar10Binary(c.dataDir) : loadMnistStyle(c.dataDir);
    std::printf("device %s\n%s\n", device.str().c_str(), torchBuildSummary().c_str());
    const int64_t stepsPerEpoch = (data.train.size() + c.batchSize - 1) / c.batchSize;
    if (a.flag("time-budget")) {
        // Probe: the step time of this very configuration, then the epochs that fit.
        TrainingConfig probe = c;
        probe.maxSteps = 40;
        probe.testLimit = 1000;
        Trainer t(probe, data);
        Timing timing(10);
        t.setObserver(&timing);
        t.run();
        const double perStep = seconds(timing.start, timing.end) / double(timing.last - 10);
        const double budget = a.number("time-budget", 60);
        const double evalGuess = 1.0; // one full-test evaluation per epoch
        c.epochs = std::max(1, int(budget / (double(stepsPerEpoch) * perStep + evalGuess)));
        std::printf("probe %.2f ms/step: %d epochs fit %.0f s\n", 1e3 * perStep, c.epochs, budget);
    }
    Trainer trainer(c, data);
    if (a.flag("run-folder"))
        trainer.setRunFolder(a.get("run-folder"));
    if (a.flag("resume"))
        trainer.resumeFrom(a.get("resume"));
    Curve observer(trainer, data, device, int64_t(a.number("eval-every", 0)),
                   a.number("target", 2.0));
    trainer.setObserver(&observer);
    const RunOutcome outcome = trainer.run();
    std::printf("outcome %s\n", trainer.lastMessage().c_str());
    std::printf("summary %s %s bits %d sgt %d epochs %d: best test_acc %.4f, train_s %.1f, "
                "target %s\n",
                c.dataset.c_str(), c.model.arch.c_str(), c.model.quant.weightBits,
                c.sgt.enabled ? 1 : 0, c.epochs, observer.best, observer.trainSeconds(),
                observer.reachedAt >= 0
                    ? ("reached at " + std::to_string(observer.reachedAt) + " s").c_str()
                    : "not reached");
    return outcome == RunOutcome::Finished || outcome == RunOutcome::Cancelled ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_device_training speed|curve [--options]\n");
        return 2;
    }
    try {
        const Args a = parse(argc, argv, 2);
        const std::string what = argv[1];
        if (parseDevice(a.get("device", "cpu")).is_cuda())
            at::globalContext().setBenchmarkCuDNN(true); // fixed shapes: pick the fastest
        if (what == "speed")
            return speed(a);
        if (what == "curve")
            return curve(a);
        std::fprintf(stderr, "unknown command %s\n", what.c_str());
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "error: %s\n", describeException(e).c_str());
        return 1;
    }
}
