// SPDX-License-Identifier: MIT
// The bit-width study: bit lists and grid expansion, the summary's intervals and verdicts on
// hand-made results, resume after an interruption (nothing retrained), and the CLI end to end
// on a few MNIST steps.
#include "app/cli/cli_commands.h"
#include "core/study/study.h"
#include "tests/support/test_support.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace ql;
using namespace ql::core;

class TestStudy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void bitLists();
    void gridExpansion();
    void summaryAndVerdicts();
    void seedsThatSplitGiveNoVerdict();
    void resumeSkipsFinishedConfigurations();
    void pauseHoldsAndCancelReachesAPausedStudy();
    void cliRejectsBadOptions();
    void cliStudyOnMnist();
    void claimedCellsAreTrainedOnce();
    void cliWorkersOnMnist();

private:
    QTemporaryDir m_dir;
};

namespace {

Dataset toyData(int64_t n, uint64_t seed)
{
    torch::manual_seed(seed);
    Dataset d;
    d.labels = torch::arange(n, torch::kLong).remainder(4);
    torch::Tensor x = torch::rand({n, 1, 16, 16}) * 80.0;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t q = d.labels[i].item<int64_t>();
        x[i].slice(1, (q / 2) * 8, (q / 2) * 8 + 8).slice(2, (q % 2) * 8, (q % 2) * 8 + 8) += 150.0;
    }
    d.images = x.clamp(0, 255).to(torch::kByte).contiguous();
    d.classNames = {"a", "b", "c", "d"};
    d.name = "toy";
    return d;
}

std::string readAll(const QString &path)
{
    std::ifstream in(path.toStdString());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Counts the runs a study starts and stops it after `stopAfter` finished configurations.
struct Recorder : StudyObserver {
    std::vector<std::string> started;
    int finished = 0;
    int stopAfter = -1;
    std::atomic<bool> *stop = nullptr;
    std::vector<uint64_t> floats;
    void onRunStarted(const std::string &what, int, int) override { started.push_back(what); }
    void onFloatModelFinished(uint64_t seed) override { floats.push_back(seed); }
    void onCellFinished(const CellResult &) override
    {
        if (++finished == stopAfter && stop)
            stop->store(true);
    }
};

/// The tiny grid of the resume test: float and 2 bits, standard only, one seed (3 trainings).
StudyConfig tinyStudy()
{
    StudyConfig c;
    c.base.dataset = "toy";
    c.base.model.arch = "lenet5";
    c.base.model.imageSize = 16;
    c.base.model.numClasses = 4;
    c.base.optimizer.name = "adam";
    c.base.optimizer.learningRate = 0.003;
    c.base.batchSize = 64;
    c.base.threads = 1;
    c.bits = parseBitPairList("float,2");
    c.sgt = {false};
    c.seeds = {1};
    c.floatEpochs = 1;
    c.evalImages = 16;
    c.deletionSteps = 4;
    c.sanityImages = 4;
    c.calibrationImages = 64;
    c.bootstrapResamples = 200;
    return c;
}

/// Pauses the study when the run named `pauseAt` starts, and counts progress calls.
struct Pauser : StudyObserver {
    StudyRunner *runner = nullptr;
    std::string pauseAt;
    std::atomic<bool> pausedSeen{false};
    std::atomic<int> progress{0}, finished{0}, started{0};
    void onRunStarted(const std::string &what, int, int) override
    {
        ++started;
        if (what == pauseAt) {
            runner->pause();
            pausedSeen = true;
        }
    }
    void onRunProgress(double) override { ++progress; }
    void onCellFinished(const CellResult &) override { ++finished; }
};

/// A few MNIST steps of `quantlens-cli study` (float model 1 epoch of 256 images, 200 test
/// images, 40 for the saliency metrics) over `bits`; the caller adds the rest.
QStringList tinyMnistStudy(const QString &mnist, const QString &bits)
{
    return {"quantlens-cli study",
            "--dataset",
            "mnist",
            "--data-dir",
            mnist,
            "--model",
            "mnist-cnn",
            "--bits",
            bits,
            "--seeds",
            "1",
            "--float-epochs",
            "1",
            "--train-limit",
            "256",
            "--test-limit",
            "200",
            "--batch-size",
            "64",
            "--eval-images",
            "40",
            "--deletion-steps",
            "4",
            "--sanity-images",
            "4",
            "--bootstrap",
            "200",
            "--threads",
            "2"};
}

} // namespace

