// SPDX-License-Identifier: MIT
#include "core/train/trainer_run.h"

#include "core/data/batch.h"
#include "core/runtime.h"
#include "core/train/augmentation.h"
#include "core/train/config_json.h"
#include "core/train/optimizer_factory.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Context.h>
#include <torch/autograd.h>
#include <torch/nn/functional/loss.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <utility>

namespace ql::core {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kCropPadding = 4; ///< CIFAR augmentation: pad-4 random crop
/// Mixes the epoch into the shuffle seed so that each epoch's order is independent of how the
/// run got there (straight or resumed).
constexpr uint64_t kEpochSeedStride = 0x9E3779B97F4A7C15ULL;

at::Generator &defaultCpuGenerator()
{
    static at::Generator gen = at::detail::getDefaultCPUGenerator();
    return gen;
}

/// Copies parameters and buffers by name (fine-tuning from another model at other bits).
void copyWeights(const ClassifierImpl &from, ClassifierImpl &to)
{
    torch::NoGradGuard noGrad;
    auto copyAll = [](const auto &src, const auto &dst, const char *what) {
        for (const auto &item : dst) {
            const torch::Tensor *value = src.find(item.key());
            if (!value || value->sizes() != item.value().sizes())
                throw std::invalid_argument(std::string("initial model has no matching ") + what +
                                            " '" + item.key() + "'");
            item.value().copy_(*value);
        }
    };
    copyAll(from.named_parameters(true), to.named_parameters(true), "parameter");
    copyAll(from.named_buffers(true), to.named_buffers(true), "buffer");
}

} // namespace

TrainerRun::TrainerRun(Inputs inputs, ClassifierPtr &modelSlot, TrainingControl &control)
    : m_in(std::move(inputs)), m_modelSlot(modelSlot), m_control(control), m_config(m_in.config)
{
    if (!m_in.data)
        throw std::invalid_argument("the trainer has no data");
    if (rank() != 0)
        m_in.runFolder.clear(); // only rank 0 writes the run folder
}

int TrainerRun::rank() const
{
    return m_in.comm ? m_in.comm->rank() : 0;
}

int TrainerRun::worldSize() const
{
    return m_in.comm ? m_in.comm->worldSize() : 1;
}

void TrainerRun::report(const std::string &text)
{
    if (m_in.observer)
        m_in.observer->onMessage(text);
}

std::string TrainerRun::runPath(const std::string &name) const
{
    return (fs::path(m_in.runFolder) / name).string();
}

void TrainerRun::prepareData()
{
    m_train = balancedSubset(m_in.data->train, m_config.trainLimit);
    m_test = balancedSubset(m_in.data->test, m_config.testLimit);
    if (m_train.size() == 0 || !m_train.images.defined())
        throw std::invalid_argument("the training split is empty");
    if (m_train.images.scalar_type() != torch::kByte || m_train.images.dim() != 4)
        throw std::invalid_argument("training images must be uint8 [N, C, H, W]");
    const ModelSpec &spec = m_config.model;
    if (m_train.channels() != spec.inChannels || m_train.height() != spec.imageSize ||
        m_train.width() != spec.imageSize)
        throw std::invalid_argument(
            "model " + spec.arch + " expects " + std::to_string(spec.inChannels) + "x" +
            std::to_string(spec.imageSize) + "x" + std::to_string(spec.imageSize) +
            " inputs, the data set has " + std::to_string(m_train.channels()) + "x" +
            std::to_string(m_train.height()) + "x" + std::to_string(m_train.width()));
    const int64_t c = m_train.channels();
    const Normalization &norm = m_in.data->norm;
    std::vector<float> mean(c, 0.0f), stdev(c, 1.0f);
    if (!norm.mean.empty()) {
        if (int64_t(norm.mean.size()) != c || int64_t(norm.std.size()) != c)
            throw std::invalid_argument("normalisation needs one mean and std per channel");
        mean = norm.mean;
        stdev = norm.std;
    }
    m_background.resize(c);
    for (int64_t i = 0; i < c; ++i)
        m_background[i] = (0.0f - mean[i]) / stdev[i]; // the normalised black pixel
    if (!m_device.is_cpu()) {
        // Keep both splits resident on the accelerator (MNIST: 47 MB, CIFAR-10: 184 MB as
        // uint8): batches are then gathered there, with no host copy or transfer per batch.
        for (Dataset *d : {&m_train, &m_test}) {
            d->images = d->images.to(m_device);
            d->labels = d->labels.to(m_device);
        }
    }
    m_mean = torch::tensor(mean).view({1, c, 1, 1}).to(m_device);
    m_std = torch::tensor(stdev).view({1, c, 1, 1}).to(m_device);
    m_trainCount = m_train.size();
    m_globalBatch = int64_t(m_config.batchSize) * worldSize();
    const int64_t b = m_globalBatch;
    m_stepsPerEpoch = (m_trainCount + b - 1) / b;
    // A last batch of one sample breaks batch norm in train mode, and one of fewer samples than
    // ranks leaves a rank without any: drop it.
    const int64_t rest = m_trainCount % b;
    if (rest > 0 && rest < std::max(2, worldSize()) && m_stepsPerEpoch > 1)
        --m_stepsPerEpoch;
    if (m_trainCount < worldSize())
        throw std::invalid_argument("the training split has fewer samples than ranks");
}

