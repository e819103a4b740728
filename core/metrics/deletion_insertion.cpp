// SPDX-License-Identifier: MIT
#include "core/metrics/deletion_insertion.h"

#include "core/saliency/gaussian_blur.h"
#include "core/saliency/model_mode_guard.h"
#include "core/saliency/saliency.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ql::core {

DeletionInsertionResult deletionInsertion(ClassifierImpl &model, const Dataset &test,
                                          const Normalization &norm,
                                          const DeletionInsertionOptions &options,
                                          const std::atomic<bool> *cancel)
{
    if (test.size() == 0)
        throw std::invalid_argument("deletion/insertion needs a non-empty test set ('" + test.name +
                                    "' is empty)");
    if (options.steps < 1 || options.batchSize < 1)
        throw std::invalid_argument("deletion/insertion needs steps >= 1 and a batch size >= 1");
    const int64_t n = options.limit > 0 ? std::min(options.limit, test.size()) : test.size();
    const int64_t steps = options.steps;
    const int64_t d = test.height() * test.width();
    ModelModeGuard modeGuard(model);
    const c10::Device device = modelDevice(model);
    auto generator = at::make_generator<at::CPUGeneratorImpl>(options.seed);
    std::vector<double> deletionSum(steps + 1, 0.0);
    std::vector<double> insertionSum(steps + 1, 0.0);
    std::vector<torch::Tensor> deletionRows, insertionRows; // per batch: [b, steps + 1]

    for (int64_t start = 0; start < n; start += options.batchSize) {
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed))
            throw Cancelled();
        const int64_t end = std::min(n, start + options.batchSize);
        auto x = toModelInput(test.images.slice(0, start, end), norm, device);
        torch::Tensor labels;
        if (options.useLabels)
            labels = test.labels.slice(0, start, end).to(device);
        auto saliency = computeSaliency(model, x, options.saliency, labels, cancel);
        auto target = saliency.targets.to(device).view({-1, 1});
        auto ranks = saliencyRanks(saliency.maps.to(device));
        auto fill = fillValues(x, options.deletionFill, norm, generator);
        auto canvas = options.blurredCanvas ? gaussianBlur(x, options.canvasBlurSigma)
                                            : fill.expand_as(x).contiguous();
        const int64_t b = x.size(0);

        torch::NoGradGuard noGrad;
        auto probability = [&](const torch::Tensor &logits, const torch::Tensor &classes) {
            return at::softmax(logits, 1).gather(1, classes).squeeze(1).to(at::kDouble);
        };
        // The unmodified image is deletion's first point and insertion's last: its
        // probabilities come from the saliency pass's logits, not from another forward.
        const auto clean = probability(saliency.logits.to(device), target);
        std::vector<torch::Tensor> deletionCols, insertionCols;
        for (int64_t s = 0; s <= steps; ++s) {
            const auto count =
                at::scalar_tensor(static_cast<int64_t>(std::llround(static_cast<double>(s) * d /
                                                                    static_cast<double>(steps))),
                                  at::TensorOptions().dtype(at::kLong).device(device));
            auto deleted = [&] { return removeTopRanked(x, ranks, count, fill); };
            // Insertion: the top-ranked features of the canvas are replaced by the image's.
            auto inserted = [&] { return removeTopRanked(canvas, ranks, count, x); };
            const torch::Tensor p =
                s == 0       ? at::cat({clean, probability(model.forward(inserted()), target)}, 0)
                : s == steps ? at::cat({probability(model.forward(deleted()), target), clean}, 0)
                             : probability(model.forward(at::cat({deleted(), inserted()}, 0)),
                                           at::cat({target, target}, 0));
            deletionSum[s] += p.slice(0, 0, b).sum().item<double>();
            insertionSum[s] += p.slice(0, b).sum().item<double>();
            deletionCols.push_back(p.slice(0, 0, b).cpu());
            insertionCols.push_back(p.slice(0, b).cpu());
        }
        deletionRows.push_back(at::stack(deletionCols, 1));
        insertionRows.push_back(at::stack(insertionCols, 1));
    }

    DeletionInsertionResult result;
    result.images = n;
    result.deletion.name = "deletion";
    result.insertion.name = "insertion";
    for (int64_t s = 0; s <= steps; ++s) {
        const double fraction =
            static_cast<double>(std::llround(static_cast<double>(s) * d / steps)) / d;
        result.deletion.x.push_back(fraction);
        result.insertion.x.push_back(fraction);
        result.deletion.y.push_back(deletionSum[s] / n);
        result.insertion.y.push_back(insertionSum[s] / n);
    }
    result.deletion.area = trapezoidArea(result.deletion.x, result.deletion.y);
    result.insertion.area = trapezoidArea(result.insertion.x, result.insertion.y);
    // Each image's own areas (their mean is the area of the mean curve: the rule is linear).
    auto perImage = [](const std::vector<torch::Tensor> &rows, const std::vector<double> &x) {
        const torch::Tensor all = at::cat(rows, 0).contiguous();
        std::vector<double> out(static_cast<size_t>(all.size(0)));
        std::vector<double> y(x.size());
        const double *p = all.data_ptr<double>();
        for (size_t i = 0; i < out.size(); ++i) {
            std::copy(p + i * x.size(), p + (i + 1) * x.size(), y.begin());
            out[i] = trapezoidArea(x, y);
        }
        return out;
    };
    result.deletion.perImage = perImage(deletionRows, result.deletion.x);
    result.insertion.perImage = perImage(insertionRows, result.insertion.x);
    return result;
}

} // namespace ql::core
