// SPDX-License-Identifier: MIT
// Batched prediction of image files (core/imaging/batch_predict) and `quantlens-cli predict`:
// hand-computed predictions of models whose output is known in closed form, the labels from
// folder names, per-file errors, batching, path expansion, the CSV and the accuracy summary.
#include "app/cli/cli_commands.h"
#include "core/imaging/batch_predict.h"
#include "core/imaging/image_decode.h"
#include "core/metrics/bootstrap.h"
#include "core/models/classifier.h"
#include "core/train/checkpoint.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <unistd.h>

using namespace ql;

namespace {

void writePng(const QString &path, const imaging::ImageBuffer &image)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const auto bytes = imaging::encodePng(image);
    std::ofstream(path.toStdString(), std::ios::binary)
        .write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
}

imaging::ImageBuffer solid(int w, int h, uint8_t r, uint8_t g, uint8_t b)
{
    imaging::ImageBuffer img{w, h, 3, {}};
    for (int i = 0; i < w * h; ++i)
        img.pixels.insert(img.pixels.end(), {r, g, b});
    return img;
}

/// A dark 28x28 grey image with a light bar whose place depends on `seed` (a digit-like stroke).
imaging::ImageBuffer stroke(int seed)
{
    imaging::ImageBuffer img{28, 28, 1, std::vector<uint8_t>(28 * 28, 0)};
    const int x0 = 6 + seed % 10, y0 = 4 + (seed * 7) % 8;
    for (int y = y0; y < y0 + 14; ++y)
        for (int x = x0; x < x0 + 3 + seed % 4; ++x)
            img.pixels[size_t(y * 28 + x)] = uint8_t(200 + (x * 13 + y) % 55);
    return img;
}

/// Logits = the mean of each channel of the normalised input: a pure colour's class is its
/// channel, with probabilities a softmax we can write down.
imaging::PredictionModel channelMeanModel()
{
    imaging::PredictionModel m;
    m.label = "channel-mean";
    m.input.channels = 3;
    m.input.width = m.input.height = 28;
    m.input.norm = {{0.5f, 0.5f, 0.5f}, {0.5f, 0.5f, 0.5f}};
    m.logits = [](const torch::Tensor &x) { return x.mean({2, 3}); };
    return m;
}

/// Runs `quantlens-cli <args>` in-process; returns the exit code, stdout in `out`.
int runCli(const QStringList &args, QString *out = nullptr)
{
    std::fflush(stdout);
    QTemporaryFile capture;
    capture.open();
    const int saved = ::dup(1);
    ::dup2(capture.handle(), 1);
    const int rc = app::runCli(QStringList{QStringLiteral("quantlens-cli")} + args);
    std::fflush(stdout);
    ::dup2(saved, 1);
    ::close(saved);
    capture.seek(0);
    const QString text = QString::fromUtf8(capture.readAll());
    if (out)
        *out = text;
    std::fputs(text.toUtf8().constData(), stderr); // visible in the test log
    return rc;
}

QList<QStringList> readCsv(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    // RFC 4180 fields: quoted when they hold a comma or a quote ("" inside quotes).
    QList<QStringList> rows;
    for (const QByteArray &bytes : f.readAll().split('\n')) {
        if (bytes.isEmpty())
            continue;
        const QString line = QString::fromUtf8(bytes);
        QStringList fields{QString()};
        bool quoted = false;
        for (int i = 0; i < line.size(); ++i) {
            const QChar c = line.at(i);
            if (quoted && c == QLatin1Char('"') && i + 1 < line.size() &&
                line.at(i + 1) == QLatin1Char('"')) {
                fields.last() += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = !quoted;
            } else if (c == QLatin1Char(',') && !quoted) {
                fields << QString();
            } else {
                fields.last() += c;
            }
        }
        rows << fields;
    }
    return rows;
}

} // namespace

class TestPredict : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::manual_seed(7); }
    void wilsonIntervalHandComputed();
    void channelMeanModelHandComputed();
    void unreadableFilesAreReportedPerFile();
    void labelsFromFolderNames();
    void collectsFilesFoldersAndGlobs();
    void droppedImageSpecIsTheGuiRule();
    void cliPredictsALabelledFolder();
    void cliIntegerEngineAgreesWithLibTorch();
    void cliRefusesBadInput();
};