void TrainerRun::prepareModel()
{
    std::lock_guard<std::mutex> lock(m_control.stateMutex());
    // A model set with setModel() is trained as is; otherwise build a fresh one.
    if (!m_modelSlot)
        m_modelSlot = makeClassifier(m_config.model);
    m_model = m_modelSlot;
    if (m_in.initialModel)
        copyWeights(*m_in.initialModel, *m_model);
    else if (!m_config.initFrom.empty())
        loadCheckpoint(m_config.initFrom, *m_model);
    m_model->applyQuantConfig(m_config.model.quant);
    m_model->to(m_device);
    m_model->train();
    const ParameterGroups groups = splitParameters(*m_model);
    m_parameters = groups.weights;
    m_parameters.insert(m_parameters.end(), groups.alphas.begin(), groups.alphas.end());
    m_optimizer = makeOptimizer(m_config.optimizer, groups);
}

void TrainerRun::restore()
{
    CheckpointState state;
    state.optimizer = m_optimizer.get();
    const CheckpointInfo info = loadCheckpoint(m_in.resumePath, *m_model, &state);
    if (info.config.model.arch != m_config.model.arch)
        throw std::invalid_argument("checkpoint " + m_in.resumePath + " holds a " +
                                    info.config.model.arch + ", the run trains a " +
                                    m_config.model.arch);
    if (state.defaultGeneratorState.defined())
        defaultCpuGenerator().set_state(state.defaultGeneratorState);
    if (state.trainerGeneratorState.defined())
        m_generator->set_state(state.trainerGeneratorState);
    m_startEpoch = info.epochsCompleted;
    m_startStep = info.stepInEpoch;
    m_globalStep = info.globalStep;
    m_bestAccuracy = info.bestTestAccuracy;
    m_lossSum = info.epochLossSum;
    m_correct = info.epochCorrect;
    m_samples = info.epochSamples;
    m_control.setHistory(info.history);
}

void TrainerRun::joinRanks()
{
    if (!m_in.comm)
        return;
    // The same run everywhere (refused on every rank otherwise), then rank 0's weights.
    checkSameRun(*m_in.comm, runFingerprint(m_config, worldSize(), m_train, m_test));
    torch::NoGradGuard noGrad;
    for (auto &p : m_model->parameters()) {
        torch::Tensor t = p.detach();
        m_in.comm->broadcast(t);
    }
    for (auto &b : m_model->buffers()) {
        torch::Tensor t = b.detach();
        m_in.comm->broadcast(t);
    }
    m_averager = std::make_unique<GradientAverager>(m_in.comm);
}

