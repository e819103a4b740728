// SPDX-License-Identifier: MIT
#include "core/imaging/batch_predict.h"

#include "core/imaging/image_decode.h"

#include <glob.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace ql::imaging {

namespace fs = std::filesystem;

ModelInputSpec droppedImageSpec(const ql::core::ModelSpec &spec,
                                const ql::core::Normalization &norm)
{
    ModelInputSpec in;
    in.channels = static_cast<int>(spec.inChannels);
    in.height = in.width = static_cast<int>(spec.imageSize);
    in.mnistStyle = spec.inChannels == 1;
    in.norm = norm;
    return in;
}

namespace {

bool sameInput(const ModelInputSpec &a, const ModelInputSpec &b)
{
    return a.channels == b.channels && a.height == b.height && a.width == b.width &&
           a.mnistStyle == b.mnistStyle && a.darkBackground == b.darkBackground &&
           a.norm.mean == b.norm.mean && a.norm.std == b.norm.std;
}

/// Runs the models over one batch of files and hands the entries to onBatch.
void predictBatch(const std::vector<std::string> &paths, size_t begin, size_t end,
                  const std::vector<PredictionModel> &models,
                  const std::vector<size_t> &preparationOf, size_t preparations,
                  const PredictOptions &options,
                  const std::function<void(const std::vector<ImagePrediction> &)> &onBatch)
{
    std::vector<ImagePrediction> entries(end - begin);
    // inputs[p] holds the prepared images of preparation p for the readable files.
    std::vector<std::vector<torch::Tensor>> inputs(preparations);
    std::vector<size_t> readable; // entry positions with images
    for (size_t i = begin; i < end; ++i) {
        ImagePrediction &entry = entries[i - begin];
        entry.path = paths[i];
        entry.index = static_cast<int64_t>(i);
        try {
            const ImageBuffer image = decodeImageFile(paths[i]);
            std::vector<torch::Tensor> prepared(preparations);
            for (size_t m = 0; m < models.size(); ++m) {
                const size_t p = preparationOf[m];
                if (prepared[p].defined())
                    continue;
                PreparedImage ready = prepareImageForModel(image, models[m].input);
                prepared[p] = ready.input;
                if (m == 0)
                    entry.inverted = ready.inverted;
            }
            for (size_t p = 0; p < preparations; ++p)
                inputs[p].push_back(prepared[p]);
            readable.push_back(i - begin);
        } catch (const std::exception &e) {
            entry.error = e.what();
        }
    }
    for (auto &entry : entries)
        if (entry.error.empty())
            entry.top.resize(models.size());
    if (!readable.empty()) {
        std::vector<torch::Tensor> batches(preparations);
        for (size_t p = 0; p < preparations; ++p)
            batches[p] = torch::cat(inputs[p]);
        inputs.clear();
        const auto n = static_cast<int64_t>(readable.size());
        for (size_t m = 0; m < models.size(); ++m) {
            torch::Tensor logits = models[m].logits(batches[preparationOf[m]]);
            if (!logits.defined() || logits.dim() != 2 || logits.size(0) != n)
                throw std::invalid_argument("model '" + models[m].label +
                                            "' did not return one row of logits per image");
            const torch::Tensor probs =
                torch::softmax(logits.detach().to(torch::kCPU).to(torch::kDouble), 1);
            const int64_t k = std::min<int64_t>(options.topK, probs.size(1));
            const auto top = probs.topk(k, 1);
            const auto values = std::get<0>(top).contiguous();
            const auto labels = std::get<1>(top).contiguous();
            const auto v = values.accessor<double, 2>();
            const auto l = labels.accessor<int64_t, 2>();
            for (int64_t r = 0; r < n; ++r) {
                auto &scores = entries[readable[static_cast<size_t>(r)]].top[m];
                for (int64_t j = 0; j < k; ++j)
                    scores.push_back({l[r][j], v[r][j]});
            }
        }
    }
    onBatch(entries);
}

} // namespace

