// SPDX-License-Identifier: MIT
#include "core/deploy/model_export.h"

#include "core/deploy/int_engine.h"
#include "core/deploy/onnx_export.h"
#include "core/deploy/qlpack_reader.h"
#include "core/deploy/torchscript_export.h"
#include "core/quant/model_size.h"
#include "core/quant/packed_export.h"

#include <torch/csrc/jit/serialization/import.h>

#include <unistd.h>

#include <filesystem>
#include <stdexcept>

namespace ql::core::deploy {

std::string toString(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Packed:
        return "packed";
    case ExportFormat::TorchScript:
        return "torchscript";
    case ExportFormat::Onnx:
        return "onnx";
    }
    return "packed";
}

std::optional<ExportFormat> exportFormatFromString(const std::string &name)
{
    for (ExportFormat f : {ExportFormat::Packed, ExportFormat::TorchScript, ExportFormat::Onnx})
        if (toString(f) == name)
            return f;
    return std::nullopt;
}

std::string exportSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Packed:
        return ".qlpack";
    case ExportFormat::TorchScript:
        return ".pt";
    case ExportFormat::Onnx:
        return ".onnx";
    }
    return ".qlpack";
}

namespace {

/// TorchScript read back as Python's torch.jit.load would, and run on one image: its logits
/// must be those of the model (the export writes the weights the model computes with).
void checkTorchScript(ClassifierImpl &model, const std::string &path)
{
    torch::jit::Module loaded;
    try {
        loaded = torch::jit::load(path);
    } catch (const std::exception &e) {
        throw std::runtime_error("'" + path +
                                 "' cannot be loaded back as TorchScript: " + e.what());
    }
    const ModelSpec &spec = model.spec();
    torch::manual_seed(0);
    const torch::Tensor x = torch::randn({1, spec.inChannels, spec.imageSize, spec.imageSize});
    torch::NoGradGuard noGrad;
    const torch::Tensor expected = model.forward(x);
    const torch::Tensor got = loaded.forward({x}).toTensor();
    if (!got.sizes().equals(expected.sizes()) ||
        !torch::allclose(got, expected, /*rtol=*/1e-4, /*atol=*/1e-4))
        throw std::runtime_error("'" + path +
                                 "' was written but its outputs differ from the model's");
}

} // namespace

ExportSummary exportModel(const ClassifierImpl &model, ExportFormat format, const std::string &path,
                          const Normalization *input)
{
    if (path.empty())
        throw std::runtime_error("no file name to export to");
    if (std::filesystem::is_directory(path))
        throw std::runtime_error("'" + path + "' is a folder; give a file name");
    const std::filesystem::path folder = std::filesystem::absolute(path).parent_path();
    if (!std::filesystem::is_directory(folder))
        throw std::runtime_error("cannot write '" + path + "': the folder '" + folder.string() +
                                 "' does not exist");
    // A copy in eval mode: the exporters set modes, and `model` may be a snapshot another
    // thread reads.
    const ClassifierPtr copy = cloneClassifier(model, c10::Device(c10::kCPU));
    copy->eval();

    ExportSummary summary;
    summary.path = path;
    summary.format = format;
    summary.arch = copy->spec().arch;
    const std::string temp = path + ".tmp-" + std::to_string(::getpid()) + "-export";
    try {
        switch (format) {
        case ExportFormat::Packed: {
            exportPackedModel(*copy, temp, input);
            // The strict reader, as any consumer: a file we cannot read is not reported as
            // written. Its errors name the temporary, so say which export it was.
            PackedFile packed;
            try {
                packed = readPackedFile(temp);
            } catch (const std::exception &e) {
                throw std::runtime_error("the packed export of '" + path +
                                         "' does not read back: " + e.what());
            }
            summary.checkedWithIntEngine = true;
            try {
                IntEngine::fromFile(packed);
                summary.intEngineRuns = true;
            } catch (const std::exception &e) {
                summary.intEngineNote = e.what();
                // The reader names the temporary file; the user knows the target.
                for (size_t at; (at = summary.intEngineNote.find(temp)) != std::string::npos;)
                    summary.intEngineNote.replace(at, temp.size(), path);
            }
            break;
        }
        case ExportFormat::TorchScript:
            exportTorchScript(*copy, temp);
            checkTorchScript(*copy, temp);
            break;
        case ExportFormat::Onnx:
            exportOnnx(*copy, temp);
            checkOnnxFile(temp); // read back, as a consumer would
            break;
        }
        std::error_code error;
        std::filesystem::rename(temp, path, error);
        if (error)
            throw std::runtime_error("cannot write '" + path + "': " + error.message());
    } catch (const std::exception &e) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        std::filesystem::remove(temp + ".tmp", ignored);
        // The writers name their temporary file; the user knows the target.
        std::string message = e.what();
        for (const std::string &name : {temp + ".tmp", temp})
            for (size_t at; (at = message.find(name)) != std::string::npos;)
                message.replace(at, name.size(), path);
        if (dynamic_cast<const std::invalid_argument *>(&e) != nullptr)
            throw std::invalid_argument(message);
        throw std::runtime_error(message);
    }

    std::error_code error;
    summary.bytes = std::filesystem::file_size(path, error);
    summary.floatParameterBytes = static_cast<uint64_t>(computeModelSize(*copy).floatBytes);
    const auto &layers = copy->layers();
    for (size_t i = 0; i < layers.size(); ++i) {
        ExportedLayer layer;
        layer.name = layers[i].name;
        layer.kind = layers[i].kind;
        layer.weightBits = layers[i].bits.weightBits;
        layer.activationBits = layers[i].bits.activationBits;
        layer.logits = i + 1 == layers.size();
        layer.weights = layers[i].weightCount;
        summary.layers.push_back(layer);
    }
    return summary;
}

} // namespace ql::core::deploy