void TestPredict::wilsonIntervalHandComputed()
{
    // Values from the closed form (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
    auto i = core::wilsonInterval(3, 5);
    QCOMPARE(i.estimate, 0.6);
    QVERIFY(std::abs(i.low - 0.2307242812760128) < 1e-12);
    QVERIFY(std::abs(i.high - 0.882379225767352) < 1e-12);
    i = core::wilsonInterval(0, 2);
    QCOMPARE(i.low, 0.0);
    QVERIFY(std::abs(i.high - 0.6576197724933469) < 1e-12);
    i = core::wilsonInterval(981, 1000);
    QVERIFY(std::abs(i.low - 0.9705155440876868) < 1e-12);
    QVERIFY(std::abs(i.high - 0.9878031142492091) < 1e-12);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, core::wilsonInterval(3, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, core::wilsonInterval(0, 0));
}

void TestPredict::channelMeanModelHandComputed()
{
    QTemporaryDir dir;
    const QString red = dir.filePath("red.png"), green = dir.filePath("green.png"),
                  blue = dir.filePath("blue.png"), grey = dir.filePath("grey.png");
    writePng(red, solid(28, 28, 255, 0, 0));
    writePng(green, solid(28, 28, 0, 255, 0));
    writePng(blue, solid(28, 28, 0, 0, 255));
    writePng(grey, solid(28, 28, 255, 255, 0)); // yellow: red and green tie above blue
    const std::vector<std::string> paths = {red.toStdString(), green.toStdString(),
                                            blue.toStdString(), grey.toStdString()};
    std::vector<imaging::ImagePrediction> all;
    int calls = 0;
    imaging::PredictOptions options;
    options.batchSize = 3;
    QVERIFY(imaging::predictImageFiles(paths, {channelMeanModel()}, options,
                                       [&](const std::vector<imaging::ImagePrediction> &b) {
                                           ++calls;
                                           QVERIFY(b.size() <= 3);
                                           all.insert(all.end(), b.begin(), b.end());
                                       }));
    QCOMPARE(calls, 2); // 4 files in batches of 3
    QCOMPARE(all.size(), size_t(4));
    // A pure colour normalises to +1 in its channel and -1 in the others: p = e / (e + 2/e).
    const double e = std::exp(1.0), p = e * e / (e * e + 2);
    for (int c = 0; c < 3; ++c) {
        QVERIFY(all[size_t(c)].error.empty());
        QCOMPARE(all[size_t(c)].index, int64_t(c));
        QCOMPARE(all[size_t(c)].top[0].size(), size_t(3));
        QCOMPARE(all[size_t(c)].top[0][0].label, int64_t(c));
        QVERIFY(std::abs(all[size_t(c)].top[0][0].probability - p) < 1e-6);
        QVERIFY(std::abs(all[size_t(c)].top[0][1].probability - 1 / (e * e + 2)) < 1e-6);
    }
    // Yellow: logits (1, 1, -1): p = e / (2e + 1/e) for red and green, blue last.
    QCOMPARE(all[3].top[0][2].label, int64_t(2));
    QVERIFY(std::abs(all[3].top[0][0].probability - e * e / (2 * e * e + 1)) < 1e-6);
}

void TestPredict::unreadableFilesAreReportedPerFile()
{
    QTemporaryDir dir;
    const QString good = dir.filePath("good.png"), bad = dir.filePath("bad.png"),
                  missing = dir.filePath("missing.png");
    writePng(good, solid(28, 28, 0, 0, 255));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("%PDF-1.4 not an image");
    f.close();
    std::vector<imaging::ImagePrediction> all;
    imaging::predictImageFiles({bad.toStdString(), good.toStdString(), missing.toStdString()},
                               {channelMeanModel(), channelMeanModel()}, {},
                               [&](const auto &b) { all.insert(all.end(), b.begin(), b.end()); });
    QCOMPARE(all.size(), size_t(3));
    QVERIFY(!all[0].error.empty());
    QVERIFY(all[0].top.empty());
    QVERIFY(all[1].error.empty());
    QCOMPARE(all[1].top.size(), size_t(2));
    QCOMPARE(all[1].top[1][0].label, int64_t(2));
    QVERIFY(!all[2].error.empty());
    // A model that returns the wrong number of rows is a programming error, not a file error.
    auto broken = channelMeanModel();
    broken.logits = [](const torch::Tensor &) { return torch::zeros({1, 3}); };
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             imaging::predictImageFiles({good.toStdString(), good.toStdString()},
                                                        {broken}, {}, [](const auto &) {}));
    std::atomic<bool> cancel{true};
    imaging::PredictOptions options;
    options.cancel = &cancel;
    QVERIFY(!imaging::predictImageFiles({good.toStdString()}, {channelMeanModel()}, options,
                                        [](const auto &) { QFAIL("cancelled"); }));
}

