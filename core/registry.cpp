// SPDX-License-Identifier: MIT
#include "core/registry.h"

#include <algorithm>

namespace ql::core::registry {

const std::vector<std::string> &optimizers()
{
    static const std::vector<std::string> names{"adadelta", "sgd", "adam", "adamw"};
    return names;
}

const std::vector<std::string> &schedules()
{
    static const std::vector<std::string> names{"none", "step", "multistep", "cosine", "onecycle"};
    return names;
}

const std::vector<std::string> &datasets()
{
    static const std::vector<std::string> names{"mnist", "fashion-mnist", "cifar10"};
    return names;
}

const std::vector<std::string> &models()
{
    static const std::vector<std::string> names{"mnist-cnn", "lenet5", "resnet20", "vgg-small"};
    return names;
}

const std::vector<std::string> &saliencyMethods()
{
    static const std::vector<std::string> names{"gradient", "gradient-x-input", "smoothgrad",
                                                "integrated-gradients", "gradcam"};
    return names;
}

const std::vector<std::string> &bitWidths()
{
    static const std::vector<std::string> names{"float", "8", "7", "6", "5", "4", "3", "2", "1"};
    return names;
}

const char *defaultStudyBits()
{
    return "float,8,6,4,3,2";
}

bool contains(const std::vector<std::string> &list, const std::string &name)
{
    return std::find(list.begin(), list.end(), name) != list.end();
}

std::string joined(const std::vector<std::string> &list, const std::string &last)
{
    std::string out;
    for (size_t i = 0; i < list.size(); ++i) {
        if (i > 0)
            out += i + 1 == list.size() ? last : ", ";
        out += list[i];
    }
    return out;
}

} // namespace ql::core::registry
