// SPDX-License-Identifier: MIT
#include "core/imaging/dataset_loader.h"

#include "core/registry.h"

#include "core/data/cifar_reader.h"
#include "core/data/idx_reader.h"
#include "core/data/normalization.h"
#include "core/imaging/image_decode.h"
#include "core/imaging/image_folder.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace ql::imaging {

namespace fs = std::filesystem;

std::vector<std::string> knownDatasets()
{
    return core::registry::datasets();
}

namespace {

/// Every kHoldOutEvery-th image of a class (in sorted order) is a flat folder's test image.
constexpr int64_t kHoldOutEvery = 5;

std::string describeShape(const ql::core::Dataset &d)
{
    return std::to_string(d.width()) + "x" + std::to_string(d.height()) + " with " +
           std::to_string(d.channels()) + (d.channels() == 1 ? " channel" : " channels") +
           (d.channels() == 1 ? " (grey)" : " (colour)");
}

void requireTwoClasses(const ql::core::Dataset &train, const std::string &dir)
{
    if (train.numClasses() < 2)
        throw std::runtime_error(
            "image folder " + dir + " has only one class folder ('" + train.classNames.front() +
            "'): a classifier needs at least two classes, one sub-folder each");
}

/// Splits a flat folder's images: per class, the images at positions 4, 9, 14, ... (sorted
/// order, which loadImageFolder keeps) are the test split, the others the training split.
ql::core::DataSplits holdOut(const ql::core::Dataset &all, const std::string &name)
{
    std::vector<int64_t> train, test;
    std::vector<int64_t> seen(all.classNames.size(), 0);
    const int64_t *labels = all.labels.data_ptr<int64_t>();
    for (int64_t i = 0; i < all.size(); ++i) {
        const int64_t position = seen[static_cast<size_t>(labels[i])]++;
        (position % kHoldOutEvery == kHoldOutEvery - 1 ? test : train).push_back(i);
    }
    auto subset = [&](const std::vector<int64_t> &rows, const std::string &split) {
        ql::core::Dataset d;
        d.name = name + "/" + split;
        d.classNames = all.classNames;
        const torch::Tensor index = torch::tensor(rows, torch::kInt64);
        d.images = all.images.index_select(0, index);
        d.labels = all.labels.index_select(0, index);
        return d;
    };
    if (test.empty())
        throw std::runtime_error("image folder " + name +
                                 " holds too few images to hold out "
                                 "a test split (every " +
                                 std::to_string(kHoldOutEvery) +
                                 "th image of a class): add images or use train/ and test/");
    ql::core::DataSplits splits;
    splits.train = subset(train, "train");
    splits.test = subset(test, "test");
    return splits;
}

} // namespace

ImageFolderSummary summarizeImageFolderSplits(const std::string &root,
                                              const std::function<bool()> &cancelled)
{
    namespace fs = std::filesystem;
    std::error_code error;
    if (!fs::is_directory(root, error))
        throw std::runtime_error("image folder " + root + " does not exist");
    ImageFolderSummary summary;
    const fs::path trainDir = fs::path(root) / "train";
    const fs::path testDir = fs::path(root) / "test";
    summary.separateTest = fs::is_directory(trainDir, error);
    if (summary.separateTest && !fs::is_directory(testDir, error))
        throw std::runtime_error("image folder " + root +
                                 " has train/ but no test/: add test/<class>/ folders, or put "
                                 "the class folders directly in the folder");
    bool first = true;
    auto count = [&](const fs::path &classDir) {
        int64_t n = 0;
        std::error_code e;
        for (fs::directory_iterator it(classDir, e), end; !e && it != end; it.increment(e)) {
            const std::string fileName = it->path().filename().string();
            if (!it->is_regular_file(e) || fileName[0] == '.' || !hasImageExtension(fileName))
                continue;
            if (cancelled && cancelled())
                return n;
            const ImageHeader header = probeImageFile(it->path().string());
            summary.channels = std::max(summary.channels, header.channels);
            if (first) {
                summary.minWidth = summary.maxWidth = header.width;
                summary.minHeight = summary.maxHeight = header.height;
                first = false;
            }
            summary.minWidth = std::min(summary.minWidth, header.width);
            summary.maxWidth = std::max(summary.maxWidth, header.width);
            summary.minHeight = std::min(summary.minHeight, header.height);
            summary.maxHeight = std::max(summary.maxHeight, header.height);
            ++n;
        }
        return n;
    };
    const fs::path classRoot = summary.separateTest ? trainDir : fs::path(root);
    summary.classes = listClassFolders(classRoot.string());
    if (summary.classes.empty())
        throw std::runtime_error("image folder " + root +
                                 " has no class sub-folders (expected <class>/<image>.png|jpg, "
                                 "or train/<class>/ and test/<class>/)");
    for (const std::string &c : summary.classes) {
        const int64_t n = count(classRoot / c);
        if (n == 0)
            throw std::runtime_error("class folder " + (classRoot / c).string() +
                                     " contains no .png, .jpg, .jpeg or .bmp images");
        summary.trainImages += n;
    }
    if (summary.classes.size() < 2)
        throw std::runtime_error("image folder " + classRoot.string() +
                                 " has only one class folder ('" + summary.classes.front() +
                                 "'): a classifier needs at least two classes");
    if (summary.separateTest) {
        for (const std::string &c : listClassFolders(testDir.string()))
            summary.testImages += count(testDir / c);
    } else {
        for (const std::string &c : summary.classes)
            summary.testImages += count(fs::path(root) / c) / kHoldOutEvery;
        summary.trainImages -= summary.testImages;
    }
    return summary;
}

