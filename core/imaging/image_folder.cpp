// SPDX-License-Identifier: MIT
#include "core/imaging/image_folder.h"

#include "core/data/gzip_io.h"
#include "core/imaging/image_decode.h"
#include "core/imaging/mat_buffer.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstring>
#include <exception>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace ql::imaging {

namespace {

namespace fs = std::filesystem;

struct Item {
    std::string path;
    int64_t label;
};

std::vector<Item> listItems(const std::string &splitDir, const std::vector<std::string> &classes,
                            bool allowEmptyClasses)
{
    std::vector<Item> items;
    for (size_t c = 0; c < classes.size(); ++c) {
        std::vector<std::string> files;
        const fs::path classDir = fs::path(splitDir) / classes[c];
        for (const auto &entry : fs::directory_iterator(classDir)) {
            const std::string fileName = entry.path().filename().string();
            if (entry.is_regular_file() && fileName[0] != '.' && hasImageExtension(fileName))
                files.push_back(entry.path().string());
        }
        if (files.empty() && !allowEmptyClasses)
            throw std::runtime_error("class folder " + classDir.string() +
                                     " contains no .png, .jpg, .jpeg or .bmp images (remove the "
                                     "folder or add images: an empty class cannot be learned)");
        std::sort(files.begin(), files.end());
        for (auto &file : files)
            items.push_back({std::move(file), static_cast<int64_t>(c)});
    }
    return items;
}

/// Runs f(i) for i in [0, count) on `threads` threads; rethrows the first error.
template <typename F> void parallelFor(size_t count, size_t threads, F f)
{
    std::vector<std::exception_ptr> errors(threads);
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            try {
                for (size_t i = t; i < count; i += threads)
                    f(i);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    for (auto &thread : pool)
        thread.join();
    for (const auto &error : errors)
        if (error)
            std::rethrow_exception(error);
}

/// Decodes items[i]; resizes when asked.
ImageBuffer decodeItem(const Item &item, const ImageFolderOptions &options)
{
    ImageBuffer image = decodeImageFile(item.path);
    if (options.width > 0 && (image.width != options.width || image.height != options.height)) {
        cv::Mat resized;
        cv::resize(borrowMat(image), resized, cv::Size(options.width, options.height), 0, 0,
                   cv::INTER_AREA);
        image.width = options.width;
        image.height = options.height;
        image.pixels.assign(resized.datastart, resized.dataend);
    }
    return image;
}

std::string sizeMismatch(const std::string &path, int w, int h, int width, int height,
                         const std::string &first)
{
    return "image " + path + " is " + std::to_string(w) + "x" + std::to_string(h) + ", expected " +
           std::to_string(width) + "x" + std::to_string(height) + " like " + first +
           " (all images of a folder must share one size, or choose a resize size)";
}

void copyPlanar(const ImageBuffer &image, int channels, uint8_t *dst)
{
    const size_t plane = static_cast<size_t>(image.width) * image.height;
    const uint8_t *src = image.pixels.data();
    if (image.channels == channels && channels == 1) {
        std::memcpy(dst, src, plane);
        return;
    }
    for (size_t p = 0; p < plane; ++p)
        for (int c = 0; c < channels; ++c) // grey images in a colour set repeat their plane
            dst[c * plane + p] = src[p * image.channels + (image.channels == 1 ? 0 : c)];
}

} // namespace

std::vector<std::string> listClassFolders(const std::string &dir)
{
    if (!fs::is_directory(dir))
        throw std::runtime_error("image folder " + dir + " does not exist");
    std::vector<std::string> classes;
    for (const auto &entry : fs::directory_iterator(dir)) {
        const std::string folder = entry.path().filename().string();
        if (entry.is_directory() && folder[0] != '.')
            classes.push_back(folder);
    }
    std::sort(classes.begin(), classes.end());
    return classes;
}

ql::core::Dataset loadImageFolder(const std::string &splitDir, const std::string &name,
                                  const ImageFolderOptions &options)
{
    if ((options.width > 0) != (options.height > 0))
        throw std::invalid_argument("image folder resize needs both a width and a height");
    const std::vector<std::string> classes = listClassFolders(splitDir);
    if (classes.empty())
        throw std::runtime_error("image folder " + splitDir +
                                 " has no class sub-folders (expected <class>/<image>.png|jpg)");
    if (!options.expectedClasses.empty() && classes != options.expectedClasses)
        throw std::runtime_error("the class folders of " + splitDir +
                                 " differ from those of the training split");
    const std::vector<Item> items = listItems(splitDir, classes, !options.expectedClasses.empty());
    if (items.empty())
        throw std::runtime_error("image folder " + splitDir +
                                 " contains no .png, .jpg, .jpeg or .bmp images");

    const size_t threads =
        std::clamp<size_t>(options.threads > 0 ? static_cast<size_t>(options.threads)
                                               : std::max(1u, std::thread::hardware_concurrency()),
                           1, std::max<size_t>(1, items.size() / 64));
    // Headers first: sizes, the pixel limit and the whole set's size are checked before any
    // image is decoded.
    std::vector<ImageHeader> headers(items.size());
    parallelFor(items.size(), threads,
                [&](size_t i) { headers[i] = probeImageFile(items[i].path); });
    const int outWidth = options.width > 0 ? options.width : headers.front().width;
    const int outHeight = options.height > 0 ? options.height : headers.front().height;
    int likelyChannels = 1;
    for (size_t i = 0; i < headers.size(); ++i) {
        if (options.width == 0 && (headers[i].width != outWidth || headers[i].height != outHeight))
            throw std::runtime_error(sizeMismatch(items[i].path, headers[i].width,
                                                  headers[i].height, outWidth, outHeight,
                                                  items.front().path));
        likelyChannels = std::max(likelyChannels, headers[i].channels);
    }
    const uint64_t setBytes = uint64_t{items.size()} * uint64_t(likelyChannels) *
                              uint64_t(outWidth) * uint64_t(outHeight);
    if (setBytes > kMaxImageFolderBytes)
        throw std::runtime_error("image folder " + splitDir + " holds " +
                                 std::to_string(items.size()) + " images of " +
                                 std::to_string(outWidth) + "x" + std::to_string(outHeight) + " (" +
                                 ql::core::formatBytes(setBytes) + "), more than the limit of " +
                                 ql::core::formatBytes(kMaxImageFolderBytes) +
                                 ": choose a smaller resize size or fewer images");

    std::vector<ImageBuffer> images(items.size());
    parallelFor(items.size(), threads,
                [&](size_t i) { images[i] = decodeItem(items[i], options); });

    const int width = images.front().width;
    const int height = images.front().height;
    int channels = 1;
    for (size_t i = 0; i < images.size(); ++i) {
        if (images[i].width != width || images[i].height != height)
            throw std::runtime_error(sizeMismatch(items[i].path, images[i].width, images[i].height,
                                                  width, height, items.front().path));
        channels = std::max(channels, images[i].channels);
    }
    ql::core::Dataset data;
    data.name = name;
    data.classNames = classes;
    const auto n = static_cast<int64_t>(items.size());
    data.images = torch::empty({n, channels, height, width}, torch::kUInt8);
    data.labels = torch::empty({n}, torch::kInt64);
    uint8_t *dst = data.images.data_ptr<uint8_t>();
    int64_t *labels = data.labels.data_ptr<int64_t>();
    const size_t stride = static_cast<size_t>(channels) * width * height;
    for (int64_t i = 0; i < n; ++i) {
        copyPlanar(images[static_cast<size_t>(i)], channels, dst + static_cast<size_t>(i) * stride);
        labels[i] = items[static_cast<size_t>(i)].label;
    }
    return data;
}

} // namespace ql::imaging
