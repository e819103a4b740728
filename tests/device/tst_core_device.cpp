// SPDX-License-Identifier: MIT
// The core on a chosen device (issue 15): training in every mode, PACT, saliency, metrics,
// checkpoints across devices, fine-tuning, post-training quantization, the study and the
// export, each on QUANTLENS_TEST_DEVICE (default cpu; "cuda" on a GPU machine) and, where a
// result must not depend on the device, compared with the same computation on the CPU.
//
// Plain C++ (no Qt): it builds in the core-only configuration against any LibTorch, e.g. the
// CUDA LibTorch of a GPU machine that has no Qt. Run: tst_core_device [name-filter].
#include "tests/device/device_check.h"

#include "core/deploy/model_export.h"
#include "core/metrics/dataset_scores.h"
#include "core/metrics/deletion_insertion.h"
#include "core/metrics/modification_eval.h"
#include "core/models/classifier.h"
#include "core/quant/pact_activation.h"
#include "core/quant/post_training.h"
#include "core/runtime.h"
#include "core/saliency/saliency.h"
#include "core/study/study.h"
#include "core/train/checkpoint.h"
#include "core/train/finetune.h"
#include "core/train/trainer.h"

#include <torch/torch.h>

#include <cstdlib>
#include <filesystem>
#include <ftw.h>
#include <string>
#include <unistd.h>

using namespace ql::core;
namespace fs = std::filesystem;

namespace {

c10::Device testDevice()
{
    const char *name = std::getenv("QUANTLENS_TEST_DEVICE");
    // Asked for explicitly, a missing device is an error, never a silent fall-back to the CPU.
    return parseDevice(name && *name ? name : "cpu");
}

const c10::Device kCpu(torch::kCPU);

/// A learnable synthetic data set: class k is a bright 6x6 block at one of ten places on a
/// noisy dark background. [n, channels, side, side] uint8, labels i % 10.
Dataset syntheticSplit(int64_t n, int64_t channels, int64_t side, uint64_t seed,
                       const std::string &name)
{
    auto gen = at::detail::createCPUGenerator(seed);
    Dataset d;
    d.name = name;
    d.images = at::randint(0, 60, {n, channels, side, side}, gen, torch::kByte);
    d.labels = torch::arange(n, torch::kLong).remainder(10);
    const int64_t cell = side / 5;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t k = i % 10, row = (k / 5) * (side / 2) + 2, col = (k % 5) * cell;
        d.images[i].narrow(1, row, 6).narrow(2, col, std::min<int64_t>(6, side - col)).fill_(220);
    }
    for (int k = 0; k < 10; ++k)
        d.classNames.push_back("c" + std::to_string(k));
    return d;
}

DataSplits syntheticData(int64_t channels = 1, int64_t side = 28)
{
    DataSplits s;
    s.train = syntheticSplit(640, channels, side, 11, "synthetic/train");
    s.test = syntheticSplit(200, channels, side, 12, "synthetic/test");
    s.norm.mean.assign(size_t(channels), 0.15f);
    s.norm.std.assign(size_t(channels), 0.3f);
    return s;
}

TrainingConfig baseConfig(const c10::Device &device, int bits, bool sgt)
{
    TrainingConfig c;
    c.dataset = "mnist";
    c.model.arch = "lenet5"; // small: the CPU run of this test stays quick
    c.model.quant.weightBits = bits;
    c.model.quant.activationBits = bits;
    c.sgt.enabled = sgt;
    c.optimizer.name = "adam";
    c.optimizer.learningRate = 0.002;
    c.epochs = 2;
    c.batchSize = 64;
    c.testBatchSize = 100;
    c.threads = 2;
    c.device = device.str();
    c.seed = 3;
    return c;
}

/// The normalised test images [n, C, H, W] on `device`.
torch::Tensor inputs(const DataSplits &data, int64_t n, const c10::Device &device)
{
    const torch::Tensor mean = torch::tensor(data.norm.mean).view({1, -1, 1, 1});
    const torch::Tensor stdev = torch::tensor(data.norm.std).view({1, -1, 1, 1});
    return ((data.test.images.narrow(0, 0, n).to(torch::kFloat) / 255.0 - mean) / stdev).to(device);
}

