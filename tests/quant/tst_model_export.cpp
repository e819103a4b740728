// SPDX-License-Identifier: MIT
// TorchScript and ONNX export. TorchScript: the module loads in LibTorch and in Python PyTorch
// (Debian's /usr/bin/python3) and gives the model's outputs within 1e-5. ONNX: onnx::checker
// in C++ and python3-onnx accept it, its integer weights lie on their k-bit grids, and an
// interpreter of its graph (check_onnx.py) reproduces the model's outputs.
#include "core/deploy/onnx_export.h"
#include "core/deploy/torchscript_export.h"
#include "core/quant/post_training.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <torch/script.h>
#include <torch/serialize.h>

#include <fstream>

using namespace ql::core;

class TestModelExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sameOutputs_data();
    void sameOutputs();
    void rejectsUnsupported();
    void onnxMatches_data();
    void onnxMatches();
    void onnxRejectsBadFiles();
};

namespace {

void writeBytes(const QString &path, const std::vector<char> &bytes)
{
    std::ofstream out(path.toStdString(), std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

bool pythonHas(const char *modules)
{
    if (!QFileInfo::exists(QStringLiteral("/usr/bin/python3")))
        return false;
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-c"), QStringLiteral("import ") + QLatin1String(modules)});
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool pythonHasTorch()
{
    return pythonHas("torch");
}

/// A model with non-trivial batch-norm statistics and calibrated alphas, in eval mode.
ClassifierPtr testModel(const QString &arch, int bits, const torch::Tensor &x)
{
    torch::manual_seed(5);
    ModelSpec spec;
    spec.arch = arch.toStdString();
    spec.inChannels = x.size(1);
    spec.imageSize = x.size(2);
    spec.quant.weightBits = bits;
    spec.quant.activationBits = bits;
    ClassifierPtr model = makeClassifier(spec);
    {
        torch::NoGradGuard noGrad;
        for (auto &item : model->named_buffers())
            if (item.key().find("running_mean") != std::string::npos)
                item.value().uniform_(-0.2, 0.2);
    }
    model->eval();
    if (bits != kFloatBits)
        calibratePactAlphas(*model, {x});
    return model;
}

/// Runs a check script of this folder on `path` with the input and expected output.
void runPythonCheck(const char *script, const QString &path, const torch::Tensor &x,
                    const torch::Tensor &expected, QTemporaryDir &dir)
{
    writeBytes(dir.filePath(QStringLiteral("x.pt")), torch::pickle_save(x));
    writeBytes(dir.filePath(QStringLiteral("y.pt")), torch::pickle_save(expected));
    const QString file = QFINDTESTDATA(script);
    QVERIFY(!file.isEmpty());
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(
        QStringLiteral("/usr/bin/python3"),
        {file, path, dir.filePath(QStringLiteral("x.pt")), dir.filePath(QStringLiteral("y.pt"))});
    QVERIFY(python.waitForFinished(120000));
    const QByteArray output = python.readAll();
    qInfo("%s", output.trimmed().constData());
    QVERIFY2(python.exitCode() == 0, output.constData());
}

} // namespace

void TestModelExport::sameOutputs_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("bits");
    QTest::newRow("mnist-cnn-float") << "mnist-cnn" << 32;
    QTest::newRow("mnist-cnn-4b") << "mnist-cnn" << 4;
    QTest::newRow("resnet20-float") << "resnet20" << 32;
    QTest::newRow("resnet20-2b") << "resnet20" << 2;
}

void TestModelExport::sameOutputs()
{
    QFETCH(QString, arch);
    QFETCH(int, bits);
    const bool resnet = arch == QLatin1String("resnet20");
    torch::manual_seed(6);
    const torch::Tensor x = torch::randn({6, resnet ? 3 : 1, resnet ? 32 : 28, resnet ? 32 : 28});
    ClassifierPtr model = testModel(arch, bits, x);
    torch::Tensor expected;
    {
        torch::NoGradGuard noGrad;
        expected = model->forward(x);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.pt"));
    deploy::exportTorchScript(*model, path.toStdString());
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".tmp")));

