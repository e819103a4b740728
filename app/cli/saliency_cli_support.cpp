// SPDX-License-Identifier: MIT
#include "app/cli/saliency_cli_support.h"
#include "app/cli/train_options.h"

#include "core/imaging/dataset_loader.h"
#include "core/registry.h"
#include "core/runtime.h"
#include "core/saliency/saliency.h"
#include "core/train/checkpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <stdexcept>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

} // namespace

void addCommonSaliencyOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("checkpoint"),
                 tr("a model checkpoint (.ckpt); repeat for several models"), tr("file")});
    p.addOption({QStringLiteral("device"), tr("cpu, cuda, cuda:N or auto (default cpu)"),
                 tr("device"), QStringLiteral("cpu")});
    p.addOption({QStringLiteral("threads"), tr("LibTorch threads (default: all cores)"), tr("n"),
                 QStringLiteral("0")});
    p.addOption({QStringLiteral("data-dir"),
                 tr("folder of the data set (default: the one recorded in the checkpoint)"),
                 tr("dir")});
    p.addOption({QStringLiteral("method"),
                 tr("saliency methods, comma-separated: %1 (default gradient)")
                     .arg(QString::fromStdString(
                         core::registry::joined(core::registry::saliencyMethods(), ", "))),
                 tr("list"), QStringLiteral("gradient")});
    p.addOption({QStringLiteral("signed"), tr("signed maps (diverging colours) instead of |map|")});
    p.addOption({QStringLiteral("reduction"),
                 tr("channel reduction: mean, sum, max-abs (default mean)"), tr("name"),
                 QStringLiteral("mean")});
    p.addOption({QStringLiteral("samples"), tr("SmoothGrad samples (default 25)"), tr("n"),
                 QStringLiteral("25")});
    p.addOption({QStringLiteral("noise"),
                 tr("SmoothGrad noise as a fraction of the input range (default 0.15)"), tr("x"),
                 QStringLiteral("0.15")});
    p.addOption({QStringLiteral("steps"), tr("integrated-gradients steps (default 32)"), tr("n"),
                 QStringLiteral("32")});
    p.addOption({QStringLiteral("baseline"),
                 tr("integrated-gradients baseline: zeros, blurred, uniform (default zeros)"),
                 tr("name"), QStringLiteral("zeros")});
}

std::vector<int64_t> parseIndexList(const QString &text)
{
    std::vector<int64_t> out;
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong v = item.trimmed().toLongLong(&ok);
        if (!ok || v < 0)
            throw std::invalid_argument(
                tr("'%1' is not a non-negative index").arg(item).toStdString());
        out.push_back(v);
    }
    return out;
}

std::vector<core::SaliencyMethod> methodsFrom(const QString &text)
{
    std::vector<core::SaliencyMethod> methods;
    for (const QString &name : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        methods.push_back(core::saliencyMethodFromString(name.trimmed().toStdString()));
    if (methods.empty())
        methods.push_back(core::SaliencyMethod::Gradient);
    return methods;
}

core::SaliencyOptions saliencyOptionsFrom(const QCommandLineParser &p)
{
    core::SaliencyOptions o;
    o.smoothGradSamples = int(intOption(p, QStringLiteral("samples"), 1, kMaxCliSamples));
    o.igSteps = int(intOption(p, QStringLiteral("steps"), 1, kMaxCliSamples));
    o.noiseLevel = float(doubleOption(p, QStringLiteral("noise"), 0.0, 10.0));
    o.baseline = core::igBaselineFromString(p.value(QStringLiteral("baseline")).toStdString());
    o.reduction =
        core::channelReductionFromString(p.value(QStringLiteral("reduction")).toStdString());
    o.absolute = !p.isSet(QStringLiteral("signed"));
    core::validateSaliencyOptions(o);
    return o;
}

void makeLabelsUnique(std::vector<LoadedModel> &models)
{
    for (size_t i = 0; i < models.size(); ++i) {
        int copies = 1;
        for (size_t j = 0; j < i; ++j) {
            if (models[j].label == models[i].label ||
                models[j].label.startsWith(models[i].label + QLatin1Char('#')))
                ++copies;
        }
        if (copies > 1)
            models[i].label += QLatin1Char('#') + QString::number(copies);
    }
}

std::vector<LoadedModel> loadCheckpoints(const QCommandLineParser &p, const c10::Device &device)
{
    const QStringList paths = p.values(QStringLiteral("checkpoint"));
    if (paths.isEmpty())
        throw std::invalid_argument(tr("give at least one --checkpoint").toStdString());
    std::vector<LoadedModel> models;
    for (const QString &path : paths) {
        LoadedModel m;
        m.path = path;
        core::CheckpointInfo info;
        m.model = core::loadModelFromCheckpoint(path.toStdString(), device, &info);
        m.config = info.config;
        // "runs/float-sgt/best.ckpt" -> "float-sgt/best"; a plain file -> its base name.
        const QFileInfo fi(path);
        const QString folder = fi.absoluteDir().dirName();
        m.label = fi.completeBaseName();
        if (m.label == QLatin1String("best") || m.label == QLatin1String("last"))
            m.label = folder + QLatin1Char('/') + m.label;
        models.push_back(std::move(m));
    }
    const auto &first = models.front().model->spec();
    for (const auto &m : models) {
        const auto &s = m.model->spec();
        if (s.inChannels != first.inChannels || s.imageSize != first.imageSize)
            throw std::invalid_argument(
                tr("checkpoint '%1' takes %2x%3x%3 inputs but '%4' takes %5x%6x%6; compare "
                   "models of the same data set")
                    .arg(m.path)
                    .arg(s.inChannels)
                    .arg(s.imageSize)
                    .arg(models.front().path)
                    .arg(first.inChannels)
                    .arg(first.imageSize)
                    .toStdString());
    }
    makeLabelsUnique(models);
    return models;
}

core::DataSplits loadDataFor(const QCommandLineParser &p, const LoadedModel &model)
{
    std::string dir = model.config.dataDir;
    if (p.isSet(QStringLiteral("data-dir")))
        dir = p.value(QStringLiteral("data-dir")).toStdString();
    // A folder data set is read at the size the model was trained on (its config's resize).
    return imaging::loadDataSplits(
        model.config.dataset, dir,
        imaging::DataLoadOptions{model.config.resizeWidth, model.config.resizeHeight});
}

} // namespace ql::app
