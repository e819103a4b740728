// SPDX-License-Identifier: MIT
#include "app/cli/deploy_cli_support.h"

#include "core/data/normalization.h"
#include "core/imaging/dataset_loader.h"

namespace ql::app {

core::Normalization normalizationFor(const core::TrainingConfig &config, const std::string &dataDir)
{
    if (config.dataset == "mnist")
        return core::mnistNormalization();
    if (config.dataset == "fashion-mnist")
        return core::fashionMnistNormalization();
    if (config.dataset == "cifar10")
        return core::cifar10Normalization();
    return imaging::loadDataSplits(
               config.dataset, dataDir.empty() ? config.dataDir : dataDir,
               imaging::DataLoadOptions{config.resizeWidth, config.resizeHeight})
        .norm;
}

} // namespace ql::app