void TrainerRun::setUp()
{
    configureThreads(m_config.threads);
    m_device = parseDevice(m_config.device);
    if (m_device.is_cuda())
        at::globalContext().setBenchmarkCuDNN(true); // fixed batch shapes: the fastest kernels
    // Seeds first: model initialisation, dropout and the mask fill draw from the default
    // generator; augmentation from the trainer's own.
    torch::manual_seed(m_config.seed);
    m_generator = at::detail::createCPUGenerator(m_config.seed);
    prepareData();
    prepareModel();
    if (!m_in.resumePath.empty())
        restore();
    else
        m_control.setHistory({});
    joinRanks();
    writeRunFiles(true);
    m_schedule = std::make_unique<LrSchedule>(m_config.schedule, m_config.epochs, m_stepsPerEpoch,
                                              m_config.maxSteps);
    m_sgt = std::make_unique<SaliencyGuidedLoss>(m_config.sgt);
    m_sgt->setBackground(m_background);
    m_haveGoodCheckpoint =
        writesRunFolder() && fs::exists(runPath("last.ckpt")) && !m_in.resumePath.empty();
    std::string where = "device " + m_device.str();
    if (m_in.comm)
        where += ", rank " + std::to_string(rank()) + " of " + std::to_string(worldSize()) + " (" +
                 m_in.comm->backendName() + "), " + std::to_string(m_config.batchSize) +
                 " samples per rank and batch";
    report("training " + m_config.model.arch + " on " + std::to_string(m_trainCount) +
           " samples, " + std::to_string(m_stepsPerEpoch) + " batches per epoch, " + where);
}

torch::Tensor TrainerRun::normalise(const torch::Tensor &images) const
{
    return images.to(m_device).to(torch::kFloat).div_(255.0f).sub_(m_mean).div_(m_std);
}

bool TrainerRun::keepGoing()
{
    if (m_in.comm)
        return !m_stopAgreed; // no pause across ranks; cancel was agreed in synchronise()
    return m_control.waitWhilePaused([this](const std::string &text) { report(text); });
}

double TrainerRun::applyLearningRate(int epoch, int64_t step)
{
    const double pending = m_control.takeLearningRate();
    if (pending > 0.0) {
        m_config.optimizer.learningRate = pending;
        report("learning rate set to " + std::to_string(pending));
    }
    const double lr = m_schedule->learningRate(m_config.optimizer.learningRate, epoch, step);
    setLearningRate(*m_optimizer, lr);
    return lr;
}

TrainerRun::Batch TrainerRun::takeBatch(const torch::Tensor &order, int64_t step)
{
    Batch b;
    const int64_t begin = step * m_globalBatch;
    b.globalSize = std::min<int64_t>(m_globalBatch, m_trainCount - begin);
    torch::Tensor idx = order.narrow(0, begin, b.globalSize);
    torch::Tensor images, labels = m_train.labels.index_select(0, idx);
    if (!m_in.comm) {
        images = m_train.images.index_select(0, idx);
        if (m_config.augment)
            images = randomCropFlip(images, kCropPadding, *m_generator);
    } else {
        // This rank's class-balanced shard. Augmentation draws for the whole global batch,
        // so every rank's generator advances alike and a sample is cropped as in one process.
        b.keys = {shardPositions(labels, rank(), worldSize()), b.globalSize};
        const torch::Tensor rows = torch::tensor(b.keys.keys, torch::kLong).to(idx.device());
        if (m_config.augment)
            images = randomCropFlip(m_train.images.index_select(0, idx), kCropPadding, *m_generator)
                         .index_select(0, rows);
        else
            images = m_train.images.index_select(0, idx.index_select(0, rows));
        labels = labels.index_select(0, rows);
    }
    b.x = normalise(images);
    b.y = labels.to(m_device);
    return b;
}

TrainerRun::StepStats TrainerRun::synchronise(const Batch &batch, const StepStats &local)
{
    if (!m_in.comm)
        return local;
    // The gradient of the global batch mean: each rank's mean gradient weighted by its share.
    m_averager->average(m_parameters, local.samples * worldSize() / double(batch.globalSize));
    torch::Tensor sums = torch::tensor({local.loss * local.samples, local.ce * local.samples,
                                        local.kl * local.samples, local.accuracy * local.samples,
                                        local.samples, local.stop ? 1.0 : 0.0},
                                       torch::kDouble);
    m_in.comm->allReduceSum(sums);
    const double *v = sums.data_ptr<double>();
    StepStats global;
    global.samples = v[4];
    global.loss = v[0] / v[4];
    global.ce = v[1] / v[4];
    global.kl = v[2] / v[4];
    global.accuracy = v[3] / v[4];
    global.stop = v[5] > 0.0;
    return global;
}