/// ||a - b|| / ||b|| of two tensors on any devices.
double relativeError(const torch::Tensor &a, const torch::Tensor &b)
{
    const torch::Tensor x = a.detach().to(kCpu, torch::kDouble);
    const torch::Tensor y = b.detach().to(kCpu, torch::kDouble);
    return (x - y).norm().item<double>() / std::max(1e-12, y.norm().item<double>());
}

/// Removes a folder and its files. Not std::filesystem::remove_all: against the pip LibTorch
/// 2.11 (CUDA 13) on the GPU machine, this binary crashed with SIGSEGV in it on every run folder
/// a case had filled (docs/GPU.md); libtorch_cpu.so there exports its own copies of the
/// std::filesystem functions.
void removeTree(const std::string &dir)
{
    ::nftw(
        dir.c_str(),
        [](const char *path, const struct stat *, int, struct FTW *) { return ::remove(path); }, 16,
        FTW_DEPTH | FTW_PHYS);
}

std::string tempFolder(const std::string &tag)
{
    const fs::path dir =
        fs::temp_directory_path() / ("ql-device-" + tag + "-" + std::to_string(::getpid()));
    removeTree(dir.string());
    fs::create_directories(dir);
    return dir.string();
}

/// `actual` is `asked`: "cuda" (no index) names the current GPU, where tensors report cuda:0.
bool sameDevice(const c10::Device &actual, const c10::Device &asked)
{
    return actual.type() == asked.type() &&
           (!asked.has_index() || !actual.has_index() || actual.index() == asked.index());
}

bool onDevice(const ClassifierImpl &model, const c10::Device &device)
{
    for (const auto &p : model.parameters())
        if (!sameDevice(p.device(), device))
            return false;
    return true;
}

double accuracyOf(ClassifierImpl &model, const DataSplits &data, const c10::Device &device)
{
    torch::NoGradGuard noGrad;
    model.eval();
    const int64_t n = data.test.size();
    const torch::Tensor logits = model.forward(inputs(data, n, device));
    return logits.argmax(1).cpu().eq(data.test.labels).sum().item<double>() / double(n);
}

} // namespace

// --- Training --------------------------------------------------------------------------------

TEST_CASE(trains_every_mode)
{
    const c10::Device device = testDevice();
    const DataSplits data = syntheticData();
    struct Mode {
        const char *name;
        int bits;
        bool sgt;
    };
    for (const Mode &mode : {Mode{"float", kFloatBits, false}, Mode{"sgt", kFloatBits, true},
                             Mode{"pact4", 4, false}, Mode{"pact4+sgt", 4, true}}) {
        Trainer trainer(baseConfig(device, mode.bits, mode.sgt), data);
        const RunOutcome outcome = trainer.run();
        std::fprintf(stderr, "    %s on %s: %s\n", mode.name, device.str().c_str(),
                     trainer.lastMessage().c_str());
        QL_CHECK(outcome == RunOutcome::Finished);
        const MetricsHistory h = trainer.history();
        QL_CHECK(h.epochs.size() == 2);
        if (h.epochs.size() == 2) {
            // Chance is 10%; the blocks are learnt within two epochs in every mode.
            QL_CHECK(h.epochs.back().testAccuracy >= 0.7);
            QL_CHECK(std::isfinite(h.epochs.back().trainLoss));
            QL_CHECK(h.epochs.back().trainLoss < h.epochs.front().trainLoss * 1.5);
        }
        QL_CHECK(onDevice(*trainer.model(), device));
        QL_CHECK(!h.batches.empty());
        if (!h.batches.empty()) {
            const BatchMetrics &b = h.batches.back();
            QL_CHECK(std::isfinite(b.loss) && std::isfinite(b.ce) && std::isfinite(b.kl));
            QL_CHECK(mode.sgt ? b.kl > 0.0 : b.kl == 0.0);
            const size_t layers = pactLayerNames(*trainer.model()).size();
            QL_CHECK(layers >= 3 && b.alphas.size() == layers &&
                     b.clippedFractions.size() == layers);
            for (size_t i = 0; i < b.clippedFractions.size(); ++i)
                QL_CHECK(b.clippedFractions[i] >= 0.0f && b.clippedFractions[i] <= 1.0f);
            if (mode.bits != kFloatBits && !b.alphas.empty())
                QL_CHECK(b.alphas[1] != 10.0f); // alphas are learnt
        }
        // The figures the batch reports are those of the model: the last batch's alphas are
        // the model's alphas (read after the optimiser step).
        if (!h.batches.empty())
            QL_CHECK(h.batches.back().alphas == pactAlphas(*trainer.model()));
    }
}

