// SPDX-License-Identifier: MIT
// Checkpoints: exact round trip, rejection of truncated / corrupt / foreign files, atomicity.
#include "core/train/checkpoint.h"
#include "core/train/optimizer_factory.h"
#include "tests/train/tiny_model.h"

#include <QTemporaryDir>
#include <QTest>

#include <ATen/CPUGeneratorImpl.h>

#include <torch/optim/adam.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace ql::core;

namespace {

std::string readAll(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const std::string &path, const std::string &bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

/// A model with non-trivial optimiser state: a few Adam steps.
std::unique_ptr<torch::optim::Optimizer> trainSome(ql::test::TinyNet &model)
{
    OptimizerConfig oc;
    oc.name = "adam";
    oc.learningRate = 0.01;
    auto opt = makeOptimizer(oc, splitParameters(*model));
    for (int i = 0; i < 3; ++i) {
        opt->zero_grad();
        model(torch::randn({4, 1, 4, 4})).pow(2).sum().backward();
        opt->step();
    }
    return opt;
}

void expectError(const std::string &path, const QString &mention)
{
    try {
        readCheckpointInfo(path);
        QFAIL("a bad checkpoint was accepted");
    } catch (const std::runtime_error &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(mention), e.what());
        QVERIFY2(QString::fromUtf8(e.what()).contains(QString::fromStdString(path)), e.what());
    }
}

} // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTripIsExact();
    void rejectsTruncatedCorruptAndForeign();
    void failedWriteKeepsOldFile();
    void rejectsModelMismatch();
    void optimizerStateByPosition_data();
    void optimizerStateByPosition();
    void optimizerStateShapeCheck();

private:
    QTemporaryDir m_dir;
    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }
};

void TestCheckpoint::roundTripIsExact()
{
    torch::manual_seed(11);
    ql::test::TinyNet model(ql::test::tinySpec());
    auto opt = trainSome(model);
    CheckpointInfo info;
    info.config.model = ql::test::tinySpec();
    info.config.epochs = 7;
    info.epochsCompleted = 2;
    info.stepInEpoch = 5;
    info.globalStep = 42;
    info.bestTestAccuracy = 0.75;
    info.epochLossSum = 1.25;
    info.epochSamples = 20;
    EpochMetrics e;
    e.epoch = 1;
    e.testAccuracy = 0.5;
    info.history.epochs.push_back(e);
    BatchMetrics b;
    b.globalStep = 10;
    b.alphas = {1.5f, 2.5f};
    info.history.batches.push_back(b);
    CheckpointState state;
    state.optimizer = opt.get();
    at::Generator gen = at::detail::createCPUGenerator(99);
    state.trainerGeneratorState = gen.get_state();
    saveCheckpoint(path("a.ckpt"), info, *model, state);

    torch::manual_seed(12);
    ql::test::TinyNet other(ql::test::tinySpec());
    OptimizerConfig oc; // options come from the config (the trainer sets the lr every batch)
    oc.name = "adam";
    oc.learningRate = 0.01;
    auto otherOpt = makeOptimizer(oc, splitParameters(*other));
    CheckpointState loaded;
    loaded.optimizer = otherOpt.get();
    const CheckpointInfo back = loadCheckpoint(path("a.ckpt"), *other, &loaded);
    const auto p1 = model->named_parameters(), p2 = other->named_parameters();
    for (const auto &item : p1)
        QVERIFY(torch::equal(item.value(), p2[item.key()]));
    QCOMPARE(back.epochsCompleted, 2);
    QCOMPARE(back.stepInEpoch, int64_t(5));
    QCOMPARE(back.globalStep, int64_t(42));
    QCOMPARE(back.bestTestAccuracy, 0.75);
    QCOMPARE(back.epochSamples, int64_t(20));
    QCOMPARE(back.config.epochs, 7);
    QCOMPARE(back.history.epochs.size(), size_t(1));
    QCOMPARE(back.history.batches.at(0).alphas, (std::vector<float>{1.5f, 2.5f}));
    QVERIFY(torch::equal(loaded.trainerGeneratorState, gen.get_state()));
    // The optimiser state came back: one more identical step keeps the models identical.
    const torch::Tensor x = torch::randn({4, 1, 4, 4});
    for (auto *pair : {&opt, &otherOpt}) {
        (*pair)->zero_grad();
        (pair == &opt ? model(x) : other(x)).pow(2).sum().backward();
        (*pair)->step();
    }
    for (const auto &item : model->named_parameters())
        QVERIFY(torch::equal(item.value(), other->named_parameters()[item.key()]));
}