bool predictImageFiles(const std::vector<std::string> &paths,
                       const std::vector<PredictionModel> &models, const PredictOptions &options,
                       const std::function<void(const std::vector<ImagePrediction> &)> &onBatch)
{
    if (models.empty())
        throw std::invalid_argument("no model to predict with");
    if (options.batchSize < 1 || options.topK < 1)
        throw std::invalid_argument("the batch size and top-k must be at least 1");
    for (const auto &model : models)
        if (!model.logits)
            throw std::invalid_argument("model '" + model.label + "' has no forward function");
    // Models that prepare images alike share one preparation per file.
    std::vector<size_t> preparationOf(models.size());
    std::vector<size_t> firstOf; // model index of each distinct preparation
    for (size_t m = 0; m < models.size(); ++m) {
        size_t p = 0;
        while (p < firstOf.size() && !sameInput(models[firstOf[p]].input, models[m].input))
            ++p;
        if (p == firstOf.size())
            firstOf.push_back(m);
        preparationOf[m] = p;
    }
    const auto batch = static_cast<size_t>(options.batchSize);
    for (size_t begin = 0; begin < paths.size(); begin += batch) {
        if (options.cancel && options.cancel->load())
            return false;
        predictBatch(paths, begin, std::min(paths.size(), begin + batch), models, preparationOf,
                     firstOf.size(), options, onBatch);
    }
    return true;
}

int64_t labelFromFolder(const std::string &path, const std::vector<std::string> &classNames)
{
    const std::string folder = fs::path(path).parent_path().filename().string();
    if (folder.empty())
        return -1;
    const auto it = std::find(classNames.begin(), classNames.end(), folder);
    if (it != classNames.end())
        return static_cast<int64_t>(it - classNames.begin());
    if (folder.size() > 6 ||
        !std::all_of(folder.begin(), folder.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return -1;
    const int64_t value = std::stoll(folder);
    return value < static_cast<int64_t>(classNames.size()) ? value : -1;
}

namespace {

bool hidden(const fs::path &p)
{
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.';
}

void addFolder(const fs::path &dir, std::vector<std::string> &out,
               std::vector<std::string> &problems)
{
    std::error_code ec;
    std::vector<std::string> files;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        problems.push_back(dir.string() + ": " + ec.message());
        return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec)
            break;
        const fs::path &p = it->path();
        if (hidden(p)) {
            if (it->is_directory(ec))
                it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && hasImageExtension(p.filename().string()))
            files.push_back(p.string());
    }
    if (ec)
        problems.push_back(dir.string() + ": " + ec.message());
    if (files.empty())
        problems.push_back(dir.string() + ": no .png, .jpg, .jpeg or .bmp images in this folder");
    std::sort(files.begin(), files.end());
    out.insert(out.end(), files.begin(), files.end());
}

} // namespace

std::vector<std::string> collectImagePaths(const std::vector<std::string> &inputs,
                                           std::vector<std::string> &problems)
{
    std::vector<std::string> out;
    for (const std::string &input : inputs) {
        std::error_code ec;
        const fs::file_status status = fs::status(input, ec);
        if (!ec && fs::is_directory(status)) {
            addFolder(input, out, problems);
            continue;
        }
        if (!ec && fs::exists(status)) {
            out.push_back(input);
            continue;
        }
        glob_t matches{};
        const int rc = ::glob(input.c_str(), 0, nullptr, &matches);
        if (rc != 0) {
            ::globfree(&matches);
            problems.push_back(input + ": no such file or folder");
            continue;
        }
        std::vector<std::string> found;
        for (size_t i = 0; i < matches.gl_pathc; ++i) {
            const std::string match = matches.gl_pathv[i];
            if (fs::is_directory(match, ec))
                addFolder(match, found, problems);
            else if (hasImageExtension(match))
                found.push_back(match);
        }
        ::globfree(&matches);
        if (found.empty())
            problems.push_back(input + ": the pattern matches no image files");
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

} // namespace ql::imaging