void TestStudy::bitLists()
{
    const auto bits = parseBitPairList("float, 8,4/8,2");
    QCOMPARE(bits.size(), size_t(4));
    QVERIFY(bits[0].isFloat());
    QCOMPARE(bits[1].weightBits, 8);
    QCOMPARE(bits[2].weightBits, 4);
    QCOMPARE(bits[2].activationBits, 8);
    QCOMPARE(toString(bits[2]), std::string("4/8"));
    QCOMPARE(toString(bits[0]), std::string("float"));
    QCOMPARE(toString(parseBitPair("float/4")), std::string("float/4"));
    // Tables and figures go from the most to the least precise, whatever the run order.
    std::vector<std::string> shown;
    for (const auto &b : displayOrder(parseBitPairList("2,4/8,float,8,4")))
        shown.push_back(toString(b));
    QCOMPARE(shown, (std::vector<std::string>{"float", "8", "4/8", "4", "2"}));
    for (const char *bad : {"9", "0", "4/x", "", "float,float", "4,,2", "3.5"})
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseBitPairList(bad));
}

void TestStudy::gridExpansion()
{
    StudyConfig c;
    c.bits = parseBitPairList("float,4/8,2");
    c.seeds = {7, 9};
    const auto cells = expandGrid(c);
    QCOMPARE(cells.size(), size_t(3 * 2 * 2));
    // Seed by seed, bits in order, standard before SGT.
    QCOMPARE(cells[0].id(), std::string("s7-float"));
    QCOMPARE(cells[1].id(), std::string("s7-float-sgt"));
    QCOMPARE(cells[2].id(), std::string("s7-w4a8"));
    QCOMPARE(cells[5].id(), std::string("s7-w2a2-sgt"));
    QCOMPARE(cells[6].id(), std::string("s9-float"));
    std::set<std::string> ids;
    for (const auto &cell : cells)
        ids.insert(cell.id());
    QCOMPARE(ids.size(), cells.size());

    c.floatEpochs = 3;
    c.fineTuneEpochs = 1;
    c.fineTuneLr = 5e-4;
    c.base.optimizer.learningRate = 0.003;
    const TrainingConfig t = cellTrainingConfig(c, cells[3]);
    QCOMPARE(t.model.quant.weightBits, 4);
    QCOMPARE(t.model.quant.activationBits, 8);
    QVERIFY(t.sgt.enabled);
    QCOMPARE(t.seed, uint64_t(7));
    QCOMPARE(t.epochs, 1);
    QCOMPARE(t.optimizer.learningRate, 5e-4);
    const TrainingConfig f = floatTrainingConfig(c, 9);
    QVERIFY(f.model.quant.isFloat());
    QVERIFY(!f.sgt.enabled);
    QCOMPARE(f.epochs, 3);
    QCOMPARE(f.optimizer.learningRate, 0.003);
    c.fromScratch = true;
    QCOMPARE(cellTrainingConfig(c, cells[3]).epochs, 4);
    QCOMPARE(cellTrainingConfig(c, cells[3]).optimizer.learningRate, 0.003);
    // The config survives JSON.
    QVERIFY(toJson(studyConfigFromJson(toJson(c))) == toJson(c));
    c.seeds = {1, 1};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, c.validate());
}