TEST_CASE(snapshot_is_a_copy_on_the_asked_device)
{
    const c10::Device device = testDevice();
    TrainingConfig config = baseConfig(device, 4, false);
    config.maxSteps = 3;
    Trainer trainer(config, syntheticData());
    QL_CHECK(trainer.run() == RunOutcome::Finished);
    const ClassifierPtr cpu = trainer.snapshot(kCpu);
    QL_CHECK(cpu && onDevice(*cpu, kCpu));
    const ClassifierPtr same = trainer.snapshot(device);
    QL_CHECK(same && onDevice(*same, device));
    if (cpu && same)
        QL_CHECK(relativeError(cpu->parameters().front(), same->parameters().front()) == 0.0);
}

// --- PACT ------------------------------------------------------------------------------------

TEST_CASE(pact_hand_computed)
{
    // alpha 2.5, 2 bits: levels 0, 5/6, 5/3, 5/2. Backward: x passes where 0 <= x < alpha,
    // alpha collects the gradient where x >= alpha.
    const c10::Device device = testDevice();
    const torch::Tensor x =
        torch::tensor({-1.0f, 0.0f, 0.3f, 0.45f, 2.49f, 2.5f, 3.0f}).to(device).requires_grad_();
    const torch::Tensor alpha = torch::tensor(2.5f).to(device).requires_grad_();
    const torch::Tensor y = pactFunction(x, alpha, 2);
    const torch::Tensor expected = torch::tensor({0.0f, 0.0f, 0.0f, 2.5f / 3.0f, 2.5f, 2.5f, 2.5f});
    QL_CHECK(sameDevice(y.device(), device));
    QL_CHECK_LE(relativeError(y, expected), 1e-6);
    const torch::Tensor g = torch::tensor({1.f, 2.f, 3.f, 4.f, 5.f, 6.f, 7.f}).to(device);
    y.backward(g);
    const torch::Tensor gx = torch::tensor({0.f, 2.f, 3.f, 4.f, 5.f, 0.f, 0.f});
    QL_CHECK_LE(relativeError(x.grad(), gx), 0.0);
    QL_CHECK_NEAR(alpha.grad().cpu().item<double>(), 13.0, 1e-6);
}

TEST_CASE(pact_matches_cpu)
{
    const c10::Device device = testDevice();
    auto gen = at::detail::createCPUGenerator(5);
    const torch::Tensor x = at::randn({8, 16, 14, 14}, gen, torch::kFloat) * 2.0;
    const torch::Tensor g = at::randn({8, 16, 14, 14}, gen, torch::kFloat);
    for (int bits : {2, 4, 8}) {
        // Copies, so that x itself never requires a gradient (to(cpu) of a CPU tensor is x).
        torch::Tensor xc = x.clone().requires_grad_();
        torch::Tensor xd = x.to(device, torch::kFloat, false, /*copy=*/true).requires_grad_();
        torch::Tensor ac = torch::tensor(1.7f).requires_grad_();
        torch::Tensor ad = torch::tensor(1.7f).to(device).requires_grad_();
        torch::Tensor fc, fd;
        const torch::Tensor yc = pactFunction(xc, ac, bits, &fc);
        const torch::Tensor yd = pactFunction(xd, ad, bits, &fd);
        // Elementwise identical up to ties at the rounding boundary (one level apart at most).
        const torch::Tensor diff = (yc - yd.cpu()).abs();
        QL_CHECK_LE(diff.max().item<double>(), 1.7 / ((1 << bits) - 1) * 1.001);
        QL_CHECK_LE(diff.gt(1e-6).sum().item<double>(), x.numel() * 1e-4);
        QL_CHECK_NEAR(fc.item<double>(), fd.cpu().item<double>(), 1e-7);
        yc.backward(g);
        yd.backward(g.to(device));
        QL_CHECK_LE(relativeError(xd.grad(), xc.grad()), 0.0);
        QL_CHECK_LE(relativeError(ad.grad(), ac.grad()), 1e-5);
    }
}

// --- Forward, gradients, saliency ------------------------------------------------------------