void TestPredict::labelsFromFolderNames()
{
    const std::vector<std::string> digits = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    QCOMPARE(imaging::labelFromFolder("digits/7/a.png", digits), int64_t(7));
    QCOMPARE(imaging::labelFromFolder("/x/digits/a.png", digits), int64_t(-1));
    QCOMPARE(imaging::labelFromFolder("a.png", digits), int64_t(-1));
    const std::vector<std::string> cifar = {"airplane", "automobile", "bird", "cat"};
    QCOMPARE(imaging::labelFromFolder("pets/cat/x.jpg", cifar), int64_t(3));
    QCOMPARE(imaging::labelFromFolder("pets/1/x.jpg", cifar), int64_t(1)); // index folders
    QCOMPARE(imaging::labelFromFolder("pets/12/x.jpg", cifar), int64_t(-1));
    QCOMPARE(imaging::labelFromFolder("pets/dog/x.jpg", cifar), int64_t(-1));
}

void TestPredict::collectsFilesFoldersAndGlobs()
{
    QTemporaryDir dir;
    writePng(dir.filePath("set/b/2.png"), stroke(1));
    writePng(dir.filePath("set/a/1.png"), stroke(2));
    writePng(dir.filePath("set/.hidden/3.png"), stroke(3));
    writePng(dir.filePath("set/a/.4.png"), stroke(4));
    QFile(dir.filePath("set/a/notes.txt")).open(QIODevice::WriteOnly);
    std::vector<std::string> problems;
    auto paths = imaging::collectImagePaths({dir.filePath("set").toStdString()}, problems);
    QCOMPARE(paths.size(), size_t(2));
    QVERIFY(QString::fromStdString(paths[0]).endsWith("set/a/1.png"));
    QVERIFY(QString::fromStdString(paths[1]).endsWith("set/b/2.png"));
    QVERIFY(problems.empty());
    paths = imaging::collectImagePaths({dir.filePath("set/*/*.png").toStdString(),
                                        dir.filePath("nothing").toStdString(),
                                        dir.filePath("set/a/notes.txt").toStdString()},
                                       problems);
    QCOMPARE(paths.size(), size_t(3)); // the glob's two images, the named text file
    QCOMPARE(problems.size(), size_t(1));
    QVERIFY(QString::fromStdString(problems[0]).contains("nothing"));
}

void TestPredict::droppedImageSpecIsTheGuiRule()
{
    core::ModelSpec grey;
    const auto g = imaging::droppedImageSpec(grey, {{0.1307f}, {0.3081f}});
    QVERIFY(g.mnistStyle);
    QCOMPARE(g.channels, 1);
    QCOMPARE(g.width, 28);
    core::ModelSpec colour;
    colour.inChannels = 3;
    colour.imageSize = 32;
    const auto c = imaging::droppedImageSpec(colour, {{0.5f, 0.5f, 0.5f}, {0.2f, 0.2f, 0.2f}});
    QVERIFY(!c.mnistStyle && !c.darkBackground);
    QCOMPARE(c.height, 32);
}

