// SPDX-License-Identifier: MIT
// The LibTorch side of the saliency comparison, bit-width preview and evaluation. Runs on the
// inference thread on model snapshots only.
#include "app/gui/engine.h"
#include "app/gui/inference_backend.h"

#include "core/data/dataset.h"
#include "core/data/normalization.h"
#include "core/imaging/batch_predict.h"
#include "core/imaging/colormap.h"
#include "core/imaging/preprocess.h"
#include "core/imaging/saliency_render.h"
#include "core/imaging/tensor_images.h"
#include "core/metrics/agreement.h"
#include "core/models/classifier.h"
#include "core/quant/model_size.h"
#include "core/quant/post_training.h"
#include "core/saliency/saliency.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <torch/nn/functional/activation.h>

#include <algorithm>

namespace ql::app {

namespace {

const c10::Device kCpu(c10::kCPU);
constexpr int kEvaluationLimit = 2000; // test images for the confusion matrices
constexpr int kTopPredictions = 3;

QImage toQImage(const ql::imaging::RgbImage &image)
{
    if (image.isNull())
        return {};
    return QImage(image.pixels.data(), image.width, image.height, 3 * image.width,
                  QImage::Format_RGB888)
        .copy();
}

int zoomFor(int64_t size)
{
    return std::max<int>(1, static_cast<int>(224 / std::max<int64_t>(1, size)));
}

class EngineInferenceBackend : public InferenceBackend {
public:
    SaliencyResult explain(const SaliencyRequest &request, const ModelHandle models[],
                           const DataHandle &data) override
    {
        QElapsedTimer timer;
        timer.start();
        SaliencyResult result;
        if (!models[0].isValid() && !models[1].isValid()) {
            result.error = QObject::tr("Train the models (or open a session) first.");
            return result;
        }
        const auto &spec = (models[0].isValid() ? models[0] : models[1]).model->spec();
        torch::Tensor input; // [1, C, H, W] normalised
        ql::core::Normalization norm;
        if (data.isValid())
            norm = data.splits->norm;
        else
            norm = {std::vector<float>(spec.inChannels, 0.5f),
                    std::vector<float>(spec.inChannels, 0.5f)};
        if (!request.filePath.isEmpty()) {
            result.source = request.filePath;
            const ql::imaging::ModelInputSpec in = ql::imaging::droppedImageSpec(spec, norm);
            try {
                input =
                    ql::imaging::prepareImageFileForModel(request.filePath.toStdString(), in).input;
            } catch (const std::exception &e) {
                result.error = QObject::tr("Cannot use %1: %2")
                                   .arg(QFileInfo(request.filePath).fileName(),
                                        QString::fromLocal8Bit(e.what()));
                return result;
            }
        } else {
            if (!data.isValid() || request.testIndex < 0 ||
                request.testIndex >= data.splits->test.size()) {
                result.error = QObject::tr("No test image %1.").arg(request.testIndex);
                return result;
            }
            const auto &test = data.splits->test;
            input = ql::core::normalizeImages(test.images.narrow(0, request.testIndex, 1), norm);
            result.trueLabel = static_cast<int>(test.labels[request.testIndex].item<int64_t>());
            result.testIndex = request.testIndex;
            result.trueName = result.trueLabel < test.numClasses()
                                  ? QString::fromStdString(test.classNames[result.trueLabel])
                                  : QString::number(result.trueLabel);
            result.source = QObject::tr("test #%1").arg(request.testIndex);
        }

        ql::core::SaliencyOptions options;
        options.method = ql::core::saliencyMethodFromString(request.method.toStdString());
        const bool signedMap = request.colormap == QLatin1String("diverging");
        options.absolute = !signedMap;
        torch::Tensor maps[kModelSlots];
        std::vector<ql::imaging::FloatImage> floatMaps(kModelSlots);
        for (int slot = 0; slot < kModelSlots; ++slot) {
            if (!models[slot].isValid())
                continue;
            auto r = ql::core::computeSaliency(*models[slot].model, input, options);
            maps[slot] = r.maps[0].detach().to(kCpu);
            floatMaps[slot] = ql::imaging::toFloatImage(maps[slot]);
            const auto probs = torch::softmax(r.logits[0].detach().to(kCpu), 0);
            const auto top = probs.topk(std::min<int64_t>(kTopPredictions, probs.size(0)));
            const auto values = std::get<0>(top);
            const auto labels = std::get<1>(top);
            for (int64_t i = 0; i < values.size(0); ++i) {
                Prediction p;
                p.label = static_cast<int>(labels[i].item<int64_t>());
                p.name = data.isValid() && p.label < data.splits->test.numClasses()
                             ? QString::fromStdString(data.splits->test.classNames[p.label])
                             : QString::number(p.label);
                p.probability = values[i].item<double>();
                result.predictions[slot].push_back(p);
            }
        }
        // One scale for both maps, so a weaker map looks weaker.
        std::vector<const ql::imaging::FloatImage *> present;
        for (int slot = 0; slot < kModelSlots; ++slot)
            if (maps[slot].defined())
                present.push_back(&floatMaps[slot]);
        const auto scale = ql::imaging::sharedScale(present, signedMap, request.clipPercentile);
        const auto background = ql::imaging::toFloatImage(input[0]);
        ql::imaging::RenderOptions render;
        render.colorMap = ql::imaging::colorMapFromString(request.colormap.toStdString());
        render.opacity = static_cast<float>(request.opacity);
        render.zoom = zoomFor(spec.imageSize);
        result.input = toQImage(ql::imaging::renderInput(background, render.zoom));
        for (int slot = 0; slot < kModelSlots; ++slot)
            if (maps[slot].defined())
                result.maps[slot] =
                    toQImage(ql::imaging::renderMap(floatMaps[slot], scale, render, &background));
        if (maps[0].defined() && maps[1].defined()) {
            result.difference = toQImage(
                ql::imaging::renderDifference(floatMaps[0], floatMaps[1], scale, render.zoom));
            const auto agreement = ql::core::agreementScores(maps[0], maps[1]);
            result.spearman = agreement.spearman;
            result.topKIoU = agreement.topKIou;
            result.ssim = agreement.ssim;
        }
        result.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        return result;
    }