void TestCheckpoint::rejectsTruncatedCorruptAndForeign()
{
    torch::manual_seed(1);
    ql::test::TinyNet model(ql::test::tinySpec());
    CheckpointInfo info;
    info.config.model = ql::test::tinySpec();
    saveCheckpoint(path("good.ckpt"), info, *model);
    const std::string bytes = readAll(path("good.ckpt"));
    QVERIFY(bytes.size() > 100);

    writeAll(path("trunc.ckpt"), bytes.substr(0, bytes.size() - 10));
    expectError(path("trunc.ckpt"), "truncated");
    writeAll(path("header.ckpt"), bytes.substr(0, 12));
    expectError(path("header.ckpt"), "truncated");
    std::string flipped = bytes;
    flipped[bytes.size() - 20] ^= 0x55;
    writeAll(path("flip.ckpt"), flipped);
    expectError(path("flip.ckpt"), "corrupt");
    writeAll(path("foreign.ckpt"), "PK\x03\x04 this is a zip file, not a checkpoint");
    expectError(path("foreign.ckpt"), "not a QuantLens checkpoint");
    writeAll(path("empty.ckpt"), "");
    expectError(path("empty.ckpt"), "not a QuantLens checkpoint");
    expectError(path("missing.ckpt"), "cannot open");
}

void TestCheckpoint::failedWriteKeepsOldFile()
{
    torch::manual_seed(2);
    ql::test::TinyNet model(ql::test::tinySpec());
    CheckpointInfo info;
    info.config.model = ql::test::tinySpec();
    info.globalStep = 1;
    saveCheckpoint(path("keep.ckpt"), info, *model);
    const std::string before = readAll(path("keep.ckpt"));

    info.globalStep = 2;
    ql::core::detail::g_failWriteAfterBytes = 64; // the disk "fills up" 64 bytes into the new file
    bool threw = false;
    try {
        saveCheckpoint(path("keep.ckpt"), info, *model);
    } catch (const std::runtime_error &e) {
        threw = QString::fromUtf8(e.what()).contains("keep.ckpt");
    }
    ql::core::detail::g_failWriteAfterBytes = -1;
    QVERIFY(threw);
    QCOMPARE(readAll(path("keep.ckpt")), before);
    QCOMPARE(readCheckpointInfo(path("keep.ckpt")).globalStep, int64_t(1));
    // No temporary file is left behind.
    int files = 0;
    for (const auto &entry : std::filesystem::directory_iterator(m_dir.path().toStdString()))
        files += entry.path().filename().string().rfind("keep.ckpt", 0) == 0 ? 1 : 0;
    QCOMPARE(files, 1);
    // An unwritable destination fails with a message instead of crashing.
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             saveCheckpoint(path("no/such/dir/x.ckpt"), info, *model));
}

void TestCheckpoint::rejectsModelMismatch()
{
    ql::test::TinyNet small(ql::test::tinySpec());
    CheckpointInfo info;
    info.config.model = ql::test::tinySpec();
    saveCheckpoint(path("small.ckpt"), info, *small);
    ql::test::TinyNet wide(ql::test::tinySpec(1, 4, 3)); // 3 classes: fc2 has another shape
    try {
        loadCheckpoint(path("small.ckpt"), *wide);
        QFAIL("loaded into a model of another shape");
    } catch (const std::runtime_error &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains("does not fit"), e.what());
    }
}

