// SPDX-License-Identifier: MIT
// quantlens-cli saliency: a PNG grid of saliency maps, rows = inputs, columns = the input, then
// for each method every model's map (one shared scale per input and method, so a weaker map
// looks weaker) and, with two or more models, the difference of the first two.
#include "app/cli/cli_commands.h"
#include "app/cli/saliency_cli_support.h"
#include "app/cli/train_options.h"

#include "core/data/normalization.h"
#include "core/imaging/line_plot.h"
#include "core/imaging/preprocess.h"
#include "core/imaging/saliency_render.h"
#include "core/imaging/tensor_images.h"
#include "core/metrics/agreement.h"
#include "core/metrics/feature_removal.h"
#include "core/runtime.h"
#include "core/saliency/saliency.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include <ATen/ATen.h>

#include <algorithm>
#include <cstdio>
#include <exception>

namespace ql::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Cli", text);
}

/// One row of the grid: a model input and what to call it.
struct InputRow {
    QString caption;
    torch::Tensor input; ///< normalised float [1, C, H, W], CPU
};

core::Normalization normalizationFor(const QCommandLineParser &p, const LoadedModel &model)
{
    const std::string &name = model.config.dataset;
    if (name == "mnist")
        return core::mnistNormalization();
    if (name == "fashion-mnist")
        return core::fashionMnistNormalization();
    if (name == "cifar10")
        return core::cifar10Normalization();
    return loadDataFor(p, model).norm; // user folders: computed from their training split
}

std::vector<InputRow> collectInputs(const QCommandLineParser &p, const LoadedModel &first)
{
    std::vector<InputRow> rows;
    QStringList indexTexts = p.values(QStringLiteral("test-index"));
    const QStringList images = p.values(QStringLiteral("image"));
    if (indexTexts.isEmpty() && images.isEmpty())
        indexTexts << QStringLiteral("0");
    if (!indexTexts.isEmpty()) {
        const core::DataSplits data = loadDataFor(p, first);
        for (const QString &text : indexTexts) {
            for (int64_t index : parseIndexList(text)) {
                if (index >= data.test.size())
                    throw std::invalid_argument(
                        tr("test index %1 is out of range: the test set has "
                           "%2 images")
                            .arg(index)
                            .arg(data.test.size())
                            .toStdString());
                const int64_t label = data.test.labels[index].item<int64_t>();
                const QString name = label < data.test.numClasses()
                                         ? QString::fromStdString(data.test.classNames[label])
                                         : QString::number(label);
                rows.push_back({tr("test #%1, label %2").arg(index).arg(name),
                                core::toModelInput(data.test.images.slice(0, index, index + 1),
                                                   data.norm, c10::Device(c10::kCPU))});
            }
        }
    }
    if (!images.isEmpty()) {
        const auto &spec = first.model->spec();
        imaging::ModelInputSpec inputSpec;
        inputSpec.channels = static_cast<int>(spec.inChannels);
        inputSpec.height = static_cast<int>(spec.imageSize);
        inputSpec.width = static_cast<int>(spec.imageSize);
        inputSpec.mnistStyle =
            first.config.dataset == "mnist" || first.config.dataset == "fashion-mnist";
        inputSpec.norm = normalizationFor(p, first);
        for (const QString &path : images) {
            auto prepared = imaging::prepareImageFileForModel(path.toStdString(), inputSpec);
            QString caption = QFileInfo(path).fileName();
            if (prepared.inverted)
                caption += tr(" (inverted)");
            rows.push_back({caption, prepared.input});
        }
    }
    return rows;
}

QString prediction(const core::SaliencyResult &r)
{
    const auto probs = at::softmax(r.logits[0], 0);
    const int64_t cls = r.targets[0].item<int64_t>();
    return tr("class %1 (%2%)").arg(cls).arg(100.0 * probs[cls].item<double>(), 0, 'f', 1);
}

} // namespace

int runSaliencyCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Render saliency maps of one or more checkpoints to a PNG grid: one row per input, for "
           "each method one column per model on a shared scale, plus the difference of the first "
           "two models."));
    p.addHelpOption();
    addCommonSaliencyOptions(p);
    p.addOption(
        {QStringLiteral("test-index"), tr("test-set images, comma-separated indices"), tr("list")});
    p.addOption(
        {QStringLiteral("image"), tr("an image file (PNG, JPEG, BMP); repeatable"), tr("file")});
    p.addOption(
        {QStringLiteral("colormap"),
         tr("viridis, inferno, jet or diverging (default viridis; diverging with --signed)"),
         tr("name")});
    p.addOption({QStringLiteral("clip"),
                 tr("percentile of |map| drawn at full intensity (default 99: the top 1% is "
                    "clipped)"),
                 tr("p"), QStringLiteral("99")});
    p.addOption({QStringLiteral("overlay"),
                 tr("blend the maps over a grayscale copy of the input at this opacity (0..1)"),
                 tr("opacity")});
    p.addOption({QStringLiteral("zoom"),
                 tr("integer nearest-neighbour zoom (default: about 224 px)"), tr("n")});
    p.addOption({QStringLiteral("out"), tr("the PNG to write"), tr("file")});
    QTextStream err(stderr);
    QTextStream out(stdout);
    if (const auto exitCode = parseCommandLine(p, args))
        return *exitCode;
    if (!p.isSet(QStringLiteral("out"))) {
        err << tr("quantlens-cli saliency: --out FILE.png is required") << "\n";
        return 2;
    }
    try {
        // Every number is checked before any work starts.
        core::configureThreads(int(intOption(p, QStringLiteral("threads"), 0, kMaxCliThreads)));
        const bool overlay = p.isSet(QStringLiteral("overlay"));
        const float opacity =
            overlay ? float(doubleOption(p, QStringLiteral("overlay"), 0.0, 1.0)) : 1.0f;
        const double clip = doubleOption(p, QStringLiteral("clip"), 0.0, 100.0, true, false);
        const int zoom =
            p.isSet(QStringLiteral("zoom")) ? int(intOption(p, QStringLiteral("zoom"), 1, 64)) : 0;
        const c10::Device device =
            core::parseDevice(p.value(QStringLiteral("device")).toStdString());
        const auto methods = methodsFrom(p.value(QStringLiteral("method")));
        core::SaliencyOptions base = saliencyOptionsFrom(p); // checked before loading
        auto models = loadCheckpoints(p, device);
        const auto rows = collectInputs(p, models.front());

        imaging::RenderOptions render;
        render.colorMap =
            p.isSet(QStringLiteral("colormap"))
                ? imaging::colorMapFromString(p.value(QStringLiteral("colormap")).toStdString())
                : (base.absolute ? imaging::ColorMap::Viridis : imaging::ColorMap::Diverging);
        const int size = static_cast<int>(models.front().model->spec().imageSize);
        render.zoom = zoom > 0 ? zoom : std::clamp(224 / std::max(1, size), 1, 64);
        render.opacity = opacity;

        std::vector<std::vector<imaging::RgbImage>> grid;
        for (const InputRow &row : rows) {
            const imaging::FloatImage shown = imaging::toFloatImage(row.input[0]);
            std::vector<imaging::RgbImage> cells{imaging::withCaption(
                imaging::renderInput(shown, render.zoom), row.caption.toStdString())};
            for (const auto method : methods) {
                core::SaliencyOptions options = base;
                options.method = method;
                std::vector<imaging::FloatImage> maps;
                std::vector<core::SaliencyResult> results;
                for (auto &m : models) {
                    results.push_back(core::computeSaliency(*m.model, row.input, options));
                    maps.push_back(imaging::toFloatImage(results.back().maps[0]));
                }
                std::vector<const imaging::FloatImage *> pointers;
                for (const auto &m : maps)
                    pointers.push_back(&m);
                const auto scale = imaging::sharedScale(pointers, !options.absolute, clip);
                for (size_t i = 0; i < models.size(); ++i) {
                    const QString caption =
                        QStringLiteral("%1 | %2 | %3")
                            .arg(models[i].label, QString::fromStdString(core::toString(method)),
                                 prediction(results[i]));
                    cells.push_back(imaging::withCaption(
                        imaging::renderMap(maps[i], scale, render, overlay ? &shown : nullptr),
                        caption.toStdString()));
                }
                if (models.size() >= 2) {
                    const auto agreement = core::agreementScores(results[0].maps, results[1].maps);
                    const QString caption = tr("difference 1-2 | rho %1 | SSIM %2")
                                                .arg(agreement.spearman, 0, 'f', 2)
                                                .arg(agreement.ssim, 0, 'f', 2);
                    cells.push_back(imaging::withCaption(
                        imaging::renderDifference(maps[0], maps[1], scale, render.zoom,
                                                  overlay ? &shown : nullptr, render.opacity),
                        caption.toStdString()));
                }
            }
            grid.push_back(std::move(cells));
        }
        const QString path = p.value(QStringLiteral("out"));
        imaging::writePng(imaging::composeGrid(grid, 6, 255), path.toStdString());
        out << tr("wrote %1 (%2 inputs x %3 models x %4 methods)")
                   .arg(path)
                   .arg(rows.size())
                   .arg(models.size())
                   .arg(methods.size())
            << "\n";
        return 0;
    } catch (const std::invalid_argument &e) {
        err << tr("quantlens-cli saliency: %1").arg(QString::fromUtf8(e.what())) << "\n";
        return 2;
    } catch (const std::exception &e) {
        err << tr("quantlens-cli saliency: %1")
                   .arg(QString::fromStdString(core::describeException(e)))
            << "\n";
        return 1;
    }
}

} // namespace ql::app