namespace {

/// While alive, GPU convolutions and matrix products run in full float32: PyTorch lets cuDNN use
/// TF32 (10-bit mantissas) by default, which moves a gradient map of an untrained resnet20 by
/// 1-3% against the CPU (measured on an H100) and would hide a real difference of that size.
struct ExactFloat32 {
    const bool cudnn = at::globalContext().allowTF32CuDNN();
    const bool cublas = at::globalContext().allowTF32CuBLAS();
    ExactFloat32()
    {
        at::globalContext().setAllowTF32CuDNN(false);
        at::globalContext().setAllowTF32CuBLAS(false);
    }
    ~ExactFloat32()
    {
        at::globalContext().setAllowTF32CuDNN(cudnn);
        at::globalContext().setAllowTF32CuBLAS(cublas);
    }
    ExactFloat32(const ExactFloat32 &) = delete;
    ExactFloat32 &operator=(const ExactFloat32 &) = delete;
};

} // namespace

TEST_CASE(saliency_matches_cpu)
{
    const c10::Device device = testDevice();
    const DataSplits data = syntheticData(3, 32);
    torch::manual_seed(7);
    ModelSpec spec;
    spec.arch = "resnet20";
    spec.inChannels = 3;
    spec.imageSize = 32;
    const ClassifierPtr cpu = makeClassifier(spec);
    cpu->eval();
    const ClassifierPtr dev = cloneClassifier(*cpu, device);
    dev->eval();
    const torch::Tensor xc = inputs(data, 16, kCpu), xd = inputs(data, 16, device);
    {
        torch::NoGradGuard noGrad;
        // TF32 convolutions on recent GPUs round to about 1e-3.
        QL_CHECK_LE(relativeError(dev->forward(xd), cpu->forward(xc)), 5e-3);
    }
    for (SaliencyMethod method :
         {SaliencyMethod::Gradient, SaliencyMethod::GradientXInput, SaliencyMethod::SmoothGrad,
          SaliencyMethod::IntegratedGradients, SaliencyMethod::GradCam}) {
        SaliencyOptions options;
        options.method = method;
        options.smoothGradSamples = 8;
        options.igSteps = 8;
        options.seed = 9;
        const SaliencyResult rc = computeSaliency(*cpu, xc, options);
        const SaliencyResult fast = computeSaliency(*dev, xd, options); // the default: TF32 allowed
        SaliencyResult rd;
        {
            const ExactFloat32 exact;
            rd = computeSaliency(*dev, xd, options);
        }
        const double err = relativeError(rd.maps, rc.maps);
        std::fprintf(stderr, "    %s: relative difference %.2e (float32), %.2e (default)\n",
                     toString(method).c_str(), err, relativeError(fast.maps, rc.maps));
        QL_CHECK_LE(err, 2e-3);
        QL_CHECK(rd.targets.cpu().equal(rc.targets));
    }
}

TEST_CASE(metrics_match_cpu)
{
    const c10::Device device = testDevice();
    const DataSplits data = syntheticData();
    TrainingConfig config = baseConfig(kCpu, kFloatBits, false);
    config.maxSteps = 12;
    Trainer trainer(config, data);
    QL_CHECK(trainer.run() == RunOutcome::Finished);
    const ClassifierPtr cpu = trainer.snapshot(kCpu), dev = trainer.snapshot(device);
    cpu->eval();
    dev->eval();
    ModificationOptions mo;
    mo.percents = {0, 20, 50, 80};
    mo.limit = 100;
    mo.seed = 4;
    const ModificationResult mc = modificationEvaluation(*cpu, data.test, data.norm, mo);
    const ModificationResult md = modificationEvaluation(*dev, data.test, data.norm, mo);
    QL_CHECK(mc.images == 100 && md.images == 100);
    QL_CHECK(mc.salient.y.size() == md.salient.y.size());
    for (size_t i = 0; i < std::min(mc.salient.y.size(), md.salient.y.size()); ++i) {
        QL_CHECK_NEAR(md.salient.y[i], mc.salient.y[i], 0.03); // at most 3 of 100 flips
        QL_CHECK_NEAR(md.random.y[i], mc.random.y[i], 0.03);
    }
    DeletionInsertionOptions di;
    di.steps = 7;
    di.limit = 50;
    const DeletionInsertionResult dc = deletionInsertion(*cpu, data.test, data.norm, di);
    const DeletionInsertionResult dd = deletionInsertion(*dev, data.test, data.norm, di);
    QL_CHECK_NEAR(dd.deletion.area, dc.deletion.area, 0.01);
    QL_CHECK_NEAR(dd.insertion.area, dc.insertion.area, 0.01);
    SaliencyOptions so;
    const MapQuality qc = mapQuality(*cpu, data.test, data.norm, so, 100);
    const MapQuality qd = mapQuality(*dev, data.test, data.norm, so, 100);
    QL_CHECK_NEAR(qd.accuracy, qc.accuracy, 0.011);
    QL_CHECK_NEAR(qd.gini, qc.gini, 1e-3);
    QL_CHECK_NEAR(qd.entropy, qc.entropy, 1e-3);
}

