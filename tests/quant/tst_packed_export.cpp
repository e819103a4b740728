// SPDX-License-Identifier: MIT
#include "core/quant/model_size.h"
#include "core/quant/packed_export.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <stdexcept>

using namespace ql::core;

class TestPackedExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fourBitIsEightTimesSmaller();
    void roundTripKeepsOutputs_data();
    void roundTripKeepsOutputs();
    void rejectsBadFiles();
};

namespace {

ClassifierPtr model(const std::string &arch, int channels, int bits)
{
    ModelSpec spec;
    spec.arch = arch;
    spec.inChannels = channels;
    spec.imageSize = channels == 1 ? 28 : 32;
    spec.quant.weightBits = bits;
    spec.quant.activationBits = bits;
    return makeClassifier(spec);
}

} // namespace

void TestPackedExport::fourBitIsEightTimesSmaller()
{
    QTemporaryDir dir;
    const std::string floatPath = dir.filePath("float.qlpack").toStdString();
    const std::string fourPath = dir.filePath("four.qlpack").toStdString();
    ClassifierPtr net = model("mnist-cnn", 1, 32);
    exportPackedModel(*net, floatPath);
    net->applyQuantConfig([] {
        QuantConfig c;
        c.weightBits = 4;
        c.activationBits = 4;
        return c;
    }());
    exportPackedModel(*net, fourPath);
    const qint64 floatSize = QFileInfo(QString::fromStdString(floatPath)).size();
    const qint64 fourSize = QFileInfo(QString::fromStdString(fourPath)).size();
    const ModelSize size = computeModelSize(*net);
    // Data = the size accounting's bytes (scales and alphas live in the JSON header instead);
    // the header is a few kilobytes.
    QVERIFY2(fourSize > size.bytes - 100 && fourSize < size.bytes + 8192,
             qPrintable(QStringLiteral("%1 vs %2").arg(fourSize).arg(size.bytes)));
    QVERIFY(floatSize > size.floatBytes && floatSize < size.floatBytes + 8192);
    QVERIFY2(static_cast<double>(floatSize) / static_cast<double>(fourSize) > 7.5,
             qPrintable(QStringLiteral("%1 / %2").arg(floatSize).arg(fourSize)));
    QVERIFY(!QFileInfo::exists(QString::fromStdString(fourPath + ".tmp")));
}

void TestPackedExport::roundTripKeepsOutputs_data()
{
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("bits");
    QTest::newRow("mnist-cnn-3b") << "mnist-cnn" << 1 << 3;
    QTest::newRow("lenet5-1b") << "lenet5" << 1 << 1;
    QTest::newRow("resnet20-4b") << "resnet20" << 3 << 4;
    QTest::newRow("lenet5-float") << "lenet5" << 3 << 32;
}

void TestPackedExport::roundTripKeepsOutputs()
{
    QFETCH(QString, arch);
    QFETCH(int, channels);
    QFETCH(int, bits);
    ClassifierPtr net = model(arch.toStdString(), channels, bits);
    {
        torch::NoGradGuard noGrad; // non-trivial BN statistics and alphas
        for (auto &item : net->named_buffers())
            if (item.key().find("running_mean") != std::string::npos)
                item.value().uniform_(-0.1, 0.1);
        for (auto &alpha : alphaParameters(*net))
            alpha.fill_(3.5);
    }
    net->eval();
    QTemporaryDir dir;
    const std::string path = dir.filePath("m.qlpack").toStdString();
    exportPackedModel(*net, path);
    ClassifierPtr loaded = loadPackedModel(path, torch::kCPU);
    QCOMPARE(pactAlphas(*loaded), pactAlphas(*net));
    torch::NoGradGuard noGrad;
    const int size = channels == 1 ? 28 : 32;
    const torch::Tensor x = torch::randn({3, channels, size, size});
    QVERIFY(torch::allclose(net->forward(x), loaded->forward(x), 1e-4, 1e-4));
}

void TestPackedExport::rejectsBadFiles()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("bad.qlpack").toStdString();
    {
        std::ofstream out(path, std::ios::binary);
        out << "not a model at all";
    }
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadPackedModel(path, torch::kCPU));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             loadPackedModel(dir.filePath("missing").toStdString(), torch::kCPU));
    QVERIFY_THROWS_EXCEPTION(
        std::runtime_error,
        exportPackedModel(*model("lenet5", 1, 4), dir.filePath("no/such/dir/m").toStdString()));
}

QTEST_GUILESS_MAIN(TestPackedExport)
#include "tst_packed_export.moc"