void TestStudy::summaryAndVerdicts()
{
    // One bit-width, one seed, 200 images. SGT classifies all correctly, standard 90%: the
    // paired accuracy difference is +10 pp with an interval excluding 0 -> "better". The
    // modification gap is identical per image -> exactly 0 -> no detectable difference.
    StudyConfig c;
    c.bits = parseBitPairList("4");
    c.seeds = {1};
    c.bootstrapResamples = 1000;
    CellResult standard, guided;
    standard.cell = {c.bits[0], false, 1};
    guided.cell = {c.bits[0], true, 1};
    for (int i = 0; i < 200; ++i) {
        standard.correct.push_back(i % 10 == 0 ? 0.0 : 1.0);
        guided.correct.push_back(1.0);
        const double gap = 0.1 + 0.001 * i;
        standard.perImage["modification_gap"].push_back(gap);
        guided.perImage["modification_gap"].push_back(gap);
        standard.perImage["deletion_auc"].push_back(0.3);
        guided.perImage["deletion_auc"].push_back(0.2 + 0.0001 * (i % 7));
    }
    standard.modelBytes = guided.modelBytes = 1000;
    const StudySummary s = summarizeStudy(c, {standard, guided});
    QCOMPARE(s.points.size(), size_t(2));
    const MetricSummary &acc = s.points[0].metrics.at("accuracy");
    QVERIFY(std::abs(acc.overImages.estimate - 0.9) < 1e-12);
    QVERIFY(acc.overImages.low < 0.9 && acc.overImages.high > 0.9);
    QVERIFY(acc.overImages.low > 0.8 && acc.overImages.high < 0.96);
    const auto &d = s.differences.at("4");
    QVERIFY(std::abs(d.at("accuracy").difference.estimate - 0.1) < 1e-12);
    QCOMPARE(d.at("accuracy").verdict, Verdict::Better);
    QCOMPARE(d.at("modification_gap").difference.low, 0.0);
    QCOMPARE(d.at("modification_gap").verdict, Verdict::NoDetectableDifference);
    QCOMPARE(d.at("deletion_auc").verdict, Verdict::Better); // lower deletion is better
    const std::string verdict = s.verdicts.at("4");
    QVERIFY2(verdict.find("test accuracy: SGT better (+10.00 pp") != std::string::npos,
             verdict.c_str());
    QVERIFY(verdict.find("no detectable difference") != std::string::npos);
    const std::string md = studyMarkdown(c, s, "quantlens-cli study", 12);
    QVERIFY(md.find("| 4 | on | 100.00 [100.00, 100.00] |") != std::string::npos);
    const std::string csv = studyCsv(s);
    QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), 3L);
}