    PreviewResult preview(const PreviewRequest &request, const ModelHandle &standard,
                          const DataHandle &data, ModelHandle &quantizedOut) override
    {
        QElapsedTimer timer;
        timer.start();
        PreviewResult result;
        result.quant = request.quant;
        if (!standard.isValid() || !data.isValid()) {
            result.error = QObject::tr("Train the standard model first.");
            return result;
        }
        request.quant.validate();
        // Post-training quantization: the trained float weights and alphas at the new bits.
        // Alphas the float model never learned are calibrated (MSE-optimal clip per bit-width)
        // on a few training images; learned alphas are kept.
        constexpr int64_t kCalibrationImages = 256;
        const auto &train = data.splits->train;
        std::vector<torch::Tensor> calibration;
        if (const int64_t n = std::min<int64_t>(kCalibrationImages, train.size()); n > 0)
            calibration.push_back(
                ql::core::normalizeImages(train.images.narrow(0, 0, n), data.splits->norm));
        auto model =
            ql::core::quantizePostTraining(*standard.model, request.quant, calibration, kCpu);
        model->eval();
        const auto &test = data.splits->test;
        const int64_t n = std::min<int64_t>(request.subsetSize, test.size());
        int64_t correct = 0;
        {
            torch::NoGradGuard noGrad;
            for (int64_t begin = 0; begin < n; begin += 500) {
                const int64_t len = std::min<int64_t>(500, n - begin);
                const auto x =
                    ql::core::normalizeImages(test.images.narrow(0, begin, len), data.splits->norm);
                const auto predicted = model->forward(x).argmax(1);
                correct += predicted.eq(test.labels.narrow(0, begin, len)).sum().item<int64_t>();
            }
        }
        result.subsetSize = static_cast<int>(n);
        result.accuracy = n > 0 ? static_cast<double>(correct) / static_cast<double>(n) : 0.0;
        const ql::core::ModelSize size = ql::core::computeModelSize(*model);
        result.sizeBytes = static_cast<double>(size.bytes);
        result.floatSizeBytes = static_cast<double>(size.floatBytes);
        quantizedOut.model = model;
        result.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        return result;
    }

    GalleryPredictionResult predictFiles(const GalleryPredictionRequest &request,
                                         const ModelHandle models[],
                                         const DataHandle &data) override
    {
        QElapsedTimer timer;
        timer.start();
        GalleryPredictionResult result;
        if (!models[0].isValid() && !models[1].isValid()) {
            result.error = QObject::tr("Train the models (or open a session) first.");
            return result;
        }
        const auto &spec = (models[0].isValid() ? models[0] : models[1]).model->spec();
        // The drop's normalisation and class names (explain() above).
        ql::core::Normalization norm;
        std::vector<std::string> names;
        if (data.isValid()) {
            norm = data.splits->norm;
            names = data.splits->test.classNames;
        } else {
            norm = {std::vector<float>(spec.inChannels, 0.5f),
                    std::vector<float>(spec.inChannels, 0.5f)};
        }
        if (names.empty())
            for (int64_t c = 0; c < spec.numClasses; ++c)
                names.push_back(std::to_string(c));
        std::vector<ql::imaging::PredictionModel> list;
        std::vector<int> slotOf;
        for (int slot = 0; slot < kModelSlots; ++slot) {
            if (!models[slot].isValid())
                continue;
            // A copy in eval mode: the snapshot may be explained (train mode untouched) meanwhile.
            auto model = ql::core::cloneClassifier(*models[slot].model, kCpu);
            model->eval();
            ql::imaging::PredictionModel pm;
            pm.label = slot == 0 ? "standard" : "quantized";
            pm.input = ql::imaging::droppedImageSpec(model->spec(), norm);
            pm.logits = [model](const torch::Tensor &x) {
                torch::NoGradGuard noGrad;
                return model->forward(x);
            };
            list.push_back(std::move(pm));
            slotOf.push_back(slot);
        }
        std::vector<std::string> paths;
        paths.reserve(static_cast<size_t>(request.files.size()));
        for (const QString &file : request.files)
            paths.push_back(file.toStdString());
        const auto nameOf = [&names](int64_t label) {
            return label >= 0 && label < static_cast<int64_t>(names.size())
                       ? QString::fromStdString(names[static_cast<size_t>(label)])
                       : QString::number(label);
        };
        result.items.reserve(request.files.size());
        ql::imaging::PredictOptions options;
        options.topK = kTopPredictions;
        ql::imaging::predictImageFiles(
            paths, list, options, [&](const std::vector<ql::imaging::ImagePrediction> &batch) {
                for (const auto &entry : batch) {
                    GalleryPrediction item;
                    item.file = request.files.at(static_cast<int>(entry.index));
                    item.error = QString::fromLocal8Bit(entry.error.c_str());
                    item.inverted = entry.inverted;
                    item.knownLabel =
                        static_cast<int>(ql::imaging::labelFromFolder(entry.path, names));
                    if (item.knownLabel >= 0)
                        item.knownName = nameOf(item.knownLabel);
                    for (size_t m = 0; m < entry.top.size(); ++m)
                        for (const auto &score : entry.top[m]) {
                            Prediction p;
                            p.label = static_cast<int>(score.label);
                            p.name = nameOf(score.label);
                            p.probability = score.probability;
                            item.top[slotOf[m]].push_back(p);
                        }
                    result.items.push_back(item);
                }
            });
        result.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        return result;
    }

