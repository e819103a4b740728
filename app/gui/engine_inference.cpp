// SPDX-License-Identifier: MIT
// The LibTorch side of the saliency comparison, bit-width preview and evaluation. Runs on the
// inference thread on model snapshots only.
#include "app/gui/engine.h"
#include "app/gui/inference_backend.h"

#include "core/data/batch.h"
#include "core/data/dataset.h"
#include "core/data/normalization.h"
#include "core/deploy/int_engine.h"
#include "core/deploy/model_export.h"
#include "core/imaging/batch_predict.h"
#include "core/imaging/colormap.h"
#include "core/imaging/preprocess.h"
#include "core/imaging/saliency_render.h"
#include "core/imaging/tensor_images.h"
#include "core/metrics/agreement.h"
#include "core/models/classifier.h"
#include "core/quant/model_size.h"
#include "core/quant/packed_export.h"
#include "core/quant/post_training.h"
#include "core/saliency/saliency.h"
#include "core/train/checkpoint.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <torch/nn/functional/activation.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace ql::app {

namespace {

const c10::Device kCpu(c10::kCPU);
constexpr int kEvaluationLimit = 2000; // test images for the confusion matrices
constexpr int kTopPredictions = 3;
constexpr int64_t kPreviewBatch = 128; // fits the caches (docs/ARCHITECTURE.md)
// Training images that calibrate the alphas a float model never learned. 128 images give each
// layer 65,536 sampled activations (calibratePactAlphas' cap per batch), as 256 did; half the
// forward passes keep the preview's first stage fast.
constexpr int64_t kCalibrationImages = 128;

/// A file name in the system's temporary folder that no other process uses.
std::string temporaryPath(const std::string &name)
{
    return (std::filesystem::temp_directory_path() /
            ("quantlens-" + std::to_string(::getpid()) + "-" + name))
        .string();
}

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
        // A dropped image through the integer engine, when model B is integer-runnable.
        if (!request.filePath.isEmpty() && models[1].isValid() &&
            models[1].model->spec().quant.weightBits != ql::core::kFloatBits) {
            QString note;
            if (const auto *engine = intEngineFor(models[1], norm, &note)) {
                const int64_t classes = engine->spec().numClasses;
                std::vector<float> logits(static_cast<size_t>(classes));
                const torch::Tensor x = input.to(kCpu).contiguous();
                engine->forwardNormalized(x.data_ptr<float>(), 1, logits.data());
                const auto probs = torch::softmax(torch::tensor(logits), 0);
                const int64_t label = probs.argmax().item<int64_t>();
                result.hasIntPrediction = true;
                result.intPrediction.label = static_cast<int>(label);
                result.intPrediction.name =
                    data.isValid() && label < data.splits->test.numClasses()
                        ? QString::fromStdString(data.splits->test.classNames[label])
                        : QString::number(label);
                result.intPrediction.probability = probs[label].item<double>();
            } else {
                result.intNote = note;
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

    PreviewResult preview(const PreviewRequest &request, const PreviewResult *previous,
                          const ModelHandle &standard, const DataHandle &data,
                          ModelHandle &quantized, const std::function<bool()> &superseded) override
    {
        QElapsedTimer timer;
        timer.start();
        PreviewResult result;
        result.quant = request.quant;
        result.snapshotSlot = request.snapshotSlot;
        result.snapshotStep = request.snapshotStep;
        const bool snapshot = request.snapshotSlot >= 0; // a model in training, tested as is
        if ((snapshot ? !quantized.isValid() : !standard.isValid()) || !data.isValid()) {
            result.error = QObject::tr("Train the standard model first.");
            return result;
        }
        const auto &test = data.splits->test;
        const std::vector<int64_t> &order = balancedTestOrder(data);
        const int64_t total = static_cast<int64_t>(order.size());
        if (previous == nullptr && snapshot) {
            // Test a copy in eval mode: the snapshot itself (train mode, shared with the
            // maps) is left as it is; the refinements get the copy back.
            auto model = ql::core::cloneClassifier(*quantized.model, kCpu);
            model->eval();
            quantized.model = model;
            const ql::core::ModelSize size = ql::core::computeModelSize(*model);
            result.sizeBytes = static_cast<double>(size.bytes);
            result.floatSizeBytes = static_cast<double>(size.floatBytes);
        } else if (previous == nullptr) {
            request.quant.validate();
            // Post-training quantization: the trained float weights and alphas at the new
            // bits. Alphas the float model never learned are calibrated (MSE-optimal clip per
            // bit-width) on a few training images; learned alphas are kept.
            auto model = ql::core::quantizePostTraining(*standard.model, request.quant,
                                                        calibrationBatches(data), kCpu);
            model->eval();
            quantized.model = model;
            const ql::core::ModelSize size = ql::core::computeModelSize(*model);
            result.sizeBytes = static_cast<double>(size.bytes);
            result.floatSizeBytes = static_cast<double>(size.floatBytes);
            result.quantizeMilliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        } else {
            result.stage = previous->stage + 1;
            result.sizeBytes = previous->sizeBytes;
            result.floatSizeBytes = previous->floatSizeBytes;
            result.quantizeMilliseconds = previous->quantizeMilliseconds;
        }
        if (!quantized.isValid())
            throw std::logic_error("preview: a refinement without its quantized model");
        // This stage tests the images of the balanced order from where the last one stopped
        // up to its own count: the subsets are nested, so the counts simply add up.
        const int64_t begin = previous != nullptr ? previous->subsetSize : 0;
        int64_t end = total;
        if (result.stage < static_cast<int>(request.stages.size()) &&
            request.stages[static_cast<size_t>(result.stage)] > 0)
            end = std::min<int64_t>(total, request.stages[static_cast<size_t>(result.stage)]);
        end = std::max(end, begin);
        int64_t correct = previous != nullptr ? previous->correct : 0;
        {
            torch::NoGradGuard noGrad;
            auto &model = *quantized.model;
            for (int64_t at = begin; at < end; at += kPreviewBatch) {
                if (superseded()) {
                    result.superseded = true;
                    return result;
                }
                const int64_t len = std::min<int64_t>(kPreviewBatch, end - at);
                const torch::Tensor idx = torch::from_blob(const_cast<int64_t *>(order.data() + at),
                                                           {len}, torch::kInt64);
                const auto x =
                    ql::core::normalizeImages(test.images.index_select(0, idx), data.splits->norm);
                const auto predicted = model.forward(x).argmax(1);
                correct += predicted.eq(test.labels.index_select(0, idx)).sum().item<int64_t>();
            }
        }
        result.subsetSize = static_cast<int>(end);
        result.correct = static_cast<int>(correct);
        result.testSize = static_cast<int>(total);
        result.accuracy = end > 0 ? static_cast<double>(correct) / static_cast<double>(end) : 0.0;
        result.final = end >= total || result.stage + 1 >= static_cast<int>(request.stages.size());
        result.milliseconds = (previous != nullptr ? previous->milliseconds : 0.0) +
                              static_cast<double>(timer.nsecsElapsed()) / 1e6;
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
        // The true exported size: the QLPACK file of this model, header and CRC included
        // (with an input normalisation recorded, as File > Export Model... writes it).
        const ql::core::Normalization norm{std::vector<float>(spec.inChannels, 0.5f),
                                           std::vector<float>(spec.inChannels, 0.5f)};
        d.packedBytes = static_cast<double>(ql::core::packedModelBytes(*model, &norm).size());
        return d;
    }

    ExportResult exportModel(const ExportRequest &request, const ModelHandle models[],
                             const DataHandle &data) override
    {
        QElapsedTimer timer;
        timer.start();
        ExportResult r;
        if (request.slot < 0 || request.slot >= kModelSlots || !models[request.slot].isValid()) {
            r.error = request.slot == 0
                          ? QObject::tr("There is no standard model to export: train it or "
                                        "open a session first.")
                          : QObject::tr("There is no quantized model to export: train it, "
                                        "open a session or move the bit-width sliders first.");
            return r;
        }
        const auto format = ql::core::deploy::exportFormatFromString(request.format.toStdString());
        if (!format) {
            r.error = QObject::tr("Unknown export format '%1' (packed, torchscript, onnx).")
                          .arg(request.format);
            return r;
        }
        const auto &model = *models[request.slot].model;
        const ql::core::Normalization *norm = data.isValid() ? &data.splits->norm : nullptr;
        ql::core::deploy::ExportSummary summary;
        try {
            summary =
                ql::core::deploy::exportModel(model, *format, request.path.toStdString(), norm);
        } catch (const std::exception &e) {
            r.error = QString::fromLocal8Bit(e.what()); // nothing was written
            return r;
        }
        r.arch = QString::fromStdString(summary.arch);
        r.bytes = static_cast<qint64>(summary.bytes);
        r.floatParameterBytes = static_cast<qint64>(summary.floatParameterBytes);
        r.checkedWithIntEngine = summary.checkedWithIntEngine;
        r.intEngineRuns = summary.intEngineRuns;
        r.intEngineNote = QString::fromStdString(summary.intEngineNote);
        for (const auto &layer : summary.layers) {
            ExportedLayerRow row;
            row.name = QString::fromStdString(layer.name);
            row.kind = QString::fromStdString(layer.kind);
            row.weightBits = layer.weightBits;
            row.activationBits = layer.activationBits;
            row.logits = layer.logits;
            row.weights = layer.weights;
            r.layers.push_back(row);
        }
        // The float model's checkpoint (without optimiser state), measured by writing one.
        if (models[0].isValid()) {
            const std::string temp = temporaryPath("float.ckpt");
            try {
                ql::core::CheckpointInfo info;
                info.config.model = models[0].model->spec();
                ql::core::saveCheckpoint(temp, info, *models[0].model);
                r.floatCheckpointBytes = static_cast<qint64>(std::filesystem::file_size(temp));
            } catch (const std::exception &) {
                r.floatCheckpointBytes = 0; // the summary then leaves the line out
            }
            std::error_code ignored;
            std::filesystem::remove(temp, ignored);
        }
        r.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        return r;
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

private:
    /// What does not change between slider moves, computed once per loaded data set.
    void prepareFor(const DataHandle &data)
    {
        if (m_preparedFor.lock() == data.splits && !m_testOrder.empty())
            return;
        m_preparedFor = data.splits;
        m_testOrder = ql::core::balancedOrder(data.splits->test.labels);
        m_calibration.clear();
        const auto &train = data.splits->train;
        if (const int64_t n = std::min<int64_t>(kCalibrationImages, train.size()); n > 0) {
            // Class-balanced: the first images of a folder data set are one class.
            const ql::core::Dataset subset = ql::core::balancedSubset(train, n);
            m_calibration.push_back(
                ql::core::normalizeImages(subset.images, data.splits->norm).contiguous());
        }
    }
    const std::vector<int64_t> &balancedTestOrder(const DataHandle &data)
    {
        prepareFor(data);
        return m_testOrder;
    }
    const std::vector<torch::Tensor> &calibrationBatches(const DataHandle &data)
    {
        prepareFor(data);
        return m_calibration;
    }

    /// The integer engine for a quantized snapshot (packed once per snapshot), or why not.
    const ql::core::deploy::IntEngine *
    intEngineFor(const ModelHandle &model, const ql::core::Normalization &norm, QString *note)
    {
        if (m_intModel.lock() != model.model || !m_intChecked) {
            m_intModel = model.model;
            m_intChecked = true;
            m_intEngine.reset();
            m_intNote.clear();
            const std::string temp = temporaryPath("preview.qlpack");
            try {
                const std::string bytes = ql::core::packedModelBytes(*model.model, &norm);
                {
                    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
                    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
                    if (!out)
                        throw std::runtime_error("cannot write a temporary file");
                }
                m_intEngine = ql::core::deploy::IntEngine::load(temp, norm.mean, norm.std);
            } catch (const std::exception &e) {
                m_intNote = QString::fromLocal8Bit(e.what());
                m_intNote.replace(QString::fromStdString(temp), QObject::tr("the model"));
            }
            std::error_code ignored;
            std::filesystem::remove(temp, ignored);
        }
        *note = m_intNote;
        return m_intEngine.get();
    }

    std::weak_ptr<const ql::core::DataSplits> m_preparedFor;
    std::vector<int64_t> m_testOrder;
    std::vector<torch::Tensor> m_calibration;
    std::weak_ptr<ql::core::ClassifierImpl> m_intModel;
    bool m_intChecked = false;
    std::unique_ptr<ql::core::deploy::IntEngine> m_intEngine;
    QString m_intNote;
};

} // namespace

std::shared_ptr<InferenceBackend> makeEngineInferenceBackend()
{
    return std::make_shared<EngineInferenceBackend>();
}

} // namespace ql::app
