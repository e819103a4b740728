// SPDX-License-Identifier: MIT
#include "core/imaging/dataset_loader.h"

#include "core/registry.h"

#include "core/data/cifar_reader.h"
#include "core/data/idx_reader.h"
#include "core/data/normalization.h"
#include "core/imaging/image_folder.h"

#include <filesystem>
#include <stdexcept>

namespace ql::imaging {

namespace fs = std::filesystem;

std::vector<std::string> knownDatasets()
{
    return core::registry::datasets();
}

ql::core::DataSplits loadImageFolderSplits(const std::string &root, const std::string &name)
{
    const fs::path trainDir = fs::path(root) / "train";
    const fs::path testDir = fs::path(root) / "test";
    if (!fs::is_directory(trainDir) || !fs::is_directory(testDir))
        throw std::runtime_error("image folder " + root +
                                 " needs train/<class>/ and test/<class>/ sub-folders");
    ql::core::DataSplits splits;
    splits.train = loadImageFolder(trainDir.string(), name + "/train");
    if (splits.train.numClasses() < 2)
        throw std::runtime_error(
            "image folder " + trainDir.string() + " has only one class folder ('" +
            splits.train.classNames.front() +
            "'): a classifier needs at least two classes, one sub-folder each");
    ImageFolderOptions testOptions;
    testOptions.expectedClasses = splits.train.classNames;
    // Test images must match the train images the model was built for.
    splits.test = loadImageFolder(testDir.string(), name + "/test", testOptions);
    auto shape = [](const ql::core::Dataset &d) {
        return std::to_string(d.width()) + "x" + std::to_string(d.height()) + " with " +
               std::to_string(d.channels()) + (d.channels() == 1 ? " channel" : " channels") +
               (d.channels() == 1 ? " (grey)" : " (colour)");
    };
    if (splits.test.height() != splits.train.height() ||
        splits.test.width() != splits.train.width() ||
        splits.test.channels() != splits.train.channels())
        throw std::runtime_error("the test images of " + root + " are " + shape(splits.test) +
                                 " but the training images are " + shape(splits.train) +
                                 ": both splits need the same size and colour");
    return splits;
}

namespace {

/// Both splits must hold images: an empty split would train or "test" on nothing.
void requireNonEmpty(const ql::core::DataSplits &splits, const std::string &dataset,
                     const std::string &dir)
{
    for (const ql::core::Dataset *split : {&splits.train, &splits.test})
        if (split->size() == 0)
            throw std::runtime_error(
                "the " + std::string(split == &splits.train ? "training" : "test") + " split of " +
                dataset + " in " + dir + " holds no images: nothing to " +
                (split == &splits.train ? "train on" : "test on"));
}

ql::core::DataSplits loadDataSplitsUnchecked(const std::string &dataset, const std::string &dir)
{
    if (dataset == "mnist")
        return ql::core::loadMnistStyle(dir, ql::core::MnistFlavor::Digits);
    if (dataset == "fashion-mnist")
        return ql::core::loadMnistStyle(dir, ql::core::MnistFlavor::Fashion);
    if (dataset == "cifar10") {
        if (!ql::core::findCifar10BinaryDir(dir).empty())
            return ql::core::loadCifar10Binary(dir);
        if (!fs::is_directory(fs::path(dir) / "train"))
            throw std::runtime_error("no CIFAR-10 data in " + dir +
                                     ": expected the binary batches (cifar-10-batches-bin) or "
                                     "an image folder with train/ and test/");
        ql::core::DataSplits splits = loadImageFolderSplits(dir, "cifar10");
        if (splits.train.channels() != 3 || splits.train.height() != 32 ||
            splits.train.width() != 32 || splits.train.numClasses() != 10)
            throw std::runtime_error(
                "the image folder " + dir +
                " is not CIFAR-10: expected 10 classes of 32x32 colour images");
        splits.norm = ql::core::cifar10Normalization();
        return splits;
    }
    if (dataset == "folder" || dataset.rfind("folder:", 0) == 0) {
        const std::string root = dataset.size() > 7 ? dataset.substr(7) : dir;
        if (root.empty())
            throw std::invalid_argument("folder data sets need a path: folder:<path>");
        fs::path normal = fs::path(root).lexically_normal();
        if (normal.filename().empty()) // "a/b/" names the folder b
            normal = normal.parent_path();
        ql::core::DataSplits splits = loadImageFolderSplits(root, normal.filename().string());
        splits.norm = ql::core::computeNormalization(splits.train);
        return splits;
    }
    throw std::invalid_argument("unknown data set '" + dataset +
                                "': use mnist, fashion-mnist, cifar10 or folder:<path>");
}

} // namespace

ql::core::DataSplits loadDataSplits(const std::string &dataset, const std::string &dir)
{
    ql::core::DataSplits splits = loadDataSplitsUnchecked(dataset, dir);
    requireNonEmpty(splits, dataset, dir);
    return splits;
}

std::vector<std::string> datasetClassNames(const std::string &dataset, const std::string &dir)
{
    if (dataset == "mnist")
        return ql::core::mnistClassNames(ql::core::MnistFlavor::Digits);
    if (dataset == "fashion-mnist")
        return ql::core::mnistClassNames(ql::core::MnistFlavor::Fashion);
    if (dataset == "cifar10")
        return ql::core::cifar10ClassNames(dir);
    if (dataset == "folder" || dataset.rfind("folder:", 0) == 0) {
        const std::string root = dataset.size() > 7 ? dataset.substr(7) : dir;
        if (root.empty())
            throw std::invalid_argument("folder data sets need a path: folder:<path>");
        const fs::path train = fs::path(root) / "train";
        if (!fs::is_directory(train))
            throw std::runtime_error("image folder " + root + " needs a train/<class>/ tree");
        return listClassFolders(train.string());
    }
    throw std::invalid_argument("unknown data set '" + dataset +
                                "': use mnist, fashion-mnist, cifar10 or folder:<path>");
}

} // namespace ql::imaging
