// SPDX-License-Identifier: MIT
// quantlens-cli export and evaluate-int as users run them: the real binary on a tiny mnist-cnn
// checkpoint and a tiny MNIST-format data set made here. Each format is written and summarised,
// bad arguments are refused with exit code 2, a truncated packed file is refused with a message
// naming it, and evaluate-int's figures agree with an in-process evaluation.
#include "core/data/batch.h"
#include "core/data/normalization.h"
#include "core/deploy/onnx_export.h"
#include "core/models/classifier.h"
#include "core/train/checkpoint.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <torch/types.h>

using namespace ql;

namespace {

/// An uncompressed IDX file: magic (0, 0, 8 = uint8, dims), big-endian sizes, the bytes.
void writeIdx(const QString &path, const std::vector<int32_t> &dims, const torch::Tensor &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QByteArray header;
    header.append(char(0)).append(char(0)).append(char(8)).append(char(dims.size()));
    for (int32_t d : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            header.append(char((d >> shift) & 0xff));
    f.write(header);
    const torch::Tensor t = bytes.contiguous();
    f.write(reinterpret_cast<const char *>(t.data_ptr<uint8_t>()), t.numel());
}

struct Run {
    int exitCode = -1;
    QString out, err;
};

} // namespace

class TestCliDeploy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exportWritesEachFormat();
    void exportRefusesBadArguments_data();
    void exportRefusesBadArguments();
    void evaluateIntAgreesWithLibTorch();
    void evaluateIntRefusesBadInput();

private:
    Run cli(const QStringList &args) const;

    QTemporaryDir m_dir;
    QString m_cli, m_checkpoint, m_data;
    torch::Tensor m_testImages, m_testLabels;
};

void TestCliDeploy::initTestCase()
{
#ifdef QUANTLENS_CLI_PATH
    m_cli = QStringLiteral(QUANTLENS_CLI_PATH);
#endif
    if (!QFile::exists(m_cli))
        QSKIP("quantlens-cli is not built");
    QVERIFY(m_dir.isValid());
    // 20 training and 30 test images of 28x28, labels 0..9.
    m_data = m_dir.filePath(QStringLiteral("mnist"));
    QVERIFY(QDir().mkpath(m_data));
    torch::manual_seed(7);
    const torch::Tensor trainImages = torch::randint(0, 256, {20, 28, 28}, torch::kUInt8);
    const torch::Tensor trainLabels = torch::arange(20, torch::kLong).remainder(10);
    m_testImages = torch::randint(0, 256, {30, 28, 28}, torch::kUInt8);
    m_testLabels = torch::arange(30, torch::kLong).remainder(10);
    writeIdx(m_data + QStringLiteral("/train-images-idx3-ubyte"), {20, 28, 28}, trainImages);
    writeIdx(m_data + QStringLiteral("/train-labels-idx1-ubyte"), {20},
             trainLabels.to(torch::kUInt8));
    writeIdx(m_data + QStringLiteral("/t10k-images-idx3-ubyte"), {30, 28, 28}, m_testImages);
    writeIdx(m_data + QStringLiteral("/t10k-labels-idx1-ubyte"), {30},
             m_testLabels.to(torch::kUInt8));

    // mnist-cnn at 4/4 bits (8-bit first and last layers), random weights.
    core::CheckpointInfo info;
    info.config.dataset = "mnist";
    info.config.dataDir = m_data.toStdString();
    info.config.model.quant.weightBits = info.config.model.quant.activationBits = 4;
    const auto model = core::makeClassifier(info.config.model);
    m_checkpoint = m_dir.filePath(QStringLiteral("model.ckpt"));
    core::saveCheckpoint(m_checkpoint.toStdString(), info, *model);
}

Run TestCliDeploy::cli(const QStringList &args) const
{
    QProcess p;
    p.start(m_cli, args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void TestCliDeploy::exportWritesEachFormat()
{
    QStringList formats{QStringLiteral("packed"), QStringLiteral("torchscript")};
    if (core::deploy::onnxExportAvailable())
        formats << QStringLiteral("onnx");
    for (const QString &format : formats) {
        const QString out = m_dir.filePath(QStringLiteral("export.") + format);
        const Run r = cli({QStringLiteral("export"), QStringLiteral("--checkpoint"), m_checkpoint,
                           QStringLiteral("--format"), format, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, qPrintable(format + QLatin1Char(':') + r.err));
        QVERIFY(QFileInfo(out).size() > 0);
        QVERIFY(r.out.contains(QStringLiteral("Wrote ") + out));
        QVERIFY(r.out.contains(QStringLiteral("size on disk:")));
        QVERIFY(r.out.contains(QStringLiteral("float checkpoint:")));
        // Bits per layer: the 8-bit edge layers and the 4-bit middle ones.
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("conv1 +conv +8 +8 "))),
                 qPrintable(r.out));
        QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("conv2 +conv +4 +4 "))));
        QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("fc1 +linear +4 +4 "))));
        QVERIFY(r.out.contains(QRegularExpression(QStringLiteral("fc2 +linear +8 +logits"))));
        if (format == QLatin1String("packed")) {
            QVERIFY(r.out.contains(QStringLiteral("integer engine:      yes")));
            // Mostly 4-bit weights: under a quarter of the float32 parameters' bytes.
            const auto model =
                core::loadModelFromCheckpoint(m_checkpoint.toStdString(), torch::kCPU);
            int64_t parameters = 0;
            for (const auto &t : model->parameters())
                parameters += t.numel();
            QVERIFY(QFileInfo(out).size() < parameters); // < 8 bits a parameter
        }
    }
    // No temporary left next to the exports.
    for (const QString &name : QDir(m_dir.path()).entryList(QDir::Files))
        QVERIFY2(!name.contains(QStringLiteral(".tmp")), qPrintable(name));
}

