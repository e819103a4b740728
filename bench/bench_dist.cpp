// SPDX-License-Identifier: MIT
// Data-parallel training cost on one machine (issue 14), in one run: mnist-cnn, PACT 4-bit +
// SGT, Adadelta, the same global batch of 128 on synthetic 28x28 data:
//   A: 1 process x 2 threads, batch 128;
//   B: 2 processes x 1 thread, 64 per rank, gradients averaged over Gloo on loopback.
// Prints the median seconds per epoch (epochs after the first), their ratio B / A, and the
// all-reduce time per step (the gradients of all parameters, PACT alphas included, in the
// trainer's buckets), measured by itself after training. Also times one training step of
// resnet20 (PACT 4-bit + SGT, batch 128, 2 threads) for the scaling model in docs/.
//
//   build/bench/bench_dist [train-samples=2048] [epochs=3]
// Each configuration runs in a fresh child process of this program.
#include "core/dist/communicator.h"
#include "core/models/classifier.h"
#include "core/runtime.h"
#include "core/train/data_parallel.h"
#include "core/train/optimizer_factory.h"
#include "core/train/saliency_guided_loss.h"
#include "core/train/trainer.h"

#include <torch/autograd.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace ql::core;

namespace {

DataSplits syntheticMnist(int64_t trainCount)
{
    torch::manual_seed(123);
    DataSplits d;
    d.train.images = torch::randint(0, 256, {trainCount, 1, 28, 28}, torch::kLong).to(torch::kByte);
    d.train.labels = torch::randint(0, 10, {trainCount}, torch::kLong);
    d.test.images = torch::randint(0, 256, {256, 1, 28, 28}, torch::kLong).to(torch::kByte);
    d.test.labels = torch::randint(0, 10, {256}, torch::kLong);
    for (int c = 0; c < 10; ++c) {
        d.train.classNames.push_back(std::to_string(c));
        d.test.classNames.push_back(std::to_string(c));
    }
    return d;
}

TrainingConfig benchConfig(int batch, int threads, int epochs)
{
    TrainingConfig c;
    c.model.arch = "mnist-cnn";
    c.model.inChannels = 1;
    c.model.imageSize = 28;
    c.model.numClasses = 10;
    c.model.quant.weightBits = 4;
    c.model.quant.activationBits = 4;
    c.sgt.enabled = true;
    c.epochs = epochs;
    c.batchSize = batch;
    c.threads = threads;
    c.batchLogEvery = 1000000;
    return c;
}

double medianEpochSeconds(const MetricsHistory &h)
{
    std::vector<double> s;
    for (size_t i = 1; i < h.epochs.size(); ++i)
        s.push_back(h.epochs[i].seconds);
    if (s.empty() && !h.epochs.empty())
        s.push_back(h.epochs[0].seconds);
    std::sort(s.begin(), s.end());
    return s.empty() ? 0.0 : s[s.size() / 2];
}

int freePort()
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    close(fd);
    return port;
}

