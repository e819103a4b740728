// SPDX-License-Identifier: MIT
// End to end: `quantlens-cli saliency` and `quantlens-cli evaluate` on checkpoints of random
// mnist-cnn models and a tiny MNIST-format data set written by the test.
#include "app/cli/cli_commands.h"
#include "core/imaging/rgb_image.h"
#include "core/models/classifier.h"
#include "core/train/checkpoint.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>
#include <torch/nn.h>
#include <torch/utils.h>

#include <fstream>

using namespace ql;

namespace {

void writeBigEndian(std::ofstream &out, uint32_t v)
{
    const char bytes[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    out.write(bytes, 4);
}

/// Raw (uncompressed) IDX files: images magic 0x803, labels magic 0x801.
void writeMnist(const QString &dir, const QString &prefix, int n)
{
    std::ofstream images((dir + "/" + prefix + "-images-idx3-ubyte").toStdString(),
                         std::ios::binary);
    writeBigEndian(images, 0x803);
    writeBigEndian(images, n);
    writeBigEndian(images, 28);
    writeBigEndian(images, 28);
    auto pixels = torch::randint(0, 256, {n * 28 * 28}, torch::kUInt8);
    images.write(reinterpret_cast<const char *>(pixels.data_ptr<uint8_t>()), n * 28 * 28);
    std::ofstream labels((dir + "/" + prefix + "-labels-idx1-ubyte").toStdString(),
                         std::ios::binary);
    writeBigEndian(labels, 0x801);
    writeBigEndian(labels, n);
    for (int i = 0; i < n; ++i)
        labels.put(char(i % 10));
}

QString writeCheckpoint(const QString &dir, const QString &name, int bits)
{
    core::CheckpointInfo info;
    info.config.dataset = "mnist";
    info.config.dataDir = dir.toStdString();
    info.config.model.arch = "mnist-cnn";
    info.config.model.quant.weightBits = bits;
    info.config.model.quant.activationBits = bits;
    auto model = core::makeClassifier(info.config.model);
    const QString path = dir + "/" + name + ".ckpt";
    core::saveCheckpoint(path.toStdString(), info, *model);
    return path;
}

} // namespace

class TestCliSaliency : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void saliencyGrid();
    void saliencyImageFile();
    void evaluateWritesEverything();
    void errors();

private:
    QTemporaryDir m_dir;
    QString m_float;
    QString m_quant;
};

void TestCliSaliency::initTestCase()
{
    QVERIFY(m_dir.isValid());
    torch::manual_seed(1);
    writeMnist(m_dir.path(), "train", 20);
    writeMnist(m_dir.path(), "t10k", 16);
    m_float = writeCheckpoint(m_dir.path(), "float", 32);
    m_quant = writeCheckpoint(m_dir.path(), "pact4", 4);
}

void TestCliSaliency::saliencyGrid()
{
    const QString out = m_dir.filePath("grid.png");
    const int rc = app::runSaliencyCommand(
        {"quantlens-cli saliency", "--checkpoint", m_float, "--checkpoint", m_quant, "--method",
         "gradient,smoothgrad,gradcam", "--samples", "4", "--test-index", "0,3", "--zoom", "2",
         "--threads", "2", "--out", out});
    QCOMPARE(rc, 0);
    const auto grid = imaging::readRgbImage(out.toStdString());
    // 2 rows; columns: input + 3 methods x (2 models + difference) = 10 cells of >= 56 px.
    QVERIFY(grid.width > 10 * 56);
    QVERIFY(grid.height > 2 * 56);
}

void TestCliSaliency::saliencyImageFile()
{
    imaging::RgbImage digit(40, 30, 255); // a light background gets inverted for MNIST models
    for (int y = 8; y < 22; ++y) {
        for (int x = 18; x < 22; ++x)
            std::fill_n(digit.pixel(x, y), 3, uint8_t(0));
    }
    const QString image = m_dir.filePath("digit.png");
    imaging::writePng(digit, image.toStdString());
    const QString out = m_dir.filePath("single.png");
    QCOMPARE(app::runSaliencyCommand({"quantlens-cli saliency", "--checkpoint", m_float, "--image",
                                      image, "--signed", "--overlay", "0.5", "--out", out}),
             0);
    QVERIFY(QFile::exists(out));
}

void TestCliSaliency::evaluateWritesEverything()
{
    const QString out = m_dir.filePath("eval");
    const int rc = app::runEvaluateCommand(
        {"quantlens-cli evaluate", "--checkpoint", m_float, "--checkpoint", m_quant, "--limit",
         "12", "--sanity-images", "4", "--deletion-steps", "4", "--threads", "2", "--out", out});
    QCOMPARE(rc, 0);
    std::ifstream in((out + "/metrics.json").toStdString());
    const auto json = nlohmann::json::parse(in);
    QCOMPARE(json["models"].size(), size_t(2));
    QCOMPARE(json["images"].get<int>(), 12);
    const auto &first = json["models"][0];
    QCOMPARE(first["modification"]["salient"]["y"].size(), size_t(10));
    QCOMPARE(first["deletion"]["y"].size(), size_t(5));
    QVERIFY(first["randomization"]["layers"].size() >= 3); // conv1, conv2, fc1, fc2
    QVERIFY(json["models"][1].contains("agreement_with_first"));
    QFile csv(out + "/metrics.csv");
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().count('\n'), 3);
    for (const char *png :
         {"modification.png", "deletion.png", "insertion.png", "randomization.png"})
        QVERIFY2(QFile::exists(out + "/" + png), png);
}

void TestCliSaliency::errors()
{
    QCOMPARE(app::runSaliencyCommand({"quantlens-cli saliency", "--checkpoint", m_float}), 2);
    QCOMPARE(
        app::runSaliencyCommand({"quantlens-cli saliency", "--checkpoint",
                                 m_dir.filePath("missing.ckpt"), "--out", m_dir.filePath("x.png")}),
        1);
    QCOMPARE(app::runSaliencyCommand({"quantlens-cli saliency", "--checkpoint", m_float,
                                      "--test-index", "99", "--out", m_dir.filePath("x.png")}),
             2);
    QCOMPARE(app::runSaliencyCommand({"quantlens-cli saliency", "--checkpoint", m_float, "--method",
                                      "deeplift", "--out", m_dir.filePath("x.png")}),
             2);
    QCOMPARE(app::runEvaluateCommand({"quantlens-cli evaluate", "--checkpoint", m_float}), 2);
}

QTEST_GUILESS_MAIN(TestCliSaliency)
#include "tst_cli_saliency.moc"