void TestStudy::seedsThatSplitGiveNoVerdict()
{
    // Two seeds, 200 images. Accuracy: at seed 1 SGT is right where standard misses 20 images
    // (i % 10 == 0): +10 pp; at seed 2 SGT misses 4 (i % 50 == 0) that standard gets: -2 pp.
    // Averaged over seeds per image, 16 images differ by +0.5 and none the other way, so the
    // interval over images excludes 0 (+4 pp), but the seeds split: no detectable difference.
    // Deletion is lower with SGT at both seeds: "better" stands, with both seeds listed.
    StudyConfig c;
    c.bits = parseBitPairList("4");
    c.seeds = {1, 2};
    c.bootstrapResamples = 1000;
    std::vector<CellResult> results;
    for (uint64_t seed : c.seeds)
        for (bool sgt : {false, true}) {
            CellResult r;
            r.cell = {c.bits[0], sgt, seed};
            for (int i = 0; i < 200; ++i) {
                bool right = true;
                if (seed == 1 && !sgt)
                    right = i % 10 != 0;
                if (seed == 2 && sgt)
                    right = i % 50 != 0;
                r.correct.push_back(right ? 1.0 : 0.0);
                r.perImage["deletion_auc"].push_back(sgt ? 0.2 + 0.01 * double(seed) : 0.3);
            }
            results.push_back(r);
        }
    const StudySummary s = summarizeStudy(c, results);
    const auto &acc = s.differences.at("4").at("accuracy");
    QVERIFY(std::abs(acc.difference.estimate - 0.04) < 1e-12);
    QVERIFY2(acc.difference.low > 0.0, "the interval over images alone excludes 0");
    QCOMPARE(acc.perSeed.size(), size_t(2));
    QVERIFY(std::abs(acc.perSeed[0] - 0.10) < 1e-12);
    QVERIFY(std::abs(acc.perSeed[1] + 0.02) < 1e-12);
    QVERIFY(!acc.seedsAgree);
    QCOMPARE(acc.verdict, Verdict::NoDetectableDifference);
    const auto &del = s.differences.at("4").at("deletion_auc");
    QVERIFY(del.seedsAgree);
    QCOMPARE(del.verdict, Verdict::Better);
    QVERIFY(std::abs(del.perSeed[0] + 0.09) < 1e-12 && std::abs(del.perSeed[1] + 0.08) < 1e-12);
    const std::string verdict = s.verdicts.at("4");
    QVERIFY2(verdict.find("test accuracy: no detectable difference (+4.00 pp [") !=
                 std::string::npos,
             verdict.c_str());
    QVERIFY2(verdict.find("; seeds split: +10.00, -2.00)") != std::string::npos, verdict.c_str());
    QVERIFY2(verdict.find("deletion AUC: SGT better (-0.0850 [") != std::string::npos,
             verdict.c_str());
    QVERIFY2(verdict.find("; per seed -0.0900, -0.0800)") != std::string::npos, verdict.c_str());
    const nlohmann::json j = toJson(s);
    QCOMPARE(j["sgt_minus_standard"]["4"]["accuracy"]["seeds_agree"].get<bool>(), false);
    QCOMPARE(j["sgt_minus_standard"]["4"]["accuracy"]["per_seed"].size(), size_t(2));
}

void TestStudy::resumeSkipsFinishedConfigurations()
{
    DataSplits data;
    data.train = toyData(192, 1);
    data.test = toyData(64, 2);
    data.norm = {{0.3f}, {0.3f}};
    StudyConfig c;
    c.base.dataset = "toy";
    c.base.model.arch = "lenet5";
    c.base.model.imageSize = 16;
    c.base.model.numClasses = 4;
    c.base.optimizer.name = "adam";
    c.base.optimizer.learningRate = 0.003;
    c.base.batchSize = 64;
    c.base.threads = 1;
    c.bits = parseBitPairList("float,2");
    c.sgt = {false};
    c.seeds = {1};
    c.floatEpochs = 1;
    c.evalImages = 16;
    c.deletionSteps = 4;
    c.sanityImages = 4;
    c.calibrationImages = 64;
    c.bootstrapResamples = 200;
    const QString folder = m_dir.filePath(QStringLiteral("resume"));

    std::atomic<bool> stop{false};
    Recorder first;
    first.stopAfter = 1; // "Ctrl+C" once the first configuration is written
    first.stop = &stop;
    {
        StudyRunner runner(c, data, folder.toStdString());
        runner.setObserver(&first);
        QCOMPARE(runner.totalRuns(), 3);
        const auto results = runner.run(&stop);
        QCOMPARE(results.size(), size_t(1));
    }
    QCOMPARE(first.started.size(), size_t(2)); // the float model and s1-float
    const QString done = QDir(folder).filePath(QStringLiteral("cells/s1-float/result.json"));
    QVERIFY(QFile::exists(done));
    QVERIFY(!QFile::exists(QDir(folder).filePath(QStringLiteral("cells/s1-w2a2/result.json"))));
    const std::string before = readAll(done);
    const QDateTime floatTime =
        QFileInfo(QDir(folder).filePath(QStringLiteral("float-s1/last.ckpt"))).lastModified();

    // Rerun: only the missing configuration is trained; the finished one is untouched.
    Recorder second;
    StudyRunner again(c, data, folder.toStdString());
    again.setObserver(&second);
    const auto results = again.run();
    QCOMPARE(second.started, (std::vector<std::string>{"s1-w2a2"}));
    QCOMPARE(results.size(), size_t(2));
    QCOMPARE(readAll(done), before);
    QCOMPARE(QFileInfo(QDir(folder).filePath(QStringLiteral("float-s1/last.ckpt"))).lastModified(),
             floatTime);
    // Per-image values for the bootstrap, over the same images in every cell.
    QCOMPARE(results[1].correct.size(), size_t(64));
    QCOMPARE(results[1].perImage.at("modification_gap").size(), size_t(16));
    QCOMPARE(results[1].perImage.at("agreement_spearman").size(), size_t(16));
    QVERIFY(results[1].modelBytes < results[0].modelBytes);
    // Training and evaluation time apart, also for the result read back from its file.
    for (const CellResult &r : results)
        QVERIFY2(r.trainSeconds > 0 && r.trainSeconds < r.seconds, r.cell.id().c_str());
    // A third run trains nothing.
    Recorder third;
    StudyRunner done3(c, data, folder.toStdString());
    done3.setObserver(&third);
    QCOMPARE(done3.run().size(), size_t(2));
    QVERIFY(third.started.empty());
    // Another grid in the same folder is refused.
    c.bits = parseBitPairList("float,4");
    StudyRunner other(c, data, folder.toStdString());
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, other.run());
}

