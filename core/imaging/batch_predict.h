// SPDX-License-Identifier: MIT
#pragma once
// Batched prediction of user image files: one or more models over a list of files with the
// GUI's drop preprocessing (droppedImageSpec + prepareImageForModel), streamed in fixed-size
// batches so memory stays bounded however many files there are. Used by `quantlens-cli
// predict` and the GUI's gallery (on the inference thread).

#include "core/data/dataset.h"
#include "core/imaging/preprocess.h"
#include "core/models/model_spec.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ql::imaging {

/// How a dropped (or opened, or predicted) image file is prepared for a model of `spec`
/// normalised with `norm`: the model's channels and size; grey models get the MNIST-style
/// preparation (invert a light background, crop the ink, scale into 20/28 of the side, centre
/// by the centre of mass), colour models letterboxing padded with the mean colour. The one
/// rule the GUI's saliency drop and `quantlens-cli predict` share.
ModelInputSpec droppedImageSpec(const ql::core::ModelSpec &spec,
                                const ql::core::Normalization &norm);

/// A model to predict with: its input preparation and a function from normalised CPU float
/// images [N, C, H, W] to logits [N, classes] (a LibTorch model in eval mode under NoGrad, or
/// the integer engine).
struct PredictionModel {
    std::string label;
    ModelInputSpec input;
    std::function<torch::Tensor(const torch::Tensor &)> logits;
};

/// One class and its softmax probability.
struct ClassScore {
    int64_t label = 0;
    double probability = 0;
};

/// The predictions for one file.
struct ImagePrediction {
    std::string path;
    int64_t index = 0; ///< position in the input list
    std::string error; ///< non-empty: the file could not be read or prepared (nothing else valid)
    bool inverted = false; ///< the first model's preparation inverted a light background
    /// Per model (in the order given), the top-k classes, best first.
    std::vector<std::vector<ClassScore>> top;
};

struct PredictOptions {
    int batchSize = 64; ///< images per forward pass (and per onBatch call)
    int topK = 3;
    /// Set to stop between batches (then predictImageFiles returns false).
    const std::atomic<bool> *cancel = nullptr;
};

/// Runs every model over `paths` in order, `options.batchSize` files at a time: each file is
/// decoded once and prepared once per distinct input preparation; a file that cannot be read
/// (missing, not an image, corrupt, too large) gets an error entry and the others go on.
/// `onBatch` receives each batch's entries in order; at most one batch of images is held.
/// Returns false when cancelled. Throws std::invalid_argument for no models, a batch size < 1
/// or a model whose logits do not have one row per image.
bool predictImageFiles(const std::vector<std::string> &paths,
                       const std::vector<PredictionModel> &models, const PredictOptions &options,
                       const std::function<void(const std::vector<ImagePrediction> &)> &onBatch);

/// The class a file's folder names: the name of the folder that holds it, when it is one of
/// `classNames` (e.g. ".../7/a.png" with MNIST's "0".."9", ".../cat/b.jpg" with CIFAR-10's),
/// else a non-negative integer below classNames.size(); -1 when the folder names no class.
int64_t labelFromFolder(const std::string &path, const std::vector<std::string> &classNames);

/// Expands command-line inputs into image files: a file is kept as given (an unreadable one is
/// reported when predicted), a folder gives its image files (png, jpg, jpeg, bmp; recursive,
/// sorted, hidden entries skipped), anything else is tried as a glob pattern. An input that
/// names nothing is appended to `problems` with the reason.
std::vector<std::string> collectImagePaths(const std::vector<std::string> &inputs,
                                           std::vector<std::string> &problems);

} // namespace ql::imaging