void TestCliDeploy::exportRefusesBadArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString missing = QStringLiteral("/nonexistent-folder-ql/model.qlpack");
    QTest::newRow("no --out") << QStringList{QStringLiteral("--checkpoint"), QStringLiteral("C")}
                              << QStringLiteral("--out FILE");
    QTest::newRow("unknown format")
        << QStringList{QStringLiteral("--checkpoint"), QStringLiteral("C"),
                       QStringLiteral("--format"),     QStringLiteral("tflite"),
                       QStringLiteral("--out"),        QStringLiteral("x")}
        << QStringLiteral("unknown format 'tflite'");
    QTest::newRow("missing folder")
        << QStringList{QStringLiteral("--checkpoint"), QStringLiteral("C"), QStringLiteral("--out"),
                       missing}
        << QStringLiteral("does not exist");
    QTest::newRow("out is a folder")
        << QStringList{QStringLiteral("--checkpoint"), QStringLiteral("C"), QStringLiteral("--out"),
                       QDir::tempPath()}
        << QStringLiteral("is a folder");
}

void TestCliDeploy::exportRefusesBadArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    args.replaceInStrings(QRegularExpression(QStringLiteral("^C$")), m_checkpoint);
    const Run r = cli(QStringList{QStringLiteral("export")} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCliDeploy::evaluateIntAgreesWithLibTorch()
{
    const Run r =
        cli({QStringLiteral("evaluate-int"), QStringLiteral("--checkpoint"), m_checkpoint});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("30 test images of mnist")), qPrintable(r.out));
    // The fake-quantized accuracy it prints, computed here independently.
    const auto model = core::loadModelFromCheckpoint(m_checkpoint.toStdString(), torch::kCPU);
    torch::NoGradGuard noGrad;
    const torch::Tensor x =
        core::normalizeImages(m_testImages.unsqueeze(1), core::mnistNormalization());
    const int64_t right = model->forward(x).argmax(1).eq(m_testLabels).sum().item<int64_t>();
    const QString expected = QStringLiteral("fake-quantized LibTorch: accuracy %1%")
                                 .arg(100.0 * static_cast<double>(right) / 30.0, 0, 'f', 2);
    QVERIFY2(r.out.contains(expected), qPrintable(expected + QStringLiteral(" in ") + r.out));
    // The integer engine agrees on (nearly) every image: at most one near-tie may flip.
    const QRegularExpression agree(QStringLiteral("top-1 agreement: (\\d+) / 30"));
    const auto m = agree.match(r.out);
    QVERIFY2(m.hasMatch(), qPrintable(r.out));
    QVERIFY(m.captured(1).toInt() >= 29);

    // The same through an exported file.
    const QString packed = m_dir.filePath(QStringLiteral("eval.qlpack"));
    QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--checkpoint"), m_checkpoint,
                  QStringLiteral("--out"), packed})
                 .exitCode,
             0);
    const Run f = cli({QStringLiteral("evaluate-int"), QStringLiteral("--checkpoint"), m_checkpoint,
                       QStringLiteral("--model"), packed});
    QVERIFY2(f.exitCode == 0, qPrintable(f.err));
    QVERIFY(f.out.contains(expected));
}

void TestCliDeploy::evaluateIntRefusesBadInput()
{
    // Arguments.
    QCOMPARE(cli({QStringLiteral("evaluate-int")}).exitCode, 2);
    for (const QStringList &bad :
         {QStringList{QStringLiteral("--limit"), QStringLiteral("abc")},
          QStringList{QStringLiteral("--limit"), QStringLiteral("-5")},
          QStringList{QStringLiteral("--threads"), QStringLiteral("1000")}}) {
        const Run r = cli(QStringList{QStringLiteral("evaluate-int"),
                                      QStringLiteral("--checkpoint"), m_checkpoint} +
                          bad);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(bad.first()), qPrintable(r.err));
    }
    // A truncated packed file: refused, naming the file, nothing evaluated.
    const QString packed = m_dir.filePath(QStringLiteral("whole.qlpack"));
    QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--checkpoint"), m_checkpoint,
                  QStringLiteral("--out"), packed})
                 .exitCode,
             0);
    QFile whole(packed);
    QVERIFY(whole.open(QIODevice::ReadOnly));
    const QByteArray bytes = whole.readAll();
    const QString truncated = m_dir.filePath(QStringLiteral("truncated.qlpack"));
    QFile cut(truncated);
    QVERIFY(cut.open(QIODevice::WriteOnly));
    cut.write(bytes.left(bytes.size() / 2));
    cut.close();
    const Run r = cli({QStringLiteral("evaluate-int"), QStringLiteral("--checkpoint"), m_checkpoint,
                       QStringLiteral("--model"), truncated});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(truncated), qPrintable(r.err));
    QVERIFY(!r.out.contains(QStringLiteral("agreement")));
}

QTEST_GUILESS_MAIN(TestCliDeploy)
#include "tst_cli_deploy.moc"