// --- Checkpoints across devices --------------------------------------------------------------

namespace {

/// Trains 5 steps on `first` into a run folder, resumes the run on `second` to 10 steps.
void resumeAcross(const c10::Device &first, const c10::Device &second, const std::string &opt)
{
    const DataSplits data = syntheticData();
    const std::string dir = tempFolder(first.str() + "-" + second.str() + "-" + opt);
    TrainingConfig config = baseConfig(first, 4, true);
    config.optimizer.name = opt;
    config.optimizer.learningRate = opt == "sgd" ? 0.05 : (opt == "adadelta" ? 1.0 : 0.002);
    config.maxSteps = 5;
    {
        Trainer trainer(config, data);
        trainer.setRunFolder(dir);
        QL_CHECK(trainer.run() == RunOutcome::Finished);
    }
    const std::string ckpt = (fs::path(dir) / "last.ckpt").string();
    QL_CHECK(readCheckpointInfo(ckpt).globalStep == 5);
    config.device = second.str();
    config.maxSteps = 10;
    Trainer resumed(config, data);
    resumed.setRunFolder(dir);
    resumed.resumeFrom(ckpt);
    const RunOutcome outcome = resumed.run();
    std::fprintf(stderr, "    %s -> %s (%s): %s\n", first.str().c_str(), second.str().c_str(),
                 opt.c_str(), resumed.lastMessage().c_str());
    QL_CHECK(outcome == RunOutcome::Finished);
    QL_CHECK(readCheckpointInfo(ckpt).globalStep == 10);
    QL_CHECK(onDevice(*resumed.model(), second));
    // The file loads on either device, with the same function.
    const ClassifierPtr onFirst = loadModelFromCheckpoint(ckpt, first);
    const ClassifierPtr onSecond = loadModelFromCheckpoint(ckpt, second);
    QL_CHECK(onDevice(*onFirst, first) && onDevice(*onSecond, second));
    onFirst->eval();
    onSecond->eval();
    torch::NoGradGuard noGrad;
    const torch::Tensor a = onFirst->forward(inputs(data, 50, first));
    const torch::Tensor b = onSecond->forward(inputs(data, 50, second));
    QL_CHECK_LE(a.argmax(1).cpu().ne(b.argmax(1).cpu()).sum().item<double>(), 1.0);
    removeTree(dir);
}

} // namespace

TEST_CASE(resume_device_checkpoint_on_cpu)
{
    resumeAcross(testDevice(), kCpu, "adam");
}

TEST_CASE(resume_cpu_checkpoint_on_device)
{
    resumeAcross(kCpu, testDevice(), "adam");
    resumeAcross(kCpu, testDevice(), "sgd");
    resumeAcross(kCpu, testDevice(), "adadelta");
}

// --- Fine-tune, post-training quantization, export --------------------------------------------

