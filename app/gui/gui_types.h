// SPDX-License-Identifier: MIT
#pragma once

#include "core/train/training_config.h"
#include "widgets/bit_width_types.h"

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

// Forward declarations only: moc-processed headers never include torch. Handles below are
// opaque shared pointers to immutable objects (a cloned model snapshot, loaded data) that one
// worker creates and another reads; Qt code never dereferences them.
namespace ql::core {
class ClassifierImpl;
struct DataSplits;
} // namespace ql::core

namespace ql::app {

/// The two models QuantLens trains and compares.
enum class ModelSlot { Standard = 0, Quantized = 1 };
inline constexpr int kModelSlots = 2;

/// A snapshot of a trained model: a deep copy that only the inference worker uses, so
/// inference never touches the module being trained. Null when the slot has no model yet.
struct ModelHandle {
    std::shared_ptr<ql::core::ClassifierImpl> model;
    bool isValid() const { return static_cast<bool>(model); }
};

/// Loaded train/test splits, shared read-only between the training and inference workers.
struct DataHandle {
    std::shared_ptr<const ql::core::DataSplits> splits;
    bool isValid() const { return static_cast<bool>(splits); }
};

/// What one Start press trains: both models' configurations, one after the other.
struct JobSettings {
    enum class Mode {
        Fresh,   ///< build new models
        Resume,  ///< continue the models in place (after loading a session or a stop)
        FineTune ///< quantization-aware fine-tuning at new bits from current weights (Retrain)
    };
    ql::core::TrainingConfig config[kModelSlots];
    bool train[kModelSlots] = {true, true};
    Mode mode = Mode::Fresh;
    /// FineTune: the slot whose weights the fine-tuned slot starts from (-1: its own).
    int initFromSlot = -1;
    /// Fresh jobs that train both models: the quantized model is a quantization-aware
    /// fine-tune of the standard model trained just before it (PACT alphas calibrated from
    /// data, core/train/finetune.h) instead of a training from scratch.
    bool quantizedFromStandard = true;
    /// Publish a snapshot of the model in training every this many batches (besides epoch
    /// ends), so the maps follow the training; 0: at epoch ends only.
    int snapshotEveryBatches = 50;
    /// Resume jobs: the quantized model's own run had started and is continued (otherwise,
    /// with quantizedFromStandard, it is fine-tuned once the standard model is done).
    bool resumeQuantized = false;
    /// Whether slot `slot` starts as a calibrated fine-tune (from initFrom(slot)).
    bool fineTunes(int slot) const
    {
        return mode == Mode::FineTune ||
               (slot == 1 && quantizedFromStandard && train[0] &&
                (mode == Mode::Fresh || (mode == Mode::Resume && !resumeQuantized)));
    }
    /// The slot a fine-tuned `slot` starts from (-1: its own weights).
    int initFrom(int slot) const
    {
        return mode == Mode::FineTune ? initFromSlot : fineTunes(slot) ? 0 : -1;
    }
};

struct BatchUpdate {
    int slot = 0;
    ql::core::BatchMetrics metrics;
};

struct EpochUpdate {
    int slot = 0;
    ql::core::EpochMetrics metrics;
};

/// One class prediction: label index, its name and its softmax probability.
struct Prediction {
    int label = 0;
    QString name;
    double probability = 0;
};

/// Where the image to explain comes from.
struct SaliencyRequest {
    quint64 id = 0;
    QString filePath;                            ///< a dropped image file; empty: use testIndex
    int testIndex = 0;                           ///< index into the test split
    QString method = QStringLiteral("gradient"); ///< gradient, gradient-x-input, smoothgrad, ...
    QString colormap = QStringLiteral("viridis");
    double opacity = 0.5;       ///< overlay opacity, 0: map only
    double clipPercentile = 99; ///< outlier clipping of |map|
};

/// Everything the saliency comparison shows for one input, as plain values.
struct SaliencyResult {
    quint64 id = 0;
    QString error;      ///< non-empty: nothing else is valid
    QString source;     ///< file name or "test #i"
    int trueLabel = -1; ///< -1 when unknown (dropped images)
    QString trueName;   ///< the true class's name (empty when unknown)
    int testIndex = -1; ///< the test image shown; -1 for a dropped file
    QImage input;       ///< preprocessed input as the model sees it
    QImage maps[kModelSlots];
    QImage difference;
    QVector<Prediction> predictions[kModelSlots]; ///< top 3, best first
    /// Agreement of the two maps; NaN when there is no model B (or no model A) to compare.
    double spearman = std::numeric_limits<double>::quiet_NaN();
    double topKIoU = std::numeric_limits<double>::quiet_NaN();
    double ssim = std::numeric_limits<double>::quiet_NaN();
    double milliseconds = 0;
    /// Model B is the post-training-quantized preview of the standard model (bit sliders),
    /// not the trained quantized model.
    bool quantizedIsPreview = false;
    /// A dropped image's top class by the integer engine (core/deploy) running model B's
    /// packed export, when model B is integer-runnable; `intNote` says why not otherwise.
    bool hasIntPrediction = false;
    Prediction intPrediction;
    QString intNote;
};

/// A post-training re-quantization of the trained standard model to new bit-widths, tested
/// progressively: stage 0 quantizes the model and tests it on the first class-balanced
/// `stages[0]` test images, each later stage adds images up to its own count (the balanced
/// subsets are nested, so no image is tested twice). 0 or a count past the test split means the
/// whole split. Every stage is published as it finishes; a newer request (or a new standard
/// model) supersedes the remaining stages, also in the middle of one.
struct PreviewRequest {
    quint64 id = 0;
    ql::core::QuantConfig quant;
    std::vector<int> stages = {500, 2000, 0};
    /// >= 0: test that slot's current model as it is (a snapshot of the model in training,
    /// e.g. Retrain's), with the same progressive stages; no post-training quantization, and
    /// the maps keep showing that model. `quant` then names its bits. -1: a post-training
    /// preview of the standard model at `quant`.
    int snapshotSlot = -1;
    /// snapshotSlot >= 0: the training step the snapshot was taken at (shown with the figure).
    qint64 snapshotStep = 0;
};

struct PreviewResult {
    quint64 id = 0;
    QString error;
    ql::core::QuantConfig quant;
    double accuracy = 0;  ///< on the first subsetSize images of the balanced order
    int subsetSize = 0;   ///< test images behind `accuracy` (class-balanced)
    int correct = 0;      ///< of those, predicted right
    int testSize = 0;     ///< images in the test split
    int stage = 0;        ///< 0 = the first estimate
    bool final = true;    ///< no refinement follows (last stage, or the whole split reached)
    double sizeBytes = 0; ///< at the chosen bits
    double floatSizeBytes = 0;
    double milliseconds = 0;         ///< from the start of stage 0 to the end of this stage
    double quantizeMilliseconds = 0; ///< of which post-training quantization (stage 0)
    bool superseded = false;         ///< stopped for a newer request: not shown
    int snapshotSlot = -1;           ///< the request's: >= 0 when a snapshot was tested
    qint64 snapshotStep = 0;
};

/// The chosen model built from its specification (architecture, input, bits), described by
/// core's accounting (core/quant/model_size): the layers at the bits that actually run (the
/// edge-layer policy and per-layer overrides applied), bytes and bit-operations.
struct ModelDescription {
    quint64 id = 0;
    QString error;
    ql::core::ModelSpec spec; ///< what was described
    QVector<ql::widgets::LayerBitsRow> layers;
    qint64 parameters = 0;
    double sizeBytes = 0;
    double floatSizeBytes = 0;
    double bops = 0;
    double floatBops = 0;
    /// Bytes of this model's QLPACK export (File > Export Model..., packed): what a deployed
    /// file really takes, header and CRC included; 0 when unknown.
    double packedBytes = 0;
};

/// Test-set evaluation of both snapshots: confusion matrices and misclassified indices.
struct EvaluationResult {
    QString error;
    QStringList classNames;
    std::vector<int> confusion[kModelSlots]; ///< row-major [true][predicted]
    QVector<int> misclassified;              ///< indices that either model gets wrong
    double accuracy[kModelSlots] = {0, 0};
    int evaluated = 0;
};

/// The gallery's image files to predict with both models (newest request wins).
struct GalleryPredictionRequest {
    quint64 id = 0;
    QStringList files;
};

/// One gallery file's predictions, as plain values.
struct GalleryPrediction {
    QString file;
    QString error;         ///< non-empty: the file could not be read (nothing else is valid)
    int knownLabel = -1;   ///< the class its folder names (digits/7/a.png), -1 when none
    QString knownName;     ///< that class's name
    bool inverted = false; ///< a light background was inverted for the model
    QVector<Prediction> top[kModelSlots]; ///< top 3, best first; empty when the slot has no model
};

struct GalleryPredictionResult {
    quint64 id = 0;
    QString error; ///< non-empty: no model, or the computation failed
    QVector<GalleryPrediction> items;
    /// Model B is the post-training-quantized preview (as in SaliencyResult).
    bool quantizedIsPreview = false;
    double milliseconds = 0;
};

/// File > Export Model...: a model of the comparison, written in a deployable format.
struct ExportRequest {
    quint64 id = 0;
    int slot = 1;   ///< 0: the standard model; 1: the quantized model as the comparison shows it
    QString format; ///< packed, torchscript or onnx (core::deploy::exportFormatFromString)
    QString path;
};

/// One exported layer, for the summary dialog.
struct ExportedLayerRow {
    QString name;
    QString kind;
    int weightBits = 0;
    int activationBits = 0;
    bool logits = false; ///< the last layer: float logits, no activation
    qint64 weights = 0;
};

/// What an export wrote (or, in `error`, why nothing was written).
struct ExportResult {
    quint64 id = 0;
    QString error;
    QString path;
    QString format;
    QString arch;
    bool quantizedIsPreview = false; ///< the model was the post-training preview
    qint64 bytes = 0;                ///< size on disk
    qint64 floatParameterBytes = 0;  ///< the model's parameters in float32
    qint64 floatCheckpointBytes = 0; ///< a checkpoint of the float model (0: no float model)
    bool checkedWithIntEngine = false;
    bool intEngineRuns = false;
    QString intEngineNote;
    QVector<ExportedLayerRow> layers;
    double milliseconds = 0;
};

/// Registers the value types above for queued connections; call once before threads start.
void registerGuiMetaTypes();

} // namespace ql::app

Q_DECLARE_METATYPE(ql::core::TrainingConfig)
Q_DECLARE_METATYPE(ql::app::ModelHandle)
Q_DECLARE_METATYPE(ql::app::DataHandle)
Q_DECLARE_METATYPE(ql::app::JobSettings)
Q_DECLARE_METATYPE(ql::app::BatchUpdate)
Q_DECLARE_METATYPE(ql::app::EpochUpdate)
Q_DECLARE_METATYPE(ql::app::SaliencyRequest)
Q_DECLARE_METATYPE(ql::app::SaliencyResult)
Q_DECLARE_METATYPE(ql::app::PreviewRequest)
Q_DECLARE_METATYPE(ql::app::PreviewResult)
Q_DECLARE_METATYPE(ql::app::EvaluationResult)
Q_DECLARE_METATYPE(ql::app::ModelDescription)
Q_DECLARE_METATYPE(ql::app::GalleryPredictionRequest)
Q_DECLARE_METATYPE(ql::app::GalleryPredictionResult)
Q_DECLARE_METATYPE(ql::app::ExportRequest)
Q_DECLARE_METATYPE(ql::app::ExportResult)