std::optional<BatchMetrics> TrainerRun::trainStep(const Batch &batch, std::string &message)
{
    std::lock_guard<std::mutex> lock(m_control.stateMutex());
    m_optimizer->zero_grad();
    std::optional<SampleKeyScope> keys;
    if (m_in.comm)
        keys.emplace(batch.keys); // per-sample dropout and fill draws, as in one process
    auto forward = [&](const torch::Tensor &x) { return m_model->forward(x); };
    const SgtLossResult r = m_sgt->compute(forward, *m_model, batch.x, batch.y, m_globalStep);
    // Gradients for the parameters only: the input of the reused saliency pass needs none.
    // The backward is queued before any figure is read, and the figures (loss, CE, KL, correct
    // count, clipped fractions) come back in one transfer: one synchronisation per batch with
    // the device instead of one per figure and layer. A non-finite loss is caught before the
    // optimiser step, so the weights stay those of the last good batch.
    torch::autograd::backward({r.loss}, {}, c10::nullopt, false, m_parameters);
    const auto f32 = r.loss.options().dtype(torch::kFloat);
    const torch::Tensor figures =
        torch::cat({torch::stack({r.loss.detach().to(f32), r.ce.to(f32), r.kl.to(f32),
                                  r.logits.argmax(1).eq(batch.y).sum().to(f32)}),
                    pactClippedFractions(*m_model).to(r.loss.device())})
            .to(torch::kCPU, torch::kDouble);
    const double *fig = figures.data_ptr<double>();
    StepStats local;
    local.samples = double(batch.y.size(0));
    local.loss = fig[0];
    if (!m_in.comm && !std::isfinite(local.loss)) {
        message = "the loss is " + std::to_string(local.loss);
        return std::nullopt;
    }
    local.ce = fig[1];
    local.kl = fig[2];
    local.accuracy = fig[3] / local.samples;
    local.stop = m_control.isCancelled();

    const StepStats global = synchronise(batch, local);
    m_stopAgreed = global.stop;
    if (!std::isfinite(global.loss)) { // on every rank alike
        message = "the loss is " + std::to_string(global.loss);
        return std::nullopt;
    }
    m_optimizer->step();
    BatchMetrics m;
    m.loss = global.loss;
    m.ce = global.ce;
    m.kl = global.kl;
    m.accuracy = global.accuracy;
    m.alphas = pactAlphas(*m_model); // after the step: one more synchronisation
    m.clippedFractions.assign(fig + 4, fig + figures.numel());
    return m;
}

void TrainerRun::recordBatch(BatchMetrics &m, int epoch, int64_t step, double lr, int64_t len,
                             double seconds)
{
    ++m_globalStep;
    m_lossSum += m.loss * double(len);
    m_correct += m.accuracy * double(len);
    m_samples += len;
    m.epoch = epoch + 1;
    m.step = step + 1;
    m.stepsPerEpoch = m_stepsPerEpoch;
    m.globalStep = m_globalStep;
    m.learningRate = lr;
    m.samplesPerSecond = seconds > 0 ? double(len) / seconds : 0.0;
    if (m_in.observer)
        m_in.observer->onBatch(m);
    if (m_globalStep % m_config.batchLogEvery == 0 || step + 1 == m_stepsPerEpoch ||
        budgetSpent()) {
        m_control.addBatch(m);
        appendBatchRow(m);
    }
}

