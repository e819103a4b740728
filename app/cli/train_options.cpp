// SPDX-License-Identifier: MIT
#include "app/cli/train_options.h"

#include "core/imaging/dataset_loader.h"
#include "core/models/model_footprint.h"
#include "core/registry.h"
#include "core/train/config_json.h"

#include <QCoreApplication>

#include <QRegularExpression>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

[[noreturn]] void bad(const QString &message)
{
    throw std::invalid_argument(message.toStdString());
}

int bitsOption(const QCommandLineParser &p, const QString &name)
{
    const QString text = p.value(name).trimmed();
    if (text == QLatin1String("float") || text == QLatin1String("32"))
        return core::kFloatBits;
    bool ok = false;
    const long long bits = text.toLongLong(&ok);
    if (!ok || bits < 1 || bits > 8 || !core::isValidBitWidth(int(bits)))
        bad(tr("--%1: '%2' bits is not supported (use 1 to 8, or float)").arg(name, text));
    return int(bits);
}

} // namespace

long long intOption(const QCommandLineParser &p, const QString &name, long long lo, long long hi)
{
    const QString text = p.value(name).trimmed();
    bool ok = false;
    const long long v = text.toLongLong(&ok, 10);
    if (!ok) {
        // toLongLong also fails on overflow: tell a too-large number from a non-number.
        static const QRegularExpression digits(QStringLiteral("^[+-]?[0-9]+$"));
        if (digits.match(text).hasMatch())
            bad(tr("--%1: %2 is out of range: use a whole number from %3 to %4")
                    .arg(name, text)
                    .arg(lo)
                    .arg(hi));
        bad(tr("--%1: '%2' is not a whole number (use %3 to %4)")
                .arg(name, p.value(name))
                .arg(lo)
                .arg(hi));
    }
    if (v < lo || v > hi)
        bad(tr("--%1: %2 is out of range: use a whole number from %3 to %4")
                .arg(name, text)
                .arg(lo)
                .arg(hi));
    return v;
}

