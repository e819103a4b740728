// SPDX-License-Identifier: MIT
#include "core/train/trainer_run.h"

#include "core/data/batch.h"
#include "core/runtime.h"
#include "core/train/augmentation.h"
#include "core/train/config_json.h"
#include "core/train/optimizer_factory.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/autograd.h>
#include <torch/nn/functional/loss.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

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

TrainerRun::TrainerRun(Trainer &trainer) : m_t(trainer), m_config(trainer.m_config)
{
}

void TrainerRun::report(const std::string &text)
{
    if (m_t.m_observer)
        m_t.m_observer->onMessage(text);
}

std::string TrainerRun::runPath(const std::string &name) const
{
    return (fs::path(m_t.m_runFolder) / name).string();
}

void TrainerRun::prepareData()
{
    m_train = balancedSubset(m_t.m_data.train, m_config.trainLimit);
    m_test = balancedSubset(m_t.m_data.test, m_config.testLimit);
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
    const Normalization &norm = m_t.m_data.norm;
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
    m_mean = torch::tensor(mean).view({1, c, 1, 1}).to(m_device);
    m_std = torch::tensor(stdev).view({1, c, 1, 1}).to(m_device);
    m_trainCount = m_train.size();
    const int64_t b = m_config.batchSize;
    m_stepsPerEpoch = (m_trainCount + b - 1) / b;
    // A last batch of one sample breaks batch norm in train mode: drop it.
    if (m_trainCount % b == 1 && m_stepsPerEpoch > 1)
        --m_stepsPerEpoch;
}

