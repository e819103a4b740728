// SPDX-License-Identifier: MIT
#pragma once
// One export path for `quantlens-cli export` and the GUI's File > Export Model...: writes a
// model in a deployable format, reads it back as a consumer would, and only then puts it in
// place, returning what a summary shows (size on disk, float size, bits per layer).

#include "core/data/dataset.h"
#include "core/models/classifier.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ql::core::deploy {

enum class ExportFormat { Packed, TorchScript, Onnx };

/// "packed", "torchscript", "onnx".
std::string toString(ExportFormat format);
/// The format `name` names (the strings of toString), or nothing.
std::optional<ExportFormat> exportFormatFromString(const std::string &name);
/// The usual file suffix: ".qlpack", ".pt", ".onnx".
std::string exportSuffix(ExportFormat format);

/// One layer as exported.
struct ExportedLayer {
    std::string name;
    std::string kind;       ///< "conv" or "linear"
    int weightBits = 0;     ///< kFloatBits for a float layer
    int activationBits = 0; ///< of the activation after the layer; ignored when `logits`
    bool logits = false;    ///< the last layer (its outputs are the float logits)
    int64_t weights = 0;
};

struct ExportSummary {
    std::string path;
    ExportFormat format = ExportFormat::Packed;
    std::string arch;
    uint64_t bytes = 0;               ///< the file's size on disk
    uint64_t floatParameterBytes = 0; ///< the same model's parameters in float32
    /// Packed only: whether the integer engine (IntEngine) runs the file, and if not why.
    bool checkedWithIntEngine = false;
    bool intEngineRuns = false;
    std::string intEngineNote;
    std::vector<ExportedLayer> layers;
};

/// Writes `model` (not modified: a copy is exported) to `path` in `format`. The file is first
/// written next to `path` (`path.tmp-<pid>-export`) and checked: packed is read back with the
/// strict reader (readPackedFile) and offered to the integer engine, ONNX passes
/// onnx::checker, TorchScript is loaded with torch::jit::load and its output on one image
/// compared with the model's. Only then is it renamed over `path`, so a failed export leaves
/// neither a half-written file nor a changed old one. `input` (the data set's normalisation)
/// is recorded in packed files (the integer engine needs it). Throws std::invalid_argument for
/// an unsupported model, std::runtime_error naming the file and the problem otherwise.
ExportSummary exportModel(const ClassifierImpl &model, ExportFormat format, const std::string &path,
                          const Normalization *input = nullptr);

} // namespace ql::core::deploy