namespace {

/// A float mnist-cnn whose weights are all zero and whose last bias is `bias`: every image gets
/// logits = bias, so its predictions are softmax(bias), whatever the image.
QString constantCheckpoint(const QString &dir, const std::vector<float> &bias, int bits = 32)
{
    core::CheckpointInfo info;
    info.config.dataset = "mnist";
    info.config.dataDir = dir.toStdString();
    info.config.model.arch = "mnist-cnn";
    info.config.model.quant.weightBits = bits;
    info.config.model.quant.activationBits = bits;
    auto model = core::makeClassifier(info.config.model);
    {
        torch::NoGradGuard noGrad;
        for (auto &p : model->named_parameters()) {
            if (p.key() == "fc2.bias")
                p.value().copy_(torch::tensor(bias));
            else if (p.key().find("alpha") == std::string::npos)
                p.value().zero_();
        }
    }
    const QString path = dir + "/constant.ckpt";
    core::saveCheckpoint(path.toStdString(), info, *model);
    return path;
}

QString randomCheckpoint(const QString &dir, const QString &name, int bits)
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

void TestPredict::cliPredictsALabelledFolder()
{
    QTemporaryDir dir;
    // digits/0: 2 images, digits/3: 3 images, one unreadable file, and a file outside any class.
    for (int i = 0; i < 2; ++i)
        writePng(dir.filePath(QStringLiteral("digits/0/img%1.png").arg(i)), stroke(i));
    for (int i = 0; i < 3; ++i)
        writePng(dir.filePath(QStringLiteral("digits/3/img%1.png").arg(i)), stroke(5 + i));
    QFile bad(dir.filePath("digits/3/broken.png"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("not a png");
    bad.close();
    const std::vector<float> bias = {0, 0.1f, 0.2f, 3.0f, 0.3f, 0.4f, 0.5f, 2.0f, 0.6f, 1.0f};
    const QString constant = constantCheckpoint(dir.path(), bias);
    const QString csvPath = dir.filePath("out/predictions.csv");
    QDir().mkpath(dir.filePath("out"));
    QString out;
    QCOMPARE(runCli({"predict", "--checkpoint", constant, "--out", csvPath, "--batch-size", "2",
                     dir.filePath("digits")},
                    &out),
             0);
    const auto rows = readCsv(csvPath);
    QCOMPARE(rows.size(), 1 + 6);
    QCOMPARE(rows[0].join(','), QStringLiteral("file,label,constant top1,constant p1,constant "
                                               "top2,constant p2,constant top3,constant p3,error"));
    // softmax(bias) by hand (python: torch.softmax): 3 -> 0.504257, 7 -> 0.185506, 9 -> 0.068244.
    int errors = 0;
    for (int r = 1; r < rows.size(); ++r) {
        const QStringList &row = rows[r];
        QCOMPARE(row.size(), 9);
        if (!row[8].isEmpty()) {
            ++errors;
            QVERIFY(row[0].endsWith("broken.png"));
            QVERIFY(row[2].isEmpty());
            continue;
        }
        QCOMPARE(row[1], row[0].contains("/0/") ? QStringLiteral("0") : QStringLiteral("3"));
        QCOMPARE(row[2], QStringLiteral("3"));
        QVERIFY(std::abs(row[3].toDouble() - 0.5042566527007041) < 1e-5);
        QCOMPARE(row[4], QStringLiteral("7"));
        QVERIFY(std::abs(row[5].toDouble() - 0.18550565560251708) < 1e-5);
        QCOMPARE(row[6], QStringLiteral("9"));
        QVERIFY(std::abs(row[7].toDouble() - 0.06824371691719602) < 1e-5);
    }
    QCOMPARE(errors, 1);
    // Class 3: 3 of 3 right, class 0: 0 of 2, overall 3 of 5 with its Wilson interval.
    QVERIFY2(
        out.contains(QRegularExpression(QStringLiteral("\\n0 +2 +0\\.00% \\[0\\.00, 65\\.76\\]"))),
        qPrintable(out));
    QVERIFY(out.contains(
        QRegularExpression(QStringLiteral("\\n3 +3 +100\\.00% \\[43\\.85, 100\\.00\\]"))));
    QVERIFY(out.contains(
        QRegularExpression(QStringLiteral("overall +5 +60\\.00% \\[23\\.07, 88\\.24\\]"))));
    QVERIFY(out.contains(QStringLiteral("1 files could not be read")));
    // No temporary file is left next to the CSV.
    QCOMPARE(QDir(dir.filePath("out")).entryList(QDir::Files | QDir::Hidden).size(), 1);

    // A second, random model: its batched predictions equal the one-image-at-a-time LibTorch
    // forward of the same prepared input, and the summary compares the two models.
    const QString random = randomCheckpoint(dir.path(), "random", 32);
    QCOMPARE(runCli({"predict", "--checkpoint", constant, "--checkpoint", random, "--out", csvPath,
                     "--batch-size", "4", dir.filePath("digits/*/img*.png")},
                    &out),
             0);
    QVERIFY(out.contains(QStringLiteral("random minus constant")));
    const auto rows2 = readCsv(csvPath);
    QCOMPARE(rows2.size(), 1 + 5);
    core::CheckpointInfo info;
    auto model = core::loadModelFromCheckpoint(random.toStdString(), torch::kCPU, &info);
    model->eval();
    const auto spec = imaging::droppedImageSpec(model->spec(), {{0.1307f}, {0.3081f}});
    torch::NoGradGuard noGrad;
    for (int r = 1; r < rows2.size(); ++r) {
        const auto input = imaging::prepareImageFileForModel(rows2[r][0].toStdString(), spec).input;
        const auto probs = torch::softmax(model->forward(input)[0], 0);
        const int64_t best = probs.argmax().item<int64_t>();
        QCOMPARE(rows2[r][8], QString::number(best));
        QVERIFY(std::abs(rows2[r][9].toDouble() - probs[best].item<double>()) < 1e-5);
    }
}

void TestPredict::cliIntegerEngineAgreesWithLibTorch()
{
    QTemporaryDir dir;
    for (int i = 0; i < 6; ++i)
        writePng(dir.filePath(QStringLiteral("imgs/%1.png").arg(i)), stroke(i));
    const QString ckpt = randomCheckpoint(dir.path(), "q8", 8);
    const QString csvPath = dir.filePath("int.csv");
    QString out;
    QCOMPARE(runCli({"predict", "--checkpoint", ckpt, "--out", dir.filePath("torch.csv"),
                     dir.filePath("imgs")}),
             0);
    QCOMPARE(runCli({"predict", "--engine", "int", "--checkpoint", ckpt, "--out", csvPath,
                     dir.filePath("imgs")},
                    &out),
             0);
    const auto torchRows = readCsv(dir.filePath("torch.csv"));
    const auto intRows = readCsv(csvPath);
    QCOMPARE(intRows.size(), 7);
    QCOMPARE(intRows[0][2], QStringLiteral("q8 (int) top1"));
    for (int r = 1; r < 7; ++r) {
        QCOMPARE(intRows[r][0], torchRows[r][0]);
        // Same class wherever LibTorch's choice is not a near tie; probabilities close.
        if (torchRows[r][3].toDouble() - torchRows[r][5].toDouble() > 0.05)
            QCOMPARE(intRows[r][2], torchRows[r][2]);
        QVERIFY(std::abs(intRows[r][3].toDouble() - torchRows[r][3].toDouble()) < 0.05);
    }
}

void TestPredict::cliRefusesBadInput()
{
    QTemporaryDir dir;
    writePng(dir.filePath("a.png"), stroke(1));
    const QString ckpt = randomCheckpoint(dir.path(), "m", 32);
    QCOMPARE(runCli({"predict", "--checkpoint", ckpt, dir.filePath("a.png")}), 2); // no --out
    QCOMPARE(runCli({"predict", "--checkpoint", ckpt, "--out", dir.filePath("x.csv")}), 2);
    QCOMPARE(runCli({"predict", "--checkpoint", ckpt, "--engine", "gpu", "--out",
                     dir.filePath("x.csv"), dir.filePath("a.png")}),
             2);
    QCOMPARE(runCli({"predict", "--checkpoint", ckpt, "--batch-size", "0", "--out",
                     dir.filePath("x.csv"), dir.filePath("a.png")}),
             1);
    QCOMPARE(runCli({"predict", "--checkpoint", ckpt, "--out", dir.filePath("x.csv"),
                     dir.filePath("none/*.png")}),
             1);
    QCOMPARE(runCli({"predict", "--out", dir.filePath("x.csv"), dir.filePath("a.png")}), 1);
    QVERIFY(!QFile::exists(dir.filePath("x.csv")));
}

QTEST_GUILESS_MAIN(TestPredict)
#include "tst_predict.moc"