long long intOption(const QCommandLineParser &p, const QString &name)
{
    return intOption(p, name, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
}

double doubleOption(const QCommandLineParser &p, const QString &name, double lo, double hi,
                    bool loOpen, bool hiOpen)
{
    const QString text = p.value(name).trimmed();
    bool ok = false;
    const double v = text.toDouble(&ok);
    const QString range = QStringLiteral("%1%2, %3%4")
                              .arg(loOpen ? QStringLiteral("(") : QStringLiteral("["))
                              .arg(lo)
                              .arg(hi)
                              .arg(hiOpen ? QStringLiteral(")") : QStringLiteral("]"));
    if (!ok || !std::isfinite(v))
        bad(tr("--%1: '%2' is not a number (use a value in %3)").arg(name, p.value(name), range));
    if (v < lo || v > hi || (loOpen && v == lo) || (hiOpen && v == hi))
        bad(tr("--%1: %2 is out of range: use a value in %3").arg(name, text, range));
    return v;
}

double doubleOption(const QCommandLineParser &p, const QString &name)
{
    const QString text = p.value(name).trimmed();
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        bad(tr("--%1: '%2' is not a finite number").arg(name, p.value(name)));
    return v;
}

int resizeOption(const QString &value)
{
    // "N" or "NxN": the models take square images.
    const QString text = value.trimmed().toLower();
    const QStringList parts = text.split(QLatin1Char('x'));
    bool ok = parts.size() == 1 || parts.size() == 2;
    std::vector<long long> sides;
    for (const QString &part : parts) {
        bool partOk = false;
        sides.push_back(part.trimmed().toLongLong(&partOk));
        ok = ok && partOk;
    }
    if (!ok)
        bad(tr("--resize: '%1' is not a size: use N or NxN (e.g. 64 or 64x64)").arg(value));
    if (sides.size() == 2 && sides[0] != sides[1])
        bad(tr("--resize: %1 is not square: the models take square images, use NxN").arg(value));
    if (sides[0] < 1 || sides[0] > core::kMaxModelImageSize)
        bad(tr("--resize: %1 is out of range: use a size from 1 to %2")
                .arg(value)
                .arg(core::kMaxModelImageSize));
    return int(sides[0]);
}

void addTrainingOptions(QCommandLineParser &p, bool withBitsAndSgt)
{
    auto add = [&](const char *name, const char *help, const char *valueName = nullptr) {
        if (valueName)
            p.addOption({QString::fromLatin1(name), tr(help), tr(valueName)});
        else
            p.addOption({QString::fromLatin1(name), tr(help)});
    };
    // Names come from core::registry, the lists the GUI and the config parser read too.
    auto names = [](const std::vector<std::string> &list) {
        return QString::fromStdString(core::registry::joined(list));
    };
    p.addOption(
        {QStringLiteral("dataset"),
         tr("%1, or folder:<path>")
             .arg(QString::fromStdString(core::registry::joined(core::registry::datasets(), ", "))),
         tr("name")});
    add("data-dir", QT_TRANSLATE_NOOP("Cli", "folder holding the data set's files"),
        QT_TRANSLATE_NOOP("Cli", "dir"));
    add("resize",
        QT_TRANSLATE_NOOP("Cli", "folder:<path> data sets: resize every image to N x N pixels "
                                 "(N or NxN), for folders of images of different sizes"),
        QT_TRANSLATE_NOOP("Cli", "size"));
    p.addOption({QStringLiteral("model"), names(core::registry::models()), tr("arch")});
    if (withBitsAndSgt) {
        add("wbits", QT_TRANSLATE_NOOP("Cli", "weight bits: 1-8 or float"),
            QT_TRANSLATE_NOOP("Cli", "bits"));
        add("abits", QT_TRANSLATE_NOOP("Cli", "activation bits: 1-8 or float"),
            QT_TRANSLATE_NOOP("Cli", "bits"));
        add("sgt", QT_TRANSLATE_NOOP("Cli", "saliency-guided training on"));
    }
    add("edge", QT_TRANSLATE_NOOP("Cli", "first/last layer bits: float, 8bit or same"),
        QT_TRANSLATE_NOOP("Cli", "policy"));
    add("alpha-init", QT_TRANSLATE_NOOP("Cli", "initial PACT clip level"),
        QT_TRANSLATE_NOOP("Cli", "value"));
    add("mask-fraction", QT_TRANSLATE_NOOP("Cli", "SGT: fraction k of features masked, [0, 1)"),
        QT_TRANSLATE_NOOP("Cli", "k"));
    add("kl-weight", QT_TRANSLATE_NOOP("Cli", "SGT: weight lambda of the KL term"),
        QT_TRANSLATE_NOOP("Cli", "lambda"));
    add("saliency", QT_TRANSLATE_NOOP("Cli", "SGT: magnitude or signed"),
        QT_TRANSLATE_NOOP("Cli", "mode"));
    add("fill", QT_TRANSLATE_NOOP("Cli", "SGT: uniform, background or channel-mean"),
        QT_TRANSLATE_NOOP("Cli", "mode"));
    add("separate-saliency-pass",
        QT_TRANSLATE_NOOP("Cli", "SGT: eval-mode saliency pass as in the reference code"));
    add("sgt-start-step",
        QT_TRANSLATE_NOOP("Cli", "SGT: plain cross-entropy steps before SGT begins (default 0)"),
        QT_TRANSLATE_NOOP("Cli", "steps"));
    add("sgt-ramp-steps",
        QT_TRANSLATE_NOOP("Cli", "SGT: steps over which the KL weight rises to lambda (default 0)"),
        QT_TRANSLATE_NOOP("Cli", "steps"));
    p.addOption({QStringLiteral("optimizer"), names(core::registry::optimizers()), tr("name")});
    add("lr", QT_TRANSLATE_NOOP("Cli", "learning rate (one-cycle: the peak)"),
        QT_TRANSLATE_NOOP("Cli", "rate"));
    add("momentum", QT_TRANSLATE_NOOP("Cli", "SGD momentum"), QT_TRANSLATE_NOOP("Cli", "value"));
    add("nesterov", QT_TRANSLATE_NOOP("Cli", "SGD with Nesterov momentum"));
    add("weight-decay", QT_TRANSLATE_NOOP("Cli", "L2 decay of the weights"),
        QT_TRANSLATE_NOOP("Cli", "value"));
    add("alpha-decay", QT_TRANSLATE_NOOP("Cli", "L2 decay of the PACT alphas"),
        QT_TRANSLATE_NOOP("Cli", "value"));
    p.addOption({QStringLiteral("schedule"), names(core::registry::schedules()), tr("name")});
    add("step-size", QT_TRANSLATE_NOOP("Cli", "step schedule: epochs between decays"),
        QT_TRANSLATE_NOOP("Cli", "epochs"));
    add("milestones", QT_TRANSLATE_NOOP("Cli", "multistep schedule: epochs, comma-separated"),
        QT_TRANSLATE_NOOP("Cli", "list"));
    add("gamma", QT_TRANSLATE_NOOP("Cli", "step / multistep decay factor"),
        QT_TRANSLATE_NOOP("Cli", "value"));
    add("epochs", QT_TRANSLATE_NOOP("Cli", "number of epochs"), QT_TRANSLATE_NOOP("Cli", "n"));
    add("max-steps",
        QT_TRANSLATE_NOOP("Cli", "step budget: stop after n batches in all (0: the epochs alone)"),
        QT_TRANSLATE_NOOP("Cli", "n"));
    add("batch-size", QT_TRANSLATE_NOOP("Cli", "training batch size"),
        QT_TRANSLATE_NOOP("Cli", "n"));
    add("augment", QT_TRANSLATE_NOOP("Cli", "pad-4 random crop + horizontal flip"));
    add("threads", QT_TRANSLATE_NOOP("Cli", "CPU threads (0: all cores)"),
        QT_TRANSLATE_NOOP("Cli", "n"));
    add("device", QT_TRANSLATE_NOOP("Cli", "cpu, cuda, cuda:N or auto"),
        QT_TRANSLATE_NOOP("Cli", "device"));
    add("seed", QT_TRANSLATE_NOOP("Cli", "random seed"), QT_TRANSLATE_NOOP("Cli", "n"));
    add("train-limit",
        QT_TRANSLATE_NOOP("Cli", "use only N training samples, balanced over the classes"),
        QT_TRANSLATE_NOOP("Cli", "n"));
    add("test-limit",
        QT_TRANSLATE_NOOP("Cli", "use only N test samples, balanced over the classes"),
        QT_TRANSLATE_NOOP("Cli", "n"));
}

core::TrainingConfig applyTrainingOptions(const QCommandLineParser &p, core::TrainingConfig c,
                                          bool withBitsAndSgt)
{
    auto has = [&](const char *name) {
        const QString option = QString::fromLatin1(name);
        if (!withBitsAndSgt && (option == QLatin1String("wbits") ||
                                option == QLatin1String("abits") || option == QLatin1String("sgt")))
            return false; // not defined for `compare`
        return p.isSet(option);
    };
    auto str = [&](const char *name) { return p.value(QString::fromLatin1(name)).toStdString(); };
    auto numIn = [&](const char *name, double lo, double hi, bool loOpen, bool hiOpen) {
        return doubleOption(p, QString::fromLatin1(name), lo, hi, loOpen, hiOpen);
    };
    auto integer = [&](const char *name, long long lo, long long hi) {
        return intOption(p, QString::fromLatin1(name), lo, hi);
    };
    try {
        if (has("dataset"))
            c.dataset = str("dataset");
        if (has("data-dir"))
            c.dataDir = str("data-dir");
        if (has("resize")) {
            const int size = resizeOption(p.value(QStringLiteral("resize")));
            c.resizeWidth = size;
            c.resizeHeight = size;
        }
        if (has("model"))
            c.model.arch = str("model");
        if (has("wbits"))
            c.model.quant.weightBits = bitsOption(p, QStringLiteral("wbits"));
        if (has("abits"))
            c.model.quant.activationBits = bitsOption(p, QStringLiteral("abits"));
        if (has("edge"))
            c.model.quant.edgePolicy = core::edgeLayerPolicyFromString(str("edge"));
        if (has("alpha-init"))
            c.model.quant.alphaInit = float(numIn("alpha-init", 0.0, 1e6, true, false));
        if (has("sgt"))
            c.sgt.enabled = true;
        if (has("mask-fraction"))
            c.sgt.maskFraction = numIn("mask-fraction", 0.0, 1.0, false, true);
        if (has("kl-weight"))
            c.sgt.klWeight = numIn("kl-weight", 0.0, 1e6, false, false);
        if (has("saliency"))
            c.sgt.saliency = core::saliencyModeFromString(str("saliency"));
        if (has("fill"))
            c.sgt.fill = core::fillModeFromString(str("fill"));
        if (has("separate-saliency-pass"))
            c.sgt.separateSaliencyPass = true;
        if (has("sgt-start-step"))
            c.sgt.startStep = integer("sgt-start-step", 0, core::kMaxSteps);
        if (has("sgt-ramp-steps"))
            c.sgt.rampSteps = integer("sgt-ramp-steps", 0, core::kMaxSteps);
        if (has("optimizer"))
            c.optimizer.name = str("optimizer");
        if (has("lr"))
            c.optimizer.learningRate = numIn("lr", 0.0, core::kMaxLearningRate, true, false);
        if (has("momentum"))
            c.optimizer.momentum = numIn("momentum", 0.0, 1.0, false, true);
        if (has("nesterov"))
            c.optimizer.nesterov = true;
        if (has("weight-decay"))
            c.optimizer.weightDecay = numIn("weight-decay", 0.0, 1.0, false, false);
        if (has("alpha-decay"))
            c.optimizer.alphaDecay = numIn("alpha-decay", 0.0, 1.0, false, false);
        if (has("schedule"))
            c.schedule.name = str("schedule");
        if (has("step-size"))
            c.schedule.stepSize = int(integer("step-size", 1, core::kMaxEpochs));
        if (has("gamma"))
            c.schedule.gamma = numIn("gamma", 0.0, 1.0, true, false);
        if (has("milestones")) {
            c.schedule.milestones.clear();
            for (const QString &part :
                 p.value(QStringLiteral("milestones")).split(QLatin1Char(','))) {
                bool ok = false;
                const long long m = part.trimmed().toLongLong(&ok);
                if (!ok || m < 1 || m > core::kMaxEpochs)
                    bad(tr("--milestones: '%1' is not a list of epochs from 1 to %2")
                            .arg(p.value(QStringLiteral("milestones")))
                            .arg(core::kMaxEpochs));
                c.schedule.milestones.push_back(int(m));
            }
        }
        if (has("epochs"))
            c.epochs = int(integer("epochs", 1, core::kMaxEpochs));
        if (has("max-steps"))
            c.maxSteps = integer("max-steps", 0, core::kMaxSteps);
        if (has("batch-size"))
            c.batchSize = int(integer("batch-size", 1, core::kMaxBatchSize));
        if (has("augment"))
            c.augment = true;
        if (has("threads"))
            c.threads = int(integer("threads", 0, kMaxCliThreads));
        if (has("device"))
            c.device = str("device");
        if (has("seed"))
            c.seed = uint64_t(integer("seed", 0, std::numeric_limits<long long>::max()));
        if (has("train-limit"))
            c.trainLimit = integer("train-limit", 0, core::kMaxSampleLimit);
        if (has("test-limit"))
            c.testLimit = integer("test-limit", 0, core::kMaxSampleLimit);
        core::validateTrainingConfig(c);
    } catch (const std::invalid_argument &e) {
        bad(tr("invalid settings: %1").arg(QString::fromUtf8(e.what())));
    }
    return c;
}

core::DataSplits loadDataFor(core::TrainingConfig &c)
{
    core::DataSplits data = imaging::loadDataSplits(
        c.dataset, c.dataDir, imaging::DataLoadOptions{c.resizeWidth, c.resizeHeight});
    c.model.inChannels = data.train.channels();
    c.model.imageSize = data.train.height();
    if (data.train.numClasses() > 0)
        c.model.numClasses = data.train.numClasses();
    return data;
}

} // namespace ql::app
