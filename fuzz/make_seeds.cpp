// SPDX-License-Identifier: MIT
// Writes the seed corpora of the fuzz targets: small valid files of every format, generated
// (nothing binary is committed). Usage: make_fuzz_seeds OUTDIR
#include "core/data/gzip_io.h"
#include "core/imaging/image_decode.h"
#include "core/models/classifier.h"
#include "core/quant/packed_export.h"
#include "core/train/checkpoint.h"
#include "core/train/config_json.h"
#include "core/train/optimizer_factory.h"
#include "tests/reliability/hostile_files.h"

#include <opencv2/imgcodecs.hpp>
#include <torch/nn/functional/loss.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;

namespace {

fs::path g_out;

void put(const std::string &target, const std::string &name, const Bytes &bytes)
{
    fs::create_directories(g_out / target);
    std::ofstream(g_out / target / name, std::ios::binary)
        .write(reinterpret_cast<const char *>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
}

Bytes prefixed(uint8_t first, const Bytes &rest)
{
    Bytes out(rest.size() + 1);
    out[0] = first;
    std::copy(rest.begin(), rest.end(), out.begin() + 1);
    return out;
}

Bytes gz(const Bytes &data)
{
    const std::string scratch = (g_out / "scratch.gz").string();
    ql::core::writeGzipFile(scratch, data);
    Bytes out = ql::core::readWholeFile(scratch);
    fs::remove(scratch);
    return out;
}

Bytes fileBytes(const std::string &path)
{
    Bytes out = ql::core::readWholeFile(path);
    fs::remove(path);
    return out;
}

/// A ustar archive with the given (name, content) files.
Bytes tarOf(const std::vector<std::pair<std::string, std::string>> &files)
{
    Bytes out;
    for (const auto &[name, content] : files) {
        Bytes header(512, 0);
        std::copy(name.begin(), name.end(), header.begin());
        std::snprintf(reinterpret_cast<char *>(&header[100]), 8, "%07o", 0644);
        std::snprintf(reinterpret_cast<char *>(&header[108]), 8, "%07o", 0);
        std::snprintf(reinterpret_cast<char *>(&header[116]), 8, "%07o", 0);
        std::snprintf(reinterpret_cast<char *>(&header[124]), 12, "%011o",
                      static_cast<unsigned>(content.size()));
        std::snprintf(reinterpret_cast<char *>(&header[136]), 12, "%011o", 0);
        header[156] = '0';
        std::copy_n("ustar", 6, &header[257]);
        header[263] = '0';
        header[264] = '0';
        std::fill(&header[148], &header[156], ' ');
        unsigned sum = 0;
        for (uint8_t b : header)
            sum += b;
        std::snprintf(reinterpret_cast<char *>(&header[148]), 8, "%06o", sum);
        out.insert(out.end(), header.begin(), header.end());
        out.insert(out.end(), content.begin(), content.end());
        out.resize((out.size() + 511) / 512 * 512, 0);
    }
    out.resize(out.size() + 1024, 0);
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_fuzz_seeds OUTDIR\n");
        return 2;
    }
    g_out = argv[1];
    fs::create_directories(g_out);
    using ql::test::idxImagesHeader;

    // IDX: first byte 0 = images, 1 = labels.
    const Bytes images = idxImagesHeader(2, 4, 4, 32);
    Bytes labels;
    ql::test::putBigEndian(labels, 2049);
    ql::test::putBigEndian(labels, 3);
    labels.insert(labels.end(), {1, 7, 9});
    put("idx", "images", prefixed(0, images));
    put("idx", "images.gz", prefixed(0, gz(images)));
    put("idx", "labels", prefixed(1, labels));
    put("idx", "labels.gz", prefixed(1, gz(labels)));

    // CIFAR-10: two records.
    Bytes cifar;
    for (uint8_t label : {3, 8}) {
        cifar.push_back(label);
        for (int i = 0; i < 3072; ++i)
            cifar.push_back(static_cast<uint8_t>(i * label));
    }
    put("cifar", "batch.bin", cifar);
    put("cifar", "batch.bin.gz", gz(cifar));

    // Images: first byte = colour mode (bits 0-1) and preprocessing (bit 2).
    cv::Mat grey(12, 10, CV_8UC1), colour(9, 11, CV_8UC3);
    for (int y = 0; y < grey.rows; ++y)
        for (int x = 0; x < grey.cols; ++x)
            grey.at<uint8_t>(y, x) = static_cast<uint8_t>((x * 20 + y * 7) % 256);
    cv::randu(colour, 0, 255);
    for (const auto &[name, mat, ext] :
         std::vector<std::tuple<std::string, cv::Mat, std::string>>{{"grey.png", grey, ".png"},
                                                                    {"colour.png", colour, ".png"},
                                                                    {"grey.jpg", grey, ".jpg"},
                                                                    {"colour.jpg", colour, ".jpg"},
                                                                    {"colour.bmp", colour, ".bmp"},
                                                                    {"grey.bmp", grey, ".bmp"}}) {
        Bytes bytes;
        cv::imencode(ext, mat, bytes);
        put("image", name, prefixed(0, bytes));
        put("image", "rgb-" + name, prefixed(5, bytes));
    }

    // Checkpoints and packed models of a small lenet5 (12x12 inputs: a few KB of tensors).
    ql::core::CheckpointInfo info;
    info.config.model.arch = "lenet5";
    info.config.model.imageSize = 12;
    info.config.model.quant.weightBits = 4;
    info.config.model.quant.activationBits = 4;
    info.epochsCompleted = 1;
    info.globalStep = 3;
    const auto model = ql::core::makeClassifier(info.config.model);
    const std::string ckpt = (g_out / "seed.ckpt").string();
    ql::core::saveCheckpoint(ckpt, info, *model);
    // Checkpoints: first byte = mode (fuzz_checkpoint.cpp: bit 0 recomputes the CRC-32, bit 1
    // the archive size, after mutation).
    const Bytes ckptBytes = fileBytes(ckpt);
    put("checkpoint", "lenet5-12.ckpt", prefixed(0, ckptBytes));
    put("checkpoint", "fixed-lenet5-12.ckpt", prefixed(3, ckptBytes));
    // The same model with each optimiser's state after one step (momentum, moments, Adadelta's
    // accumulators): seeds for the optimiser-state reader that a resume runs.
    for (const char *name : {"sgd", "adam", "adamw", "adadelta"}) {
        ql::core::CheckpointInfo withState = info;
        withState.config.optimizer.name = name;
        withState.config.optimizer.learningRate = 0.01;
        auto stepped = ql::core::makeClassifier(withState.config.model);
        auto optimizer = ql::core::makeOptimizer(withState.config.optimizer,
                                                 ql::core::splitParameters(*stepped));
        torch::manual_seed(7);
        const auto logits = stepped->forward(torch::rand({2, 1, 12, 12}));
        torch::nn::functional::cross_entropy(logits, torch::tensor({1, 3})).backward();
        optimizer->step();
        ql::core::CheckpointState state;
        state.optimizer = optimizer.get();
        const std::string withStatePath =
            (g_out / (std::string("seed-") + name + ".ckpt")).string();
        ql::core::saveCheckpoint(withStatePath, withState, *stepped, state);
        put("checkpoint", std::string("fixed-lenet5-12-") + name + ".ckpt",
            prefixed(3, fileBytes(withStatePath)));
    }
    const std::string packed = (g_out / "seed.qlpack").string();
    ql::core::exportPackedModel(*model, packed);
    // Packed models: first byte = mode (bit 0: recompute the CRC trailer after mutation).
    const Bytes packedBytes = fileBytes(packed);
    put("packed", "lenet5-12-w4.qlpack", prefixed(0, packedBytes));
    put("packed", "crc-lenet5-12-w4.qlpack", prefixed(1, packedBytes));

    // Packed models the integer engine runs: mnist-cnn (8x8 inputs) and resnet20 (8x8, RGB),
    // at 4 and 2 bits, with their input normalisation.
    for (const auto &[arch, channels, bits] : std::vector<std::tuple<std::string, int64_t, int>>{
             {"mnist-cnn", 1, 4}, {"resnet20", 3, 2}}) {
        ql::core::ModelSpec spec;
        spec.arch = arch;
        spec.inChannels = channels;
        spec.imageSize = 8;
        spec.quant.weightBits = bits;
        spec.quant.activationBits = bits;
        const auto small = ql::core::makeClassifier(spec);
        ql::core::Normalization norm;
        norm.mean.assign(static_cast<size_t>(channels), 0.25F);
        norm.std.assign(static_cast<size_t>(channels), 0.5F);
        const std::string file = (g_out / "seed-int.qlpack").string();
        ql::core::exportPackedModel(*small, file, &norm);
        const Bytes intBytes = fileBytes(file);
        const std::string name = arch + "-8-w" + std::to_string(bits) + ".qlpack";
        put("intpack", name, prefixed(0, intBytes));
        put("intpack", "crc-" + name, prefixed(1, intBytes));
    }

    // Session JSON (app/common/session): a minimal and a full one.
    const std::string minimal = R"({"version": 1, "dataset": "mnist", "dataDir": "/data/mnist",
        "weightBits": 4, "activationBits": 4})";
    put("session", "minimal.json", Bytes(minimal.begin(), minimal.end()));
    const std::string full = R"({"version": 1, "dataset": "folder:/data/my images",
        "dataDir": "/data/my images", "weightBits": 2, "activationBits": 3,
        "layerBits": {"conv1": [8, 8], "fc2": [32, 8]},
        "history": {"standard": {"trainLoss": [[0, 2.3], [1, 0.4]]}},
        "study": {"folder": "study-1", "options": {"bits": "float,8,4,2", "seeds": 1}}})";
    put("session", "full.json", Bytes(full.begin(), full.end()));

    // Config JSON.
    auto text = [](const ql::core::TrainingConfig &c) {
        const std::string s = ql::core::toJsonString(c);
        return Bytes(s.begin(), s.end());
    };
    put("config", "default.json", text(ql::core::TrainingConfig{}));
    ql::core::TrainingConfig rich;
    rich.sgt.enabled = true;
    rich.schedule.name = "multistep";
    rich.schedule.milestones = {2, 5};
    rich.model.quant.weightBits = 2;
    rich.model.quant.perLayer["conv1"] = {8, 8};
    put("config", "rich.json", text(rich));
    put("config", "partial.json",
        Bytes{'{', '"', 'e', 'p', 'o', 'c', 'h', 's', '"', ':', '3', '}'});

    // Tar.
    put("tar", "two-files.tar", tarOf({{"data/a.txt", "hello"}, {"data/sub/b.bin", "xyz"}}));
    put("tar", "two-files.tar.gz", gz(tarOf({{"data/a.txt", "hello"}})));
    std::printf("seed corpora written to %s\n", g_out.string().c_str());
    return 0;
}
