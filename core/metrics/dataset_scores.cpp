// SPDX-License-Identifier: MIT
#include "core/metrics/dataset_scores.h"

#include "core/metrics/feature_removal.h"
#include "core/metrics/map_statistics.h"
#include "core/saliency/model_mode_guard.h"
#include "core/saliency/saliency.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <stdexcept>

namespace ql::core {

namespace {

int64_t imageCount(const Dataset &test, int64_t limit, int64_t batchSize)
{
    if (test.size() == 0)
        throw std::invalid_argument("the test set '" + test.name + "' is empty");
    if (batchSize < 1)
        throw std::invalid_argument("batch size must be >= 1");
    return limit > 0 ? std::min(limit, test.size()) : test.size();
}

void checkCancel(const std::atomic<bool> *cancel)
{
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed))
        throw Cancelled();
}

} // namespace

MapQuality mapQuality(ClassifierImpl &model, const Dataset &test, const Normalization &norm,
                      const SaliencyOptions &options, int64_t limit, int64_t batchSize,
                      const std::atomic<bool> *cancel, bool keepMaps)
{
    const int64_t n = imageCount(test, limit, batchSize);
    const c10::Device device = modelDevice(model);
    double correct = 0.0;
    double gini = 0.0;
    double entropy = 0.0;
    std::vector<double> perImageCorrect, perImageGini;
    std::vector<torch::Tensor> maps;
    for (int64_t start = 0; start < n; start += batchSize) {
        checkCancel(cancel);
        const int64_t end = std::min(n, start + batchSize);
        auto x = toModelInput(test.images.slice(0, start, end), norm, device);
        auto labels = test.labels.slice(0, start, end).to(device);
        auto r = computeSaliency(model, x, options, labels, cancel);
        const torch::Tensor ok = r.logits.argmax(1).eq(labels).to(torch::kDouble).cpu();
        const torch::Tensor g = giniIndex(r.maps).to(torch::kDouble).cpu().contiguous();
        correct += ok.sum().item<double>();
        gini += g.sum().item<double>();
        const double *pOk = ok.contiguous().data_ptr<double>();
        const double *pG = g.data_ptr<double>();
        perImageCorrect.insert(perImageCorrect.end(), pOk, pOk + ok.numel());
        perImageGini.insert(perImageGini.end(), pG, pG + g.numel());
        entropy += mapEntropy(r.maps).sum().item<double>();
        if (keepMaps)
            maps.push_back(r.maps.cpu());
    }
    MapQuality q;
    q.images = n;
    q.accuracy = correct / n;
    q.gini = gini / n;
    q.entropy = entropy / n;
    q.perImageCorrect = std::move(perImageCorrect);
    q.perImageGini = std::move(perImageGini);
    if (keepMaps)
        q.maps = at::cat(maps, 0);
    return q;
}

AgreementScores datasetAgreement(ClassifierImpl &a, ClassifierImpl &b, const Dataset &test,
                                 const Normalization &norm, const SaliencyOptions &options,
                                 int64_t limit, double topFraction, int64_t batchSize,
                                 const std::atomic<bool> *cancel,
                                 std::vector<double> *perImageSpearman)
{
    if (perImageSpearman)
        perImageSpearman->clear();
    const int64_t n = imageCount(test, limit, batchSize);
    AgreementScores sum;
    for (int64_t start = 0; start < n; start += batchSize) {
        checkCancel(cancel);
        const int64_t end = std::min(n, start + batchSize);
        const auto images = test.images.slice(0, start, end);
        const auto labels = test.labels.slice(0, start, end);
        auto ma = computeSaliency(a, toModelInput(images, norm, modelDevice(a)), options,
                                  labels.to(modelDevice(a)), cancel)
                      .maps.cpu();
        auto mb = computeSaliency(b, toModelInput(images, norm, modelDevice(b)), options,
                                  labels.to(modelDevice(b)), cancel)
                      .maps.cpu();
        const auto s = agreementScores(ma, mb, topFraction);
        const double w = static_cast<double>(end - start);
        sum.spearman += s.spearman * w;
        sum.topKIou += s.topKIou * w;
        sum.ssim += s.ssim * w;
        if (perImageSpearman)
            for (int64_t i = 0; i < ma.size(0); ++i)
                perImageSpearman->push_back(agreementScores(ma[i], mb[i], topFraction).spearman);
    }
    sum.spearman /= n;
    sum.topKIou /= n;
    sum.ssim /= n;
    return sum;
}

} // namespace ql::core