std::optional<RunOutcome> TrainerRun::runEpoch(int epoch, std::string &message)
{
    const auto epochStart = std::chrono::steady_clock::now();
    const int64_t firstStep = epoch == m_startEpoch ? m_startStep : 0;
    if (firstStep == 0) {
        m_lossSum = m_correct = 0;
        m_samples = 0;
    }
    at::Generator shuffle =
        at::detail::createCPUGenerator(m_config.seed + kEpochSeedStride * uint64_t(epoch + 1));
    const torch::Tensor order =
        torch::randperm(m_trainCount, shuffle, torch::kLong).to(m_train.images.device());
    int64_t step = firstStep;
    for (; step < m_stepsPerEpoch; ++step) {
        if (budgetSpent())
            break; // the step budget ends inside this epoch: evaluate and save here
        if (!keepGoing())
            return cancelled(epoch, step, message);
        const double lr = applyLearningRate(epoch, step);
        const auto batchStart = std::chrono::steady_clock::now();
        const Batch batch = takeBatch(order, step);
        std::string why;
        std::optional<BatchMetrics> m = trainStep(batch, why);
        if (!m)
            return diverged("at epoch " + std::to_string(epoch + 1) + ", batch " +
                                std::to_string(step + 1) + ": " + why +
                                ". Lower the learning rate (now " + std::to_string(lr) +
                                ") or use another optimiser.",
                            message);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - batchStart).count();
        recordBatch(*m, epoch, step, lr, batch.globalSize, seconds);
    }
    return finishEpoch(epoch, step, epochStart, message);
}

std::optional<RunOutcome> TrainerRun::finishEpoch(int epoch, int64_t stepsDone,
                                                  std::chrono::steady_clock::time_point start,
                                                  std::string &message)
{
    const auto [testLoss, testAccuracy] = evaluate();
    EpochMetrics e;
    e.epoch = epoch + 1;
    e.trainLoss = m_samples ? m_lossSum / double(m_samples) : 0.0;
    e.trainAccuracy = m_samples ? m_correct / double(m_samples) : 0.0;
    e.testLoss = testLoss;
    e.testAccuracy = testAccuracy;
    e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!std::isfinite(testLoss))
        return diverged("in epoch " + std::to_string(epoch + 1) +
                            ": the test loss is not finite. Lower the learning rate.",
                        message);
    m_control.addEpoch(e);
    const bool best = testAccuracy > m_bestAccuracy;
    if (best)
        m_bestAccuracy = testAccuracy;
    if (writesRunFolder()) {
        writeRunFiles(false);
        // A budget that ended inside the epoch saves that position (resuming continues there).
        const CheckpointInfo info = stepsDone < m_stepsPerEpoch ? positionInfo(epoch, stepsDone)
                                                                : positionInfo(epoch + 1, 0);
        saveTo("last.ckpt", info);
        if (best)
            saveTo("best.ckpt", info);
        m_haveGoodCheckpoint = true;
    }
    if (m_in.observer)
        m_in.observer->onEpoch(e);
    return std::nullopt;
}

RunOutcome TrainerRun::cancelled(int epoch, int64_t step, std::string &message)
{
    saveTo("last.ckpt", positionInfo(epoch, step));
    message = "cancelled at epoch " + std::to_string(epoch + 1) + ", batch " + std::to_string(step);
    return RunOutcome::Cancelled;
}

RunOutcome TrainerRun::diverged(std::string what, std::string &message)
{
    message = "training diverged " + what;
    if (m_haveGoodCheckpoint) {
        std::lock_guard<std::mutex> lock(m_control.stateMutex());
        loadCheckpoint(runPath("last.ckpt"), *m_model);
        message +=
            " The model was restored from the last good checkpoint " + runPath("last.ckpt") + ".";
    }
    return RunOutcome::Diverged;
}

