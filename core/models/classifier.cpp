// SPDX-License-Identifier: MIT
#include "core/models/classifier.h"

#include "core/models/lenet5.h"
#include "core/models/mnist_cnn.h"
#include "core/models/resnet20.h"
#include "core/models/vgg_small.h"
#include "core/quant/pact_activation.h"

#include <functional>
#include <map>
#include <stdexcept>

namespace ql::core {
namespace {

using Factory = std::function<ClassifierPtr(const ModelSpec &)>;

const std::vector<std::pair<std::string, Factory>> &factories()
{
    static const std::vector<std::pair<std::string, Factory>> list = {
        {"mnist-cnn", [](const ModelSpec &s) { return std::make_shared<MnistCnnImpl>(s); }},
        {"lenet5", [](const ModelSpec &s) { return std::make_shared<LeNet5Impl>(s); }},
        {"resnet20", [](const ModelSpec &s) { return std::make_shared<ResNet20Impl>(s); }},
        {"vgg-small", [](const ModelSpec &s) { return std::make_shared<VggSmallImpl>(s); }},
    };
    return list;
}

bool isAlphaName(const std::string &name)
{
    return name == "alpha" || (name.size() > 6 && name.compare(name.size() - 6, 6, ".alpha") == 0);
}

} // namespace

std::vector<std::shared_ptr<PactActivationImpl>> pactModules(const torch::nn::Module &model)
{
    std::vector<std::shared_ptr<PactActivationImpl>> out;
    // modules() is a pre-order walk in registration order, which the models keep equal to
    // forward order.
    for (const auto &module : model.modules())
        if (auto pact = std::dynamic_pointer_cast<PactActivationImpl>(module))
            out.push_back(pact);
    return out;
}

ClassifierPtr makeClassifier(const ModelSpec &spec)
{
    if (spec.inChannels <= 0 || spec.imageSize <= 0 || spec.numClasses <= 1)
        throw std::invalid_argument("model spec needs positive input channels and image size "
                                    "and at least 2 classes (got " +
                                    std::to_string(spec.inChannels) + " channels, " +
                                    std::to_string(spec.imageSize) + " pixels, " +
                                    std::to_string(spec.numClasses) + " classes)");
    for (const auto &[name, factory] : factories())
        if (name == spec.arch)
            return factory(spec);
    std::string known;
    for (const auto &name : classifierNames())
        known += (known.empty() ? "" : ", ") + name;
    throw std::invalid_argument("unknown model '" + spec.arch + "': use one of " + known);
}

std::vector<std::string> classifierNames()
{
    std::vector<std::string> names;
    for (const auto &entry : factories())
        names.push_back(entry.first);
    return names;
}

ClassifierPtr cloneClassifier(const ClassifierImpl &model, const c10::Device &device)
{
    ClassifierPtr copy = makeClassifier(model.spec());
    torch::NoGradGuard noGrad;
    // Rebuilt from the spec (same bits), then every named tensor is copied: parameters,
    // including alphas, and buffers (batch-norm running statistics).
    auto copyAll = [](const torch::OrderedDict<std::string, torch::Tensor> &from,
                      torch::OrderedDict<std::string, torch::Tensor> to, const char *what) {
        if (from.size() != to.size())
            throw std::logic_error(std::string("cloneClassifier: ") + what + " count differs");
        for (const auto &item : from) {
            torch::Tensor *target = to.find(item.key());
            if (target == nullptr)
                throw std::logic_error("cloneClassifier: no " + std::string(what) + " '" +
                                       item.key() + "' in the copy");
            target->set_data(item.value().detach().to(torch::kCPU).to(target->dtype()).clone());
        }
    };
    copyAll(model.named_parameters(), copy->named_parameters(), "parameter");
    copyAll(model.named_buffers(), copy->named_buffers(), "buffer");
    copy->to(device);
    copy->train(model.is_training());
    return copy;
}

std::vector<torch::Tensor> alphaParameters(const torch::nn::Module &model)
{
    std::vector<torch::Tensor> out;
    for (const auto &item : model.named_parameters())
        if (isAlphaName(item.key()))
            out.push_back(item.value());
    return out;
}

std::vector<torch::Tensor> nonAlphaParameters(const torch::nn::Module &model)
{
    std::vector<torch::Tensor> out;
    for (const auto &item : model.named_parameters())
        if (!isAlphaName(item.key()))
            out.push_back(item.value());
    return out;
}

torch::Tensor pactClippedFractions(const torch::nn::Module &model)
{
    const auto all = pactModules(model);
    if (all.empty())
        return torch::zeros({0});
    std::vector<torch::Tensor> clipped;
    for (const auto &pact : all)
        clipped.push_back(pact->clippedFractionTensor());
    return torch::stack(clipped);
}

namespace {

/// A float vector [n] from any device: one synchronisation.
std::vector<float> toFloats(const torch::Tensor &values)
{
    const torch::Tensor host = values.detach().to(torch::kCPU, torch::kFloat).contiguous();
    const float *v = host.data_ptr<float>();
    return std::vector<float>(v, v + host.numel());
}

} // namespace

std::vector<float> pactAlphas(const torch::nn::Module &model)
{
    std::vector<torch::Tensor> alphas;
    for (const auto &pact : pactModules(model))
        alphas.push_back(pact->alpha().detach().to(torch::kFloat).reshape({}));
    return alphas.empty() ? std::vector<float>{} : toFloats(torch::stack(alphas));
}

std::vector<float> clippedFractions(const torch::nn::Module &model)
{
    return toFloats(pactClippedFractions(model));
}

std::vector<std::string> pactLayerNames(const torch::nn::Module &model)
{
    std::vector<std::string> out;
    for (const auto &pact : pactModules(model))
        out.push_back(pact->layerName());
    return out;
}

} // namespace ql::core
