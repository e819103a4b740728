// SPDX-License-Identifier: MIT
#include "core/quant/post_training.h"

#include <QTest>

#include <torch/nn/functional/loss.h>
#include <torch/optim/adam.h>

using namespace ql::core;

class TestPostTraining : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void eightBitsKeepsPredictions();
    void twoBitsChangesThem();
    void trainedAlphasAreKept();
    void mseAlphaDependsOnBits();

private:
    ClassifierPtr m_float;
    torch::Tensor m_x;
};

namespace {

QuantConfig bitsConfig(int bits)
{
    QuantConfig c;
    c.weightBits = bits;
    c.activationBits = bits;
    return c;
}

double relativeError(const torch::Tensor &a, const torch::Tensor &b)
{
    return ((a - b).norm() / b.norm()).item<double>();
}

double agreement(const torch::Tensor &a, const torch::Tensor &b)
{
    return a.argmax(1).eq(b.argmax(1)).to(torch::kDouble).mean().item<double>();
}

} // namespace

void TestPostTraining::initTestCase()
{
    // A float lenet5 trained briefly on a 4-class toy task (bright quadrant + noise), so its
    // predictions mean something.
    torch::manual_seed(11);
    const int64_t n = 256;
    m_x = torch::randn({n, 1, 16, 16}) * 0.5;
    const torch::Tensor y = torch::randint(0, 4, {n}, torch::kLong);
    for (int64_t i = 0; i < n; ++i) {
        const int64_t q = y[i].item<int64_t>();
        m_x[i].slice(1, (q / 2) * 8, (q / 2) * 8 + 8).slice(2, (q % 2) * 8, (q % 2) * 8 + 8) += 1.0;
    }
    ModelSpec spec;
    spec.arch = "lenet5";
    spec.imageSize = 16;
    spec.numClasses = 4;
    m_float = makeClassifier(spec);
    m_float->train();
    torch::optim::Adam optimizer(m_float->parameters(), torch::optim::AdamOptions(3e-3));
    for (int step = 0; step < 40; ++step) {
        optimizer.zero_grad();
        torch::nn::functional::cross_entropy(m_float->forward(m_x), y).backward();
        optimizer.step();
    }
    m_float->eval();
}

void TestPostTraining::eightBitsKeepsPredictions()
{
    const std::vector<float> alphasBefore = pactAlphas(*m_float);
    ClassifierPtr q =
        quantizePostTraining(*m_float, bitsConfig(8), {m_x.slice(0, 0, 128)}, torch::kCPU);
    torch::NoGradGuard noGrad;
    const torch::Tensor ref = m_float->forward(m_x);
    const torch::Tensor out = q->forward(m_x);
    const double error = relativeError(out, ref);
    QVERIFY2(error < 0.05, qPrintable(QString::number(error)));
    QVERIFY2(agreement(out, ref) >= 0.97, qPrintable(QString::number(agreement(out, ref))));
    // Alphas were calibrated (the float model's ReLUs never trained theirs), and the original
    // is untouched.
    for (float alpha : pactAlphas(*q))
        QVERIFY(alpha != 10.0f && alpha > 0.0f);
    QCOMPARE(pactAlphas(*m_float), alphasBefore);
    QCOMPARE(m_float->spec().quant.weightBits, 32);
    QCOMPARE(q->layers()[1].bits, (LayerBits{8, 8}));
}

void TestPostTraining::twoBitsChangesThem()
{
    torch::NoGradGuard noGrad;
    const torch::Tensor ref = m_float->forward(m_x);
    ClassifierPtr q8 = quantizePostTraining(*m_float, bitsConfig(8), {m_x}, torch::kCPU);
    QuantConfig two = bitsConfig(2);
    two.edgePolicy = EdgeLayerPolicy::Same;
    ClassifierPtr q2 = quantizePostTraining(*m_float, two, {m_x}, torch::kCPU);
    const double error8 = relativeError(q8->forward(m_x), ref);
    const double error2 = relativeError(q2->forward(m_x), ref);
    QVERIFY2(error2 > 0.2 && error2 > 5 * error8,
             qPrintable(QStringLiteral("%1 vs %2").arg(error2).arg(error8)));
    // On pure-noise inputs (small margins) 2 bits flips predictions, 8 bits hardly any.
    const torch::Tensor noise = torch::randn({512, 1, 16, 16});
    const torch::Tensor noiseRef = m_float->forward(noise);
    const double agree8 = agreement(q8->forward(noise), noiseRef);
    const double agree2 = agreement(q2->forward(noise), noiseRef);
    QVERIFY2(agree2 < 0.95 && agree8 > agree2,
             qPrintable(QStringLiteral("%1 vs %2").arg(agree2).arg(agree8)));
}

void TestPostTraining::trainedAlphasAreKept()
{
    // A model trained with PACT keeps its alphas: only never-used ones are calibrated.
    ClassifierPtr pact = cloneClassifier(*m_float, torch::kCPU);
    pact->applyQuantConfig(bitsConfig(4));
    {
        torch::NoGradGuard noGrad;
        for (auto &alpha : alphaParameters(*pact))
            alpha.fill_(2.5);
    }
    ClassifierPtr q = quantizePostTraining(*pact, bitsConfig(3), {m_x}, torch::kCPU);
    QCOMPARE(pactAlphas(*q), (std::vector<float>{2.5f, 2.5f, 2.5f, 2.5f}));
}

void TestPostTraining::mseAlphaDependsOnBits()
{
    // Exponential-ish positives: long tail. Fewer bits -> lower clip level.
    torch::manual_seed(5);
    const torch::Tensor x = torch::randn({100000}).abs().pow(2) + 1e-3;
    const float a8 = mseOptimalAlpha(x, 8);
    const float a2 = mseOptimalAlpha(x, 2);
    QVERIFY2(a2 < a8, qPrintable(QStringLiteral("%1 %2").arg(a2).arg(a8)));
    QVERIFY(a8 <= x.max().item<float>());
    QVERIFY(a2 >= at::quantile(x, 0.9).item<float>() - 1e-5f);
}

QTEST_GUILESS_MAIN(TestPostTraining)
#include "tst_post_training.moc"