    torch::jit::Module loaded = torch::jit::load(path.toStdString());
    torch::Tensor y;
    {
        torch::NoGradGuard noGrad;
        y = loaded.forward({x}).toTensor();
    }
    const double diff = (y - expected).abs().max().item<double>();
    QVERIFY2(diff <= 1e-5, qPrintable(QStringLiteral("LibTorch: max difference %1").arg(diff)));

    if (!pythonHasTorch())
        QSKIP("Debian's /usr/bin/python3 with torch (python3-torch) is not installed");
    runPythonCheck("check_torchscript.py", path, x, expected, dir);
}

void TestModelExport::rejectsUnsupported()
{
    ModelSpec spec;
    spec.arch = "lenet5";
    ClassifierPtr model = makeClassifier(spec);
    QTemporaryDir dir;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             deploy::exportTorchScript(*model, dir.filePath("l.pt").toStdString()));
    spec.arch = "mnist-cnn";
    model = makeClassifier(spec);
    QVERIFY_THROWS_EXCEPTION(
        std::runtime_error,
        deploy::exportTorchScript(*model, dir.filePath("no/such/dir/m.pt").toStdString()));
}

void TestModelExport::onnxMatches_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("bits");
    QTest::newRow("mnist-cnn-float") << "mnist-cnn" << 32;
    QTest::newRow("mnist-cnn-4b") << "mnist-cnn" << 4;
    QTest::newRow("mnist-cnn-8b") << "mnist-cnn" << 8;
    QTest::newRow("resnet20-2b") << "resnet20" << 2;
}

void TestModelExport::onnxMatches()
{
    if (!deploy::onnxExportAvailable())
        QSKIP("built without libonnx-dev");
    QFETCH(QString, arch);
    QFETCH(int, bits);
    const bool resnet = arch == QLatin1String("resnet20");
    torch::manual_seed(6);
    const torch::Tensor x = torch::randn({6, resnet ? 3 : 1, resnet ? 32 : 28, resnet ? 32 : 28});
    ClassifierPtr model = testModel(arch, bits, x);
    torch::Tensor expected;
    {
        torch::NoGradGuard noGrad;
        expected = model->forward(x);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.onnx"));
    deploy::exportOnnx(*model, path.toStdString());
    QVERIFY(!QFileInfo::exists(path + QStringLiteral(".tmp")));
    deploy::checkOnnxFile(path.toStdString());
    if (!pythonHas("onnx, torch"))
        QSKIP("Debian's python3-onnx / python3-torch are not installed");
    runPythonCheck("check_onnx.py", path, x, expected, dir);
}

void TestModelExport::onnxRejectsBadFiles()
{
    if (!deploy::onnxExportAvailable())
        QSKIP("built without libonnx-dev");
    QTemporaryDir dir;
    const std::string good = dir.filePath(QStringLiteral("m.onnx")).toStdString();
    torch::manual_seed(1);
    ClassifierPtr model = testModel(QStringLiteral("mnist-cnn"), 4, torch::randn({2, 1, 28, 28}));
    deploy::exportOnnx(*model, good);
    std::ifstream in(good, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const auto expectError = [&](const std::string &name, const std::string &content) {
        const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
        {
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out << content;
        }
        try {
            deploy::checkOnnxFile(path);
            QFAIL(qPrintable(QString::fromStdString("no error for " + name)));
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find(path) != std::string::npos, e.what());
        }
    };
    expectError("truncated.onnx", bytes.substr(0, bytes.size() / 2));
    expectError("foreign.onnx", "QLPACK\0\1 not an onnx file at all");
    expectError("empty.onnx", "");
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             deploy::checkOnnxFile(dir.filePath("missing").toStdString()));
    ModelSpec spec;
    spec.arch = "lenet5";
    ClassifierPtr lenet = makeClassifier(spec);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             deploy::exportOnnx(*lenet, dir.filePath("l.onnx").toStdString()));
}

QTEST_GUILESS_MAIN(TestModelExport)
#include "tst_model_export.moc"