void TrainerRun::prepareModel()
{
    std::lock_guard<std::mutex> lock(m_t.m_stateMutex);
    // A model set with setModel() is trained as is; otherwise build a fresh one.
    if (!m_t.m_model)
        m_t.m_model = makeClassifier(m_config.model);
    m_model = m_t.m_model;
    if (m_t.m_initialModel)
        copyWeights(*m_t.m_initialModel, *m_model);
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
    const CheckpointInfo info = loadCheckpoint(m_t.m_resumePath, *m_model, &state);
    if (info.config.model.arch != m_config.model.arch)
        throw std::invalid_argument("checkpoint " + m_t.m_resumePath + " holds a " +
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
    std::lock_guard<std::mutex> lock(m_t.m_historyMutex);
    m_t.m_history = info.history;
}

torch::Tensor TrainerRun::normalise(const torch::Tensor &images) const
{
    return images.to(m_device).to(torch::kFloat).div_(255.0f).sub_(m_mean).div_(m_std);
}

bool TrainerRun::waitWhilePaused()
{
    if (m_t.m_paused && !m_t.m_cancel) {
        report("paused");
        std::unique_lock<std::mutex> lock(m_t.m_controlMutex);
        m_t.m_controlCv.wait(lock, [&] { return !m_t.m_paused || m_t.m_cancel; });
        if (!m_t.m_cancel)
            report("resumed");
    }
    return !m_t.m_cancel;
}

std::pair<double, double> TrainerRun::evaluate()
{
    if (m_test.size() == 0)
        return {0.0, 0.0};
    torch::NoGradGuard noGrad;
    m_model->eval();
    double lossSum = 0, correct = 0;
    for (int64_t start = 0; start < m_test.size(); start += m_config.testBatchSize) {
        const int64_t len = std::min<int64_t>(m_config.testBatchSize, m_test.size() - start);
        const torch::Tensor x = normalise(m_test.images.narrow(0, start, len));
        const torch::Tensor y = m_test.labels.narrow(0, start, len).to(m_device);
        const torch::Tensor logits = m_model->forward(x);
        lossSum +=
            torch::nn::functional::cross_entropy(
                logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                .item<double>();
        correct += logits.argmax(1).eq(y).sum().item<double>();
    }
    m_model->train();
    return {lossSum / double(m_test.size()), correct / double(m_test.size())};
}

CheckpointInfo TrainerRun::positionInfo(int epochsCompleted, int64_t stepInEpoch) const
{
    CheckpointInfo info;
    info.config = m_config;
    info.history = m_t.history();
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
    if (m_t.m_runFolder.empty())
        return;
    CheckpointState state;
    state.optimizer = m_optimizer.get();
    state.defaultGeneratorState = defaultCpuGenerator().get_state();
    state.trainerGeneratorState = m_generator->get_state();
    saveCheckpoint(runPath(name), info, *m_model, state);
}

void TrainerRun::writeRunFiles(bool fresh)
{
    if (m_t.m_runFolder.empty())
        return;
    fs::create_directories(m_t.m_runFolder);
    writeFileAtomically(runPath("config.json"), toJsonString(m_config) + "\n");
    const MetricsHistory history = m_t.history();
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
    if (m_t.m_runFolder.empty())
        return;
    std::ofstream out(runPath("batches.csv"), std::ios::app);
    out << batchCsvRow(m);
}

RunOutcome TrainerRun::execute(std::string &message)
{
    configureThreads(m_config.threads);
    m_device = parseDevice(m_config.device);
    // Seeds first: model initialisation, dropout and the mask fill draw from the default
    // generator; augmentation from the trainer's own.
    torch::manual_seed(m_config.seed);
    m_generator = at::detail::createCPUGenerator(m_config.seed);
    prepareData();
    prepareModel();
    if (!m_t.m_resumePath.empty()) {
        restore();
    } else {
        std::lock_guard<std::mutex> lock(m_t.m_historyMutex);
        m_t.m_history = {};
    }
    writeRunFiles(true);
    LrSchedule schedule(m_config.schedule, m_config.epochs, m_stepsPerEpoch);
    SaliencyGuidedLoss sgt(m_config.sgt);
    sgt.setBackground(m_background);
    auto forward = [&](const torch::Tensor &x) { return m_model->forward(x); };
    m_haveGoodCheckpoint =
        !m_t.m_runFolder.empty() && fs::exists(runPath("last.ckpt")) && !m_t.m_resumePath.empty();
    report("training " + m_config.model.arch + " on " + std::to_string(m_trainCount) +
           " samples, " + std::to_string(m_stepsPerEpoch) + " batches per epoch, device " +
           m_device.str());

    for (int epoch = m_startEpoch; epoch < m_config.epochs; ++epoch) {
        const auto epochStart = std::chrono::steady_clock::now();
        const int64_t firstStep = epoch == m_startEpoch ? m_startStep : 0;
        if (firstStep == 0) {
            m_lossSum = m_correct = 0;
            m_samples = 0;
        }
        at::Generator shuffle =
            at::detail::createCPUGenerator(m_config.seed + kEpochSeedStride * uint64_t(epoch + 1));
        const torch::Tensor order = torch::randperm(m_trainCount, shuffle, torch::kLong);
        for (int64_t step = firstStep; step < m_stepsPerEpoch; ++step) {
            if (!waitWhilePaused()) {
                saveTo("last.ckpt", positionInfo(epoch, step));
                message = "cancelled at epoch " + std::to_string(epoch + 1) + ", batch " +
                          std::to_string(step);
                return RunOutcome::Cancelled;
            }
            const double pending = m_t.m_pendingLr.exchange(0.0);
            if (pending > 0.0) {
                m_config.optimizer.learningRate = pending;
                report("learning rate set to " + std::to_string(pending));
            }
            const double lr = schedule.learningRate(m_config.optimizer.learningRate, epoch, step);
            setLearningRate(*m_optimizer, lr);

            const auto batchStart = std::chrono::steady_clock::now();
            const int64_t begin = step * m_config.batchSize;
            const int64_t len = std::min<int64_t>(m_config.batchSize, m_trainCount - begin);
            const torch::Tensor idx = order.narrow(0, begin, len);
            torch::Tensor images = m_train.images.index_select(0, idx);
            if (m_config.augment)
                images = randomCropFlip(images, kCropPadding, *m_generator);
            const torch::Tensor x = normalise(images);
            const torch::Tensor y = m_train.labels.index_select(0, idx).to(m_device);

            BatchMetrics m;
            {
                std::lock_guard<std::mutex> lock(m_t.m_stateMutex);
                m_optimizer->zero_grad();
                const SgtLossResult r = sgt.compute(forward, *m_model, x, y);
                m.loss = r.loss.item<double>();
                if (!std::isfinite(m.loss)) {
                    message = "training diverged at epoch " + std::to_string(epoch + 1) +
                              ", batch " + std::to_string(step + 1) + ": the loss is " +
                              std::to_string(m.loss) + ". Lower the learning rate (now " +
                              std::to_string(lr) + ") or use another optimiser.";
                    if (m_haveGoodCheckpoint) {
                        loadCheckpoint(runPath("last.ckpt"), *m_model);
                        message += " The model was restored from the last good checkpoint " +
                                   runPath("last.ckpt") + ".";
                    }
                    return RunOutcome::Diverged;
                }
                // Gradients for the parameters only: the input of the reused saliency pass
                // needs none.
                torch::autograd::backward({r.loss}, {}, c10::nullopt, false, m_parameters);
                m_optimizer->step();
                m.ce = r.ce.item<double>();
                m.kl = r.kl.item<double>();
                m.accuracy = r.logits.argmax(1).eq(y).sum().item<double>() / double(len);
                m.alphas = pactAlphas(*m_model);
                m.clippedFractions = clippedFractions(*m_model);
            }
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - batchStart)
                    .count();
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
            if (m_t.m_observer)
                m_t.m_observer->onBatch(m);
            if (m_globalStep % m_config.batchLogEvery == 0 || step + 1 == m_stepsPerEpoch) {
                {
                    std::lock_guard<std::mutex> lock(m_t.m_historyMutex);
                    m_t.m_history.batches.push_back(m);
                }
                appendBatchRow(m);
            }
        }

        const auto [testLoss, testAccuracy] = evaluate();
        EpochMetrics e;
        e.epoch = epoch + 1;
        e.trainLoss = m_samples ? m_lossSum / double(m_samples) : 0.0;
        e.trainAccuracy = m_samples ? m_correct / double(m_samples) : 0.0;
        e.testLoss = testLoss;
        e.testAccuracy = testAccuracy;
        e.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - epochStart).count();
        if (!std::isfinite(testLoss)) {
            message = "training diverged in epoch " + std::to_string(epoch + 1) +
                      ": the test loss is not finite. Lower the learning rate.";
            if (m_haveGoodCheckpoint) {
                loadCheckpoint(runPath("last.ckpt"), *m_model);
                message += " The model was restored from " + runPath("last.ckpt") + ".";
            }
            return RunOutcome::Diverged;
        }
        {
            std::lock_guard<std::mutex> lock(m_t.m_historyMutex);
            m_t.m_history.epochs.push_back(e);
        }
        const bool best = testAccuracy > m_bestAccuracy;
        if (best)
            m_bestAccuracy = testAccuracy;
        if (!m_t.m_runFolder.empty()) {
            writeRunFiles(false);
            const CheckpointInfo info = positionInfo(epoch + 1, 0);
            saveTo("last.ckpt", info);
            if (best)
                saveTo("best.ckpt", info);
            m_haveGoodCheckpoint = true;
        }
        if (m_t.m_observer)
            m_t.m_observer->onEpoch(e);
    }
    message = "finished " + std::to_string(m_config.epochs) + " epochs; test accuracy " +
              std::to_string(m_t.history().epochs.empty()
                                 ? 0.0
                                 : m_t.history().epochs.back().testAccuracy * 100.0) +
              "%";
    return RunOutcome::Finished;
}

} // namespace ql::core