std::pair<double, double> TrainerRun::evaluate()
{
    if (m_test.size() == 0)
        return {0.0, 0.0};
    torch::NoGradGuard noGrad;
    if (m_in.comm) // batch-norm statistics: rank 0's, as in its checkpoint
        for (auto &b : m_model->buffers()) {
            torch::Tensor t = b.detach();
            m_in.comm->broadcast(t);
        }
    m_model->eval();
    const auto [first, end] = m_in.comm ? evaluationRange(m_test.size(), rank(), worldSize())
                                        : std::pair<int64_t, int64_t>(0, m_test.size());
    // Sums stay on the device (in double, as the per-batch sums were added before) and are
    // read once at the end: no synchronisation per test batch.
    torch::Tensor sumsOnDevice =
        torch::zeros({2}, torch::TensorOptions().dtype(torch::kDouble).device(m_device));
    for (int64_t start = first; start < end; start += m_config.testBatchSize) {
        const int64_t len = std::min<int64_t>(m_config.testBatchSize, end - start);
        const torch::Tensor x = normalise(m_test.images.narrow(0, start, len));
        const torch::Tensor y = m_test.labels.narrow(0, start, len).to(m_device);
        const torch::Tensor logits = m_model->forward(x);
        const torch::Tensor loss = torch::nn::functional::cross_entropy(
            logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum));
        sumsOnDevice += torch::stack(
            {loss.to(torch::kDouble), logits.argmax(1).eq(y).sum().to(torch::kDouble)});
    }
    m_model->train();
    const torch::Tensor hostSums = sumsOnDevice.to(torch::kCPU);
    double lossSum = hostSums[0].item<double>(), correct = hostSums[1].item<double>();
    if (m_in.comm) {
        torch::Tensor sums = torch::tensor({lossSum, correct}, torch::kDouble);
        m_in.comm->allReduceSum(sums);
        lossSum = sums[0].item<double>();
        correct = sums[1].item<double>();
    }
    return {lossSum / double(m_test.size()), correct / double(m_test.size())};
}

CheckpointInfo TrainerRun::positionInfo(int epochsCompleted, int64_t stepInEpoch) const
{
    CheckpointInfo info;
    info.config = m_config;
    info.history = m_control.history();
    info.epochsCompleted = epochsCompleted;
    info.stepInEpoch = stepInEpoch;
    info.globalStep = m_globalStep;
    info.bestTestAccuracy = m_bestAccuracy;
    if (stepInEpoch > 0) {
        info.epochLossSum = m_lossSum;
        info.epochCorrect = m_correct;
        info.epochSamples = m_samples;
    }
    return info;
}

void TrainerRun::saveTo(const std::string &name, const CheckpointInfo &info)
{
    if (!writesRunFolder())
        return;
    CheckpointState state;
    state.optimizer = m_optimizer.get();
    state.defaultGeneratorState = defaultCpuGenerator().get_state();
    state.trainerGeneratorState = m_generator->get_state();
    saveCheckpoint(runPath(name), info, *m_model, state);
}

void TrainerRun::writeRunFiles(bool fresh)
{
    if (!writesRunFolder())
        return;
    fs::create_directories(m_in.runFolder);
    writeFileAtomically(runPath("config.json"), toJsonString(m_config) + "\n");
    const MetricsHistory history = m_control.history();
    std::string csv = epochCsvHeader();
    for (const auto &e : history.epochs)
        csv += epochCsvRow(e);
    writeFileAtomically(runPath("metrics.csv"), csv);
    if (fresh) {
        std::string rows = batchCsvHeader();
        for (const auto &b : history.batches)
            rows += batchCsvRow(b);
        writeFileAtomically(runPath("batches.csv"), rows);
    }
}

void TrainerRun::appendBatchRow(const BatchMetrics &m)
{
    if (!writesRunFolder())
        return;
    std::ofstream out(runPath("batches.csv"), std::ios::app);
    out << batchCsvRow(m);
}

bool TrainerRun::budgetSpent() const
{
    return m_config.maxSteps > 0 && m_globalStep >= m_config.maxSteps;
}

RunOutcome TrainerRun::execute(std::string &message)
{
    setUp();
    for (int epoch = m_startEpoch; epoch < m_config.epochs && !budgetSpent(); ++epoch)
        if (const std::optional<RunOutcome> end = runEpoch(epoch, message))
            return *end;
    const MetricsHistory history = m_control.history();
    const std::string what = budgetSpent()
                                 ? "the budget of " + std::to_string(m_config.maxSteps) + " steps"
                                 : std::to_string(m_config.epochs) + " epochs";
    message =
        "finished " + what + "; test accuracy " +
        std::to_string(history.epochs.empty() ? 0.0 : history.epochs.back().testAccuracy * 100.0) +
        "%";
    return RunOutcome::Finished;
}

} // namespace ql::core
