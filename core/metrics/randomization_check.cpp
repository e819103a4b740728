// SPDX-License-Identifier: MIT
#include "core/metrics/randomization_check.h"

#include "core/metrics/agreement.h"
#include "core/saliency/model_mode_guard.h"
#include "core/saliency/saliency.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

namespace ql::core {

namespace {

/// A module that owns a rank >= 2 weight (conv or linear) and maybe a bias.
struct RandomizableLayer {
    std::string name;
    torch::Tensor weight;
    torch::Tensor bias;
};

/// Layers in registration order (forward order for sequentially built models), found by
/// grouping parameters by their owning module's path.
std::vector<RandomizableLayer> randomizableLayers(torch::nn::Module &model)
{
    std::vector<RandomizableLayer> layers;
    for (const auto &item : model.named_parameters(/*recurse=*/true)) {
        const std::string &full = item.key();
        const auto dot = full.rfind('.');
        const std::string owner = dot == std::string::npos ? std::string() : full.substr(0, dot);
        const std::string leaf = dot == std::string::npos ? full : full.substr(dot + 1);
        auto it = std::find_if(layers.begin(), layers.end(),
                               [&](const RandomizableLayer &l) { return l.name == owner; });
        if (it == layers.end()) {
            layers.push_back({owner, {}, {}});
            it = std::prev(layers.end());
        }
        if (leaf == "weight" && item.value().dim() >= 2)
            it->weight = item.value();
        else if (leaf == "bias")
            it->bias = item.value();
    }
    layers.erase(std::remove_if(layers.begin(), layers.end(),
                                [](const RandomizableLayer &l) { return !l.weight.defined(); }),
                 layers.end());
    return layers;
}

/// Restores saved parameter values when it goes out of scope (also on exceptions).
class ParameterRestorer {
public:
    void save(const torch::Tensor &p) { m_saved.emplace_back(p, p.detach().clone()); }
    ~ParameterRestorer()
    {
        torch::NoGradGuard noGrad;
        for (auto &[param, value] : m_saved)
            param.detach().copy_(value);
    }

private:
    std::vector<std::pair<torch::Tensor, torch::Tensor>> m_saved;
};

void reinitialise(RandomizableLayer &layer, at::Generator &generator)
{
    torch::NoGradGuard noGrad;
    const double fanIn = static_cast<double>(layer.weight[0].numel());
    const double bound = 1.0 / std::sqrt(fanIn);
    auto uniform = [&](const torch::Tensor &p) {
        auto u = at::rand(p.sizes(), generator, at::TensorOptions().dtype(at::kFloat));
        p.detach().copy_((u * 2.0 - 1.0) * bound);
    };
    uniform(layer.weight);
    if (layer.bias.defined())
        uniform(layer.bias);
}

torch::Tensor scaledByMax(const torch::Tensor &maps)
{
    return maps / maps.abs().flatten(1).amax(1).clamp_min(1e-30).view({-1, 1, 1});
}

} // namespace

RandomizationResult randomizationCheck(ClassifierImpl &model, const torch::Tensor &inputs,
                                       const SaliencyOptions &options, uint64_t seed,
                                       const std::atomic<bool> *cancel)
{
    ModelModeGuard modeGuard(model);
    const auto original = computeSaliency(model, inputs, options, torch::Tensor(), cancel);
    auto layers = randomizableLayers(model);
    ParameterRestorer restorer;
    for (const auto &layer : layers) {
        restorer.save(layer.weight);
        if (layer.bias.defined())
            restorer.save(layer.bias);
    }
    const bool signedMaps = original.maps.min().item<double>() < 0.0;
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    RandomizationResult result;
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed))
            throw Cancelled();
        reinitialise(*it, generator);
        // Same classes as the original maps, so only the weights differ.
        const auto maps = computeSaliency(model, inputs, options, original.targets, cancel).maps;
        result.layers.push_back(it->name);
        result.spearman.push_back(spearmanCorrelation(original.maps, maps).mean().item<double>());
        result.ssim.push_back(ssim(scaledByMax(original.maps.to(at::kDouble)),
                                   scaledByMax(maps.to(at::kDouble)), signedMaps ? 2.0 : 1.0)
                                  .mean()
                                  .item<double>());
    }
    return result;
}

} // namespace ql::core