    ModelDescription describe(const ql::core::ModelSpec &spec) override
    {
        ModelDescription d;
        // An untrained model of the chosen spec: sizes and bit-operations depend on the
        // architecture and the bits only. makeClassifier validates the spec (throws).
        const auto model = ql::core::makeClassifier(spec);
        const ql::core::ModelSize size = ql::core::computeModelSize(*model);
        for (const auto &layer : size.layers) {
            ql::widgets::LayerBitsRow row;
            row.name = QString::fromStdString(layer.name);
            row.kind = QString::fromStdString(layer.kind);
            row.weightBits = layer.weightBits;
            row.activationBits = layer.activationBits;
            row.parameters = layer.parameters;
            row.sizeBytes = static_cast<double>(layer.bytes);
            row.bops = static_cast<double>(layer.bops);
            d.layers.push_back(row);
        }
        d.parameters = size.parameters;
        d.sizeBytes = static_cast<double>(size.bytes);
        d.floatSizeBytes = static_cast<double>(size.floatBytes);
        d.bops = static_cast<double>(size.bops);
        d.floatBops = static_cast<double>(size.floatBops);
        return d;
    }

    EvaluationResult evaluate(const ModelHandle models[], const DataHandle &data) override
    {
        EvaluationResult result;
        if (!data.isValid())
            return result;
        const auto &test = data.splits->test;
        const int64_t n = std::min<int64_t>(kEvaluationLimit, test.size());
        const int64_t classes = std::max<int64_t>(1, test.numClasses());
        result.classNames = classNames(data);
        result.evaluated = static_cast<int>(n);
        torch::Tensor wrong = torch::zeros({n}, torch::kBool);
        torch::NoGradGuard noGrad;
        const auto labels = test.labels.narrow(0, 0, n);
        for (int slot = 0; slot < kModelSlots; ++slot) {
            if (!models[slot].isValid())
                continue;
            // Evaluate a copy: eval() must not flip the mode of a model another call uses.
            auto model = ql::core::cloneClassifier(*models[slot].model, kCpu);
            model->eval();
            std::vector<torch::Tensor> parts;
            for (int64_t begin = 0; begin < n; begin += 500) {
                const int64_t len = std::min<int64_t>(500, n - begin);
                parts.push_back(model
                                    ->forward(ql::core::normalizeImages(
                                        test.images.narrow(0, begin, len), data.splits->norm))
                                    .argmax(1));
            }
            const auto predicted = torch::cat(parts);
            const auto cm = torch::bincount(labels * classes + predicted, {}, classes * classes);
            const auto acc = cm.accessor<int64_t, 1>();
            result.confusion[slot].resize(static_cast<size_t>(classes * classes));
            for (int64_t i = 0; i < classes * classes; ++i)
                result.confusion[slot][static_cast<size_t>(i)] = static_cast<int>(acc[i]);
            wrong = wrong.logical_or(predicted.ne(labels));
            result.accuracy[slot] = predicted.eq(labels).sum().item<double>() /
                                    static_cast<double>(std::max<int64_t>(1, n));
        }
        const auto idx = wrong.nonzero().flatten();
        for (int64_t i = 0; i < idx.size(0); ++i)
            result.misclassified.push_back(static_cast<int>(idx[i].item<int64_t>()));
        return result;
    }
};

} // namespace

std::shared_ptr<InferenceBackend> makeEngineInferenceBackend()
{
    return std::make_shared<EngineInferenceBackend>();
}

} // namespace ql::app