void TestCheckpoint::optimizerStateByPosition_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"sgd", "adam", "adamw", "adadelta"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

// The per-parameter state travels by position, not by LibTorch's keys (TensorImpl addresses,
// spelled differently by LibTorch 1.13 and 2.x): loaded into another model's optimiser, the
// next step is the same as the original's.
void TestCheckpoint::optimizerStateByPosition()
{
    QFETCH(QString, name);
    OptimizerConfig oc;
    oc.name = name.toStdString();
    oc.learningRate = name == "adadelta" ? 1.0 : 0.01;
    oc.momentum = 0.9;
    torch::manual_seed(21);
    ql::test::TinyNet model(ql::test::tinySpec());
    auto opt = makeOptimizer(oc, splitParameters(*model));
    for (int i = 0; i < 3; ++i) {
        opt->zero_grad();
        model(torch::randn({4, 1, 4, 4})).pow(2).sum().backward();
        opt->step();
    }
    torch::serialize::OutputArchive out;
    saveOptimizerState(*opt, out);
    std::ostringstream bytes;
    out.save_to(bytes);

    torch::manual_seed(22);
    ql::test::TinyNet other(ql::test::tinySpec());
    {
        torch::NoGradGuard noGrad;
        for (const auto &item : model->named_parameters())
            other->named_parameters()[item.key()].copy_(item.value());
    }
    auto otherOpt = makeOptimizer(oc, splitParameters(*other));
    torch::serialize::InputArchive in;
    std::istringstream source(bytes.str());
    in.load_from(source);
    loadOptimizerState(*otherOpt, in);
    checkOptimizerStateShapes(*otherOpt);

    const torch::Tensor x = torch::randn({4, 1, 4, 4});
    for (auto *pair : {&opt, &otherOpt}) {
        (*pair)->zero_grad();
        (pair == &opt ? model(x) : other(x)).pow(2).sum().backward();
        (*pair)->step();
    }
    // Without the state (momentum, moments, running averages) the step would differ.
    auto fresh = makeOptimizer(oc, splitParameters(*other));
    QVERIFY(fresh->state().empty());
    for (const auto &item : model->named_parameters())
        QVERIFY2(torch::equal(item.value(), other->named_parameters()[item.key()]),
                 item.key().c_str());

    // Another optimiser or another model is refused with the reason.
    OptimizerConfig otherKind = oc;
    otherKind.name = name == "sgd" ? "adam" : "sgd";
    auto wrongKind = makeOptimizer(otherKind, splitParameters(*other));
    std::istringstream again(bytes.str());
    torch::serialize::InputArchive in2;
    in2.load_from(again);
    try {
        loadOptimizerState(*wrongKind, in2);
        QFAIL("state of another optimiser was accepted");
    } catch (const std::runtime_error &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(name), e.what());
    }
    ModelSpec bigger = ql::test::tinySpec();
    bigger.numClasses += 1;
    ql::test::TinyNet larger(bigger);
    auto largerOpt = makeOptimizer(oc, splitParameters(*larger));
    std::istringstream third(bytes.str());
    torch::serialize::InputArchive in3;
    in3.load_from(third);
    bool refused = false;
    try {
        loadOptimizerState(*largerOpt, in3);
    } catch (const std::runtime_error &) {
        refused = true;
    }
    QVERIFY2(refused, "state of another shape was accepted");
}

// LibTorch's own layout matched by keys that another version wrote: a state tensor of the
// wrong shape is caught before a step fails on it.
void TestCheckpoint::optimizerStateShapeCheck()
{
    torch::manual_seed(23);
    ql::test::TinyNet model(ql::test::tinySpec());
    auto opt = trainSome(model);
    checkOptimizerStateShapes(*opt); // consistent
    // One parameter's moments of another shape, as a key mix-up would give.
    auto &first = static_cast<torch::optim::AdamParamState &>(*opt->state().begin()->second);
    first.exp_avg(torch::zeros({3, 3, 3, 3, 3}));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, checkOptimizerStateShapes(*opt));
}

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
