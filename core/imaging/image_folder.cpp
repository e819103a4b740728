// SPDX-License-Identifier: MIT
#include "core/imaging/image_folder.h"

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

std::vector<Item> listItems(const std::string &splitDir, const std::vector<std::string> &classes)
{
    std::vector<Item> items;
    for (size_t c = 0; c < classes.size(); ++c) {
        std::vector<std::string> files;
        for (const auto &entry : fs::directory_iterator(fs::path(splitDir) / classes[c])) {
            const std::string fileName = entry.path().filename().string();
            if (entry.is_regular_file() && fileName[0] != '.' && hasImageExtension(fileName))
                files.push_back(entry.path().string());
        }
        std::sort(files.begin(), files.end());
        for (auto &file : files)
            items.push_back({std::move(file), static_cast<int64_t>(c)});
    }
    return items;
}

/// Decodes items[i] for i = first, first + stride, ...; resizes when asked.
void decodeRange(const std::vector<Item> &items, size_t first, size_t stride,
                 const ImageFolderOptions &options, std::vector<ImageBuffer> &out)
{
    for (size_t i = first; i < items.size(); i += stride) {
        ImageBuffer image = decodeImageFile(items[i].path);
        if (options.width > 0 && (image.width != options.width || image.height != options.height)) {
            cv::Mat resized;
            cv::resize(borrowMat(image), resized, cv::Size(options.width, options.height), 0, 0,
                       cv::INTER_AREA);
            image.width = options.width;
            image.height = options.height;
            image.pixels.assign(resized.datastart, resized.dataend);
        }
        out[i] = std::move(image);
    }
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
    const std::vector<Item> items = listItems(splitDir, classes);
    if (items.empty())
        throw std::runtime_error("image folder " + splitDir +
                                 " contains no .png, .jpg, .jpeg or .bmp images");

    std::vector<ImageBuffer> images(items.size());
    const size_t threads =
        std::clamp<size_t>(options.threads > 0 ? static_cast<size_t>(options.threads)
                                               : std::max(1u, std::thread::hardware_concurrency()),
                           1, std::max<size_t>(1, items.size() / 64));
    std::vector<std::exception_ptr> errors(threads);
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            try {
                decodeRange(items, t, threads, options, images);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    for (auto &thread : pool)
        thread.join();
    for (const auto &error : errors)
        if (error)
            std::rethrow_exception(error);

    const int width = images.front().width;
    const int height = images.front().height;
    int channels = 1;
    for (size_t i = 0; i < images.size(); ++i) {
        if (images[i].width != width || images[i].height != height)
            throw std::runtime_error(
                "image " + items[i].path + " is " + std::to_string(images[i].width) + "x" +
                std::to_string(images[i].height) + ", expected " + std::to_string(width) + "x" +
                std::to_string(height) + " like " + items.front().path +
                " (all images of a folder must share one size, or choose a resize size)");
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