void TestStudy::cliRejectsBadOptions()
{
    const QString out = m_dir.filePath(QStringLiteral("bad"));
    for (const QStringList &extra :
         {QStringList{"--bits", "9"}, QStringList{"--bits", "4,4"},
          QStringList{"--sgt-modes", "maybe"}, QStringList{"--seeds", "0"},
          QStringList{"--epochs", "3"}, QStringList{"--fine-tune-epochs", "0"},
          QStringList{"--eval-images", "x"}, QStringList{"--jobs", "0"}}) {
        QStringList args{"quantlens-cli study", "--out", out};
        args += extra;
        QCOMPARE(app::runStudyCommand(args), 2);
    }
    QVERIFY(!QFile::exists(QDir(out).filePath(QStringLiteral("study_config.json"))));
}

void TestStudy::cliStudyOnMnist()
{
    const QString mnist = test::sharedDataPath(QStringLiteral("mnist"));
    if (mnist.isEmpty())
        QSKIP("QUANTLENS_SHARED_DATA/mnist not available");
    const QString out = m_dir.filePath(QStringLiteral("mnist"));
    const QStringList args =
        tinyMnistStudy(mnist, QStringLiteral("float,2")) + QStringList{"--out", out};
    QCOMPARE(app::runStudyCommand(args), 0);
    for (const char *name : {"study.csv", "study.json", "study.md", "study.png", "study.pdf",
                             "study_config.json", "cells/s1-w2a2-sgt/result.json"})
        QVERIFY2(QFile::exists(QDir(out).filePath(QString::fromLatin1(name))), name);
    const std::string md = readAll(QDir(out).filePath(QStringLiteral("study.md")));
    QVERIFY(md.find("**2 bits**") != std::string::npos);
    QVERIFY(readAll(QDir(out).filePath(QStringLiteral("study.pdf"))).rfind("%PDF-1.4", 0) == 0);
    // The same command again: nothing to train, same outputs.
    QCOMPARE(app::runStudyCommand(args), 0);
}