ql::core::DataSplits loadImageFolderSplits(const std::string &root, const std::string &name,
                                           const DataLoadOptions &options)
{
    ImageFolderOptions trainOptions;
    trainOptions.width = options.width;
    trainOptions.height = options.height;
    const fs::path trainDir = fs::path(root) / "train";
    const fs::path testDir = fs::path(root) / "test";
    if (!fs::is_directory(trainDir)) {
        if (fs::is_directory(testDir))
            throw std::runtime_error("image folder " + root +
                                     " has test/ but no train/: add train/<class>/ folders");
        // Class folders directly in the root: a 4:1 split of each class.
        const ql::core::Dataset all = loadImageFolder(root, name, trainOptions);
        requireTwoClasses(all, root);
        return holdOut(all, name);
    }
    if (!fs::is_directory(testDir))
        throw std::runtime_error("image folder " + root +
                                 " needs train/<class>/ and test/<class>/ sub-folders (or the "
                                 "class folders directly in it)");
    ql::core::DataSplits splits;
    splits.train = loadImageFolder(trainDir.string(), name + "/train", trainOptions);
    requireTwoClasses(splits.train, trainDir.string());
    ImageFolderOptions testOptions = trainOptions;
    testOptions.expectedClasses = splits.train.classNames;
    // Test images must match the train images the model was built for.
    splits.test = loadImageFolder(testDir.string(), name + "/test", testOptions);
    if (splits.test.height() != splits.train.height() ||
        splits.test.width() != splits.train.width() ||
        splits.test.channels() != splits.train.channels())
        throw std::runtime_error("the test images of " + root + " are " +
                                 describeShape(splits.test) + " but the training images are " +
                                 describeShape(splits.train) +
                                 ": both splits need the same size and colour" +
                                 (options.width > 0 ? "" : " (or choose a resize size)"));
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

ql::core::DataSplits loadDataSplitsUnchecked(const std::string &dataset, const std::string &dir,
                                             const DataLoadOptions &options)
{
    const bool folder = dataset == "folder" || dataset.rfind("folder:", 0) == 0;
    if ((options.width > 0 || options.height > 0) && !folder)
        throw std::invalid_argument("a resize applies to image folder data sets (folder:<path>) "
                                    "only, not to " +
                                    dataset);
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
        ql::core::DataSplits splits =
            loadImageFolderSplits(root, normal.filename().string(), options);
        splits.norm = ql::core::computeNormalization(splits.train);
        return splits;
    }
    throw std::invalid_argument("unknown data set '" + dataset +
                                "': use mnist, fashion-mnist, cifar10 or folder:<path>");
}

} // namespace

ql::core::DataSplits loadDataSplits(const std::string &dataset, const std::string &dir)
{
    return loadDataSplits(dataset, dir, DataLoadOptions{});
}

ql::core::DataSplits loadDataSplits(const std::string &dataset, const std::string &dir,
                                    const DataLoadOptions &options)
{
    ql::core::DataSplits splits = loadDataSplitsUnchecked(dataset, dir, options);
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
        if (!fs::is_directory(train)) {
            if (!fs::is_directory(root))
                throw std::runtime_error("image folder " + root + " does not exist");
            return listClassFolders(root); // class folders directly in the root
        }
        return listClassFolders(train.string());
    }
    throw std::invalid_argument("unknown data set '" + dataset +
                                "': use mnist, fashion-mnist, cifar10 or folder:<path>");
}

} // namespace ql::imaging
