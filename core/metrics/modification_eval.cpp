// SPDX-License-Identifier: MIT
#include "core/metrics/modification_eval.h"

#include "core/saliency/model_mode_guard.h"
#include "core/saliency/saliency.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ql::core {

namespace {

void checkCancel(const std::atomic<bool> *cancel)
{
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed))
        throw Cancelled();
}

/// Per-image correctness (double, CPU) of the model on x.
torch::Tensor correctness(ClassifierImpl &model, const torch::Tensor &x,
                          const torch::Tensor &labels)
{
    return model.forward(x).argmax(1).eq(labels).to(torch::kDouble).cpu();
}

/// Each row's trapezoidal area over x: rows [n, levels].
std::vector<double> rowAreas(const torch::Tensor &rows, const std::vector<double> &x)
{
    std::vector<double> out(static_cast<size_t>(rows.size(0)));
    const auto a = rows.contiguous();
    const double *p = a.data_ptr<double>();
    const size_t levels = x.size();
    std::vector<double> y(levels);
    for (size_t i = 0; i < out.size(); ++i) {
        std::copy(p + i * levels, p + (i + 1) * levels, y.begin());
        out[i] = trapezoidArea(x, y);
    }
    return out;
}

} // namespace

ModificationResult modificationEvaluation(ClassifierImpl &model, const Dataset &test,
                                          const Normalization &norm,
                                          const ModificationOptions &options,
                                          const std::atomic<bool> *cancel)
{
    if (test.size() == 0)
        throw std::invalid_argument("modification evaluation needs a non-empty test set ('" +
                                    test.name + "' is empty)");
    if (options.percents.empty() || options.batchSize < 1)
        throw std::invalid_argument(
            "modification evaluation needs percent levels and a batch size >= 1");
    for (int p : options.percents) {
        if (p < 0 || p > 100)
            throw std::invalid_argument("removal percentage " + std::to_string(p) +
                                        " is outside 0..100");
    }
    const int64_t n = options.limit > 0 ? std::min(options.limit, test.size()) : test.size();
    const size_t levels = options.percents.size();
    ModelModeGuard modeGuard(model);
    const c10::Device device = modelDevice(model);
    auto generator = at::make_generator<at::CPUGeneratorImpl>(options.seed);
    const int64_t d = test.height() * test.width();
    if (options.maps.defined() &&
        (options.maps.dim() != 3 || options.maps.size(0) < n ||
         options.maps.size(1) != test.height() || options.maps.size(2) != test.width()))
        throw std::invalid_argument("modification evaluation: the given maps are not one " +
                                    std::to_string(test.height()) + " x " +
                                    std::to_string(test.width()) + " map per image");

    std::vector<int64_t> salientCorrect(levels, 0);
    std::vector<int64_t> randomCorrect(levels, 0);
    std::vector<torch::Tensor> salientRows, randomRows; // per batch: [b, levels] correctness
    for (int64_t start = 0; start < n; start += options.batchSize) {
        checkCancel(cancel);
        const int64_t end = std::min(n, start + options.batchSize);
        auto x = toModelInput(test.images.slice(0, start, end), norm, device);
        auto labels = test.labels.slice(0, start, end).to(device);
        torch::Tensor ranks, cleanLogits;
        if (options.maps.defined()) {
            ranks = saliencyRanks(options.maps.slice(0, start, end).to(device));
        } else {
            const SaliencyResult saliency =
                computeSaliency(model, x, options.saliency, labels, cancel);
            ranks = saliencyRanks(saliency.maps);
            cleanLogits = saliency.logits;
        }
        auto fill = fillValues(x, options.fill, norm, generator);
        torch::Tensor random;
        if (options.includeRandom)
            random = randomRanks(x.size(0), d, generator, device);

        torch::NoGradGuard noGrad;
        std::vector<torch::Tensor> salientCols, randomCols;
        for (size_t l = 0; l < levels; ++l) {
            checkCancel(cancel);
            const auto count =
                at::scalar_tensor(static_cast<int64_t>(std::llround(
                                      options.percents[l] * static_cast<double>(d) / 100.0)),
                                  at::TensorOptions().dtype(at::kLong).device(device));
            // Nothing removed: the saliency pass already has the logits of the clean input.
            const torch::Tensor correct =
                options.percents[l] == 0 && cleanLogits.defined()
                    ? cleanLogits.argmax(1).eq(labels).to(torch::kDouble).cpu()
                    : correctness(model, removeTopRanked(x, ranks, count, fill), labels);
            salientCorrect[l] += static_cast<int64_t>(std::llround(correct.sum().item<double>()));
            salientCols.push_back(correct);
            if (!options.includeRandom)
                continue;
            // Nothing removed: the random curve shares the clean accuracy.
            const torch::Tensor randomCorrectNow =
                options.percents[l] == 0
                    ? correct
                    : correctness(model, removeTopRanked(x, random, count, fill), labels);
            randomCorrect[l] +=
                static_cast<int64_t>(std::llround(randomCorrectNow.sum().item<double>()));
            randomCols.push_back(randomCorrectNow);
        }
        salientRows.push_back(at::stack(salientCols, 1));
        if (options.includeRandom)
            randomRows.push_back(at::stack(randomCols, 1));
    }

    ModificationResult result;
    result.images = n;
    result.salient.name = "salient";
    result.random.name = "random";
    for (size_t l = 0; l < levels; ++l) {
        const double t = options.percents[l] / 100.0;
        result.salient.x.push_back(t);
        result.salient.y.push_back(static_cast<double>(salientCorrect[l]) / n);
        if (options.includeRandom) {
            result.random.x.push_back(t);
            result.random.y.push_back(static_cast<double>(randomCorrect[l]) / n);
        }
    }
    result.salient.area = trapezoidArea(result.salient.x, result.salient.y);
    result.random.area = trapezoidArea(result.random.x, result.random.y);
    result.salient.perImage = rowAreas(at::cat(salientRows, 0), result.salient.x);
    if (options.includeRandom)
        result.random.perImage = rowAreas(at::cat(randomRows, 0), result.random.x);
    return result;
}

} // namespace ql::core