void TestStudy::claimedCellsAreTrainedOnce()
{
    DataSplits data;
    data.train = toyData(192, 1);
    data.test = toyData(64, 2);
    data.norm = {{0.3f}, {0.3f}};
    StudyConfig c = tinyStudy();
    c.sgt = {false, true};
    c.seeds = {1, 2};
    const QString folder = m_dir.filePath(QStringLiteral("claims"));
    const auto grid = expandGrid(c);
    // A claim left by a worker that is gone: a worker skips that configuration.
    QVERIFY(QDir().mkpath(QDir(folder).filePath(QStringLiteral("cells"))));
    const QString stale = QDir(folder).filePath(QStringLiteral("cells/s1-w2a2.claim"));
    QVERIFY(QFile(stale).open(QIODevice::WriteOnly));
    // Two workers at once from an empty folder share both float models and the other seven
    // configurations, each trained exactly once.
    Recorder a, b;
    std::thread other([&] {
        StudyRunner w(c, data, folder.toStdString());
        w.setObserver(&b);
        w.setScope(StudyRunner::Scope::ClaimedCells);
        w.run();
    });
    {
        StudyRunner w(c, data, folder.toStdString());
        w.setObserver(&a);
        w.setScope(StudyRunner::Scope::ClaimedCells);
        w.run();
    }
    other.join();
    std::multiset<std::string> trained(a.started.begin(), a.started.end());
    trained.insert(b.started.begin(), b.started.end());
    std::multiset<std::string> expected{"float model, seed 1", "float model, seed 2"};
    for (const StudyCell &cell : grid)
        if (cell.id() != "s1-w2a2")
            expected.insert(cell.id());
    QCOMPARE(trained, expected);
    std::multiset<uint64_t> floats(a.floats.begin(), a.floats.end());
    floats.insert(b.floats.begin(), b.floats.end());
    QCOMPARE(floats, (std::multiset<uint64_t>{1, 2}));
    QVERIFY(QFile::exists(stale)); // not theirs to remove
    QVERIFY(!QFile::exists(QDir(folder).filePath(QStringLiteral("cells/s1-w2a2/result.json"))));
    // The owner clears stale claims; a worker then trains the last configuration.
    StudyRunner owner(c, data, folder.toStdString());
    owner.clearClaims();
    QVERIFY(!QFile::exists(stale));
    Recorder last;
    owner.setObserver(&last);
    owner.setScope(StudyRunner::Scope::ClaimedCells);
    QCOMPARE(owner.run().size(), grid.size());
    QCOMPARE(last.started, (std::vector<std::string>{"s1-w2a2"}));
    const QStringList leftovers = QDir(QDir(folder).filePath(QStringLiteral("cells")))
                                      .entryList({QStringLiteral("*.claim")}, QDir::Files);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    // A float model claimed by a worker that is gone (no process has its pid): a worker stops
    // with an error instead of waiting for it forever.
    c.seeds = {3};
    const QString dead = m_dir.filePath(QStringLiteral("claims-dead"));
    QVERIFY(QDir().mkpath(QDir(dead).filePath(QStringLiteral("cells"))));
    QFile claim(QDir(dead).filePath(QStringLiteral("cells/float-s3.claim")));
    // A pid above Linux's largest (2^22).
    QVERIFY(claim.open(QIODevice::WriteOnly) && claim.write("99999999\n") == 9 && claim.flush());
    StudyRunner waiting(c, data, dead.toStdString());
    waiting.setScope(StudyRunner::Scope::ClaimedCells);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, waiting.run());
    QVERIFY(!waiting.floatModelDone(3));
}