TEST_CASE(calibrated_finetune_and_ptq)
{
    const c10::Device device = testDevice();
    const DataSplits data = syntheticData();
    TrainingConfig config = baseConfig(device, kFloatBits, false);
    config.model.arch = "mnist-cnn"; // the integer engine runs mnist-cnn and resnet20
    Trainer floatTrainer(config, data);
    QL_CHECK(floatTrainer.run() == RunOutcome::Finished);
    const ClassifierPtr trained = floatTrainer.model();
    QuantConfig bits;
    bits.weightBits = bits.activationBits = 4;
    const std::vector<torch::Tensor> batches =
        calibrationBatches(data.train, data.norm, 256, 128, device);
    QL_CHECK(!batches.empty() && sameDevice(batches.front().device(), device));
    CalibrationReport report, cpuReport;
    const ClassifierPtr copy = calibratedQuantizedCopy(*trained, bits, batches, device, &report);
    QL_CHECK(onDevice(*copy, device));
    // The same calibration on the CPU finds the same clip levels.
    std::vector<torch::Tensor> cpuBatches;
    for (const torch::Tensor &b : batches)
        cpuBatches.push_back(b.cpu());
    const ClassifierPtr cpuTrained = cloneClassifier(*trained, kCpu);
    calibratedQuantizedCopy(*cpuTrained, bits, cpuBatches, kCpu, &cpuReport);
    QL_CHECK(report.alphas.size() >= 3 && cpuReport.alphas.size() == report.alphas.size());
    for (size_t i = 0; i < std::min(report.alphas.size(), cpuReport.alphas.size()); ++i) {
        QL_CHECK(report.calibrated[i]);
        QL_CHECK(std::isfinite(report.alphas[i]) && report.alphas[i] > 0.0f);
        QL_CHECK(report.alphas[i] != 10.0f); // no longer the initial value
        QL_CHECK_NEAR(report.alphas[i], cpuReport.alphas[i], 0.02 * cpuReport.alphas[i]);
    }
    const ClassifierPtr ptq = quantizePostTraining(*trained, bits, batches, device);
    QL_CHECK(onDevice(*ptq, device));
    const double floatAcc = accuracyOf(*trained, data, device);
    const double ptqAcc = accuracyOf(*ptq, data, device);
    std::fprintf(stderr, "    float %.3f, 4-bit post-training %.3f\n", floatAcc, ptqAcc);
    QL_CHECK(floatAcc >= 0.7);
    QL_CHECK(ptqAcc >= floatAcc - 0.2);

    // A quantization-aware fine-tune from the float model on the device.
    TrainingConfig fine = baseConfig(device, 4, true);
    fine.model.arch = "mnist-cnn";
    fine.epochs = 1;
    Trainer tuner(fine, data);
    prepareCalibratedFineTune(tuner, *trained, data, 256);
    QL_CHECK(tuner.run() == RunOutcome::Finished);
    QL_CHECK(tuner.history().epochs.back().testAccuracy >= 0.7);

    // The packed export reads a device model and the integer engine runs the file.
    const std::string dir = tempFolder("export");
    const deploy::ExportSummary summary =
        deploy::exportModel(*tuner.model(), deploy::ExportFormat::Packed,
                            (fs::path(dir) / "m.qlpack").string(), &data.norm);
    QL_CHECK(summary.bytes > 0);
    if (!summary.intEngineRuns)
        std::fprintf(stderr, "    integer engine: %s\n", summary.intEngineNote.c_str());
    QL_CHECK(summary.intEngineRuns);
    removeTree(dir);
}

// --- The study -------------------------------------------------------------------------------

TEST_CASE(study_grid_runs)
{
    const c10::Device device = testDevice();
    StudyConfig study;
    study.base = baseConfig(device, kFloatBits, false);
    study.bits = parseBitPairList("float,4");
    study.seeds = {1};
    study.floatEpochs = 1;
    study.fineTuneEpochs = 1;
    study.calibrationImages = 128;
    study.evalImages = 60;
    study.deletionSteps = 4;
    study.sanityImages = 8;
    study.bootstrapResamples = 200;
    const std::string dir = tempFolder("study");
    StudyRunner runner(study, syntheticData(), dir);
    const std::vector<CellResult> results = runner.run();
    QL_CHECK(results.size() == 4);
    for (const CellResult &r : results) {
        QL_CHECK(r.testAccuracy >= 0.5);
        QL_CHECK(r.correct.size() == 200);
        QL_CHECK(!r.perImage.empty());
    }
    const StudySummary summary = summarizeStudy(study, results);
    const std::string md = studyMarkdown(study, summary, "tst_core_device", 0.0);
    QL_CHECK(md.find("4") != std::string::npos);
    removeTree(dir);
}

int main(int argc, char **argv)
{
    configureThreads(2);
    std::fprintf(stderr, "device: %s (%s)\n", testDevice().str().c_str(),
                 torchBuildSummary().c_str());
    return ql::devtest::runAll(argc, argv);
}