/// Child: one configuration; writes "epoch_seconds allreduce_ms steps" to `out`.
int child(int argc, char **argv)
{
    const std::string mode = argv[2];
    const int64_t samples = std::atoll(argv[3]);
    const int epochs = std::atoi(argv[4]);
    const std::string out = argv[5];
    std::ofstream result(out);
    if (mode == "single") {
        Trainer t(benchConfig(128, 2, epochs), syntheticMnist(samples));
        if (t.run() != RunOutcome::Finished) {
            std::fprintf(stderr, "single: %s\n", t.lastMessage().c_str());
            return 1;
        }
        result << medianEpochSeconds(t.history()) << " 0\n";
        return 0;
    }
    if (mode == "resnet20") {
        configureThreads(2);
        ModelSpec spec;
        spec.arch = "resnet20";
        spec.inChannels = 3;
        spec.imageSize = 32;
        spec.numClasses = 10;
        spec.quant.weightBits = spec.quant.activationBits = 4;
        torch::manual_seed(1);
        ClassifierPtr model = makeClassifier(spec);
        model->train();
        const ParameterGroups groups = splitParameters(*model);
        std::vector<torch::Tensor> params = groups.weights;
        params.insert(params.end(), groups.alphas.begin(), groups.alphas.end());
        auto opt = makeOptimizer(OptimizerConfig{}, groups);
        SgtConfig sc;
        sc.enabled = true;
        SaliencyGuidedLoss loss(sc);
        const torch::Tensor x = torch::randn({128, 3, 32, 32});
        const torch::Tensor y = torch::randint(0, 10, {128}, torch::kLong);
        auto forward = [&](const torch::Tensor &in) { return model->forward(in); };
        std::vector<double> ms;
        for (int i = 0; i < 4; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            opt->zero_grad();
            const SgtLossResult r = loss.compute(forward, *model, x, y);
            torch::autograd::backward({r.loss}, {}, c10::nullopt, false, params);
            opt->step();
            ms.push_back(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(ms.begin() + 1, ms.end());
        int64_t count = 0;
        for (const auto &p : params)
            count += p.numel();
        result << ms[2] << " " << count << "\n";
        return 0;
    }
    // "rank R PORT": one of two ranks.
    DistributedOptions o;
    o.worldSize = 2;
    o.rank = std::atoi(argv[6]);
    o.port = std::atoi(argv[7]);
    std::shared_ptr<Communicator> comm = connectRanks(o);
    Trainer t(benchConfig(64, 1, epochs), syntheticMnist(samples));
    t.setCommunicator(comm);
    if (t.run() != RunOutcome::Finished) {
        std::fprintf(stderr, "rank %d: %s\n", o.rank, t.lastMessage().c_str());
        return 1;
    }
    // The all-reduce of one step by itself: every parameter's gradient, in the same buckets.
    ClassifierPtr model = t.model();
    std::vector<torch::Tensor> params = model->parameters();
    for (auto &p : params)
        p.mutable_grad() = torch::ones_like(p);
    GradientAverager avg(comm);
    for (int i = 0; i < 5; ++i)
        avg.average(params, 1.0); // warm-up
    const double before = avg.reduceSeconds();
    const int reps = 30;
    for (int i = 0; i < reps; ++i)
        avg.average(params, 1.0);
    int64_t count = 0;
    for (const auto &p : params)
        count += p.numel();
    result << medianEpochSeconds(t.history()) << " " << (avg.reduceSeconds() - before) / reps * 1e3
           << " " << count << "\n";
    return 0;
}

pid_t spawn(const std::vector<std::string> &args)
{
    const pid_t pid = fork();
    if (pid == 0) {
        std::vector<char *> argv;
        for (const auto &a : args)
            argv.push_back(const_cast<char *>(a.c_str()));
        argv.push_back(nullptr);
        execv("/proc/self/exe", argv.data());
        _exit(127);
    }
    return pid;
}

bool waitOk(pid_t pid)
{
    int status = 0;
    return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::vector<double> readNumbers(const std::string &path)
{
    std::ifstream in(path);
    std::vector<double> v;
    double x;
    while (in >> x)
        v.push_back(x);
    return v;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 6 && std::string(argv[1]) == "--child")
        return child(argc, argv);
    if (distributedBackends().empty()) {
        std::printf("this build has no c10d (data-parallel training is off): nothing to measure\n");
        return 0;
    }
    const std::string samples = argc > 1 ? argv[1] : "2048";
    const std::string epochs = argc > 2 ? argv[2] : "3";
    const std::string self = argv[0];
    char dirTemplate[] = "/tmp/bench_dist_XXXXXX";
    const std::string dir = mkdtemp(dirTemplate);
    const std::string a = dir + "/single", b0 = dir + "/rank0", b1 = dir + "/rank1",
                      r = dir + "/resnet20";
    std::printf("mnist-cnn PACT 4-bit + SGT, global batch 128, %s synthetic samples, %s epochs "
                "(median of epochs 2..)\n",
                samples.c_str(), epochs.c_str());
    if (!waitOk(spawn({self, "--child", "single", samples, epochs, a}))) {
        std::fprintf(stderr, "the one-process run failed\n");
        return 1;
    }
    const std::string port = std::to_string(freePort());
    const pid_t p0 = spawn({self, "--child", "rank", samples, epochs, b0, "0", port});
    const pid_t p1 = spawn({self, "--child", "rank", samples, epochs, b1, "1", port});
    const bool ok0 = waitOk(p0), ok1 = waitOk(p1);
    if (!ok0 || !ok1) {
        std::fprintf(stderr, "the two-process run failed\n");
        return 1;
    }
    const std::vector<double> single = readNumbers(a), dist = readNumbers(b0);
    const double steps = std::ceil(std::atof(samples.c_str()) / 128.0);
    std::printf("A  1 process  x 2 threads: %.3f s per epoch (%.1f ms per step)\n", single[0],
                single[0] / steps * 1e3);
    std::printf("B  2 processes x 1 thread: %.3f s per epoch (%.1f ms per step)\n", dist[0],
                dist[0] / steps * 1e3);
    std::printf("ratio B / A: %.3f\n", dist[0] / single[0]);
    std::printf("all-reduce per step (2 ranks, loopback, %.0f floats = %.2f MB): %.2f ms\n",
                dist[2], dist[2] * 4 / 1e6, dist[1]);
    if (waitOk(spawn({self, "--child", "resnet20", samples, epochs, r}))) {
        const std::vector<double> rn = readNumbers(r);
        std::printf("resnet20 PACT 4-bit + SGT step, batch 128, 2 threads: %.0f ms (%.0f "
                    "parameters)\n",
                    rn[0] * 1e3, rn[1]);
    }
    return 0;
}