void TestStudy::cliWorkersOnMnist()
{
    const QString mnist = test::sharedDataPath(QStringLiteral("mnist"));
    if (mnist.isEmpty())
        QSKIP("QUANTLENS_SHARED_DATA/mnist not available");
#ifndef QUANTLENS_CLI_PATH
    QSKIP("built without the quantlens-cli path");
#else
    if (!QFile::exists(QStringLiteral(QUANTLENS_CLI_PATH)))
        QSKIP("quantlens-cli is not built");
    // Two worker processes of the real quantlens-cli; the same grid in one process for
    // comparison (same seeds: the same trained models, up to the threads' summation order).
    const QString out2 = m_dir.filePath(QStringLiteral("jobs2"));
    const QString out1 = m_dir.filePath(QStringLiteral("jobs1"));
    const QStringList args =
        tinyMnistStudy(mnist, QStringLiteral("float,2")) + QStringList{"--sgt-modes", "off"};
    qputenv("QUANTLENS_CLI", QUANTLENS_CLI_PATH);
    QCOMPARE(app::runStudyCommand(args + QStringList{"--jobs", "2", "--out", out2}), 0);
    qunsetenv("QUANTLENS_CLI");
    QCOMPARE(app::runStudyCommand(args + QStringList{"--jobs", "1", "--out", out1}), 0);
    for (const char *cell : {"s1-float", "s1-w2a2"}) {
        const QString path = QStringLiteral("cells/%1/result.json").arg(QLatin1String(cell));
        QVERIFY2(QFile::exists(QDir(out2).filePath(path)), cell);
        const CellResult two =
            cellResultFromJson(nlohmann::json::parse(readAll(QDir(out2).filePath(path))));
        const CellResult one =
            cellResultFromJson(nlohmann::json::parse(readAll(QDir(out1).filePath(path))));
        QVERIFY2(std::abs(two.testAccuracy - one.testAccuracy) <= 0.02, cell);
    }
    for (const char *name : {"study.md", "study.csv", "study.png"})
        QVERIFY2(QFile::exists(QDir(out2).filePath(QString::fromLatin1(name))), name);
    QVERIFY(QDir(QDir(out2).filePath(QStringLiteral("cells")))
                .entryList({QStringLiteral("*.claim")}, QDir::Files)
                .isEmpty());
#endif
}

void TestStudy::pauseHoldsAndCancelReachesAPausedStudy()
{
    DataSplits data;
    data.train = toyData(192, 1);
    data.test = toyData(64, 2);
    data.norm = {{0.3f}, {0.3f}};
    const StudyConfig c = tinyStudy();
    const QString folder = m_dir.filePath(QStringLiteral("pause"));

    // 1. Paused when s1-float starts: nothing advances; the stop flag, set while paused (no
    //    resume), ends the study with that configuration unfinished.
    {
        StudyRunner runner(c, data, folder.toStdString());
        Pauser observer;
        observer.runner = &runner;
        observer.pauseAt = "s1-float";
        runner.setObserver(&observer);
        std::atomic<bool> stop{false};
        int progressWhilePaused[2] = {-1, -2};
        std::thread steer([&] {
            while (!observer.pausedSeen)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            progressWhilePaused[0] = observer.progress;
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            progressWhilePaused[1] = observer.progress;
            stop = true; // no resume(): the paused study must see the flag by itself
        });
        const auto results = runner.run(&stop);
        steer.join();
        QVERIFY(runner.isPaused());
        QCOMPARE(progressWhilePaused[1], progressWhilePaused[0]);
        QCOMPARE(results.size(), size_t(0));
        QCOMPARE(observer.finished.load(), 0);
        QVERIFY(
            !QFile::exists(QDir(folder).filePath(QStringLiteral("cells/s1-float/result.json"))));
    }
    // 2. Paused when s1-w2a2 starts, resumed from another thread: the study completes.
    {
        StudyRunner runner(c, data, folder.toStdString());
        Pauser observer;
        observer.runner = &runner;
        observer.pauseAt = "s1-w2a2";
        runner.setObserver(&observer);
        std::thread steer([&] {
            while (!observer.pausedSeen)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            runner.resume();
        });
        const auto results = runner.run();
        steer.join();
        QVERIFY(!runner.isPaused());
        QCOMPARE(results.size(), size_t(2));
        QCOMPARE(observer.finished.load(), 2);
        QCOMPARE(observer.started.load(), 2); // the float model was kept from part 1
    }
}

QTEST_GUILESS_MAIN(TestStudy)
#include "tst_study.moc"
